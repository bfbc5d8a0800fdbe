#pragma once
// Hand-written backprop of a dense network (L hidden layers of tanh, sigmoid or relu, softmax
// cross-entropy) with Eigen: the reference of the network tests and benchmarks. No symgrad here.
#include <cmath>
#include <cstddef>
#include <random>
#include <vector>

#include <Eigen/Core>

namespace backprop_reference {

using Eigen::Index;
using Eigen::MatrixXd;
using Eigen::RowVectorXd;
using Eigen::VectorXd;

enum class activation { tanh, sigmoid, relu };

struct network_problem {
  MatrixXd X, Y;               // m x n data, m x k one-hot labels
  std::vector<MatrixXd> W;     // W[0]: n x h, then h x h; the last: h x k (the output layer)
  std::vector<RowVectorXd> b;  // 1 x h, ..., 1 x k
};

// Standard normal data, one-hot labels of k classes, weights scaled by 1 / sqrt(fan in).
inline network_problem make_network(Index m, Index n, Index h, Index k, int hidden, unsigned seed) {
  network_problem p;
  std::mt19937 gen(seed);
  std::normal_distribution<double> normal;
  std::uniform_int_distribution<Index> cls(0, k - 1);
  p.X = MatrixXd::NullaryExpr(m, n, [&] { return normal(gen); });
  p.Y = MatrixXd::Zero(m, k);
  for (Index i = 0; i < m; ++i) p.Y(i, cls(gen)) = 1.0;
  Index in = n;
  for (int l = 0; l <= hidden; ++l) {
    const Index out = l == hidden ? k : h;
    p.W.push_back(MatrixXd::NullaryExpr(in, out, [&] { return normal(gen) / std::sqrt(double(in)); }));
    p.b.push_back(RowVectorXd::NullaryExpr(out, [&] { return 0.1 * normal(gen); }));
    in = out;
  }
  return p;
}

struct network_workspace {
  std::vector<MatrixXd> H;  // H[0] unused (X); H[l] the l-th layer's output; the last: logits
  MatrixXd D, DW;
  VectorXd lse, sums;
};

// Forward, then D = (P - Y) / m and for each layer down: dW = H^T D, db = 1^T D,
// D = (D W^T) .* f'(Z) from the layer's output H (1 - H^2, H (1 - H), H > 0).
inline double network_value_grad(const network_problem& p, activation f, network_workspace& ws, std::vector<MatrixXd>& gW,
                                 std::vector<RowVectorXd>& gb) {
  const std::size_t layers = p.W.size();
  const double m = double(p.X.rows());
  ws.H.resize(layers + 1);
  for (std::size_t l = 0; l < layers; ++l) {
    const MatrixXd& in = l == 0 ? p.X : ws.H[l];
    MatrixXd& out = ws.H[l + 1];
    out.noalias() = in * p.W[l];
    out.rowwise() += p.b[l];
    if (l + 1 == layers) break;
    switch (f) {
      case activation::tanh: out = out.array().tanh(); break;
      case activation::sigmoid: out = (1.0 + (-out.array()).exp()).inverse(); break;
      case activation::relu: out = out.array().max(0.0); break;
    }
  }
  // Softmax with its logsumexp: each entry exponentiated once.
  const MatrixXd& Z = ws.H[layers];
  ws.lse = Z.rowwise().maxCoeff();
  ws.D = (Z.colwise() - ws.lse).array().exp();
  ws.sums = ws.D.rowwise().sum();
  ws.lse.array() += ws.sums.array().log();
  const double value = ((ws.lse * RowVectorXd::Ones(Z.cols()) - Z).array() * p.Y.array()).sum() / m;
  ws.D = (ws.D.array().colwise() / ws.sums.array() - p.Y.array()) / m;
  for (std::size_t l = layers; l-- > 0;) {
    const MatrixXd& in = l == 0 ? p.X : ws.H[l];
    gW[l].noalias() = in.transpose() * ws.D;
    gb[l] = ws.D.colwise().sum();
    if (l == 0) break;
    ws.DW.noalias() = ws.D * p.W[l].transpose();
    const auto H = ws.H[l].array();
    switch (f) {
      case activation::tanh: ws.D = ws.DW.array() * (1.0 - H.square()); break;
      case activation::sigmoid: ws.D = ws.DW.array() * H * (1.0 - H); break;
      case activation::relu: ws.D = ws.DW.array() * (H > 0.0).cast<double>(); break;
    }
  }
  return value;
}

}  // namespace backprop_reference
