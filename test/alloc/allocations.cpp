// Compiled evaluators allocate nothing once they have seen the sizes: every heap
// allocation of the process is counted here (malloc and its relatives are replaced, so
// Eigen's allocations count too) while a call runs. A separate program, as the
// replacement applies to the whole process; not built with the sanitizers, which replace
// malloc themselves.
#define BOOST_TEST_MODULE symgrad_allocations
#include <boost/test/unit_test.hpp>

#include <atomic>
#include <cerrno>
#include <cstddef>
#include <cstdlib>

#include <symgrad/symgrad.hpp>

#include "../unit/eval/support.hpp"

// glibc's own allocator, under the names it exports for programs that replace malloc.
extern "C" {
void* __libc_malloc(std::size_t);
void* __libc_calloc(std::size_t, std::size_t);
void* __libc_realloc(void*, std::size_t);
void* __libc_memalign(std::size_t, std::size_t);
void __libc_free(void*);
}

namespace {
// Atomic: an evaluator's own threads allocate (or not) while a call is counted.
std::atomic<bool> counting = false;
std::atomic<std::size_t> allocations = 0;
std::atomic<std::size_t> largest = 0;  // bytes of the largest allocation counted
void* counted(void* p, std::size_t bytes) {
  if (counting) {
    ++allocations;
    for (std::size_t seen = largest; bytes > seen && !largest.compare_exchange_weak(seen, bytes);) {}
  }
  return p;
}
}  // namespace

extern "C" {
void* malloc(std::size_t n) noexcept { return counted(__libc_malloc(n), n); }
void* calloc(std::size_t k, std::size_t n) noexcept { return counted(__libc_calloc(k, n), k * n); }
void* realloc(void* p, std::size_t n) noexcept { return counted(__libc_realloc(p, n), n); }
void* memalign(std::size_t a, std::size_t n) noexcept { return counted(__libc_memalign(a, n), n); }
void* aligned_alloc(std::size_t a, std::size_t n) noexcept { return counted(__libc_memalign(a, n), n); }
int posix_memalign(void** p, std::size_t a, std::size_t n) noexcept {
  *p = counted(__libc_memalign(a, n), n);
  return *p != nullptr ? 0 : ENOMEM;
}
void free(void* p) noexcept { __libc_free(p); }
}

namespace {

using namespace symgrad;
using eval_test::gaussian;
using eval_test::labels;

// The heap allocations f() performs.
template <class F>
std::size_t allocations_of(F&& f) {
  allocations = 0;
  largest = 0;
  counting = true;
  f();
  counting = false;
  return allocations;
}

using eval_test::b;
using eval_test::w;
using eval_test::X;
using eval_test::y;
constexpr auto loss = bce(sigmoid(X * w + b), y);

}  // namespace

BOOST_AUTO_TEST_SUITE(allocations_of_evaluators)

// The counter sees allocations: eval_all allocates its intermediates on every call.
BOOST_AUTO_TEST_CASE(counter_counts) {
  const Eigen::MatrixXd Xd = gaussian(569, 30, 1);
  const Eigen::VectorXd wd = gaussian(30, 1, 2).col(0), yd = labels(569, 3);
  const auto bs = bind(X = Xd, w = wd, b = 0.1, y = yd);
  const std::size_t first = allocations_of([&] { (void)value_and_grad(loss, wrt(w, b), bs); });
  const std::size_t second = allocations_of([&] { (void)value_and_grad(loss, wrt(w, b), bs); });
  BOOST_TEST(first > 0u);
  BOOST_TEST(second == first);
  BOOST_TEST(allocations_of([] {
               void* volatile p = std::malloc(16);  // volatile: the pair cannot be optimised away
               std::free(p);
             }) == 1u);
}

