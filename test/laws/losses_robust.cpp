// Hinge, Huber, Poisson and the L1 penalty, with respect to every argument they are
// differentiable in.
#include <algorithm>
#include <cmath>

#include "laws_support.hpp"

using namespace laws;

namespace {

constexpr auto n = dim<"n">;
constexpr auto z = vector<"z">(n);
constexpr auto y = vector<"y">(n);
constexpr auto p = vector<"p">(n);
constexpr auto t = vector<"t">(n);
constexpr auto delta = scalar<"delta">;

// 0.75 is no difference of two values of the edge grid, so no residual sits on a kink.
constexpr double huber_delta = 0.75;

}  // namespace

BOOST_AUTO_TEST_SUITE(laws_losses)

// Labels -1 and 1 (the signs of random weights); kinks where y z = 1, away from every point.
BOOST_AUTO_TEST_CASE(hinge_of_scores) {
  over_points("hinge(z, y)", [](const point& pt, source& src, dims d) {
    const mat zv = src(d.n, 1), yv = src.weights(d.n, 1).array().sign().matrix();
    const double count = static_cast<double>(d.n);
    const auto tape = [&](avars& v) {
      adouble s = 0.0;
      for (Index i = 0; i < d.n; ++i) s += ad::relu(1.0 - yv(i) * v[0](i));
      return s / count;
    };
    check_law(pt, hinge(z, y), bind(z = zv, y = yv), tape, {}, by(z, -(y % step(1_c - y % z)) / n, zv));
  });
}

// With respect to the predictions, the targets and the threshold (a scalar variable): the
// residual clipped at +-delta, and the excess of |r| over delta.
BOOST_AUTO_TEST_CASE(huber_with_variable_threshold) {
  over_points("huber(p, t, delta)", [](const point& pt, source& src, dims d) {
    const mat pv = src(d.n, 1), tv = src(d.n, 1), dv = as_mat(huber_delta);
    const double count = static_cast<double>(d.n);
    const auto tape = [&](avars& v) {
      adouble s = 0.0;
      for (Index i = 0; i < d.n; ++i) {
        adouble r = v[0](i) - v[1](i), dl = v[2](0);
        s += std::abs(r.getValue()) <= huber_delta ? adouble(0.5 * r * r) : adouble(dl * (ad::abs(r) - 0.5 * dl));
      }
      return s / count;
    };
    const auto at = bind(p = pv, t = tv, delta = huber_delta);
    const mat td = (((pv - tv).cwiseAbs().array() - huber_delta).max(0.0)).matrix().colwise().sum() / count;
    check_law(pt, huber(p, t, delta), at, tape, {}, by(p, clip(p - t, -delta, delta) / n, pv),
              by(t, -clip(p - t, -delta, delta) / n, tv), by(delta, sum(relu(abs(p - t) - delta)) / n, dv, domain::positive, td));
  });
}

// Log-rates up to 40 (exp(800) overflows); counts are the labels source (0, 1 and between).
BOOST_AUTO_TEST_CASE(poisson_of_log_rates) {
  over_points("poisson_nll(z, y)", [](const point& pt, source& src, dims d) {
    const mat zv = src(d.n, 1).cwiseMin(40.0), yv = src.labels(d.n, 1);
    const double count = static_cast<double>(d.n);
    const auto tape = [&](avars& v) {
      adouble s = 0.0;
      for (Index i = 0; i < d.n; ++i) s += exp(v[0](i)) - v[1](i) * v[0](i);
      return s / count;
    };
    const mat ty = zv.cwiseAbs() / count;
    check_law(pt, poisson_nll(z, y), bind(z = zv, y = yv), tape, {}, by(z, (exp(z) - y) / n, zv),
              by(y, -z / n, yv, domain::real, ty));
  });
}

BOOST_AUTO_TEST_CASE(l1_penalty) {
  over_points("l1_norm(z)", [](const point& pt, source& src, dims d) {
    const mat zv = src(d.n, 1, domain::kink);
    const auto tape = [&](avars& v) {
      adouble s = 0.0;
      for (Index i = 0; i < d.n; ++i) s += ad::abs(v[0](i));
      return s;
    };
    check_law(pt, l1_norm(z), bind(z = zv), tape, {}, by(z, sign(z), zv, domain::kink));
  });
}

BOOST_AUTO_TEST_SUITE_END()
