// The normal form is a normal form: equal expressions written differently reach it, and
// simplifying twice is simplifying once. Each group is one kind of rewrite; the random suite
// (test/random/support.hpp) checks idempotence on its 200 expressions and their derivatives,
// and its files assert that a rewrite of each expression (generate.py, REWRITE_KINDS) reaches
// the same normal form.
#include <symgrad/calculus/grad.hpp>

namespace {

using namespace symgrad;

constexpr auto m = dim<"m">;
constexpr auto n = dim<"n">;
constexpr auto k = dim<"k">;
constexpr auto a = scalar<"a">;
constexpr auto c = scalar<"c">;
constexpr auto u = vector<"u">(n);
constexpr auto v = vector<"v">(n);
constexpr auto p = vector<"p">(m);
constexpr auto q = vector<"q">(m);
constexpr auto A = matrix<"A">(m, n);
constexpr auto B = matrix<"B">(n, k);
constexpr auto C = matrix<"C">(k, m);

template <class E>
constexpr bool idempotent(E) {
  return std::is_same_v<simplified_t<simplified_t<E>>, simplified_t<E>>;
}

// Factored or distributed, on either side of a product and inside functions.
static_assert(same_form(A * (u + v), A * u + A * v));
static_assert(same_form(transpose(A) * (p - q), transpose(A) * p - transpose(A) * q));
static_assert(same_form((A * B) * (C + C), 2_c * A * B * C));
static_assert(same_form(sigmoid(A * (u + v)), sigmoid(A * v + A * u)));
static_assert(same_form(p % (q + 1_c), p % q + p));

// ones^T v and sum(v); a sum over a matrix as products with ones on both sides.
static_assert(same_form(ones<shape<unit_dim, dim_t<"m">>>{} * p, sum(p)));
static_assert(same_form(ones<shape<unit_dim, dim_t<"m">>>{} * A * ones<shape<dim_t<"n">, unit_dim>>{}, sum(A)));
static_assert(same_form(sum(A * u), ones<shape<unit_dim, dim_t<"m">>>{} * (A * u)));

// A number equals its transpose: a scalar chain in either orientation; a row sums as its column.
static_assert(same_form(transpose(p) * q, transpose(q) * p));
static_assert(same_form(transpose(u) * transpose(A) * log(p), transpose(log(p)) * A * u));
static_assert(same_form(sum(transpose(exp(u))), sum(exp(u))));
static_assert(same_form(sum(transpose(p) * A), sum(transpose(A) * p)));
// An outer product's sum, as a sum or between ones.
static_assert(same_form(sum(p * transpose(u)), ones<shape<unit_dim, dim_t<"m">>>{} * (p * transpose(u)) * ones<shape<dim_t<"n">, unit_dim>>{}));
static_assert(same_form(sum(p * transpose(u)), sum(p) * sum(u)));

// Transposes of products and of sums, sunk to the leaves.
static_assert(same_form(transpose(A * B), transpose(B) * transpose(A)));
static_assert(same_form(transpose(transpose(A) * p + u), transpose(p) * A + transpose(u)));
static_assert(same_form(transpose(transpose(A * B)), A * B));

// Sums in any order and grouping.
static_assert(same_form((p + q) + sigmoid(p), sigmoid(p) + (q + p)));
static_assert(same_form(u - (v - u), 2_c * u - v));

// A scalar pulled in or out of products, sums and reductions.
static_assert(same_form(a * (A * u), A * (a * u)));
static_assert(same_form(sum(a * p), a * sum(p)));
static_assert(same_form(mean(c * p + c * q), c * (sum(p) + sum(q)) / m));
static_assert(same_form((2_c * A) * (u / 2_c), A * u));

// Not everything is equal.
static_assert(!same_form(A * (u + v), A * u - A * v));
static_assert(!same_form(transpose(A * B), 2_c * transpose(B) * transpose(A)));

static_assert(idempotent(A * (u + v)));
static_assert(idempotent(transpose(transpose(A) * p + u)));
static_assert(idempotent(sigmoid(A * (u + v)) % (1_c - sigmoid(A * u + A * v))));
static_assert(idempotent(grad(sum(tanh(tanh(A * u) + p)), u)));

}  // namespace
