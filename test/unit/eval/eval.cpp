// Evaluation: values against Eigen, shared subterms computed once, results by shape. The other
// evaluation tests are in this folder (support code in support.hpp); what the plans hold and
// the result types are proved in test/static/ (plan_*.cpp, eval_types.cpp).
#include <boost/test/unit_test.hpp>

#include "support.hpp"

using namespace symgrad;
using namespace eval_test;

// BOOST_AUTO_TEST_SUITE(eval) opens a namespace `eval`, hence symgrad::eval below.

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

  // The stored terms are computed, each once: 2 for f, 3 for g, 4 for both (what the plans
  // store: test/static/plan_fuse.cpp).
  auto& counter = eval_detail::subterm_evaluations;
  const auto before = counter;
  const auto [fv, gv] = eval_all(bs, f, g);
  BOOST_TEST(counter - before == 4u);

  const auto mid = counter;
  const double f_alone = symgrad::eval(f, bs);
  const Eigen::VectorXd g_alone = symgrad::eval(g, bs);
  BOOST_TEST(counter - mid == 5u);
  // Alone, the sum adds the sigmoids as it computes them, in another order than Eigen's sum
  // of the stored vector.
  BOOST_TEST(rel(fv, f_alone) <= 1e-15);
  BOOST_TEST((gv == g_alone));

  // The same root twice is computed once and returned twice.
  const auto again = counter;
  const auto [g1, g2] = eval_all(bs, g, g);
  BOOST_TEST(counter - again == 3u);
  BOOST_TEST((g1 == g2));
  BOOST_TEST((g1 == g_alone));
}

BOOST_AUTO_TEST_CASE(result_types_follow_shapes) {
  const Eigen::MatrixXd Xd = gaussian(4, 3, 10);
  const Eigen::VectorXd wd = gaussian(3, 1, 11).col(0);
  const auto bs = bind(X = Xd, w = wd, b = 2.0);

  // The types (a number, a vector, a matrix): test/static/eval_types.cpp.
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

BOOST_AUTO_TEST_SUITE_END()
