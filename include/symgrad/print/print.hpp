#pragma once
// to_string / to_latex: one recursive printer parameterised by a style. Every
// subexpression comes back with its binding level, so a parent adds exactly the
// parentheses it needs. Raw user trees and the simplifier's n-ary canonical forms use
// the same node templates and are printed by the same rules.
#include <cctype>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include "../expr/nodes.hpp"

namespace symgrad {

namespace print_detail {

// Concatenation by append: chained std::string operator+ trips a g++ 12 -Wrestrict false
// positive (GCC PR 105329) once inlined at -O2.
template <class... S>
std::string cat(const S&... parts) {
  std::string r;
  (r.append(std::string_view(parts)), ...);
  return r;
}

enum class style { text, latex };

// Loosest first. Text division sits below juxtaposition so `a / b c`, which reads
// either way, is never printed; a leading minus binds tighter than a product.
enum level : int { sum_level = 1, quot_level, prod_level, neg_level, pow_level, postfix_level, atom_level };

// How a product joins its factors: juxtaposition (scaling, matrix product) or `.*`.
enum class joint { none, juxt, hadamard, mixed };

struct piece {
  std::string body;        // without the leading minus
  int level = atom_level;  // of body
  bool neg = false;        // printed "-" + body; the minus binds to body's first operand,
                           // which gives the same value since every product is linear
  joint kind = joint::none;

