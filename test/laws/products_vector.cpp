// Matrix-vector and dot products. An entry of a product's adjoint is a sum: T = the same
// product of the absolute values.
#include "laws_support.hpp"

using namespace laws;

namespace {

constexpr auto k = dim<"k">;
constexpr auto n = dim<"n">;
constexpr auto A = matrix<"A">(k, n);
constexpr auto x = vector<"x">(n);
constexpr auto y = vector<"y">(n);
constexpr auto u = vector<"u">(k);

mat abs_product(const mat& a, const mat& b) { return a.cwiseAbs() * b.cwiseAbs(); }

}  // namespace

BOOST_AUTO_TEST_SUITE(laws_products)

BOOST_AUTO_TEST_CASE(matrix_vector) {
  over_points("sum(u % (A x))", [](const point& p, source& src, dims d) {
    const mat Av = src(d.k, d.n), xv = src(d.n, 1), uv = src.weights(d.k, 1);
    const auto tape = [&](avars& a) {
      adouble s = 0.0;
      for (Index i = 0; i < d.k; ++i)
        for (Index j = 0; j < d.n; ++j) s += uv(i) * a[0](i, j) * a[1](j);
      return s;
    };
    check_law(p, sum(u % (A * x)), bind(A = Av, x = xv, u = uv), tape, {}, by(A, u * transpose(x), Av),
              by(x, transpose(A) * u, xv, domain::real, abs_product(Av.transpose(), uv)));
  });
}

BOOST_AUTO_TEST_CASE(dot_product) {
  over_points("y^T x", [](const point& p, source& src, dims d) {
    const mat xv = src(d.n, 1), yv = src(d.n, 1);
    const auto tape = [&](avars& a) {
      adouble s = 0.0;
      for (Index j = 0; j < d.n; ++j) s += a[0](j) * a[1](j);
      return s;
    };
    check_law(p, transpose(y) * x, bind(x = xv, y = yv), tape, {}, by(x, y, xv), by(y, x, yv));
  });
}

BOOST_AUTO_TEST_SUITE_END()
