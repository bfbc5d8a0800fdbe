#pragma once
// Bindings: `X = data` pairs a variable with its value, bind(...) collects them.
//
// A vector or matrix binding of doubles reads its data through an Eigen::Ref<const MatrixXd>
// (of floats, through an Eigen::Ref<const MatrixXf>, and is evaluated in float):
// - a MatrixXd, VectorXd, Map or column-major block with unit inner stride that is an
//   lvalue (or a view of one) is referenced, not copied: it must outlive the bindings, and
//   in-place edits are seen by the next eval;
// - an rvalue plain object (`X = make_data()`, `X = std::move(m)`) is owned by the binding,
//   in storage shared by all copies of it, so it cannot dangle: a MatrixXd or VectorXd is
//   moved in (its heap storage changes hands, no coefficient is copied), another plain
//   type (fixed size, row vector, array, const) is copied once. Value categories reach
//   make_binding through the forwarding var::operator= (declared in expr/nodes.hpp);
// - anything else Ref cannot map (expressions such as 2 * M, M.row(i), row-major storage)
//   is copied once into that shared storage.
// Scalars are stored by value. The storage is shared by binding<Var> for every Var, so
// binding one more variable compiles no new Eigen code.
#include <cstddef>
#include <memory>
#include <tuple>
#include <type_traits>
#include <stdexcept>
#include <string>
#include <utility>

#include <Eigen/Core>

#include "../detail/type_list.hpp"
#include "../expr/network.hpp"
#include "../expr/nodes.hpp"
#include "diagnostics.hpp"
#include "kernels/views.hpp"
#include "plan/plan.hpp"

namespace symgrad {

namespace eval_detail {

// The value of a vector or matrix binding of numbers R, whatever the variable.
template <class R>
class dense_binding {
 public:
  using ref_type = ref_t<R>;

  // Lvalues: referenced when Ref can map them, else copied once.
  template <class Derived>
  static dense_binding of(const Eigen::DenseBase<Derived>& data) {
    // A plain matrix or vector is always mapped: no fallback to compile.
    if constexpr (std::is_same_v<Derived, matrix_t<R>> || std::is_same_v<Derived, vector_t<R>>)
      return dense_binding(nullptr, ref_type(data.derived()));
    else if constexpr (ref_maps_v<Derived>) {
      ref_type probe(data.derived());
      if (probe.data() == data.derived().data()) return dense_binding(nullptr, probe);
      return owning(matrix_t<R>(data));
    } else return owning(matrix_t<R>(data));
  }

  // Rvalue plain objects: a MatrixXd or VectorXd is moved in (its heap storage changes
  // hands, the data is not copied); any other (fixed-size, row vector, array, const) is
  // copied once into a MatrixXd. Either way the binding owns it, so it cannot dangle.
  template <class Plain>
  static dense_binding owning(Plain&& data) {
    using P = std::remove_cvref_t<Plain>;
    if constexpr ((std::is_same_v<P, matrix_t<R>> || std::is_same_v<P, vector_t<R>>) &&
                  !std::is_const_v<std::remove_reference_t<Plain>> && !std::is_lvalue_reference_v<Plain>) {
      auto owned = std::make_shared<const P>(std::move(data));
      const ref_type ref(*owned);
      return dense_binding(std::move(owned), ref);
    } else return owning(matrix_t<R>(data));
  }

  dense_binding(const dense_binding&) = default;
  // Ref cannot be reseated by assignment (that would copy coefficients), so rebuild it.
  dense_binding& operator=(const dense_binding& other) {
    if (this != &other) {
      owned_ = other.owned_;
      std::destroy_at(&ref_);
      std::construct_at(&ref_, other.ref_);
    }
    return *this;
  }

  const ref_type& value() const { return ref_; }
  // True when the binding holds its data (copied or moved in) instead of referencing it.
  bool owns_copy() const { return owned_ != nullptr; }

 private:
  // Ref's copy constructor never copies a Ref-owned temporary (it would dangle), so data
  // that must be held is kept here instead, and the Ref maps it.
  dense_binding(std::shared_ptr<const void> owned, const ref_type& ref) : owned_(std::move(owned)), ref_(ref) {}

