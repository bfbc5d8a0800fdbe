// Identities nobody special-cased: each holds because of general algebra (common
// denominators, collecting like terms, linearity of matrix products and sums, transposes
// sinking to the leaves). docs/simplifier.md lists them.
#include <symgrad/calculus/grad.hpp>

#include "../support/linear_models.hpp"

namespace {

using namespace symgrad;
using namespace linear_models;

constexpr auto x = vector<"x">(n);
constexpr auto v = vector<"v">(n);
constexpr auto z = vector<"z">(m);

// 1. The sigmoid derivative of seed 000, written with exp: e^-z / (1 + e^-z)^2 = s (1 - s).
constexpr auto s = 1_c / (1_c + exp(-z));
static_assert(same_form(grad(sum(s), z), s % (1_c - s)));

// 2. Polarisation: (x + v)^2 - (x - v)^2 = 4 x v, elementwise.
static_assert(same_form(pow(x + v, 2_c) - pow(x - v, 2_c), 4_c * (x % v)));

// 3. Quotient rule with cancellation: d/dx (1 - x) / (1 + x) = -2 / (1 + x)^2.
static_assert(same_form(grad(sum((1_c - x) / (1_c + x)), x), -2_c / pow(1_c + x, 2_c)));

// 4. Least squares: d/dw mean((Xw - y)^2) = 2 X^T (X w - y) / m.
static_assert(same_form(grad(mean(pow(X * w - y, 2_c)), w), 2_c * transpose(X) * (X * w - y) / m));

// 5. A quadratic form: d/dw (Xw)^T (Xw) = 2 X^T X w; needs (w^T X^T X)^T = X^T X w.
static_assert(same_form(grad(transpose(X * w) * (X * w), w), 2_c * transpose(X) * (X * w)));

// 6. Transpose of a product reverses it.
static_assert(same_form(transpose(X * w), transpose(w) * transpose(X)));

// 7. Log-likelihood of a sigmoid: d/dz sum(log(sigmoid(z))) = 1 - sigmoid(z).
static_assert(same_form(grad(sum(log(sigmoid(z))), z), 1_c - sigmoid(z)));

// 8. Seed 002: d/dx sum(x^2 + 2x) = 2x + 2.
static_assert(same_form(grad(sum(pow(x, 2_c) + 2_c * x), x), 2_c * x + 2_c));

// 9. Square roots: d/dx sum(sqrt(x)) = 1 / (2 sqrt(x)).
static_assert(same_form(grad(sum(sqrt(x)), x), 1_c / (2_c * sqrt(x))));

// 10. Means are linear: mean(2 y - z) = 2 mean(y) - mean(z).
static_assert(same_form(mean(2_c * y - z), 2_c * mean(y) - mean(z)));

// 11. exp and log are inverse where both are defined.
static_assert(same_form(log(exp(z + y)), y + z));

// 12. BCE written with an explicit exp instead of sigmoid reduces the same way.
static_assert(same_form(grad(-mean(y % log(s) + (1_c - y) % log(1_c - s)), z), (s - y) / m));

// 13. Content comes out of a sum and cancels: (a - a^2) / (1 - a) = a.
static_assert(same_form((x - x % x) / (1_c - x), x));

// 14. Simplification is idempotent on every form above.
template <class E>
constexpr bool idempotent = std::is_same_v<simplified_t<simplified_t<E>>, simplified_t<E>>;
static_assert(idempotent<decltype(grad(bce(sigmoid(X * w), y), w))>);
static_assert(idempotent<decltype(grad(mean(pow(X * w - y, 2_c)), w))>);
static_assert(idempotent<decltype(grad(sum((1_c - x) / (1_c + x)), x))>);

// Things that are not identities stay apart.
static_assert(!same_form(pow(x + v, 2_c), pow(x, 2_c) + pow(v, 2_c)));
static_assert(!same_form(sqrt(pow(x, 2_c)), x));  // |x|, not x
// Needs factorisation, which the simplifier does not do (docs/simplifier.md, limits).
static_assert(!same_form((1_c - x % x) / (1_c - x), 1_c + x));

}  // namespace
