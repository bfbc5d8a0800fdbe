#pragma once
// Products, powers and sums of canonical terms. Products only merge factor lists; a sum
// pulls out the factors its operands share (denominators included), expands the rest and
// makes the result one poly factor. Cancellation therefore happens where factors meet.
#include <cstddef>

#include "diagnostics.hpp"
#include "fwd.hpp"

namespace symgrad::cas {


template <class... B, rat... E>
constexpr auto invert(list<fac<B, E>...>) { return list<fac<B, -E>...>{}; }

template <class F> struct fac_parts;
template <class B, rat E> struct fac_parts<fac<B, E>> { using base = B; static constexpr rat exponent = E; };

// Exponents of the common factor: the minimum over both sides, an absent base counting as 0.
template <class... B, rat... E>
constexpr auto negative_only(list<fac<B, E>...>) {
  return join(std::conditional_t<(compare(E, zero_r) < 0), list<fac<B, E>>, list<>>{}...);
}
constexpr auto common_part(list<>, list<>) { return list<>{}; }
template <class... F>
constexpr auto common_part(list<>, list<F...> b) { return negative_only(b); }
template <class... F>
constexpr auto common_part(list<F...> a, list<>) { return negative_only(a); }
template <class BA, rat EA, class... A, class BB, rat EB, class... B>
constexpr auto common_part(list<fac<BA, EA>, A...>, list<fac<BB, EB>, B...>) {
  constexpr int c = cmp<BA, BB>();
  if constexpr (c < 0) {
    auto rest = common_part(list<A...>{}, list<fac<BB, EB>, B...>{});
    if constexpr (compare(EA, zero_r) < 0) return cons<fac<BA, EA>>(rest);
    else return rest;
  } else if constexpr (c > 0) {
    auto rest = common_part(list<fac<BA, EA>, A...>{}, list<B...>{});
    if constexpr (compare(EB, zero_r) < 0) return cons<fac<BB, EB>>(rest);
    else return rest;
  } else {
    auto rest = common_part(list<A...>{}, list<B...>{});
    if constexpr (min(EA, EB) == zero_r) return rest;
    else return cons<fac<BA, min(EA, EB)>>(rest);
  }
}

template <class F> inline constexpr bool is_eye_fac_v = false;
template <class D> inline constexpr bool is_eye_fac_v<fac<eye<D>, one_r>> = true;

// eye .* r for a row r is diag(r^T): a diagonal keeps its vectors as columns.
template <class F> inline constexpr bool row_of_diag_v = false;
template <class B, rat E>
inline constexpr bool row_of_diag_v<fac<B, E>> =
    std::is_same_v<typename shape_of_t<B>::rows, unit_dim> && !std::is_same_v<typename shape_of_t<B>::cols, unit_dim>;

template <rat C, class... F>
constexpr auto diag_columns(list<F...>) {
  if constexpr (!(is_eye_fac_v<F> || ...) || !(row_of_diag_v<F> || ...)) return make_term<C>(list<F...>{});
  else
    return fold_mul(make_term<C>(join(std::conditional_t<row_of_diag_v<F>, list<>, list<F>>{}...)),
                    transpose(make_term<one_r>(std::conditional_t<row_of_diag_v<F>, list<F>, list<>>{}))...);
}

template <rat C1, class... F1, rat C2, class... F2>
constexpr auto mul_terms(term<C1, F1...>, term<C2, F2...>) {
  if constexpr (C1 * C2 == zero_r) return zero_term{};
  else return diag_columns<C1 * C2>(insert_all(list<F1...>{}, list<F2...>{}));
}

template <class A, class B>
constexpr auto mul(A, B) { return mul_terms(A{}, B{}); }

template <class T>
constexpr auto fold_mul(T t) { return t; }
template <class T, class U, class... Rest>
constexpr auto fold_mul(T, U, Rest... rest) { return fold_mul(cas::mul(T{}, U{}), rest...); }

template <class T>
constexpr auto fold_add(T t) { return t; }
template <class T, class U, class... Rest>
constexpr auto fold_add(T, U, Rest... rest) { return fold_add(cas::add(T{}, U{}), rest...); }

template <class... T>
constexpr auto sum_terms(list<T...>) {
  if constexpr (sizeof...(T) == 0) return zero_term{};
  else return fold_add(T{}...);
}

template <rat R, rat C, class... B, rat... E>
constexpr auto power_term(term<C, fac<B, E>...>) {
  if constexpr (R == zero_r) return one_term{};
  else if constexpr (C == zero_r) {
    if constexpr (compare(R, zero_r) < 0) (void)diagnostic::division_by_zero<constant<R>>{};
    return zero_term{};
  } else if constexpr (is_integer(R)) return term<ipow(C, R.num), fac<B, E * R>...>{};
  else if constexpr (C == one_r && sizeof...(B) == 1 && ((E == one_r) && ...)) return term<one_r, fac<B, R>...>{};
  // (c x^2)^0.5 is not c^0.5 x: keep the power whole rather than guess signs.
  else return term<one_r, fac<node<op::pow, decltype(pretty_expr(term<C, fac<B, E>...>{})), constant<R>>, one_r>>{};
}

template <rat R, class T>
constexpr auto power(T) { return power_term<R>(T{}); }

// ---- expansion ------------------------------------------------------------------------------

template <class F> inline constexpr bool expandable_v = false;
template <class... M, rat E>
inline constexpr bool expandable_v<fac<poly<M...>, E>> = is_integer(E) && E.num > 0;

template <class A, class... B>
// A product can make a new integer power of a sum (d^0.5 d^0.5 = d): expanded again, so the
// canonical form has no sum left to open and simplify(simplify(e)) is simplify(e).
constexpr auto times_each(A, list<B...>) { return join(expand(mul_terms(A{}, B{}))...); }

template <class... A, class L>
constexpr auto product(list<A...>, L) { return insert_all(list<>{}, join(times_each(A{}, L{})...)); }

template <std::intmax_t K, class L, class P>
constexpr auto raise(L l, P p) {
  if constexpr (K == 0) return l;
  else return raise<K - 1>(product(l, p), p);
}

template <class L>
constexpr auto expand_factors(L l, list<>) { return l; }
template <class L, class... M, rat E, class... Rest>
constexpr auto expand_factors(L l, list<fac<poly<M...>, E>, Rest...>) {
  return expand_factors(raise<E.num>(l, list<M...>{}), list<Rest...>{});
}

// A term as a sorted list of monomials: positive integer powers of sums multiplied out,
// every other factor (denominators, fractional powers, atoms) kept as it is.
template <rat C, class... F>
constexpr auto expand_term(term<C, F...>) {
  if constexpr (C == zero_r) return list<>{};
  else {
    using kept = decltype(join(std::conditional_t<expandable_v<F>, list<>, list<F>>{}...));
    using opened = decltype(join(std::conditional_t<expandable_v<F>, list<F>, list<>>{}...));
    return expand_factors(list<decltype(make_term<C>(kept{}))>{}, opened{});
  }
}

// Products of sums are multiplied out only while the result stays small: (1 + a)(1 + b) is
// opened, a product of thirty binomials (the adjoint deep inside a chain) is not, so
// derivatives of deep expressions stay linear in their size. Such a product is then its own
// single monomial: still a deterministic form, but one that same_form cannot see through.
inline constexpr std::size_t expansion_limit = 64;

template <class F>
constexpr std::size_t expansion_factor(F) { return 1; }
template <class... M, rat E>
constexpr std::size_t expansion_factor(fac<poly<M...>, E>) {
  if constexpr (!expandable_v<fac<poly<M...>, E>>) return 1;
  else {
    std::size_t r = 1;
    for (std::intmax_t i = 0; i < E.num && r <= expansion_limit; ++i) r *= sizeof...(M);
    return r;
  }
}
template <rat C, class... F>
constexpr std::size_t expansion_size(term<C, F...>) {
  std::size_t r = 1;
  ((r = r > expansion_limit ? r : r * expansion_factor(F{})), ...);
  return r;
}

template <class T>
constexpr auto expand(T) {
  if constexpr (expansion_size(T{}) <= expansion_limit) return expand_term(T{});
  else return list<T>{};
}

// ---- sums -------------------------------------------------------------------------------------

template <rat L, rat C, class... F>
constexpr auto scale(term<C, F...>) { return term<C / L, F...>{}; }

template <class G, class... M>
constexpr auto divide_all(list<M...>) {
  using inv = decltype(make_term<one_r>(invert(G{})));
  return insert_all(list<>{}, list<decltype(mul_terms(M{}, inv{}))...>{});
}

template <class G>
constexpr auto content(G g) { return g; }
template <class G, class F, class... Rest>
constexpr auto content(G, F, Rest... rest) { return content(common_part(G{}, F{}), rest...); }

template <class G, class M, class... Ms>
constexpr auto factor_out(list<M, Ms...>) {
  constexpr rat lead = term_traits<M>::coeff;
  using P = poly<decltype(scale<lead>(M{})), decltype(scale<lead>(Ms{}))...>;
  return mul_terms(make_term<lead>(G{}), term<one_r, fac<P, one_r>>{});
}

// Monomials -> content x poly, the poly with leading coefficient 1 and no common factor.
template <class M>
constexpr auto sum_list(list<M>) { return M{}; }
template <class M1, class M2, class... Ms>
constexpr auto sum_list(list<M1, M2, Ms...>) {
  using G = decltype(content(typename term_traits<M1>::factors{}, typename term_traits<M2>::factors{},
                             typename term_traits<Ms>::factors{}...));
  return factor_out<G>(divide_all<G>(list<M1, M2, Ms...>{}));
}

template <class L>
constexpr auto sum_of(L) {
  if constexpr (std::is_same_v<L, list<>>) return zero_term{};
  else return sum_list(L{});
}

// a + b over a common denominator: factors both share stay factored; Sides gives the
// monomials of what is left of each side (expanded here; the derivation form's own choice in
// derive.hpp).
template <class Sides, class A, class B>
constexpr auto add_over_common(A, B) {
  if constexpr (is_zero_v<A>) return B{};
  else if constexpr (is_zero_v<B>) return A{};
  else {
    using FA = typename term_traits<A>::factors;
    using FB = typename term_traits<B>::factors;
    if constexpr (std::is_same_v<FA, FB>) return make_term<term_traits<A>::coeff + term_traits<B>::coeff>(FA{});
    else {
      using G = decltype(common_part(FA{}, FB{}));
      using inv = decltype(make_term<one_r>(invert(G{})));
      return mul_terms(make_term<one_r>(G{}), sum_of(Sides::monomials(mul_terms(A{}, inv{}), mul_terms(B{}, inv{}))));
    }
  }
}

struct expanded_sides {
  template <class A, class B>
  static constexpr auto monomials(A, B) { return insert_all(expand(A{}), expand(B{})); }
};

template <class A, class B>
constexpr auto add(A, B) { return add_over_common<expanded_sides>(A{}, B{}); }

}  // namespace symgrad::cas
