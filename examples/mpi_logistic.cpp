// Logistic regression on the breast-cancer table (569 x 30), its rows split over the ranks of
// MPI_COMM_WORLD: each rank binds its own rows, and every step's loss and gradient are over all
// of them. Run with `mpiexec -n 4 mpi_logistic data/breast_cancer.csv`; rank 0 checks the
// trained model against one process's training on the whole table and prints both.
#include <cmath>
#include <cstdio>
#include <exception>

#include <symgrad/mpi.hpp>

#include "data.hpp"

using namespace symgrad;

constexpr auto m = dim<"m">;
constexpr auto n = dim<"n">;
constexpr auto X = matrix<"X">(m, n);
constexpr auto w = vector<"w">(n);
constexpr auto b = scalar<"b">;
constexpr auto y = vector<"y">(m);
constexpr auto loss = bce(sigmoid(X * w + b), y);

// Gradient descent with any evaluator of (loss, dL/dw, dL/db); returns the final loss.
// [train]
template <class Step, class Rows, class Labels>
double train(Step& step, const Rows& rows, const Labels& labels, Eigen::VectorXd& weights, double& bias) {
  for (int it = 0; it < 500; ++it) {
    const auto [value, dw, db] = step(bind(X = rows, w = weights, b = bias, y = labels));
    weights -= 0.5 * dw;
    bias -= 0.5 * db;
  }
  return std::get<0>(step(bind(X = rows, w = weights, b = bias, y = labels)));
}
// [train]

int main(int argc, char** argv) {
  // Funneled: enough for evaluators with threads(n) of their own, which never call MPI.
  int provided = 0;
  MPI_Init_thread(&argc, &argv, MPI_THREAD_FUNNELED, &provided);
  int rank = 0, ranks = 1;
  MPI_Comm_rank(MPI_COMM_WORLD, &rank);
  MPI_Comm_size(MPI_COMM_WORLD, &ranks);
  int status = 0;
  try {
    // Every rank reads the table; a real run would read only its own rows.
    const auto data = examples::load_sklearn_csv(examples::data_path(argc, argv, "breast_cancer.csv"));
    const Eigen::MatrixXd features = examples::standardise(data.features);
    // [ranks]
    const Eigen::Index rows = features.rows(), first = rows * rank / ranks, last = rows * (rank + 1) / ranks;
    const Eigen::MatrixXd my_features = features.middleRows(first, last - first);  // this rank's rows
    const Eigen::VectorXd my_labels = data.target.segment(first, last - first);

    auto step = mpi::value_and_grad(loss, wrt(w, b), MPI_COMM_WORLD);  // a call is a collective
    Eigen::VectorXd weights = Eigen::VectorXd::Zero(features.cols());   // the same on every rank
    double bias = 0;
    const double split_loss = train(step, my_features, my_labels, weights, bias);
    // [ranks]

    // One process on the whole table, for comparison (every rank could; rank 0 does).
    if (rank == 0) {
      auto whole = value_and_grad(loss, wrt(w, b));
      Eigen::VectorXd weights1 = Eigen::VectorXd::Zero(features.cols());
      double bias1 = 0;
      const double whole_loss = train(whole, features, data.target, weights1, bias1);
      const double difference = (weights - weights1).cwiseAbs().maxCoeff() / weights1.cwiseAbs().maxCoeff();
      std::printf("breast cancer, %ld rows over %d ranks (%ld to %ld rows each)\n", long(rows), ranks,
                  long(rows / ranks), long((rows + ranks - 1) / ranks));
      std::printf("after 500 steps: loss %.12f over the ranks, %.12f in one process\n", split_loss, whole_loss);
      std::printf("weights: largest difference %.1e relative to the largest weight\n", difference);
      if (!(difference < 1e-12 && std::abs(split_loss - whole_loss) < 1e-12)) {
        std::fprintf(stderr, "mpi_logistic: the ranks' training differs from one process's\n");
        status = 1;
      }
    }
  } catch (const std::exception& e) {
    std::fprintf(stderr, "mpi_logistic (rank %d): %s\n", rank, e.what());
    status = 1;
  }
  MPI_Finalize();
  return status;
}
