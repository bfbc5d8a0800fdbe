#pragma once
// The leaves of the fusion tests' regions (test/static/plan_fuse.cpp, test/unit/eval/fuse.cpp):
// two m x k matrices, a column stretched over their columns, a row stretched over their rows,
// and a scalar.
#include <symgrad/expr/build.hpp>

namespace regions {

inline constexpr auto m = symgrad::dim<"m">;
inline constexpr auto k = symgrad::dim<"k">;
inline constexpr auto Z = symgrad::matrix<"Z">(m, k);
inline constexpr auto V = symgrad::matrix<"V">(m, k);
inline constexpr auto c = symgrad::vector<"c">(m);      // a column, stretched over Z's columns
inline constexpr auto r = symgrad::row_vector<"r">(k);  // a row, stretched over Z's rows
inline constexpr auto s = symgrad::scalar<"s">;

}  // namespace regions
