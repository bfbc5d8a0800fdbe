// softmax and log_softmax of the rows of a matrix and of a vector. A gradient entry couples
// every class of its row (a sum over the row): T = the magnitudes of those terms.
#include "class_axis.hpp"

using namespace laws;

namespace {

// sum(W % softmax(Z)) in adouble code: each softmax written out as exp(z - logsumexp(z)).
adouble weighted_softmax(amat& z, const mat& w, bool vector, bool log_form) {
  adouble s = 0.0;
  const Index rows = vector ? 1 : z.rows, cols = vector ? z.rows : z.cols;
  for (Index i = 0; i < rows; ++i) {
    adouble lse = row_logsumexp(z, i, vector);
    for (Index j = 0; j < cols; ++j) {
      adouble& zij = vector ? z(j) : z(i, j);
      const double wij = vector ? w(j) : w(i, j);
      if (log_form) s += wij * (zij - lse);
      else s += wij * exp(zij - lse);
    }
  }
  return s;
}

// T of softmax: S_ij (|W_ij| + sum_l |W_il| S_il); of log_softmax: |W_ij| + S_ij sum_l |W_il|.
mat softmax_terms(const mat& S, const mat& W) {
  const mat aW = W.cwiseAbs();
  return S.cwiseProduct(aW + aW.cwiseProduct(S).rowwise().sum().replicate(1, S.cols()));
}
mat log_softmax_terms(const mat& S, const mat& W) {
  const mat aW = W.cwiseAbs();
  return aW + S.cwiseProduct(aW.rowwise().sum().replicate(1, S.cols()));
}

}  // namespace

BOOST_AUTO_TEST_SUITE(laws_class_axis)

BOOST_AUTO_TEST_CASE(softmax_of_rows) {
  over_points("sum(W % softmax(Z))", [](const point& p, source& src, dims d) {
    const mat Zv = src(d.k, d.n), Wv = src.weights(d.k, d.n);
    const auto tape = [&](avars& a) { return weighted_softmax(a[0], Wv, false, false); };
    check_law(p, sum(ca_W % softmax(ca_Z)), bind(ca_Z = Zv, ca_W = Wv), tape, {},
              by(ca_Z, softmax(ca_Z) % (ca_W - row_sums(ca_W % softmax(ca_Z))), Zv, domain::real,
                 softmax_terms(softmax_rows(Zv), Wv)));
  });
}

BOOST_AUTO_TEST_CASE(softmax_of_a_vector) {
  over_points("sum(w % softmax(z))", [](const point& p, source& src, dims d) {
    const mat zv = src(d.n, 1), wv = src.weights(d.n, 1);
    const auto tape = [&](avars& a) { return weighted_softmax(a[0], wv, true, false); };
    const mat terms = softmax_terms(softmax_rows(zv.transpose()), wv.transpose()).transpose();
    check_law(p, sum(ca_w % softmax(ca_z)), bind(ca_z = zv, ca_w = wv), tape, {},
              by(ca_z, softmax(ca_z) % (ca_w - sum(ca_w % softmax(ca_z))), zv, domain::real, terms));
  });
}

BOOST_AUTO_TEST_CASE(log_softmax_of_rows) {
  over_points("sum(W % log_softmax(Z))", [](const point& p, source& src, dims d) {
    const mat Zv = src(d.k, d.n), Wv = src.weights(d.k, d.n);
    const auto tape = [&](avars& a) { return weighted_softmax(a[0], Wv, false, true); };
    check_law(p, sum(ca_W % log_softmax(ca_Z)), bind(ca_Z = Zv, ca_W = Wv), tape, {},
              by(ca_Z, ca_W - softmax(ca_Z) % row_sums(ca_W), Zv, domain::real, log_softmax_terms(softmax_rows(Zv), Wv)));
  });
}

BOOST_AUTO_TEST_CASE(log_softmax_of_a_vector) {
  over_points("sum(w % log_softmax(z))", [](const point& p, source& src, dims d) {
    const mat zv = src(d.n, 1), wv = src.weights(d.n, 1);
    const auto tape = [&](avars& a) { return weighted_softmax(a[0], wv, true, true); };
    const mat terms = log_softmax_terms(softmax_rows(zv.transpose()), wv.transpose()).transpose();
    check_law(p, sum(ca_w % log_softmax(ca_z)), bind(ca_z = zv, ca_w = wv), tape, {},
              by(ca_z, ca_w - softmax(ca_z) * sum(ca_w), zv, domain::real, terms));
  });
}

BOOST_AUTO_TEST_SUITE_END()
