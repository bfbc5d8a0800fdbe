// sum, row_sums, col_sums. The sums are squared (or multiplied by another sum) so that their
// adjoint is not constant; each gradient entry is a sum over a row, a column or everything:
// T = the sum of the magnitudes of its terms.
#include "laws_support.hpp"

using namespace laws;

namespace {

constexpr auto k = dim<"k">;
constexpr auto n = dim<"n">;
constexpr auto A = matrix<"A">(k, n);
constexpr auto x = vector<"x">(n);
constexpr auto w = vector<"w">(n);
constexpr auto u = vector<"u">(k);
constexpr auto r = row_vector<"r">(n);
constexpr auto ones_row = ones<shape<unit_dim, dim_t<"n">>>{};  // 1 x n
constexpr auto ones_col = ones<shape<dim_t<"k">, unit_dim>>{};  // k x 1

}  // namespace

BOOST_AUTO_TEST_SUITE(laws_reductions)

BOOST_AUTO_TEST_CASE(sum_of_a_vector) {
  over_points("sum(x) sum(w % x)", [](const point& p, source& src, dims d) {
    const mat xv = src(d.n, 1), wv = src.weights(d.n, 1);
    const auto tape = [&](avars& a) {
      adouble s1 = 0.0, s2 = 0.0;
      for (Index j = 0; j < d.n; ++j) {
        s1 += a[0](j);
        s2 += wv(j) * a[0](j);
      }
      return s1 * s2;
    };
    const mat terms = mat::Constant(d.n, 1, wv.cwiseProduct(xv).cwiseAbs().sum()) + xv.cwiseAbs().sum() * wv.cwiseAbs();
    check_law(p, sum(x) * sum(w % x), bind(x = xv, w = wv), tape, {},
              by(x, sum(w % x) + sum(x) * w, xv, domain::real, terms));
  });
}

BOOST_AUTO_TEST_CASE(row_sums_law) {
  over_points("sum(u % row_sums(A)^2)", [](const point& p, source& src, dims d) {
    const mat Av = src(d.k, d.n), uv = src.weights(d.k, 1);
    const auto tape = [&](avars& a) {
      adouble s = 0.0;
      for (Index i = 0; i < d.k; ++i) {
        adouble rs = 0.0;
        for (Index j = 0; j < d.n; ++j) rs += a[0](i, j);
        s += uv(i) * rs * rs;
      }
      return s;
    };
    const mat terms = (2 * uv.cwiseAbs().cwiseProduct(Av.cwiseAbs().rowwise().sum())).replicate(1, d.n);
    check_law(p, sum(u % pow(row_sums(A), 2_c)), bind(A = Av, u = uv), tape, {},
              by(A, 2_c * (u % row_sums(A)) * ones_row, Av, domain::real, terms));
  });
}

BOOST_AUTO_TEST_CASE(col_sums_law) {
  over_points("sum(r % col_sums(A)^2)", [](const point& p, source& src, dims d) {
    const mat Av = src(d.k, d.n), rv = src.weights(1, d.n);
    const auto tape = [&](avars& a) {
      adouble s = 0.0;
      for (Index j = 0; j < d.n; ++j) {
        adouble cs = 0.0;
        for (Index i = 0; i < d.k; ++i) cs += a[0](i, j);
        s += rv(j) * cs * cs;
      }
      return s;
    };
    const mat terms = (2 * rv.cwiseAbs().cwiseProduct(Av.cwiseAbs().colwise().sum())).replicate(d.k, 1);
    check_law(p, sum(r % pow(col_sums(A), 2_c)), bind(A = Av, r = rv), tape, {},
              by(A, ones_col * (2_c * r % col_sums(A)), Av, domain::real, terms));
  });
}

BOOST_AUTO_TEST_SUITE_END()
