#pragma once
// Runtime extents of the symbolic dimensions, fixed from the bindings once per evaluation
// call. Every size is checked here, so the kernels never trip an Eigen assertion.
#include <array>
#include <cstdio>
#include <stdexcept>
#include <string>
#include <string_view>

#include <Eigen/Core>

#include "../detail/type_list.hpp"
#include "../shape/shape.hpp"
#include "errors.hpp"
#include "plan/plan.hpp"

namespace symgrad::eval_detail {

inline int length(std::string_view s) { return static_cast<int>(s.size()); }

// Names both sides: the variable that contradicts the extent, and the one bound first that set
// it (the data may be wrong on either side, and the order alone decided which one is blamed).
[[noreturn]] inline void throw_extent_mismatch(std::string_view dim, std::string_view var, std::string_view unit,
                                               Eigen::Index got, std::string_view source,
                                               std::string_view source_unit, Eigen::Index expected) {
  if (source == var)
    throw_formatted<dimension_error>(
        "symgrad: dimension '%.*s': variable '%.*s' has %lld %.*s%s, but its %.*ss, read first, set %.*s = %lld",
        length(dim), dim.data(), length(var), var.data(), static_cast<long long>(got), length(unit), unit.data(),
        got == 1 ? "" : "s", length(source_unit), source_unit.data(), length(dim), dim.data(),
        static_cast<long long>(expected));
  throw_formatted<dimension_error>(
      "symgrad: dimension '%.*s': variable '%.*s' has %lld %.*s%s, but variable '%.*s', bound first, set %.*s = "
      "%lld with its %.*ss",
      length(dim), dim.data(), length(var), var.data(), static_cast<long long>(got), length(unit), unit.data(),
      got == 1 ? "" : "s", length(source), source.data(), length(dim), dim.data(), static_cast<long long>(expected),
      length(source_unit), source_unit.data());
}

[[noreturn]] inline void throw_empty(std::string_view var, std::string_view unit, std::string_view dim) {
  throw_formatted<dimension_error>(
      "symgrad: variable '%.*s' has 0 %.*ss, but dimension '%.*s' must be at least 1 (an empty data set "
      "has no loss: a mean over it would be 0 / 0)",
      length(var), var.data(), length(unit), unit.data(), length(dim), dim.data());
}

[[noreturn]] inline void throw_unit_mismatch(std::string_view var, std::string_view unit, Eigen::Index got,
                                             std::string_view rows, std::string_view cols) {
  throw_formatted<dimension_error>(
      "symgrad: variable '%.*s' has %lld %.*s%s but its shape is %.*s x %.*s, so it must have 1 %.*s",
      length(var), var.data(), static_cast<long long>(got), length(unit), unit.data(), got == 1 ? "" : "s",
      length(rows), rows.data(), length(cols), cols.data(), length(unit), unit.data());
}

template <class Dims>
class extents;

template <class... D>
class extents<detail::type_list<D...>> {
 public:
  extents() { size_.fill(-1); }

  template <class Dim>
  Eigen::Index of() const {
    if constexpr (std::is_same_v<Dim, unit_dim>) return 1;
    else return size_[detail::index_of_v<Dim, detail::type_list<D...>>];
  }

  // By position, for an exchange of the extents (symgrad/mpi.hpp); -1 for one not fixed.
  static constexpr std::size_t count = sizeof...(D);
  template <class Dim>
  static constexpr std::size_t index = detail::index_of_v<Dim, detail::type_list<D...>>;
  Eigen::Index operator[](std::size_t i) const { return size_[i]; }
  static std::string_view name(std::size_t i) {
    constexpr std::string_view names[] = {D::name()..., ""};
    return names[i];
  }
  // The extent of Dim set from elsewhere: the total rows of all ranks.
  template <class Dim>
  void set(Eigen::Index n) { size_[index<Dim>] = n; }

  // The first binding (in bind order; with() keeps a rebound variable's place) that has a
  // dimension sets its extent, rows before columns; later ones must agree.
  template <class Var>
  void fix(Eigen::Index rows, Eigen::Index cols) {
    using S = shape_of_t<Var>;
    constexpr std::string_view var = Var::name(), row_name = S::rows::name(), col_name = S::cols::name();
    fix_one(position<typename S::rows>(), rows, "row", var, row_name, col_name);
    fix_one(position<typename S::cols>(), cols, "column", var, row_name, col_name);
  }

 private:
  // Dim's position, or count for the unit dimension (an extent of 1).
  template <class Dim>
  static constexpr std::size_t position() {
    if constexpr (std::is_same_v<Dim, unit_dim>) return count;
    else return index<Dim>;
  }

  // One function for all the variables and dimensions: a binding's check is a call.
  [[gnu::noinline]] void fix_one(std::size_t i, Eigen::Index got, std::string_view unit, std::string_view var,
                                 std::string_view row_name, std::string_view col_name) {
    if (i == count) {
      if (got != 1) throw_unit_mismatch(var, unit, got, row_name, col_name);
      return;
    }
    if (got == 0) throw_empty(var, unit, name(i));
    if (size_[i] < 0) {
      size_[i] = got;
      source_[i] = var;
      source_unit_[i] = unit;
    } else if (size_[i] != got) {
      throw_extent_mismatch(name(i), var, unit, got, source_[i], source_unit_[i], size_[i]);
    }
  }

  std::array<Eigen::Index, sizeof...(D)> size_;
  std::array<std::string_view, sizeof...(D)> source_{}, source_unit_{};
};

}  // namespace symgrad::eval_detail
