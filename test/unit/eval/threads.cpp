// The same gradient evaluated from two threads at once gives, bit for bit, what one thread
// gives: evaluation keeps its state in the call (the plan is a type, the workspace a local),
// and the bound data is only read.
#include <boost/test/unit_test.hpp>

#include <atomic>
#include <random>
#include <thread>
#include <vector>

#include <symgrad/symgrad.hpp>

#include "../../support/layer_models.hpp"

using namespace symgrad;
using layer_models::b, layer_models::W, layer_models::X, layer_models::Y;

namespace {

constexpr auto loss = layer_models::ce;  // softmax regression

}  // namespace

BOOST_AUTO_TEST_SUITE(thread_safety)

BOOST_AUTO_TEST_CASE(two_threads_one_gradient) {
  std::mt19937 gen(2);
  std::normal_distribution<double> normal;
  const Eigen::MatrixXd Xd = Eigen::MatrixXd::NullaryExpr(2000, 12, [&] { return normal(gen); });
  const Eigen::MatrixXd Wd = Eigen::MatrixXd::NullaryExpr(12, 5, [&] { return 0.3 * normal(gen); });
  const Eigen::RowVectorXd bd = Eigen::RowVectorXd::NullaryExpr(5, [&] { return normal(gen); });
  Eigen::MatrixXd Yd = Eigen::MatrixXd::Zero(2000, 5);
  for (Eigen::Index i = 0; i < 2000; ++i) Yd(i, static_cast<Eigen::Index>(gen() % 5)) = 1;

  // One set of bindings, shared by both threads: they reference the same data.
  const auto at = bind(X = Xd, W = Wd, b = bd, Y = Yd);
  // Plain variables, not structured bindings: clang 14 cannot capture those in a lambda.
  const auto reference = value_and_grad(loss, wrt(W, b), at);
  const double L0 = std::get<0>(reference);
  const Eigen::MatrixXd gW0 = std::get<1>(reference);
  const Eigen::RowVectorXd gb0 = std::get<2>(reference);

  std::atomic<int> mismatches{0}, calls{0};
  const auto work = [&] {
    for (int i = 0; i < 200; ++i) {
      const auto [L, gW, gb] = value_and_grad(loss, wrt(W, b), at);
      if (L != L0 || gW != gW0 || gb != gb0) ++mismatches;
      ++calls;
    }
  };
  std::vector<std::thread> pool;
  for (int t = 0; t < 2; ++t) pool.emplace_back(work);
  for (auto& t : pool) t.join();
  BOOST_TEST(calls.load() == 400);
  BOOST_TEST(mismatches.load() == 0);
}

BOOST_AUTO_TEST_SUITE_END()
