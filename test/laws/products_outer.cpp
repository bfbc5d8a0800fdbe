// The outer product u x^T and the bilinear form u^T A x. An entry of a product's adjoint is a
// sum: T = the same product of the absolute values.
#include "laws_support.hpp"

using namespace laws;

namespace {

constexpr auto k = dim<"k">;
constexpr auto n = dim<"n">;
constexpr auto A = matrix<"A">(k, n);
constexpr auto W = matrix<"W">(k, n);
constexpr auto x = vector<"x">(n);
constexpr auto u = vector<"u">(k);

mat abs_product(const mat& a, const mat& b) { return a.cwiseAbs() * b.cwiseAbs(); }

}  // namespace

BOOST_AUTO_TEST_SUITE(laws_products)

BOOST_AUTO_TEST_CASE(outer_product) {
  over_points("sum(W % (u x^T))", [](const point& p, source& src, dims d) {
    const mat uv = src(d.k, 1), xv = src(d.n, 1), Wv = src.weights(d.k, d.n);
    const auto tape = [&](avars& a) {
      adouble s = 0.0;
      for (Index i = 0; i < d.k; ++i)
        for (Index j = 0; j < d.n; ++j) s += Wv(i, j) * a[0](i) * a[1](j);
      return s;
    };
    check_law(p, sum(W % (u * transpose(x))), bind(u = uv, x = xv, W = Wv), tape, {},
              by(u, W * x, uv, domain::real, abs_product(Wv, xv)),
              by(x, transpose(W) * u, xv, domain::real, abs_product(Wv.transpose(), uv)));
  });
}

BOOST_AUTO_TEST_CASE(bilinear_form) {
  over_points("u^T A x", [](const point& p, source& src, dims d) {
    const mat uv = src(d.k, 1), Av = src(d.k, d.n), xv = src(d.n, 1);
    const auto tape = [&](avars& a) {
      adouble s = 0.0;
      for (Index i = 0; i < d.k; ++i)
        for (Index j = 0; j < d.n; ++j) s += a[0](i) * a[1](i, j) * a[2](j);
      return s;
    };
    check_law(p, transpose(u) * A * x, bind(u = uv, A = Av, x = xv), tape, {},
              by(u, A * x, uv, domain::real, abs_product(Av, xv)), by(A, u * transpose(x), Av),
              by(x, transpose(A) * u, xv, domain::real, abs_product(Av.transpose(), uv)));
  });
}

BOOST_AUTO_TEST_SUITE_END()
