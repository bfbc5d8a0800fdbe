// The evaluation form (eval/plan/rewrites.hpp): identities applied before planning change no
// value, bit for bit. That they share the work they are there to share (the planned terms):
// test/static/plan_form.cpp.
#include <boost/test/unit_test.hpp>

#include <cmath>
#include <limits>
#include <type_traits>

#include <symgrad/value_and_grad.hpp>

#include "support.hpp"

using namespace symgrad;
using eval_test::gaussian;

namespace {

constexpr auto z = vector<"z">(dim<"m">);
constexpr auto u = vector<"u">(dim<"m">);
constexpr double inf = std::numeric_limits<double>::infinity();

// softplus as the kernel computes it, one entry at a time.
double softplus_ref(double x) { return std::max(x, 0.0) + std::log1p(std::exp(-std::abs(x))); }

bool same_bits(double a, double b) { return (std::isnan(a) && std::isnan(b)) || a == b; }
bool close(double a, double b) { return same_bits(a, b) || std::abs(a - b) <= 4e-16 * std::abs(b); }

}  // namespace

BOOST_AUTO_TEST_SUITE(eval_form)

// softplus(z) and softplus(-z) together: one softplus term (of -|z|), the same values.
BOOST_AUTO_TEST_CASE(softplus_pair_shares_its_transcendentals) {
  Eigen::VectorXd zd(15);
  zd << -1000, -800, -40, -1.3, -1e-10, -0.0, 0.0, 1e-10, 0.49, 0.99, 1.01, 40, 800, inf, -inf;
  const auto [p, q] = eval_all(bind(z = zd), softplus(z), softplus(-z));
  const Eigen::VectorXd p_alone = symgrad::eval(softplus(z), bind(z = zd));
  const Eigen::VectorXd q_alone = symgrad::eval(softplus(-z), bind(z = zd));
  for (Eigen::Index i = 0; i < zd.size(); ++i) {
    BOOST_TEST(same_bits(p(i), p_alone(i)), "softplus(" << zd(i) << ")");
    BOOST_TEST(same_bits(q(i), q_alone(i)), "softplus(-" << zd(i) << ")");
    // Within an ulp or two of libm's exp: the kernel's is Eigen's vectorised one.
    BOOST_TEST(close(p(i), softplus_ref(zd(i))), "softplus(" << zd(i) << ") against libm");
    BOOST_TEST(close(q(i), softplus_ref(-zd(i))), "softplus(-" << zd(i) << ") against libm");
  }
  zd(3) = std::nan("");
  const auto [pn, qn] = eval_all(bind(z = zd), softplus(z), softplus(-z));
  BOOST_TEST(std::isnan(pn(3)));
  BOOST_TEST(std::isnan(qn(3)));
}

// -a - b is evaluated as -(a + b), sharing a + b: the same numbers.
BOOST_AUTO_TEST_CASE(negated_sums) {
  const Eigen::VectorXd zd = gaussian(9, 1, 21).col(0), ud = gaussian(9, 1, 22).col(0);
  const auto [s, t] = eval_all(bind(z = zd, u = ud), z + u, -z - u);
  for (Eigen::Index i = 0; i < zd.size(); ++i) {
    BOOST_TEST(s(i) == zd(i) + ud(i));
    BOOST_TEST(t(i) == -zd(i) - ud(i));
  }
}

// a - b is evaluated as a + (-b), a's terms flattened, where another root holds that sum (as
// a gradient holds the residual of least squares): one term for both, the same numbers
// (x - y is x + (-y) in IEEE arithmetic). Elsewhere a difference stays one: -b alone would be
// a term of its own.
BOOST_AUTO_TEST_CASE(differences_as_the_gradients_write_them) {
  const Eigen::VectorXd zd = gaussian(9, 1, 23).col(0), ud = gaussian(9, 1, 24).col(0);
  constexpr auto c = scalar<"c">;
  const double cd = 0.3;
  using Z = std::remove_const_t<decltype(z)>;
  using C = std::remove_const_t<decltype(c)>;
  using U = std::remove_const_t<decltype(u)>;
  using residual = node<op::add, Z, C, node<op::mul, constant<rat{-1, 1}>, U>>;
  const auto [d, e, f] = eval_all(bind(z = zd, u = ud, c = cd), z + c - u, residual{}, z - 3_c * u);
  for (Eigen::Index i = 0; i < zd.size(); ++i) {
    BOOST_TEST(same_bits(d(i), zd(i) + cd - ud(i)));
    BOOST_TEST(same_bits(e(i), d(i)));
    BOOST_TEST(same_bits(f(i), zd(i) - 3 * ud(i)));
  }
}

