// An evaluator with threads (compile(threads(n), ...), value_and_grad(f, wrt(...), threads(n))):
// the rows of a streamed plan are split in chunks that depend only on the data's size, and the
// chunks' parts are added in chunk order, so every thread count gives the same bits, and
// eval_all (no threads) gives them too.
#include <boost/test/unit_test.hpp>

#include <atomic>
#include <stdexcept>
#include <string>
#include <tuple>
#include <type_traits>

#include "symgrad/value_and_grad.hpp"
#include "support.hpp"

using namespace symgrad;
using namespace eval_test;

namespace {

constexpr auto logistic = bce(sigmoid(X * w + b), y);
constexpr auto k = dim<"k">;
constexpr auto h = dim<"h">;
constexpr auto W1 = matrix<"W1">(dim<"n">, h);
constexpr auto b1 = row_vector<"b1">(h);
constexpr auto W2 = matrix<"W2">(h, k);
constexpr auto b2 = row_vector<"b2">(k);
constexpr auto Y = matrix<"Y", sums_to_one>(dim<"m">, k);
constexpr auto net_loss = cross_entropy(softmax(tanh(X * W1 + b1) * W2 + b2), Y);

Eigen::MatrixXd one_hot_rows(Eigen::Index rows, Eigen::Index classes) {
  Eigen::MatrixXd Yd = Eigen::MatrixXd::Zero(rows, classes);
  for (Eigen::Index i = 0; i < rows; ++i) Yd(i, (i * 7) % classes) = 1;
  return Yd;
}

// Every result of a and b equal, bit for bit.
template <class A, class B>
bool same_bits(const A& a, const B& b) {
  return std::apply([&](const auto&... x) {
    return std::apply([&](const auto&... z) { return ((x == z) && ...); }, b);
  }, a);
}

}  // namespace

BOOST_AUTO_TEST_SUITE(parallel)

// The chunks: whole blocks, at most max_chunks of them, covering the rows; shared among n
// threads in contiguous runs.
BOOST_AUTO_TEST_CASE(chunks_depend_on_size_only) {
  using eval_detail::chunking;
  for (Eigen::Index m : {1, 63, 64, 65, 200, 4095, 4096, 4097, 200000, 1000003}) {
    const chunking ch(m, 64);
    BOOST_TEST(ch.rows % 64 == 0);
    BOOST_TEST(ch.count >= 1);
    BOOST_TEST(ch.count <= eval_detail::max_chunks);
    BOOST_TEST((ch.count - 1) * ch.rows < m);
    BOOST_TEST(ch.count * ch.rows >= m);
    for (std::size_t n : {1u, 2u, 3u, 7u}) {
      BOOST_TEST(ch.first(0, n) == 0);
      BOOST_TEST(ch.first(n, n) == ch.count);
      // Each of n threads gets at least one chunk when there are as many (the evaluation never
      // uses more threads than chunks).
      for (std::size_t t = 0; t < n; ++t)
        BOOST_TEST((ch.first(t, n) < ch.first(t + 1, n) || static_cast<Eigen::Index>(n) > ch.count));
    }
  }
}

// Logistic regression on data larger than a cache (streamed): 1 to 4 threads and eval_all
// give the same bits, call after call; and the closed form computed apart agrees.
BOOST_AUTO_TEST_CASE(logistic_same_bits_for_every_count) {
  const Eigen::MatrixXd Xd = gaussian(30001, 40, 1);
  const Eigen::VectorXd wd = gaussian(40, 1, 2).col(0) / 5, yd = labels(30001, 3);
  const auto at = bind(X = Xd, w = wd, b = 0.2, y = yd);
  const std::size_t streamed = eval_detail::streamed_evaluations;
  const auto reference = value_and_grad(logistic, wrt(w, b), at);
  auto one = value_and_grad(logistic, wrt(w, b));
  BOOST_TEST(one.thread_count() == 1u);
  BOOST_TEST(same_bits(one(at), reference));
  for (std::size_t n = 2; n <= 4; ++n) {
    auto step = value_and_grad(logistic, wrt(w, b), threads(n));
    BOOST_TEST(step.thread_count() == n);
    for (int call = 0; call < 3; ++call) BOOST_TEST(same_bits(step(at), reference), n << " threads, call " << call);
  }
  BOOST_TEST(eval_detail::streamed_evaluations == streamed + 11);
  const Eigen::VectorXd a = ((-((Xd * wd).array() + 0.2)).exp() + 1).inverse().matrix();
  const Eigen::VectorXd dw = Xd.transpose() * (a - yd) / 30001.0;
  BOOST_TEST(max_rel(std::get<1>(reference), dw) <= 1e-12);
}

