#pragma once
// eval(expr, bindings) and eval_all(bindings, e1, e2, ...): check every size once, then
// compute each distinct subterm once, in plan order, into a cache looked up by type.
// Results: double for scalar shapes, VectorXd for n x 1, MatrixXd otherwise.
#include <array>
#include <cstddef>
#include <tuple>
#include <type_traits>
#include <utility>

#include <Eigen/Core>

#include "../expr/nodes.hpp"
#include "binding.hpp"
#include "diagnostics.hpp"
#include "extents.hpp"
#include "kernels.hpp"
#include "plan.hpp"

namespace symgrad {

template <class E>
using eval_result_t =
    std::conditional_t<is_scalar_v<E>, double,
                       std::conditional_t<std::is_same_v<typename shape_of_t<E>::cols, unit_dim>, Eigen::VectorXd,
                                          Eigen::MatrixXd>>;

}  // namespace symgrad

namespace symgrad::eval_detail {

// Test hook: incremented once per computed subterm.
inline thread_local std::size_t subterm_evaluations = 0;

template <class L>
struct cache_of;
template <class... T>
struct cache_of<tlist<T...>> {
  using type = std::tuple<eval_result_t<T>...>;
};

template <class T>
struct is_filled : std::false_type {};
template <class S>
struct is_filled<ones<S>> : std::true_type { static constexpr double value_of = 1; };
template <class S>
struct is_filled<zeros<S>> : std::true_type { static constexpr double value_of = 0; };

template <class T>
inline constexpr bool is_size_of_v = false;
template <class D>
inline constexpr bool is_size_of_v<size_of<D>> = true;

// ---- compile-time checks, one diagnostic per missing piece ----------------------------------
// The verdict is a plain trait and the diagnostics are instantiated apart from it, so a
// failed check stops there instead of failing the constant expressions that use it.

template <class V, class... B>
inline constexpr bool is_bound_v = index_of_v<V, tlist<typename B::var_type...>> != npos;

template <class V, class... B>
void report_unbound() {
  if constexpr (!is_bound_v<V, B...>) (void)diagnostic::missing_binding<V>{};
}
template <class D, class Dims>
void report_undetermined() {
  if constexpr (!contains_v<D, Dims>) (void)diagnostic::undetermined_dimension<D>{};
}

template <class Vars, class Needed, class... B>
struct requirements;
template <class... V, class... D, class... B>
struct requirements<tlist<V...>, tlist<D...>, B...> {
  using dims = dims_of_t<typename B::var_type...>;
  static constexpr bool met = (is_bound_v<V, B...> && ...) && (contains_v<D, dims> && ...);
  static void report() {
    (report_unbound<V, B...>(), ...);
    (report_undetermined<D, dims>(), ...);
  }
};

// ---- evaluation context -------------------------------------------------------------------

template <class Plan, class... B>
class context {
  using terms = typename Plan::terms;

 public:
  explicit context(const bindings<B...>& bs) : bs_(bs) { fix_extents(std::index_sequence_for<B...>{}); }

  void run() { run(std::make_index_sequence<terms::size>{}); }

  // Value of a subterm: leaves are read from the bindings, the rest from the cache.
  template <class E>
  decltype(auto) get() const {
    if constexpr (is_var_v<E>) return std::get<index_of_v<E, tlist<typename B::var_type...>>>(bs_.items).value();
    else if constexpr (is_constant_v<E>) return to_double(E::value);
    else if constexpr (is_size_of_v<E>) return static_cast<double>(size_extent(E{}));
    else if constexpr (is_filled<E>::value && is_scalar_v<E>) return double{is_filled<E>::value_of};
    else if constexpr (std::is_same_v<E, invalid_expr>) return 0.0;  // already diagnosed by the builder
    else return std::get<index_of_v<E, terms>>(cache_);
  }

  // A root's result; moved out of the cache unless the same root is asked for again later.
  template <class E, bool Move>
  eval_result_t<E> take() {
    if constexpr (contains_v<E, terms> && Move) return std::move(std::get<index_of_v<E, terms>>(cache_));
    else return eval_result_t<E>(get<E>());
  }