// The stable binary cross-entropy: one exp and one log1p per entry, the value of the formula.
BOOST_AUTO_TEST_CASE(stable_bce) {
  using eval_test::b;
  using eval_test::w;
  using eval_test::X;
  using eval_test::y;
  constexpr auto loss = bce(sigmoid(X * w + b), y);
  const eval_test::logistic_data d;
  const Eigen::VectorXd wd = 40 * d.wd;  // large logits
  const auto [L, gw, gb] = value_and_grad(loss, wrt(w, b), bind(X = d.Xd, w = wd, b = d.bd, y = d.yd));
  const Eigen::VectorXd zd = (d.Xd * wd).array() + d.bd;
  long double want = 0;
  for (Eigen::Index i = 0; i < zd.size(); ++i) {
    const long double zi = zd(i), sp = std::log1p(std::exp(-std::fabs(zi)));
    want += d.yd(i) * (std::max(-zi, 0.0L) + sp) + (1 - d.yd(i)) * (std::max(zi, 0.0L) + sp);
  }
  want /= zd.size();
  BOOST_TEST(std::abs(L - static_cast<double>(want)) <= 1e-14 * static_cast<double>(want));
  (void)gw;
  (void)gb;
}

// A sigmoid beside the softplus pair: exp(-|u|) once, and the sigmoid's values bit for bit.
BOOST_AUTO_TEST_CASE(sigmoid_shares_the_exponential) {
  Eigen::VectorXd zd(15);
  zd << -1000, -800, -40, -1.3, -1e-10, -0.0, 0.0, 1e-10, 0.49, 0.99, 1.01, 40, 800, inf, -inf;
  const auto [p, q, s] = eval_all(bind(z = zd), softplus(z), softplus(-z), sigmoid(z));
  const Eigen::VectorXd s_alone = symgrad::eval(sigmoid(z), bind(z = zd));
  const Eigen::VectorXd p_alone = symgrad::eval(softplus(z), bind(z = zd));
  const Eigen::VectorXd q_alone = symgrad::eval(softplus(-z), bind(z = zd));
  for (Eigen::Index i = 0; i < zd.size(); ++i) {
    BOOST_TEST(same_bits(s(i), s_alone(i)), "sigmoid(" << zd(i) << ")");
    BOOST_TEST(same_bits(p(i), p_alone(i)), "softplus(" << zd(i) << ")");
    BOOST_TEST(same_bits(q(i), q_alone(i)), "softplus(-" << zd(i) << ")");
  }
}

// The softmax (which holds its logsumexp): each entry exponentiated once; values as the textbook
// softmax exp(Z - max) / sum and logsumexp max + log(sum).
BOOST_AUTO_TEST_CASE(softmax_shares_the_exponentials) {
  constexpr auto Z = matrix<"Z">(dim<"m">, dim<"k">);
  constexpr auto Y = matrix<"Y">(dim<"m">, dim<"k">);
  constexpr auto loss = cross_entropy(softmax(Z), Y);
  constexpr auto g = grad(loss, Z);

  Eigen::MatrixXd Zd = 3 * gaussian(40, 6, 23);
  Zd.row(0) << 1000, -1000, 999, 0, 1e-10, -40;
  Zd.row(1) << 1, 2, 3, 4, -800, -700;
  Eigen::MatrixXd Yd = Eigen::MatrixXd::Zero(40, 6);
  for (Eigen::Index i = 0; i < 40; ++i) Yd(i, (i * 7) % 6) = 1;
  const auto [L, G] = eval_all(bind(Z = Zd, Y = Yd), stable(loss), g);
  long double want = 0;
  Eigen::MatrixXd Gw(40, 6);
  for (Eigen::Index i = 0; i < 40; ++i) {
    const long double top = Zd.row(i).maxCoeff();
    long double sum = 0;
    for (Eigen::Index j = 0; j < 6; ++j) sum += std::exp(static_cast<long double>(Zd(i, j)) - top);
    for (Eigen::Index j = 0; j < 6; ++j) {
      const long double p = std::exp(static_cast<long double>(Zd(i, j)) - top) / sum;
      Gw(i, j) = static_cast<double>((p - Yd(i, j)) / 40);
      if (Yd(i, j) != 0) want -= Yd(i, j) * (Zd(i, j) - top - std::log(sum));
    }
  }
  want /= 40;
  BOOST_TEST(std::abs(L - static_cast<double>(want)) <= 1e-14 * static_cast<double>(want));
  BOOST_TEST(eval_test::max_rel(G, Gw) <= 1e-15);
}

BOOST_AUTO_TEST_SUITE_END()
