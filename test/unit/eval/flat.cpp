// Parameters in one flat vector (eval/flat.hpp) and results written into the caller's buffers
// (evaluator::into): what an optimiser needs.
#include <boost/test/unit_test.hpp>

#include <string>

#include "symgrad/eval/flat.hpp"
#include "symgrad/value_and_grad.hpp"
#include "support.hpp"

using namespace symgrad;
using namespace eval_test;

namespace {

constexpr auto k = dim<"k">;
constexpr auto W = matrix<"W">(dim<"n">, k);
constexpr auto c = row_vector<"c">(k);
constexpr auto logistic = bce(sigmoid(X * w + b), y) + sum(w % w) / 2_c;
constexpr auto Y = matrix<"Y">(dim<"m">, k);
constexpr auto softmax_loss = cross_entropy(softmax(X * W + c), Y);

bool message_has(const std::exception& e, const std::string& part) {
  return std::string(e.what()).find(part) != std::string::npos;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(flat_parameters_suite)

// The layout: w (4 entries) then b; a matrix parameter column-major.
BOOST_AUTO_TEST_CASE(layout_and_views) {
  const Eigen::VectorXd w0 = gaussian(4, 1, 1).col(0);
  const auto params = flatten(w = w0, b = 0.5);
  BOOST_TEST(params.size() == 5);
  BOOST_TEST((params.initial().head(4) == w0));
  BOOST_TEST(params.initial()(4) == 0.5);

  const Eigen::MatrixXd W0 = gaussian(4, 3, 2);
  const Eigen::RowVectorXd c0 = gaussian(1, 3, 3);
  const auto pm = flatten(W = W0, c = c0);
  BOOST_TEST(pm.size() == 15);
  const Eigen::VectorXd x = pm.initial();
  BOOST_TEST((pm.view(W, x) == W0));
  BOOST_TEST((pm.view(c, x) == Eigen::MatrixXd(c0)));
  BOOST_TEST(pm.view(W, x).data() == x.data());  // a view, not a copy
  BOOST_TEST(pm.view(c, x).data() == x.data() + 12);
}

// Bound from the flat vector without a copy: the binding reads x's own storage, and the
// gradients land in their segments of g, equal to value_and_grad's own.
BOOST_AUTO_TEST_CASE(binds_from_and_gathers_into_flat_vectors) {
  const Eigen::MatrixXd Xd = gaussian(9, 4, 4);
  const Eigen::VectorXd yd = (gaussian(9, 1, 5).array() > 0).cast<double>().matrix().col(0);
  const auto params = flatten(w = Eigen::VectorXd::Zero(4), b = 0.0);
  Eigen::VectorXd x = gaussian(5, 1, 6).col(0);

  const auto at = params.bind(x, X = Xd, y = yd);
  BOOST_TEST(std::get<2>(at.items).value().data() == x.data());
  BOOST_TEST(!std::get<2>(at.items).owns_copy());

  auto step = value_and_grad(logistic, wrt(w, b));
  Eigen::VectorXd g(5);
  const double value = params.value_and_grad(step, x, g, X = Xd, y = yd);

  const Eigen::VectorXd wd = x.head(4);
  const auto [v, gw, gb] = value_and_grad(logistic, wrt(w, b), bind(X = Xd, y = yd, w = wd, b = x(4)));
  BOOST_TEST(value == v);
  BOOST_TEST((g.head(4) == gw));
  BOOST_TEST(g(4) == gb);

  // In place: the optimiser moves x, the next call reads the new values.
  x(4) += 1.0;
  params.value_and_grad(step, x, g, X = Xd, y = yd);
  const auto [v2, gw2, gb2] = value_and_grad(logistic, wrt(w, b), bind(X = Xd, y = yd, w = wd, b = x(4)));
  BOOST_TEST((g.head(4) == gw2));
  BOOST_TEST(g(4) == gb2);
  (void)v2;
}

// A matrix and a row-vector parameter: the gradients column-major in their segments.
BOOST_AUTO_TEST_CASE(matrix_parameters) {
  const Eigen::MatrixXd Xd = gaussian(7, 4, 7);
  Eigen::MatrixXd Yd = Eigen::MatrixXd::Zero(7, 3);
  for (Eigen::Index i = 0; i < 7; ++i) Yd(i, i % 3) = 1;
  const auto params = flatten(W = gaussian(4, 3, 8), c = Eigen::RowVectorXd(gaussian(1, 3, 9)));
  const Eigen::VectorXd x = params.initial();
  auto step = value_and_grad(softmax_loss, wrt(W, c));
  Eigen::VectorXd g(params.size());
  params.value_and_grad(step, x, g, X = Xd, Y = Yd);
  const auto [v, gW, gc] = step(bind(X = Xd, Y = Yd, W = Eigen::MatrixXd(params.view(W, x)),
                                     c = Eigen::MatrixXd(params.view(c, x))));
  (void)v;
  BOOST_TEST((params.view(W, g) == gW));
  BOOST_TEST((params.view(c, g) == Eigen::MatrixXd(gc)));
}

// Wrong sizes are dimension errors that say what was expected.
BOOST_AUTO_TEST_CASE(size_errors) {
  const auto params = flatten(w = Eigen::VectorXd::Zero(4), b = 0.0);
  const Eigen::VectorXd short_x = Eigen::VectorXd::Zero(4);
  BOOST_CHECK_EXCEPTION(params.bind(short_x), dimension_error, [](const dimension_error& e) {
    return message_has(e, "the vector has 4 entries, but the parameters take 5");
  });
  Eigen::VectorXd g(6);
  BOOST_CHECK_EXCEPTION(params.gather(g, Eigen::VectorXd::Zero(4), 0.0), dimension_error, [](const dimension_error& e) {
    return message_has(e, "the gradient has 6 entries, but the parameters take 5");
  });
  Eigen::VectorXd g5(5);
  BOOST_CHECK_EXCEPTION(params.gather(g5, Eigen::VectorXd::Zero(3), 0.0), dimension_error, [](const dimension_error& e) {
    return message_has(e, "parameter 1 is 3 x 1, but its segment holds 4 x 1");
  });
}

// evaluator::into writes each result into a buffer the caller owns: a double, a vector, a
// segment of a larger vector; a buffer of the wrong size is an error naming the result.
BOOST_AUTO_TEST_CASE(results_into_caller_buffers) {
  const Eigen::MatrixXd Xd = gaussian(9, 4, 10);
  const Eigen::VectorXd yd = (gaussian(9, 1, 11).array() > 0).cast<double>().matrix().col(0);
  const Eigen::VectorXd wd = gaussian(4, 1, 12).col(0);
  const auto at = bind(X = Xd, y = yd, w = wd, b = 0.25);
  auto step = value_and_grad(logistic, wrt(w, b));
  const auto [v, gw, gb] = value_and_grad(logistic, wrt(w, b), at);

  double value = 0, db = 0;
  Eigen::VectorXd flat(6);
  step.into(at, value, flat.segment(1, 4), db);
  BOOST_TEST(value == v);
  BOOST_TEST((flat.segment(1, 4) == gw));
  BOOST_TEST(db == gb);

  Eigen::VectorXd wrong(3);
  BOOST_CHECK_EXCEPTION(step.into(at, value, wrong, db), dimension_error, [](const dimension_error& e) {
    return message_has(e, "result 2 is 4 x 1, but its buffer is 3 x 1");
  });
}

// The evaluator's type has a name, for a member of a class.
BOOST_AUTO_TEST_CASE(nameable_evaluator) {
  struct model {
    value_and_grad_t<decltype(logistic), decltype(w), decltype(b)> step;
  } fit;
  const Eigen::MatrixXd Xd = gaussian(9, 4, 13);
  const Eigen::VectorXd yd = (gaussian(9, 1, 14).array() > 0).cast<double>().matrix().col(0);
  const Eigen::VectorXd wd = gaussian(4, 1, 15).col(0);
  const auto at = bind(X = Xd, y = yd, w = wd, b = 0.25);
  const auto [v, gw, gb] = fit.step(at);
  const auto [v0, gw0, gb0] = value_and_grad(logistic, wrt(w, b), at);
  BOOST_TEST(v == v0);
  BOOST_TEST((gw == gw0));
  BOOST_TEST(gb == gb0);
}

BOOST_AUTO_TEST_SUITE_END()
