// Evaluation: elementwise kernels, powers, reductions and broadcasting.
#include <boost/test/unit_test.hpp>

#include <cmath>

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

BOOST_AUTO_TEST_SUITE_END()
