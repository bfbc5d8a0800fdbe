#pragma once
// Law tests: for every op, the symbolic derivative of a scalar function using it is checked
// at random points and on an edge grid against
//   (a) central differences of the library's own value, with the 4-point stencil
//       (-f(x+2h) + 8 f(x+h) - 8 f(x-h) + f(x-2h)) / (12 h);
//   (b) ADOL-C, on the same function written by hand in scalar code (adouble), taped once per
//       point, or a long double reference where that code is not finite;
//   (c) the derivative written by hand from the textbook rule, as an expression that eval
//       computes exactly as written (no simplification), against eval(grad(...)), which is
//       simplified.
//
// Tolerances, and why:
//   (a) 1e-6 relative, plus the rounding floor of the difference. The stencil's truncation
//       error is h^4 f^(5) / 30 with h = 2^-10 (scaled down near a pole or a kink, see
//       fd_step), about 1e-13 relative; its rounding error is at most (1 + 8 + 8 + 1) / 12 = 1.5
//       times the rounding of one value of f, over h. That floor is taken as 24 eps S / h:
//       16 eps of rounding per value of f, where S = max(|f|, sum |term|) over the terms f sums
//       (see terms_magnitude), since the rounding of a sum scales with its terms, not with its
//       value. An entry whose floor exceeds 1e-6 relative is still compared, and counted
//       (fd_noise_limited): there the difference says little, and (b) and (c) carry the check.
//   (b) 1e-12 relative: ADOL-C differentiates its code exactly up to rounding, so both sides
//       carry a few eps of rounding per operation; 1e-12 is about 4500 eps.
//       The long double reference, where ADOL-C's code is not finite: 1e-12 relative too (it
//       is exact to about 1e-19; the difference is symgrad's rounding).
//   (c) 1e-12 relative, for the same reason: both sides are evaluated by the library in
//       double, in different orders.
//   "Relative" is per entry, against max(|got|, |reference|, T). T is the magnitude of the
//   contributions an entry is the sum of (sum |term|), where the law's entries are such sums:
//   a broadcast operand's adjoint, a matrix product's, the coupling of the classes in a
//   softmax, the two terms of a loss (y / a - (1 - y) / (1 - a)). Both symgrad and ADOL-C add
//   those in floating point, and the rounding of a sum is bounded by n eps sum |term|, not by
//   |sum|. Entries with one contribution (elementwise functions, same-shape operands) have
//   T = 0 and are compared strictly on their own: a tiny derivative computed as 0 fails.
//   The value of f is also compared with ADOL-C's (1e-12 relative to max(|f|, S), S below),
//   which shows that the reference computes the same function.
//   Known deviations (laws_support.cpp, shown on their own in known_deviations.cpp) are the
//   failures traced to a cause; they are logged as warnings and counted, or are errors with
//   SYMGRAD_LAWS_STRICT set.
#include <boost/test/unit_test.hpp>

#include <adolc/adolc.h>

#include <cstddef>
#include <functional>
#include <limits>
#include <random>
#include <string>
#include <string_view>
#include <tuple>
#include <type_traits>
#include <utility>
#include <vector>

#include <symgrad/symgrad.hpp>

#include "tally.hpp"

