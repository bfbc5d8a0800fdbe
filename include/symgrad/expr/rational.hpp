#pragma once
// Exact rational numbers: the simplifier needs exact coefficients and exponents,
// and a class-type template argument keeps them in the type.
#include <cstdint>
#include <numeric>

namespace symgrad {

struct rat {
  std::intmax_t num = 0;
  std::intmax_t den = 1;

  friend constexpr bool operator==(rat, rat) = default;
};

constexpr rat make_rat(std::intmax_t n, std::intmax_t d = 1) {
  if (d < 0) { n = -n; d = -d; }
  const std::intmax_t g = std::gcd(n, d);
  return g > 1 ? rat{n / g, d / g} : rat{n, d};
}

constexpr rat operator+(rat a, rat b) { return make_rat(a.num * b.den + b.num * a.den, a.den * b.den); }
constexpr rat operator-(rat a) { return rat{-a.num, a.den}; }
constexpr rat operator-(rat a, rat b) { return a + (-b); }
constexpr rat operator*(rat a, rat b) { return make_rat(a.num * b.num, a.den * b.den); }
constexpr rat operator/(rat a, rat b) { return make_rat(a.num * b.den, a.den * b.num); }
// |r|, in lowest terms.
constexpr rat magnitude(rat r) {
  r = make_rat(r.num, r.den);
  return {r.num < 0 ? -r.num : r.num, r.den};
}

constexpr int compare(rat a, rat b) {
  const auto l = a.num * b.den;
  const auto r = b.num * a.den;
  return l < r ? -1 : (l > r ? 1 : 0);
}

constexpr bool is_integer(rat a) { return a.den == 1; }

// Integer powers only: non-integer powers of a rational are generally irrational.
constexpr rat ipow(rat a, std::intmax_t k) {
  if (k < 0) return ipow(rat{1, 1} / a, -k);
  rat r{1, 1};
  for (std::intmax_t i = 0; i < k; ++i) r = r * a;
  return r;
}

constexpr rat min(rat a, rat b) { return compare(a, b) <= 0 ? a : b; }

constexpr double to_double(rat a) { return static_cast<double>(a.num) / static_cast<double>(a.den); }

}  // namespace symgrad
