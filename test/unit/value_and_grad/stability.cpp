// Stable by construction: losses written the textbook way (bce of a sigmoid, cross-entropy
// of a softmax) are evaluated by value_and_grad through softplus and log-sum-exp forms that
// the simplifier reaches by itself. Values and gradients are compared with references
// computed in long double from the stable formulas, for logits up to magnitude 1000,
// exactly 0, and labels at 0, 1 and in between.
#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <cmath>
#include <vector>

#include <symgrad/symgrad.hpp>

using namespace symgrad;

namespace {

using ld = long double;

constexpr auto m = dim<"m">;
constexpr auto k = dim<"k">;

ld softplus_ld(ld x) { return std::max(x, ld{0}) + std::log1p(std::exp(-std::abs(x))); }
ld sigmoid_ld(ld x) { return x >= 0 ? 1 / (1 + std::exp(-x)) : std::exp(x) / (1 + std::exp(x)); }

// The edge grid of the logits, both signs.
const std::vector<double> edge_logits = {1000, -1000, 800, -800, 40, -40, 1.3, -1.3, 1e-10, -1e-10, 0, 0.49, 0.99, 1.01};

double rel(double got, ld want) {
  if (got == static_cast<double>(want)) return 0;
  return static_cast<double>(std::abs(static_cast<ld>(got) - want) / std::abs(want));
}

// Entrywise difference relative to the largest reference entry.
double normwise(const Eigen::MatrixXd& got, const std::vector<ld>& want) {
  ld diff = 0, scale = 0;
  for (std::size_t i = 0; i < want.size(); ++i) {
    diff = std::max(diff, std::abs(static_cast<ld>(got.data()[i]) - want[i]));
    scale = std::max(scale, std::abs(want[i]));
  }
  return static_cast<double>(diff / scale);
}

}  // namespace

BOOST_AUTO_TEST_SUITE(stability)

constexpr auto z = vector<"z">(m);
constexpr auto y = vector<"y">(m);

BOOST_AUTO_TEST_CASE(bce_of_sigmoid_at_extreme_logits) {
  constexpr auto loss = bce(sigmoid(z), y);
  for (double label : {0.0, 1.0, 0.3}) {
    for (double sign : {1.0, -1.0}) {
      const auto count = static_cast<Eigen::Index>(edge_logits.size());
      Eigen::VectorXd zd(count), yd = Eigen::VectorXd::Constant(count, label);
      for (Eigen::Index i = 0; i < count; ++i) zd(i) = sign * edge_logits[static_cast<std::size_t>(i)];
      const auto [value, gz] = value_and_grad(loss, wrt(z), bind(z = zd, y = yd));
      ld ref = 0;
      std::vector<ld> gref;
      for (Eigen::Index i = 0; i < count; ++i) {
        const ld zi = zd(i), yi = yd(i);
        ref += yi * softplus_ld(-zi) + (1 - yi) * softplus_ld(zi);
        gref.push_back((sigmoid_ld(zi) - yi) / count);
      }
      ref /= count;
      BOOST_TEST_CONTEXT("label " << label << ", sign " << sign) {
        BOOST_TEST(std::isfinite(value));
        BOOST_TEST(gz.allFinite());
        BOOST_TEST(rel(value, ref) <= 1e-12);
        BOOST_TEST(normwise(gz, gref) <= 1e-12);
      }
    }
  }
}

// Every prediction right and confident: the loss is tiny, and still exact to 1e-12 relative
// (log(sigmoid(z)) as -softplus(-z) keeps what 1 - sigmoid(z) would round away).
BOOST_AUTO_TEST_CASE(bce_when_every_prediction_is_right) {
  constexpr auto loss = bce(sigmoid(z), y);
  for (double margin : {5.0, 20.0, 40.0, 700.0}) {
    Eigen::VectorXd zd(4), yd(4);
    zd << margin, -margin, 2 * margin, -2 * margin;
    yd << 1, 0, 1, 0;
    const auto [value, gz] = value_and_grad(loss, wrt(z), bind(z = zd, y = yd));
    ld ref = 0;
    for (Eigen::Index i = 0; i < 4; ++i) ref += softplus_ld(-std::abs(static_cast<ld>(zd(i))));
    ref /= 4;
    BOOST_TEST_CONTEXT("margin " << margin) {
      BOOST_TEST(value > 0);
      BOOST_TEST(rel(value, ref) <= 1e-12);
    }
  }
}

// Written without any help from the user: log(sigmoid(z)) evaluates at z = -1000, where
// sigmoid(z) itself underflows to 0 and log of it would be -inf.
BOOST_AUTO_TEST_CASE(log_sigmoid_written_out) {
  constexpr auto f = sum(log(sigmoid(z)) + log(1_c - sigmoid(z)));
  Eigen::VectorXd zd(3);
  zd << -1000, 1000, 0;
  const auto [value, gz] = value_and_grad(f, wrt(z), bind(z = zd));
  const ld ref = -softplus_ld(1000) - softplus_ld(-1000) - softplus_ld(-1000) - softplus_ld(1000) - 2 * softplus_ld(0);
  BOOST_TEST(rel(value, ref) <= 1e-12);
  // d/dz = 1 - 2 sigmoid(z)
  BOOST_TEST(gz(0) == 1.0);
  BOOST_TEST(gz(1) == -1.0);
  BOOST_TEST(gz(2) == 0.0);
  // eval evaluates what is written; stable() is the form value_and_grad uses.
  BOOST_TEST(std::isinf(eval(f, bind(z = zd))));
  BOOST_TEST(rel(eval(stable(f), bind(z = zd)), ref) <= 1e-12);
}

