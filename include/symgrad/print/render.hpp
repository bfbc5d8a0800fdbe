#pragma once
// The printer: one non-template walk of the flat nodes, parameterised by a style. Every
// subexpression comes back with its binding level, so a parent adds exactly the parentheses
// it needs. Raw user trees and the simplifier's n-ary canonical forms use the same node
// templates and are printed by the same rules. Included by print.hpp (header-only use), or
// compiled once into the library symgrad::printer (src/printer.cpp) when
// SYMGRAD_COMPILED_PRINTER is defined: it is most of what printing costs a unit to compile.
#include <cctype>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "names.hpp"

#ifdef SYMGRAD_COMPILED_PRINTER
#define SYMGRAD_PRINTER_LINKAGE
#else
#define SYMGRAD_PRINTER_LINKAGE inline
#endif

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

// Variables named after a Greek letter print as the letter in LaTeX: lambda -> \lambda.
inline bool greek(std::string_view n) {
  constexpr std::string_view letters[] = {"alpha", "beta",  "gamma", "delta", "epsilon", "zeta", "eta",   "theta",
                                          "iota",  "kappa", "lambda", "mu",   "nu",      "xi",   "pi",    "rho",   "sigma",
                                          "tau",   "upsilon", "phi", "chi",   "psi",   "omega",   "Gamma", "Delta", "Theta",
                                          "Lambda", "Xi",   "Pi",    "Sigma", "Upsilon", "Phi",   "Psi",     "Omega"};
  for (std::string_view l : letters)
    if (n == l) return true;
  return false;
}
// A LaTeX name made of a Greek letter (\lambda, \lambda_{1}), not a command that takes an
// argument (\sigma(z), \frac{...}).
inline bool greek_command(std::string_view r) {
  if (r.size() < 2 || r[0] != '\\') return false;
  std::size_t i = 1;
  while (i < r.size() && std::isalpha(static_cast<unsigned char>(r[i]))) ++i;
  return greek(r.substr(1, i - 1)) && (i == r.size() || (r[i] != '(' && r[i] != '{'));
}

inline piece name(std::string_view n, style s) {
  if (s == style::latex && greek(n)) return {cat("\\", n), atom_level};
  // LaTeX: a trailing number is a subscript, W1 -> W_{1} (primes stay after it).
  if (s == style::latex) {
    std::size_t end = n.size();
    while (end > 0 && n[end - 1] == '\'') --end;
    std::size_t start = end;
    while (start > 0 && std::isdigit(static_cast<unsigned char>(n[start - 1]))) --start;
    if (start > 0 && start < end && std::isalpha(static_cast<unsigned char>(n[start - 1])))
      return {cat(name(n.substr(0, start), s).body, "_{", n.substr(start, end - start), "}", n.substr(end)), atom_level};
  }
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
  if (!tail.empty() && greek_command(r)) return " ";  // 2 \lambda, not 2\lambda
  if (tail.empty() || !alpha(b)) return "";
  std::size_t n = 0;
  while (n < r.size() && (word_char(r[n]) || (r[n] == '\\' && n + 1 < r.size() && r[n + 1] == '_'))) ++n;
  return numeric(tail) || (tail.size() == 1 && n == 1) ? "" : " ";
}

struct factor {
  piece p;
  bool scalar;
  char vec = 0;  // 'c' column, 'r' row
};

