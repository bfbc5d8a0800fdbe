#include <boost/test/unit_test.hpp>

#include <string>

#include "symgrad/expr/build.hpp"
#include "symgrad/print/print.hpp"

using namespace symgrad;

namespace {

constexpr auto m = dim<"m">;
constexpr auto n = dim<"n">;

constexpr auto X = matrix<"X">(m, n);
constexpr auto S = matrix<"S">(m, m);
constexpr auto w = vector<"w">(n);
constexpr auto y = vector<"y">(m);
constexpr auto v = vector<"v">(m);
constexpr auto a = scalar<"a">;
constexpr auto b = scalar<"b">;
constexpr auto c = scalar<"c">;

using A = decltype(a);
using B = decltype(b);
using C = decltype(c);
using Xt = decltype(X);
using W = decltype(w);
using Y = decltype(y);
using V = decltype(v);
using M = size_of<dim_t<"m">>;

template <rat R>
using k = constant<R>;

// The simplifier's canonical spellings.
template <class Base, rat E>
using pw = node<op::pow, Base, k<E>>;
template <class T>
using minus = node<op::mul, k<rat{-1, 1}>, T>;

}  // namespace

BOOST_AUTO_TEST_SUITE(printing)

BOOST_AUTO_TEST_CASE(leaves_and_numbers)
{
  BOOST_TEST(to_string(X) == "X");
  BOOST_TEST(to_string(M{}) == "m");
  BOOST_TEST(to_string(3_c) == "3");
  BOOST_TEST(to_string(-3_c) == "-3");
  BOOST_TEST(to_string(2.5_c) == "2.5");
  BOOST_TEST(to_string(0.125_c) == "0.125");
  BOOST_TEST(to_string(k<rat{1, 1000000}>{}) == "0.000001");
  BOOST_TEST(to_string(k<rat{1, 3}>{}) == "1/3");
  BOOST_TEST(to_string(k<rat{-7, 4}>{}) == "-1.75");
  BOOST_TEST(to_string(ones<shape<dim_t<"m">, unit_dim>>{}) == "ones(m)");
  BOOST_TEST(to_string(zeros<shape<dim_t<"m">, unit_dim>>{}) == "zeros(m)");
  BOOST_TEST(to_string(ones<shape<dim_t<"m">, dim_t<"n">>>{}) == "ones(m, n)");

  BOOST_TEST(to_latex(M{}) == "m");
  BOOST_TEST(to_latex(k<rat{1, 3}>{}) == "\\frac{1}{3}");
  BOOST_TEST(to_latex(2.5_c) == "2.5");
  BOOST_TEST(to_latex(ones<shape<dim_t<"m">, unit_dim>>{}) == "\\mathbf{1}_{m}");
  BOOST_TEST(to_latex(zeros<shape<dim_t<"m">, unit_dim>>{}) == "\\mathbf{0}_{m}");
  BOOST_TEST(to_latex(zeros<shape<dim_t<"m">, dim_t<"n">>>{}) == "\\mathbf{0}_{m \\times n}");
  BOOST_TEST(to_latex(vector<"w_1">(n)) == "w\\_1");
}

BOOST_AUTO_TEST_CASE(logistic_loss)
{
  const auto loss = bce(sigmoid(X * w + b), y);
  BOOST_TEST(to_string(sigmoid(X * w + b)) == "sigmoid(X w + b)");
  BOOST_TEST(to_string(loss) ==
             "-mean(y .* log(sigmoid(X w + b)) + (1 - y) .* log(1 - sigmoid(X w + b)))");
  BOOST_TEST(to_latex(loss) ==
             "-\\operatorname{mean}(y \\odot \\log(\\sigma(Xw + b)) + (1 - y) \\odot \\log(1 - \\sigma(Xw + b)))");
}

