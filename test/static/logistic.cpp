// Closed forms of logistic regression (seed 000) and of seed 004's scalar function,
// proved at compile time. Each must emerge from the general simplifier: no rule names
// bce of sigmoid, and the targets below are written the way a textbook writes them.
#include <symgrad/calculus/grad.hpp>

#include "../support/linear_models.hpp"
#include "structure.hpp"

namespace {

using namespace symgrad;
using namespace linear_models;

constexpr auto z = vector<"z">(m);

// dBCE/dz = (a - y) / m, from -(y/a - (1-y)/(1-a)) / m times a (1 - a).
static_assert(same_form(grad(bce(sigmoid(z), y), z), (sigmoid(z) - y) / m));

constexpr auto a = sigmoid(X * w + b);
constexpr auto loss = logistic;  // bce(a, y)

// dBCE/dw = X^T (a - y) / m and dBCE/db = mean(a - y).
static_assert(same_form(grad(loss, w), transpose(X) * (a - y) / m));
static_assert(same_form(grad(loss, b), mean(a - y)));

// The derivative is returned factored, as backprop computes it: one product X^T r over the
// residual (X w inside a is the other), not X^T a - X^T y; its normal form, written out, is
// the target's.
static_assert(static_test::tree_count_v<op::matmul, decltype(grad(loss, w))> == 2);
static_assert(static_test::tree_count_v<op::matmul, decltype(grad(loss, b))> == 1);
static_assert(std::is_same_v<simplified_t<decltype(grad(loss, w))>, simplified_t<decltype(transpose(X) * (a - y) / m)>>);
static_assert(std::is_same_v<simplified_t<decltype(grad(loss, b))>, simplified_t<decltype(mean(a - y))>>);

// The labels' gradient has no such cancellation; it keeps its logs.
static_assert(same_form(grad(loss, y), (log(1_c - a) - log(a)) / m));

// Wrong targets are told apart (guards against a same_form that accepts anything).
static_assert(!same_form(grad(loss, w), transpose(X) * (a + y) / m));
static_assert(!same_form(grad(loss, w), transpose(X) * (a - y)));
static_assert(!same_form(grad(loss, b), sum(a - y)));

// A variable that does not occur gets a zero of its shape.
static_assert(std::is_same_v<decltype(grad(loss, matrix<"V">(m, n))), zeros<shape<dim_t<"m">, dim_t<"n">>>>);

// Seed 004: f(a, b, c) = -a^3 + sin(3b) - 1/c + b^2.5 - a^0.5.
constexpr auto sa = scalar<"a">;
constexpr auto sb = scalar<"b">;
constexpr auto sc = scalar<"c">;
constexpr auto f = -pow(sa, 3_c) + sin(3_c * sb) - 1_c / sc + pow(sb, 2.5_c) - pow(sa, 0.5_c);

static_assert(same_form(grad(f, sa), -3_c * pow(sa, 2_c) - 0.5_c * pow(sa, -0.5_c)));
static_assert(same_form(grad(f, sb), 3_c * cos(3_c * sb) + 2.5_c * pow(sb, 1.5_c)));
static_assert(same_form(grad(f, sc), pow(sc, -2_c)));
static_assert(!same_form(grad(f, sb), cos(3_c * sb) + 2.5_c * pow(sb, 1.5_c)));

}  // namespace
