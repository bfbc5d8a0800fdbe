#pragma once
/// \file
/// The vocabulary: variables, literals, operators, functions and losses. Each builder checks
/// shapes once and otherwise only names a node type.
#include <type_traits>

#include "diagnostics.hpp"
#include "nodes.hpp"

namespace symgrad {

/// A scalar variable: `scalar<"b">`.
template <fixed_string Name, class Props = no_props>
inline constexpr var<Name, scalar_shape, Props> scalar{};

/// A column vector variable of n entries: `vector<"w">(n)`.
template <fixed_string Name, class Props = no_props, fixed_string N>
constexpr auto vector(dim_t<N>) {
  return var<Name, shape<dim_t<N>, unit_dim>, Props>{};
}

/// A row vector variable (1 x n), such as the bias b in X * W + b, broadcast over the rows of X * W.
template <fixed_string Name, class Props = no_props, fixed_string N>
constexpr auto row_vector(dim_t<N>) {
  return var<Name, shape<unit_dim, dim_t<N>>, Props>{};
}

/// A matrix variable: `matrix<"X">(m, n)`; `matrix<"Y", sums_to_one>(m, k)` for rows that sum to one.
template <fixed_string Name, class Props = no_props, fixed_string R, fixed_string C>
constexpr auto matrix(dim_t<R>, dim_t<C>) {
  return var<Name, shape<dim_t<R>, dim_t<C>>, Props>{};
}

inline namespace literals {

namespace parsing {
template <char... Cs>
constexpr rat parse_decimal() {
  constexpr char s[] = {Cs...};
  std::intmax_t num = 0, den = 1;
  bool fraction = false;
  for (char c : s) {
    if (c == '.') { fraction = true; continue; }
    if (c == '\'') continue;
    if (c < '0' || c > '9') throw "symgrad: _c literals are plain decimals such as 3_c or 0.25_c";
    num = num * 10 + (c - '0');
    if (fraction) den *= 10;
  }
  return make_rat(num, den);
}
}  // namespace parsing

/// An exact constant: `2_c`, `0.25_c` (the simplifier reasons about exact values only).
template <char... Cs>
constexpr auto operator""_c() {
  return constant<parsing::parse_decimal<Cs...>()>{};
}

}  // namespace literals

// ---- operands ----------------------------------------------------------------------------

template <class T>
concept operand = expression<T> || is_named_dim_v<std::remove_cvref_t<T>> || std::is_arithmetic_v<std::remove_cvref_t<T>>;

template <class T>
constexpr auto as_expr(T) {
  if constexpr (expression<T>) return T{};
  else if constexpr (is_named_dim_v<T>) return size_of<T>{};
  else { (void)diagnostic::inexact_constant<T>{}; return invalid_expr{}; }
}

template <class T>
using as_expr_t = decltype(as_expr(std::declval<T>()));

template <class... T>
inline constexpr bool any_invalid_v = (std::is_same_v<T, invalid_expr> || ...);

template <class Op, class A, class B>
constexpr auto make_elementwise(A, B) {
  using L = as_expr_t<A>;
  using R = as_expr_t<B>;
  if constexpr (any_invalid_v<L, R>) return invalid_expr{};
  else if constexpr (!broadcastable_v<shape_of_t<L>, shape_of_t<R>>) {
    (void)diagnostic::incompatible_shapes<Op, diagnostic::shape_text_t<shape_of_t<L>>, diagnostic::shape_text_t<shape_of_t<R>>>{};
    return invalid_expr{};
  } else return node<Op, L, R>{};
}

template <class Op, class A>
constexpr auto make_unary(A) {
  using E = as_expr_t<A>;
  if constexpr (any_invalid_v<E>) return invalid_expr{};
  else return node<Op, E>{};
}

// At least one side is symbolic (an expression or a dimension such as m in m * n).
template <class A, class B>
constexpr bool one_is_expr = expression<A> || expression<B> || is_named_dim_v<std::remove_cvref_t<A>> ||
                             is_named_dim_v<std::remove_cvref_t<B>>;

/// Elementwise sum; operands broadcast where an extent is 1 (a scalar, a row over rows, a column over columns).
template <operand A, operand B> requires one_is_expr<A, B>
constexpr auto operator+(A a, B b) { return make_elementwise<op::add>(a, b); }

/// Elementwise difference, broadcasting as `+`.
template <operand A, operand B> requires one_is_expr<A, B>
constexpr auto operator-(A a, B b) { return make_elementwise<op::sub>(a, b); }

/// Elementwise (Hadamard) product, as in Armadillo; `*` is the matrix product.
template <operand A, operand B> requires one_is_expr<A, B>
constexpr auto operator%(A a, B b) { return make_elementwise<op::mul>(a, b); }

/// Elementwise quotient, broadcasting as `+`.
template <operand A, operand B> requires one_is_expr<A, B>
constexpr auto operator/(A a, B b) { return make_elementwise<op::div>(a, b); }

/// The matrix product; a scalar factor on either side scales instead.
template <operand A, operand B> requires one_is_expr<A, B>
constexpr auto operator*(A a, B b) {
  using L = as_expr_t<A>;
  using R = as_expr_t<B>;
  if constexpr (any_invalid_v<L, R>) return invalid_expr{};
  else if constexpr (is_scalar_v<L> || is_scalar_v<R>) return make_elementwise<op::mul>(a, b);
  else if constexpr (!matmul_compatible_v<shape_of_t<L>, shape_of_t<R>>) {
    (void)diagnostic::matrix_product_mismatch<diagnostic::shape_text_t<shape_of_t<L>>, diagnostic::shape_text_t<shape_of_t<R>>>{};
    return invalid_expr{};
  } else return node<op::matmul, L, R>{};
}

template <expression A>
constexpr auto operator-(A a) {
  if constexpr (is_constant_v<A>) return constant<-A::value>{};
  else return make_unary<op::neg>(a);
}

/// `a` to a constant power: `pow(x, 3_c)`, `pow(x, 0.5_c)`.
template <operand A, class E>
constexpr auto pow(A, E) {
  if constexpr (!is_constant_v<E>) { (void)diagnostic::non_constant_exponent<diagnostic::named_t<E>>{}; return invalid_expr{}; }
  else if constexpr (any_invalid_v<as_expr_t<A>>) return invalid_expr{};
  else return node<op::pow, as_expr_t<A>, E>{};
}

/// Elementwise functions, and the transpose, sum and mean of all entries.
template <operand A> constexpr auto sqrt(A a) { return pow(a, constant<rat{1, 2}>{}); }

template <operand A> constexpr auto transpose(A a) { return make_unary<op::transpose>(a); }
template <operand A> constexpr auto sum(A a) { return make_unary<op::sum>(a); }
template <operand A> constexpr auto mean(A a) { return make_unary<op::mean>(a); }
template <operand A> constexpr auto exp(A a) { return make_unary<op::exp>(a); }
template <operand A> constexpr auto log(A a) { return make_unary<op::log>(a); }
template <operand A> constexpr auto sin(A a) { return make_unary<op::sin>(a); }
template <operand A> constexpr auto cos(A a) { return make_unary<op::cos>(a); }
template <operand A> constexpr auto tanh(A a) { return make_unary<op::tanh>(a); }
template <operand A> constexpr auto sigmoid(A a) { return make_unary<op::sigmoid>(a); }
template <operand A> constexpr auto softplus(A a) { return make_unary<op::softplus>(a); }
template <operand A> constexpr auto relu(A a) { return make_unary<op::relu>(a); }
template <operand A> constexpr auto step(A a) { return make_unary<op::step>(a); }
template <operand A> constexpr auto abs(A a) { return make_unary<op::abs>(a); }
template <operand A> constexpr auto sign(A a) { return make_unary<op::sign>(a); }
template <operand A> constexpr auto log1p(A a) { return make_unary<op::log1p>(a); }
template <operand A> constexpr auto expm1(A a) { return make_unary<op::expm1>(a); }
template <operand A> constexpr auto erf(A a) { return make_unary<op::erf>(a); }
/// pi, exact as a symbol: `pow(2_c * pi, -0.5_c)`.
inline constexpr pi_constant pi{};

/// An application of a function defined outside the library (a symgrad::user_function), of
/// one operand, or of two broadcasting as `+`: `elementwise<arctan_op>(u)`.
template <class Op, operand A>
constexpr auto elementwise(A a) {
  if constexpr (!op::is_user_function_v<Op>) { (void)diagnostic::not_a_user_function<Op>{}; return invalid_expr{}; }
  else return make_unary<Op>(a);
}
template <class Op, operand A, operand B> requires one_is_expr<A, B>
constexpr auto elementwise(A a, B b) {
  if constexpr (!op::is_user_function_v<Op>) { (void)diagnostic::not_a_user_function<Op>{}; return invalid_expr{}; }
  else return make_elementwise<Op>(a, b);
}

/// The larger and the smaller of two operands entry by entry, broadcasting as `+`:
/// `maximum(u, 0_c)`, `minimum(a, b)`. Each returns one of its operands exactly.
template <operand A, operand B> requires one_is_expr<A, B>
constexpr auto maximum(A a, B b) { return make_elementwise<op::maximum>(a, b); }
template <operand A, operand B> requires one_is_expr<A, B>
constexpr auto minimum(A a, B b) { return make_elementwise<op::minimum>(a, b); }
/// u limited to [lo, hi] entry by entry: `minimum(maximum(u, lo), hi)`.
template <operand U, operand L, operand H>
constexpr auto clip(U u, L lo, H hi) { return minimum(maximum(u, lo), hi); }

/// Sums of each row (`A 1`) and of each column (`1^T A`): products with ones, so the
/// simplifier treats them as the linear maps they are.
template <expression A> constexpr auto row_sums(A a) { return a * ones<shape<typename shape_of_t<A>::cols, unit_dim>>{}; }
template <expression A> constexpr auto col_sums(A a) { return ones<shape<unit_dim, typename shape_of_t<A>::rows>>{} * a; }

namespace detail {
template <class D>
constexpr auto extent_expr() {
  if constexpr (is_named_dim_v<D>) return size_of<D>{};
  else return constant<rat{1, 1}>{};
}
}  // namespace detail

/// Means of each row and of each column.
template <expression A> constexpr auto row_means(A a) { return row_sums(a) / detail::extent_expr<typename shape_of_t<A>::cols>(); }
template <expression A> constexpr auto col_means(A a) { return col_sums(a) / detail::extent_expr<typename shape_of_t<A>::rows>(); }

/// diag(v) of a column vector v: the identity with v broadcast over its columns.
template <expression V>
constexpr auto diag(V v) {
  using S = shape_of_t<V>;
  if constexpr (!std::is_same_v<typename S::cols, unit_dim>) {
    (void)diagnostic::diag_of_non_vector<diagnostic::shape_text_t<S>>{};
    return invalid_expr{};
  } else return eye<typename S::rows>{} % v;
}

// ---- class-axis operations: each row of a matrix is one sample, a vector is one sample --------

/// log(sum(exp(z))) along the class axis (each row of a matrix, the whole of a vector),
/// evaluated with the maximum shifted out.
template <operand A> constexpr auto logsumexp(A a) { return make_unary<op::logsumexp>(a); }

/// softmax and log-softmax along the class axis. Written as their definitions, so that
/// log(softmax(z)) simplifies to z - logsumexp(z) and the derivatives come from exp and
/// logsumexp; exp(z - logsumexp(z)) never overflows.
template <expression A> constexpr auto log_softmax(A a) { return a - logsumexp(a); }
template <expression A> constexpr auto softmax(A a) { return exp(log_softmax(a)); }

// The number of samples of a class-axis operand: its rows, or 1 for a vector.
template <class S>
constexpr auto samples_of() {
  if constexpr (classes_in_rows_v<S>) return constant<rat{1, 1}>{};
  else return detail::extent_expr<typename S::rows>();
}

/// Cross-entropy of predicted probabilities P against labels Y, summed over classes and
/// averaged over samples (rows; a vector is one sample).
template <expression P, expression Y>
constexpr auto cross_entropy(P p, Y y) {
  return -sum(y % log(p)) / samples_of<shape_of_t<P>>();
}

/// Mean squared error over all entries.
template <expression P, expression T>
constexpr auto mse(P p, T t) {
  return mean(pow(p - t, constant<rat{2, 1}>{}));
}

/// Binary cross-entropy of predicted probabilities a against labels y, averaged.
/// Written as its definition: its derivatives come from the ops it is made of.
template <expression A, expression Y>
constexpr auto bce(A a, Y y) {
  constexpr auto one = constant<rat{1, 1}>{};
  return -mean(y % log(a) + (one - y) % log(one - a));
}

/// Hinge loss of scores z against labels y in {-1, 1}, averaged: `mean(relu(1 - y .* z))`.
template <expression Z, expression Y>
constexpr auto hinge(Z z, Y y) {
  return mean(relu(constant<rat{1, 1}>{} - y % z));
}

/// The Huber function of r entry by entry: r^2 / 2 where |r| <= delta, delta (|r| - delta / 2)
/// beyond; delta is an exact constant or a scalar variable. Its derivative in r is
/// clip(r, -delta, delta).
template <operand R, operand D> requires one_is_expr<R, D>
constexpr auto huber(R r, D delta) { return make_elementwise<op::huber>(r, delta); }
/// Huber loss of predictions p against targets t, averaged over entries.
template <expression P, expression T, operand D>
constexpr auto huber(P p, T t, D delta) {
  return mean(huber(p - t, delta));
}

/// Poisson negative log-likelihood of counts y given log-rates z (rate exp(z)), averaged and
/// without the constant log(y!): `mean(exp(z) - y .* z)`.
template <expression Z, expression Y>
constexpr auto poisson_nll(Z z, Y y) {
  return mean(exp(z) - y % z);
}

/// The L1 norm sum |w|, the lasso penalty; its derivative at 0 is sign(0) = 0.
template <expression W>
constexpr auto l1_norm(W w) {
  return sum(abs(w));
}

}  // namespace symgrad
