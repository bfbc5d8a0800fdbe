// symgrad::mpi, run by ctest with mpiexec -n 2 and -n 4: each rank binds its own rows of data
// that every rank generates alike, and its results are compared with one process's evaluation
// of all the rows, and with rank 0's, bit for bit.
#define BOOST_TEST_MODULE symgrad_mpi
#include <boost/test/unit_test.hpp>

#include <string>
#include <tuple>

#include <symgrad/mpi.hpp>

#include "../unit/eval/support.hpp"

using namespace symgrad;
using namespace eval_test;

namespace {

// MPI for the whole module, before the first test and after the last; funneled, since the
// evaluators with threads(2) have threads of their own (only this one calls MPI).
struct mpi_session {
  mpi_session() {
    int provided = 0;
    MPI_Init_thread(nullptr, nullptr, MPI_THREAD_FUNNELED, &provided);
  }
  ~mpi_session() { MPI_Finalize(); }
};
BOOST_TEST_GLOBAL_FIXTURE(mpi_session);

int rank() {
  int r = 0;
  MPI_Comm_rank(MPI_COMM_WORLD, &r);
  return r;
}
int ranks() {
  int n = 1;
  MPI_Comm_size(MPI_COMM_WORLD, &n);
  return n;
}

// This rank's rows of m: contiguous, of unequal lengths when m is not a multiple of the ranks.
Eigen::Index first_row(Eigen::Index m, int r) { return m * r / ranks(); }
template <class M>
M my_rows(const M& all) {
  const Eigen::Index m = all.rows(), begin = first_row(m, rank()), end = first_row(m, rank() + 1);
  return all.middleRows(begin, end - begin);
}

// Rank 0's value, as every rank sees it.
double from_rank_0(double x) {
  MPI_Bcast(&x, 1, MPI_DOUBLE, 0, MPI_COMM_WORLD);
  return x;
}
Eigen::MatrixXd from_rank_0(Eigen::MatrixXd x) {
  MPI_Bcast(x.data(), static_cast<int>(x.size()), MPI_DOUBLE, 0, MPI_COMM_WORLD);
  return x;
}

constexpr auto logistic = bce(sigmoid(X * w + b), y);
constexpr auto k = dim<"k">;
constexpr auto W = matrix<"W">(dim<"n">, k);
constexpr auto c = row_vector<"c">(k);
constexpr auto Y = matrix<"Y", sums_to_one>(dim<"m">, k);
constexpr auto softmax_loss = cross_entropy(softmax(X * W + c), Y);

Eigen::MatrixXd one_hot_rows(Eigen::Index rows, Eigen::Index classes) {
  Eigen::MatrixXd Yd = Eigen::MatrixXd::Zero(rows, classes);
  for (Eigen::Index i = 0; i < rows; ++i) Yd(i, (i * 7) % classes) = 1;
  return Yd;
}

bool contains(const std::exception& e, const std::string& s) { return std::string(e.what()).find(s) != std::string::npos; }

}  // namespace

BOOST_AUTO_TEST_SUITE(mpi_suite)

// Logistic regression over the ranks: one process's results on all rows within 1e-12, the same
// bits on every rank and from call to call; the mean divides by the total rows.
BOOST_AUTO_TEST_CASE(logistic_over_ranks) {
  const Eigen::MatrixXd Xd = gaussian(30001, 40, 1);
  const Eigen::VectorXd wd = gaussian(40, 1, 2).col(0) / 5, yd = labels(30001, 3);
  const auto [L1, dw1, db1] = value_and_grad(logistic, wrt(w, b), bind(X = Xd, w = wd, b = 0.2, y = yd));
  auto step = mpi::value_and_grad(logistic, wrt(w, b), MPI_COMM_WORLD);
  BOOST_TEST(step.ranks() == ranks());
  const Eigen::MatrixXd Xr = my_rows(Xd);
  const Eigen::VectorXd yr = my_rows(yd);
  const auto at = bind(X = Xr, w = wd, b = 0.2, y = yr);
  const auto [L, dw, db] = step(at);
  BOOST_TEST(rel(L, L1) <= 1e-12);
  BOOST_TEST(max_rel(dw, dw1) <= 1e-12);
  BOOST_TEST(rel(db, db1) <= 1e-12);
  BOOST_TEST(L == from_rank_0(L));
  BOOST_TEST((Eigen::MatrixXd(dw) == from_rank_0(dw)));
  const double L0 = L;
  const Eigen::VectorXd dw0 = dw;
  const auto [L2, dw2, db2] = step(at);
  BOOST_TEST(L2 == L0);
  BOOST_TEST((dw2 == dw0));
}