BOOST_AUTO_TEST_CASE(logistic_gradient_canonical)
{
  using z = node<op::add, node<op::matmul, Xt, W>, B>;
  using grad = node<op::mul, node<op::matmul, node<op::transpose, Xt>, node<op::add, node<op::sigmoid, z>, minus<Y>>>,
                    pw<M, rat{-1, 1}>>;
  BOOST_TEST(to_string(grad{}) == "X^T (sigmoid(X w + b) - y) / m");
  BOOST_TEST(to_latex(grad{}) == "\\frac{X^\\top (\\sigma(Xw + b) - y)}{m}");

  using db = node<op::mul, node<op::add, V, minus<Y>>, pw<M, rat{-1, 1}>>;
  BOOST_TEST(to_string(db{}) == "(v - y) / m");
  BOOST_TEST(to_latex(db{}) == "\\frac{v - y}{m}");

  using scaled = node<op::mul, k<rat{2, 1}>, node<op::matmul, node<op::transpose, Xt>, Y>, pw<M, rat{-1, 1}>>;
  BOOST_TEST(to_string(scaled{}) == "2 X^T y / m");
  BOOST_TEST(to_latex(scaled{}) == "\\frac{2X^\\top y}{m}");
}

BOOST_AUTO_TEST_CASE(seed_function)
{
  const auto f = -pow(a, 3_c) + sin(3_c * b) - 1_c / c + pow(b, 2.5_c) - pow(a, 0.5_c);
  BOOST_TEST(to_string(f) == "-a^3 + sin(3 b) - 1 / c + b^2.5 - a^0.5");
  BOOST_TEST(to_latex(f) == "-a^{3} + \\sin(3b) - \\frac{1}{c} + b^{2.5} - \\sqrt{a}");

  // Its partial derivatives, canonical.
  using da = node<op::add, node<op::mul, k<rat{-3, 1}>, pw<A, rat{2, 1}>>, node<op::mul, k<rat{-1, 2}>, pw<A, rat{-1, 2}>>>;
  BOOST_TEST(to_string(da{}) == "-3 a^2 - 0.5 a^-0.5");
  BOOST_TEST(to_latex(da{}) == "-3a^{2} - 0.5a^{-0.5}");

  using db = node<op::add, node<op::mul, k<rat{3, 1}>, node<op::cos, node<op::mul, k<rat{3, 1}>, B>>>,
                  node<op::mul, k<rat{5, 2}>, pw<B, rat{3, 2}>>>;
  BOOST_TEST(to_string(db{}) == "3 cos(3 b) + 2.5 b^1.5");
  BOOST_TEST(to_latex(db{}) == "3\\cos(3b) + 2.5b^{1.5}");

  using dc = pw<C, rat{-2, 1}>;
  BOOST_TEST(to_string(dc{}) == "c^-2");
  BOOST_TEST(to_latex(dc{}) == "c^{-2}");
}

