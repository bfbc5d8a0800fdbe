#include <boost/test/unit_test.hpp>

#include <cmath>
#include <random>
#include <string>
#include <type_traits>

#include <Eigen/Core>

#include "symgrad/eval/eval.hpp"
#include "symgrad/expr/build.hpp"

using namespace symgrad;

// BOOST_AUTO_TEST_SUITE(eval) opens a namespace `eval`, hence symgrad::eval below.

namespace {

constexpr auto X = matrix<"X">(dim<"m">, dim<"n">);
constexpr auto w = vector<"w">(dim<"n">);
constexpr auto y = vector<"y">(dim<"m">);
constexpr auto b = scalar<"b">;

// Node types spelled by hand (as the simplifier makes them) need the unqualified leaf type.
template <class T>
using leaf_t = std::remove_cvref_t<T>;

Eigen::MatrixXd gaussian(Eigen::Index rows, Eigen::Index cols, unsigned seed) {
  std::mt19937 gen(seed);
  std::normal_distribution<double> d;
  Eigen::MatrixXd m(rows, cols);
  for (Eigen::Index i = 0; i < m.size(); ++i) m.data()[i] = d(gen);
  return m;
}

Eigen::VectorXd labels(Eigen::Index rows, unsigned seed) {
  std::mt19937 gen(seed);
  std::bernoulli_distribution d;
  Eigen::VectorXd v(rows);
  for (Eigen::Index i = 0; i < rows; ++i) v(i) = d(gen) ? 1.0 : 0.0;
  return v;
}

double rel(double a, double b) { return std::abs(a - b) / std::max(std::abs(a), std::abs(b)); }

template <class F>
std::string dimension_message(F f) {
  try {
    f();
  } catch (const symgrad::dimension_error& e) {
    return e.what();
  }
  return "(no dimension_error)";
}

struct logistic_data {
  Eigen::MatrixXd Xd = gaussian(200, 7, 1);
  Eigen::VectorXd wd = gaussian(7, 1, 2).col(0);
  Eigen::VectorXd yd = labels(200, 3);
  double bd = 0.3;
};

}  // namespace

BOOST_AUTO_TEST_SUITE(eval)

BOOST_AUTO_TEST_CASE(logistic_loss_matches_eigen) {
  const logistic_data d;
  const auto bs = bind(X = d.Xd, w = d.wd, b = d.bd, y = d.yd);

  const double loss = symgrad::eval(bce(sigmoid(X * w + b), y), bs);

  const Eigen::ArrayXd z = (d.Xd * d.wd).array() + d.bd;
  const Eigen::ArrayXd p = 1.0 / (1.0 + (-z).exp());
  const Eigen::ArrayXd ya = d.yd.array();
  const double expected = -(ya * p.log() + (1.0 - ya) * (1.0 - p).log()).mean();
  BOOST_TEST(rel(loss, expected) <= 1e-12);

  const Eigen::VectorXd grad = symgrad::eval(transpose(X) * (sigmoid(X * w + b) - y) / dim<"m">, bs);
  const Eigen::VectorXd expected_grad = d.Xd.transpose() * (p.matrix() - d.yd) / 200.0;
  BOOST_TEST((grad - expected_grad).norm() <= 1e-12 * expected_grad.norm());
}

BOOST_AUTO_TEST_CASE(common_subterms_are_computed_once) {
  const logistic_data d;
  const auto bs = bind(X = d.Xd, w = d.wd, b = d.bd);
  constexpr auto p = sigmoid(X * w + b);
  constexpr auto f = sum(p);
  constexpr auto g = transpose(X) * p;  // the transpose is read as a view, not computed

  // X w, X w + b, sigmoid, then sum and X^T p
  static_assert(distinct_subterms_v<decltype(f)> == 4);
  static_assert(distinct_subterms_v<decltype(g)> == 4);
  static_assert(distinct_subterms_v<decltype(f), decltype(g)> == 5);

  auto& counter = eval_detail::subterm_evaluations;
  const auto before = counter;
  const auto [fv, gv] = eval_all(bs, f, g);
  BOOST_TEST(counter - before == 5u);

  const auto mid = counter;
  const double f_alone = symgrad::eval(f, bs);
  const Eigen::VectorXd g_alone = symgrad::eval(g, bs);
  BOOST_TEST(counter - mid == 8u);
  BOOST_TEST(fv == f_alone);
  BOOST_TEST((gv == g_alone));

  // The same root twice is computed once and returned twice.
  const auto again = counter;
  const auto [g1, g2] = eval_all(bs, g, g);
  BOOST_TEST(counter - again == 4u);
  BOOST_TEST((g1 == g2));
  BOOST_TEST((g1 == g_alone));
}

