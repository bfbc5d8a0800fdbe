#pragma once
// Operations only evaluation uses: the evaluation form's rewrites (plan/rewrites.hpp) write
// them, the kernels compute them. Expressions never hold them: no builder, no derivative,
// no rule of the simplifier.
#include <string_view>

#include "../expr/nodes.hpp"
#include "../expr/ops.hpp"

namespace symgrad::op {

// sigmoid(u) from e = exp(-|u|) (two operands: u, e), so that softplus and sigmoid of the
// same u share one exp.
struct sigmoid_e { static constexpr std::string_view name = "sigmoid_e"; static constexpr int rank = 31; };
// Each row's maximum where finite, else 0: the shift of a softmax that shares its
// exponentials with its logsumexp.
struct row_shift { static constexpr std::string_view name = "row_shift"; static constexpr int rank = 48; };

template <> inline constexpr bool is_function_v<sigmoid_e> = true;

}  // namespace symgrad::op

namespace symgrad {

template <class A>
struct shape_of<node<op::row_shift, A>> { using type = shape<typename shape_of_t<A>::rows, unit_dim>; };

}  // namespace symgrad
