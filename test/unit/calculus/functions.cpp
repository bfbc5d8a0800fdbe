#include "support.hpp"

using namespace symgrad;
using namespace calculus_test;

BOOST_AUTO_TEST_SUITE(rules_against_central_differences)

BOOST_AUTO_TEST_CASE(elementwise_functions) {
  check_all(sum(exp(x)), x);
  check_all(sum(log(x)), x);
  check_all(sum(sin(x)), x);
  check_all(sum(cos(x)), x);
  check_all(sum(tanh(x)), x);
  check_all(sum(sigmoid(x)), x);
  check_all(sum(softplus(x)), x);
  check_all(sum(sqrt(x)), x);
  check_all(sum(pow(x, 3_c)), x);
  check_all(sum(pow(x, -1.5_c)), x);
}

BOOST_AUTO_TEST_SUITE_END()
