// logsumexp of the rows of a matrix and of a vector. Its gradient is the softmax, one product
// per entry: compared entry by entry.
#include "class_axis.hpp"

using namespace laws;

BOOST_AUTO_TEST_SUITE(laws_class_axis)

BOOST_AUTO_TEST_CASE(logsumexp_of_rows) {
  over_points("sum(u % logsumexp(Z))", [](const point& p, source& src, dims d) {
    const mat Zv = src(d.k, d.n), uv = src.weights(d.k, 1);
    const auto tape = [&](avars& a) {
      adouble s = 0.0;
      for (Index i = 0; i < d.k; ++i) s += uv(i) * row_logsumexp(a[0], i, false);
      return s;
    };
    check_law(p, sum(ca_u % logsumexp(ca_Z)), bind(ca_Z = Zv, ca_u = uv), tape, {},
              by(ca_Z, ca_u % exp(ca_Z - logsumexp(ca_Z)), Zv));
  });
}

BOOST_AUTO_TEST_CASE(logsumexp_of_a_vector) {
  over_points("a logsumexp(z)", [](const point& p, source& src, dims d) {
    const mat zv = src(d.n, 1), av = src(1, 1);
    const auto tape = [&](avars& a) { return a[1](0) * row_logsumexp(a[0], 0, true); };
    check_law(p, ca_a * logsumexp(ca_z), bind(ca_z = zv, ca_a = av(0, 0)), tape, {},
              by(ca_z, ca_a * exp(ca_z - logsumexp(ca_z)), zv), by(ca_a, logsumexp(ca_z), av));
  });
}

BOOST_AUTO_TEST_SUITE_END()
