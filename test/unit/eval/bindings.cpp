// Evaluation: what bindings reference, copy or own; rebinding.
#include <boost/test/unit_test.hpp>

#include "support.hpp"

using namespace symgrad;
using namespace eval_test;

// BOOST_AUTO_TEST_SUITE(eval) opens a namespace `eval`, hence symgrad::eval below.

BOOST_AUTO_TEST_SUITE(eval)

BOOST_AUTO_TEST_CASE(bindings_reference_the_data) {
  Eigen::MatrixXd Xd = gaussian(6, 4, 18);
  Eigen::VectorXd wd = gaussian(4, 1, 19).col(0);

  const auto bx = (X = Xd);
  const auto bw = (w = wd);
  BOOST_TEST(!bx.owns_copy());
  BOOST_TEST(!bw.owns_copy());
  BOOST_TEST(bx.value().data() == Xd.data());
  BOOST_TEST(bw.value().data() == wd.data());

  const Eigen::Map<const Eigen::MatrixXd> mapped(Xd.data(), 6, 4);
  BOOST_TEST((X = mapped).value().data() == Xd.data());
  const auto block = (X = Xd.block(1, 1, 3, 2));  // column-major block: outer stride only
  BOOST_TEST(!block.owns_copy());
  BOOST_TEST(block.value().data() == &Xd(1, 1));
  BOOST_TEST(!(w = Xd.col(2)).owns_copy());
  // Segments of a vector are blocks too (their DenseBase is the block's): referenced.
  const auto head = (w = wd.head(2));
  BOOST_TEST(!head.owns_copy());
  BOOST_TEST(head.value().data() == wd.data());
  BOOST_TEST(!(w = wd.segment(1, 2)).owns_copy());
  BOOST_TEST((w = wd.tail(3)).value().data() == wd.data() + 1);

  // Expressions and strided rows are copied once, into storage the copies share.
  BOOST_TEST((w = Xd.row(0).transpose()).owns_copy());
  auto copied = [&] {
    const auto tmp = (X = 2.0 * Xd);
    BOOST_TEST(tmp.owns_copy());
    return bind(tmp);
  }();
  BOOST_TEST((symgrad::eval(X, copied) == 2.0 * Xd));

  // Editing the data in place is seen by the next evaluation.
  const auto bs = bind(X = Xd, w = wd);
  const double before = symgrad::eval(sum(X * w), bs);
  wd *= 2.0;
  BOOST_TEST(rel(symgrad::eval(sum(X * w), bs), 2.0 * before) <= 1e-14);
}

BOOST_AUTO_TEST_CASE(with_rebinds_and_adds) {
  const Eigen::MatrixXd Xd = gaussian(6, 4, 20);
  const Eigen::VectorXd w1 = gaussian(4, 1, 21).col(0);
  const Eigen::VectorXd w2 = gaussian(4, 1, 22).col(0);
  auto bs = bind(X = Xd, w = w1, b = 1.0);
  const auto rebound = bs.with(w = w2, b = 3.0);  // of bs's type: test/static/eval_types.cpp
  BOOST_TEST(rel(symgrad::eval(sum(X * w) + b, rebound), (Xd * w2).sum() + 3.0) <= 1e-14);
  BOOST_TEST(rel(symgrad::eval(sum(X * w) + b, bs), (Xd * w1).sum() + 1.0) <= 1e-14);

  const Eigen::VectorXd yd = labels(6, 23);
  const auto added = bs.with(y = yd);
  BOOST_TEST(symgrad::eval(sum(y), added) == yd.sum());

  bs = bs.with(w = w2);  // bindings are assignable, e.g. in a training loop
  BOOST_TEST((symgrad::eval(w, bs) == w2));
}

BOOST_AUTO_TEST_SUITE_END()
