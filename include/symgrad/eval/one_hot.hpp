#pragma once
// one_hot(labels, k): integer class labels as the one-hot rows that cross_entropy and a
// sums_to_one variable take. In eval/ because it raises evaluation's errors, and checks every
// label as evaluation checks bound values: a wrong label is named, not silently dropped.
#include <charconv>
#include <cmath>
#include <type_traits>

#include <Eigen/Core>

#include "errors.hpp"

namespace symgrad::eval_detail {

// The shortest text that reads back as x: %g would print 2.0000001 as "2".
struct number_text {
  char text[32];
  explicit number_text(double x) { *std::to_chars(text, text + sizeof text - 1, x).ptr = '\0'; }
};

[[noreturn]] inline void throw_not_whole(Eigen::Index row, const char* value) {
  throw_formatted<value_error>("symgrad: one_hot: the label in row %lld is %s, not a whole number",
                               static_cast<long long>(row), value);
}
[[noreturn]] inline void throw_not_a_class(Eigen::Index row, const char* value, Eigen::Index k) {
  throw_formatted<value_error>("symgrad: one_hot: the label in row %lld is %s, outside the k = %lld classes 0 to %lld",
                               static_cast<long long>(row), value, static_cast<long long>(k),
                               static_cast<long long>(k - 1));
}

// The class of one label, after checking it is a whole number in [0, k).
template <class T>
Eigen::Index class_of(T label, Eigen::Index row, Eigen::Index k) {
  if constexpr (std::is_floating_point_v<T>) {
    const double x = static_cast<double>(label);
    if (!(std::floor(x) == x)) throw_not_whole(row, number_text(x).text);  // NaN too
    // Compared as a double before the cast: 1e300 or inf must not overflow Index.
    if (!(x >= 0 && x < static_cast<double>(k))) throw_not_a_class(row, number_text(x).text, k);
  } else if constexpr (std::is_signed_v<T>) {
    const long long c = label;
    if (c < 0 || c >= k) {
      char text[24];
      *std::to_chars(text, text + sizeof text - 1, c).ptr = '\0';
      throw_not_a_class(row, text, k);
    }
  } else {
    const unsigned long long c = label;
    if (c >= static_cast<unsigned long long>(k)) {  // k >= 1
      char text[24];
      *std::to_chars(text, text + sizeof text - 1, c).ptr = '\0';
      throw_not_a_class(row, text, k);
    }
  }
  return static_cast<Eigen::Index>(label);
}

}  // namespace symgrad::eval_detail

namespace symgrad {

/// Class labels as one-hot rows: an m x k matrix whose row i is 1 in column labels(i) and 0
/// elsewhere; of doubles, or of floats for a float evaluation (one_hot<float>(labels, k)).
/// labels is an Eigen vector (or row vector) of integers, or of numbers holding whole numbers
/// (as read from a CSV); a label that is not a whole number in [0, k) throws value_error
/// naming its row and value, and k < 1 throws dimension_error.
template <class R = double, class Derived>
  requires((std::is_same_v<R, double> || std::is_same_v<R, float>) && Derived::IsVectorAtCompileTime != 0 &&
           std::is_arithmetic_v<typename Derived::Scalar> && !std::is_same_v<typename Derived::Scalar, bool>)
Eigen::Matrix<R, Eigen::Dynamic, Eigen::Dynamic> one_hot(const Eigen::DenseBase<Derived>& labels, Eigen::Index k) {
  using result = Eigen::Matrix<R, Eigen::Dynamic, Eigen::Dynamic>;
  if (k < 1)
    eval_detail::throw_formatted<dimension_error>("symgrad: one_hot: k is %lld, but there must be at least 1 class",
                                                  static_cast<long long>(k));
  result y = result::Zero(labels.size(), k);
  for (Eigen::Index i = 0; i < labels.size(); ++i) y(i, eval_detail::class_of(labels.derived().coeff(i), i, k)) = 1;
  return y;
}

}  // namespace symgrad
