// Evaluation: per-dimension broadcasting (rows over the rows of a matrix, columns over its
// columns, outer), relu and step, logsumexp, eye.
#include <boost/test/unit_test.hpp>

#include <cmath>
#include <limits>

#include <symgrad/calculus/grad.hpp>

#include "support.hpp"

using namespace symgrad;
using eval_test::entrywise;
using eval_test::gaussian;
using eval_test::leaf_t;
using eval_test::max_rel;
using eval_test::product;
using eval_test::rel;

namespace {

constexpr auto M = matrix<"M">(dim<"m">, dim<"k">);
constexpr auto N = matrix<"N">(dim<"m">, dim<"k">);
constexpr auto row = row_vector<"row">(dim<"k">);
constexpr auto col = vector<"col">(dim<"m">);
constexpr auto t = scalar<"t">;
using M_t = leaf_t<decltype(M)>;
using N_t = leaf_t<decltype(N)>;
using row_t = leaf_t<decltype(row)>;
using col_t = leaf_t<decltype(col)>;
using t_t = leaf_t<decltype(t)>;

constexpr double inf = std::numeric_limits<double>::infinity();

// References: a row's entry j and a column's entry i, stretched to rows x cols.
Eigen::MatrixXd stretch_row(const Eigen::MatrixXd& r, Eigen::Index rows) {
  Eigen::MatrixXd o(rows, r.cols());
  for (Eigen::Index j = 0; j < r.cols(); ++j)
    for (Eigen::Index i = 0; i < rows; ++i) o(i, j) = r(0, j);
  return o;
}
Eigen::MatrixXd stretch_col(const Eigen::MatrixXd& c, Eigen::Index cols) {
  Eigen::MatrixXd o(c.rows(), cols);
  for (Eigen::Index j = 0; j < cols; ++j)
    for (Eigen::Index i = 0; i < c.rows(); ++i) o(i, j) = c(i, 0);
  return o;
}

// The values, plain or bound to blocks of a larger matrix: M strided (outer stride 12), row
// a strided row (entries 12 apart), col a column at an offset.
struct data {
  Eigen::MatrixXd big = gaussian(12, 10, 50);
  Eigen::MatrixXd Md = gaussian(7, 3, 51), Nd = gaussian(7, 3, 52), rd = gaussian(1, 3, 53), cd = gaussian(7, 1, 54);
  double td = -0.625;
  auto Mb() const { return big.block(1, 2, 7, 3); }
  auto rb() const { return big.block(10, 1, 1, 3); }
  auto cb() const { return big.block(2, 6, 7, 1); }
};

long double lse_ref(const Eigen::MatrixXd& x) {  // over all entries, in long double
  long double m = -std::numeric_limits<long double>::infinity(), s = 0;
  for (Eigen::Index i = 0; i < x.size(); ++i) m = std::max(m, static_cast<long double>(x.data()[i]));
  for (Eigen::Index i = 0; i < x.size(); ++i) s += std::exp(static_cast<long double>(x.data()[i]) - m);
  return m + std::log(s);
}

}  // namespace

BOOST_AUTO_TEST_SUITE(eval_broadcast)

BOOST_AUTO_TEST_CASE(row_bias) {
  constexpr auto X = matrix<"X">(dim<"m">, dim<"n">);
  constexpr auto W = matrix<"W">(dim<"n">, dim<"k">);
  const Eigen::MatrixXd Xd = gaussian(7, 4, 55), Wd = gaussian(4, 3, 56);
  const data d;
  const Eigen::MatrixXd XW = product(Xd, Wd), R = stretch_row(d.rd, 7);
  const auto bs = bind(X = Xd, W = Wd, row = d.rd);
  const auto [z, zc] = eval_all(bs, X * W + row, row + X * W);
  BOOST_TEST(max_rel(z, XW + R) <= 1e-14);
  BOOST_TEST(max_rel(zc, z) == 0.0);  // commuted: the same kernel
}

