#pragma once
// Hand-written references for the backprop benchmarks: least squares with an intercept here,
// the dense networks in test/support/backprop.hpp; buffers allocated once.
#include <cmath>
#include <vector>

#include "../test/support/backprop.hpp"
#include "handwritten.hpp"

namespace bench {

// L = mean((X w + b - y)^2); g_w = 2 X^T r / m, g_b = 2 sum(r) / m with r = X w + b - y.
inline double least_squares_value_grad(const MatrixXd& X, const VectorXd& y, const VectorXd& w, double b, VectorXd& r,
                                       VectorXd& gw, double& gb) {
  const double m = double(X.rows());
  r.noalias() = X * w;
  r.array() += b - y.array();
  gw.noalias() = X.transpose() * r;
  gw *= 2.0 / m;
  gb = 2.0 * r.sum() / m;
  return r.squaredNorm() / m;
}

// The networks' reference lives with the tests' fixtures (test/support/backprop.hpp).
using backprop_reference::activation;
using backprop_reference::make_network;
using backprop_reference::network_problem;
using backprop_reference::network_value_grad;
using backprop_reference::network_workspace;

}  // namespace bench
