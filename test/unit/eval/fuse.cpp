// Fusion (eval/plan/fuse.hpp): elementwise chains read by one term are computed inside its
// loop, not stored; shared terms and products are stored (the plans: test/static/plan_fuse.cpp).
// Fused and stored evaluation give the same values, with broadcast, strided and scalar leaves,
// every built-in function, powers, sums and means.
#include <boost/test/unit_test.hpp>

#include <cmath>
#include <limits>

#include <symgrad/eval/evaluator.hpp>
#include <symgrad/value_and_grad.hpp>

#include "../../support/regions.hpp"
#include "support.hpp"

using namespace symgrad;
using namespace regions;
using eval_test::entrywise;
using eval_test::gaussian;
using eval_test::max_rel;
using eval_test::rel;

namespace {

struct data {
  Eigen::MatrixXd Zd = gaussian(37, 5, 40), Vd = gaussian(37, 5, 41);
  Eigen::VectorXd cd = gaussian(37, 1, 42).col(0);
  Eigen::MatrixXd rd = gaussian(1, 5, 43);
  double sd = 0.7;
  auto bindings() const { return bind(Z = Zd, V = Vd, c = cd, r = rd, s = sd); }
};

}  // namespace

BOOST_AUTO_TEST_SUITE(eval_fuse)

// What is stored (test/static/plan_fuse.cpp) is what is computed: of sum(sigmoid(X w + b)),
// X w (a product) is stored, X w + b and the sigmoid computed in the sum's loop.
BOOST_AUTO_TEST_CASE(chains_read_once_are_not_stored) {
  using eval_test::b;
  using eval_test::w;
  using eval_test::X;
  constexpr auto f = sum(sigmoid(X * w + b));

  // subterm_evaluations counts the stored terms computed.
  const eval_test::logistic_data d;
  auto& counter = eval_detail::subterm_evaluations;
  const auto before = counter;
  const double fv = symgrad::eval(f, bind(X = d.Xd, w = d.wd, b = d.bd));
  BOOST_TEST(counter - before == 2u);
  const Eigen::ArrayXd zd = (d.Xd * d.wd).array() + d.bd;
  BOOST_TEST(rel(fv, (1 / (1 + (-zd).exp())).sum()) <= 1e-14);
}

// Broadcast leaves inside a region: a stretched row, a stretched column, a scalar.
BOOST_AUTO_TEST_CASE(broadcast_leaves) {
  const data d;
  constexpr auto e = exp(Z + r) % (V - c) / s;  // one region
  const Eigen::MatrixXd got = symgrad::eval(e, d.bindings());
  Eigen::MatrixXd want(37, 5);
  for (Eigen::Index j = 0; j < 5; ++j)
    for (Eigen::Index i = 0; i < 37; ++i)
      want(i, j) = std::exp(d.Zd(i, j) + d.rd(0, j)) * (d.Vd(i, j) - d.cd(i)) / d.sd;
  BOOST_TEST(max_rel(got, want) <= 1e-15);
}

// Operands bound to blocks of larger matrices: the region runs column by column.
BOOST_AUTO_TEST_CASE(strided_leaves) {
  const Eigen::MatrixXd big = gaussian(50, 9, 44), other = gaussian(41, 7, 45);
  const auto Zb = big.block(3, 2, 37, 5);
  const auto Vb = other.block(1, 1, 37, 5);
  const Eigen::MatrixXd Zd = Zb, Vd = Vb;
  constexpr auto e = sigmoid(Z % V) + Z;
  constexpr auto total = sum(tanh(Z - V) % V);
  const auto [gs, ts] = eval_all(bind(Z = Zb, V = Vb), e, total);
  const auto [gc, tc] = eval_all(bind(Z = Zd, V = Vd), e, total);
  const Eigen::MatrixXd want =
      entrywise([](double a, double v) { return 1 / (1 + std::exp(-a * v)) + a; }, Zd, Vd);
  double tw = 0;
  for (Eigen::Index i = 0; i < Zd.size(); ++i) tw += std::tanh(Zd.data()[i] - Vd.data()[i]) * Vd.data()[i];
  BOOST_TEST(max_rel(gs, want) <= 1e-15);
  BOOST_TEST(max_rel(gc, want) <= 1e-15);
  BOOST_TEST(rel(ts, tw) <= 1e-13);
  BOOST_TEST(rel(tc, tw) <= 1e-13);
}

