#pragma once
// The seeds' models over classes and layers, declared once for the tests that prove their
// closed forms (test/static/models.cpp) and check them with numbers (test/unit/value_and_grad/):
// softmax regression, seed 001's affine layer and seed 002's two-layer network. The linear
// models: linear_models.hpp.
#include <symgrad/expr/build.hpp>

namespace layer_models {

inline constexpr auto m = symgrad::dim<"m">;  // samples
inline constexpr auto n = symgrad::dim<"n">;  // inputs
inline constexpr auto k = symgrad::dim<"k">;  // classes, outputs
inline constexpr auto h = symgrad::dim<"h">;  // hidden units

// Softmax regression: P = softmax(X W + b), b a row vector broadcast over the rows.
inline constexpr auto X = symgrad::matrix<"X">(m, n);
inline constexpr auto W = symgrad::matrix<"W">(n, k);
inline constexpr auto b = symgrad::row_vector<"b">(k);
inline constexpr auto Y = symgrad::matrix<"Y", symgrad::sums_to_one>(m, k);  // one-hot (or probability) rows
inline constexpr auto P = symgrad::softmax(X * W + b);
inline constexpr auto ce = symgrad::cross_entropy(P, Y);

// Seed 001: the affine layer X W + b under an upstream gradient G.
inline constexpr auto G = symgrad::matrix<"G">(m, k);
inline constexpr auto affine = symgrad::sum(G % (X * W + b));

// Seed 002: h1 = W1 x, z1 = sigmoid(h1), h2 = W2 z1, z2 = softmax(h2), J = -label . log z2.
inline constexpr auto x = symgrad::vector<"x">(n);
inline constexpr auto W1 = symgrad::matrix<"W1">(h, n);
inline constexpr auto W2 = symgrad::matrix<"W2">(k, h);
inline constexpr auto label = symgrad::vector<"label", symgrad::sums_to_one>(k);
inline constexpr auto z1 = symgrad::sigmoid(W1 * x);
inline constexpr auto z2 = symgrad::softmax(W2 * z1);
inline constexpr auto J = -symgrad::sum(label % symgrad::log(z2));

}  // namespace layer_models