  std::string full() const { return neg ? cat("-", body) : body; }
  int outer() const { return neg && level > neg_level ? int{neg_level} : level; }
};

inline piece paren(const piece& p) { return {cat("(", p.full(), ")"), atom_level}; }

inline piece negate(piece p) {
  if (p.neg || p.level < quot_level) p = paren(p);
  p.neg = true;
  return p;
}

// ---- numbers and names ---------------------------------------------------------------

inline rat magnitude(rat r) {
  r = make_rat(r.num, r.den);
  return {r.num < 0 ? -r.num : r.num, r.den};
}

// Digits after the point of r as a terminating decimal, or -1 if more than 6 are needed.
inline int decimal_places(rat r) {
  std::intmax_t p = 1;
  for (int k = 0; k <= 6; ++k, p *= 10)
    if (p % r.den == 0) return k;
  return -1;
}

// r >= 0 with decimal_places(r) >= 0.
inline std::string decimal(rat r) {
  const int k = decimal_places(r);
  std::intmax_t scale = 1;
  for (int i = 0; i < k; ++i) scale *= 10;
  const std::intmax_t v = r.num * (scale / r.den);
  std::string s = std::to_string(v / scale);
  if (k > 0) {
    const std::string f = std::to_string(v % scale);
    s.append(".").append(static_cast<std::size_t>(k) - f.size(), '0').append(f);
  }
  return s;
}

// r >= 0.
inline piece number(rat r, style s) {
  if (decimal_places(r) >= 0) return {decimal(r), atom_level};
  const std::string p = std::to_string(r.num), q = std::to_string(r.den);
  if (s == style::latex) return {cat("\\frac{", p, "}{", q, "}"), neg_level};
  return {cat(p, "/", q), quot_level};
}

inline piece signed_number(rat r, style s) {
  piece p = number(magnitude(r), s);
  p.neg = compare(r, rat{}) < 0;
  return p;
}

// Text exponents are unbraced, so a fraction needs parentheses there: a^(1/3).
inline std::string exponent(rat e, style s) {
  const rat m = magnitude(e);
  const bool dec = decimal_places(m) >= 0;
  std::string v = compare(e, rat{}) < 0 ? "-" : "";
  if (dec) v += decimal(m);
  else v.append(std::to_string(m.num)).append("/").append(std::to_string(m.den));
  if (s == style::latex) return cat("{", v, "}");
  return dec ? v : cat("(", v, ")");
}

inline piece name(std::string_view n, style s) {
  std::string out;
  for (char c : n) {
    if (s == style::latex && std::string_view("_#$%&{}").find(c) != std::string_view::npos) out += '\\';
    out += c;
  }
  return {out, atom_level};
}

// ---- joining -------------------------------------------------------------------------

inline bool word_char(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '_'; }
inline bool alpha(char c) { return std::isalpha(static_cast<unsigned char>(c)); }
inline bool numeric(std::string_view w) {
  for (char c : w)
    if (!std::isdigit(static_cast<unsigned char>(c)) && c != '.') return false;
  return true;
}

// What goes between two factors. A number on the right gets an explicit operator
// (`x * 2`, never `x 2`). In LaTeX letters run together (`Xw`, `2x`) only where that
// cannot merge two names or end a control word.
inline std::string gap(joint j, std::string_view l, std::string_view r, style s) {
  const bool latex = s == style::latex;
  if (j == joint::hadamard) return latex ? " \\odot " : " .* ";
  if (numeric(r.substr(0, 1))) return latex ? " \\cdot " : " * ";
  if (!latex) return " ";
  // Names may contain an escaped underscore, `w\_1`.
  std::size_t i = l.size();
  while (i > 0 && (word_char(l[i - 1]) || (l[i - 1] == '\\' && i < l.size() && l[i] == '_'))) --i;
  const std::string_view tail = l.substr(i);
  const char b = r.front();
  if (!tail.empty() && alpha(tail.front()) && i > 0 && l[i - 1] == '\\') return alpha(b) || b == '(' ? " " : "";
  if (tail.empty() || !alpha(b)) return "";
  std::size_t n = 0;
  while (n < r.size() && (word_char(r[n]) || (r[n] == '\\' && n + 1 < r.size() && r[n + 1] == '_'))) ++n;
  return numeric(tail) || (tail.size() == 1 && n == 1) ? "" : " ";
}

struct factor {
  piece p;
  bool scalar;
};

// Joins factors left to right: `.*` between two non-scalars unless it is a matrix
// product. A factor that is itself a product stays unparenthesised only when joined
// the same way, where associativity makes the grouping irrelevant.
inline piece join(const std::vector<factor>& fs, style s, bool matrix_product) {
  if (fs.size() == 1) return fs.front().p;
  std::vector<joint> seps(fs.size(), joint::none);
  bool scalar_so_far = fs[0].scalar;
  for (std::size_t i = 1; i < fs.size(); ++i) {
    seps[i] = matrix_product || scalar_so_far || fs[i].scalar ? joint::juxt : joint::hadamard;
    scalar_so_far = scalar_so_far && fs[i].scalar;
  }
  piece out{"", prod_level, false, seps[1]};
  for (std::size_t i = 0; i < fs.size(); ++i) {
    const piece& f = fs[i].p;
    const joint adj = seps[i == 0 ? 1 : i];
    if (adj != out.kind) out.kind = joint::mixed;
    const bool fits = (f.level >= neg_level || (f.level == prod_level && f.kind == adj)) && (i == 0 || !f.neg);
    const std::string str = !fits ? paren(f).body : i == 0 ? f.body : f.full();
    if (i == 0) out.neg = fits && f.neg;
    else out.body += gap(adj, out.body, str, s);
    out.body += str;
  }
  return out;
}

inline piece quotient(piece num, piece den, style s) {
  if (s == style::latex) {
    // Pull a leading minus out of the fraction unless it belongs to a sum's first term.
    const bool out = num.neg && num.level >= quot_level;
    return {cat("\\frac{", out ? num.body : num.full(), "}{", den.full(), "}"), neg_level, out};
  }
  if (num.outer() < quot_level) num = paren(num);
  if (den.neg || den.level < neg_level) den = paren(den);
  return {cat(num.body, " / ", den.body), quot_level, num.neg};
}

// ---- the recursion -------------------------------------------------------------------

template <class E>
piece print(style s);

template <class B, rat E>
piece power(style s) {
  piece b = print<B>(s);
  if (s == style::latex && E == rat{1, 2}) return {cat("\\sqrt{", b.full(), "}"), pow_level};
  if (b.neg || b.level < atom_level) b = paren(b);
  return {cat(b.body, "^", exponent(E, s)), pow_level};
}

// A factor with a negative constant exponent may print as a denominator.
template <class F>
struct reciprocal {
  static constexpr bool value = false;
};
template <class B, rat E>
  requires(E.num < 0)
struct reciprocal<node<op::pow, B, constant<E>>> {
  static constexpr bool value = true;
  static constexpr bool unit = E == rat{-1, 1};
  static piece plain(style s) { return power<B, E>(s); }
  static piece denominator(style s) {
    if constexpr (unit) return print<B>(s);
    else return power<B, -E>(s);
  }
};

// A product `coef F...`. Negative powers become a fraction when something non-constant
// is left on top or one of them is a plain reciprocal (`(a - y) / m`, `-1 / m`), and
// otherwise stay powers (`0.5 a^-0.5`, `c^-2`); the same rule in both styles.
template <class... F>
piece product(rat coef, style s) {
  std::vector<factor> plain, top, bottom;
  bool reciprocal_one = false;
  (
      [&] {
        if constexpr (reciprocal<F>::value) {
          plain.push_back({reciprocal<F>::plain(s), is_scalar_v<F>});
          bottom.push_back({reciprocal<F>::denominator(s), is_scalar_v<F>});
          reciprocal_one = reciprocal_one || reciprocal<F>::unit;
        } else {
          plain.push_back({print<F>(s), is_scalar_v<F>});
          top.push_back(plain.back());
        }
      }(),
      ...);
  const rat c = magnitude(coef);
  const bool dec = decimal_places(c) >= 0;
  const bool divide = reciprocal_one || (!top.empty() && (!bottom.empty() || !dec));
  std::vector<factor>& upper = divide ? top : plain;
  const rat lead = divide && !dec ? rat{c.num, 1} : c;
  if (lead != rat{1, 1} || upper.empty()) upper.insert(upper.begin(), {number(lead, s), true});
  if (divide && !dec) bottom.insert(bottom.begin(), {number(rat{c.den, 1}, s), true});
  piece p = join(upper, s, false);
  if (divide) p = quotient(p, join(bottom, s, false), s);
  return compare(coef, rat{}) < 0 ? negate(p) : p;
}

template <class F0, class... F>
piece mul_node(style s) {
  if constexpr (is_constant_v<F0>) return product<F...>(F0::value, s);
  else return product<F0, F...>(rat{1, 1}, s);
}

template <class Op>
std::string function_name(style s) {
  const std::string n(Op::name);
  if (s == style::text) return n;
  if constexpr (std::is_same_v<Op, op::sigmoid>) return "\\sigma";
  else if constexpr (op::is_function_v<Op> && !std::is_same_v<Op, op::softplus>) return cat("\\", n);
  else return cat("\\operatorname{", n, "}");
}

template <class Op, class A0, class... A>
piece print_node(style s) {
  if constexpr (std::is_same_v<Op, op::add>) {
    piece out = print<A0>(s);
    out.level = sum_level;
    out.kind = joint::none;
    // A negative term reads as subtraction: `a - y`, `-3 a^2 - 0.5 a^-0.5`.
    ((out.body += [&] {
       const piece t = print<A>(s);
       return cat(t.neg ? " - " : " + ", t.body);
     }()),
     ...);
    return out;
  } else if constexpr (std::is_same_v<Op, op::sub>) {
    piece out = print<A0>(s);
    out.level = sum_level;
    out.kind = joint::none;
    ((out.body += [&] {
       const piece t = print<A>(s);
       return cat(" - ", (t.neg || t.level < quot_level ? paren(t) : t).body);
     }()),
     ...);
    return out;
  } else if constexpr (std::is_same_v<Op, op::mul>) {
    return mul_node<A0, A...>(s);
  } else if constexpr (std::is_same_v<Op, op::div>) {
    piece out = print<A0>(s);
    ((out = quotient(out, print<A>(s), s)), ...);
    return out;
  } else if constexpr (std::is_same_v<Op, op::matmul>) {
    return join({{print<A0>(s), false}, {print<A>(s), false}...}, s, true);
  } else if constexpr (std::is_same_v<Op, op::neg>) {
    return negate(print<A0>(s));
  } else if constexpr (std::is_same_v<Op, op::transpose>) {
    piece a = print<A0>(s);
    if (a.neg || a.level < atom_level) a = paren(a);
    return {a.body + (s == style::latex ? "^\\top" : "^T"), postfix_level};
  } else {  // functions, sum, mean
    static_assert(sizeof...(A) == 0, "symgrad: unknown node");
    return {cat(function_name<Op>(s), "(", print<A0>(s).full(), ")"), atom_level};
  }
}

template <fixed_string N, class S, class P>
piece leaf(var<N, S, P>, style s) { return name(N.view(), s); }
template <rat V>
piece leaf(constant<V>, style s) { return signed_number(V, s); }
template <class D>
piece leaf(size_of<D>, style s) { return name(D::name(), s); }
template <class S>
piece leaf(ones<S>, style s) { return {s == style::latex ? "\\mathbf{1}" : "1"}; }
template <class S>
piece leaf(zeros<S>, style s) { return {s == style::latex ? "\\mathbf{0}" : "0"}; }
inline piece leaf(invalid_expr, style s) { return {s == style::latex ? "\\text{invalid}" : "<invalid>"}; }

template <class Op, class... A>
piece dispatch(node<Op, A...>, style s) { return print_node<Op, A...>(s); }

template <class B, rat E>
piece dispatch(node<op::pow, B, constant<E>>, style s) {
  if constexpr (compare(E, rat{}) < 0) return product<node<op::pow, B, constant<E>>>(rat{1, 1}, s);
  else return power<B, E>(s);
}

template <class E>
piece print(style s) {
  if constexpr (is_node_v<E>) return dispatch(E{}, s);
  else return leaf(E{}, s);
}

}  // namespace print_detail

// Plain ASCII, e.g. `X^T (sigmoid(X w + b) - y) / m`.
template <expression E>
std::string to_string(E) {
  return print_detail::print<E>(print_detail::style::text).full();
}

// LaTeX math mode, e.g. `\frac{X^\top (\sigma(Xw + b) - y)}{m}`.
template <expression E>
std::string to_latex(E) {
  return print_detail::print<E>(print_detail::style::latex).full();
}

}  // namespace symgrad