BOOST_AUTO_TEST_CASE(dimension_errors_name_variable_dimension_and_sizes) {
  const Eigen::MatrixXd Xd = gaussian(569, 30, 4);
  const Eigen::VectorXd w30 = gaussian(30, 1, 5).col(0);
  const Eigen::VectorXd w31 = gaussian(31, 1, 6).col(0);
  const Eigen::VectorXd y569 = labels(569, 7);
  const Eigen::VectorXd y568 = labels(568, 7);
  const Eigen::MatrixXd two_columns = gaussian(30, 2, 8);
  constexpr auto loss = bce(sigmoid(X * w + b), y);

  const auto before = eval_detail::subterm_evaluations;
  BOOST_TEST(dimension_message([&] { symgrad::eval(loss, bind(X = Xd, w = w31, b = 0.0, y = y569)); }) ==
             "symgrad: variable 'w' has 31 rows but dimension 'n' is 30 (from variable 'X')");
  // The first binding (in bind order) that has a dimension fixes its extent.
  BOOST_TEST(dimension_message([&] { symgrad::eval(loss, bind(w = w31, X = Xd, b = 0.0, y = y569)); }) ==
             "symgrad: variable 'X' has 30 columns but dimension 'n' is 31 (from variable 'w')");
  BOOST_TEST(dimension_message([&] { symgrad::eval(loss, bind(X = Xd, w = w30, b = 0.0, y = y568)); }) ==
             "symgrad: variable 'y' has 568 rows but dimension 'm' is 569 (from variable 'X')");
  BOOST_TEST(dimension_message([&] { symgrad::eval(loss, bind(X = Xd, w = two_columns, b = 0.0, y = y569)); }) ==
             "symgrad: variable 'w' has 2 columns but its shape is n x 1, so it must have 1 column");
  BOOST_TEST(dimension_message([&] { symgrad::eval(X * w, bind(X = Xd, w = gaussian(1, 1, 9))); }) ==
             "symgrad: variable 'w' has 1 row but dimension 'n' is 30 (from variable 'X')");
  // Checked before any arithmetic.
  BOOST_TEST(eval_detail::subterm_evaluations == before);

  // It is a std::invalid_argument.
  BOOST_CHECK_THROW(symgrad::eval(loss, bind(X = Xd, w = w31, b = 0.0, y = y569)), std::invalid_argument);

  // Dimension names are shared by all the bindings, so an unused binding is checked too
  // (and an unused binding can supply an extent, see elementwise_kernels).
  BOOST_TEST(dimension_message([&] { symgrad::eval(sum(X * w), bind(X = Xd, w = w30, y = y568)); }) ==
             "symgrad: variable 'y' has 568 rows but dimension 'm' is 569 (from variable 'X')");
  BOOST_CHECK_NO_THROW(symgrad::eval(sum(X * w), bind(X = Xd, w = w30, y = y569)));
}