BOOST_AUTO_TEST_CASE(rows_and_columns_stretched_both_sides) {
  const data d;
  const Eigen::MatrixXd R = stretch_row(d.rd, 7), C = stretch_col(d.cd, 3), &Md = d.Md;
  const auto bs = bind(M = Md, row = d.rd, col = d.cd);
  const auto add = [](double a, double b) { return a + b; };
  const auto sub = [](double a, double b) { return a - b; };
  const auto mul = [](double a, double b) { return a * b; };
  const auto div = [](double a, double b) { return a / b; };
  // The arithmetic is the reference's: exact. v is the row or the column, V it stretched.
  const auto on_both_sides = [&](auto v, const Eigen::MatrixXd& V) {
    BOOST_TEST_CONTEXT(v.name()) {
      const auto [a, b, c, e, f, g, h, i] = eval_all(bs, M + v, v + M, M - v, v - M, M % v, v % M, M / v, v / M);
      BOOST_TEST(max_rel(a, entrywise(add, Md, V)) == 0.0);
      BOOST_TEST(max_rel(b, entrywise(add, V, Md)) == 0.0);
      BOOST_TEST(max_rel(c, entrywise(sub, Md, V)) == 0.0);
      BOOST_TEST(max_rel(e, entrywise(sub, V, Md)) == 0.0);
      BOOST_TEST(max_rel(f, entrywise(mul, Md, V)) == 0.0);
      BOOST_TEST(max_rel(g, entrywise(mul, V, Md)) == 0.0);
      BOOST_TEST(max_rel(h, entrywise(div, Md, V)) == 0.0);
      BOOST_TEST(max_rel(i, entrywise(div, V, Md)) == 0.0);
    }
  };
  on_both_sides(row, R);
  on_both_sides(col, C);
  // Outer broadcast: m x 1 with 1 x k.
  {
    const auto [a, b, c, e, f] = eval_all(bs, col + row, row + col, col - row, row / col, col % row);
    BOOST_TEST(a.rows() == 7);
    BOOST_TEST(a.cols() == 3);
    BOOST_TEST(max_rel(a, entrywise(add, C, R)) == 0.0);
    BOOST_TEST(max_rel(b, entrywise(add, R, C)) == 0.0);
    BOOST_TEST(max_rel(c, entrywise(sub, C, R)) == 0.0);
    BOOST_TEST(max_rel(e, entrywise(div, R, C)) == 0.0);
    BOOST_TEST(max_rel(f, entrywise(mul, C, R)) == 0.0);
  }
}

// Sums and products of several operands, as the simplifier makes them: the non-scalars in
// order, then the scalars' combination, as the references.
using sum_mrtc = node<op::add, M_t, row_t, t_t, col_t>;
using sum_crtn = node<op::add, col_t, row_t, t_t, N_t, t_t>;  // outer first: copied, then added to
using sum_rc = node<op::add, row_t, col_t, constant<rat{1, 2}>>;
using prod_rmc = node<op::mul, row_t, M_t, col_t, t_t>;
using sum_mnr = node<op::add, M_t, N_t, row_t>;  // two matrices first

