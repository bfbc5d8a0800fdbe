#pragma once
// Operation tags. Every node is node<Op, Args...>; an op is described once, here.
// `rank` orders atoms in the canonical form (lower prints first).
#include <string_view>
#include <type_traits>

#include "../detail/type_list.hpp"

namespace symgrad {

/// The base of an elementwise function defined outside the library (docs/adding-an-op.md):
/// `struct arctan_op : symgrad::user_function { name, value, derivative, optionally packet }`.
/// Its applications sort after the library's functions, among themselves by name.
struct user_function {
  static constexpr int rank = 38;
};

}  // namespace symgrad

namespace symgrad::op {

struct add { static constexpr std::string_view name = "+"; static constexpr int rank = 90; };
struct sub { static constexpr std::string_view name = "-"; static constexpr int rank = 91; };
struct mul { static constexpr std::string_view name = "elementwise *"; static constexpr int rank = 92; };
struct div { static constexpr std::string_view name = "/"; static constexpr int rank = 93; };
struct neg { static constexpr std::string_view name = "unary -"; static constexpr int rank = 94; };
struct pow { static constexpr std::string_view name = "pow"; static constexpr int rank = 40; };
struct matmul { static constexpr std::string_view name = "matrix product"; static constexpr int rank = 10; };
struct transpose { static constexpr std::string_view name = "transpose"; static constexpr int rank = 50; };
struct sum { static constexpr std::string_view name = "sum"; static constexpr int rank = 45; };
struct mean { static constexpr std::string_view name = "mean"; static constexpr int rank = 46; };
// log(sum(exp(.))) along the class axis: each row of a matrix, the whole of a vector.
struct logsumexp { static constexpr std::string_view name = "logsumexp"; static constexpr int rank = 47; };

// Elementwise functions of one argument.
struct exp { static constexpr std::string_view name = "exp"; static constexpr int rank = 20; };
struct log { static constexpr std::string_view name = "log"; static constexpr int rank = 21; };
struct sin { static constexpr std::string_view name = "sin"; static constexpr int rank = 22; };
struct cos { static constexpr std::string_view name = "cos"; static constexpr int rank = 23; };
struct tanh { static constexpr std::string_view name = "tanh"; static constexpr int rank = 24; };
struct sigmoid { static constexpr std::string_view name = "sigmoid"; static constexpr int rank = 25; };
struct softplus { static constexpr std::string_view name = "softplus"; static constexpr int rank = 26; };
struct relu { static constexpr std::string_view name = "relu"; static constexpr int rank = 27; };
// The Heaviside step, 1 for x > 0 and 0 otherwise: the derivative of relu.
struct step { static constexpr std::string_view name = "step"; static constexpr int rank = 28; };
struct abs { static constexpr std::string_view name = "abs"; static constexpr int rank = 29; };
struct log1p { static constexpr std::string_view name = "log1p"; static constexpr int rank = 30; };
// -1, 0 or 1: the derivative of abs, so sign(0) = 0 as step(0) = 0.
struct sign { static constexpr std::string_view name = "sign"; static constexpr int rank = 32; };
struct expm1 { static constexpr std::string_view name = "expm1"; static constexpr int rank = 33; };
struct erf { static constexpr std::string_view name = "erf"; static constexpr int rank = 34; };

// Elementwise functions of two arguments, broadcasting as `+`. A tie goes to the second
// argument's derivative (max(a, b) with a = b moves with b).
struct maximum { static constexpr std::string_view name = "max"; static constexpr int rank = 35; };
struct minimum { static constexpr std::string_view name = "min"; static constexpr int rank = 36; };
// huber(r, delta): r^2 / 2 for |r| <= delta, delta (|r| - delta / 2) beyond. An op of its own
// so that its derivative is the closed form clip(r, -delta, delta).
struct huber { static constexpr std::string_view name = "huber"; static constexpr int rank = 37; };

// The elementwise functions (evaluation adds its own: eval/ops.hpp), and those of users.
template <class Op>
inline constexpr bool is_user_function_v = std::is_base_of_v<user_function, Op>;
template <class Op>
inline constexpr bool is_function_v =
    is_user_function_v<Op> ||
    detail::in_list_v<Op, detail::type_list<exp, log, sin, cos, tanh, sigmoid, softplus, relu, step, abs, log1p, sign,
                                            expm1, erf, maximum, minimum, huber>>;

}  // namespace symgrad::op