 private:
  template <std::size_t... I>
  void fix_extents(std::index_sequence<I...>) {
    (fix_extent<B>(std::get<I>(bs_.items)), ...);
  }
  // Every binding is checked, used or not: dimension names are shared by the whole set.
  template <class Bd>
  void fix_extent(const Bd& b) {
    if constexpr (!is_scalar_v<typename Bd::var_type>) ext_.template fix<typename Bd::var_type>(b.value().rows(), b.value().cols());
  }

  template <class D>
  Eigen::Index size_extent(size_of<D>) const { return ext_.template of<D>(); }

  template <std::size_t... I>
  void run(std::index_sequence<I...>) {
    (compute(std::get<I>(cache_), static_cast<std::tuple_element_t<I, as_tuple_t<terms>>*>(nullptr)), ...);
  }

  template <class Out, class S>
  void compute(Out& out, ones<S>*) { fill(out, S{}, 1.0); }
  template <class Out, class S>
  void compute(Out& out, zeros<S>*) { fill(out, S{}, 0.0); }
  template <class Out, class S>
  void fill(Out& out, S, double v) {
    ++subterm_evaluations;
    out = Out::Constant(ext_.template of<typename S::rows>(), ext_.template of<typename S::cols>(), v);
  }

  template <class Out, class Op, class... A>
  void compute(Out& out, node<Op, A...>*) {
    ++subterm_evaluations;
    using E = node<Op, A...>;
    if constexpr (std::is_same_v<Op, op::matmul>) product(out, static_cast<E*>(nullptr));
    else if constexpr (std::is_same_v<Op, op::sum> || std::is_same_v<Op, op::mean>) out = reduce<Op>(get<A>()...);
    else if constexpr (is_scalar_v<E>) out = scalar(static_cast<E*>(nullptr), get<A>()...);
    else if constexpr (std::is_same_v<Op, op::add>) add_into(out, get<A>()...);
    else if constexpr (std::is_same_v<Op, op::mul>) mul_into(out, get<A>()...);
    else if constexpr (std::is_same_v<Op, op::sub>) binary(out, [](const auto& l, const auto& r) { return l - r; }, get<A>()...);
    else if constexpr (std::is_same_v<Op, op::div>) binary(out, [](const auto& l, const auto& r) { return l / r; }, get<A>()...);
    else if constexpr (std::is_same_v<Op, op::neg>) out = -get<A...>();
    else if constexpr (std::is_same_v<Op, op::transpose>) out = get<A...>().transpose();
    else if constexpr (std::is_same_v<Op, op::pow>) power(out, static_cast<E*>(nullptr));
    else if constexpr (op::is_function_v<Op>) fn_into(Op{}, out, get<A...>());
    else (void)diagnostic::no_kernel<Op>{};
  }

  template <class Out, class F, class L, class R>
  static void binary(Out& out, F f, const L& l, const R& r) { out = f(arr(l), arr(r)).matrix(); }

  template <class Out, class A, rat P>
  void power(Out& out, node<op::pow, A, constant<P>>*) { pow_into<P>(out, get<A>()); }

  template <class Op, class X>
  static double reduce(const X& x) {
    if constexpr (is_number_v<X>) return x;  // sum or mean of a scalar
    else if constexpr (std::is_same_v<Op, op::sum>) return x.sum();
    else return x.sum() / static_cast<double>(x.size());
  }

  // All operands of a scalar-shaped elementwise node are scalars.
  template <class Op, class... A, class... V>
  static double scalar(node<Op, A...>*, V... v) {
    if constexpr (std::is_same_v<Op, op::add>) return (v + ...);
    else if constexpr (std::is_same_v<Op, op::mul>) return (v * ...);
    else if constexpr (std::is_same_v<Op, op::sub>) return (... - v);  // binary
    else if constexpr (std::is_same_v<Op, op::div>) return (... / v);  // binary
    else if constexpr (std::is_same_v<Op, op::neg>) return -(v, ...);
    else if constexpr (std::is_same_v<Op, op::transpose>) return (v, ...);
    else if constexpr (std::is_same_v<Op, op::pow>) return pow_scalar(static_cast<node<Op, A...>*>(nullptr), v...);
    else if constexpr (op::is_function_v<Op>) return fn(Op{}, (v, ...));
    else { (void)diagnostic::no_kernel<Op>{}; return 0; }
  }
  template <class A, rat P, class... V>
  static double pow_scalar(node<op::pow, A, constant<P>>*, double x, V...) { return pow_of<P>(x); }

