#pragma once
// Networks of any depth (test/support/network.hpp) against hand-written backprop
// (test/support/backprop.hpp): the value and every gradient within 1e-12 of the largest entry.
#include <string>
#include <utility>
#include <vector>

#include <boost/test/unit_test.hpp>

#include "../../support/backprop.hpp"
#include "../../support/network.hpp"

namespace networks_test {

using backprop_reference::activation;
using Eigen::MatrixXd;

inline double normwise(const MatrixXd& got, const MatrixXd& want) {
  if (got.rows() != want.rows() || got.cols() != want.cols()) return 1e300;
  return (got - want).cwiseAbs().maxCoeff() / want.cwiseAbs().maxCoeff();
}

template <std::size_t L, class Layer>
void check_against_backprop(activation f, Eigen::Index rows, unsigned seed) {
  const auto p = backprop_reference::make_network(rows, 7, 5, 3, int(L), seed);
  std::vector<MatrixXd> parameters;  // W1, b1, W2, b2, ...
  for (std::size_t l = 0; l <= L; ++l) {
    parameters.push_back(p.W[l]);
    parameters.push_back(p.b[l]);
  }
  auto step = symgrad::value_and_grad(nets::loss<L, Layer>(), nets::parameters<L, Layer>());
  const auto got = step(nets::net<L, Layer>().bind(parameters, nets::X = p.X, nets::Y = p.Y));

  backprop_reference::network_workspace ws;
  std::vector<MatrixXd> gW(L + 1);
  std::vector<Eigen::RowVectorXd> gb(L + 1);
  const double value = backprop_reference::network_value_grad(p, f, ws, gW, gb);
  BOOST_TEST(std::abs(std::get<0>(got) - value) / std::abs(value) < 1e-12);
  const auto check_layer = [&]<std::size_t I>(std::integral_constant<std::size_t, I>) {
    BOOST_TEST(normwise(std::get<1 + 2 * I>(got), gW[I]) < 1e-12, "W" << I + 1);
    BOOST_TEST(normwise(std::get<2 + 2 * I>(got), gb[I]) < 1e-12, "b" << I + 1);
  };
  [&]<std::size_t... I>(std::index_sequence<I...>) {
    (check_layer(std::integral_constant<std::size_t, I>{}), ...);
  }(std::make_index_sequence<L + 1>{});
}

}  // namespace networks_test
