// What a plan computes and stores (eval/plan/fuse.hpp): every distinct subterm once; stored are
// the terms read twice, products and results, the rest of an elementwise chain computed inside
// the loop of the one term that reads it. The values: test/unit/eval/eval.cpp and fuse.cpp.
#include <symgrad/calculus/grad.hpp>

#include "../support/linear_models.hpp"
#include "../support/regions.hpp"
#include "plan.hpp"

namespace {

using namespace symgrad;
using namespace linear_models;
using static_test::absorbed_v;
using static_test::plan_t;

constexpr auto z = X * w + b;
constexpr auto f = sum(sigmoid(z));
constexpr auto g = transpose(X) * sigmoid(z);  // the transpose is read as a view, not computed

// X w, X w + b, sigmoid, then sum and X^T p.
static_assert(distinct_subterms_v<decltype(f)> == 4);
static_assert(distinct_subterms_v<decltype(g)> == 4);
static_assert(distinct_subterms_v<decltype(f), decltype(g)> == 5);

// X w is a product: stored; X w + b and the sigmoid are computed in the sum's loop, and alone
// f is one loop over X w.
static_assert(stored_subterms_v<decltype(f)> == 2);
using P = plan_t<decltype(f)>;
static_assert(absorbed_v<P, decltype(z)> && absorbed_v<P, decltype(sigmoid(z))>);
static_assert(!absorbed_v<P, decltype(X * w)>);
// X w + b is computed inside the sigmoid's loop.
static_assert(stored_subterms_v<decltype(g)> == 3);

// Read by two terms: the sigmoid is stored, X w + b inside its loop.
using Q = plan_t<decltype(f), decltype(g)>;
static_assert(!absorbed_v<Q, decltype(sigmoid(z))> && absorbed_v<Q, decltype(z)>);
static_assert(stored_subterms_v<decltype(f), decltype(g)> == 4);

// A result is stored even if another result reads it.
static_assert(stored_subterms_v<decltype(f), decltype(sigmoid(z))> == 3);

// The logistic loss and its gradient: 27 distinct subterms, 12 stored.
static_assert(distinct_subterms_v<decltype(stable(logistic)), decltype(grad(logistic, w)), decltype(grad(logistic, b))> == 27);
static_assert(stored_subterms_v<decltype(stable(logistic)), decltype(grad(logistic, w)), decltype(grad(logistic, b))> == 12);

// Broadcast leaves inside a region, a stretched row, a stretched column and a scalar: one
// stored term; and a sum of more than two terms, differences and quotients: one.
using regions::c, regions::r, regions::s, regions::V, regions::Z;

constexpr auto broadcast = exp(Z + r) % (V - c) / s;
static_assert(stored_subterms_v<decltype(broadcast)> == 1);
static_assert(absorbed_v<plan_t<decltype(broadcast)>, decltype(Z + r)> &&
              absorbed_v<plan_t<decltype(broadcast)>, decltype(V - c)>);

constexpr auto nary = (Z - V) / (V % V + 1_c) + exp(Z) + c - s;
static_assert(stored_subterms_v<decltype(nary)> == 1);

}  // namespace
