#include "support.hpp"

#include <algorithm>
#include <cmath>
#include <iomanip>
#include <limits>
#include <sstream>
#include <stdexcept>
#include <string>

namespace rnd {

point from_flat(const std::vector<double>& x) {
  point q;
  std::size_t next = 0;
  const auto take = [&](Eigen::Index rows, Eigen::Index cols) {
    Eigen::MatrixXd e(rows, cols);
    for (Eigen::Index i = 0; i < e.size(); ++i) e.data()[i] = x.at(next++);
    return e;
  };
  q.xa = x.at(next++);
  q.xb = x.at(next++);
  q.xu = take(N, 1);
  q.xv = take(N, 1);
  q.xp = take(M, 1);
  q.xr = take(1, K);
  q.xA = take(M, N);
  q.xB = take(N, K);
  BOOST_TEST_REQUIRE(next == x.size());
  return q;
}

tally& totals() {
  static tally t;
  return t;
}

namespace {

// Prints what was checked once every test has run (shown with --log_level=message).
struct report {
  void setup() {}
  void teardown() {
    const tally& t = totals();
    BOOST_TEST_MESSAGE("random expressions: " << t.expressions << " expressions (of " << generated_expressions
                       << " generated), " << t.gradients << " gradients (of " << generated_gradients << "), "
                       << points().size() << " points each: " << t.points << " expression-points, "
                       << t.gradient_checks << " gradient checks of " << t.entries
                       << " entries, each against a central difference and ADOL-C");
    BOOST_TEST_MESSAGE("largest errors that passed: central differences " << t.fd << " (tolerance " << fd_tolerance
                       << "), ADOL-C " << t.adolc << " (" << adolc_tolerance << "), simplified value "
                       << t.simplified << " (" << value_tolerance << "), ADOL-C value " << t.value << " ("
                       << value_tolerance << ")");
  }
};

}  // namespace

BOOST_TEST_GLOBAL_FIXTURE(report);

namespace {

// Where a variable's entries live in a point, and where they start among the independents.
struct slot {
  const char* name;
  double* data;
  Eigen::Index rows, cols;
  std::size_t offset;
};

slot slot_of(point& q, int variable) {
  switch (variable) {
    case 0: return {"a", &q.xa, 1, 1, 0};
    case 1: return {"b", &q.xb, 1, 1, 1};
    case 2: return {"u", q.xu.data(), N, 1, 2};
    case 3: return {"v", q.xv.data(), N, 1, 2 + N};
    case 4: return {"p", q.xp.data(), M, 1, 2 + 2 * N};
    case 5: return {"r", q.xr.data(), 1, K, 2 + 2 * N + M};
    case 6: return {"A", q.xA.data(), M, N, 2 + 2 * N + M + K};
    case 7: return {"B", q.xB.data(), N, K, 2 + 2 * N + M + K + M * N};
  }
  throw std::logic_error("no such variable");
}

// max |a - b| / max |a|: 0 when both are exactly zero, infinite when only b is not, NaN
// when anything is not finite.
double scaled_error(const Eigen::MatrixXd& a, const Eigen::MatrixXd& b) {
  if (!a.allFinite() || !b.allFinite()) return std::numeric_limits<double>::quiet_NaN();
  const double scale = a.cwiseAbs().maxCoeff();
  const double diff = (a - b).cwiseAbs().maxCoeff();
  if (scale == 0) return diff == 0 ? 0.0 : std::numeric_limits<double>::infinity();
  return diff / scale;
}

// |a - b| / max(|a|, |b|), 0 when both are zero, NaN when either is not finite.
double value_error(double a, double b) {
  if (!std::isfinite(a) || !std::isfinite(b)) return std::numeric_limits<double>::quiet_NaN();
  const double scale = std::max(std::abs(a), std::abs(b));
  return scale == 0 ? 0.0 : std::abs(a - b) / scale;
}

std::string show(const Eigen::MatrixXd& x) {
  std::ostringstream s;
  s << std::setprecision(17) << "[";
  for (Eigen::Index i = 0; i < x.rows(); ++i) {
    s << (i ? "; " : "");
    for (Eigen::Index j = 0; j < x.cols(); ++j) s << (j ? ", " : "") << x(i, j);
  }
  s << "]";
  return s.str();
}

std::string where(const expression_case& c, std::size_t point, const char* variable = nullptr) {
  std::ostringstream s;
  s << "expression " << c.id << " `" << c.text << "` at point " << point;
  if (variable) s << ", gradient with respect to " << variable;
  return s.str();
}

// The fourth-order central difference of f with respect to every entry of the variable at q0.
Eigen::MatrixXd stencil(const expression_case& c, const point& q0, int variable) {
  point q = q0;
  const slot s = slot_of(q, variable);
  Eigen::MatrixXd g(s.rows, s.cols);
  const double h = fd_step;
  for (Eigen::Index i = 0; i < g.size(); ++i) {
    const double x0 = s.data[i];
    const auto f = [&](double t) {
      s.data[i] = x0 + t;
      return c.values(q)[0](0, 0);
    };
    g.data()[i] = (f(-2 * h) - 8 * f(-h) + 8 * f(h) - f(2 * h)) / (12 * h);
    s.data[i] = x0;
  }
  return g;
}

void record(double& largest, double error, double tolerance) {
  if (error <= tolerance) largest = std::max(largest, error);
}

}  // namespace

void check(const expression_case& c) {
  const auto& all = points();
  for (std::size_t i = 0; i < all.size(); ++i) {
    const point& q = all[i];
    const std::vector<Eigen::MatrixXd> values = c.values(q);
    BOOST_TEST_REQUIRE(values.size() == c.variables.size() + 2);
    const double value = values[0](0, 0), simplified = values[1](0, 0);
    const ref::taped taped = ref::tape(c.reference, q.flat(), M, N, K);
    BOOST_CHECK_MESSAGE(std::isfinite(value), where(c, i) << ": the value is " << value);
    const double simplified_error = value_error(value, simplified), adolc_value_error = value_error(value, taped.value);
    BOOST_CHECK_MESSAGE(simplified_error <= value_tolerance,
                        where(c, i) << ": value " << value << " but simplified " << simplified);
    BOOST_CHECK_MESSAGE(adolc_value_error <= value_tolerance,
                        where(c, i) << ": value " << value << " but ADOL-C " << taped.value);
    record(totals().simplified, simplified_error, value_tolerance);
    record(totals().value, adolc_value_error, value_tolerance);
    for (std::size_t j = 0; j < c.variables.size(); ++j) {
      point copy = q;
      const slot s = slot_of(copy, c.variables[j]);
      const Eigen::MatrixXd& analytic = values[j + 2];
      BOOST_TEST_REQUIRE((analytic.rows() == s.rows && analytic.cols() == s.cols),
                         where(c, i, s.name) << ": the gradient is " << analytic.rows() << " x " << analytic.cols());
      const Eigen::MatrixXd numeric = stencil(c, q, c.variables[j]);
      const Eigen::MatrixXd adolc = Eigen::Map<const Eigen::MatrixXd>(taped.gradient.data() + s.offset, s.rows, s.cols);
      const double fd = scaled_error(analytic, numeric), ad = scaled_error(analytic, adolc);
      BOOST_CHECK_MESSAGE(fd <= fd_tolerance, where(c, i, s.name) << ": against central differences, error " << fd
                                                                  << "\n  symgrad " << show(analytic) << "\n  numeric "
                                                                  << show(numeric));
      BOOST_CHECK_MESSAGE(ad <= adolc_tolerance, where(c, i, s.name) << ": against ADOL-C, error " << ad
                                                                     << "\n  symgrad " << show(analytic) << "\n  ADOL-C  "
                                                                     << show(adolc));
      record(totals().fd, fd, fd_tolerance);
      record(totals().adolc, ad, adolc_tolerance);
      totals().gradient_checks += 1;
      totals().entries += static_cast<std::size_t>(analytic.size());
    }
    totals().points += 1;
  }
  totals().expressions += 1;
  totals().gradients += c.variables.size();
}

}  // namespace rnd
