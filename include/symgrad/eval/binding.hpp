#pragma once
// Bindings: `X = data` pairs a variable with its value, bind(...) collects them.
//
// A vector or matrix binding references the caller's data through an
// Eigen::Ref<const MatrixXd>: MatrixXd, VectorXd, Map and column-major blocks with unit
// inner stride are not copied, so the data must outlive the bindings (`X = make_data()`
// dangles after the statement) and in-place edits are seen by the next eval. Anything
// Ref cannot map (expressions such as 2 * M, M.row(i), row-major storage) is copied once,
// into storage shared by all copies of the binding. Scalars are stored by value.
#include <cstddef>
#include <memory>
#include <tuple>
#include <type_traits>
#include <utility>

#include <Eigen/Core>

#include "../expr/nodes.hpp"
#include "diagnostics.hpp"
#include "plan.hpp"

namespace symgrad {

template <class Var, bool Scalar = is_scalar_v<Var>>
class binding;

template <class Var>
class binding<Var, true> {
 public:
  using var_type = Var;
  explicit binding(double value) : value_(value) {}
  double value() const { return value_; }

 private:
  double value_;
};

template <class Var>
class binding<Var, false> {
 public:
  using var_type = Var;
  using ref_type = Eigen::Ref<const Eigen::MatrixXd>;

  template <class Derived>
  static binding of(const Eigen::DenseBase<Derived>& data) {
    // Internal trait, but the exact test Ref's constructor uses to decide whether to map.
    if constexpr (Eigen::internal::traits<ref_type>::template match<Derived>::MatchAtCompileTime) {
      ref_type probe(data.derived());
      if (probe.data() == data.derived().data()) return binding(nullptr, probe);
    }
    auto copy = std::make_shared<const Eigen::MatrixXd>(data);
    return binding(copy, ref_type(*copy));
  }

  binding(const binding&) = default;
  // Ref cannot be reseated by assignment (that would copy coefficients), so rebuild it.
  binding& operator=(const binding& other) {
    if (this != &other) {
      owned_ = other.owned_;
      std::destroy_at(&ref_);
      std::construct_at(&ref_, other.ref_);
    }
    return *this;
  }

  const ref_type& value() const { return ref_; }
  // True when the data could not be mapped and was copied.
  bool owns_copy() const { return owned_ != nullptr; }

 private:
  // Ref's copy constructor never copies a Ref-owned temporary (it would dangle), so a
  // copy that Ref would make internally is kept here instead.
  binding(std::shared_ptr<const Eigen::MatrixXd> owned, const ref_type& ref) : owned_(std::move(owned)), ref_(ref) {}

  std::shared_ptr<const Eigen::MatrixXd> owned_;
  ref_type ref_;
};

// What `x = value` returns after a diagnosed misuse, so one mistake gives one diagnostic.
template <class Var>
struct binding_error {
  using var_type = Var;
};

template <class T>
inline constexpr bool is_binding_v = false;
template <class V, bool S>
inline constexpr bool is_binding_v<binding<V, S>> = true;
template <class V>
inline constexpr bool is_binding_v<binding_error<V>> = true;

template <class T>
inline constexpr bool is_binding_error_v = false;
template <class V>
inline constexpr bool is_binding_error_v<binding_error<V>> = true;

namespace eval_detail {

template <class V, class T>
auto make_binding(const T& value) {
  if constexpr (std::is_arithmetic_v<T>) {
    if constexpr (is_scalar_v<V>) return binding<V>(static_cast<double>(value));
    else { (void)diagnostic::scalar_bound_to_matrix<V>{}; return binding_error<V>{}; }
  } else if constexpr (std::is_base_of_v<Eigen::DenseBase<T>, T>) {
    if constexpr (is_scalar_v<V>) { (void)diagnostic::matrix_bound_to_scalar<V>{}; return binding_error<V>{}; }
    else if constexpr (!std::is_same_v<typename T::Scalar, double>) {
      (void)diagnostic::unsupported_binding<V, T>{};
      return binding_error<V>{};
    } else return binding<V>::of(value);
  } else {
    (void)diagnostic::unsupported_binding<V, T>{};
    return binding_error<V>{};
  }
}

template <class B, class... All>
inline constexpr bool bound_once_v = (std::is_same_v<typename B::var_type, typename All::var_type> + ... + 0) == 1;

template <class... B>
constexpr void check_bound_once() {
  if constexpr (!(bound_once_v<B, B...> && ...)) {
    ([] {
      if constexpr (!bound_once_v<B, B...>) (void)diagnostic::bound_twice<typename B::var_type>{};
    }(), ...);
  }
}

template <class T, class... R>
inline constexpr bool rebinds_v = (std::is_same_v<typename T::var_type, typename R::var_type> || ...);

}  // namespace eval_detail

template <class... B>
class bindings {
  static_assert((is_binding_v<B> && ...), "symgrad: bindings hold `variable = value` pairs only");

 public:
  std::tuple<B...> items;

  explicit bindings(const B&... b) : items(b...) {}

  // A copy with the given variables rebound (or added, if they were not bound).
  template <class... R>
    requires(is_binding_v<R> && ...)
  auto with(const R&... r) const {
    eval_detail::check_bound_once<R...>();
    auto kept = std::apply([&](const B&... b) { return std::tuple<B...>(pick(b, r...)...); }, items);
    auto all = std::tuple_cat(std::move(kept), added(r)...);
    return std::apply([](const auto&... x) { return bindings<std::remove_cvref_t<decltype(x)>...>(x...); }, all);
  }

 private:
  template <class T, class... R>
  static const T& pick(const T& kept, const R&... r) {
    constexpr std::size_t i = eval_detail::index_of_v<typename T::var_type, eval_detail::tlist<typename R::var_type...>>;
    if constexpr (i == eval_detail::npos) return kept;
    else if constexpr (!std::is_same_v<T, std::tuple_element_t<i, std::tuple<R...>>>) return kept;  // binding_error
    else return std::get<i>(std::forward_as_tuple(r...));
  }

  template <class R>
  static auto added(const R& r) {
    if constexpr (eval_detail::rebinds_v<R, B...>) return std::tuple<>{};
    else return std::tuple<R>(r);
  }
};

template <class... B>
  requires(is_binding_v<B> && ...)
bindings<B...> bind(const B&... b) {
  eval_detail::check_bound_once<B...>();
  return bindings<B...>(b...);
}

// `x = value`, declared in var (expr/nodes.hpp), defined here to keep expr/ free of Eigen.
template <fixed_string Name, class Shape, class Props>
template <class T>
auto var<Name, Shape, Props>::operator=(const T& value) const {
  return eval_detail::make_binding<var>(value);
}

}  // namespace symgrad
