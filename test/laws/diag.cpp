// diag(v): the diagonal matrix alone and as a factor of a product.
#include "laws_support.hpp"

using namespace laws;

namespace {

constexpr auto k = dim<"k">;
constexpr auto n = dim<"n">;
constexpr auto d = vector<"d">(k);
constexpr auto A = matrix<"A">(k, n);
constexpr auto W = matrix<"W">(k, n);
constexpr auto S = matrix<"S">(k, k);
constexpr auto u = vector<"u">(k);
constexpr auto v = vector<"v">(k);

}  // namespace

BOOST_AUTO_TEST_SUITE(laws_diag)

// The gradient is the diagonal of S, written by hand as the row sums of S masked by the identity.
BOOST_AUTO_TEST_CASE(diag_alone) {
  over_points("sum(S % diag(d))", [](const point& pt, source& src, dims sz) {
    const mat dv = src(sz.k, 1), Sv = src.weights(sz.k, sz.k);
    const auto tape = [&](avars& a) {
      adouble s = 0.0;
      for (Index i = 0; i < sz.k; ++i) s += Sv(i, i) * a[0](i);
      return s;
    };
    check_law(pt, sum(S % diag(d)), bind(d = dv, S = Sv), tape, {}, by(d, row_sums(S % eye<dim_t<"k">>{}), dv));
  });
}

BOOST_AUTO_TEST_CASE(diag_times_matrix) {
  over_points("sum(W % (diag(d) A))", [](const point& pt, source& src, dims sz) {
    const mat dv = src(sz.k, 1), Av = src(sz.k, sz.n), Wv = src.weights(sz.k, sz.n);
    const auto tape = [&](avars& a) {
      adouble s = 0.0;
      for (Index i = 0; i < sz.k; ++i)
        for (Index j = 0; j < sz.n; ++j) s += Wv(i, j) * a[0](i) * a[1](i, j);
      return s;
    };
    const mat terms = Wv.cwiseAbs().cwiseProduct(Av.cwiseAbs()).rowwise().sum();
    check_law(pt, sum(W % (diag(d) * A)), bind(d = dv, A = Av, W = Wv), tape, {},
              by(d, row_sums(W % A), dv, domain::real, terms), by(A, W % d, Av));
  });
}

BOOST_AUTO_TEST_CASE(diag_between_vectors) {
  over_points("u^T diag(d) v", [](const point& pt, source& src, dims sz) {
    const mat uv = src(sz.k, 1), dv = src(sz.k, 1), vv = src(sz.k, 1);
    const auto tape = [&](avars& a) {
      adouble s = 0.0;
      for (Index i = 0; i < sz.k; ++i) s += a[0](i) * a[1](i) * a[2](i);
      return s;
    };
    check_law(pt, transpose(u) * diag(d) * v, bind(u = uv, d = dv, v = vv), tape, {}, by(u, d % v, uv),
              by(d, u % v, dv), by(v, u % d, vv));
  });
}

BOOST_AUTO_TEST_SUITE_END()
