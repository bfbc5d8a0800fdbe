// The losses built from abs, max, min and the Huber function, and the facts of those
// functions, proved at compile time: Poisson, Huber and hinge regression and the L1 penalty
// have their textbook gradients.
#include <symgrad/symgrad.hpp>

#include "../support/linear_models.hpp"
#include "structure.hpp"

namespace {

using namespace symgrad;
using namespace linear_models;  // X (m x n), w, b, y

constexpr auto delta = scalar<"delta">;
constexpr auto lambda = scalar<"lambda">;
constexpr auto z = X * w + b;

// ---- Poisson regression: the rate exp(z), the gradient X^T (exp(z) - y) / m ----
constexpr auto poisson = poisson_nll(z, y);
static_assert(same_form(grad(poisson, w), transpose(X) * (exp(z) - y) / m));
static_assert(same_form(grad(poisson, b), sum(exp(z) - y) / m));
// Factored in the derivation form: one product with X^T.
static_assert(static_test::tree_count_v<op::matmul, decltype(grad(poisson, w))> == 2);

// ---- Huber regression: the residual clipped at +-delta, and delta's own derivative ----
constexpr auto huber_loss = huber(z, y, delta);
static_assert(same_form(grad(huber_loss, w), transpose(X) * clip(z - y, -delta, delta) / m));
static_assert(same_form(grad(huber_loss, delta), sum(relu(abs(z - y) - delta)) / m));
static_assert(same_form(grad(huber(z, y, 1_c), b), mean(clip(z - y, -1_c, 1_c))));

// ---- hinge loss (a linear SVM's) with an L1 penalty ----
constexpr auto svm = hinge(z, y) + lambda * l1_norm(w);
static_assert(same_form(grad(svm, w), -transpose(X) * (y % step(1_c - y % z)) / m + lambda * sign(w)));

// ---- facts of the functions ----
// Parity: abs is even, sign odd; the argument keeps a positive coefficient.
static_assert(same_form(abs(-w), abs(w)));
static_assert(same_form(sign(-2_c * w), -sign(w)));
static_assert(same_form(abs(2_c) + sign(-3_c), 1_c));
// log1p and expm1 are inverses.
static_assert(same_form(log1p(expm1(w)), w));
static_assert(same_form(expm1(log1p(w)), w));
static_assert(same_form(log1p(0_c) + expm1(0_c), 0_c));
// erf is odd, and its derivative holds pi as a symbol.
static_assert(same_form(erf(-w), -erf(w)));
static_assert(same_form(grad(sum(erf(w)), w), 2_c * exp(-w % w) / sqrt(pi)));
// max and min of exact values.
static_assert(same_form(maximum(2_c, 3_c) + minimum(2_c, -1_c), 2_c));
// A function of two exact values without a known value stays an atom.
static_assert(same_form(huber(2_c, 1_c) - huber(2_c, 1_c), 0_c));
static_assert(!same_form(huber(2_c, 1_c), 1.5_c));
// The kinks: d|w| = sign(w), d max(u, v) = step(u - v) for u, the rest for v.
static_assert(same_form(grad(sum(maximum(w, 0_c)), w), step(w)));
static_assert(same_form(grad(sum(maximum(w, lambda)), lambda), sum(1_c - step(w - lambda))));
static_assert(same_form(grad(sum(minimum(w, lambda)), w), step(lambda - w)));

// ---- stable forms: the value's evaluation form, not the normal form ----
// log(1 + r) is evaluated as log1p(r), log(1 + exp(u)) as softplus(u) (the logistic loss
// written out); log(1 - sigmoid(u)) keeps its own rule, and a log of anything else stays.
static_assert(same_form(stable(log(1_c + w)), log1p(w)));
static_assert(same_form(stable(log(exp(w) + 1_c)), softplus(w)));
static_assert(same_form(stable(mean(log(1_c + exp(-y % z)))), mean(softplus(-y % z))));
static_assert(same_form(stable(log(1_c - sigmoid(w))), -softplus(w)));
static_assert(same_form(stable(log(2_c + w)), log(2_c + w)));
static_assert(!same_form(log(1_c + w), log1p(w)));  // the normal form keeps the log as written
// log1p(exp(u)) = softplus(u), a fact of log1p (the normal form and stable() alike).
static_assert(same_form(log1p(exp(w)), softplus(w)));

}  // namespace