// log(1 + exp(u)) and log(1 + r) written out: the value is that of softplus(u) and log1p(r),
// finite at u = 800 and exact for r = 1e-17, where 1 + r rounds to 1.
BOOST_AUTO_TEST_CASE(log_one_plus_written_out) {
  Eigen::VectorXd zd(4);
  zd << 800, -800, 1e-17, 0.5;
  const double soft = std::get<0>(value_and_grad(sum(log(1_c + exp(z))), wrt(z), bind(z = zd)));
  const ld soft_ref = softplus_ld(800) + softplus_ld(-800) + softplus_ld(1e-17L) + softplus_ld(0.5L);
  BOOST_TEST(rel(soft, soft_ref) <= 1e-12);
  BOOST_TEST(std::isinf(eval(sum(log(1_c + exp(z))), bind(z = zd))));
  Eigen::VectorXd rd(2);
  rd << 1e-17, 3e-300;
  const Eigen::VectorXd lp = eval(stable(log(1_c + z)), bind(z = rd));
  BOOST_TEST(lp(0) == 1e-17);
  BOOST_TEST(lp(1) == 3e-300);
  BOOST_TEST(eval(log(1_c + z), bind(z = rd))(0) == 0.0);
}

BOOST_AUTO_TEST_CASE(cross_entropy_of_softmax_at_extreme_logits) {
  constexpr auto Z = matrix<"Z">(m, k);
  constexpr auto Y = matrix<"Y", sums_to_one>(m, k);
  constexpr auto loss = cross_entropy(softmax(Z), Y);
  // Rows of logits from the edge grid, one-hot and soft labels, some predictions wrong.
  const Eigen::Index rows = 8, cols = 3;
  Eigen::MatrixXd Zd(rows, cols), Yd = Eigen::MatrixXd::Zero(rows, cols);
  Zd << 1000, -1000, 0,     //
      -1000, 1000, 800,     //
      0, 0, 0,              //
      40, -40, 1e-10,       //
      -800, -1000, -1000,   //
      1.3, -1.3, 0.49,      //
      0.99, 1.01, -1e-10,   //
      -40, 1000, -800;
  for (Eigen::Index i = 0; i < rows; ++i) Yd(i, (i * 2) % cols) = 1;
  Yd.row(2) << 0.2, 0.3, 0.5;  // a probability row
  Yd.row(5) << 0.0, 0.5, 0.5;
  const auto [value, gZ] = value_and_grad(loss, wrt(Z), bind(Z = Zd, Y = Yd));
  ld ref = 0;
  std::vector<ld> gref(static_cast<std::size_t>(rows * cols));
  for (Eigen::Index i = 0; i < rows; ++i) {
    const ld top = Zd.row(i).maxCoeff();
    ld s = 0;
    for (Eigen::Index j = 0; j < cols; ++j) s += std::exp(static_cast<ld>(Zd(i, j)) - top);
    const ld lse = top + std::log(s);
    for (Eigen::Index j = 0; j < cols; ++j) {
      ref -= Yd(i, j) * (static_cast<ld>(Zd(i, j)) - lse);
      gref[static_cast<std::size_t>(j * rows + i)] = (std::exp(static_cast<ld>(Zd(i, j)) - lse) - Yd(i, j)) / rows;
    }
  }
  ref /= rows;
  BOOST_TEST(std::isfinite(value));
  BOOST_TEST(gZ.allFinite());
  BOOST_TEST(rel(value, ref) <= 1e-12);
  BOOST_TEST(normwise(gZ, gref) <= 1e-12);
}

BOOST_AUTO_TEST_CASE(softplus_and_logsumexp_have_no_kink_at_zero) {
  // Their own derivative rules (sigmoid, softmax) are smooth where the stable kernels branch.
  constexpr auto v = vector<"v">(k);
  Eigen::VectorXd vd = Eigen::VectorXd::Zero(3);
  const auto [sp, gsp] = value_and_grad(sum(softplus(v)), wrt(v), bind(v = vd));
  BOOST_TEST(rel(sp, 3 * std::log(ld{2})) <= 1e-15);
  for (Eigen::Index i = 0; i < 3; ++i) BOOST_TEST(gsp(i) == 0.5);
  const auto [l, gl] = value_and_grad(logsumexp(v), wrt(v), bind(v = vd));
  BOOST_TEST(rel(l, std::log(ld{3})) <= 1e-15);
  for (Eigen::Index i = 0; i < 3; ++i) BOOST_TEST(rel(gl(i), ld{1} / 3) <= 1e-15);
}

BOOST_AUTO_TEST_SUITE_END()