BOOST_AUTO_TEST_CASE(result_types_follow_shapes) {
  const Eigen::MatrixXd Xd = gaussian(4, 3, 10);
  const Eigen::VectorXd wd = gaussian(3, 1, 11).col(0);
  const auto bs = bind(X = Xd, w = wd, b = 2.0);

  static_assert(std::is_same_v<decltype(symgrad::eval(sum(X), bs)), double>);
  static_assert(std::is_same_v<decltype(symgrad::eval(b, bs)), double>);
  static_assert(std::is_same_v<decltype(symgrad::eval(2_c, bs)), double>);
  static_assert(std::is_same_v<decltype(symgrad::eval(transpose(w) * w, bs)), double>);
  static_assert(std::is_same_v<decltype(symgrad::eval(X * w, bs)), Eigen::VectorXd>);
  static_assert(std::is_same_v<decltype(symgrad::eval(w, bs)), Eigen::VectorXd>);
  static_assert(std::is_same_v<decltype(symgrad::eval(X, bs)), Eigen::MatrixXd>);
  static_assert(std::is_same_v<decltype(symgrad::eval(transpose(w), bs)), Eigen::MatrixXd>);

  BOOST_TEST(rel(symgrad::eval(sum(X), bs), Xd.sum()) <= 1e-14);
  BOOST_TEST(symgrad::eval(b, bs) == 2.0);
  BOOST_TEST(symgrad::eval(0.25_c, bs) == 0.25);
  BOOST_TEST(symgrad::eval(0.25_c * 2_c + exp(0_c), bind()) == 1.5);  // nothing to bind
  BOOST_TEST(rel(symgrad::eval(transpose(w) * w, bs), wd.squaredNorm()) <= 1e-15);
  BOOST_TEST((symgrad::eval(X, bs) == Xd));
  BOOST_TEST((symgrad::eval(w, bs) == wd));
  const Eigen::MatrixXd wt = symgrad::eval(transpose(w), bs);
  BOOST_TEST(wt.rows() == 1);
  BOOST_TEST((wt == wd.transpose()));
  BOOST_TEST(symgrad::eval(X * w, bs).isApprox(Xd * wd, 1e-15));
}

BOOST_AUTO_TEST_CASE(matrix_chains_take_the_cheapest_order) {
  // X^T X w with X 569 x 30: X^T (X w) needs 34140 multiply-adds, (X^T X) w 513000.
  const auto split = eval_detail::matmul_order<3>({30, 569, 30, 1});
  BOOST_TEST(split[0 * 3 + 2] == 0u);  // X^T * (X w)
  const auto left = eval_detail::matmul_order<3>({1, 569, 30, 30});
  BOOST_TEST(left[0 * 3 + 2] == 1u);  // (w^T X^T) X

  const Eigen::MatrixXd Xd = gaussian(569, 30, 12);
  const Eigen::VectorXd wd = gaussian(30, 1, 13).col(0);
  const auto bs = bind(X = Xd, w = wd);
  using chain3 = node<op::matmul, node<op::transpose, leaf_t<decltype(X)>>, leaf_t<decltype(X)>, leaf_t<decltype(w)>>;
  const Eigen::VectorXd r = symgrad::eval(chain3{}, bs);
  const Eigen::VectorXd expected = Xd.transpose() * (Xd * wd);
  BOOST_TEST((r - expected).norm() <= 1e-12 * expected.norm());

  // A four-factor chain with mixed transposes against Eigen's left-to-right product.
  constexpr auto A = matrix<"A">(dim<"p">, dim<"q">);
  constexpr auto B = matrix<"B">(dim<"r">, dim<"q">);
  constexpr auto C = matrix<"C">(dim<"r">, dim<"s">);
  constexpr auto v = vector<"v">(dim<"s">);
  const Eigen::MatrixXd Ad = gaussian(5, 40, 14), Bd = gaussian(3, 40, 15), Cd = gaussian(3, 60, 16);
  const Eigen::VectorXd vd = gaussian(60, 1, 17).col(0);
  using chain4 = node<op::matmul, leaf_t<decltype(A)>, node<op::transpose, leaf_t<decltype(B)>>, leaf_t<decltype(C)>, leaf_t<decltype(v)>>;
  const Eigen::VectorXd r4 = symgrad::eval(chain4{}, bind(A = Ad, B = Bd, C = Cd, v = vd));
  const Eigen::VectorXd e4 = Ad * Bd.transpose() * Cd * vd;
  BOOST_TEST((r4 - e4).norm() <= 1e-12 * e4.norm());
}

