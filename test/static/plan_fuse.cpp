// What a plan computes and stores (eval/plan/fuse.hpp): every distinct subterm once; stored are
// the terms read twice, products and results, the rest of an elementwise chain computed inside
// the loop of the one term that reads it. The values: test/unit/eval/eval.cpp and fuse.cpp.
#include <cmath>
#include <cstddef>
#include <string_view>

#include <symgrad/calculus/grad.hpp>

#include "../support/linear_models.hpp"
#include "../support/regions.hpp"
#include "plan.hpp"

namespace user_functions {

using namespace symgrad::literals;

// A user's function (docs/adding-an-op.md) is fused like the built-in ones, with or without a
// packet form of its own: its region is computed inside the sum's loop.
struct cube_root_op : symgrad::user_function {
  static constexpr std::string_view name = "cube_root";
  static double value(double x) { return std::cbrt(x); }
  template <class A>
  static constexpr auto derivative(A a) { return symgrad::pow(a, symgrad::constant<symgrad::rat{-2, 3}>{}) / 3_c; }
};
struct twice_op : symgrad::user_function {
  static constexpr std::string_view name = "twice";
  static double value(double x, double y) { return 2 * x + y; }
  template <class P>
  static P packet(const P& x, const P& y) { return Eigen::internal::padd(Eigen::internal::padd(x, x), y); }
  template <std::size_t I, class A, class B>
  static constexpr auto derivative(A, B) {
    if constexpr (I == 0) return 2_c;
    else return 1_c;
  }
};
}  // namespace user_functions

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

// The sum reads only the stored sigmoid: the sigmoid's loop computes it.
using static_test::rides_on_v;
static_assert(rides_on_v<Q, decltype(f), decltype(sigmoid(z))>);
static_assert(!rides_on_v<P, decltype(f), decltype(sigmoid(z))>);  // absorbed there, not stored

// Least squares: the loss mean(r^2) and sum(r) (for db) ride on r = X w + b - y, so r's entries
// are read once, as hand-written code would; X^T r is a product and reads the stored r.
constexpr auto residual = simplify(X * w + b - y);  // as the plan holds it
using LS = plan_t<decltype(stable(least_squares)), decltype(grad(least_squares, w)), decltype(grad(least_squares, b))>;
static_assert(rides_on_v<LS, decltype(mean(pow(residual, 2_c))), decltype(residual)>);
static_assert(rides_on_v<LS, decltype(sum(residual)), decltype(residual)>);
static_assert(!absorbed_v<LS, decltype(residual)>);
// A sum that reads anything else than the stored term and its leaves is computed on its own.
using Other = plan_t<decltype(sum(sigmoid(z) % y)), decltype(sigmoid(z))>;
static_assert(!rides_on_v<Other, decltype(sum(sigmoid(z) % y)), decltype(sigmoid(z))>);
using Leaf = plan_t<decltype(sum(sigmoid(z) % z)), decltype(sigmoid(z))>;
static_assert(rides_on_v<Leaf, decltype(sum(sigmoid(z) % z)), decltype(sigmoid(z))>);

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

using user_functions::cube_root_op;
using user_functions::twice_op;
// A user's function (docs/adding-an-op.md) is fused like the built-in ones, with or without a
// packet form of its own: its region is computed inside the sum's loop.
constexpr auto user_chain = sum(elementwise<twice_op>(elementwise<cube_root_op>(z), y));
using U = plan_t<decltype(user_chain)>;
static_assert(absorbed_v<U, decltype(elementwise<cube_root_op>(z))>);
static_assert(absorbed_v<U, decltype(elementwise<twice_op>(elementwise<cube_root_op>(z), y))>);
static_assert(stored_subterms_v<decltype(user_chain)> == 2);
// Their derivatives come from the functions themselves.
static_assert(same_form(grad(user_chain, b), sum(2_c * pow(z, constant<rat{-2, 3}>{}) / 3_c)));

}  // namespace