BOOST_AUTO_TEST_CASE(canonical_products)
{
  BOOST_TEST(to_string(node<op::add, A, node<op::mul, k<rat{-2, 1}>, B>>{}) == "a - 2 b");
  BOOST_TEST(to_string(node<op::mul, Y, pw<node<op::add, k<rat{1, 1}>, minus<V>>, rat{-1, 1}>>{}) == "y / (1 - v)");
  BOOST_TEST(to_latex(node<op::mul, Y, pw<node<op::add, k<rat{1, 1}>, minus<V>>, rat{-1, 1}>>{}) == "\\frac{y}{1 - v}");
  BOOST_TEST(to_string(pw<M, rat{-1, 1}>{}) == "1 / m");
  BOOST_TEST(to_string(minus<pw<M, rat{-1, 1}>>{}) == "-1 / m");
  BOOST_TEST(to_latex(minus<pw<M, rat{-1, 1}>>{}) == "-\\frac{1}{m}");
  BOOST_TEST(to_string(node<op::mul, A, pw<B, rat{-1, 1}>, pw<C, rat{-2, 1}>>{}) == "a / (b c^2)");
  BOOST_TEST(to_latex(node<op::mul, A, pw<B, rat{-1, 2}>>{}) == "\\frac{a}{\\sqrt{b}}");
  BOOST_TEST(to_string(node<op::mul, A, pw<B, rat{-1, 2}>>{}) == "a / b^0.5");

  // Coefficients: +-1 is a sign, a non-decimal one splits into numerator and denominator.
  BOOST_TEST(to_string(minus<node<op::add, A, B>>{}) == "-(a + b)");
  BOOST_TEST(to_string(node<op::mul, k<rat{1, 3}>, A>{}) == "a / 3");
  BOOST_TEST(to_string(node<op::mul, k<rat{-2, 3}>, A, pw<M, rat{-1, 1}>>{}) == "-2 a / (3 m)");
  BOOST_TEST(to_latex(node<op::mul, k<rat{-2, 3}>, A, pw<M, rat{-1, 1}>>{}) == "-\\frac{2a}{3m}");
  BOOST_TEST(to_string(node<op::mul, k<rat{1, 3}>, pw<A, rat{-1, 2}>>{}) == "(1/3) a^-0.5");
  BOOST_TEST(to_latex(node<op::mul, k<rat{1, 3}>, pw<A, rat{-1, 2}>>{}) == "\\frac{1}{3}a^{-0.5}");
  BOOST_TEST(to_string(node<op::add, node<op::mul, k<rat{-1, 1}>, A, B>, node<op::mul, k<rat{-1, 3}>, C>>{}) ==
             "-a b - c / 3");

  // Elementwise products of non-scalars, with and without a scalar coefficient.
  using sig = node<op::sigmoid, Y>;
  BOOST_TEST(to_string(node<op::mul, sig, node<op::add, k<rat{1, 1}>, minus<sig>>>{}) ==
             "sigmoid(y) .* (1 - sigmoid(y))");
  BOOST_TEST(to_latex(node<op::mul, sig, node<op::add, k<rat{1, 1}>, minus<sig>>>{}) ==
             "\\sigma(y) \\odot (1 - \\sigma(y))");
  BOOST_TEST(to_string(node<op::mul, k<rat{2, 1}>, Y, Y>{}) == "2 y .* y");

  // Matrix product chains.
  using chain = node<op::matmul, node<op::transpose, W>, node<op::transpose, Xt>, Xt, W>;
  BOOST_TEST(to_string(chain{}) == "w^T X^T X w");
  BOOST_TEST(to_latex(chain{}) == "w^\\top X^\\top Xw");
  BOOST_TEST(to_string(minus<node<op::matmul, node<op::transpose, Xt>, Y>>{}) == "-X^T y");
}