// Every built-in function and the powers inside a region against the scalar kernel (fn),
// at lengths that leave a tail after the packets; a region and the same terms stored agree.
BOOST_AUTO_TEST_CASE(functions_and_powers) {
  constexpr auto u = vector<"u">(m);
  for (Eigen::Index n : {1, 2, 3, 17}) {
    Eigen::VectorXd ud = 0.3 * gaussian(n, 1, 46 + static_cast<unsigned>(n)).col(0);
    ud(0) = 0.0;
    const auto bs = bind(u = ud);
    const auto check = [&](auto e, auto f, const char* name) {
      const Eigen::VectorXd got = symgrad::eval(e, bs);
      for (Eigen::Index i = 0; i < n; ++i) {
        const double want = f(ud(i));
        BOOST_TEST(std::abs(got(i) - want) <= 4e-16 * std::max(1.0, std::abs(want)), name << " at " << ud(i));
      }
    };
    using eval_detail::fn;
    check(exp(u + 1_c), [](double x) { return std::exp(x + 1); }, "exp");
    check(log(u % u + 1_c), [](double x) { return std::log(x * x + 1); }, "log");
    check(sin(2_c * u), [](double x) { return std::sin(2 * x); }, "sin");
    check(cos(2_c * u), [](double x) { return std::cos(2 * x); }, "cos");
    check(tanh(2_c * u), [](double x) { return std::tanh(2 * x); }, "tanh");
    check(sigmoid(4_c * u), [](double x) { return fn(op::sigmoid{}, 4 * x); }, "sigmoid");
    check(softplus(4_c * u), [](double x) { return fn(op::softplus{}, 4 * x); }, "softplus");
    check(relu(u - 0.1_c), [](double x) { return std::max(x - 0.1, 0.0); }, "relu");
    check(step(u - 0.1_c), [](double x) { return x - 0.1 > 0 ? 1.0 : 0.0; }, "step");
    check(pow(u + 2_c, 0.5_c), [](double x) { return std::sqrt(x + 2); }, "sqrt");
    check(pow(u + 2_c, -0.5_c), [](double x) { return 1 / std::sqrt(x + 2); }, "rsqrt");
    check(pow(u + 2_c, -1_c), [](double x) { return 1 / (x + 2); }, "inverse");
    check(pow(u + 2_c, 3_c), [](double x) { return (x + 2) * (x + 2) * (x + 2); }, "cube");
    check(pow(u + 2_c, 5_c), [](double x) { return eval_detail::int_pow(x + 2, 5); }, "fifth power");
    check(pow(u + 2_c, 1.5_c), [](double x) { return std::pow(x + 2, 1.5); }, "power 3/2");
  }
}

// Sums of more than two terms, differences and quotients keep their order of operands.
BOOST_AUTO_TEST_CASE(nary_and_noncommutative) {
  const data d;
  constexpr auto e = (Z - V) / (V % V + 1_c) + exp(Z) + c - s;  // one region
  const Eigen::MatrixXd got = symgrad::eval(e, d.bindings());
  Eigen::MatrixXd want(37, 5);
  for (Eigen::Index j = 0; j < 5; ++j)
    for (Eigen::Index i = 0; i < 37; ++i) {
      const double z = d.Zd(i, j), v = d.Vd(i, j);
      want(i, j) = (z - v) / (v * v + 1) + std::exp(z) + d.cd(i) - d.sd;
    }
  BOOST_TEST(max_rel(got, want) <= 1e-15);
}

