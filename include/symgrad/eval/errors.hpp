#pragma once
// The errors evaluation raises at run time, before any arithmetic, with messages that name
// the variable and the values involved.
#include <cstddef>
#include <cstdio>
#include <stdexcept>
#include <string>

namespace symgrad {

/// Thrown before any arithmetic when a bound size contradicts a dimension; the message names
/// the variable, the dimension and both sizes.
struct dimension_error : std::invalid_argument {
  using std::invalid_argument::invalid_argument;
};

/// Thrown before any arithmetic when a bound value breaks what its variable declares
/// (in_unit_interval, sums_to_one); the message names the variable, the entry and the value.
struct value_error : std::domain_error {
  using std::domain_error::domain_error;
};

}  // namespace symgrad

namespace symgrad::eval_detail {

// An Error with a message formatted by snprintf: building it from std::string pieces compiles
// to much more code, in every translation unit that evaluates an expression.
template <class Error, class... A>
[[noreturn]] void throw_formatted(const char* format, A... a) {
  const int n = std::snprintf(nullptr, 0, format, a...);
  std::string message(static_cast<std::size_t>(n > 0 ? n : 0), '\0');
  std::snprintf(message.data(), message.size() + 1, format, a...);
  throw Error(message);
}

}  // namespace symgrad::eval_detail