// Small data (no rank's part would stream alone) and a plan with a mean of scalars.
BOOST_AUTO_TEST_CASE(small_data_and_mean) {
  const Eigen::MatrixXd Xd = gaussian(97, 5, 4);
  const Eigen::VectorXd wd = gaussian(5, 1, 5).col(0), yd = gaussian(97, 1, 6).col(0);
  constexpr auto least_squares = mse(X * w + b, y);
  const auto [L1, dw1, db1] = value_and_grad(least_squares, wrt(w, b), bind(X = Xd, w = wd, b = 0.3, y = yd));
  auto step = mpi::value_and_grad(least_squares, wrt(w, b), MPI_COMM_WORLD);
  const auto [L, dw, db] = step(bind(X = my_rows(Xd), w = wd, b = 0.3, y = my_rows(yd)));
  BOOST_TEST(rel(L, L1) <= 1e-12);
  BOOST_TEST(max_rel(dw, dw1) <= 1e-12);
  BOOST_TEST(rel(db, db1) <= 1e-12);
}

// Softmax regression with two threads in each rank: the bits of one thread.
BOOST_AUTO_TEST_CASE(softmax_threads_in_ranks) {
  const Eigen::MatrixXd Xd = gaussian(24000, 30, 7), Yd = one_hot_rows(24000, 6);
  const Eigen::MatrixXd Wd = gaussian(30, 6, 8) / 5, cd = gaussian(1, 6, 9);
  const auto [L1, dW1, dc1] = value_and_grad(softmax_loss, wrt(W, c), bind(X = Xd, W = Wd, c = cd, Y = Yd));
  auto one = mpi::value_and_grad(softmax_loss, wrt(W, c), MPI_COMM_WORLD);
  auto two = mpi::value_and_grad(softmax_loss, wrt(W, c), MPI_COMM_WORLD, threads(2));
  BOOST_TEST(two.thread_count() == 2u);
  const Eigen::MatrixXd Xr = my_rows(Xd), Yr = my_rows(Yd);
  const auto at = bind(X = Xr, W = Wd, c = cd, Y = Yr);
  const auto r1 = one(at);
  BOOST_TEST((r1 == two(at)));
  BOOST_TEST(rel(std::get<0>(r1), L1) <= 1e-12);
  BOOST_TEST(max_rel(std::get<1>(r1), dW1) <= 1e-12);
  BOOST_TEST(max_rel(std::get<2>(r1), dc1) <= 1e-12);
}

// In float: the sums travel as floats; against double at float's precision.
BOOST_AUTO_TEST_CASE(float_over_ranks) {
  const Eigen::MatrixXd Xd = gaussian(5000, 10, 10);
  const Eigen::VectorXd wd = gaussian(10, 1, 11).col(0) / 3, yd = labels(5000, 12);
  const Eigen::MatrixXf Xr = my_rows(Xd).cast<float>();
  const Eigen::VectorXf wf = wd.cast<float>(), yr = my_rows(yd).cast<float>();
  auto step = mpi::value_and_grad<float>(logistic, wrt(w, b), MPI_COMM_WORLD);
  const auto [L, dw, db] = step(bind(X = Xr, w = wf, b = 0.1, y = yr));
  const auto [L1, dw1, db1] =
      value_and_grad(logistic, wrt(w, b), bind(X = Eigen::MatrixXd(Xd.cast<float>().cast<double>()),
                                             w = Eigen::VectorXd(wf.cast<double>()), b = double(0.1f), y = yd));
  BOOST_TEST(rel(double(L), L1) <= 1e-5);
  BOOST_TEST(max_rel(dw.cast<double>(), dw1) <= 1e-4);
}