BOOST_AUTO_TEST_CASE(bindings_reference_the_data) {
  Eigen::MatrixXd Xd = gaussian(6, 4, 18);
  Eigen::VectorXd wd = gaussian(4, 1, 19).col(0);

  const auto bx = (X = Xd);
  const auto bw = (w = wd);
  BOOST_TEST(!bx.owns_copy());
  BOOST_TEST(!bw.owns_copy());
  BOOST_TEST(bx.value().data() == Xd.data());
  BOOST_TEST(bw.value().data() == wd.data());

  const Eigen::Map<const Eigen::MatrixXd> mapped(Xd.data(), 6, 4);
  BOOST_TEST((X = mapped).value().data() == Xd.data());
  const auto block = (X = Xd.block(1, 1, 3, 2));  // column-major block: outer stride only
  BOOST_TEST(!block.owns_copy());
  BOOST_TEST(block.value().data() == &Xd(1, 1));
  BOOST_TEST(!(w = Xd.col(2)).owns_copy());

  // Expressions and strided rows are copied once, into storage the copies share.
  BOOST_TEST((w = Xd.row(0).transpose()).owns_copy());
  auto copied = [&] {
    const auto tmp = (X = 2.0 * Xd);
    BOOST_TEST(tmp.owns_copy());
    return bind(tmp);
  }();
  BOOST_TEST((symgrad::eval(X, copied) == 2.0 * Xd));

  // Editing the data in place is seen by the next evaluation.
  const auto bs = bind(X = Xd, w = wd);
  const double before = symgrad::eval(sum(X * w), bs);
  wd *= 2.0;
  BOOST_TEST(rel(symgrad::eval(sum(X * w), bs), 2.0 * before) <= 1e-14);
}

BOOST_AUTO_TEST_CASE(with_rebinds_and_adds) {
  const Eigen::MatrixXd Xd = gaussian(6, 4, 20);
  const Eigen::VectorXd w1 = gaussian(4, 1, 21).col(0);
  const Eigen::VectorXd w2 = gaussian(4, 1, 22).col(0);
  auto bs = bind(X = Xd, w = w1, b = 1.0);
  const auto rebound = bs.with(w = w2, b = 3.0);
  static_assert(std::is_same_v<decltype(rebound), const decltype(bs)>);
  BOOST_TEST(rel(symgrad::eval(sum(X * w) + b, rebound), (Xd * w2).sum() + 3.0) <= 1e-14);
  BOOST_TEST(rel(symgrad::eval(sum(X * w) + b, bs), (Xd * w1).sum() + 1.0) <= 1e-14);

  const Eigen::VectorXd yd = labels(6, 23);
  const auto added = bs.with(y = yd);
  BOOST_TEST(symgrad::eval(sum(y), added) == yd.sum());

  bs = bs.with(w = w2);  // bindings are assignable, e.g. in a training loop
  BOOST_TEST((symgrad::eval(w, bs) == w2));
}