// Softmax regression and a tanh network (products on both sides, row logsumexp, stretched
// rows): two threads give the bits of one.
BOOST_AUTO_TEST_CASE(softmax_network_same_bits) {
  const Eigen::MatrixXd Xd = gaussian(12000, 30, 4), Yd = one_hot_rows(12000, 5);
  const Eigen::MatrixXd W1d = gaussian(30, 8, 5) / 5, b1d = gaussian(1, 8, 6), W2d = gaussian(8, 5, 7) / 3,
                        b2d = gaussian(1, 5, 8);
  const auto at = bind(X = Xd, W1 = W1d, b1 = b1d, W2 = W2d, b2 = b2d, Y = Yd);
  auto serial = value_and_grad(net_loss, wrt(W1, b1, W2, b2));
  auto split = value_and_grad(net_loss, wrt(W1, b1, W2, b2), threads(2));
  const std::size_t streamed = eval_detail::streamed_evaluations;
  BOOST_TEST(same_bits(serial(at), split(at)));
  BOOST_TEST(eval_detail::streamed_evaluations == streamed + 2);
}

// Float (a plan of local vectors: blocks of an eighth of the rows, which 3 threads share
// unevenly): the same bits for 1 and 3 threads.
BOOST_AUTO_TEST_CASE(float_same_bits) {
  const Eigen::MatrixXf Xf = gaussian(40000, 20, 9).cast<float>();
  const Eigen::VectorXf wf = gaussian(20, 1, 10).col(0).cast<float>(), yf = labels(40000, 11).cast<float>();
  const auto at = bind(X = Xf, w = wf, b = 0.1, y = yf);
  auto serial = value_and_grad<float>(logistic, wrt(w, b));
  auto split = value_and_grad<float>(logistic, wrt(w, b), threads(3));
  BOOST_TEST(same_bits(serial(at), split(at)));
}

// The blocks' rows: about 64 KB of data, at least 64 rows; for a plan whose local terms are
// vectors, at least an eighth of the rows (see plan_block_rows).
BOOST_AUTO_TEST_CASE(block_rows_by_plan) {
  using eval_detail::block_rows;
  using eval_detail::plan_block_rows;
  BOOST_TEST(block_rows<double>(100) == 81);
  BOOST_TEST(block_rows<float>(100) == 163);
  BOOST_TEST(block_rows<double>(1200) == 64);
  BOOST_TEST(plan_block_rows<double>(10000, 100, false) == 81);
  BOOST_TEST(plan_block_rows<double>(10000, 100, true) == 1250);
  BOOST_TEST(plan_block_rows<double>(10001, 100, true) == 1251);
  BOOST_TEST(plan_block_rows<double>(300, 1200, true) == 64);  // an eighth is fewer rows
  BOOST_TEST(eval_detail::chunking(10001, 1251).count == 8);
}

// Fewer chunks than threads (wide data, 5 blocks of 64 rows): the extra threads sit out.
BOOST_AUTO_TEST_CASE(more_threads_than_chunks) {
  const Eigen::MatrixXd Xd = gaussian(300, 1200, 12);
  const Eigen::VectorXd wd = gaussian(1200, 1, 13).col(0) / 30, yd = labels(300, 14);
  const auto at = bind(X = Xd, w = wd, b = 0.0, y = yd);
  BOOST_TEST(eval_detail::chunking(300, eval_detail::block_rows<double>(1200)).count == 5);
  const std::size_t streamed = eval_detail::streamed_evaluations;
  auto split = compile(threads(7), stable(logistic), grad(logistic, w));
  BOOST_TEST(same_bits(split(at), eval_all(at, stable(logistic), grad(logistic, w))));
  BOOST_TEST(eval_detail::streamed_evaluations == streamed + 2);
}

