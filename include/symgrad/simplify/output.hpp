#pragma once
// Canonical terms back to expression types. `monomial_expr` keeps factored sums as they
// are (a round trip through norm gives the same term); `pretty` writes an expanded sum the
// way a person would: shared factors pulled out, a shared left matrix factor pulled out.
#include "matrix.hpp"

namespace symgrad::cas {

template <class B>
constexpr auto base_expr(B) {
  if constexpr (is_poly_v<B>) return base_poly(B{});
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

template <class F, class... Fs>
constexpr bool contains(list<Fs...>) { return (std::is_same_v<F, Fs> || ...); }

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

template <class M, class... Ms>
constexpr auto factored_sum(list<M, Ms...>) {
  if constexpr (sizeof...(Ms) > 0 && same_left_factor<M, Ms...>())
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

constexpr rat magnitude(rat r) { return r.num < 0 ? -r : r; }

// 2 x - 2 y reads better as 2 (x - y); unequal coefficients stay where they are.
template <class M, class... Ms>
constexpr rat common_magnitude(list<M, Ms...>) {
  constexpr rat c = magnitude(term_traits<M>::coeff);
  if constexpr (((magnitude(term_traits<Ms>::coeff) == c) && ...)) return c;
  else return one_r;
}
template <rat C, class... M>
constexpr auto scale_all(list<M...>) { return list<decltype(scale<C>(M{}))...>{}; }

template <class... M>
constexpr auto pretty_list(list<M...>);

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
