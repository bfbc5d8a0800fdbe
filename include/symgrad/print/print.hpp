#pragma once
// to_string / to_latex. Templates only flatten an expression type into a constexpr array of
// nodes (describe.hpp); one non-template printer walks it (render.hpp): a new type costs a
// little constant evaluation instead of its own optimised copy of the printer.
#include <string>
#include <utility>
#include <vector>

#include "describe.hpp"

#ifdef SYMGRAD_COMPILED_PRINTER
namespace symgrad::print_detail {
// Defined once, in the library symgrad::printer (src/printer.cpp).
std::string render(const std::vector<std::pair<std::string, const flat_node*>>& roots, style s);
}  // namespace symgrad::print_detail
#else
#include "render.hpp"
#endif

namespace symgrad {

/// An expression with a label, for printing several together: `label("dL/dW1", grad(f, W1))`.
template <class E>
struct labeled {
  std::string label;
  E expr;
};
template <expression E>
labeled<E> label(std::string text, E e) {
  return {std::move(text), e};
}

/// Plain ASCII, e.g. `X^T (sigmoid(X w + b) - y) / m`. A subterm that occurs more than once is
/// written once, under a name, below the expression: `X^T D1 / m`, `where`, `  D1 = ...`.
template <expression E>
std::string to_string(E) {
  return print_detail::render({{"", print_detail::description<E>.data()}}, print_detail::style::text);
}

/// LaTeX math mode, e.g. `\frac{X^\top (\sigma(Xw + b) - y)}{m}`; shared subterms as in to_string.
template <expression E>
std::string to_latex(E) {
  return print_detail::render({{"", print_detail::description<E>.data()}}, print_detail::style::latex);
}

/// Several expressions with their labels, one a line, sharing the names of their common
/// subterms (the gradients of a network read as backprop: `dW1 = X^T D1 / m`, `D1 = ...`).
template <expression... E>
std::string to_string(const labeled<E>&... e) {
  return print_detail::render({{e.label, print_detail::description<E>.data()}...}, print_detail::style::text);
}
template <expression... E>
std::string to_latex(const labeled<E>&... e) {
  return print_detail::render({{e.label, print_detail::description<E>.data()}...}, print_detail::style::latex);
}

}  // namespace symgrad
