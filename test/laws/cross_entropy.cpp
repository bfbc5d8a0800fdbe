// cross_entropy(P, Y) of probabilities, and of a softmax with and without the sums_to_one
// property of the labels (with it, the gradient simplifies to (softmax(Z) - Y) / k).
#include "class_axis.hpp"

using namespace laws;

namespace {

constexpr auto k = ca_k;
constexpr auto P = matrix<"P">(ca_k, ca_n);
constexpr auto Y = matrix<"Y">(ca_k, ca_n);
constexpr auto Ys = matrix<"Y", sums_to_one>(ca_k, ca_n);
constexpr auto ys = vector<"y", sums_to_one>(ca_n);

// -sum(Y % log_softmax(Z)) / rows in adouble code.
adouble softmax_cross_entropy(amat& z, const mat& y, bool vector) {
  adouble s = 0.0;
  const Index rows = vector ? 1 : z.rows, cols = vector ? z.rows : z.cols;
  for (Index i = 0; i < rows; ++i) {
    adouble lse = row_logsumexp(z, i, vector);
    for (Index j = 0; j < cols; ++j) s += (vector ? y(j) : y(i, j)) * ((vector ? z(j) : z(i, j)) - lse);
  }
  return -s / static_cast<double>(rows);
}

// T of (softmax(Z) % row_sums(Y) - Y) / rows: (S_ij sum_l |Y_il| + |Y_ij|) / rows.
mat softmax_ce_terms(const mat& Z, const mat& Yv) {
  const mat S = softmax_rows(Z);
  return (S.cwiseProduct(Yv.cwiseAbs().rowwise().sum().replicate(1, Z.cols())) + Yv.cwiseAbs()) /
         static_cast<double>(Z.rows());
}

}  // namespace

BOOST_AUTO_TEST_SUITE(laws_losses)

BOOST_AUTO_TEST_CASE(cross_entropy_of_probabilities) {
  over_points("cross_entropy(P, Y)", [](const point& p, source& src, dims d) {
    const mat Pv = src(d.k, d.n, domain::positive), Yv = src(d.k, d.n);
    const double rows = static_cast<double>(d.k);
    const auto tape = [&](avars& v) {
      adouble s = 0.0;
      for (Index i = 0; i < Pv.size(); ++i) s += v[1].v[static_cast<std::size_t>(i)] * log(v[0].v[static_cast<std::size_t>(i)]);
      return -s / rows;
    };
    check_law(p, cross_entropy(P, Y), bind(P = Pv, Y = Yv), tape, {}, by(P, -(Y / P) / k, Pv, domain::positive),
              by(Y, -log(P) / k, Yv));
  });
}

BOOST_AUTO_TEST_CASE(cross_entropy_of_softmax) {
  over_points("cross_entropy(softmax(Z), Y)", [](const point& p, source& src, dims d) {
    const mat Zv = src(d.k, d.n), Yv = src.labels(d.k, d.n);
    const auto tape = [&](avars& v) { return softmax_cross_entropy(v[0], Yv, false); };
    check_law(p, cross_entropy(softmax(ca_Z), Y), bind(ca_Z = Zv, Y = Yv), tape, {},
              by(ca_Z, (softmax(ca_Z) % row_sums(Y) - Y) / k, Zv, domain::real, softmax_ce_terms(Zv, Yv)));
  });
}

BOOST_AUTO_TEST_CASE(cross_entropy_of_softmax_sums_to_one) {
  over_points("cross_entropy(softmax(Z), Y) with sums_to_one", [](const point& p, source& src, dims d) {
    const mat Zv = src(d.k, d.n), Yv = src.distributions(d.k, d.n);
    const auto tape = [&](avars& v) { return softmax_cross_entropy(v[0], Yv, false); };
    check_law(p, cross_entropy(softmax(ca_Z), Ys), bind(ca_Z = Zv, Ys = Yv), tape, {},
              by(ca_Z, (softmax(ca_Z) - Ys) / k, Zv, domain::real, softmax_ce_terms(Zv, Yv)));
  });
}

BOOST_AUTO_TEST_CASE(cross_entropy_of_softmax_of_a_vector) {
  over_points("cross_entropy(softmax(z), y) with sums_to_one", [](const point& p, source& src, dims d) {
    const mat zv = src(d.n, 1), yv = src.distributions(1, d.n).transpose();
    const auto tape = [&](avars& v) { return softmax_cross_entropy(v[0], yv, true); };
    check_law(p, cross_entropy(softmax(ca_z), ys), bind(ca_z = zv, ys = yv), tape, {},
              by(ca_z, softmax(ca_z) - ys, zv, domain::real, softmax_ce_terms(zv.transpose(), yv.transpose()).transpose()));
  });
}

BOOST_AUTO_TEST_SUITE_END()