void check_sums(const data& d, const Eigen::MatrixXd& Md, const Eigen::MatrixXd& rd, const Eigen::MatrixXd& cd, const auto& bs) {
  const Eigen::MatrixXd R = stretch_row(rd, 7), C = stretch_col(cd, 3);
  const double td = d.td;
  const auto [a, b, c, e, f] = eval_all(bs, sum_mrtc{}, sum_crtn{}, sum_rc{}, prod_rmc{}, sum_mnr{});
  BOOST_TEST(max_rel(a, entrywise([&](double m, double r, double c) { return m + r + c + td; }, Md, R, C)) == 0.0);
  BOOST_TEST(max_rel(b, entrywise([&](double c, double r, double n) { return c + r + n + (td + td); }, C, R, d.Nd)) == 0.0);
  BOOST_TEST(max_rel(c, entrywise([](double r, double c) { return r + c + 0.5; }, R, C)) == 0.0);
  BOOST_TEST(max_rel(e, entrywise([&](double r, double m, double c) { return r * m * c * td; }, R, Md, C)) == 0.0);
  BOOST_TEST(max_rel(f, entrywise([](double m, double n, double r) { return m + n + r; }, Md, d.Nd, R)) == 0.0);
  // Built with operators: binary nodes whose operands have different shapes.
  const auto [g, h] = eval_all(bs, (M + t) % col - row, (col + row) / (t + N));
  BOOST_TEST(max_rel(g, entrywise([&](double m, double c, double r) { return (m + td) * c - r; }, Md, C, R)) == 0.0);
  BOOST_TEST(max_rel(h, entrywise([&](double c, double r, double n) { return (c + r) / (td + n); }, C, R, d.Nd)) == 0.0);
}

BOOST_AUTO_TEST_CASE(nary_mixing_kinds) {
  const data d;
  check_sums(d, d.Md, d.rd, d.cd, bind(M = d.Md, N = d.Nd, row = d.rd, col = d.cd, t = d.td));
}

BOOST_AUTO_TEST_CASE(strided_bindings) {
  const data d;
  const auto bs = bind(M = d.Mb(), N = d.Nd, row = d.rb(), col = d.cb(), t = d.td);
  BOOST_TEST(!std::get<0>(bs.items).owns_copy());
  BOOST_TEST(!std::get<2>(bs.items).owns_copy());
  BOOST_TEST(!std::get<3>(bs.items).owns_copy());
  const Eigen::MatrixXd Mb = d.Mb(), rb = d.rb(), cb = d.cb();
  check_sums(d, Mb, rb, cb, bs);
  const Eigen::MatrixXd R = stretch_row(rb, 7), C = stretch_col(cb, 3);
  const auto [a, b, c, e] = eval_all(bs, row - M, M / col, col % row, row + t);
  BOOST_TEST(max_rel(a, entrywise([](double r, double m) { return r - m; }, R, Mb)) == 0.0);
  BOOST_TEST(max_rel(b, entrywise([](double m, double c) { return m / c; }, Mb, C)) == 0.0);
  BOOST_TEST(max_rel(c, entrywise([](double c, double r) { return c * r; }, C, R)) == 0.0);
  BOOST_TEST(max_rel(e, entrywise([&](double r) { return r + d.td; }, rb)) == 0.0);
  // The row's extent is checked against k, from M.
  const Eigen::MatrixXd wide = gaussian(1, 4, 57), tall = gaussian(2, 3, 58);
  BOOST_CHECK_THROW(symgrad::eval(M + row, bind(M = d.Mb(), row = wide)), dimension_error);
  BOOST_CHECK_THROW(symgrad::eval(M + row, bind(M = d.Mb(), row = tall)), dimension_error);
}

BOOST_AUTO_TEST_CASE(relu_and_step) {
  constexpr auto x = vector<"x">(dim<"m">);
  Eigen::VectorXd xd(7);  // odd: vectorised and scalar tails
  xd << -2.5, -0.0, 0.0, 1e-300, 3.0, -inf, inf;
  const data d;
  const auto bs = bind(x = xd, M = d.Mb(), t = 0.0);
  const auto [r, s, rm, sm, r0, s0, rn, sn] =
      eval_all(bs, relu(x), step(x), relu(M), step(M), relu(t), step(t), relu(t - 1.5_c), step(t + 2_c));
  const double er[] = {0.0, 0.0, 0.0, 1e-300, 3.0, 0.0, inf};
  const double es[] = {0.0, 0.0, 0.0, 1.0, 1.0, 0.0, 1.0};
  for (int i = 0; i < 7; ++i) {
    BOOST_TEST(r(i) == er[i]);
    BOOST_TEST(s(i) == es[i]);
  }
  BOOST_TEST(r0 == 0.0);
  BOOST_TEST(s0 == 0.0);
  BOOST_TEST(rn == 0.0);
  BOOST_TEST(sn == 1.0);
  const Eigen::MatrixXd Mb = d.Mb();
  BOOST_TEST(max_rel(rm, entrywise([](double v) { return v > 0 ? v : 0.0; }, Mb)) == 0.0);
  BOOST_TEST(max_rel(sm, entrywise([](double v) { return v > 0 ? 1.0 : 0.0; }, Mb)) == 0.0);
}

