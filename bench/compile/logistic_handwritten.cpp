// The logistic-regression demo written by hand with Eigen: the compile-time baseline
// for examples/logistic_regression.cpp (same data handling, training and checks).
#include <cmath>
#include <cstdio>
#include <iostream>

#include "../../examples/data.hpp"

namespace {

struct model {
  const Eigen::MatrixXd& x;
  const Eigen::VectorXd& y;

  double loss(const Eigen::VectorXd& w, double b) const {
    const Eigen::ArrayXd z = (x * w).array() + b;
    const Eigen::ArrayXd a = 1.0 / (1.0 + (-z).exp());
    return -(y.array() * a.log() + (1.0 - y.array()) * (1.0 - a).log()).mean();
  }

  double gradient(const Eigen::VectorXd& w, double b, Eigen::VectorXd& gw) const {
    const Eigen::ArrayXd z = (x * w).array() + b;
    const Eigen::VectorXd r = (1.0 / (1.0 + (-z).exp()) - y.array()).matrix() / double(x.rows());
    gw = x.transpose() * r;
    return r.sum();
  }
};

}  // namespace

int main(int argc, char** argv) {
  const auto data = examples::load_sklearn_csv(examples::data_path(argc, argv, "breast_cancer.csv"));
  const Eigen::MatrixXd x = examples::standardise(data.features);
  const model f{x, data.target};

  Eigen::VectorXd w = Eigen::VectorXd::Zero(x.cols());
  double b = 0.0;
  Eigen::VectorXd gw;
  double gb = f.gradient(w, b, gw);

  double worst = 0.0;
  const double h = 1e-6;
  for (Eigen::Index i = 0; i < w.size(); ++i) {
    Eigen::VectorXd up = w, down = w;
    up(i) += h;
    down(i) -= h;
    const double numeric = (f.loss(up, b) - f.loss(down, b)) / (2 * h);
    const double denom = std::abs(numeric) + std::abs(gw(i));
    worst = std::max(worst, denom == 0 ? 0.0 : std::abs(numeric - gw(i)) / denom);
  }
  std::printf("gradient check: max relative error %.3g\n", worst);

  for (int step = 0; step < 1000; ++step) {
    gb = f.gradient(w, b, gw);
    w -= 0.5 * gw;
    b -= 0.5 * gb;
  }
  const Eigen::ArrayXd p = 1.0 / (1.0 + (-((x * w).array() + b)).exp());
  const double accuracy = ((p > 0.5).cast<double>() == data.target.array()).cast<double>().mean();
  std::printf("final loss %.6f, training accuracy %.4f\n", f.loss(w, b), accuracy);
}
