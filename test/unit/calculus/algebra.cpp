#include "support.hpp"

using namespace symgrad;
using namespace calculus_test;

BOOST_AUTO_TEST_SUITE(rules_against_central_differences)

BOOST_AUTO_TEST_CASE(arithmetic_and_broadcasting) {
  check_all(sum(x % v + x / (1_c + v % v) - v), x, v);
  check_all(sum(s * x - s / x + s), x, s);
  check_all(mean(-(x % x) / s), x, s);
}

BOOST_AUTO_TEST_CASE(matrix_calculus) {
  check_all(sum(sigmoid(A * x)), A, x);
  check_all(sum(transpose(A) * (A * x)), A, x);
  check_all(transpose(A * x) * (A * v), A, x, v);
  check_all(mean(pow(A * x - s, 2_c)), A, x, s);
}

BOOST_AUTO_TEST_SUITE_END()