BOOST_AUTO_TEST_CASE(logsumexp_stable) {
  constexpr auto L = matrix<"L">(dim<"m">, dim<"k">);
  constexpr auto x = vector<"x">(dim<"m">);
  Eigen::MatrixXd Ld(5, 6);
  Ld << 1000, 999.5, 1001.25, 998, 1000.75, 1000,    //
      -1000, -999.5, -1001.25, -998, -1000.75, -1000,  //
      1000, -1000, 0.5, 999, -3, 1000,                 //
      0.1, -0.7, 2.3, 1.1, -0.2, 0.4,                  //
      3.5, 3.5, 3.5, 3.5, 3.5, 3.5;
  Eigen::MatrixXd big = Eigen::MatrixXd::Zero(9, 8);
  big.block(2, 1, 5, 6) = Ld;
  const Eigen::VectorXd up = Ld.row(0).transpose(), down = Ld.row(1).transpose(), mixed = Ld.row(2).transpose();
  const auto check_rows = [&](const Eigen::VectorXd& got) {
    BOOST_TEST(got.size() == 5);
    for (Eigen::Index i = 0; i < 5; ++i) {
      const Eigen::MatrixXd r = Ld.row(i);
      BOOST_TEST(rel(got(i), static_cast<double>(lse_ref(r))) <= 1e-15);
    }
  };
  // Per row, plain and strided; a row of a matrix.
  const auto [lp, lb] = eval_all(bind(L = Ld), logsumexp(L), logsumexp(L + 0_c));
  check_rows(lp);
  check_rows(lb);
  const Eigen::VectorXd ls = symgrad::eval(logsumexp(L), bind(L = big.block(2, 1, 5, 6)));
  check_rows(ls);
  // Over a whole vector: a column, a strided row.
  for (const Eigen::VectorXd* v : {&up, &down, &mixed}) {
    BOOST_TEST(rel(symgrad::eval(logsumexp(x), bind(x = *v)), static_cast<double>(lse_ref(*v))) <= 1e-15);
  }
  const Eigen::MatrixXd r2 = Ld.row(2);
  BOOST_TEST(rel(symgrad::eval(logsumexp(row), bind(row = big.block(4, 1, 1, 6))), static_cast<double>(lse_ref(r2))) <= 1e-15);
  BOOST_TEST(symgrad::eval(logsumexp(t), bind(t = 1000.0)) == 1000.0);

  // softmax = exp(L - logsumexp(L)) (a stretched column): finite rows summing to 1. At
  // magnitude 1000, L - logsumexp(L) is exact only to ulp(1000) = 1.1e-13, and so is exp.
  const Eigen::MatrixXd sm = symgrad::eval(softmax(L), bind(L = Ld));
  BOOST_TEST(sm.allFinite());
  for (Eigen::Index i = 0; i < 5; ++i) BOOST_TEST(std::abs(sm.row(i).sum() - 1.0) <= (i < 3 ? 2e-13 : 1e-15));

  // Rows that are not finite: all -inf gives -inf, +inf gives +inf, NaN gives NaN.
  Eigen::MatrixXd E(3, 3);
  E << -inf, -inf, -inf, 1.0, inf, -inf, -inf, std::nan(""), -inf;
  const Eigen::VectorXd le = symgrad::eval(logsumexp(L), bind(L = E));
  BOOST_TEST(le(0) == -inf);
  BOOST_TEST(le(1) == inf);
  BOOST_TEST(std::isnan(le(2)));
  Eigen::VectorXd v(5);  // odd: Eigen's vectorised exp and the scalar tail
  v << -inf, -inf, -inf, -inf, -inf;
  BOOST_TEST(symgrad::eval(logsumexp(x), bind(x = v)) == -inf);
  v(3) = inf;
  BOOST_TEST(symgrad::eval(logsumexp(x), bind(x = v)) == inf);
  v(1) = std::nan("");
  BOOST_TEST(std::isnan(symgrad::eval(logsumexp(x), bind(x = v))));
  v << -inf, -inf, std::nan(""), -inf, -inf;
  BOOST_TEST(std::isnan(symgrad::eval(logsumexp(x), bind(x = v))));
  // No entries: a dimension of extent 0 is refused before any arithmetic.
  BOOST_CHECK_THROW(symgrad::eval(logsumexp(x), bind(x = Eigen::VectorXd(0))), symgrad::dimension_error);
}

