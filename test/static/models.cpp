// Closed forms of the seeds' other models, proved at compile time: softmax regression,
// seed 002's two-layer network, seed 001's affine layer, the logistic Hessian, structured
// Jacobians, and the identities that make losses stable. Each emerges from the general
// rules (broadcasting, products with ones and diagonals, sums that equal one); no rule
// names softmax with cross-entropy.
#include <symgrad/calculus/jacobian.hpp>

#include "../support/layer_models.hpp"
#include "structure.hpp"

namespace {

using namespace symgrad;
using namespace layer_models;  // the models, their variables and dimensions

// ---- softmax regression: ce = cross_entropy(P, Y), P = softmax(X W + b) ----
static_assert(same_form(grad(ce, W), transpose(X) * (P - Y) / m));
static_assert(same_form(grad(ce, b), col_means(P - Y)));
static_assert(std::is_same_v<simplified_t<decltype(grad(ce, W))>, simplified_t<decltype(transpose(X) * (P - Y) / m)>>);
// Factored: X^T (P - Y), not X^T P - X^T Y. The tree writes X W twice inside P (in the exp
// and in its logsumexp), both the same subterm.
static_assert(static_test::tree_count_v<op::matmul, decltype(grad(ce, W))> == 3);
// The logits' gradient, and the rows of the softmax summing to one.
static_assert(same_form(grad(ce, X), (P - Y) * transpose(W) / m));
static_assert(same_form(row_sums(Y), ones<shape<dim_t<"m">, unit_dim>>{}));

// Without the property the general form is the answer: rows of Y may not sum to one.
constexpr auto Ys = matrix<"Y">(m, k);
constexpr auto ces = cross_entropy(softmax(X * W + b), Ys);
static_assert(same_form(grad(ces, W), transpose(X) * (P % row_sums(Ys) - Ys) / m));
static_assert(same_form(grad(ces, b), col_means(P % row_sums(Ys) - Ys)));
static_assert(!same_form(grad(ces, W), transpose(X) * (P - Ys) / m));

// ---- seed 002: h1 = W1 x, z1 = sigmoid(h1), h2 = W2 z1, z2 = softmax(h2), J = -label . log z2 ----
static_assert(same_form(grad(J, W2), (z2 - label) * transpose(z1)));
static_assert(same_form(grad(J, W1), ((transpose(W2) * (z2 - label)) % z1 % (1_c - z1)) * transpose(x)));
// cross_entropy of a vector is the same loss: one sample.
static_assert(same_form(cross_entropy(z2, label), J));

// ---- seed 001: the affine layer's backward pass for an upstream gradient G ----
static_assert(same_form(grad(affine, X), G * transpose(W)));
static_assert(same_form(grad(affine, W), transpose(X) * G));
static_assert(same_form(grad(affine, b), col_sums(G)));

// ---- the logistic Hessian, X^T diag(a (1 - a)) X / m ----
constexpr auto w = vector<"w">(n);
constexpr auto c = scalar<"c">;
constexpr auto y = vector<"y">(m);
constexpr auto a = sigmoid(X * w + c);
static_assert(same_form(hessian(bce(a, y), w), transpose(X) * diag(a % (1_c - a)) * X / m));
static_assert(same_form(hessian(bce(a, y), c), mean(a % (1_c - a))));
// Least squares: the Hessian of |X w - y|^2 / 2 is X^T X.
static_assert(same_form(hessian(sum(pow(X * w - y, 2_c)) / 2_c, w), transpose(X) * X));

// ---- structured Jacobians ----
constexpr auto z = vector<"z">(m);
constexpr auto v = vector<"v">(k);
// Seed 000: da/dz = diag(a (1 - a)) for a = sigmoid(z).
static_assert(same_form(jacobian(sigmoid(z), z), diag(sigmoid(z) % (1_c - sigmoid(z)))));
static_assert(same_form(jacobian(exp(z), z), diag(exp(z))));
// The softmax Jacobian, diag(p) - p p^T.
constexpr auto p = softmax(v);
static_assert(same_form(jacobian(p, v), diag(p) - p * transpose(p)));
// A linear map, and a scalar function (the transposed gradient).
static_assert(same_form(jacobian(X * w + c, w), X));
static_assert(same_form(jacobian(sum(z % z), z), 2_c * transpose(z)));
// diag(u) diag(v) = diag(u .* v); diag(v) 1 = v; 1^T diag(v) = v^T.
static_assert(same_form(diag(z) * diag(exp(z)), diag(z % exp(z))));
static_assert(same_form(diag(z) * ones<shape<dim_t<"m">, unit_dim>>{}, z));
static_assert(same_form(ones<shape<unit_dim, dim_t<"m">>>{} * diag(z), transpose(z)));

// ---- stable by construction: identities the simplifier applies when it meets them ----
static_assert(same_form(log(sigmoid(z)), -softplus(-z)));
static_assert(same_form(log(1_c - sigmoid(z)), -softplus(z)));
static_assert(same_form(sigmoid(-z), 1_c - sigmoid(z)));
static_assert(same_form(log(sigmoid(-z)), -softplus(z)));
static_assert(same_form(log(softmax(v)), v - logsumexp(v)));
static_assert(same_form(log_softmax(v), log(softmax(v))));
static_assert(same_form(bce(sigmoid(z), y), mean(y % softplus(-z) + (1_c - y) % softplus(z))));
static_assert(!same_form(log(sigmoid(z)), -softplus(z)));

// ---- relu and mse ----
static_assert(same_form(grad(sum(relu(z)), z), step(z)));
static_assert(same_form(grad(mse(z, y), z), 2_c * (z - y) / m));
// d logsumexp(v) = softmax(v).
static_assert(same_form(grad(logsumexp(v), v), softmax(v)));

// ---- found by the random-expression tests (test/random) ----
// A transposed column stretched over a matrix's rows counts once per row.
static_assert(same_form(sum(transpose(x) + X), sum(X) + m * sum(x)));
static_assert(same_form(mean(transpose(x) + X), mean(X) + mean(x)));
// logsumexp(x - x) is log n, not the logsumexp of one scalar 0.
static_assert(!same_form(logsumexp(x - x), 0_c));
static_assert(same_form(logsumexp(x - x), logsumexp(0_c * x)));

}  // namespace
