// Networks of one and two hidden layers of each activation, and their printed gradients: every
// gradient equal to hand-written backprop, the second-layer reference checked against central
// differences, the printed form named as backprop is written. Deeper: networks_deep.cpp.
#include "networks_support.hpp"

using namespace networks_test;

BOOST_AUTO_TEST_SUITE(networks)

BOOST_AUTO_TEST_CASE(one_and_two_layers_equal_backprop) {
  check_against_backprop<1, nets::tanh_layer>(activation::tanh, 40, 11);
  check_against_backprop<2, nets::tanh_layer>(activation::tanh, 40, 12);
  check_against_backprop<2, nets::sigmoid_layer>(activation::sigmoid, 40, 13);
  check_against_backprop<2, nets::relu_layer>(activation::relu, 40, 14);
}

// symgrad's gradient against central differences of the loss: with the 1e-12 agreement above,
// this is what makes the hand-written reference trustworthy too.
BOOST_AUTO_TEST_CASE(gradient_agrees_with_central_differences) {
  constexpr auto net = nets::net<2, nets::tanh_layer>();
  const auto p = backprop_reference::make_network(30, 7, 5, 3, 2, 21);
  std::vector<MatrixXd> parameters;
  for (std::size_t l = 0; l < 3; ++l) {
    parameters.push_back(p.W[l]);
    parameters.push_back(p.b[l]);
  }
  const auto at = net.bind(parameters, nets::X = p.X, nets::Y = p.Y);
  const auto r1 = symgrad::check_gradient(nets::loss<2, nets::tanh_layer>(), net.weight<1>(), at);
  const auto r2 = symgrad::check_gradient(nets::loss<2, nets::tanh_layer>(), net.bias<2>(), at);
  BOOST_TEST(r1.max_scaled_error < 1e-7);
  BOOST_TEST(r2.max_scaled_error < 1e-7);
}

BOOST_AUTO_TEST_CASE(bind_checks_the_parameter_count) {
  constexpr auto net = nets::net<2, nets::relu_layer>();
  const std::vector<MatrixXd> three(3, MatrixXd::Zero(2, 2));
  const MatrixXd X = MatrixXd::Zero(4, 7);
  BOOST_CHECK_EXCEPTION(net.bind(three, nets::X = X), std::invalid_argument, [](const std::invalid_argument& e) {
    return std::string(e.what()).find("a network of 3 layers takes 6 matrices (W1, b1, W2, b2, ...), given 3") !=
           std::string::npos;
  });
}

// The two-layer relu network reads as backprop: each adjoint and activation once, named.
BOOST_AUTO_TEST_CASE(printed_with_names) {
  using symgrad::grad;
  using symgrad::label;
  constexpr auto net = nets::net<1, nets::relu_layer>();
  constexpr auto f = nets::loss<1, nets::relu_layer>();
  const std::string text = symgrad::to_string(label("dW1", grad(f, net.weight<1>())), label("db1", grad(f, net.bias<1>())),
                                              label("dW2", grad(f, net.weight<2>())), label("db2", grad(f, net.bias<2>())));
  BOOST_TEST(text ==
             "dW1 = X^T D1 / m\n"
             "db1 = ones(m)^T D1 / m\n"
             "dW2 = H1^T D2 / m\n"
             "db2 = ones(m)^T D2 / m\n"
             "where\n"
             "  D1 = (D2 W2^T) .* step(Z1)\n"
             "  D2 = softmax(H1 W2 + b2) - Y\n"
             "  H1 = relu(Z1)\n"
             "  Z1 = X W1 + b1");
  BOOST_TEST(symgrad::to_latex(label("dW2", grad(f, net.weight<2>()))) ==
             "dW2 = \\frac{\\operatorname{relu}(X W_{1} + b_{1})^\\top (\\operatorname{softmax}(\\operatorname{relu}(X W_{1} + b_{1})W_{2} + b_{2}) - Y)}{m}");
}

BOOST_AUTO_TEST_SUITE_END()