// Found by the random-expression tests: simplification must keep the extents a collapsed or
// transposed operand is stretched over.
BOOST_AUTO_TEST_CASE(simplified_broadcast_keeps_extents) {
  constexpr auto x = vector<"x">(dim<"k">);
  const data d;
  const Eigen::VectorXd xd = d.rd.transpose();
  const auto bs = bind(x = xd, M = d.Md);
  // logsumexp over k entries of 0 is log k, whatever the argument cancelled from.
  const auto [lse, lse_s, g] = eval_all(bs, logsumexp(x - x), simplify(logsumexp(x - x)),
                                        grad(sum(log_softmax(x - x) % x), x));
  BOOST_TEST(lse == std::log(3.0));
  BOOST_TEST(lse_s == std::log(3.0));
  BOOST_TEST(max_rel(g, Eigen::VectorXd::Constant(3, -std::log(3.0))) <= 1e-15);
  // x^T stretched over the m = 7 rows of M is summed 7 times.
  const double expected = d.Md.sum() + 7.0 * xd.sum();
  const auto [s, s_s] = eval_all(bs, sum(transpose(x) + M), simplify(sum(transpose(x) + M)));
  BOOST_TEST(rel(s, expected) <= 1e-14);
  BOOST_TEST(rel(s_s, expected) <= 1e-14);
  const Eigen::MatrixXd gx = symgrad::eval(grad(sum(M % (transpose(x) + M)), x), bs);
  BOOST_TEST(max_rel(gx, d.Md.colwise().sum().transpose()) <= 1e-14);
}

BOOST_AUTO_TEST_CASE(identity) {
  using I = eye<dim_t<"m">>;
  const data d;
  const auto bs = bind(col = d.cb(), row = d.rd, t = 2.0);
  const auto [i, diag, rdiag, shifted] = eval_all(bs, I{}, I{} % col, row % eye<dim_t<"k">>{}, I{} - col + t);
  const Eigen::MatrixXd c = d.cb(), R = stretch_row(d.rd, 3), C = stretch_col(c, 7);
  Eigen::MatrixXd id = Eigen::MatrixXd::Zero(7, 7), dc = id, dr = Eigen::MatrixXd::Zero(3, 3);
  for (Eigen::Index j = 0; j < 7; ++j) id(j, j) = 1.0, dc(j, j) = c(j, 0);
  for (Eigen::Index j = 0; j < 3; ++j) dr(j, j) = d.rd(0, j);
  BOOST_TEST(max_rel(i, id) == 0.0);
  BOOST_TEST(max_rel(diag, dc) == 0.0);  // diag(col)
  BOOST_TEST(max_rel(rdiag, dr) == 0.0);
  BOOST_TEST(max_rel(shifted, entrywise([](double e, double x) { return e - x + 2.0; }, id, C)) == 0.0);
  BOOST_TEST(symgrad::eval(eye<unit_dim>{} + t, bs) == 3.0);
}

BOOST_AUTO_TEST_SUITE_END()
