// Evaluation at backprop cost: the plans of the loss and all its gradients hold the
// products backprop computes and no more. Deeper networks: backprop_deep.cpp.
#include "backprop.hpp"

namespace {

using namespace symgrad;
using static_test::gradient_products;
using static_test::network_products;

// Least squares with an intercept: X w once, X^T r once (not X^T X w + X^T 1 b - X^T y).
constexpr auto m = dim<"m">;
constexpr auto n = dim<"n">;
constexpr auto X = matrix<"X">(m, n);
constexpr auto w = vector<"w">(n);
constexpr auto b = scalar<"b">;
constexpr auto y = vector<"y">(m);
constexpr auto least_squares = mse(X * w + b, y);
static_assert(gradient_products(least_squares, wrt(w, b)) == 2);
static_assert(same_form(grad(least_squares, w), 2_c * transpose(X) * (X * w + b - y) / m));
static_assert(same_form(grad(least_squares, b), 2_c * mean(X * w + b - y)));

// Logistic regression: the same two.
constexpr auto logistic = bce(sigmoid(X * w + b), y);
static_assert(gradient_products(logistic, wrt(w, b)) == 2);

static_assert(network_products<1, network::tanh_layer>() == 5);
static_assert(network_products<2, network::tanh_layer>() == 8);
static_assert(network_products<1, network::relu_layer>() == 5);
static_assert(network_products<2, network::sigmoid_layer>() == 8);

}  // namespace
