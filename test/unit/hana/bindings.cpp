// symgrad/hana.hpp at run time: bindings made from a hana::map keyed by variables give
// value_and_grad the same numbers, bit for bit, as bind(X = ..., ...), and reference the
// matrices a std::reference_wrapper refers to. Its own small executable, so that test_core
// does not include Hana.
#define BOOST_TEST_MODULE symgrad_hana
#include <boost/test/unit_test.hpp>

#include <functional>
#include <random>
#include <utility>

#include <symgrad/hana.hpp>

#include <boost/hana/at_key.hpp>

#include "../../support/linear_models.hpp"

namespace hana = boost::hana;
using namespace symgrad;
using namespace linear_models;

namespace {

Eigen::MatrixXd gaussian(Eigen::Index rows, Eigen::Index cols, unsigned seed) {
  std::mt19937 gen(seed);
  std::normal_distribution<double> normal;
  return Eigen::MatrixXd::NullaryExpr(rows, cols, [&] { return normal(gen); });
}

// The binding of variable V among the bindings.
template <class V, class Bindings>
const auto& binding_of(const Bindings& at, V) {
  return std::get<binding<V>>(at.items);
}

}  // namespace

BOOST_AUTO_TEST_CASE(a_map_binds_as_bind_does) {
  const Eigen::MatrixXd Xd = gaussian(40, 5, 1);
  const Eigen::VectorXd wd = 0.5 * gaussian(5, 1, 2).col(0);
  const Eigen::VectorXd yd = (gaussian(40, 1, 3).col(0).array() > 0).cast<double>();
  const double bd = 0.25;

  const auto direct = bind(X = Xd, w = wd, b = bd, y = yd);
  const auto at = bind(hana::make_map(hana::make_pair(X, std::cref(Xd)), hana::make_pair(w, std::cref(wd)),
                                      hana::make_pair(b, bd), hana::make_pair(y, std::cref(yd))));

  // Referenced, not copied.
  BOOST_TEST(!binding_of(at, X).owns_copy());
  BOOST_TEST(binding_of(at, X).value().data() == Xd.data());
  BOOST_TEST(binding_of(at, w).value().data() == wd.data());
  BOOST_TEST(binding_of(at, b).value() == bd);

  const auto [L1, dw1, db1] = value_and_grad(logistic, wrt(w, b), direct);
  const auto [L2, dw2, db2] = value_and_grad(logistic, wrt(w, b), at);
  BOOST_TEST(L1 == L2);
  BOOST_TEST((dw1.array() == dw2.array()).all());
  BOOST_TEST(db1 == db2);
}

BOOST_AUTO_TEST_CASE(values_held_by_the_map) {
  const Eigen::MatrixXd Xd = gaussian(6, 3, 4);
  const Eigen::VectorXd wd = gaussian(3, 1, 5).col(0);

  // An lvalue map: its matrices are referenced where the map holds them.
  const auto held = hana::make_map(hana::make_pair(X, Xd), hana::make_pair(w, wd));
  const auto at = bind(held);
  BOOST_TEST(binding_of(at, X).value().data() == hana::at_key(held, X).data());
  BOOST_TEST((symgrad::eval(X * w, at) == Xd * wd));

  // An rvalue map: its matrices are moved into the bindings, which own them.
  const auto owned = bind(hana::make_map(hana::make_pair(X, Xd), hana::make_pair(w, wd)));
  BOOST_TEST(binding_of(owned, X).owns_copy());
  BOOST_TEST((symgrad::eval(X * w, owned) == Xd * wd));
}
