#include "support.hpp"

using namespace symgrad;
using namespace calculus_test;

BOOST_AUTO_TEST_SUITE(rules_against_central_differences)

BOOST_AUTO_TEST_CASE(compositions) {
  check_all(sum(log(1_c + exp(sin(x) % v))), x, v);
  check_all(sum(tanh(A * (x / s))) / s, A, x, s);
  check_all(bce(sigmoid(A * v + s), sigmoid(A * x)), A, x, v, s);
}

BOOST_AUTO_TEST_SUITE_END()
