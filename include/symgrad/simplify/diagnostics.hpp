#pragma once
// Compile-time misuse found while simplifying, reported like expr/diagnostics.hpp.
#include "../expr/diagnostics.hpp"

namespace symgrad::diagnostic {

template <class Exponent>
struct division_by_zero {
  static_assert(always_false<Exponent>,
                "symgrad: division by an expression that simplifies to zero (the power it is raised to: see "
                "division_by_zero<exponent>)");
};

}  // namespace symgrad::diagnostic
