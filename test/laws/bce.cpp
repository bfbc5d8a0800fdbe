// Binary cross-entropy: of probabilities a (with respect to a and to the labels y), and of
// sigmoid(z) at logits up to +-800, where the definition's own formula is not finite in
// double and a long double reference takes over.
#include <cmath>

#include "laws_support.hpp"

using namespace laws;

namespace {

constexpr auto m = dim<"m">;
constexpr auto a = vector<"a">(m);
constexpr auto y = vector<"y">(m);
constexpr auto z = vector<"z">(m);

ld sigmoid_ld(ld x) { return x >= 0 ? 1 / (1 + std::exp(-x)) : std::exp(x) / (1 + std::exp(x)); }
ld softplus_ld(ld x) { return std::max(x, ld{0}) + std::log1p(std::exp(-std::abs(x))); }

}  // namespace

BOOST_AUTO_TEST_SUITE(laws_losses)

BOOST_AUTO_TEST_CASE(bce_of_probabilities) {
  over_points("bce(a, y)", [](const point& p, source& src, dims d) {
    const mat av = src(d.n, 1, domain::unit), yv = src.labels(d.n, 1);
    const double count = static_cast<double>(d.n);
    const auto tape = [&](avars& v) {
      adouble s = 0.0;
      for (Index i = 0; i < d.n; ++i) s += v[1](i) * log(v[0](i)) + (1.0 - v[1](i)) * log(1.0 - v[0](i));
      return -s / count;
    };
    const mat ta = (yv.cwiseQuotient(av).cwiseAbs() + (1 - yv.array()).matrix().cwiseQuotient((1 - av.array()).matrix()).cwiseAbs()) / count;
    const mat ty = (av.array().log().abs() + (1 - av.array()).log().abs()).matrix() / count;
    check_law(p, bce(a, y), bind(a = av, y = yv), tape, {},
              by(a, -(y / a - (1_c - y) / (1_c - a)) / m, av, domain::unit, ta),
              by(y, -(log(a) - log(1_c - a)) / m, yv, domain::real, ty));
  });
}

// d/dz = (sigmoid(z) - y) / m, d/dy = -z / m (the log-odds of sigmoid(z) is z). ADOL-C tapes
// the definition, -mean(y log(s) + (1 - y) log(1 - s)) with s = sigmoid(z): where s rounds to 0
// or 1 that is not finite, and the long double reference (stable formulas) is used.
BOOST_AUTO_TEST_CASE(bce_of_sigmoid) {
  over_points("bce(sigmoid(z), y)", [](const point& p, source& src, dims d) {
    const mat zv = src(d.n, 1), yv = src.labels(d.n, 1);
    const double count = static_cast<double>(d.n);
    const auto tape = [&](avars& v) {
      adouble s = 0.0;
      for (Index i = 0; i < d.n; ++i) {
        adouble sz = ad::sigmoid(v[0](i));
        s += v[1](i) * log(sz) + (1.0 - v[1](i)) * log(1.0 - sz);
      }
      return -s / count;
    };
    const auto reference = [&] {
      ld_values r{0, {}};
      for (Index i = 0; i < d.n; ++i) {
        const ld zi = zv(i), yi = yv(i);
        r.value += yi * softplus_ld(-zi) + (1 - yi) * softplus_ld(zi);
        r.gradient.push_back((sigmoid_ld(zi) - yi) / count);
      }
      for (Index i = 0; i < d.n; ++i) r.gradient.push_back(-static_cast<ld>(zv(i)) / count);
      r.value /= count;
      return r;
    };
    check_law(p, bce(sigmoid(z), y), bind(z = zv, y = yv), tape, reference, by(z, (sigmoid(z) - y) / m, zv),
              by(y, -z / m, yv));
  });
}

BOOST_AUTO_TEST_SUITE_END()
