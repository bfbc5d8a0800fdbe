// Compile-time probe: a dense network of NETWORK_DEPTH hidden layers (NETWORK_LAYER: tanh_layer,
// sigmoid_layer or relu_layer), the compiled evaluator of its loss and the gradient of every W and
// b, called once. bench/compile_network.sh compiles it for L = 1, 2, 4, 8 with both compilers.
#include <iostream>
#include <utility>
#include <vector>

#include "../../test/support/network.hpp"

#ifndef NETWORK_DEPTH
#define NETWORK_DEPTH 2
#endif
#ifndef NETWORK_LAYER
#define NETWORK_LAYER tanh_layer
#endif

int main() {
  constexpr std::size_t L = NETWORK_DEPTH;
  using Layer = nets::NETWORK_LAYER;
  const Eigen::Index m = 50, n = 8, h = 6, k = 3;
  std::vector<Eigen::MatrixXd> parameters;  // W1, b1, W2, b2, ...
  for (std::size_t l = 0; l <= L; ++l) {
    parameters.push_back(Eigen::MatrixXd::Random(l == 0 ? n : h, l == L ? k : h));
    parameters.push_back(Eigen::MatrixXd::Random(1, l == L ? k : h));
  }
  const Eigen::MatrixXd X = Eigen::MatrixXd::Random(m, n);
  Eigen::MatrixXd Y = Eigen::MatrixXd::Zero(m, k);
  for (Eigen::Index i = 0; i < m; ++i) Y(i, i % k) = 1.0;
  auto step = symgrad::value_and_grad(nets::loss<L, Layer>(), nets::parameters<L, Layer>());
  const auto result = step(nets::net<L, Layer>().bind(parameters, nets::X = X, nets::Y = Y));
  std::cout << std::get<0>(result) << '\n';
}