// Sums and means of a region, whole and, on data larger than a cache, in blocks of rows.
BOOST_AUTO_TEST_CASE(reductions) {
  for (Eigen::Index rows : {Eigen::Index{37}, Eigen::Index{60001}}) {
    const Eigen::MatrixXd Zd = gaussian(rows, 5, 47), Vd = gaussian(rows, 5, 48);
    const auto bs = bind(Z = Zd, V = Vd);
    auto f = compile(mean(softplus(Z) % V), sum(exp(Z - V)), transpose(Z) * relu(V));  // a product: may stream
    const auto before = eval_detail::streamed_evaluations;
    const auto [mv, sv, pv] = f(bs);
    BOOST_TEST((eval_detail::streamed_evaluations - before == (rows > 40000 ? 1u : 0u)));
    long double mw = 0, sw = 0;
    for (Eigen::Index i = 0; i < Zd.size(); ++i) {
      mw += eval_detail::fn(op::softplus{}, Zd.data()[i]) * Vd.data()[i];
      sw += std::exp(Zd.data()[i] - Vd.data()[i]);
    }
    mw /= static_cast<long double>(Zd.size());
    BOOST_TEST(std::abs(mv - static_cast<double>(mw)) <= 1e-13, "mean at " << rows << " rows");
    BOOST_TEST(rel(sv, static_cast<double>(sw)) <= 1e-13, "sum at " << rows << " rows");
    const Eigen::MatrixXd pw = Zd.transpose() * Vd.cwiseMax(0.0);
    BOOST_TEST(max_rel(pv, pw) <= 1e-13);
  }
}

// Sums and means that read a stored region and its leaves are computed in its loop (they
// ride on it, test/static/plan_fuse.cpp): broadcast and strided leaves, a tail after the
// packets, whole and in blocks of rows, in double and float.
BOOST_AUTO_TEST_CASE(riders) {
  constexpr auto h = exp(Z + r) % (V - c) / s;  // stored: read by three terms
  constexpr auto total = sum(h);
  constexpr auto spread = mean(h % V + c);
  constexpr auto other = sum(h % h);
  using plan = eval_detail::plan<decltype(transpose(Z) * h), decltype(total), decltype(spread), decltype(other)>;
  using eval_detail::computed_by;
  static_assert(plan::fusion::way_v<plan::root_t<decltype(total)>> == computed_by::host &&
                plan::fusion::way_v<plan::root_t<decltype(spread)>> == computed_by::host &&
                plan::fusion::way_v<plan::root_t<decltype(other)>> == computed_by::host);
  for (Eigen::Index rows : {Eigen::Index{37}, Eigen::Index{60001}}) {
    const Eigen::MatrixXd big = gaussian(rows + 3, 7, 49);
    const auto Zb = big.block(2, 1, rows, 5);  // strided
    const Eigen::MatrixXd Zd = Zb, Vd = 0.5 * gaussian(rows, 5, 50);
    const Eigen::VectorXd cd = gaussian(rows, 1, 51).col(0);
    const Eigen::MatrixXd rd = gaussian(1, 5, 52);
    const double sd = 0.7;
    Eigen::MatrixXd hd(rows, 5);
    long double tw = 0, mw = 0, ow = 0;
    for (Eigen::Index j = 0; j < 5; ++j)
      for (Eigen::Index i = 0; i < rows; ++i) {
        hd(i, j) = std::exp(Zd(i, j) + rd(0, j)) * (Vd(i, j) - cd(i)) / sd;
        tw += hd(i, j);
        mw += hd(i, j) * Vd(i, j) + cd(i);
        ow += hd(i, j) * hd(i, j);
      }
    mw /= static_cast<long double>(hd.size());
    const Eigen::MatrixXd pw = Zd.transpose() * hd;
    auto f = compile(transpose(Z) * h, total, spread, other);  // without a result of m rows: may stream
    for (bool strided : {true, false}) {
      const auto before = eval_detail::streamed_evaluations;
      const auto [pv, tv, mv, ov] = strided ? f(bind(Z = Zb, V = Vd, c = cd, r = rd, s = sd))
                                            : f(bind(Z = Zd, V = Vd, c = cd, r = rd, s = sd));
      BOOST_TEST((eval_detail::streamed_evaluations - before == (rows > 40000 ? 1u : 0u)));
      BOOST_TEST(max_rel(pv, pw) <= 1e-13);
      BOOST_TEST(rel(tv, static_cast<double>(tw)) <= 1e-12, "sum at " << rows << " rows");
      BOOST_TEST(rel(mv, static_cast<double>(mw)) <= 1e-12, "mean at " << rows << " rows");
      BOOST_TEST(rel(ov, static_cast<double>(ow)) <= 1e-13, "sum of squares at " << rows << " rows");
    }
    const auto [tf, mf] = eval_all(bind(Z = Zd.cast<float>().eval(), V = Vd.cast<float>().eval(), c = cd.cast<float>().eval(),
                                        r = rd.cast<float>().eval(), s = static_cast<float>(sd)),
                                   total, spread);
    BOOST_TEST(std::abs(tf - static_cast<float>(tw)) <= 1e-4f * std::sqrt(static_cast<float>(rows)) * 5);
    BOOST_TEST(std::abs(mf - static_cast<float>(mw)) <= 1e-4f);
  }
}

