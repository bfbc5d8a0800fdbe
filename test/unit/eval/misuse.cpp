// Runtime misuse: sizes that contradict each other, an empty data set, labels outside the range
// their variable declares, and what NaN and infinity in the data do. Each mistake raises an
// exception naming the variable and the values before any arithmetic; NaN and infinity are
// not mistakes and flow through the arithmetic (documented in docs/errors.md).
#include <boost/test/unit_test.hpp>

#include <cmath>
#include <limits>
#include <string>

#include <symgrad/symgrad.hpp>

using namespace symgrad;

namespace {

constexpr auto m = dim<"m">;
constexpr auto n = dim<"n">;
constexpr auto k = dim<"k">;
constexpr auto X = matrix<"X">(m, n);
constexpr auto w = vector<"w">(n);
constexpr auto b = scalar<"b">;
constexpr auto y = vector<"y", in_unit_interval>(m);
constexpr auto Z = matrix<"Z">(m, k);
constexpr auto Y = matrix<"Y", sums_to_one>(m, k);
constexpr auto loss = bce(sigmoid(X * w + b), y);

// The exception's message, which must mention every one of `parts`.
template <class Exception, class F>
std::string message_of(F f) {
  try {
    f();
  } catch (const Exception& e) {
    return e.what();
  }
  return "no exception";
}

bool mentions(const std::string& s, std::initializer_list<const char*> parts) {
  for (const char* p : parts)
    if (s.find(p) == std::string::npos) return false;
  return true;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(misuse)

BOOST_AUTO_TEST_CASE(empty_data_set) {
  const Eigen::MatrixXd Xd(0, 3);
  const Eigen::VectorXd wd = Eigen::VectorXd::Ones(3), yd(0);
  const auto what = message_of<dimension_error>([&] { value_and_grad(loss, wrt(w, b), bind(X = Xd, w = wd, b = 0.0, y = yd)); });
  BOOST_TEST_INFO(what);
  BOOST_TEST(mentions(what, {"'X'", "0 rows", "'m'"}));
  // Zero columns are refused the same way.
  const Eigen::MatrixXd Xn(4, 0);
  const Eigen::VectorXd wn(0), y4 = Eigen::VectorXd::Zero(4);
  const auto what_n = message_of<dimension_error>([&] { symgrad::eval(loss, bind(X = Xn, w = wn, b = 0.0, y = y4)); });
  BOOST_TEST(mentions(what_n, {"'X'", "0 columns", "'n'"}));
}

BOOST_AUTO_TEST_CASE(contradicting_sizes) {
  const Eigen::MatrixXd Xd = Eigen::MatrixXd::Ones(4, 3);
  const Eigen::VectorXd wd = Eigen::VectorXd::Ones(2), yd = Eigen::VectorXd::Zero(4);
  const auto what = message_of<dimension_error>([&] { symgrad::eval(loss, bind(X = Xd, w = wd, b = 0.0, y = yd)); });
  BOOST_TEST_INFO(what);
  BOOST_TEST(mentions(what, {"'w'", "2 rows", "'n'", "3", "'X'"}));
}

BOOST_AUTO_TEST_CASE(labels_outside_their_range) {
  const Eigen::MatrixXd Xd = Eigen::MatrixXd::Ones(4, 3);
  const Eigen::VectorXd wd = Eigen::VectorXd::Ones(3);
  Eigen::VectorXd yd(4);
  yd << 1, 0, 2, 1;
  const auto what = message_of<value_error>([&] { value_and_grad(loss, wrt(w), bind(X = Xd, w = wd, b = 0.0, y = yd)); });
  BOOST_TEST_INFO(what);
  BOOST_TEST(mentions(what, {"'y'", "in_unit_interval", "(2, 0)", "2", "[0, 1]"}));
  yd(2) = std::numeric_limits<double>::quiet_NaN();
  BOOST_TEST(mentions(message_of<value_error>([&] { symgrad::eval(loss, bind(X = Xd, w = wd, b = 0.0, y = yd)); }),
                      {"'y'", "nan"}));
  yd(2) = 0.25;  // a probability is a label too
  BOOST_TEST(std::isfinite(symgrad::eval(loss, bind(X = Xd, w = wd, b = 0.0, y = yd))));
}

BOOST_AUTO_TEST_CASE(rows_that_do_not_sum_to_one) {
  const auto ce = cross_entropy(softmax(Z), Y);
  const Eigen::MatrixXd Zd = Eigen::MatrixXd::Zero(3, 2);
  Eigen::MatrixXd Yd(3, 2);
  Yd << 1, 0, 0.5, 0.5, 0.3, 0.6;
  const auto what = message_of<value_error>([&] { value_and_grad(ce, wrt(Z), bind(Z = Zd, Y = Yd)); });
  BOOST_TEST_INFO(what);
  BOOST_TEST(mentions(what, {"'Y'", "sums_to_one", "row 2", "0.9"}));
  Yd.row(2) << -0.5, 1.5;  // sums to one, but not probabilities
  BOOST_TEST(mentions(message_of<value_error>([&] { symgrad::eval(ce, bind(Z = Zd, Y = Yd)); }), {"'Y'", "(2, 0)", "-0.5"}));
  Yd.row(2) << 0.1 + 1e-12, 0.9;  // rounding, as in labels read from text, is accepted
  BOOST_TEST(std::isfinite(symgrad::eval(ce, bind(Z = Zd, Y = Yd))));
  // A vector is one distribution: its entries sum to one.
  constexpr auto p = vector<"p", sums_to_one>(k);
  constexpr auto z = vector<"z">(k);
  Eigen::VectorXd pd(3), zd = Eigen::VectorXd::Zero(3);
  pd << 0.2, 0.2, 0.2;
  BOOST_TEST(mentions(message_of<value_error>([&] { symgrad::eval(cross_entropy(softmax(z), p), bind(z = zd, p = pd)); }),
                      {"'p'", "sum to 0.6"}));
}

// NaN and infinity are values, not mistakes: they propagate as IEEE arithmetic says, through
// the stable forms. A NaN feature makes the loss and every gradient entry it touches NaN.
BOOST_AUTO_TEST_CASE(nan_and_infinity_in_the_data) {
  constexpr double nan = std::numeric_limits<double>::quiet_NaN(), inf = std::numeric_limits<double>::infinity();
  Eigen::MatrixXd Xd = Eigen::MatrixXd::Ones(3, 2);
  const Eigen::VectorXd wd = Eigen::VectorXd::Ones(2);
  Eigen::VectorXd yd(3);
  yd << 1, 0, 1;
  Xd(1, 0) = nan;
  const auto [L, gw, gb] = value_and_grad(loss, wrt(w, b), bind(X = Xd, w = wd, b = 0.0, y = yd));
  BOOST_TEST(std::isnan(L));
  BOOST_TEST(std::isnan(gw(0)));
  BOOST_TEST(std::isnan(gb));

  // Infinite logits: a confident right answer has loss 0 and gradient 0; a confident wrong
  // one has loss inf; an infinite logit with label 1 at +inf (or 0 at -inf) meets 0 * inf in
  // y .* softplus(z) and gives NaN.
  constexpr auto zv = vector<"z">(m);
  constexpr auto lz = bce(sigmoid(zv), y);
  Eigen::VectorXd zd(2), labels(2);
  zd << -inf, inf;
  labels << 0, 1;
  const auto [right, g_right] = value_and_grad(lz, wrt(zv), bind(zv = zd, y = labels));
  BOOST_TEST(std::isnan(right));
  BOOST_TEST(g_right(0) == 0.0);  // sigmoid(-inf) - 0
  BOOST_TEST(g_right(1) == 0.0);
  labels << 1, 0;
  const auto [wrong, g_wrong] = value_and_grad(lz, wrt(zv), bind(zv = zd, y = labels));
  BOOST_TEST(std::isinf(wrong));
  BOOST_TEST(g_wrong(0) == -0.5);
  BOOST_TEST(g_wrong(1) == 0.5);
}

BOOST_AUTO_TEST_SUITE_END()