namespace laws {

using namespace symgrad;
using Eigen::Index;
using mat = Eigen::MatrixXd;
using ld = long double;

// ---- tolerances (see above) -------------------------------------------------------------------

inline constexpr double fd_rtol = 1e-6;
inline constexpr double adolc_rtol = 1e-12;
inline constexpr double hand_rtol = 1e-12;
inline constexpr double ld_rtol = 1e-12;
// The value of f from ADOL-C's code against eval(stable(f)): that the reference is the same
// function (a wrong one is off by O(1)), to the precision of a short sum.
inline constexpr double value_rtol = 1e-12;
inline constexpr double fd_h = 0x1p-10;
inline constexpr double fd_floor = 24 * std::numeric_limits<double>::epsilon();

// ---- points -------------------------------------------------------------------------------------

enum class kind { random, edge };

// One point of one law: the law (the function, as written), random or edge, and where.
struct point {
  std::string law;
  kind k;
  std::string label;
};

// Where a variable's derivative is smooth, which decides the difference step and what is
// skipped: real (everywhere), nonzero (a pole at 0: 1/x, negative powers, a divisor),
// positive (log, sqrt, fractional powers), unit (probabilities in (0, 1), poles at 0 and 1),
// kink (relu, step: not differentiable at 0).
enum class domain { real, nonzero, positive, unit, kink };

// {+-800, +-40, -1.3, +-1e-10, 0, 0.49, 0.99, 1.01}
const std::vector<double>& edge_grid();
bool in_domain(domain d, double x);
// The edge grid's values inside a domain, in the grid's order.
std::vector<double> grid_in(domain d);
// rows x cols entries of g in column-major order, starting at g[offset], cycling.
mat from_grid(Index rows, Index cols, const std::vector<double>& g, std::size_t offset = 0);
mat column(const std::vector<double>& v);

struct rng {
  std::mt19937 gen;
  explicit rng(unsigned seed) : gen(seed) {}
  double uniform(double lo, double hi);
  mat uniform(Index rows, Index cols, double lo, double hi);
  // Values inside a domain, away from its edges (the edge grid goes there): real [-3, 3],
  // nonzero +-[0.75, 3], positive [0.05, 4], unit [0.02, 0.98].
  mat in(domain d, Index rows, Index cols);
  // Fixed random weights for the adjoint: magnitudes in [0.5, 2], either sign.
  mat weights(Index rows, Index cols);
  // Rows that sum to one: random probabilities (even rows) and one-hot rows (odd rows).
  mat distributions(Index rows, Index cols);
};

// The difference step at x: 2^-10, times min(1, distance to a pole) where there is one; at a
// kink at most |x| / 4, so that the stencil x - 2h .. x + 2h stays on one side.
double fd_step(domain d, double x);
// Outside the domain, and for relu and step within 1e-3 of the kink (ADOL-C is still compared
// there, on the one-sided definition step(0) = 0).
bool fd_skips(domain d, double x);

inline std::string seed_label(unsigned seed) { return "random point (seed " + std::to_string(seed) + ")"; }

// Sizes of the dimensions k, n, p, q of a law's variables.
struct dims {
  Index k, n, p, q;
};
// Random points: one per seed 1, 2, 3, 4, with these sizes (extents of 1 included);
// edge points: sizes edge_dims, the grid shifted by 0 .. 10.
inline constexpr dims random_dims[] = {{3, 4, 2, 5}, {1, 3, 4, 1}, {4, 1, 3, 2}, {2, 5, 1, 3}};
inline constexpr dims edge_dims = {3, 4, 2, 5};

// The values of one point: random in a domain, or the edge grid's values in that domain, each
// matrix asked for starting further along the grid; weights are random either way.
struct source {
  kind k;
  rng g;
  std::size_t shift, calls = 0;
  mat operator()(Index rows, Index cols, domain d = domain::real);
  mat weights(Index rows, Index cols) { return g.weights(rows, cols); }
  // Labels in [0, 1]: random 0, 1 or between; on the edge grid 0, 1 and 0.3 in turn.
  mat labels(Index rows, Index cols);
  // Rows that sum to one (rng::distributions), random either way.
  mat distributions(Index rows, Index cols) { return g.distributions(rows, cols); }
};

// Calls body(point, source&, dims) at the random points and the edge points.
template <class Body>
void over_points(const std::string& law, Body body) {
  unsigned seed = 1;
  for (const dims& d : random_dims) {
    source src{kind::random, rng(seed), 0};
    body(point{law, kind::random, seed_label(seed)}, src, d);
    ++seed;
  }
  for (std::size_t shift = 0; shift < edge_grid().size(); ++shift) {
    source src{kind::edge, rng(100 + static_cast<unsigned>(shift)), shift};
    body(point{law, kind::edge, "the edge grid shifted by " + std::to_string(shift)}, src, edge_dims);
  }
}

// |e| summed along the extents where an operand of extents rows x cols is stretched to e's: the
// magnitude T of the terms of its adjoint (unbroadcast) from the adjoint e of the result.
mat reduced_abs(const mat& e, Index rows, Index cols);

// ---- ADOL-C: variables as matrices of adoubles ---------------------------------------------------

struct amat {
  Index rows, cols;
  std::vector<adouble> v;  // column-major
  amat(Index r, Index c) : rows(r), cols(c), v(static_cast<std::size_t>(r * c)) {}
  adouble& operator()(Index i, Index j = 0) { return v[static_cast<std::size_t>(i + j * rows)]; }
  // Broadcast read: an extent of 1 repeats, as in NumPy.
  adouble& bc(Index i, Index j) { return (*this)(rows == 1 ? 0 : i, cols == 1 ? 0 : j); }
};
using avars = std::vector<amat>;

// The functions, written by hand from their definitions. A branch on the value is fine: the
// function is taped again at every point. Each branch is the form that does not overflow on
// its side.
namespace ad {
adouble sigmoid(const adouble& u);   // 1 / (1 + exp(-u)), or exp(u) / (1 + exp(u)) for u < 0
// u + log(1 + exp(-u)) for u > 0, else log(1 + exp(u)); ADOL-C has no log1p, so log(1 + e)
// is a series for e < 0.01.
adouble softplus(const adouble& u);
// (1 - exp(-2u)) / (1 + exp(-2u)), mirrored for u < 0; a Taylor series for |u| < 0.01.
adouble tanh(const adouble& u);
// One-sided at 0 as symgrad's step (step(0) = 0). ADOL-C's own fmax(u, 0) gives the adjoint
// 1/2 at the tie (and warns), so it is not used.
adouble relu(const adouble& u);
adouble step(const adouble& u);
// |u| and sign(u) with symgrad's sign(0) = 0 (ADOL-C's fabs gives 1 or -1 at 0).
adouble abs(const adouble& u);
adouble sign(const adouble& u);
// ADOL-C has neither: below 0.01 in magnitude, where 1 + u and exp(u) - 1 round part of u
// away, their series.
adouble log1p(const adouble& u);
adouble expm1(const adouble& u);
// max(u, c) and min(u, c) for a constant c; a tie gives c, as symgrad's derivative does.
adouble maximum(const adouble& u, double c);
adouble minimum(const adouble& u, double c);
adouble ipow(const adouble& u, int k);  // repeated products; a negative k as a reciprocal
// log(sum(exp(z))) over the entries z points to, the largest shifted out.
adouble logsumexp(const std::vector<adouble*>& z);
}  // namespace ad

// ---- the check ------------------------------------------------------------------------------------

// What is checked for one variable: the variable, the derivative written by hand, the value it
// is bound to, its domain, and T (see above; empty: every entry on its own).
template <class X, class H>
struct wrt_spec {
  X x;
  H hand;
  mat x0;
  domain dom;
  mat terms;
};
template <class X, class H>
wrt_spec<X, H> by(X x, H hand, const mat& x0, domain dom = domain::real, mat terms = {}) {
  return {x, hand, x0, dom, std::move(terms)};
}

inline mat as_mat(double v) { return mat::Constant(1, 1, v); }
inline mat as_mat(const Eigen::VectorXd& v) { return v; }
inline mat as_mat(const mat& m) { return m; }

// A long double value and gradient (over every variable's entries, in the order of the specs),
// used where ADOL-C's code is not finite.
struct ld_values {
  ld value;
  std::vector<ld> gradient;
};
using ld_reference = std::function<ld_values()>;
using adolc_function = std::function<adouble(avars&)>;

// The comparisons of one variable's gradient g and its derivative by hand: adolc (and ldg, if
// not null) point to the reference entries; `value(local)` is f with the variable bound to
// `local`; f_terms is S, see terms_magnitude.
void compare_variable(const point& p, std::string_view var, const mat& x0, domain dom, const mat& terms, double f_terms,
                      const mat& g, const mat& by_hand, const double* adolc, const ld* ldg,
                      const std::function<double(const mat&)>& value);

inline constexpr short adolc_tag = 17;

// Tapes `ref` at xs (the independents, split into matrices of the given shapes), returns its
// value and puts ADOL-C's gradient in ga.
double adolc_gradient(const std::vector<double>& xs, const std::vector<std::pair<Index, Index>>& shapes,
                      const adolc_function& ref, std::vector<double>& ga);

// Counts the point and compares the library's value with ADOL-C's (or, where that is not
// finite, with ld_value if not null), relative to the larger of the two and S, the magnitude of
// the terms f is a sum of.
void compare_value(const point& p, double value, double adolc_value, double terms, const ld* ld_value);

// S for f: the magnitude of the terms that f sums, sum |term|, which bounds the rounding of
// its value where the sum cancels (the rounding floor of a difference and of the value check
// scale with it). Read from f's outer nodes: sum(E) and mean(E) give sum |E| (over the
// entries for a mean), and a negation, a quotient by a scalar and a product of scalars pass it
// on; any other f gives |f|.
template <class F, class At>
double terms_magnitude(F f, const At& at) {
  if constexpr (is_node_v<F>) {
    return [&]<class Op, class... A>(node<Op, A...>) -> double {
      if constexpr (std::is_same_v<Op, op::sum> || std::is_same_v<Op, op::mean>) {
        const mat e = as_mat(eval(A{}..., at));
        const double s = e.cwiseAbs().sum();
        return std::is_same_v<Op, op::sum> ? s : s / static_cast<double>(e.size());
      } else if constexpr (std::is_same_v<Op, op::neg>) return terms_magnitude(A{}..., at);
      else if constexpr (std::is_same_v<Op, op::div> && sizeof...(A) == 2 && (is_scalar_v<A> && ...)) {
        const auto [num, den] = std::tuple<A...>{};
        return terms_magnitude(num, at) / std::abs(eval(den, at));
      } else if constexpr (std::is_same_v<Op, op::mul> && (is_scalar_v<A> && ...))
        return (terms_magnitude(A{}, at) * ...);
      else return std::abs(eval(f, at));
    }(f);
  } else return std::abs(eval(f, at));
}

template <class F, class At, class X, class H>
void check_variable(const point& p, F f, const At& at, const wrt_spec<X, H>& s, double f_terms, const double* adolc,
                    const ld* ldg) {
  const auto [g, by_hand] = eval_all(at, grad(f, s.x), s.hand);
  compare_variable(p, X::name(), s.x0, s.dom, s.terms, f_terms, as_mat(g), as_mat(by_hand), adolc, ldg,
                   [&](const mat& local) -> double {
                     if constexpr (is_scalar_v<X>) return eval(stable(f), at.with(s.x = local(0, 0)));
                     else return eval(stable(f), at.with(s.x = local));
                   });
}

// Checks the gradient of the scalar f with respect to every variable of `specs` at the bindings
// `at` (which bind each of them to its spec's x0). `ref(avars&)` is f in adouble code: it
// receives the specs' variables as independents, in order, and reads everything else as
// constants.
template <class F, class At, class... S>
void check_law(const point& p, F f, const At& at, const adolc_function& ref, const ld_reference& ldref,
               const S&... specs) {
  static_assert(is_scalar_v<F>, "a law is a scalar function");
  std::vector<double> xs;
  (xs.insert(xs.end(), specs.x0.data(), specs.x0.data() + specs.x0.size()), ...);
  std::vector<double> ga;
  const double fa = adolc_gradient(xs, {{specs.x0.rows(), specs.x0.cols()}...}, ref, ga);
  const double terms = terms_magnitude(f, at);
  const ld_values ldv = ldref ? ldref() : ld_values{0, {}};
  compare_value(p, eval(stable(f), at), fa, terms, ldref ? &ldv.value : nullptr);
  const std::vector<ld>& ldg = ldv.gradient;
  std::size_t off = 0;
  ((check_variable(p, f, at, specs, terms, ga.data() + off, ldg.empty() ? nullptr : ldg.data() + off),
    off += static_cast<std::size_t>(specs.x0.size())),
   ...);
}

}  // namespace laws