  // An operand with its static shape: compile-time vectors become columns (or rows) so
  // that Eigen picks its matrix-vector kernel statically instead of instantiating GEMM.
  template <class A>
  decltype(auto) view() const {
    using inner = typename operand<op::matmul, A>::type;
    decltype(auto) base = [&]() -> decltype(auto) {
      if constexpr (std::is_same_v<inner, A>) return get<A>();
      else return get<inner>().transpose();
    }();
    if constexpr (std::is_same_v<typename shape_of_t<A>::cols, unit_dim>) return base.col(0);
    else if constexpr (std::is_same_v<typename shape_of_t<A>::rows, unit_dim>) return base.row(0);
    else return base;
  }

  template <class Out, class A0, class A1>
    requires(!is_scalar_v<A0> && !is_scalar_v<A1> && !is_scalar_v<node<op::matmul, A0, A1>>)
  void product(Out& out, node<op::matmul, A0, A1>*) {
    out.noalias() = view<A0>() * view<A1>();
  }

  template <class Out, class... A>
  void product(Out& out, node<op::matmul, A...>*) {
    using E = node<op::matmul, A...>;
    constexpr std::size_t K = sizeof...(A);
    std::array<Eigen::MatrixXd, K> boxes;  // 1 x 1 storage for scalar operands, if any
    [&]<std::size_t... I>(std::index_sequence<I...>) {
      const std::array<factor, K> f{chain_factor<A>(boxes[I])...};
      if constexpr (is_scalar_v<E>) {
        Eigen::MatrixXd r;
        chain<K>(f).into(r);
        out = r(0, 0);
      } else chain<K>(f).into(out);
    }(std::index_sequence_for<A...>{});
  }

  template <class A>
  factor chain_factor(Eigen::MatrixXd& box) const {
    if constexpr (!std::is_same_v<typename operand<op::matmul, A>::type, A>)
      return factor{get<typename operand<op::matmul, A>::type>(), true};
    else if constexpr (is_scalar_v<A>) {
      box = Eigen::MatrixXd::Constant(1, 1, get<A>());
      return factor{box, false};
    } else return factor{get<A>(), false};
  }

  const bindings<B...>& bs_;
  extents<dims_of_t<typename B::var_type...>> ext_;
  typename cache_of<terms>::type cache_;
};

template <class E, std::size_t I, class... Es>
constexpr bool last_occurrence() {
  constexpr bool same[] = {std::is_same_v<E, Es>..., false};
  for (std::size_t j = I + 1; j < sizeof...(Es); ++j)
    if (same[j]) return false;
  return true;
}

}  // namespace symgrad::eval_detail

namespace symgrad {

template <class... B, expression... E>
std::tuple<eval_result_t<E>...> eval_all(const bindings<B...>& bs, E...) {
  using P = eval_detail::plan<E...>;
  using R = eval_detail::requirements<typename P::vars, typename P::needed_dims, B...>;
  if constexpr ((is_binding_error_v<B> || ...)) return {};  // diagnosed at the `=`
  else if constexpr (!R::met) {
    R::report();
    return {};
  } else {
    eval_detail::context<P, B...> ctx(bs);  // throws dimension_error before any arithmetic
    ctx.run();
    return [&]<std::size_t... I>(std::index_sequence<I...>) {
      // Braces: left to right, so a repeated root is copied before its last use moves it.
      return std::tuple<eval_result_t<E>...>{ctx.template take<E, eval_detail::last_occurrence<E, I, E...>()>()...};
    }(std::index_sequence_for<E...>{});
  }
}

template <expression E, class... B>
eval_result_t<E> eval(E e, const bindings<B...>& bs) {
  return std::get<0>(eval_all(bs, e));
}

}  // namespace symgrad
