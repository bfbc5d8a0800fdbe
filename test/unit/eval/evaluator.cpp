// Compiled evaluators (compile, value_and_grad without bindings): the numbers of eval_all,
// results kept in the evaluator between calls, errors as eval_all's. Their allocations are
// counted in test/alloc.
#include <boost/test/unit_test.hpp>

#include <cmath>

#include <symgrad/value_and_grad.hpp>

#include "support.hpp"

using namespace symgrad;
using eval_test::b;
using eval_test::gaussian;
using eval_test::logistic_data;
using eval_test::w;
using eval_test::X;
using eval_test::y;

namespace {
constexpr auto loss = bce(sigmoid(X * w + b), y);
}  // namespace

BOOST_AUTO_TEST_SUITE(evaluator)

BOOST_AUTO_TEST_CASE(same_numbers_as_eval_all) {
  const logistic_data d;
  const auto bs = bind(X = d.Xd, w = d.wd, b = d.bd, y = d.yd);
  auto step = value_and_grad(loss, wrt(w, b));
  const auto [L, dw, db] = step(bs);
  const auto [L2, dw2, db2] = value_and_grad(loss, wrt(w, b), bs);
  BOOST_TEST(L == L2);
  BOOST_TEST(dw.size() == 7);
  BOOST_TEST((dw - dw2).cwiseAbs().maxCoeff() == 0.0);
  BOOST_TEST(db == db2);

  // Several expressions, a scalar leaf and a repeated root.
  auto f = compile(X * w, sum(w), X * w, 2_c);
  const auto [z, s, z2, two] = f(bs);
  BOOST_TEST((z - d.Xd * d.wd).cwiseAbs().maxCoeff() <= 1e-14);
  BOOST_TEST(&z == &z2);
  BOOST_TEST(s == d.wd.sum());
  BOOST_TEST(two == 2.0);
}

// Results live in the evaluator: the next call overwrites them in place.
BOOST_AUTO_TEST_CASE(results_are_kept_and_overwritten) {
  const logistic_data d;
  auto f = compile(X * w, transpose(X) * y);
  const auto [z, g] = f(bind(X = d.Xd, w = d.wd, y = d.yd));
  const double* storage = z.data();
  const Eigen::VectorXd w2 = -d.wd;
  const auto [z2, g2] = f(bind(X = d.Xd, w = w2, y = d.yd));
  BOOST_TEST(&z2 == &z);
  BOOST_TEST(z2.data() == storage);
  BOOST_TEST((z + d.Xd * d.wd).cwiseAbs().maxCoeff() <= 1e-14);  // z now holds X (-w)
  BOOST_TEST((g2 - d.Xd.transpose() * d.yd).cwiseAbs().maxCoeff() <= 1e-13);
}

// A root that is a variable is copied into the evaluator, not referenced.
BOOST_AUTO_TEST_CASE(variable_root) {
  constexpr auto v = vector<"v">(dim<"n">);
  const logistic_data d;
  auto f = compile(grad(sum(w % v), w), v);
  Eigen::VectorXd vd = gaussian(7, 1, 8).col(0);
  const auto [g, same] = f(bind(w = d.wd, v = vd));
  BOOST_TEST((g - vd).cwiseAbs().maxCoeff() == 0.0);
  BOOST_TEST(g.data() != vd.data());
  BOOST_TEST(&g != &same);
  vd *= 2;
  BOOST_TEST((same - vd / 2).cwiseAbs().maxCoeff() == 0.0);
}

BOOST_AUTO_TEST_CASE(errors_as_eval_all) {
  const logistic_data d;
  auto step = value_and_grad(loss, wrt(w, b));
  const Eigen::VectorXd short_y = d.yd.head(150);
  BOOST_CHECK_THROW(step(bind(X = d.Xd, w = d.wd, b = d.bd, y = short_y)), dimension_error);
  Eigen::VectorXd bad = d.yd;
  bad(3) = 1.5;
  constexpr auto p = vector<"p", in_unit_interval>(dim<"m">);
  auto f = compile(sum(p));
  BOOST_CHECK_THROW(f(bind(p = bad)), value_error);
  // Still usable afterwards, with the sizes of before or new ones.
  const auto [L, dw, db] = step(bind(X = d.Xd, w = d.wd, b = d.bd, y = d.yd));
  BOOST_TEST(std::isfinite(L));
  const Eigen::MatrixXd X2 = gaussian(31, 7, 9);
  const Eigen::VectorXd y2 = d.yd.head(31);
  const auto [L3, dw3, db3] = step(bind(X = X2, w = d.wd, b = d.bd, y = y2));
  const auto [L4, dw4, db4] = value_and_grad(loss, wrt(w, b), bind(X = X2, w = d.wd, b = d.bd, y = y2));
  BOOST_TEST(L3 == L4);
  BOOST_TEST((dw3 - dw4).cwiseAbs().maxCoeff() == 0.0);
}

BOOST_AUTO_TEST_SUITE_END()