BOOST_AUTO_TEST_CASE(parentheses)
{
  BOOST_TEST(to_string(-(a + b)) == "-(a + b)");
  BOOST_TEST(to_string(-(a * b)) == "-a b");
  BOOST_TEST(to_string(-(-a)) == "-(-a)");
  BOOST_TEST(to_string(a * -b) == "a (-b)");
  BOOST_TEST(to_string(a + -b) == "a - b");
  BOOST_TEST(to_string(a - -b) == "a - (-b)");
  BOOST_TEST(to_string(a - (b - c)) == "a - (b - c)");
  BOOST_TEST(to_string((a - b) - c) == "a - b - c");
  BOOST_TEST(to_string((a + b) * c) == "(a + b) c");
  BOOST_TEST(to_string(a / (b * c)) == "a / (b c)");
  BOOST_TEST(to_string((a / b) * c) == "(a / b) c");
  BOOST_TEST(to_string(a / b / c) == "a / b / c");
  BOOST_TEST(to_string((a + b) / c) == "(a + b) / c");
  BOOST_TEST(to_latex((a + b) / c) == "\\frac{a + b}{c}");
  BOOST_TEST(to_string(a * 2_c) == "a * 2");
  BOOST_TEST(to_latex(a * 2_c) == "a \\cdot 2");

  BOOST_TEST(to_string(pow(-a, 2_c)) == "(-a)^2");
  BOOST_TEST(to_string(pow(a * b, 2_c)) == "(a b)^2");
  BOOST_TEST(to_string(pow(sigmoid(a), 2_c)) == "sigmoid(a)^2");
  BOOST_TEST(to_string(pow(k<rat{1, 3}>{}, 2_c)) == "(1/3)^2");
  BOOST_TEST(to_string(pow(a, k<rat{1, 3}>{})) == "a^(1/3)");
  BOOST_TEST(to_latex(pow(a, k<rat{-1, 3}>{})) == "a^{-1/3}");

  BOOST_TEST(to_string(transpose(X)) == "X^T");
  BOOST_TEST(to_string(transpose(S * S)) == "(S S)^T");
  BOOST_TEST(to_latex(transpose(S * S)) == "(SS)^\\top");
  BOOST_TEST(to_string(pow(transpose(X), 2_c)) == "(X^T)^2");

  // Mixing `.*` and the matrix product always shows the grouping.
  BOOST_TEST(to_string(S % (S * S)) == "S .* (S S)");
  BOOST_TEST(to_string((S % S) * S) == "(S .* S) S");
  BOOST_TEST(to_string(S * S * S) == "S S S");
  BOOST_TEST(to_string(S % S % S) == "S .* S .* S");
}

BOOST_AUTO_TEST_CASE(functions_and_reductions)
{
  const auto e = sum(exp(y)) + softplus(a) + tanh(b) + log(c) + mean(cos(v)) / m;
  BOOST_TEST(to_string(e) == "sum(exp(y)) + softplus(a) + tanh(b) + log(c) + mean(cos(v)) / m");
  BOOST_TEST(to_latex(e) ==
             "\\operatorname{sum}(\\exp(y)) + \\operatorname{softplus}(a) + \\tanh(b) + \\log(c) + "
             "\\frac{\\operatorname{mean}(\\cos(v))}{m}");
  BOOST_TEST(to_string(exp(-a)) == "exp(-a)");
}

// Functions of two arguments print as max(a, b); LaTeX has \max and \min.
BOOST_AUTO_TEST_CASE(piecewise_functions)
{
  BOOST_TEST(to_string(maximum(v, 0_c) + minimum(v, y)) == "max(v, 0) + min(v, y)");
  BOOST_TEST(to_latex(maximum(v, 0_c) + minimum(v, y)) == "\\max(v, 0) + \\min(v, y)");
  BOOST_TEST(to_string(clip(w, -1_c, 1_c)) == "min(max(w, -1), 1)");
  BOOST_TEST(to_string(huber(v - y, 1_c)) == "huber(v - y, 1)");
  BOOST_TEST(to_latex(huber(v - y, a)) == "\\operatorname{huber}(v - y, a)");
  BOOST_TEST(to_string(abs(a) + sign(b) + log1p(c) + expm1(a)) == "abs(a) + sign(b) + log1p(c) + expm1(a)");
  // pi is a symbol, Greek in LaTeX.
  BOOST_TEST(to_string(erf(a) / sqrt(pi)) == "erf(a) / pi^0.5");
  BOOST_TEST(to_latex(erf(a) / sqrt(pi)) == "\\frac{\\operatorname{erf}(a)}{\\sqrt{\\pi}}");
}

