// symgrad::mpi's benchmark, run under mpiexec (scripts/run-bench.sh runs it with 1 and 2 ranks):
// logistic regression (569 x 30, 200000 x 100) and softmax regression (100000 x 100 x 10), the
// loss and gradient over the ranks, each rank with its own rows, against the hand-written Eigen
// code on rank 0 over all the rows (the others idle), in the same run. Every benchmark runs a
// fixed number of iterations, so that the ranks make the same collectives; only rank 0 reports.
// Wall time: a call's time is that of its slowest rank.
#include <cstdio>
#include <memory>
#include <string>
#include <tuple>

#include <benchmark/benchmark.h>

#include <symgrad/mpi.hpp>

#include "../test/support/linear_models.hpp"
#include "handwritten.hpp"

namespace {

namespace sg = symgrad;
using namespace bench;

int rank = 0, ranks = 1;

template <class M>
M my_rows(const M& all) {
  const Index m = all.rows(), first = m * rank / ranks, last = m * (rank + 1) / ranks;
  return all.middleRows(first, last - first);
}

constexpr auto k = sg::dim<"k">;
constexpr auto W = sg::matrix<"W">(linear_models::n, k);
constexpr auto c = sg::row_vector<"c">(k);
constexpr auto Y = sg::matrix<"Y", sg::sums_to_one>(linear_models::m, k);
constexpr auto softmax_loss = sg::cross_entropy(sg::softmax(linear_models::X * W + c), Y);

struct logistic_rows {
  logistic_problem all;
  MatrixXd X;
  VectorXd y;
  logistic_rows(Index m, Index n, unsigned seed) : all(make_logistic(m, n, seed)), X(my_rows(all.X)), y(my_rows(all.y)) {}
};

struct softmax_rows {
  softmax_problem all;
  MatrixXd X, Y;
  softmax_rows(Index m, Index n, Index classes, unsigned seed)
      : all(make_softmax(m, n, classes, seed)), X(my_rows(all.X)), Y(my_rows(all.Y)) {}
};

void bm_logistic_handwritten(benchmark::State& state, logistic_rows* d) {
  const logistic_problem& p = d->all;
  logistic_workspace ws(p.X.rows());
  VectorXd gw(p.X.cols());
  double gb = 0;
  for (auto _ : state)
    if (rank == 0) benchmark::DoNotOptimize(logistic_value_grad(p.X, p.y, p.w, p.b, ws, gw, gb));
}

void bm_logistic_ranks(benchmark::State& state, logistic_rows* d) {
  using namespace linear_models;
  auto step = sg::mpi::value_and_grad(logistic, sg::wrt(w, b), MPI_COMM_WORLD);
  const auto at = sg::bind(X = d->X, w = d->all.w, b = d->all.b, y = d->y);
  // Against one process on all the rows, before timing.
  const auto want = sg::value_and_grad(logistic, sg::wrt(w, b), sg::bind(X = d->all.X, w = d->all.w, b = d->all.b, y = d->all.y));
  require_agreement("mpi logistic", "one process", relative_difference(std::get<1>(step(at)), std::get<1>(want)), 1e-12);
  for (auto _ : state) benchmark::DoNotOptimize(std::get<0>(step(at)));
}

void bm_softmax_handwritten(benchmark::State& state, softmax_rows* d) {
  const softmax_problem& p = d->all;
  softmax_workspace ws(p.X.rows(), p.W.cols());
  MatrixXd gW(p.W.rows(), p.W.cols());
  RowVectorXd gb(p.W.cols());
  for (auto _ : state)
    if (rank == 0) benchmark::DoNotOptimize(softmax_value_grad(p.X, p.Y, p.W, p.b, ws, gW, gb));
}

void bm_softmax_ranks(benchmark::State& state, softmax_rows* d) {
  using linear_models::X;
  auto step = sg::mpi::value_and_grad(softmax_loss, sg::wrt(W, c), MPI_COMM_WORLD);
  const auto at = sg::bind(X = d->X, W = d->all.W, c = d->all.b, Y = d->Y);
  const auto want = sg::value_and_grad(softmax_loss, sg::wrt(W, c), sg::bind(X = d->all.X, W = d->all.W, c = d->all.b, Y = d->all.Y));
  require_agreement("mpi softmax", "one process", relative_difference(std::get<1>(step(at)), std::get<1>(want)), 1e-12);
  for (auto _ : state) benchmark::DoNotOptimize(std::get<0>(step(at)));
}

template <class Data, class Fn>
void add(const std::string& name, Data* d, Fn fn, int iterations) {
  benchmark::RegisterBenchmark(name.c_str(), fn, d)->Unit(benchmark::kMicrosecond)->UseRealTime()->Iterations(iterations);
}

}  // namespace

int main(int argc, char** argv) {
  MPI_Init(&argc, &argv);
  MPI_Comm_rank(MPI_COMM_WORLD, &rank);
  MPI_Comm_size(MPI_COMM_WORLD, &ranks);
  if (rank != 0) (void)!std::freopen("/dev/null", "w", stdout);  // if it fails, rank 0's report is doubled
  benchmark::Initialize(&argc, argv);
  auto small = std::make_unique<logistic_rows>(569, 30, 1001);
  auto large = std::make_unique<logistic_rows>(200000, 100, 1003);
  auto classes = std::make_unique<softmax_rows>(100000, 100, 10, 2002);
  const std::string r = "/ranks:" + std::to_string(ranks);
  add("logistic/569x30/handwritten" + r, small.get(), bm_logistic_handwritten, 20000);
  add("logistic/569x30/symgrad_ranks" + r, small.get(), bm_logistic_ranks, 20000);
  add("logistic/200000x100/handwritten" + r, large.get(), bm_logistic_handwritten, 60);
  add("logistic/200000x100/symgrad_ranks" + r, large.get(), bm_logistic_ranks, 60);
  add("softmax/100000x100x10/handwritten" + r, classes.get(), bm_softmax_handwritten, 40);
  add("softmax/100000x100x10/symgrad_ranks" + r, classes.get(), bm_softmax_ranks, 40);
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  MPI_Finalize();
  return 0;
}
