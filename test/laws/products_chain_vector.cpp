// A chain of two matrices and a vector, with respect to each factor. An entry of a product's
// adjoint is a sum: T = the same product of the absolute values.
#include "laws_support.hpp"

using namespace laws;

namespace {

constexpr auto k = dim<"k">;
constexpr auto n = dim<"n">;
constexpr auto p = dim<"p">;
constexpr auto A = matrix<"A">(k, n);
constexpr auto B = matrix<"B">(n, p);
constexpr auto u = vector<"u">(k);
constexpr auto z = vector<"z">(p);

mat product(const mat& a, const mat& b) {
  mat r = mat::Zero(a.rows(), b.cols());
  for (Index j = 0; j < b.cols(); ++j)
    for (Index l = 0; l < a.cols(); ++l)
      for (Index i = 0; i < a.rows(); ++i) r(i, j) += a(i, l) * b(l, j);
  return r;
}
mat abs_of(const mat& a) { return a.cwiseAbs(); }

}  // namespace

BOOST_AUTO_TEST_SUITE(laws_products)

BOOST_AUTO_TEST_CASE(chain_ending_in_a_vector) {
  over_points("sum(u % (A B z))", [](const point& pt, source& src, dims d) {
    const mat Av = src(d.k, d.n), Bv = src(d.n, d.p), zv = src(d.p, 1), uv = src.weights(d.k, 1);
    const auto tape = [&](avars& a) {
      adouble s = 0.0;
      for (Index i = 0; i < d.k; ++i)
        for (Index l = 0; l < d.n; ++l)
          for (Index m = 0; m < d.p; ++m) s += uv(i) * a[0](i, l) * a[1](l, m) * a[2](m);
      return s;
    };
    const mat aA = abs_of(Av), aB = abs_of(Bv), az = abs_of(zv), au = abs_of(uv);
    check_law(pt, sum(u % (A * B * z)), bind(A = Av, B = Bv, z = zv, u = uv), tape, {},
              by(A, u * transpose(B * z), Av, domain::real, product(au, product(aB, az).transpose())),
              by(B, transpose(A) * u * transpose(z), Bv, domain::real, product(product(aA.transpose(), au), az.transpose())),
              by(z, transpose(B) * transpose(A) * u, zv, domain::real, product(aB.transpose(), product(aA.transpose(), au))));
  });
}

BOOST_AUTO_TEST_SUITE_END()