BOOST_AUTO_TEST_CASE(logistic_regression) {
  auto step = value_and_grad(loss, wrt(w, b));
  const Eigen::MatrixXd Xd = gaussian(569, 30, 4);
  Eigen::VectorXd wd = gaussian(30, 1, 5).col(0);
  const Eigen::VectorXd yd = labels(569, 6);
  double bd = 0.2;
  BOOST_TEST(allocations_of([&] { (void)step(bind(X = Xd, w = wd, b = bd, y = yd)); }) > 0u);
  for (int it = 0; it < 5; ++it) {  // gradient descent: new w and b each call
    double value = 0;
    const std::size_t count = allocations_of([&] {
      const auto [L, dw, db] = step(bind(X = Xd, w = wd, b = bd, y = yd));
      value = L;
      wd -= 0.5 * dw;
      bd -= 0.5 * db;
    });
    BOOST_TEST(count == 0u);
    BOOST_TEST(std::isfinite(value));
  }
  // The same numbers as a fresh evaluation.
  const auto bs = bind(X = Xd, w = wd, b = bd, y = yd);
  const auto [L, dw, db] = step(bs);
  const auto [L2, dw2, db2] = value_and_grad(loss, wrt(w, b), bs);
  BOOST_TEST(L == L2);
  BOOST_TEST((dw - dw2).cwiseAbs().maxCoeff() == 0.0);
  BOOST_TEST(db == db2);
}

// In float, with data in blocks of rows (3.2 MB of X), as in double: nothing after the first call.
BOOST_AUTO_TEST_CASE(logistic_regression_float_streamed) {
  auto step = value_and_grad<float>(loss, wrt(w, b));
  const Eigen::MatrixXf Xf = gaussian(40000, 20, 7).cast<float>();
  Eigen::VectorXf wf = gaussian(20, 1, 8).col(0).cast<float>();
  const Eigen::VectorXf yf = labels(40000, 9).cast<float>();
  BOOST_TEST(allocations_of([&] { (void)step(bind(X = Xf, w = wf, b = 0.1, y = yf)); }) > 0u);
  const std::size_t streamed = eval_detail::streamed_evaluations;
  for (int it = 0; it < 3; ++it) {
    const std::size_t count = allocations_of([&] {
      const auto [L, dw, db] = step(bind(X = Xf, w = wf, b = 0.1, y = yf));
      wf -= 0.5f * dw;
      (void)L, (void)db;
    });
    BOOST_TEST(count == 0u);
  }
  BOOST_TEST(eval_detail::streamed_evaluations == streamed + 3);
}

BOOST_AUTO_TEST_CASE(softmax_regression) {
  constexpr auto W = matrix<"W">(dim<"n">, dim<"k">);
  constexpr auto c = row_vector<"c">(dim<"k">);
  constexpr auto Y = matrix<"Y", sums_to_one>(dim<"m">, dim<"k">);
  auto step = value_and_grad(cross_entropy(softmax(X * W + c), Y), wrt(W, c));
  const Eigen::MatrixXd Xd = gaussian(1797, 64, 7), cd = gaussian(1, 10, 9);
  Eigen::MatrixXd Wd = 0.1 * gaussian(64, 10, 8), Yd = Eigen::MatrixXd::Zero(1797, 10);
  for (Eigen::Index i = 0; i < Yd.rows(); ++i) Yd(i, i % 10) = 1;
  (void)step(bind(X = Xd, W = Wd, c = cd, Y = Yd));
  for (int it = 0; it < 3; ++it) {
    const std::size_t count = allocations_of([&] {
      const auto [L, dW, dc] = step(bind(X = Xd, W = Wd, c = cd, Y = Yd));
      Wd -= 0.5 * dW;
      (void)L;
      (void)dc;
    });
    BOOST_TEST(count == 0u);
  }
}

BOOST_AUTO_TEST_CASE(logistic_hessian) {
  auto newton = compile(grad(loss, w), hessian(loss, w));
  const Eigen::MatrixXd Xd = gaussian(569, 30, 10);
  const Eigen::VectorXd wd = gaussian(30, 1, 11).col(0), yd = labels(569, 12);
  (void)newton(bind(X = Xd, w = wd, b = 0.0, y = yd));
  BOOST_TEST(allocations_of([&] { (void)newton(bind(X = Xd, w = wd, b = 0.0, y = yd)); }) == 0u);
}

