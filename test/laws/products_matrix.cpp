// Matrix-matrix products. An entry of a product's adjoint is a sum: T = the same product of
// the absolute values.
#include "laws_support.hpp"

using namespace laws;

namespace {

constexpr auto k = dim<"k">;
constexpr auto n = dim<"n">;
constexpr auto p = dim<"p">;
constexpr auto A = matrix<"A">(k, n);
constexpr auto B = matrix<"B">(n, p);
constexpr auto W = matrix<"W">(k, p);

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

BOOST_AUTO_TEST_CASE(matrix_matrix) {
  over_points("sum(W % (A B))", [](const point& pt, source& src, dims d) {
    const mat Av = src(d.k, d.n), Bv = src(d.n, d.p), Wv = src.weights(d.k, d.p);
    const auto tape = [&](avars& a) {
      adouble s = 0.0;
      for (Index i = 0; i < d.k; ++i)
        for (Index j = 0; j < d.p; ++j)
          for (Index l = 0; l < d.n; ++l) s += Wv(i, j) * a[0](i, l) * a[1](l, j);
      return s;
    };
    check_law(pt, sum(W % (A * B)), bind(A = Av, B = Bv, W = Wv), tape, {},
              by(A, W * transpose(B), Av, domain::real, product(abs_of(Wv), abs_of(Bv).transpose())),
              by(B, transpose(A) * W, Bv, domain::real, product(abs_of(Av).transpose(), abs_of(Wv))));
  });
}

BOOST_AUTO_TEST_SUITE_END()
