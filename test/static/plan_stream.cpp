// Which plans are evaluated in blocks of rows (eval/plan/stream.hpp), decided by the roles of
// their terms. That the blocks give the values of the whole evaluation:
// test/unit/eval/stream.cpp.
#include <symgrad/calculus/jacobian.hpp>

#include "../support/linear_models.hpp"
#include "plan.hpp"

namespace {

using namespace symgrad;
using namespace linear_models;
using static_test::streams_v;

static_assert(streams_v<decltype(stable(logistic)), decltype(grad(logistic, w)), decltype(grad(logistic, b))>);
static_assert(streams_v<decltype(grad(logistic, w))>);
static_assert(streams_v<decltype(hessian(logistic, w))>);
static_assert(streams_v<decltype(sum(X * w))>);
static_assert(!streams_v<decltype(X * w)>);                               // a result with m rows
static_assert(!streams_v<decltype(grad(logistic, w)), decltype(X * w)>);  // one such root is enough
static_assert(!streams_v<decltype(sum(X * w - mean(X * w)))>);            // a row needs a reduction
static_assert(!streams_v<decltype(logsumexp(X * w))>);                    // over a whole column
static_assert(streams_v<decltype(transpose(X * w) * y)>);                 // a contraction over m
static_assert(!streams_v<decltype(sum(transpose(X * w)))>);               // a local term transposed
static_assert(!streams_v<decltype(sum(w))>);                              // no data rows
// The batch dimension is the first data matrix's rows in the roots' given order, whatever the
// order the terms are planned in: sum(W) is lower than the loss and planned first.
constexpr auto W = matrix<"W">(n, dim<"k">);
static_assert(streams_v<decltype(stable(logistic)), decltype(sum(W))>);
static_assert(std::is_same_v<symgrad::eval_detail::stream_plan<static_test::plan_t<decltype(stable(logistic)), decltype(sum(W))>>::dim,
                             std::remove_cvref_t<decltype(m)>>);

// Local terms all vectors (blocks of an eighth of the rows) or not (blocks of about 64 KB).
using static_test::vector_blocks_v;
static_assert(vector_blocks_v<decltype(stable(logistic)), decltype(grad(logistic, w)), decltype(grad(logistic, b))>);
static_assert(vector_blocks_v<decltype(stable(least_squares)), decltype(grad(least_squares, w)),
                              decltype(grad(least_squares, b))>);
static_assert(!vector_blocks_v<decltype(grad(logistic, w)), decltype(hessian(logistic, w))>);  // weighted X
constexpr auto poisson = poisson_nll(X * w + b, y);
constexpr auto huber_loss = huber(X * w + b, y, constant<rat{1, 1}>{});
static_assert(vector_blocks_v<decltype(stable(poisson)), decltype(grad(poisson, w)), decltype(grad(poisson, b))>);
static_assert(vector_blocks_v<decltype(stable(huber_loss)), decltype(grad(huber_loss, w)), decltype(grad(huber_loss, b))>);
constexpr auto c = row_vector<"c">(dim<"k">);
constexpr auto Y = matrix<"Y", sums_to_one>(m, dim<"k">);
constexpr auto ce = cross_entropy(softmax(X * W + c), Y);
static_assert(streams_v<decltype(grad(ce, W))> && !vector_blocks_v<decltype(grad(ce, W))>);  // P: m x k

}  // namespace
