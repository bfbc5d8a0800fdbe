#pragma once
// The simplifier's terms. Every canonical value is one `term`: an exact
// coefficient times factors base^exponent, sorted by a total order on types. A base is
// an atom (a leaf or a node the algebra cannot open further) or a `poly`: a sum of
// monomials with leading coefficient 1 and no common factor. Sums only exist as poly
// bases, so cancelling (1 - a) against (1 - a)^-1 is factor bookkeeping.
#include <string_view>
#include <type_traits>

#include "../detail/type_list.hpp"
#include "../expr/nodes.hpp"

namespace symgrad::cas {

template <class... Ts> using list = detail::type_list<Ts...>;
using detail::cons;
using detail::join;
using detail::reverse;
template <class Base, rat E> struct fac {};
template <rat C, class... Fs> struct term {};
template <class... Ms> struct poly {};

inline constexpr rat one_r{1, 1};
inline constexpr rat zero_r{0, 1};

using zero_term = term<zero_r>;
using one_term = term<one_r>;

template <class T> struct term_traits;
template <rat C, class... Fs>
struct term_traits<term<C, Fs...>> {
  static constexpr rat coeff = C;
  using factors = list<Fs...>;
};

template <class T> inline constexpr bool is_zero_v = false;
template <class... Fs> inline constexpr bool is_zero_v<term<zero_r, Fs...>> = true;

template <class T> inline constexpr bool is_poly_v = false;
template <class... Ms> inline constexpr bool is_poly_v<poly<Ms...>> = true;
template <class T> inline constexpr bool is_monomial_v = false;
template <rat C, class... F> inline constexpr bool is_monomial_v<term<C, F...>> = true;

// ---- a total order on types ------------------------------------------------------------
// kind first (op rank for nodes), then name, then children, then value. Lower prints first.

template <int Kind, class Children = list<>, rat Value = zero_r>
struct key_base {
  static constexpr int kind = Kind;
  static constexpr std::string_view name = "";
  static constexpr rat value = Value;
  using children = Children;
};

template <class T> struct order_key;
template <> struct order_key<unit_dim> : key_base<0> {};
template <fixed_string N> struct order_key<dim_t<N>> : key_base<1> {
  static constexpr std::string_view name = N.view();
};
// Properties a variable declares, by name.
template <class P>
  requires(std::is_same_v<P, no_props> || std::is_same_v<P, sums_to_one> || std::is_same_v<P, in_unit_interval>)
struct order_key<P> : key_base<2> {
  static constexpr std::string_view name = P::name;
};
// Shape and properties break ties between variables of one name, which is a mistake (reported
// by check_variables) but still gets a strict order, so it is reported once, without a cascade.
template <fixed_string N, class S, class P>
struct order_key<var<N, S, P>> : key_base<60, list<typename S::rows, typename S::cols, P>> {
  static constexpr std::string_view name = N.view();
};
template <class D> struct order_key<size_of<D>> : key_base<70, list<D>> {};
template <> struct order_key<pi_constant> : key_base<71> {};
template <class S> struct order_key<ones<S>> : key_base<80, list<typename S::rows, typename S::cols>> {};
template <class D> struct order_key<eye<D>> : key_base<82, list<D>> {};
template <class S> struct order_key<zeros<S>> : key_base<85, list<typename S::rows, typename S::cols>> {};
template <rat V> struct order_key<constant<V>> : key_base<95, list<>, V> {};
// Ops of equal rank (an op added by a user) are told apart by name.
template <class Op, class... A> struct order_key<node<Op, A...>> : key_base<Op::rank, list<A...>> {
  static constexpr std::string_view name = Op::name;
};
template <class... Ms> struct order_key<poly<Ms...>> : key_base<100, list<Ms...>> {};
template <rat C, class... Fs> struct order_key<term<C, Fs...>> : key_base<110, list<Fs...>, C> {};
// Higher exponents first: a^2 + a^-0.5, not the other way round.
template <class B, rat E> struct order_key<fac<B, E>> : key_base<120, list<B>, -E> {};

// The order is a variable template: its value is computed once per pair of types. A
// recursive constexpr function would be re-evaluated at every use by clang, which does not
// cache constant evaluation, and deep expressions would cost exponential time.
template <class A, class B> constexpr int compute_order();
template <class A, class B> inline constexpr int order_v = compute_order<A, B>();

template <class A, class B> constexpr int cmp() { return order_v<A, B>; }

template <class L1, class L2> inline constexpr int list_order_v = 0;
template <class A, class... As, class B, class... Bs>
inline constexpr int list_order_v<list<A, As...>, list<B, Bs...>> =
    order_v<A, B> != 0 ? order_v<A, B> : list_order_v<list<As...>, list<Bs...>>;
template <class A, class... As>
inline constexpr int list_order_v<list<A, As...>, list<>> = 1;
template <class B, class... Bs>
inline constexpr int list_order_v<list<>, list<B, Bs...>> = -1;

template <class... As, class... Bs>
constexpr int cmp_lists(list<As...>, list<Bs...>) { return list_order_v<list<As...>, list<Bs...>>; }

template <class A, class B>
constexpr int compute_order() {
  if constexpr (std::is_same_v<A, B>) return 0;
  else {
    using KA = order_key<A>;
    using KB = order_key<B>;
    if constexpr (KA::kind != KB::kind) return KA::kind < KB::kind ? -1 : 1;
    else if constexpr (KA::name != KB::name) return KA::name < KB::name ? -1 : 1;
    else {
      // Two variables of one name (a mistake, diagnosed by check_variables at the entry
      // points) are told apart by shape and properties: the order stays strict.
      if constexpr (list_order_v<typename KA::children, typename KB::children> != 0)
        return list_order_v<typename KA::children, typename KB::children>;
      else return compare(KA::value, KB::value);
    }
  }
}

// ---- sorted lists that combine equal slots ----------------------------------------------
// A factor's slot is its base (exponents add); a monomial's slot is its factor list
// (coefficients add). A combination that vanishes leaves the list.

template <class A, class B> struct slot;
template <class B1, rat E1, class B2, rat E2>
struct slot<fac<B1, E1>, fac<B2, E2>> {
  static constexpr int order = cmp<B1, B2>();
  using combined = fac<B1, E1 + E2>;
};
template <rat C1, class... F1, rat C2, class... F2>
struct slot<term<C1, F1...>, term<C2, F2...>> {
  static constexpr int order = cmp_lists(list<F1...>{}, list<F2...>{});
  using combined = term<C1 + C2, F1...>;
};

template <class T> inline constexpr bool vanishes_v = false;
template <class B> inline constexpr bool vanishes_v<fac<B, zero_r>> = true;
template <class... Fs> inline constexpr bool vanishes_v<term<zero_r, Fs...>> = true;

template <class X>
constexpr auto insert(list<>, X) {
  if constexpr (vanishes_v<X>) return list<>{};
  else return list<X>{};
}

template <class X, class H, class... T>
constexpr auto insert(list<H, T...>, X) {
  using S = slot<H, X>;
  if constexpr (S::order < 0) return cons<H>(insert(list<T...>{}, X{}));
  else if constexpr (S::order > 0) {
    if constexpr (vanishes_v<X>) return list<H, T...>{};
    else return list<X, H, T...>{};
  } else if constexpr (vanishes_v<typename S::combined>) return list<T...>{};
  else return list<typename S::combined, T...>{};
}

template <class L>
constexpr auto insert_all(L l, list<>) { return l; }
template <class L, class X, class... Xs>
constexpr auto insert_all(L l, list<X, Xs...>) { return insert_all(insert(l, X{}), list<Xs...>{}); }

template <class... A, class... B>
constexpr auto concat(list<A...>, list<B...>) { return list<A..., B...>{}; }

template <rat C, class... Fs>
constexpr auto make_term(list<Fs...>) {
  if constexpr (C == zero_r) return zero_term{};
  else return term<C, Fs...>{};
}

// An already-canonical term used as an operand of a new expression (an adjoint inside a
// derivative rule): normalising it costs nothing, and its factors stay as they are.
template <class T, class S>
struct held {};

}  // namespace symgrad::cas

namespace symgrad {
template <class T, class S>
inline constexpr bool is_expr_v<cas::held<T, S>> = true;
template <class T, class S>
struct shape_of<cas::held<T, S>> { using type = S; };
template <class B, rat E>
struct shape_of<cas::fac<B, E>> { using type = shape_of_t<B>; };
template <class... Ms>
struct shape_of<cas::poly<Ms...>> { using type = typename broadcast_all<shape_of_t<Ms>...>::type; };
template <rat C, class... Fs>
struct shape_of<cas::term<C, Fs...>> { using type = typename broadcast_all<scalar_shape, shape_of_t<Fs>...>::type; };
}  // namespace symgrad