// The printer walks a flat pre-order description of the type: operands that follow a
// deep sibling, powers nested in powers, reciprocals outside products.
BOOST_AUTO_TEST_CASE(nesting)
{
  using late =
      node<op::mul, k<rat{-1, 2}>, pw<node<op::add, A, B>, rat{-1, 1}>, node<op::sigmoid, node<op::add, A, C>>>;
  BOOST_TEST(to_string(late{}) == "-0.5 sigmoid(a + c) / (a + b)");
  BOOST_TEST(to_latex(late{}) == "-\\frac{0.5\\sigma(a + c)}{a + b}");

  using root = pw<node<op::mul, A, pw<B, rat{-2, 1}>>, rat{-1, 2}>;
  using nested = node<op::add, node<op::mul, root, C>, node<op::neg, C>, A>;
  BOOST_TEST(to_string(nested{}) == "c / (a / b^2)^0.5 - c + a");
  BOOST_TEST(to_latex(nested{}) == "\\frac{c}{\\sqrt{\\frac{a}{b^{2}}}} - c + a");

  BOOST_TEST(to_string(node<op::sin, pw<A, rat{-1, 1}>>{}) == "sin(1 / a)");
  BOOST_TEST(to_latex(node<op::sin, pw<A, rat{-1, 1}>>{}) == "\\sin(\\frac{1}{a})");
  BOOST_TEST(to_latex(node<op::div, A, B, C>{}) == "\\frac{\\frac{a}{b}}{c}");
  BOOST_TEST(to_string(invalid_expr{}) == "<invalid>");
  BOOST_TEST(to_latex(invalid_expr{}) == "\\text{invalid}");
}

// The vocabulary of the models: class-axis functions, diagonals, outer products, rows of ones.
BOOST_AUTO_TEST_CASE(model_vocabulary) {
  BOOST_TEST(to_string(relu(v)) == "relu(v)");
  BOOST_TEST(to_latex(relu(v)) == "\\operatorname{relu}(v)");
  BOOST_TEST(to_latex(step(v)) == "\\operatorname{step}(v)");
  BOOST_TEST(to_string(logsumexp(X)) == "logsumexp(X)");
  // softmax is built as exp(v - logsumexp(v)) and read as what it is.
  BOOST_TEST(to_string(softmax(v)) == "softmax(v)");
  BOOST_TEST(to_latex(softmax(v)) == "\\operatorname{softmax}(v)");
  BOOST_TEST(to_string(exp(v - logsumexp(v % v))) == "exp(v - logsumexp(v .* v))");
  // Greek names, subscripts, and a space between a number and a Greek letter in LaTeX.
  constexpr auto lambda = scalar<"lambda">;
  constexpr auto W1 = matrix<"W1">(m, n);
  BOOST_TEST(to_latex(2_c * lambda * W1) == "2 \\lambda W_{1}");
  BOOST_TEST(to_string(2_c * lambda * W1) == "2 lambda W1");

  BOOST_TEST(to_string(eye<dim_t<"m">>{}) == "eye(m)");
  BOOST_TEST(to_latex(eye<dim_t<"m">>{}) == "I_{m}");
  BOOST_TEST(to_string(diag(v)) == "diag(v)");
  BOOST_TEST(to_latex(diag(v % y)) == "\\operatorname{diag}(v \\odot y)");
  BOOST_TEST(to_string(2_c * eye<dim_t<"m">>{}) == "2 eye(m)");
  // A reciprocal inside a diagonal stays inside it (the Jacobian of log(v)).
  BOOST_TEST(to_string(eye<dim_t<"m">>{} % pow(v, -1_c)) == "diag(v^-1)");
  BOOST_TEST(to_string(eye<dim_t<"m">>{} % pow(v, -1_c) / m) == "diag(v^-1) / m");

  // A column .* a row is their outer product, columns first whatever the order written.
  BOOST_TEST(to_string(v % transpose(y)) == "v y^T");
  BOOST_TEST(to_string(transpose(y) % v) == "v y^T");
  BOOST_TEST(to_latex(v % transpose(y)) == "vy^\\top");
  // A column scaling a matrix comes first.
  BOOST_TEST(to_string(X % v) == "v .* X");

  BOOST_TEST(to_string(col_sums(X)) == "ones(m)^T X");
  BOOST_TEST(to_latex(col_sums(X)) == "\\mathbf{1}_{m}^\\top X");
  BOOST_TEST(to_string(row_sums(X)) == "X ones(n)");
}

BOOST_AUTO_TEST_SUITE_END()
