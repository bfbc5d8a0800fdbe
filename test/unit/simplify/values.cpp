#include "support.hpp"

using namespace symgrad;
using namespace simplify_test;

BOOST_AUTO_TEST_SUITE(simplifier_numbers)

BOOST_AUTO_TEST_CASE(simplify_keeps_values) {
  simplifies_faithfully(bce(sigmoid(X * w + b), y));
  simplifies_faithfully(transpose(transpose(X) * (y - z)) * transpose(X) * z);
  simplifies_faithfully(sum(exp(log(x + 1_c)) / (x + 1_c) % v) * b - mean(v));
  simplifies_faithfully(pow(x % v + 2_c, 3_c) / (1_c + x % x));
}

BOOST_AUTO_TEST_SUITE_END()