BOOST_AUTO_TEST_CASE(elementwise_kernels) {
  constexpr auto x = vector<"x">(dim<"k">);
  constexpr auto s = scalar<"s">;
  Eigen::VectorXd xd(5);
  xd << -1000.0, -2.5, 0.0, 0.75, 1000.0;
  const auto bs = bind(x = xd, s = -1000.0);

  const Eigen::VectorXd sg = symgrad::eval(sigmoid(x), bs);
  BOOST_TEST(sg.allFinite());
  BOOST_TEST(sg(0) >= 0.0);  // Eigen's vectorised exp(-1000) is a denormal, not 0
  BOOST_TEST(sg(0) <= 1e-300);
  BOOST_TEST(sg(2) == 0.5);
  BOOST_TEST(sg(4) == 1.0);
  BOOST_TEST(rel(sg(1), 1 / (1 + std::exp(2.5))) <= 1e-15);
  BOOST_TEST(rel(sg(3), 1 / (1 + std::exp(-0.75))) <= 1e-15);
  BOOST_TEST(symgrad::eval(sigmoid(s), bs) == 0.0);
  BOOST_TEST(symgrad::eval(sigmoid(-s), bs) == 1.0);

  const Eigen::VectorXd sp = symgrad::eval(softplus(x), bs);
  BOOST_TEST(sp.allFinite());
  BOOST_TEST(sp(0) >= 0.0);
  BOOST_TEST(sp(0) <= 1e-300);
  BOOST_TEST(sp(4) == 1000.0);
  BOOST_TEST(rel(sp(1), std::log1p(std::exp(-2.5))) <= 1e-15);
  BOOST_TEST(rel(sp(2), std::log(2.0)) <= 1e-15);
  BOOST_TEST(symgrad::eval(softplus(s), bs) == 0.0);
  BOOST_TEST(symgrad::eval(softplus(-s), bs) == 1000.0);

  Eigen::VectorXd pos(4);
  pos << 0.5, 1.0, 2.0, 3.7;
  const auto pb = bind(x = pos, s = 2.0);
  const auto close = [](const Eigen::VectorXd& a, const Eigen::ArrayXd& e) { return (a.array() - e).abs().maxCoeff() <= 1e-14 * e.abs().maxCoeff(); };
  const Eigen::ArrayXd pa = pos.array();
  BOOST_TEST(close(symgrad::eval(sqrt(x), pb), pa.sqrt()));
  BOOST_TEST(close(symgrad::eval(pow(x, -1_c), pb), 1.0 / pa));
  BOOST_TEST(close(symgrad::eval(pow(x, -0.5_c), pb), 1.0 / pa.sqrt()));
  BOOST_TEST(close(symgrad::eval(pow(x, 2_c), pb), pa * pa));
  BOOST_TEST(close(symgrad::eval(pow(x, 5_c), pb), pa * pa * pa * pa * pa));
  BOOST_TEST(close(symgrad::eval(pow(x, -3_c), pb), 1.0 / (pa * pa * pa)));
  BOOST_TEST(close(symgrad::eval(pow(x, 1.5_c), pb), pa.pow(1.5)));
  BOOST_TEST(symgrad::eval(pow(s, 3_c), pb) == 8.0);
  BOOST_TEST(symgrad::eval(pow(s, 0.5_c), pb) == std::sqrt(2.0));

  BOOST_TEST(close(symgrad::eval(exp(x) + log(x) - sin(x) % cos(x) / tanh(x), pb),
                   pa.exp() + pa.log() - pa.sin() * pa.cos() / pa.tanh()));
  BOOST_TEST(close(symgrad::eval(s - x, pb), 2.0 - pa));
  BOOST_TEST(close(symgrad::eval(x - s, pb), pa - 2.0));
  BOOST_TEST(close(symgrad::eval(s / x, pb), 2.0 / pa));
  BOOST_TEST(close(symgrad::eval(x / s, pb), pa / 2.0));
  BOOST_TEST(close(symgrad::eval(-x, pb), -pa));
  BOOST_TEST(symgrad::eval(mean(x), pb) == pos.sum() / 4.0);
  BOOST_TEST(symgrad::eval(sum(x) / dim<"k">, pb) == pos.sum() / 4.0);
  BOOST_TEST(symgrad::eval(mean(s), pb) == 2.0);
  BOOST_TEST(symgrad::eval(-(s * s) + exp(s) / s, pb) == -4.0 + std::exp(2.0) / 2.0);

  // n-ary canonical forms from the simplifier, with scalars and ones/zeros broadcasting.
  using k1 = shape<dim_t<"k">, unit_dim>;
  using sum3 = node<op::add, leaf_t<decltype(x)>, ones<k1>, leaf_t<decltype(s)>>;
  using prod3 = node<op::mul, constant<rat{3, 1}>, leaf_t<decltype(x)>, leaf_t<decltype(x)>, leaf_t<decltype(s)>>;
  using filled = node<op::add, zeros<k1>, node<op::mul, leaf_t<decltype(s)>, ones<k1>>>;  // k: from x's binding
  BOOST_TEST(close(symgrad::eval(sum3{}, pb), pa + 3.0));
  BOOST_TEST(close(symgrad::eval(prod3{}, pb), 6.0 * pa * pa));
  BOOST_TEST(close(symgrad::eval(filled{}, pb), Eigen::ArrayXd::Constant(4, 2.0)));
  BOOST_TEST(symgrad::eval(ones<scalar_shape>{}, pb) == 1.0);
  BOOST_TEST(symgrad::eval(node<op::add, leaf_t<decltype(s)>, constant<rat{1, 2}>, size_of<dim_t<"k">>>{}, pb) == 6.5);
}

BOOST_AUTO_TEST_SUITE_END()