// A size error on rank 1 only: every rank throws, rank 1 its own error and the others one that
// names rank 1; nobody waits, and the next call works everywhere.
BOOST_AUTO_TEST_CASE(size_error_on_one_rank) {
  const Eigen::MatrixXd Xd = gaussian(400, 6, 13);
  const Eigen::VectorXd wd = gaussian(6, 1, 14).col(0), yd = labels(400, 15);
  auto step = mpi::value_and_grad(logistic, wrt(w, b), MPI_COMM_WORLD);
  const Eigen::MatrixXd Xr = my_rows(Xd);
  const Eigen::VectorXd yr = my_rows(yd), short_y = yr.head(yr.size() - (rank() == 1 ? 1 : 0));
  BOOST_CHECK_EXCEPTION(step(bind(X = Xr, w = wd, b = 0.0, y = short_y)), dimension_error, [](const dimension_error& e) {
    return rank() == 1 ? contains(e, "variable 'y' has") && !contains(e, "rank 1")
                       : contains(e, "symgrad::mpi: rank 1 of ") && contains(e, "variable 'y' has");
  });
  const auto [L, dw, db] = step(bind(X = Xr, w = wd, b = 0.0, y = yr));
  const auto [L1, dw1, db1] = value_and_grad(logistic, wrt(w, b), bind(X = Xd, w = wd, b = 0.0, y = yd));
  BOOST_TEST(rel(L, L1) <= 1e-12);
}

// Ranks that disagree on a dimension other than the rows (w and X of another width on the last
// rank): every rank throws, naming the dimension.
BOOST_AUTO_TEST_CASE(ranks_disagree_on_a_dimension) {
  const int last = ranks() - 1;
  const Eigen::Index n = rank() == last ? 7 : 6;
  const Eigen::MatrixXd Xr = gaussian(50, n, 16);
  const Eigen::VectorXd wr = gaussian(n, 1, 17).col(0), yr = labels(50, 18);
  auto step = mpi::value_and_grad(logistic, wrt(w, b), MPI_COMM_WORLD);
  BOOST_CHECK_EXCEPTION(step(bind(X = Xr, w = wr, b = 0.0, y = yr)), dimension_error, [&](const dimension_error& e) {
    return contains(e, "dimension 'n' is 6 on rank 0 but 7 on rank " + std::to_string(last));
  });
}

// A declared property broken on rank 0 only (a row of Y that does not sum to one): a value_error
// on every rank.
BOOST_AUTO_TEST_CASE(value_error_on_one_rank) {
  Eigen::MatrixXd Yr = one_hot_rows(40, 3);
  if (rank() == 0) Yr(5, 0) += 0.5;
  const Eigen::MatrixXd Xr = gaussian(40, 4, 19), Wd = gaussian(4, 3, 20), cd = gaussian(1, 3, 21);
  auto step = mpi::value_and_grad(cross_entropy(softmax(X * W + c), Y), wrt(W, c), MPI_COMM_WORLD);
  BOOST_CHECK_EXCEPTION(step(bind(X = Xr, W = Wd, c = cd, Y = Yr)), value_error, [](const value_error& e) {
    return contains(e, "'Y'") && contains(e, "symgrad::mpi: rank 0 of ") == (rank() != 0);
  });
}

// Ranks that bind in another order (the last one): their dimensions are compared by name and
// position, so every rank throws instead of comparing the wrong extents.
BOOST_AUTO_TEST_CASE(ranks_bind_in_another_order) {
  const Eigen::MatrixXd Xr = gaussian(50, 6, 22);
  const Eigen::VectorXd wr = gaussian(6, 1, 23).col(0), yr = labels(50, 24);
  auto step = mpi::value_and_grad(logistic, wrt(w, b), MPI_COMM_WORLD);
  const auto check = [](const dimension_error& e) { return contains(e, "binds other variables than rank 0"); };
  if (rank() == ranks() - 1) BOOST_CHECK_EXCEPTION(step(bind(w = wr, X = Xr, b = 0.0, y = yr)), dimension_error, check);
  else BOOST_CHECK_EXCEPTION(step(bind(X = Xr, w = wr, b = 0.0, y = yr)), dimension_error, check);
}

BOOST_AUTO_TEST_SUITE_END()
