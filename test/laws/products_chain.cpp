// A chain of three matrix factors, with respect to each. An entry of a product's adjoint is a
// sum: T = the same product of the absolute values.
#include "laws_support.hpp"

using namespace laws;

namespace {

constexpr auto k = dim<"k">;
constexpr auto n = dim<"n">;
constexpr auto p = dim<"p">;
constexpr auto q = dim<"q">;
constexpr auto A = matrix<"A">(k, n);
constexpr auto B = matrix<"B">(n, p);
constexpr auto C = matrix<"C">(p, q);
constexpr auto W3 = matrix<"W">(k, q);

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

BOOST_AUTO_TEST_CASE(chain_of_three) {
  over_points("sum(W % (A B C))", [](const point& pt, source& src, dims d) {
    const mat Av = src(d.k, d.n), Bv = src(d.n, d.p), Cv = src(d.p, d.q), Wv = src.weights(d.k, d.q);
    const auto tape = [&](avars& a) {
      adouble s = 0.0;
      for (Index i = 0; i < d.k; ++i)
        for (Index j = 0; j < d.q; ++j)
          for (Index l = 0; l < d.n; ++l)
            for (Index m = 0; m < d.p; ++m) s += Wv(i, j) * a[0](i, l) * a[1](l, m) * a[2](m, j);
      return s;
    };
    const mat aA = abs_of(Av), aB = abs_of(Bv), aC = abs_of(Cv), aW = abs_of(Wv);
    check_law(pt, sum(W3 % (A * B * C)), bind(A = Av, B = Bv, C = Cv, W3 = Wv), tape, {},
              by(A, W3 * transpose(C) * transpose(B), Av, domain::real,
                 product(product(aW, aC.transpose()), aB.transpose())),
              by(B, transpose(A) * W3 * transpose(C), Bv, domain::real, product(product(aA.transpose(), aW), aC.transpose())),
              by(C, transpose(B) * transpose(A) * W3, Cv, domain::real, product(product(aB.transpose(), aA.transpose()), aW)));
  });
}

BOOST_AUTO_TEST_SUITE_END()