  std::shared_ptr<const void> owned_;
  ref_type ref_;
};

}  // namespace eval_detail

/// A scalar variable's value is a double whatever the evaluation's number type (it is rounded
/// to float in a float evaluation); a vector or matrix variable's is of numbers R.
template <class Var, bool Scalar = is_scalar_v<Var>, class R = double>
class binding;

template <class Var>
class binding<Var, true, double> {
 public:
  using var_type = Var;
  explicit binding(double value) : value_(value) {}
  double value() const { return value_; }

 private:
  double value_;
};

template <class Var, class R>
class binding<Var, false, R> : public eval_detail::dense_binding<R> {
 public:
  using var_type = Var;
  explicit binding(const eval_detail::dense_binding<R>& value) : eval_detail::dense_binding<R>(value) {}
};

// What `x = value` returns after a diagnosed misuse, so one mistake gives one diagnostic.
template <class Var>
struct binding_error {
  using var_type = Var;
};

template <class T>
inline constexpr bool is_binding_v = false;
template <class V, bool S, class R>
inline constexpr bool is_binding_v<binding<V, S, R>> = true;
template <class V>
inline constexpr bool is_binding_v<binding_error<V>> = true;

namespace eval_detail {
// The number type of the values of bindings B...: float when the vector and matrix bindings
// hold floats, double when they hold doubles or there are none (scalars are doubles, rounded
// to the evaluation's type).
template <class B>
struct binding_number {
  using type = void;
};
template <class V, class R>
struct binding_number<binding<V, false, R>> {
  using type = R;
};
template <class... B>
inline constexpr bool any_float_v = (std::is_same_v<typename binding_number<B>::type, float> || ...);
template <class... B>
inline constexpr bool any_double_v = (std::is_same_v<typename binding_number<B>::type, double> || ...);
template <class... B>
using number_of_t = std::conditional_t<any_float_v<B...> && !any_double_v<B...>, float, double>;

// Vector and matrix bindings of one number type only: the evaluation computes in it.
template <class... B>
constexpr void check_one_number_type() {
  if constexpr (any_float_v<B...> && any_double_v<B...>) (void)diagnostic::mixed_number_types<B...>{};
}
}  // namespace eval_detail

template <class T>
inline constexpr bool is_binding_error_v = false;
template <class V>
inline constexpr bool is_binding_error_v<binding_error<V>> = true;

namespace eval_detail {

// An rvalue Eigen plain object (Matrix or Array, not a view or an expression): a temporary
// whose storage would die with it, so the binding takes it over.
template <class Fwd>
inline constexpr bool is_rvalue_plain_v =
    !std::is_lvalue_reference_v<Fwd> &&
    std::is_base_of_v<Eigen::PlainObjectBase<std::remove_cvref_t<Fwd>>, std::remove_cvref_t<Fwd>>;

// Any dense Eigen object: matrices, arrays, maps, blocks and segments (whose DenseBase is
// that of the block they derive from), expressions.
template <class D>
D dense_derived(const Eigen::DenseBase<D>&);
template <class T>
inline constexpr bool is_dense_v = requires(const T& t) { dense_derived(t); };

// Fwd is the forwarded type of the value: an lvalue reference for lvalues.
template <class V, class Fwd>
auto make_binding(Fwd&& value) {
  using T = std::remove_cvref_t<Fwd>;
  if constexpr (std::is_arithmetic_v<T>) {
    if constexpr (is_scalar_v<V>) return binding<V>(static_cast<double>(value));
    else { (void)diagnostic::scalar_bound_to_matrix<diagnostic::var_text_t<V>>{}; return binding_error<V>{}; }
  } else if constexpr (is_dense_v<T>) {
    if constexpr (is_scalar_v<V>) { (void)diagnostic::matrix_bound_to_scalar<diagnostic::var_text_t<V>>{}; return binding_error<V>{}; }
    else if constexpr (!is_number_v<typename T::Scalar>) {
      (void)diagnostic::unsupported_binding<diagnostic::var_text_t<V>, T>{};
      return binding_error<V>{};
    } else {
      using R = typename T::Scalar;
      if constexpr (is_rvalue_plain_v<Fwd>) return binding<V, false, R>(dense_binding<R>::owning(std::forward<Fwd>(value)));
      else return binding<V, false, R>(dense_binding<R>::of(value));
    }
  } else {
    (void)diagnostic::unsupported_binding<diagnostic::var_text_t<V>, T>{};
    return binding_error<V>{};
  }
}

template <class B, class... All>
inline constexpr bool bound_once_v = (std::is_same_v<typename B::var_type, typename All::var_type> + ... + 0) == 1;

template <class... B>
constexpr void check_bound_once() {
  if constexpr (!(bound_once_v<B, B...> && ...)) {
    ([] {
      if constexpr (!bound_once_v<B, B...>) (void)diagnostic::bound_twice<diagnostic::var_text_t<typename B::var_type>>{};
    }(), ...);
  }
}

template <class T, class... R>
inline constexpr bool rebinds_v = (std::is_same_v<typename T::var_type, typename R::var_type> || ...);

}  // namespace eval_detail

/// Variables paired with their values, made by bind(...). Vector and matrix values are
/// referenced when they are lvalues (keep them alive), owned when they are rvalues.
template <class... B>
class bindings {
  static_assert((is_binding_v<B> && ...), "symgrad: bindings hold `variable = value` pairs only");

