#pragma once
// Linear structure: matrix products distribute over sums and pull scalar factors out;
// transposes sink to the leaves; sum() distributes and pulls scalar factors out.
#include "algebra.hpp"

namespace symgrad::cas {

template <class F>
inline constexpr bool scalar_factor_v = is_scalar_shape_v<shape_of_t<F>>;

template <rat C, class... F>
constexpr auto scalar_part(term<C, F...>) {
  return make_term<C>(join(std::conditional_t<scalar_factor_v<F>, list<F>, list<>>{}...));
}
template <rat C, class... F>
constexpr auto tensor_part(term<C, F...>) {
  return join(std::conditional_t<scalar_factor_v<F>, list<>, list<F>>{}...);
}

template <class S>
constexpr auto dim_term() {
  if constexpr (is_named_dim_v<S>) return term<one_r, fac<size_of<S>, one_r>>{};
  else return one_term{};
}

// Number of entries of a shape, as a product of size_of atoms.
template <class S>
constexpr auto size_term() { return mul(dim_term<typename S::rows>(), dim_term<typename S::cols>()); }

// The operands of a product chain: a broadcast scalar becomes ones of the operand's shape,
// a nested chain is spliced in (associativity), anything else is one operand (stretched to
// the operand's shape if its factors are smaller, as a row vector broadcast over rows).
template <class S, class... F>
constexpr auto chain_of(list<F...>) {
  if constexpr (sizeof...(F) == 0) return list<ones<S>>{};
  else {
    using M = decltype(monomial_expr(term<one_r, F...>{}));
    using MS = shape_of_t<M>;
    if constexpr (std::is_same_v<MS, S>) return list<M>{};
    // A column stretched over S's columns is its outer product with a row of ones, and a row
    // stretched over S's rows one with a column of ones: the chain splits there.
    else if constexpr (std::is_same_v<typename MS::cols, unit_dim> && std::is_same_v<typename MS::rows, typename S::rows>)
      return list<M, ones<shape<unit_dim, typename S::cols>>>{};
    else if constexpr (std::is_same_v<typename MS::rows, unit_dim> && std::is_same_v<typename MS::cols, typename S::cols>)
      return list<ones<shape<typename S::rows, unit_dim>>, M>{};
    else return list<node<op::mul, M, ones<S>>>{};
  }
}
template <class S, class... C>
constexpr auto chain_of(list<fac<node<op::matmul, C...>, one_r>>) { return list<C...>{}; }

template <class... C>
constexpr auto chain_node(list<C...>) { return node<op::matmul, C...>{}; }

// ---- what a product chain reduces to ------------------------------------------------------
// ones(a, b) ones(b, c) = b ones(a, c); 1^T A 1 = sum(A); Y 1 = 1 for a Y whose rows sum to one.

template <class T> inline constexpr bool is_ones_v = false;
template <class S> inline constexpr bool is_ones_v<ones<S>> = true;

template <class V>
inline constexpr bool rows_sum_to_one_v = false;
template <fixed_string N, class S>
inline constexpr bool rows_sum_to_one_v<var<N, S, sums_to_one>> = true;

// A vector whose entries sum to one.
template <class F>
inline constexpr bool probability_vector_v = false;
template <fixed_string N, class S>
inline constexpr bool probability_vector_v<fac<var<N, S, sums_to_one>, one_r>> =
    std::is_same_v<typename S::rows, unit_dim> || std::is_same_v<typename S::cols, unit_dim>;

template <class... C, std::size_t... I>
constexpr auto take_first(list<C...>, std::index_sequence<I...>) { return list<std::tuple_element_t<I, std::tuple<C...>>...>{}; }
template <class... C>
constexpr auto drop_last(list<C...> l) { return take_first(l, std::make_index_sequence<sizeof...(C) - 1>{}); }

template <class Done, class Scale, class... C>
struct chain_parts {};

// Adjacent ones collapse into one, scaled by the inner extent.
template <class Scale, class... Done>
constexpr auto collapse(Scale, list<Done...>, list<>) { return chain_parts<list<Done...>, Scale>{}; }
template <class Scale, class... Done, class C, class... Rest>
constexpr auto collapse(Scale, list<Done...>, list<C, Rest...>) {
  if constexpr (sizeof...(Done) > 0) {
    using last = std::tuple_element_t<sizeof...(Done) - 1, std::tuple<Done...>>;
    if constexpr (is_ones_v<last> && is_ones_v<C>) {
      using merged = ones<shape<typename shape_of_t<last>::rows, typename shape_of_t<C>::cols>>;
      using scale = decltype(mul(Scale{}, dim_term<typename shape_of_t<C>::rows>()));
      return collapse(scale{}, decltype(drop_last(list<Done...>{})){}, list<merged, Rest...>{});
    } else return collapse(Scale{}, list<Done..., C>{}, list<Rest...>{});
  } else return collapse(Scale{}, list<C>{}, list<Rest...>{});
}

// Whole: the derivation form's product, whose operands (adjoints) stay whole.
template <bool Whole, class A>
constexpr auto sum_inner(list<A>) {
  if constexpr (Whole) return reduce_whole<shape_of_t<A>>(norm(A{}));
  else return reduce_sum<shape_of_t<A>>(norm(A{}));
}

template <std::size_t Offset, class... C, std::size_t... I>
constexpr auto slice(list<C...>, std::index_sequence<I...>) { return list<std::tuple_element_t<Offset + I, std::tuple<C...>>...>{}; }

template <class... C>
constexpr auto drop_end_ones(list<C...> c) {
  constexpr std::size_t n = sizeof...(C);
  constexpr std::size_t first = is_ones_v<std::tuple_element_t<0, std::tuple<C...>>> ? 1 : 0;
  constexpr std::size_t last = is_ones_v<std::tuple_element_t<n - 1, std::tuple<C...>>> ? 1 : 0;
  using inner = decltype(slice<first>(c, std::make_index_sequence<n - first - last>{}));
  if constexpr (inner::size == 1) return inner{};
  else return list<decltype(chain_node(inner{}))>{};
}

template <class F> inline constexpr bool ones_ended_chain_v = false;
template <class C1, class... C>
inline constexpr bool ones_ended_chain_v<fac<node<op::matmul, C1, C...>, one_r>> =
    is_ones_v<C1> || is_ones_v<std::tuple_element_t<sizeof...(C) - 1, std::tuple<C...>>>;

// A chain that is a number equals its transpose, c1 ... ck = ck^T ... c1^T: the normal form
// keeps the one first in the type order, so p^T u and u^T p meet. The transposed operands, or
// list<> where one of them is not a single monomial.
template <class C>
using operand_transpose_t = decltype(norm(node<op::transpose, C>{}));
template <class... C>
constexpr auto flipped_chain(list<C...>) {
  if constexpr ((is_monomial_v<operand_transpose_t<C>> && ...))
    return reverse(list<decltype(monomial_expr(operand_transpose_t<C>{}))...>{});
  else return list<>{};
}

template <bool Whole, class... Done, class Scale>
constexpr auto chain_term(chain_parts<list<Done...>, Scale>) {
  using all = list<Done...>;
  constexpr bool a_number = is_scalar_shape_v<shape_of_t<decltype(chain_node(all{}))>>;
  constexpr std::size_t others = (!is_ones_v<Done> + ... + 0);
  if constexpr (sizeof...(Done) == 1) {
    using only = std::tuple_element_t<0, std::tuple<Done...>>;
    if constexpr (is_ones_v<only>) return Scale{};  // ones(a, c) in a product term: 1, stretched by its shape
    else return mul(Scale{}, norm(only{}));
  } else if constexpr (a_number && others >= 1 &&
                       (is_ones_v<std::tuple_element_t<0, std::tuple<Done...>>> ||
                        is_ones_v<std::tuple_element_t<sizeof...(Done) - 1, std::tuple<Done...>>>)) {
    // 1^T A 1, 1^T v, v^T 1, 1^T A u: the sum of what lies between the ones at the ends.
    using inner = decltype(drop_end_ones(all{}));
    return mul(Scale{}, sum_inner<Whole>(inner{}));
  } else if constexpr (sizeof...(Done) == 2 && rows_sum_to_one_v<std::tuple_element_t<0, std::tuple<Done...>>> &&
                       is_ones_v<std::tuple_element_t<1, std::tuple<Done...>>>) {
    return Scale{};
  } else if constexpr (!Whole && a_number && sizeof...(Done) == 2) {
    // x^T y = sum(x .* y): a dot product is written one way, whatever the order of x and y.
    using x = std::tuple_element_t<0, std::tuple<Done...>>;
    using y = std::tuple_element_t<1, std::tuple<Done...>>;
    return mul(Scale{}, reduce_sum<shape_of_t<node<op::transpose, x>>>(mul(transpose(norm(x{})), norm(y{}))));
  } else if constexpr (!Whole && a_number) {
    using flipped = decltype(flipped_chain(all{}));
    if constexpr (!std::is_same_v<flipped, list<>> && list_order_v<flipped, all> < 0)
      return mul(Scale{}, term<one_r, fac<decltype(chain_node(flipped{})), one_r>>{});
    else return mul(Scale{}, term<one_r, fac<decltype(chain_node(all{})), one_r>>{});
  } else return mul(Scale{}, term<one_r, fac<decltype(chain_node(all{})), one_r>>{});
}

// ones(a, b) B = ones(a, 1) (1^T B): the product's rows are equal, so ones at either end
// shrinks to a vector and the term broadcasts (the same for A ones(b, c)).
template <class C>
struct end_ones { using first = C; using last = C; };
template <class R, class Cc>
struct end_ones<ones<shape<R, Cc>>> {
  using first = ones<shape<unit_dim, Cc>>;
  using last = ones<shape<R, unit_dim>>;
};

template <class... C, std::size_t... I>
constexpr auto trim_ones(list<C...>, std::index_sequence<I...>) {
  constexpr std::size_t n = sizeof...(C);
  return list<std::conditional_t<(I == 0 && n > 1), typename end_ones<C>::first,
                                 std::conditional_t<(I == n - 1 && n > 1), typename end_ones<C>::last, C>>...>{};
}

// Where the chain's inner dimension is 1 (a column times a row) the product is an outer
// product: the elementwise product of the two sides, broadcast. 0 if there is none.
template <class... C>
constexpr std::size_t outer_split() {
  constexpr bool unit[] = {std::is_same_v<typename shape_of_t<C>::cols, unit_dim>...};
  for (std::size_t i = 0; i + 1 < sizeof...(C); ++i)
    if (unit[i]) return i + 1;
  return 0;
}


template <bool Whole, class... C>
constexpr auto reduce_chain(list<C...> c) {
  constexpr std::size_t k = outer_split<C...>();
  if constexpr (k != 0)
    return mul(reduce_chain<Whole>(slice<0>(c, std::make_index_sequence<k>{})),
               reduce_chain<Whole>(slice<k>(c, std::make_index_sequence<sizeof...(C) - k>{})));
  else
    return chain_term<Whole>(collapse(one_term{}, list<>{}, trim_ones(c, std::index_sequence_for<C...>{})));
}

template <class S, class... C>
constexpr auto summed_chain(fac<node<op::matmul, C...>, one_r>) {
  using front = std::conditional_t<std::is_same_v<typename S::rows, unit_dim>, list<>, list<ones<shape<unit_dim, typename S::rows>>>>;
  using back = std::conditional_t<std::is_same_v<typename S::cols, unit_dim>, list<>, list<ones<shape<typename S::cols, unit_dim>>>>;
  return reduce_chain<false>(join(front{}, list<C...>{}, back{}));
}

// ---- matrix products of monomials -----------------------------------------------------------
// Relative to the shape S of its operand, a tensor factor is: eye (a diagonal matrix),
// a column stretched over S's columns, a row stretched over S's rows, or a full factor.
// Products move broadcast factors out of the chain, so diag(v) never stays a matrix:
//   (c .* L) R = c .* (L R),  L (R .* r) = (L R) .* r,  (L .* r) R = L (r^T .* R),
//   diag(v) R = v .* R,  L diag(v) = L .* v^T.
// The chain that is left holds full operands only, and diag(v) B C is v .* (B C).

template <class F, class S>
inline constexpr bool col_fac_v = !is_eye_fac_v<F> && !scalar_factor_v<F> && stretched_cols_v<shape_of_t<F>, S>;
template <class F, class S>
inline constexpr bool row_fac_v = !is_eye_fac_v<F> && !scalar_factor_v<F> && stretched_rows_v<shape_of_t<F>, S>;

template <class S, class... F>
constexpr auto full_facs(list<F...>) {
  return join(std::conditional_t<!scalar_factor_v<F> && !col_fac_v<F, S> && !row_fac_v<F, S>, list<F>, list<>>{}...);
}
template <class S, class... F>
constexpr auto col_facs(list<F...>) { return make_term<one_r>(join(std::conditional_t<col_fac_v<F, S>, list<F>, list<>>{}...)); }
template <class S, class... F>
constexpr auto row_facs(list<F...>) { return make_term<one_r>(join(std::conditional_t<row_fac_v<F, S>, list<F>, list<>>{}...)); }
// A diagonal matrix: eye and vectors only.
template <class S, class... F>
constexpr bool is_diag(list<F...> f) {
  return (is_eye_fac_v<F> || ...) && std::is_same_v<decltype(full_facs<S>(f)), list<fac<eye<typename S::rows>, one_r>>>;
}

template <class S1, class S2, bool Whole = false, class M1, class M2>
constexpr auto matmul_monomials(M1, M2) {
  using F1 = typename term_traits<M1>::factors;
  using F2 = typename term_traits<M2>::factors;
  using scalars = decltype(mul(scalar_part(M1{}), scalar_part(M2{})));
  if constexpr (is_diag<S1>(F1{})) {
    // diag(v) R = v .* R, where v's factors are columns (or rows, read down the diagonal).
    return mul(mul(scalars{}, mul(col_facs<S1>(F1{}), transpose(row_facs<S1>(F1{})))),
               make_term<one_r>(tensor_part(M2{})));
  } else if constexpr (is_diag<S2>(F2{})) {
    return mul(mul(scalars{}, mul(transpose(col_facs<S2>(F2{})), row_facs<S2>(F2{}))),
               make_term<one_r>(tensor_part(M1{})));
  } else {
    using outside = decltype(mul(col_facs<S1>(F1{}), row_facs<S2>(F2{})));
    using moved = decltype(transpose(row_facs<S1>(F1{})));  // rows of the left operand, as columns of the right
    using left = decltype(full_facs<S1>(F1{}));
    using right = decltype(insert_all(full_facs<S2>(F2{}), join(typename term_traits<decltype(col_facs<S2>(F2{}))>::factors{},
                                                                typename term_traits<moved>::factors{})));
    using product = decltype(reduce_chain<Whole>(join(chain_of<S1>(left{}), chain_of<S2>(right{}))));
    return mul(mul(scalars{}, outside{}), product{});
  }
}

template <class S1, class S2, class A, class... B>
constexpr auto matmul_row(A, list<B...>) { return list<decltype(matmul_monomials<S1, S2>(A{}, B{}))...>{}; }

template <class S1, class S2, class LB, class... A>
constexpr auto matmul_rows(list<A...>, LB) { return join(matmul_row<S1, S2>(A{}, LB{})...); }

template <class S1, class S2, class A, class B>
constexpr auto matmul(A, B) {
  if constexpr (is_zero_v<A> || is_zero_v<B>) return zero_term{};
  // A diagonal factor multiplies elementwise: no expansion, so factors still cancel, as in
  // diag(a (1 - a)) (1 - a)^-1.
  else if constexpr (is_diag<S1>(typename term_traits<A>::factors{}) || is_diag<S2>(typename term_traits<B>::factors{}))
    return matmul_monomials<S1, S2>(A{}, B{});
  else return sum_terms(matmul_rows<S1, S2>(expand(A{}), expand(B{})));
}


template <class... C>
constexpr auto transposed_chain(list<C...>) { return node<op::matmul, node<op::transpose, C>...>{}; }

template <class... M>
constexpr auto transpose_node(poly<M...>) { return fold_add(transpose(M{})...); }
template <class X>
constexpr auto transpose_node(node<op::transpose, X>) { return norm(X{}); }
template <class... C>
constexpr auto transpose_node(node<op::matmul, C...>) { return norm(transposed_chain(reverse(list<C...>{}))); }
template <class X, rat R>
constexpr auto transpose_node(node<op::pow, X, constant<R>>) { return power<R>(transpose(norm(X{}))); }
// Elementwise functions commute with transposition.
template <class F, class X>
  requires op::is_function_v<F>
constexpr auto transpose_node(node<F, X>) { return apply_fn<F>(transpose(norm(X{}))); }

template <class D>
constexpr auto transpose_node(eye<D>) { return term<one_r, fac<eye<D>, one_r>>{}; }

template <class B>
inline constexpr bool transposes_inside_v = requires { transpose_node(B{}); };

template <class B>
constexpr auto transpose_base(B) {
  if constexpr (is_scalar_shape_v<shape_of_t<B>>) return term<one_r, fac<B, one_r>>{};
  else if constexpr (transposes_inside_v<B>) return transpose_node(B{});
  else return term<one_r, fac<node<op::transpose, B>, one_r>>{};  // variables, row reductions
}
template <class B, rat E>
constexpr auto transpose_fac(fac<B, E>) { return power<E>(transpose_base(B{})); }

// diag(v)^T = diag(v): a diagonal term keeps its vectors as columns.
template <rat C, class... F>
constexpr auto transpose_term(term<C, F...> t) {
  if constexpr (is_diag<shape_of_t<decltype(t)>>(list<F...>{})) return t;
  else return fold_mul(make_term<C>(list<>{}), transpose_fac(F{})...);
}

template <class T>
constexpr auto transpose(T) { return transpose_term(T{}); }

// The sum over S of a product of factors, which may be smaller than S (broadcast): each
// stretched dimension multiplies the sum by its extent.
template <class S, class T>
using stretch_t = decltype(mul(std::conditional_t<stretched_rows_v<T, S>, decltype(dim_term<typename S::rows>()), one_term>{},
                               std::conditional_t<stretched_cols_v<T, S>, decltype(dim_term<typename S::cols>()), one_term>{}));

template <class S, class... F>
constexpr auto sum_atom(list<F...>) {
  if constexpr (sizeof...(F) == 0) return size_term<S>();
  else {
    using stretch = stretch_t<S, shape_of_t<term<one_r, F...>>>;
    using M = decltype(monomial_expr(term<one_r, F...>{}));
    using L = list<F...>;
    using TT = shape_of_t<term<one_r, F...>>;
    constexpr bool has_full = !std::is_same_v<decltype(full_facs<TT>(L{})), list<>>;
    constexpr bool has_cols = !std::is_same_v<decltype(col_facs<TT>(L{})), one_term>;
    constexpr bool has_rows = !std::is_same_v<decltype(row_facs<TT>(L{})), one_term>;
    if constexpr (sizeof...(F) == 1 && (probability_vector_v<F> && ...))
      return stretch{};  // a vector of probabilities sums to one
    // The sum of a chain with ones at an end (1^T B): between ones at both ends (1^T B 1), it
    // reduces as a chain does (sum(B)).
    else if constexpr (sizeof...(F) == 1 && (ones_ended_chain_v<F> && ...))
      return mul(stretch{}, summed_chain<TT>(F{}...));
    // sum(x^T) = sum(x): a row sums as its column, so both orientations meet.
    else if constexpr (sizeof...(F) == 1 && std::is_same_v<typename TT::rows, unit_dim> &&
                       !std::is_same_v<typename TT::cols, unit_dim>)
      return mul(stretch{}, sum_atom<shape<typename TT::cols, unit_dim>>(tensor_part(transpose(term<one_r, F...>{}))));
    // sum(c .* F) = sum(c .* (F 1)) for a column c over F's columns, and sum(r .* F) =
    // sum(r .* (1^T F)) for a row: the full factor is reduced first (its rows may sum to one).
    else if constexpr (has_full && has_cols && !has_rows) {
      using C = shape<typename TT::rows, unit_dim>;
      return mul(stretch{}, reduce_sum<C>(mul(col_facs<TT>(L{}),
                                              matmul<TT, shape<typename TT::cols, unit_dim>>(make_term<one_r>(full_facs<TT>(L{})), one_term{}))));
    } else if constexpr (has_full && has_rows && !has_cols) {
      using R = shape<unit_dim, typename TT::cols>;
      return mul(stretch{}, reduce_sum<R>(mul(row_facs<TT>(L{}),
                                              matmul<shape<unit_dim, typename TT::rows>, TT>(one_term{}, make_term<one_r>(full_facs<TT>(L{}))))));
    } else if constexpr (!has_full && has_cols && has_rows) {
      // sum(c .* r) = sum(c) sum(r): an outer product's sum, as 1^T c r 1 is split.
      return mul(stretch{}, mul(reduce_sum<shape<typename TT::rows, unit_dim>>(col_facs<TT>(L{})),
                                reduce_sum<shape<unit_dim, typename TT::cols>>(row_facs<TT>(L{}))));
    } else return mul(stretch{}, term<one_r, fac<node<op::sum, M>, one_r>>{});
  }
}
// sum(x^T) = sum(x), times the extents x^T is stretched over
template <class S, fixed_string N, class VS, class P>
constexpr auto sum_atom(list<fac<node<op::transpose, var<N, VS, P>>, one_r>>) {
  using stretch = stretch_t<S, shape_of_t<node<op::transpose, var<N, VS, P>>>>;
  return mul(stretch{}, term<one_r, fac<node<op::sum, var<N, VS, P>>, one_r>>{});
}

template <class S, class... M>
constexpr auto reduce_monomials(list<M...>) {
  return sum_terms(list<decltype(mul(scalar_part(M{}), sum_atom<S>(tensor_part(M{}))))...>{});
}

template <class S, class T>
constexpr auto reduce_sum(T) { return reduce_monomials<S>(expand(T{})); }

// The sum of a term kept whole: sum(X w + b - y), not sum(X w) + m b - sum(y).
template <class S, class T>
constexpr auto reduce_whole(T) {
  if constexpr (is_zero_v<T>) return zero_term{};
  else return mul(scalar_part(T{}), sum_atom<S>(tensor_part(T{})));
}

}  // namespace symgrad::cas
