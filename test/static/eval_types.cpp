// The types evaluation gives: a number for a 1 x 1 result, a vector for a column, a matrix
// otherwise; and bindings rebound with with() keep their type. The values:
// test/unit/eval/eval.cpp and bindings.cpp.
#include <type_traits>
#include <utility>

#include <Eigen/Core>

#include <symgrad/eval/eval.hpp>

#include "../support/linear_models.hpp"

namespace {

using namespace symgrad;
using namespace linear_models;

// Bindings of a matrix and a vector (lvalues) and of a number, as the tests of
// test/unit/eval/ make them.
using bindings = decltype(bind(X = std::declval<const Eigen::MatrixXd&>(), w = std::declval<const Eigen::VectorXd&>(), b = 2.0));

// Functions never called: their parameters are the runtime objects the assertions are about.
[[maybe_unused]] void result_types_follow_shapes(const bindings& bs) {
  static_assert(std::is_same_v<decltype(symgrad::eval(sum(X), bs)), double>);
  static_assert(std::is_same_v<decltype(symgrad::eval(b, bs)), double>);
  static_assert(std::is_same_v<decltype(symgrad::eval(2_c, bs)), double>);
  static_assert(std::is_same_v<decltype(symgrad::eval(transpose(w) * w, bs)), double>);
  static_assert(std::is_same_v<decltype(symgrad::eval(X * w, bs)), Eigen::VectorXd>);
  static_assert(std::is_same_v<decltype(symgrad::eval(w, bs)), Eigen::VectorXd>);
  static_assert(std::is_same_v<decltype(symgrad::eval(X, bs)), Eigen::MatrixXd>);
  static_assert(std::is_same_v<decltype(symgrad::eval(transpose(w), bs)), Eigen::MatrixXd>);
}

[[maybe_unused]] void with_keeps_the_type(bindings bs, const Eigen::VectorXd& w2) {
  const auto rebound = bs.with(w = w2, b = 3.0);
  static_assert(std::is_same_v<decltype(rebound), const decltype(bs)>);
}

}  // namespace
