// The evaluation form (eval/plan/rewrites.hpp): the identities applied to the roots before
// planning share the work they are there to share, as the planned terms show. That they
// change no value, bit for bit: test/unit/eval/form.cpp.
#include <type_traits>

#include <symgrad/calculus/grad.hpp>

#include "../support/linear_models.hpp"
#include "plan.hpp"

namespace {

using namespace symgrad;
using static_test::count_terms;
using static_test::plan_t;

constexpr auto z = vector<"z">(dim<"m">);
constexpr auto u = vector<"u">(dim<"m">);

// softplus(z) and softplus(-z) together: one softplus term (of -|z|).
using together = plan_t<decltype(softplus(z)), decltype(softplus(-z))>;
static_assert(count_terms<op::softplus, together>() == 1);
using alone = plan_t<decltype(softplus(z)), decltype(softplus(-u))>;
static_assert(count_terms<op::softplus, alone>() == 2);  // no opposite: not split
static_assert(count_terms<op::relu, alone>() == 0);

// -a - b is evaluated as -(a + b), sharing a + b.
using negated = plan_t<decltype(z + u), decltype(-z - u)>;
static_assert(count_terms<op::add, negated>() == 1);
static_assert(count_terms<op::sub, negated>() == 0);

// a - b is evaluated as a + (-b), a's terms flattened, where another root holds that sum (as
// a gradient holds the residual of least squares): one term for both. Elsewhere a difference
// stays one: -b alone would be a term of its own.
constexpr auto c = scalar<"c">;
using z_t = std::remove_const_t<decltype(z)>;
using c_t = std::remove_const_t<decltype(c)>;
using u_t = std::remove_const_t<decltype(u)>;
using residual = node<op::add, z_t, c_t, node<op::mul, constant<rat{-1, 1}>, u_t>>;
using differences = plan_t<decltype(z + c - u), residual, decltype(z - 3_c * u)>;
static_assert(std::is_same_v<differences::root_t<decltype(z + c - u)>, residual>);
static_assert(count_terms<op::sub, differences>() == 1);  // z - 3 u: no root holds z + -3 u

// The stable binary cross-entropy: softplus(-|z|) as log1p(exp(-|z|)), the exponential
// shared with the gradient's sigmoid.
namespace lm = linear_models;
using bce_plan = plan_t<decltype(stable(lm::logistic)), decltype(grad(lm::logistic, lm::w)),
                        decltype(grad(lm::logistic, lm::b))>;
static_assert(count_terms<op::softplus, bce_plan>() == 0);
static_assert(count_terms<op::log1p, bce_plan>() == 1);
static_assert(count_terms<op::exp, bce_plan>() == 1);

// A sigmoid beside the softplus pair: exp(-|z|) once.
using with_sigmoid = plan_t<decltype(softplus(z)), decltype(softplus(-z)), decltype(sigmoid(z))>;
static_assert(count_terms<op::exp, with_sigmoid>() == 1);
static_assert(count_terms<op::sigmoid_e, with_sigmoid>() == 1);
static_assert(count_terms<op::softplus, with_sigmoid>() == 0);
using other_argument = plan_t<decltype(sigmoid(z)), decltype(softplus(u))>;
static_assert(count_terms<op::sigmoid_e, other_argument>() == 0);  // another argument: nothing shared

// The softmax (which holds its logsumexp): each entry exponentiated once.
constexpr auto Z = matrix<"Z">(dim<"m">, dim<"k">);
constexpr auto Y = matrix<"Y">(dim<"m">, dim<"k">);
constexpr auto ce = cross_entropy(softmax(Z), Y);
constexpr auto g = grad(ce, Z);
using softmax_plan = plan_t<decltype(stable(ce)), decltype(g)>;
static_assert(count_terms<op::exp, softmax_plan>() == 1);
static_assert(count_terms<op::logsumexp, softmax_plan>() == 0);
using gradient = plan_t<decltype(g)>;  // the softmax alone: its logsumexp is inside it
static_assert(count_terms<op::exp, gradient>() == 1);
static_assert(count_terms<op::logsumexp, gradient>() == 0);
using value = plan_t<decltype(stable(ce))>;  // no softmax: the logsumexp kernel
static_assert(count_terms<op::logsumexp, value>() == 1);
static_assert(count_terms<op::row_shift, value>() == 0);

}  // namespace
