// mean, row_means, col_means. The means are squared (or multiplied by another mean) so that
// their adjoint is not constant; each gradient entry is a sum over a row, a column or
// everything: T = the sum of the magnitudes of its terms.
#include "laws_support.hpp"

using namespace laws;

namespace {

constexpr auto k = dim<"k">;
constexpr auto n = dim<"n">;
constexpr auto A = matrix<"A">(k, n);
constexpr auto W = matrix<"W">(k, n);
constexpr auto u = vector<"u">(k);
constexpr auto r = row_vector<"r">(n);
constexpr auto ones_row = ones<shape<unit_dim, dim_t<"n">>>{};  // 1 x n
constexpr auto ones_col = ones<shape<dim_t<"k">, unit_dim>>{};  // k x 1

}  // namespace

BOOST_AUTO_TEST_SUITE(laws_reductions)

BOOST_AUTO_TEST_CASE(mean_of_a_matrix) {
  over_points("mean(A) mean(W % A)", [](const point& p, source& src, dims d) {
    const mat Av = src(d.k, d.n), Wv = src.weights(d.k, d.n);
    const double N = static_cast<double>(Av.size());
    const auto tape = [&](avars& a) {
      adouble s1 = 0.0, s2 = 0.0;
      for (Index i = 0; i < Av.size(); ++i) {
        s1 += a[0].v[static_cast<std::size_t>(i)];
        s2 += Wv.data()[i] * a[0].v[static_cast<std::size_t>(i)];
      }
      return (s1 / N) * (s2 / N);
    };
    const mat terms = (mat::Constant(d.k, d.n, Wv.cwiseProduct(Av).cwiseAbs().sum() / N) +
                       Av.cwiseAbs().sum() / N * Wv.cwiseAbs()) / N;
    check_law(p, mean(A) * mean(W % A), bind(A = Av, W = Wv), tape, {},
              by(A, (mean(W % A) + mean(A) * W) / (k * n), Av, domain::real, terms));
  });
}

BOOST_AUTO_TEST_CASE(row_means_law) {
  over_points("sum(u % row_means(A)^2)", [](const point& p, source& src, dims d) {
    const mat Av = src(d.k, d.n), uv = src.weights(d.k, 1);
    const double cols = static_cast<double>(d.n);
    const auto tape = [&](avars& a) {
      adouble s = 0.0;
      for (Index i = 0; i < d.k; ++i) {
        adouble rs = 0.0;
        for (Index j = 0; j < d.n; ++j) rs += a[0](i, j);
        adouble rm = rs / cols;
        s += uv(i) * rm * rm;
      }
      return s;
    };
    const mat terms = (2 * uv.cwiseAbs().cwiseProduct(Av.cwiseAbs().rowwise().sum()) / (cols * cols)).replicate(1, d.n);
    check_law(p, sum(u % pow(row_means(A), 2_c)), bind(A = Av, u = uv), tape, {},
              by(A, 2_c * (u % row_means(A)) * ones_row / n, Av, domain::real, terms));
  });
}

BOOST_AUTO_TEST_CASE(col_means_law) {
  over_points("sum(r % col_means(A)^2)", [](const point& p, source& src, dims d) {
    const mat Av = src(d.k, d.n), rv = src.weights(1, d.n);
    const double rows = static_cast<double>(d.k);
    const auto tape = [&](avars& a) {
      adouble s = 0.0;
      for (Index j = 0; j < d.n; ++j) {
        adouble cs = 0.0;
        for (Index i = 0; i < d.k; ++i) cs += a[0](i, j);
        adouble cm = cs / rows;
        s += rv(j) * cm * cm;
      }
      return s;
    };
    const mat terms = (2 * rv.cwiseAbs().cwiseProduct(Av.cwiseAbs().colwise().sum()) / (rows * rows)).replicate(d.k, 1);
    check_law(p, sum(r % pow(col_means(A), 2_c)), bind(A = Av, r = rv), tape, {},
              by(A, ones_col * (2_c * r % col_means(A)) / k, Av, domain::real, terms));
  });
}

BOOST_AUTO_TEST_SUITE_END()
