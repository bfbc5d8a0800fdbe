#pragma once
// Elementwise functions: f(x) = sum(w % g(x)), with a fixed random weight w so that the
// adjoint of g(x) differs from entry to entry. Its gradient is w % g'(x), entry by entry, so
// every entry is compared on its own (T = 0).
#include <iomanip>
#include <sstream>

#include "laws_support.hpp"

namespace laws {

inline constexpr auto fn_n = dim<"n">;
inline constexpr auto fn_x = vector<"x">(fn_n);
inline constexpr auto fn_w = vector<"w">(fn_n);

inline constexpr unsigned function_seeds[] = {1, 2, 3, 4, 5};
inline constexpr Index function_points = 7;  // entries of x at a random point

// g builds g(x) from an expression; hand(x, w) the gradient w % g'(x) as the textbook writes
// g'; ref(u) is g of one adouble. `edge` is the edge grid inside g's domain.
template <class G, class Hand, class Ref>
void function_law(const std::string& name, G g, Hand hand, Ref ref, domain dom, const std::vector<double>& edge) {
  const auto f = sum(fn_w % g(fn_x));
  const auto d = hand(fn_x, fn_w);
  const auto run = [&](const point& p, const mat& xv, const mat& wv) {
    const auto tape = [&](avars& a) {
      adouble s = 0.0;
      for (Index i = 0; i < xv.size(); ++i) s += wv(i) * ref(a[0](i));
      return s;
    };
    check_law(p, f, bind(fn_x = xv, fn_w = wv), tape, {}, by(fn_x, d, xv, dom));
  };
  for (unsigned seed : function_seeds) {
    rng r(seed);
    const mat xv = r.in(dom, function_points, 1);
    const mat wv = r.weights(function_points, 1);
    run({name, kind::random, seed_label(seed)}, xv, wv);
  }
  // The whole grid in one vector (Eigen's packet kernels see most of it), then each value on
  // its own, where the central difference is not swamped by the rounding of the largest terms.
  rng r(100);
  const mat xv = column(edge);
  const mat wv = r.weights(xv.rows(), 1);
  run({name, kind::edge, "the edge grid as one vector"}, xv, wv);
  for (Index i = 0; i < xv.rows(); ++i) {
    std::ostringstream label;
    label << std::setprecision(17) << "x = " << xv(i);
    run({name, kind::edge, label.str()}, xv.row(i), wv.row(i));
  }
}

}  // namespace laws
