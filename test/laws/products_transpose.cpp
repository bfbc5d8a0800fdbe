// The transpose, alone and inside a product, and unary minus inside a product. An entry of a
// product's adjoint is a sum: T = the same product of the absolute values.
#include "laws_support.hpp"

using namespace laws;

namespace {

constexpr auto k = dim<"k">;
constexpr auto n = dim<"n">;
constexpr auto A = matrix<"A">(k, n);
constexpr auto V = matrix<"V">(n, k);
constexpr auto x = vector<"x">(n);
constexpr auto u = vector<"u">(k);

mat abs_product(const mat& a, const mat& b) { return a.cwiseAbs() * b.cwiseAbs(); }

}  // namespace

BOOST_AUTO_TEST_SUITE(laws_products)

BOOST_AUTO_TEST_CASE(transpose_law) {
  over_points("sum(V % A^T)", [](const point& p, source& src, dims d) {
    const mat Av = src(d.k, d.n), Vv = src.weights(d.n, d.k);
    const auto tape = [&](avars& a) {
      adouble s = 0.0;
      for (Index i = 0; i < d.k; ++i)
        for (Index j = 0; j < d.n; ++j) s += Vv(j, i) * a[0](i, j);
      return s;
    };
    check_law(p, sum(V % transpose(A)), bind(A = Av, V = Vv), tape, {}, by(A, transpose(V), Av));
  });
}

BOOST_AUTO_TEST_CASE(transpose_in_a_product) {
  over_points("sum(x % (A^T u))", [](const point& p, source& src, dims d) {
    const mat Av = src(d.k, d.n), uv = src(d.k, 1), xv = src.weights(d.n, 1);
    const auto tape = [&](avars& a) {
      adouble s = 0.0;
      for (Index j = 0; j < d.n; ++j)
        for (Index i = 0; i < d.k; ++i) s += xv(j) * a[0](i, j) * a[1](i);
      return s;
    };
    check_law(p, sum(x % (transpose(A) * u)), bind(A = Av, u = uv, x = xv), tape, {}, by(A, u * transpose(x), Av),
              by(u, A * x, uv, domain::real, abs_product(Av, xv)));
  });
}

BOOST_AUTO_TEST_CASE(negation_in_a_product) {
  over_points("sum(u % (-A x))", [](const point& p, source& src, dims d) {
    const mat Av = src(d.k, d.n), xv = src(d.n, 1), uv = src.weights(d.k, 1);
    const auto tape = [&](avars& a) {
      adouble s = 0.0;
      for (Index i = 0; i < d.k; ++i)
        for (Index j = 0; j < d.n; ++j) s += uv(i) * (-a[0](i, j)) * a[1](j);
      return s;
    };
    check_law(p, sum(u % (-A * x)), bind(A = Av, x = xv, u = uv), tape, {}, by(A, -(u * transpose(x)), Av),
              by(x, -(transpose(A) * u), xv, domain::real, abs_product(Av.transpose(), uv)));
  });
}

BOOST_AUTO_TEST_SUITE_END()
