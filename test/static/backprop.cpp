// Evaluation at backprop cost: the plans of the loss and all its gradients hold the
// products backprop computes and no more. Deeper networks: backprop_deep.cpp.
#include "../support/linear_models.hpp"
#include "backprop.hpp"

namespace {

using namespace symgrad;
using static_test::gradient_products;
using static_test::network_products;

using namespace linear_models;

// Least squares with an intercept: X w once, X^T r once (not X^T X w + X^T 1 b - X^T y).
static_assert(gradient_products(least_squares, wrt(w, b)) == 2);
static_assert(same_form(grad(least_squares, w), 2_c * transpose(X) * (X * w + b - y) / m));
static_assert(same_form(grad(least_squares, b), 2_c * mean(X * w + b - y)));
// The loss adds only its square and mean to the gradients' plan: its residual is theirs.
static_assert(distinct_subterms_v<decltype(stable(least_squares)), decltype(grad(least_squares, w)),
                                  decltype(grad(least_squares, b))> ==
              distinct_subterms_v<decltype(grad(least_squares, w)), decltype(grad(least_squares, b))> + 2);

// Logistic regression: the same two.
static_assert(gradient_products(logistic, wrt(w, b)) == 2);

static_assert(network_products<1, nets::tanh_layer>() == 5);
static_assert(network_products<2, nets::tanh_layer>() == 8);
static_assert(network_products<1, nets::relu_layer>() == 5);
static_assert(network_products<2, nets::sigmoid_layer>() == 8);

// One reverse sweep for all the variables (value_and_grad) gives what grad gives for each.
static_assert(static_test::one_sweep_as_grad(least_squares, wrt(w, b)));
static_assert(static_test::one_sweep_as_grad(logistic, wrt(w, b)));
static_assert(static_test::one_sweep_as_grad(logistic, wrt(b, X, w)));
static_assert(static_test::network_one_sweep<1, nets::relu_layer>());
static_assert(static_test::network_one_sweep<2, nets::sigmoid_layer>());

}  // namespace
