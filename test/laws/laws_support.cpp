// The parts of the law harness that do not depend on an expression, compiled once.
#include "laws_support.hpp"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <iomanip>
#include <sstream>

namespace laws {

const std::vector<double>& edge_grid() {
  static const std::vector<double> g = {800, -800, 40, -40, -1.3, 1e-10, -1e-10, 0, 0.49, 0.99, 1.01};
  return g;
}

bool in_domain(domain d, double x) {
  switch (d) {
    case domain::nonzero: return x != 0;
    case domain::positive: return x > 0;
    case domain::unit: return x > 0 && x < 1;
    case domain::real:
    case domain::kink: break;
  }
  return true;
}

std::vector<double> grid_in(domain d) {
  std::vector<double> r;
  for (double x : edge_grid())
    if (in_domain(d, x)) r.push_back(x);
  return r;
}

mat from_grid(Index rows, Index cols, const std::vector<double>& g, std::size_t offset) {
  mat m(rows, cols);
  for (Index i = 0; i < m.size(); ++i) m.data()[i] = g[(offset + static_cast<std::size_t>(i)) % g.size()];
  return m;
}

mat column(const std::vector<double>& v) { return from_grid(static_cast<Index>(v.size()), 1, v); }

double rng::uniform(double lo, double hi) { return std::uniform_real_distribution<double>(lo, hi)(gen); }

mat rng::uniform(Index rows, Index cols, double lo, double hi) {
  mat m(rows, cols);
  for (Index i = 0; i < m.size(); ++i) m.data()[i] = uniform(lo, hi);
  return m;
}

mat rng::in(domain d, Index rows, Index cols) {
  switch (d) {
    case domain::nonzero: return weights(rows, cols) * 1.5;  // +-[0.75, 3]
    case domain::positive: return uniform(rows, cols, 0.05, 4.0);
    case domain::unit: return uniform(rows, cols, 0.02, 0.98);
    case domain::real:
    case domain::kink: break;
  }
  return uniform(rows, cols, -3.0, 3.0);
}

mat rng::weights(Index rows, Index cols) {
  mat m = uniform(rows, cols, 0.5, 2.0);
  for (Index i = 0; i < m.size(); ++i)
    if (uniform(0, 1) < 0.5) m.data()[i] = -m.data()[i];
  return m;
}

mat rng::distributions(Index rows, Index cols) {
  mat m = uniform(rows, cols, 0.05, 1.0);
  for (Index i = 0; i < rows; ++i) {
    if (i % 2 == 1) {
      m.row(i).setZero();
      m(i, std::min(cols - 1, static_cast<Index>(uniform(0, static_cast<double>(cols))))) = 1;
    } else m.row(i) /= m.row(i).sum();
  }
  return m;
}

mat source::operator()(Index rows, Index cols, domain d) {
  if (k == kind::random) return g.in(d, rows, cols);
  return from_grid(rows, cols, grid_in(d), shift + 3 * calls++);
}

mat source::labels(Index rows, Index cols) {
  if (k == kind::edge) return from_grid(rows, cols, {0.0, 1.0, 0.3}, shift);
  mat m = g.uniform(rows, cols, 0.0, 1.0);
  for (Index i = 0; i < m.size(); ++i) {
    const double c = g.uniform(0, 1);
    if (c < 1.0 / 3) m.data()[i] = 0;
    else if (c < 2.0 / 3) m.data()[i] = 1;
  }
  return m;
}

double fd_step(domain d, double x) {
  switch (d) {
    case domain::nonzero:
    case domain::positive: return fd_h * std::min(1.0, std::abs(x));
    case domain::unit: return fd_h * std::min({1.0, std::abs(x), std::abs(1 - x)});
    case domain::kink: return std::min(fd_h, std::abs(x) / 4);
    case domain::real: break;
  }
  return fd_h;
}

bool fd_skips(domain d, double x) { return !in_domain(d, x) || (d == domain::kink && std::abs(x) < 1e-3); }

mat reduced_abs(const mat& e, Index rows, Index cols) {
  mat a = e.cwiseAbs();
  if (rows == 1 && a.rows() != 1) a = a.colwise().sum().eval();
  if (cols == 1 && a.cols() != 1) a = a.rowwise().sum().eval();
  return a;
}

// ---- ADOL-C ---------------------------------------------------------------------------------------

namespace ad {

namespace {
// log(1 + e) for e in [0, 1]: below 0.01, where 1 + e would round part of e away, the series;
// its 8 terms leave a relative error below e^8 / 9, 1.2e-17.
adouble log1p_small(const adouble& e) {
  if (e.getValue() >= 0.01) return log(1.0 + e);
  adouble r = 0.0, power = e;
  for (int k = 1; k <= 8; ++k) {
    r += (k % 2 == 1 ? 1.0 : -1.0) / k * power;
    power = power * e;
  }
  return r;
}
}  // namespace

adouble sigmoid(const adouble& u) {
  if (u.getValue() >= 0) return 1.0 / (1.0 + exp(-u));
  adouble e = exp(u);
  return e / (1.0 + e);
}

adouble softplus(const adouble& u) {
  if (u.getValue() > 0) return u + log1p_small(exp(-u));
  return log1p_small(exp(u));
}

adouble tanh(const adouble& u) {
  // Near 0, 1 - exp(-2u) cancels: the Taylor series, exact to 1e-22 relative for |u| < 0.01.
  if (std::abs(u.getValue()) < 0.01) {
    const double c[] = {1.0, -1.0 / 3, 2.0 / 15, -17.0 / 315, 62.0 / 2835, -1382.0 / 155925};
    adouble u2 = u * u, r = 0.0, power = u;
    for (double ck : c) {
      r += ck * power;
      power = power * u2;
    }
    return r;
  }
  if (u.getValue() >= 0) {
    adouble e = exp(-2.0 * u);
    return (1.0 - e) / (1.0 + e);
  }
  adouble e = exp(2.0 * u);
  return (e - 1.0) / (e + 1.0);
}

adouble relu(const adouble& u) { return u.getValue() > 0 ? adouble(u) : adouble(0.0); }

adouble step(const adouble& u) { return adouble(u.getValue() > 0 ? 1.0 : 0.0); }

adouble abs(const adouble& u) { return u.getValue() > 0 ? adouble(u) : u.getValue() < 0 ? adouble(-u) : adouble(0.0); }

adouble sign(const adouble& u) { return adouble(u.getValue() > 0 ? 1.0 : u.getValue() < 0 ? -1.0 : 0.0); }

adouble log1p(const adouble& u) {
  if (std::abs(u.getValue()) >= 0.01) return log(1.0 + u);
  adouble r = 0.0, power = u;
  for (int k = 1; k <= 9; ++k) {
    r += (k % 2 == 1 ? 1.0 : -1.0) / k * power;
    power = power * u;
  }
  return r;
}

// The series' 9 terms leave a relative error below 0.01^9 / 10!, far below eps.
adouble expm1(const adouble& u) {
  if (std::abs(u.getValue()) >= 0.01) return exp(u) - 1.0;
  adouble r = 0.0, power = u;
  double factorial = 1;
  for (int k = 1; k <= 9; ++k) {
    factorial *= k;
    r += power / factorial;
    power = power * u;
  }
  return r;
}

adouble maximum(const adouble& u, double c) { return u.getValue() > c ? adouble(u) : adouble(c); }

adouble minimum(const adouble& u, double c) { return u.getValue() < c ? adouble(u) : adouble(c); }

adouble ipow(const adouble& u, int k) {
  if (k < 0) return 1.0 / ipow(u, -k);
  adouble r = 1.0;
  for (int i = 0; i < k; ++i) r = r * u;
  return r;
}

adouble logsumexp(const std::vector<adouble*>& z) {
  std::size_t top = 0;
  for (std::size_t j = 1; j < z.size(); ++j)
    if (z[j]->getValue() > z[top]->getValue()) top = j;
  adouble m = *z[top];
  adouble s = 0.0;
  for (adouble* zj : z) s += exp(*zj - m);
  return m + log(s);
}

}  // namespace ad

double adolc_gradient(const std::vector<double>& xs, const std::vector<std::pair<Index, Index>>& shapes,
                      const adolc_function& ref, std::vector<double>& ga) {
  double fa = 0;
  {
    trace_on(adolc_tag);
    avars av;
    av.reserve(shapes.size());
    std::size_t o = 0;
    for (const auto& [rows, cols] : shapes) {
      av.emplace_back(rows, cols);
      for (adouble& v : av.back().v) v <<= xs[o++];
    }
    adouble y = ref(av);
    y >>= fa;
    trace_off();
  }
  ga.assign(xs.size(), 0.0);
  const int rc = gradient(adolc_tag, static_cast<int>(xs.size()), xs.data(), ga.data());
  BOOST_TEST_REQUIRE(rc >= 0);
  return fa;
}

// ---- comparisons ----------------------------------------------------------------------------------

namespace {

// The worst entry of one comparison: error / allowed, largest first; NaN counts as worst.
double error_ratio(double g, double w, double a) {
  if (g == w) return 0;  // equal numbers, both zero, the same infinity: agreement
  const double r = a > 0 ? std::abs(g - w) / a : std::numeric_limits<double>::infinity();
  return std::isnan(r) ? std::numeric_limits<double>::infinity() : r;
}

struct worst {
  double ratio = 0;
  Index index = -1;
  double got = 0, want = 0, allowed = 0;
  void take(Index i, double g, double w, double a) {
    const double r = error_ratio(g, w, a);
    if (index < 0 || r > ratio) {
      ratio = r;
      index = i;
      got = g;
      want = w;
      allowed = a;
    }
  }
};

double magnitude(double a, double b, double t) { return std::max({std::abs(a), std::abs(b), t}); }

void expect(const point& p, std::string_view var, const char* method, const worst& w, const mat& x0) {
  std::ostringstream s;
  s << std::setprecision(17) << p.law << " at " << p.label << ", d/d" << var << " against " << method << ": entry "
    << w.index << " (x = " << (w.index >= 0 ? x0.data()[w.index] : 0.0) << "): symgrad " << w.got << ", reference "
    << w.want << ", allowed error " << w.allowed << ", error / allowed " << w.ratio;
  BOOST_TEST_INFO(s.str());
  BOOST_TEST(w.ratio <= 1.0);
}

}  // namespace

// ---- known deviations --------------------------------------------------------------------------
// Disagreements found by these tests and traced to their cause (known_deviations.cpp shows
// each on its smallest example, and fails once it no longer occurs). An entry that fails its
// comparison and matches one is counted and logged as a warning with its values, not as an
// error; with SYMGRAD_LAWS_STRICT set in the environment it is an error like any other.

namespace {

struct known_deviation {
  const char* id;
  const char* law;     // the law, or nullptr for any
  const char* var;     // the variable, or nullptr for any
  const char* method;  // the reference, or nullptr for any
  bool (*applies)(double x, double got, double want);
};

const known_deviation known_deviations[] = {
    // sigmoid'(x) = sigmoid(x) % (1 - sigmoid(x)): once sigmoid(x) rounds to 1 (x > 36.7),
    // 1 - sigmoid(x) is 0, where the derivative is about exp(-x) (4.2e-18 at x = 40).
    {"sigmoid-derivative-tail", "sum(w % sigmoid(x))", "x", nullptr,
     [](double x, double got, double want) { return got == 0 && x > 36 && std::abs(want) < 1e-15; }},
    // The same cancellation in (sigmoid(z) - y) / m, the gradient of bce(sigmoid(z), y), at y = 1.
    {"sigmoid-derivative-tail", "bce(sigmoid(z), y)", "z", nullptr,
     [](double x, double got, double want) { return got == 0 && x > 36 && std::abs(want) < 1e-15; }},
    // tanh'(x) = 1 - tanh(x)^2: 0 once tanh(x)^2 rounds to 1 (|x| > 19.1), where the derivative
    // is about 4 exp(-2|x|) (7.2e-35 at |x| = 40).
    {"tanh-derivative-tail", "sum(w % tanh(x))", "x", nullptr,
     [](double x, double got, double want) { return got == 0 && std::abs(x) > 19 && std::abs(want) < 1e-15; }},
    // d bce(sigmoid(z), y) / dy is (softplus(-z) - softplus(z)) / m = -z / m: the difference of
    // two values near log 2 keeps an absolute error of a few eps, so for |z| small it is
    // inexact relative to -z / m (8e-8 relative at z = 1e-10).
    {"bce-label-gradient-cancels", "bce(sigmoid(z), y)", "y", "the derivative by hand",
     [](double, double got, double want) { return std::abs(got - want) < 1e-15; }},
};

bool strict() {
  static const bool s = std::getenv("SYMGRAD_LAWS_STRICT") != nullptr;
  return s;
}

const known_deviation* find_known(const point& p, std::string_view var, const char* method, double x, double got,
                                  double want) {
  for (const known_deviation& k : known_deviations)
    if ((k.law == nullptr || p.law == k.law) && (k.var == nullptr || var == k.var) &&
        (k.method == nullptr || std::string_view(method) == k.method) && k.applies(x, got, want))
      return &k;
  return nullptr;
}

// Takes entry i into w, unless it fails and is a known deviation: then it is counted and
// logged (an error in strict mode).
void judge(worst& w, const point& p, std::string_view var, const char* method, Index i, double x, double got,
           double want, double allowed) {
  if (error_ratio(got, want, allowed) > 1) {
    if (const known_deviation* k = find_known(p, var, method, x, got, want)) {
      ++totals().known[k->id];
      std::ostringstream s;
      s << std::setprecision(17) << "known deviation " << k->id << ": " << p.law << " at " << p.label << ", d/d" << var
        << " against " << method << ": entry " << i << " (x = " << x << "): symgrad " << got << ", reference " << want;
      if (strict()) BOOST_ERROR(s.str());
      else BOOST_WARN_MESSAGE(false, s.str());
      return;
    }
  }
  w.take(i, got, want, allowed);
}

}  // namespace

void compare_value(const point& p, double value, double adolc_value, double terms, const ld* ld_value) {
  tally& t = totals();
  t.laws.insert(p.law);
  ++(p.k == kind::random ? t.random_points : t.edge_points);
  const bool use_ld = !std::isfinite(adolc_value) && ld_value != nullptr;
  const double want = use_ld ? static_cast<double>(*ld_value) : adolc_value;
  std::ostringstream s;
  s << std::setprecision(17) << p.law << " at " << p.label << ": value " << value << ", "
    << (use_ld ? "long double " : "ADOL-C's code ") << want << ", terms " << terms;
  BOOST_TEST_INFO(s.str());
  BOOST_TEST((value == want || std::abs(value - want) <= value_rtol * magnitude(value, want, terms)));
}

void compare_variable(const point& p, std::string_view var, const mat& x0, domain dom, const mat& terms_of,
                      double f_terms, const mat& g, const mat& by_hand, const double* adolc, const ld* ldg,
                      const std::function<double(const mat&)>& value) {
  tally& t = totals();
  ++t.gradients;
  BOOST_TEST_REQUIRE((g.rows() == x0.rows() && g.cols() == x0.cols()));
  BOOST_TEST_REQUIRE((by_hand.rows() == x0.rows() && by_hand.cols() == x0.cols()));
  const Index n = g.size();
  t.entries += static_cast<std::size_t>(n);
  const auto terms = [&](Index i) { return terms_of.size() == 0 ? 0.0 : terms_of.data()[i]; };

  // (b) ADOL-C, or long double where ADOL-C's code is not finite.
  worst wb, wl;
  for (Index i = 0; i < n; ++i) {
    const double a = g.data()[i], r = adolc[i];
    if (std::isfinite(r)) {
      ++t.adolc;
      judge(wb, p, var, "ADOL-C", i, x0.data()[i], a, r, adolc_rtol * magnitude(a, r, terms(i)));
    } else if (r == a) {
      ++t.overflow;  // the same infinity on both sides: an overflow the law states
    } else if (ldg != nullptr) {
      ++t.long_double;
      const auto want = static_cast<double>(ldg[i]);
      judge(wl, p, var, "long double", i, x0.data()[i], a, want, ld_rtol * magnitude(a, want, terms(i)));
    } else wb.take(i, a, r, 0);  // not finite and no other reference: a failure
  }
  // (c) the derivative written by hand, evaluated as written.
  worst wc;
  for (Index i = 0; i < n; ++i) {
    ++t.by_hand;
    judge(wc, p, var, "the derivative by hand", i, x0.data()[i], g.data()[i], by_hand.data()[i],
          hand_rtol * magnitude(g.data()[i], by_hand.data()[i], terms(i)));
  }
  // (a) central differences of eval(stable(f)), the value value_and_grad reports.
  worst wa;
  mat local = x0;
  for (Index i = 0; i < n; ++i) {
    const double xi = x0.data()[i];
    if (fd_skips(dom, xi)) {
      ++t.fd_skipped;
      continue;
    }
    const double h = fd_step(dom, xi);
    double fv[4];
    const double at_h[4] = {2, 1, -1, -2};
    for (int k = 0; k < 4; ++k) {
      local.data()[i] = xi + at_h[k] * h;
      fv[k] = value(local);
    }
    local.data()[i] = xi;
    const double fd = (-fv[0] + 8 * fv[1] - 8 * fv[2] + fv[3]) / (12 * h);
    const double top = std::max({std::abs(fv[0]), std::abs(fv[1]), std::abs(fv[2]), std::abs(fv[3]), f_terms});
    const double a = g.data()[i];
    const double relative = fd_rtol * magnitude(a, fd, terms(i)), noise = fd_floor * top / h;
    ++t.fd;
    if (noise > relative) {
      ++t.fd_noise_limited;
      if (p.k == kind::random) ++t.fd_noise_limited_random;
    }
    judge(wa, p, var, "central differences", i, xi, a, fd, relative + noise);
  }
  expect(p, var, "ADOL-C", wb, x0);
  if (wl.index >= 0) expect(p, var, "long double", wl, x0);
  expect(p, var, "the derivative by hand", wc, x0);
  if (wa.index >= 0) expect(p, var, "central differences", wa, x0);
}

}  // namespace laws
