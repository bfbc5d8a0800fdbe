// The evaluation form (eval/form.hpp): identities applied before planning change no value,
// bit for bit, and share the work they are there to share.
#include <boost/test/unit_test.hpp>

#include <cmath>
#include <cstddef>
#include <limits>
#include <type_traits>

#include <symgrad/eval/value_and_grad.hpp>

#include "eval_support.hpp"

using namespace symgrad;
using eval_test::gaussian;

namespace {

constexpr auto z = vector<"z">(dim<"m">);
constexpr auto u = vector<"u">(dim<"m">);
constexpr double inf = std::numeric_limits<double>::infinity();

template <class Op, class T>
inline constexpr bool applies_v = false;
template <class Op, class... A>
inline constexpr bool applies_v<Op, node<Op, A...>> = true;

// How many planned terms apply Op.
template <class Op, class Plan>
constexpr std::size_t count_terms() {
  return []<class... T>(eval_detail::tlist<T...>) {
    return (std::size_t{0} + ... + std::size_t{applies_v<Op, T>});
  }(typename Plan::terms{});
}

// softplus as the kernel computes it, one entry at a time.
double softplus_ref(double x) { return std::max(x, 0.0) + std::log1p(std::exp(-std::abs(x))); }

bool same_bits(double a, double b) { return (std::isnan(a) && std::isnan(b)) || a == b; }

}  // namespace

BOOST_AUTO_TEST_SUITE(eval_form)

// softplus(z) and softplus(-z) together: one softplus term (of -|z|), the same values.
BOOST_AUTO_TEST_CASE(softplus_pair_shares_its_transcendentals) {
  using together = eval_detail::plan<decltype(softplus(z)), decltype(softplus(-z))>;
  static_assert(count_terms<op::softplus, together>() == 1);
  using alone = eval_detail::plan<decltype(softplus(z)), decltype(softplus(-u))>;
  static_assert(count_terms<op::softplus, alone>() == 2);  // no opposite: not split
  static_assert(count_terms<op::relu, alone>() == 0);

  Eigen::VectorXd zd(15);
  zd << -1000, -800, -40, -1.3, -1e-10, -0.0, 0.0, 1e-10, 0.49, 0.99, 1.01, 40, 800, inf, -inf;
  const auto [p, q] = eval_all(bind(z = zd), softplus(z), softplus(-z));
  for (Eigen::Index i = 0; i < zd.size(); ++i) {
    BOOST_TEST(same_bits(p(i), softplus_ref(zd(i))), "softplus(" << zd(i) << ")");
    BOOST_TEST(same_bits(q(i), softplus_ref(-zd(i))), "softplus(-" << zd(i) << ")");
  }
  zd(3) = std::nan("");
  const auto [pn, qn] = eval_all(bind(z = zd), softplus(z), softplus(-z));
  BOOST_TEST(std::isnan(pn(3)));
  BOOST_TEST(std::isnan(qn(3)));
}

// -a - b is evaluated as -(a + b), sharing a + b: the same numbers.
BOOST_AUTO_TEST_CASE(negated_sums) {
  const Eigen::VectorXd zd = gaussian(9, 1, 21).col(0), ud = gaussian(9, 1, 22).col(0);
  using P = eval_detail::plan<decltype(z + u), decltype(-z - u)>;
  static_assert(count_terms<op::add, P>() == 1);
  static_assert(count_terms<op::sub, P>() == 0);
  const auto [s, t] = eval_all(bind(z = zd, u = ud), z + u, -z - u);
  for (Eigen::Index i = 0; i < zd.size(); ++i) {
    BOOST_TEST(s(i) == zd(i) + ud(i));
    BOOST_TEST(t(i) == -zd(i) - ud(i));
  }
}

// The stable binary cross-entropy: one softplus per entry, the value of the formula.
BOOST_AUTO_TEST_CASE(stable_bce) {
  using eval_test::b;
  using eval_test::w;
  using eval_test::X;
  using eval_test::y;
  constexpr auto loss = bce(sigmoid(X * w + b), y);
  using P = eval_detail::plan<decltype(stable(loss)), decltype(grad(loss, w)), decltype(grad(loss, b))>;
  static_assert(count_terms<op::softplus, P>() == 1);
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

BOOST_AUTO_TEST_SUITE_END()
