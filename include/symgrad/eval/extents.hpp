#pragma once
// Runtime extents of the symbolic dimensions, fixed from the bindings once per evaluation
// call. Every size is checked here, so the kernels never trip an Eigen assertion.
#include <array>
#include <stdexcept>
#include <string>
#include <string_view>

#include <Eigen/Core>

#include "../shape/shape.hpp"
#include "plan.hpp"

namespace symgrad {

struct dimension_error : std::invalid_argument {
  using std::invalid_argument::invalid_argument;
};

}  // namespace symgrad

namespace symgrad::eval_detail {

inline std::string count_of(Eigen::Index n, std::string_view unit) {
  return std::to_string(n) + " " + std::string(unit) + (n == 1 ? "" : "s");
}

[[noreturn]] inline void throw_extent_mismatch(std::string_view var, std::string_view unit, Eigen::Index got,
                                               std::string_view dim, Eigen::Index expected, std::string_view source) {
  throw dimension_error("symgrad: variable '" + std::string(var) + "' has " + count_of(got, unit) + " but dimension '" +
                        std::string(dim) + "' is " + std::to_string(expected) + " (from variable '" +
                        std::string(source) + "')");
}

[[noreturn]] inline void throw_unit_mismatch(std::string_view var, std::string_view unit, Eigen::Index got,
                                             const std::string& shape) {
  throw dimension_error("symgrad: variable '" + std::string(var) + "' has " + count_of(got, unit) +
                        " but its shape is " + shape + ", so it must have 1 " + std::string(unit));
}

template <class Dims>
class extents;

template <class... D>
class extents<tlist<D...>> {
 public:
  extents() { size_.fill(-1); }

  template <class Dim>
  Eigen::Index of() const {
    if constexpr (std::is_same_v<Dim, unit_dim>) return 1;
    else return size_[index_of_v<Dim, tlist<D...>>];
  }

  // The first variable with a dimension sets its extent; later ones must agree.
  template <class Var>
  void fix(Eigen::Index rows, Eigen::Index cols) {
    fix_one<Var, typename shape_of_t<Var>::rows>(rows, "row");
    fix_one<Var, typename shape_of_t<Var>::cols>(cols, "column");
  }

 private:
  template <class Var, class Dim>
  void fix_one(Eigen::Index got, std::string_view unit) {
    if constexpr (std::is_same_v<Dim, unit_dim>) {
      if (got != 1) throw_unit_mismatch(Var::name(), unit, got, shape_string<shape_of_t<Var>>());
    } else {
      constexpr std::size_t i = index_of_v<Dim, tlist<D...>>;
      if (size_[i] < 0) {
        size_[i] = got;
        source_[i] = Var::name();
      } else if (size_[i] != got) {
        throw_extent_mismatch(Var::name(), unit, got, Dim::name(), size_[i], source_[i]);
      }
    }
  }

  std::array<Eigen::Index, sizeof...(D)> size_;
  std::array<std::string_view, sizeof...(D)> source_{};
};

}  // namespace symgrad::eval_detail
