// No m x m matrix on the way to a gradient: the evaluation plans of seed 000's loss and
// gradients, and of a Jacobian-vector product written by hand, hold no term of shape m x m.
// The Jacobian itself is a diagonal term; it becomes an m x m matrix only when it is
// evaluated on its own (the last check, which shows this test can see one).
#include <symgrad/calculus/jacobian.hpp>
#include <symgrad/eval/plan/plan.hpp>

#include "../support/linear_models.hpp"

namespace {

using namespace symgrad;
using namespace linear_models;

constexpr auto z = vector<"z">(m);
constexpr auto g = vector<"g">(m);

using square = shape<dim_t<"m">, dim_t<"m">>;

template <class... Roots>
constexpr bool forms_square_matrix() {
  return []<class... T>(detail::type_list<T...>) {
    return (std::is_same_v<shape_of_t<T>, square> || ...);
  }(typename eval_detail::plan<std::remove_cvref_t<Roots>...>::terms{});
}

static_assert(!forms_square_matrix<decltype(stable(logistic)), decltype(grad(logistic, w)), decltype(grad(logistic, b))>());

// da/dz as a diagonal: its product with a vector is elementwise, whatever side it is on.
constexpr auto J = jacobian(sigmoid(z), z);
static_assert(same_form(transpose(J) * g, g % sigmoid(z) % (1_c - sigmoid(z))));
static_assert(same_form(transpose(g) * J, transpose(g % sigmoid(z) % (1_c - sigmoid(z)))));
static_assert(!forms_square_matrix<decltype(simplify(transpose(J) * g))>());
// Seed 000's chain rule through the Jacobian: dL/dz = (da/dz)^T dL/da = (a - y) / m.
constexpr auto dL_da = -(y / sigmoid(z) - (1_c - y) / (1_c - sigmoid(z))) / m;
static_assert(same_form(transpose(J) * dL_da, (sigmoid(z) - y) / m));
static_assert(!forms_square_matrix<decltype(simplify(transpose(J) * dL_da))>());

// Asked for on its own, the Jacobian is evaluated as the m x m matrix it is.
static_assert(forms_square_matrix<decltype(J)>());

}  // namespace