// A contiguous host (one loop over all its entries, then a tail) that is a result and absorbs
// nothing: before, it had a step of its own.
BOOST_AUTO_TEST_CASE(riders_on_a_contiguous_result) {
  const data d;  // 37 x 5: 185 entries, odd
  constexpr auto g = Z % V;
  constexpr auto total = sum(g);
  constexpr auto scaled = mean(g % Z - V);  // a scalar leaf (s) would not ride: not a leaf of g
  using plan = eval_detail::plan<decltype(g), decltype(total), decltype(scaled)>;
  using eval_detail::computed_by;
  static_assert(plan::fusion::way_v<plan::root_t<decltype(g)>> == computed_by::region &&
                plan::fusion::way_v<plan::root_t<decltype(total)>> == computed_by::host &&
                plan::fusion::way_v<plan::root_t<decltype(scaled)>> == computed_by::host);
  const auto [gv, tv, mv] = eval_all(d.bindings(), g, total, scaled);
  const Eigen::MatrixXd gw = d.Zd.cwiseProduct(d.Vd);
  long double tw = 0, mw = 0;
  for (Eigen::Index i = 0; i < gw.size(); ++i) {
    tw += gw.data()[i];
    mw += gw.data()[i] * d.Zd.data()[i] - d.Vd.data()[i];
  }
  mw /= static_cast<long double>(gw.size());
  BOOST_TEST(max_rel(gv, gw) == 0.0);
  BOOST_TEST(rel(tv, static_cast<double>(tw)) <= 1e-13);
  BOOST_TEST(rel(mv, static_cast<double>(mw)) <= 1e-13);
}

// exp underflows to 0 in every lane (Eigen's vectorised exp alone gives 5.6e-309 below
// -709.78); eight entries fill the packets of any x86 vector width.
BOOST_AUTO_TEST_CASE(exp_underflows_to_zero) {
  constexpr auto u = vector<"u">(m);
  const Eigen::VectorXd ud = Eigen::VectorXd::Constant(9, -800.0);
  const auto [e, f] = eval_all(bind(u = ud, s = 0.0), exp(u), exp(u + s) + s);
  for (Eigen::Index i = 0; i < 9; ++i) {
    BOOST_TEST(e(i) == 0.0);
    BOOST_TEST(f(i) == 0.0);
  }
}

// NaN and infinities pass through a region as through the stored terms.
BOOST_AUTO_TEST_CASE(special_values) {
  constexpr auto u = vector<"u">(m);
  constexpr double inf = std::numeric_limits<double>::infinity();
  Eigen::VectorXd ud(6);
  ud << std::nan(""), inf, -inf, 0.0, -0.0, 3.0;
  // s = 0: u + s and x + s are u and x; the second pair is one region each.
  const auto [a, b, fa, fb] = eval_all(bind(u = ud, s = 0.0), sigmoid(u), relu(u), sigmoid(u + s) + s, relu(u + s) + s);
  for (Eigen::Index i = 0; i < ud.size(); ++i) {
    BOOST_TEST((std::isnan(a(i)) == std::isnan(fa(i))), "sigmoid at " << ud(i));
    if (!std::isnan(a(i))) BOOST_TEST(a(i) == fa(i), "sigmoid at " << ud(i));
    BOOST_TEST((std::isnan(b(i)) == std::isnan(fb(i))), "relu at " << ud(i));
    if (!std::isnan(b(i))) BOOST_TEST(b(i) == fb(i), "relu at " << ud(i));
  }
  BOOST_TEST(std::isnan(a(0)));
  BOOST_TEST(a(1) == 1.0);
  BOOST_TEST(a(2) == 0.0);
  BOOST_TEST(a(3) == 0.5);
}

BOOST_AUTO_TEST_SUITE_END()
