// Evaluation: elementwise kernels, powers, reductions and broadcasting.
#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <cmath>
#include <limits>

#include "support.hpp"

using namespace symgrad;
using namespace eval_test;

// BOOST_AUTO_TEST_SUITE(eval) opens a namespace `eval`, hence symgrad::eval below.

BOOST_AUTO_TEST_SUITE(eval)

BOOST_AUTO_TEST_CASE(elementwise_kernels) {
  constexpr auto x = vector<"x">(dim<"k">);
  constexpr auto s = scalar<"s">;
  Eigen::VectorXd xd(5);
  xd << -1000.0, -2.5, 0.0, 0.75, 1000.0;
  const auto bs = bind(x = xd, s = -1000.0);

  const Eigen::VectorXd sg = symgrad::eval(sigmoid(x), bs);
  BOOST_TEST(sg.allFinite());
  BOOST_TEST(sg(0) == 0.0);  // exp(-1000) underflows to 0 (kernels/functions.hpp: exp_packet)
  BOOST_TEST(sg(2) == 0.5);
  BOOST_TEST(sg(4) == 1.0);
  BOOST_TEST(rel(sg(1), 1 / (1 + std::exp(2.5))) <= 1e-15);
  BOOST_TEST(rel(sg(3), 1 / (1 + std::exp(-0.75))) <= 1e-15);
  BOOST_TEST(symgrad::eval(sigmoid(s), bs) == 0.0);
  BOOST_TEST(symgrad::eval(sigmoid(-s), bs) == 1.0);

  const Eigen::VectorXd sp = symgrad::eval(softplus(x), bs);
  BOOST_TEST(sp.allFinite());
  BOOST_TEST(sp(0) == 0.0);
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

// abs, sign, max, min and huber, each on a vector long enough for the packet loop and its
// remainder; the conventions at 0, at ties and for NaN are the scalar library's.
BOOST_AUTO_TEST_CASE(piecewise_kernels) {
  constexpr auto k = dim<"k">;
  constexpr auto x = vector<"x">(k);
  constexpr auto y = vector<"y">(k);
  constexpr auto s = scalar<"s">;
  const double nan = std::numeric_limits<double>::quiet_NaN();
  Eigen::VectorXd xd(7), yd(7);
  xd << -2.0, -0.0, 0.0, nan, 1e-10, 3.0, 0.5;
  yd << 1.0, 0.0, -1.0, 2.0, nan, 3.0, -0.5;
  const auto at = bind(x = xd, y = yd, s = 0.25);
  const auto [sg, ab, mx, mn, ms] =
      eval_all(at, sign(x), abs(x), maximum(x, y), minimum(x, y), maximum(x, s));
  const double signs[] = {-1, 0, 0, 0, 1, 1, 1};  // sign(0) = 0 and sign(NaN) = 0, as step
  for (Eigen::Index i = 0; i < 7; ++i) {
    BOOST_TEST(sg(i) == signs[i]);
    BOOST_TEST((std::isnan(xd(i)) ? std::isnan(ab(i)) : ab(i) == std::abs(xd(i))));
    const double big = std::max(xd(i), yd(i)), small = std::min(xd(i), yd(i)), with_s = std::max(xd(i), 0.25);
    BOOST_TEST((std::isnan(big) ? std::isnan(mx(i)) : mx(i) == big), "max at " << i);
    BOOST_TEST((std::isnan(small) ? std::isnan(mn(i)) : mn(i) == small), "min at " << i);
    BOOST_TEST((std::isnan(with_s) ? std::isnan(ms(i)) : ms(i) == with_s), "max with a scalar at " << i);
  }
  // A region fused into its sum reads the same operation.
  Eigen::VectorXd fa = xd.head(3), fb = yd.head(3);
  const auto fin = bind(x = fa, y = fb, s = 0.25);
  BOOST_TEST(symgrad::eval(sum(maximum(x, y) - minimum(x, y) % abs(x)), fin) ==
             (fa.cwiseMax(fb) - fa.cwiseMin(fb).cwiseProduct(fa.cwiseAbs())).sum());
  // huber(x, 1): x^2 / 2 inside, |x| - 1/2 beyond, exactly.
  Eigen::VectorXd hx(5);
  hx << -3.0, -1.0, -0.5, 0.5, 3.0;
  const Eigen::VectorXd h = symgrad::eval(huber(x, 1_c), bind(x = hx));
  const double expected[] = {2.5, 0.5, 0.125, 0.125, 2.5};
  for (Eigen::Index i = 0; i < 5; ++i) BOOST_TEST(h(i) == expected[i]);
  // log1p and expm1 keep what 1 + x and exp(x) - 1 would round away.
  Eigen::VectorXd tiny(3);
  tiny << 1e-10, -1e-12, -800.0;
  const Eigen::VectorXd em1 = symgrad::eval(expm1(x), bind(x = tiny));
  BOOST_TEST(rel(em1(0), std::expm1(1e-10)) <= 1e-15);
  BOOST_TEST(rel(em1(1), std::expm1(-1e-12)) <= 1e-15);
  BOOST_TEST(em1(2) == -1.0);
  tiny(2) = 0.5;
  const Eigen::VectorXd l1p = symgrad::eval(log1p(x), bind(x = tiny));
  for (Eigen::Index i = 0; i < 3; ++i) BOOST_TEST(rel(l1p(i), std::log1p(tiny(i))) <= 1e-15);
}

BOOST_AUTO_TEST_SUITE_END()