 public:
  std::tuple<B...> items;

  explicit bindings(const B&... b) : items(b...) {}

  /// A copy with the given variables rebound (or added, if they were not bound).
  template <class... R>
    requires(is_binding_v<R> && ...)
  auto with(const R&... r) const {
    eval_detail::check_bound_once<R...>();
    eval_detail::check_one_number_type<B..., R...>();
    auto kept = std::apply([&](const B&... b) { return std::tuple<B...>(pick(b, r...)...); }, items);
    auto all = std::tuple_cat(std::move(kept), added(r)...);
    return std::apply([](const auto&... x) { return bindings<std::remove_cvref_t<decltype(x)>...>(x...); }, all);
  }

 private:
  template <class T, class... R>
  static const T& pick(const T& kept, const R&... r) {
    constexpr std::size_t i = detail::index_of_v<typename T::var_type, detail::type_list<typename R::var_type...>>;
    if constexpr (i == detail::npos) return kept;
    else if constexpr (!std::is_same_v<T, std::tuple_element_t<i, std::tuple<R...>>>) return kept;  // binding_error
    else return std::get<i>(std::forward_as_tuple(r...));
  }

  template <class R>
  static auto added(const R& r) {
    if constexpr (eval_detail::rebinds_v<R, B...>) return std::tuple<>{};
    else return std::tuple<R>(r);
  }
};

/// Collects `variable = value` pairs: `bind(X = data, w = w0, b = 0.0)`.
template <class... B>
  requires(is_binding_v<B> && ...)
bindings<B...> bind(const B&... b) {
  eval_detail::check_bound_once<B...>();
  eval_detail::check_one_number_type<B...>();
  return bindings<B...>(b...);
}

// `x = value`, declared in var (expr/nodes.hpp), defined here to keep expr/ free of Eigen.
template <fixed_string Name, class Shape, class Props>
template <class T>
auto var<Name, Shape, Props>::operator=(T&& value) const {
  return eval_detail::make_binding<var>(std::forward<T>(value));
}

namespace eval_detail {
// Out of line and noreturn: inlined, g++ 12 followed the throwing path into the indexing
// below and warned of an index past the end (-Warray-bounds).
[[noreturn, gnu::noinline]] inline void wrong_parameter_count(std::size_t depth, std::size_t given) {
  std::string what = "symgrad: net.bind(parameters, ...): a network of ";
  what.append(std::to_string(depth)).append(" layers takes ").append(std::to_string(2 * depth));
  what.append(" matrices (W1, b1, W2, b2, ...), given ").append(std::to_string(given));
  throw std::invalid_argument(what);
}
}  // namespace eval_detail

template <class Input, class... Layers>
template <class List, class... B>
auto network<Input, Layers...>::bind(const List& parameters, const B&... data) const {
  static_assert((is_binding_v<B> && ...), "symgrad: net.bind(parameters, ...) takes `variable = value` pairs after the list");
  if (parameters.size() != 2 * depth) eval_detail::wrong_parameter_count(depth, parameters.size());
  return [&]<std::size_t... I>(std::index_sequence<I...>) {
    return symgrad::bind(data..., (weight<I + 1>() = parameters[2 * I])..., (bias<I + 1>() = parameters[2 * I + 1])...);
  }(std::make_index_sequence<depth>{});
}

}  // namespace symgrad