// Below the size at which a plan streams, no thread is used: the plain evaluation, as before.
BOOST_AUTO_TEST_CASE(small_data_not_split) {
  const Eigen::MatrixXd Xd = gaussian(569, 30, 15);
  const Eigen::VectorXd wd = gaussian(30, 1, 16).col(0), yd = labels(569, 17);
  const auto at = bind(X = Xd, w = wd, b = 0.0, y = yd);
  auto split = value_and_grad(logistic, wrt(w, b), threads(2));
  const std::size_t streamed = eval_detail::streamed_evaluations;
  BOOST_TEST(same_bits(split(at), value_and_grad(logistic, wrt(w, b), at)));
  BOOST_TEST(eval_detail::streamed_evaluations == streamed);
}

// A copy has a team of its own, of the same size; set_threads changes the count; the type is
// the same whatever the count.
BOOST_AUTO_TEST_CASE(copies_and_counts) {
  static_assert(std::is_same_v<decltype(value_and_grad(logistic, wrt(w, b), threads(2))),
                               value_and_grad_t<decltype(logistic), decltype(w), decltype(b)>>);
  const Eigen::MatrixXd Xd = gaussian(20000, 30, 18);
  const Eigen::VectorXd wd = gaussian(30, 1, 19).col(0) / 5, yd = labels(20000, 20);
  const auto at = bind(X = Xd, w = wd, b = 0.0, y = yd);
  auto step = value_and_grad(logistic, wrt(w, b), threads(2));
  const auto expected = value_and_grad(logistic, wrt(w, b), at);
  auto copy = step;
  BOOST_TEST(copy.thread_count() == 2u);
  BOOST_TEST(same_bits(copy(at), expected));
  step.set_threads(threads(3));
  BOOST_TEST(step.thread_count() == 3u);
  BOOST_TEST(same_bits(step(at), expected));
  step.set_threads(threads(1));
  BOOST_TEST(step.thread_count() == 1u);
  BOOST_TEST(same_bits(step(at), expected));
  auto moved = std::move(copy);
  BOOST_TEST(moved.thread_count() == 2u);
  BOOST_TEST(same_bits(moved(at), expected));
}

// threads(0) is a value_error; a size error from an evaluator with threads is thrown before
// any thread runs, and the evaluator works afterwards.
BOOST_AUTO_TEST_CASE(errors) {
  BOOST_CHECK_EXCEPTION(threads(0), value_error, [](const value_error& e) {
    return std::string(e.what()).find("threads(0)") != std::string::npos;
  });
  const Eigen::MatrixXd Xd = gaussian(20000, 30, 21);
  const Eigen::VectorXd wd = gaussian(30, 1, 22).col(0), yd = labels(20000, 23), short_y = labels(19999, 23);
  auto step = value_and_grad(logistic, wrt(w, b), threads(2));
  BOOST_CHECK_THROW(step(bind(X = Xd, w = wd, b = 0.0, y = short_y)), dimension_error);
  const auto at = bind(X = Xd, w = wd, b = 0.0, y = yd);
  BOOST_TEST(same_bits(step(at), value_and_grad(logistic, wrt(w, b), at)));
}

// The team: an exception thrown on a worker reaches the caller once every thread has
// finished, and the team runs again afterwards.
BOOST_AUTO_TEST_CASE(team_passes_exceptions) {
  eval_detail::thread_team team(3);
  BOOST_TEST(team.size() == 3u);
  int ran[3] = {0, 0, 0};
  auto throwing = [&](std::size_t t) {
    ran[t] = 1;
    if (t == 2) throw std::runtime_error("worker 2");
  };
  BOOST_CHECK_EXCEPTION(team.run(throwing), std::runtime_error,
                        [](const std::runtime_error& e) { return std::string(e.what()) == "worker 2"; });
  BOOST_TEST((ran[0] == 1 && ran[1] == 1 && ran[2] == 1));
  int sum = 0;
  std::atomic<int> total = 0;
  auto adding = [&](std::size_t t) { total += static_cast<int>(t) + 1; };
  for (int i = 0; i < 100; ++i) team.run(adding);
  sum = total;
  BOOST_TEST(sum == 600);
}

BOOST_AUTO_TEST_SUITE_END()
