#pragma once
// Canonical terms back to expression types. `monomial_expr` keeps factored sums as they
// are (a round trip through norm gives the same term); `pretty` writes an expanded sum the
// way a person would: shared factors pulled out, a shared left matrix factor pulled out.
#include "matrix.hpp"

namespace symgrad::cas {

// A function of a row vector is written as the transpose of the function of the column:
// sigmoid(W x)^T, not sigmoid(x^T W^T). It reads as the seeds do, and evaluation reuses the
// column computed by the forward pass.
template <class B>
inline constexpr bool row_function_v = false;
template <class F, class A>
inline constexpr bool row_function_v<node<F, A>> =
    op::is_function_v<F> && std::is_same_v<typename shape_of_t<A>::rows, unit_dim> &&
    !std::is_same_v<typename shape_of_t<A>::cols, unit_dim>;

template <class F, class A>
constexpr auto transposed_function(node<F, A>) {
  return node<op::transpose, node<F, decltype(pretty_expr(transpose(norm(A{}))))>>{};
}

template <class B>
constexpr auto base_expr(B) {
  if constexpr (is_poly_v<B>) return base_poly(B{});
  else if constexpr (row_function_v<B>) return transposed_function(B{});
  else return B{};
}
template <class... M>
constexpr auto base_poly(poly<M...>) { return pretty(list<M...>{}); }

template <class B, rat E>
constexpr auto fac_expr(fac<B, E>) {
  if constexpr (E == one_r) return base_expr(B{});
  else return node<op::pow, decltype(base_expr(B{})), constant<E>>{};
}

template <rat C, class... F>
constexpr auto monomial_node(term<C, F...>) {
  if constexpr (sizeof...(F) == 0) return constant<C>{};
  else if constexpr (C == one_r && sizeof...(F) == 1) return fac_expr(F{}...);
  else if constexpr (C == one_r) return node<op::mul, decltype(fac_expr(F{}))...>{};
  else return node<op::mul, constant<C>, decltype(fac_expr(F{}))...>{};
}

template <class T>
constexpr auto monomial_expr(T) { return monomial_node(T{}); }

template <class B, class... Bs, rat... Es>
constexpr rat exponent_in(list<fac<Bs, Es>...>) {
  rat r = zero_r;
  ((r = std::is_same_v<B, Bs> ? Es : r), ...);
  return r;
}

// The exponent of B to pull out of a sum of monomials: the same in all of them, or the
// least positive one (x^2 + x -> x (x + 1)); 0 for none.
template <class B, class... M>
constexpr rat shared_exponent() {
  constexpr rat e[] = {exponent_in<B>(typename term_traits<M>::factors{})...};
  rat lo = e[0], hi = e[0];
  for (rat x : e) {
    lo = min(lo, x);
    hi = compare(x, hi) > 0 ? x : hi;
  }
  return lo == hi || compare(lo, zero_r) > 0 ? lo : zero_r;
}

template <class... F, class... M>
constexpr auto shared_factors(list<F...>, list<M...>) {
  return join(std::conditional_t<shared_exponent<typename fac_parts<F>::base, M...>() == zero_r, list<>,
                                 list<fac<typename fac_parts<F>::base, shared_exponent<typename fac_parts<F>::base, M...>()>>>{}...);
}

template <class M>
inline constexpr bool has_eye_v = false;
template <rat C, class... F>
inline constexpr bool has_eye_v<term<C, F...>> = (is_eye_fac_v<F> || ...);

template <class M> struct chain_monomial { static constexpr bool value = false; };
template <rat C, class First, class... Rest>
struct chain_monomial<term<C, fac<node<op::matmul, First, Rest...>, one_r>>> {
  static constexpr bool value = true;
  using first = First;
  using tail = std::conditional_t<sizeof...(Rest) == 1, std::tuple_element_t<0, std::tuple<Rest..., void>>,
                                  node<op::matmul, Rest...>>;
  using rest = term<C, fac<tail, one_r>>;
};

// A chain's remainder as a monomial of its own factors, so that what its terms share is
// pulled out too: X^T (a .* X - a^2 .* X) reads X^T (a .* (1 - a) .* X).
template <rat C, class T>
constexpr auto opened(term<C, fac<T, one_r>>) { return mul(term<C>{}, norm(T{})); }

template <class M, class... Ms>
constexpr bool same_left_factor() {
  if constexpr (!(chain_monomial<M>::value && ... && chain_monomial<Ms>::value)) return false;
  else return (std::is_same_v<typename chain_monomial<M>::first, typename chain_monomial<Ms>::first> && ...);
}

template <class... M>
constexpr auto sum_node(list<M...>) { return node<op::add, decltype(monomial_expr(M{}))...>{}; }

template <class M>
inline constexpr bool negative_v = compare(term_traits<M>::coeff, zero_r) < 0;

// Positive terms first, each side in canonical order: X W + b - logsumexp(X W + b),
// s - sum(A x) / k, not -sum(A x) / k + s.
template <class... M>
constexpr auto positive_first(list<M...>) {
  return join(join(std::conditional_t<negative_v<M>, list<>, list<M>>{}...),
              join(std::conditional_t<negative_v<M>, list<M>, list<>>{}...));
}

template <class... M>
constexpr auto pretty_list(list<M...>);

// ---- a factor (1 - x) or (1 + x) -------------------------------------------------------------
// The expanded derivative of an expression with sigmoid(z) (1 - sigmoid(z)) in it no longer
// shows that factor; it is recovered for printing by testing whether the sum vanishes at
// x = 1 (or -1) for a function atom x, and dividing by x - 1 (x + 1) synthetically. Kept
// only when the quotient has fewer terms than the sum, so 1 - tanh^2 stays as it is.

template <class X, rat C, class... F>
constexpr rat power_of(term<C, F...>) { return exponent_in<X>(list<F...>{}); }
template <class X, rat C, class... F>
constexpr auto without(term<C, F...>) {
  return make_term<C>(join(std::conditional_t<std::is_same_v<typename fac_parts<F>::base, X>, list<>, list<F>>{}...));
}

// M at x = c, for c = 1 or -1.
template <class X, rat Cc, class M>
constexpr auto at_root(M m) {
  constexpr rat e = power_of<X>(M{});
  if constexpr (Cc == one_r || (e.num % 2 == 0)) return without<X>(m);
  else return mul(term<rat{-1, 1}>{}, without<X>(m));
}

template <class X, std::intmax_t E, class... M>
using coefficient_t = decltype(insert_all(list<>{}, join(std::conditional_t<power_of<X>(M{}) == rat{E, 1}, list<decltype(without<X>(M{}))>, list<>>{}...)));

template <class X, std::intmax_t E, class... T>
constexpr auto times_power(list<T...>) {
  if constexpr (E == 0) return list<T...>{};
  else return list<decltype(mul(T{}, term<one_r, fac<X, rat{E, 1}>>{}))...>{};
}
template <rat Cc, class... T>
constexpr auto scaled(list<T...>) { return list<decltype(mul(term<Cc>{}, T{}))...>{}; }

// b_{K-1} = a_K + c b_K, adding b_{K-1} x^{K-1} to the quotient.
template <class X, rat Cc, std::intmax_t K, class B, class Q, class... M>
constexpr auto synthetic(B, Q) {
  if constexpr (K == 0) return Q{};
  else {
    using next = decltype(insert_all(coefficient_t<X, K, M...>{}, scaled<Cc>(B{})));
    using q = decltype(insert_all(Q{}, times_power<X, K - 1>(next{})));
    return synthetic<X, Cc, K - 1, next, q, M...>(next{}, q{});
  }
}

template <class X, class... M>
constexpr bool polynomial_in() {
  return ((is_integer(power_of<X>(M{})) && compare(power_of<X>(M{}), zero_r) >= 0) && ...);
}
template <class X, class... M>
constexpr std::intmax_t degree_in() {
  std::intmax_t d = 0;
  ((d = power_of<X>(M{}).num > d ? power_of<X>(M{}).num : d), ...);
  return d;
}

template <class X, rat Cc, class... M>
constexpr bool divides() {
  if constexpr (!polynomial_in<X, M...>() || degree_in<X, M...>() == 0) return false;
  else if constexpr (!std::is_same_v<decltype(insert_all(list<>{}, list<decltype(at_root<X, Cc>(M{}))...>{})), list<>>)
    return false;
  else {
    using Q = decltype(synthetic<X, Cc, degree_in<X, M...>(), list<>, list<>, M...>(list<>{}, list<>{}));
    return []<class... T>(list<T...>) { return sizeof...(T) < sizeof...(M); }(Q{});
  }
}

// A divisor found: X (the atom) and Cc (the root), or void.
template <class X, rat Cc>
struct root_factor {
  using atom = X;
  static constexpr rat root = Cc;
};

template <class... M>
constexpr auto find_root(list<>) { return std::type_identity<void>{}; }
template <class... M, class X, class... Xs>
constexpr auto find_root(list<X, Xs...>) {
  if constexpr (divides<X, one_r, M...>()) return std::type_identity<root_factor<X, one_r>>{};
  else if constexpr (divides<X, rat{-1, 1}, M...>()) return std::type_identity<root_factor<X, rat{-1, 1}>>{};
  else return find_root<M...>(list<Xs...>{});
}

template <class F> inline constexpr bool function_atom_v = false;
template <class Op, class A, rat E>
inline constexpr bool function_atom_v<fac<node<Op, A>, E>> = op::is_function_v<Op>;

template <class... M>
constexpr auto function_atoms(list<M...>) {
  using all = decltype(join(typename term_traits<M>::factors{}...));
  return []<class... F>(list<F...>) {
    return insert_all(list<>{}, join(std::conditional_t<function_atom_v<F>, list<fac<typename fac_parts<F>::base, one_r>>, list<>>{}...));
  }(all{});
}

template <class... Fs>
constexpr auto bases(list<Fs...>) { return list<typename fac_parts<Fs>::base...>{}; }

// (1 - x) Q for c = 1 (Q negated), (1 + x) Q for c = -1.
template <class R, class... M>
constexpr auto root_factored(list<M...>) {
  using X = typename R::atom;
  using Q = decltype(synthetic<X, R::root, degree_in<X, M...>(), list<>, list<>, M...>(list<>{}, list<>{}));
  using binomial = list<one_term, term<-R::root, fac<X, one_r>>>;
  using quotient = std::conditional_t<R::root == one_r, decltype(scaled<rat{-1, 1}>(Q{})), Q>;
  return node<op::mul, decltype(pretty_list(binomial{})), decltype(pretty_list(quotient{}))>{};
}

template <class... M>
constexpr auto root_of(list<M...> l) {
  if constexpr (sizeof...(M) < 3) return std::type_identity<void>{};
  else return find_root<M...>(bases(function_atoms(l)));
}

// A sum of scalar multiples of sums reads as one sum: sum(a) - sum(y) is sum(a - y).
template <class M> inline constexpr bool sum_monomial_v = false;
template <rat C, class A> inline constexpr bool sum_monomial_v<term<C, fac<node<op::sum, A>, one_r>>> = true;
template <rat C, class A>
constexpr auto summand(term<C, fac<node<op::sum, A>, one_r>>) { return mul(term<C>{}, norm(A{})); }

template <class M, class... Ms>
constexpr bool sums_of_one_shape() {
  if constexpr (!(sum_monomial_v<M> && ... && sum_monomial_v<Ms>)) return false;
  else return (std::is_same_v<shape_of_t<decltype(summand(M{}))>, shape_of_t<decltype(summand(Ms{}))>> && ...);
}

template <class M, class... Ms>
constexpr auto factored_sum(list<M, Ms...>) {
  using root = typename decltype(root_of(list<M, Ms...>{}))::type;
  if constexpr (sizeof...(Ms) > 0 && sums_of_one_shape<M, Ms...>())
    return node<op::sum, decltype(pretty_list(insert_all(list<>{}, list<decltype(summand(M{})), decltype(summand(Ms{}))...>{})))>{};
  else if constexpr (!std::is_void_v<root>) return root_factored<root>(list<M, Ms...>{});
  else if constexpr (sizeof...(Ms) > 0 && same_left_factor<M, Ms...>())
    return node<op::matmul, typename chain_monomial<M>::first,
                decltype(pretty_list(insert_all(list<>{}, list<decltype(opened(typename chain_monomial<M>::rest{})),
                                                               decltype(opened(typename chain_monomial<Ms>::rest{}))...>{})))>{};
  else if constexpr (sizeof...(Ms) == 0) return monomial_expr(M{});
  else return sum_node(positive_first(list<M, Ms...>{}));
}

// Shared factors first, as a person writes them: a (1 - a), 2 x (x + 1).
template <rat C, class S, class... F>
constexpr auto with_factors(node<op::mul, constant<C>, S>, list<F...>) {
  return node<op::mul, constant<C>, decltype(fac_expr(F{}))..., S>{};
}
template <class E, class... F>
constexpr auto with_factors(E, list<F...>) {
  if constexpr (sizeof...(F) == 0) return E{};
  else return node<op::mul, decltype(fac_expr(F{}))..., E>{};
}

// 2 x - 2 y reads better as 2 (x - y); unequal coefficients stay where they are.
template <class M, class... Ms>
constexpr rat common_magnitude(list<M, Ms...>) {
  constexpr rat c = magnitude(term_traits<M>::coeff);
  if constexpr (((magnitude(term_traits<Ms>::coeff) == c) && ...)) return c;
  else return one_r;
}
template <rat C, class... M>
constexpr auto scale_all(list<M...>) { return list<decltype(scale<C>(M{}))...>{}; }

// Diagonal terms and the others are written apart: diag(p) - p p^T, lambda I + X^T D X / m.
template <class... M>
constexpr auto split_diagonal(list<M...>) {
  using diagonal = decltype(join(std::conditional_t<has_eye_v<M>, list<M>, list<>>{}...));
  using rest = decltype(join(std::conditional_t<has_eye_v<M>, list<>, list<M>>{}...));
  return node<op::add, decltype(pretty_list(diagonal{})), decltype(pretty_list(rest{}))>{};
}

// The left factor of a monomial that is a matrix product (times scalars), else void.
template <class M>
struct lead_factor { using type = void; };
template <rat C, class... F>
struct lead_factor<term<C, F...>> {
  using tensor = decltype(tensor_part(term<C, F...>{}));
  template <class L> struct first { using type = void; };
  template <class A, class... R> struct first<list<fac<node<op::matmul, A, R...>, one_r>>> { using type = A; };
  using type = typename first<tensor>::type;
};

template <class K, class... M>
constexpr std::size_t count_lead() { return (std::is_same_v<typename lead_factor<M>::type, K> + ... + 0); }

// The left factor shared by the most monomials (at least two, not all), else void.
template <class... M>
constexpr auto common_lead() {
  using keys = list<typename lead_factor<M>::type...>;
  if constexpr (sizeof...(M) < 3) return std::type_identity<void>{};
  else return []<class... K>(list<K...>) {
    constexpr std::size_t counts[] = {(std::is_void_v<K> ? 0 : count_lead<K, M...>())...};
    constexpr std::size_t best = [&] {
      std::size_t b = 0;
      for (std::size_t i = 0; i < sizeof...(K); ++i)
        if (counts[i] > counts[b]) b = i;
      return b;
    }();
    if constexpr (counts[best] >= 2 && counts[best] < sizeof...(M))
      return std::type_identity<std::tuple_element_t<best, std::tuple<K...>>>{};
    else return std::type_identity<void>{};
  }(keys{});
}

// Monomials that share a left factor are written together: X^T (a - y) / m + lambda w.
template <class K, class... M>
constexpr auto split_lead(list<M...>) {
  using with = decltype(join(std::conditional_t<std::is_same_v<typename lead_factor<M>::type, K>, list<M>, list<>>{}...));
  using rest = decltype(join(std::conditional_t<std::is_same_v<typename lead_factor<M>::type, K>, list<>, list<M>>{}...));
  return node<op::add, decltype(pretty_list(with{})), decltype(pretty_list(rest{}))>{};
}

template <class... M>
constexpr auto pretty_list(list<M...>) {
  using lead = typename decltype(common_lead<M...>())::type;
  if constexpr (sizeof...(M) == 0) return constant<zero_r>{};
  else if constexpr ((has_eye_v<M> || ...) && !(has_eye_v<M> && ...)) return split_diagonal(list<M...>{});
  else if constexpr (!std::is_void_v<lead>) return split_lead<lead>(list<M...>{});
  else if constexpr (sizeof...(M) == 1) return monomial_expr(M{}...);
  else {
    using first = std::tuple_element_t<0, std::tuple<M...>>;
    using shared = decltype(shared_factors(typename term_traits<first>::factors{}, list<M...>{}));
    using rest = decltype(divide_all<shared>(list<M...>{}));
    constexpr rat c = common_magnitude(rest{});
    if constexpr (c == one_r) return with_factors(factored_sum(rest{}), shared{});
    else return with_factors(node<op::mul, constant<c>, decltype(factored_sum(scale_all<c>(rest{})))>{}, shared{});
  }
}

template <class L>
constexpr auto pretty(L) { return pretty_list(L{}); }

// The simplified expression keeps the shape of the original: a broadcast scalar result
// (the gradient of sum(x) is 1) becomes ones of that shape.
template <class S, class E>
constexpr auto with_shape(E) {
  if constexpr (std::is_same_v<shape_of_t<E>, S>) return E{};
  else if constexpr (std::is_same_v<E, constant<zero_r>>) return zeros<S>{};
  else if constexpr (std::is_same_v<E, constant<one_r>>) return ones<S>{};
  else return node<op::mul, E, ones<S>>{};
}

}  // namespace symgrad::cas
