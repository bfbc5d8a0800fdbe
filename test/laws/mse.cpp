// Mean squared error of matrices and of vectors, with respect to both arguments.
#include "laws_support.hpp"

using namespace laws;

namespace {

constexpr auto k = dim<"k">;
constexpr auto n = dim<"n">;
constexpr auto P = matrix<"P">(k, n);
constexpr auto T = matrix<"T">(k, n);
constexpr auto p = vector<"p">(n);
constexpr auto t = vector<"t">(n);

adouble squared_error(avars& v) {
  adouble s = 0.0;
  for (std::size_t i = 0; i < v[0].v.size(); ++i) {
    adouble e = v[0].v[i] - v[1].v[i];
    s += e * e;
  }
  return s / static_cast<double>(v[0].v.size());
}

}  // namespace

BOOST_AUTO_TEST_SUITE(laws_losses)

BOOST_AUTO_TEST_CASE(mse_of_matrices) {
  over_points("mse(P, T)", [](const point& pt, source& src, dims d) {
    const mat Pv = src(d.k, d.n), Tv = src(d.k, d.n);
    check_law(pt, mse(P, T), bind(P = Pv, T = Tv), squared_error, {}, by(P, 2_c * (P - T) / (k * n), Pv),
              by(T, 2_c * (T - P) / (k * n), Tv));
  });
}

BOOST_AUTO_TEST_CASE(mse_of_vectors) {
  over_points("mse(p, t)", [](const point& pt, source& src, dims d) {
    const mat pv = src(d.n, 1), tv = src(d.n, 1);
    check_law(pt, mse(p, t), bind(p = pv, t = tv), squared_error, {}, by(p, 2_c * (p - t) / n, pv),
              by(t, 2_c * (t - p) / n, tv));
  });
}

BOOST_AUTO_TEST_SUITE_END()