// Joins factors left to right: `.*` between two non-scalars unless it is a matrix
// product. A factor that is itself a product stays unparenthesised only when joined
// the same way, where associativity makes the grouping irrelevant.
inline piece product_text(const std::vector<factor>& fs, style s, bool matrix_product) {
  if (fs.size() == 1) return fs.front().p;
  std::vector<joint> seps(fs.size(), joint::none);
  bool scalar_so_far = fs[0].scalar;
  for (std::size_t i = 1; i < fs.size(); ++i) {
    // A column .* a row is their outer product, printed as one: p p^T.
    const bool outer = fs[i - 1].vec == 'c' && fs[i].vec == 'r';
    seps[i] = matrix_product || scalar_so_far || fs[i].scalar || outer ? joint::juxt : joint::hadamard;
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

// ---- the printer ---------------------------------------------------------------------


inline piece print(const flat_node* n, style s, const naming& nm);

inline piece power(const flat_node* base, rat e, style s, const naming& nm) {
  piece b = print(base, s, nm);
  if (s == style::latex && e == rat{1, 2}) return {cat("\\sqrt{", b.full(), "}"), pow_level};
  if (b.neg || b.level < atom_level) b = paren(b);
  return {cat(b.body, "^", exponent(e, s)), pow_level};
}

// A factor with a negative constant exponent may print as a denominator.
inline bool reciprocal(const flat_node* f) { return f->k == kind::pow && f->value.num < 0; }

// Factors reordered, each group in its original order. 'c': scalars and columns first; 'r':
// rows last; 's': scalars only (the others are dropped).
inline std::vector<factor> ordered(const std::vector<factor>& fs, char how) {
  std::vector<factor> first, last;
  for (const factor& f : fs) {
    const bool early = how == 'r' ? f.vec != 'r' : f.scalar || (how == 'c' && f.vec == 'c');
    (early ? first : last).push_back(f);
  }
  if (how != 's') first.insert(first.end(), last.begin(), last.end());
  return first;
}

// A product `coef f...` of `count` sibling factors. Negative powers become a fraction
// when something non-constant is left on top or one of them is a plain reciprocal
// (`(a - y) / m`, `-1 / m`), and otherwise stay powers (`0.5 a^-0.5`, `c^-2`); the same
// rule in both styles.
inline piece product(const flat_node* f, int count, rat coef, style s, const naming& nm) {
  std::vector<factor> plain, top, bottom;
  bool reciprocal_one = false;
  bool diagonal = false, full = false, reciprocal_scalar = false;
  const flat_node* eye = nullptr;
  for (int i = 0; i < count; ++i, f = next(f)) {
    if (f->k == kind::eye) {  // eye .* v is diag(v)
      diagonal = true;
      eye = f;
      continue;
    }
    full = full || (!f->scalar && f->vec == 0);
    if (reciprocal(f)) {
      const bool unit = f->value == rat{-1, 1};
      plain.push_back({power(f + 1, f->value, s, nm), f->scalar, f->vec});
      bottom.push_back({unit ? print(f + 1, s, nm) : power(f + 1, -f->value, s, nm), f->scalar});
      reciprocal_one = reciprocal_one || unit;
      reciprocal_scalar = reciprocal_scalar || (unit && f->scalar);
    } else {
      plain.push_back({print(f, s, nm), f->scalar, f->vec});
      top.push_back(plain.back());
    }
  }
  if (diagonal) {
    std::vector<factor> inside;
    for (const factor& x : plain)
      if (!x.scalar) inside.push_back({x.p, x.scalar});
    const piece d = inside.empty() ? print(eye, s, nm)
                                   : piece{cat(s == style::latex ? "\\operatorname{diag}(" : "diag(",
                                               product_text(inside, s, false).full(), ")"),
                                           atom_level};
    for (std::vector<factor>* v : {&plain, &top, &bottom}) {
      *v = ordered(*v, 's');
      if (v != &bottom) v->push_back({d, false});
    }
    reciprocal_one = reciprocal_scalar;  // the others are inside diag(...)
  } else {
    // Columns before rows (u .* v^T reads u v^T), or before a matrix they scale (v .* X).
    plain = ordered(plain, full ? 'c' : 'r');
    top = ordered(top, full ? 'c' : 'r');
  }
  const rat c = magnitude(coef);
  const bool dec = decimal_places(c) >= 0;
  const bool divide = reciprocal_one || (!top.empty() && (!bottom.empty() || !dec));
  std::vector<factor>& upper = divide ? top : plain;
  const rat lead = divide && !dec ? rat{c.num, 1} : c;
  if (lead != rat{1, 1} || upper.empty()) upper.insert(upper.begin(), {number(lead, s), true});
  if (divide && !dec) bottom.insert(bottom.begin(), {number(rat{c.den, 1}, s), true});
  piece p = product_text(upper, s, false);
  if (divide) p = quotient(p, product_text(bottom, s, false), s);
  return compare(coef, rat{}) < 0 ? negate(p) : p;
}

inline std::string function_name(const flat_node& n, style s) {
  if (s == style::text) return std::string(n.name);
  if (n.k == kind::sigmoid) return "\\sigma";
  if (n.k == kind::function) return cat("\\", n.name);
  return cat("\\operatorname{", n.name, "}");
}

// A vector of ones is not the number 1: ones(n), ones(m, n); in LaTeX 1 with its size.
inline piece filled(const flat_node& n, style s) {
  if (n.name == "1" && n.cols != "1") {  // a row: the transpose of a column of ones
    const piece column = filled({n.k, n.cols, {}, 0, 1, false, "1"}, s);
    return {cat(column.body, s == style::latex ? "^\\top" : "^T"), postfix_level};
  }
  const bool vector = n.cols == "1";
  const std::string_view digit = n.k == kind::ones ? "1" : "0";
  if (s == style::latex)
    return {vector ? cat("\\mathbf{", digit, "}_{", n.name, "}")
                   : cat("\\mathbf{", digit, "}_{", n.name, " \\times ", n.cols, "}")};
  const std::string_view word = n.k == kind::ones ? "ones(" : "zeros(";
  return {vector ? cat(word, n.name, ")") : cat(word, n.name, ", ", n.cols, ")")};
}

inline piece print(const flat_node* n, style s, const naming& nm) {
  if (const std::string* named = nm.name_at(n)) return name(*named, s);
  if (const flat_node* z = nm.softmax_at(n)) {
    const bool latex = s == style::latex;
    return {cat(latex ? "\\operatorname{softmax}(" : "softmax(", print(z, s, nm).full(), ")"), atom_level};
  }
  const flat_node* a = n + 1;  // the first operand
  switch (n->k) {
    case kind::name: return name(n->name, s);
    case kind::constant: return signed_number(n->value, s);
    case kind::ones:
    case kind::zeros: return filled(*n, s);
    case kind::eye: return {s == style::latex ? cat("I_{", n->name, "}") : cat("eye(", n->name, ")")};
    case kind::invalid: return {s == style::latex ? "\\text{invalid}" : "<invalid>"};
    case kind::add:
    case kind::sub: {
      std::vector<piece> terms{print(a, s, nm)};
      for (int i = 1; i < n->arity; ++i) terms.push_back(print(a = next(a), s, nm));
      piece out = terms.front();
      out.level = sum_level;
      out.kind = joint::none;
      for (std::size_t i = 1; i < terms.size(); ++i) {
        const piece& t = terms[i];
        // A negative term reads as subtraction: `a - y`, `-3 a^2 - 0.5 a^-0.5`.
        if (n->k == kind::add) out.body += cat(t.neg ? " - " : " + ", t.body);
        else out.body += cat(" - ", (t.neg || t.level < quot_level ? paren(t) : t).body);
      }
      return out;
    }
    case kind::mul:
      if (a->k == kind::constant) return product(next(a), n->arity - 1, a->value, s, nm);
      return product(a, n->arity, rat{1, 1}, s, nm);
    case kind::div: {
      piece out = print(a, s, nm);
      for (int i = 1; i < n->arity; ++i) out = quotient(out, print(a = next(a), s, nm), s);
      return out;
    }
    case kind::matmul: {
      std::vector<factor> fs;
      for (int i = 0; i < n->arity; ++i, a = next(a)) fs.push_back({print(a, s, nm), false});
      return product_text(fs, s, true);
    }
    case kind::neg: return negate(print(a, s, nm));
    case kind::transpose: {
      piece t = print(a, s, nm);
      if (t.neg || t.level < atom_level) t = paren(t);
      return {t.body + (s == style::latex ? "^\\top" : "^T"), postfix_level};
    }
    case kind::pow:
      if (reciprocal(n)) return product(n, 1, rat{1, 1}, s, nm);
      return power(a, n->value, s, nm);
    case kind::function:
    case kind::sigmoid:
    case kind::operator_name: break;
  }
  std::string args = print(a, s, nm).full();
  for (int i = 1; i < n->arity; ++i) args += cat(", ", print(a = next(a), s, nm).full());  // the evaluator's sigmoid_e
  return {cat(function_name(*n, s), "(", args, ")"), atom_level};
}

// Each root on a line (`label = ...` where labelled), then the named subterms, outermost first.
SYMGRAD_PRINTER_LINKAGE std::string render(const std::vector<std::pair<std::string, const flat_node*>>& roots, style s) {
  dag_builder dag;
  std::vector<int> ids;
  for (const auto& root : roots) ids.push_back(dag.add_root(root.second));
  dag.name(ids);
  naming& nm = dag.out;
  const bool latex = s == style::latex;
  std::string out;
  for (std::size_t i = 0; i < roots.size(); ++i) {
    if (i > 0) out += latex ? " \\\\ " : "\n";
    if (!roots[i].first.empty()) out += cat(roots[i].first, " = ");
    out += print(roots[i].second, s, nm).full();
  }
  for (std::size_t i = 0; i < nm.definitions.size(); ++i) {
    const flat_node* d = nm.definitions[i];
    const std::string label = name(nm.names[static_cast<std::size_t>(nm.dag(d))], s).body;
    nm.defining = d;
    const std::string body = print(d, s, nm).full();
    nm.defining = nullptr;
    if (latex) out += cat(i == 0 ? ", \\quad \\text{where } " : ", \\; ", label, " = ", body);
    else out += cat(i == 0 ? "\nwhere\n  " : "\n  ", label, " = ", body);
  }
  return out;
}

}  // namespace print_detail
}  // namespace symgrad
#undef SYMGRAD_PRINTER_LINKAGE
