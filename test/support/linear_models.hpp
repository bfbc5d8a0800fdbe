#pragma once
// The seeds' linear models over X (m x n), declared once for the tests and benchmarks that
// only need them as they are: logistic regression (seed 000) and least squares, both with an
// intercept.
#include <symgrad/expr/build.hpp>

namespace linear_models {

inline constexpr auto m = symgrad::dim<"m">;
inline constexpr auto n = symgrad::dim<"n">;
inline constexpr auto X = symgrad::matrix<"X">(m, n);
inline constexpr auto w = symgrad::vector<"w">(n);
inline constexpr auto b = symgrad::scalar<"b">;
inline constexpr auto y = symgrad::vector<"y">(m);

inline constexpr auto logistic = symgrad::bce(symgrad::sigmoid(X * w + b), y);
inline constexpr auto least_squares = symgrad::mse(X * w + b, y);

}  // namespace linear_models