// Evaluated in blocks of rows (eval/plan/stream.hpp): the block entries and the sums are kept too.
BOOST_AUTO_TEST_CASE(streamed_logistic_regression) {
  auto step = value_and_grad(loss, wrt(w, b));
  const Eigen::MatrixXd Xd = gaussian(10001, 100, 16);
  const Eigen::VectorXd wd = gaussian(100, 1, 17).col(0) / 10, yd = labels(10001, 18);
  const std::size_t streamed = eval_detail::streamed_evaluations;
  (void)step(bind(X = Xd, w = wd, b = 0.0, y = yd));
  BOOST_TEST(allocations_of([&] { (void)step(bind(X = Xd, w = wd, b = 0.0, y = yd)); }) == 0u);
  BOOST_TEST(eval_detail::streamed_evaluations == streamed + 2);
}

// With two threads: the worker's workspace and the chunks' parts are kept too.
BOOST_AUTO_TEST_CASE(streamed_logistic_regression_two_threads) {
  auto step = value_and_grad(loss, wrt(w, b), threads(2));
  const Eigen::MatrixXd Xd = gaussian(10001, 100, 16);
  const Eigen::VectorXd wd = gaussian(100, 1, 17).col(0) / 10, yd = labels(10001, 18);
  const std::size_t streamed = eval_detail::streamed_evaluations;
  (void)step(bind(X = Xd, w = wd, b = 0.0, y = yd));
  for (int it = 0; it < 3; ++it)
    BOOST_TEST(allocations_of([&] { (void)step(bind(X = Xd, w = wd, b = 0.0, y = yd)); }) == 0u);
  BOOST_TEST(eval_detail::streamed_evaluations == streamed + 4);
}

// No temporary of m x m entries for the seeds' models, evaluated the allocating way (eval_all):
// the largest allocation stays far below one (m = 3000: an m x m matrix is 72 MB).
BOOST_AUTO_TEST_CASE(no_m_by_m_temporary) {
  constexpr Eigen::Index rows = 3000;
  constexpr std::size_t square = rows * rows * sizeof(double);
  const Eigen::MatrixXd Xd = gaussian(rows, 30, 19);
  const Eigen::VectorXd wd = gaussian(30, 1, 20).col(0) / 5, yd = labels(rows, 21);
  const auto bs = bind(X = Xd, w = wd, b = 0.1, y = yd);
  BOOST_TEST(allocations_of([&] { (void)value_and_grad(loss, wrt(w, b), bs); }) > 0u);
  BOOST_TEST(largest < square / 16, "logistic value and gradient: largest allocation " << largest << " bytes");
  BOOST_TEST(allocations_of([&] { (void)symgrad::eval(hessian(loss, w), bs); }) > 0u);
  BOOST_TEST(largest < square / 16, "logistic Hessian: largest allocation " << largest << " bytes");

  constexpr auto W = matrix<"W">(dim<"n">, dim<"k">);
  constexpr auto c = row_vector<"c">(dim<"k">);
  constexpr auto Y = matrix<"Y", sums_to_one>(dim<"m">, dim<"k">);
  const Eigen::MatrixXd Wd = 0.1 * gaussian(30, 10, 22), cd = gaussian(1, 10, 23);
  Eigen::MatrixXd Yd = Eigen::MatrixXd::Zero(rows, 10);
  for (Eigen::Index i = 0; i < rows; ++i) Yd(i, i % 10) = 1;
  BOOST_TEST(allocations_of([&] {
               (void)value_and_grad(cross_entropy(softmax(X * W + c), Y), wrt(W, c),
                                    bind(X = Xd, W = Wd, c = cd, Y = Yd));
             }) > 0u);
  BOOST_TEST(largest < square / 16, "softmax regression: largest allocation " << largest << " bytes");
}

// New sizes allocate (the workspace grows); then the evaluator is quiet again.
BOOST_AUTO_TEST_CASE(sizes_change) {
  auto step = value_and_grad(loss, wrt(w, b));
  for (const Eigen::Index rows : {100, 300, 50}) {
    const Eigen::MatrixXd Xd = gaussian(rows, 8, 13);
    const Eigen::VectorXd wd = gaussian(8, 1, 14).col(0), yd = labels(rows, 15);
    BOOST_TEST(allocations_of([&] { (void)step(bind(X = Xd, w = wd, b = 0.0, y = yd)); }) > 0u);
    BOOST_TEST(allocations_of([&] { (void)step(bind(X = Xd, w = wd, b = 0.0, y = yd)); }) == 0u);
  }
}

BOOST_AUTO_TEST_SUITE_END()
