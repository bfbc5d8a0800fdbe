#include "support.hpp"

using namespace symgrad;
using namespace simplify_test;

BOOST_AUTO_TEST_SUITE(simplifier_numbers)

BOOST_AUTO_TEST_CASE(static_identities_hold_numerically) {
  same_numbers(grad(sum(s), z), s % (1_c - s));
  same_numbers(pow(x + v, 2_c) - pow(x - v, 2_c), 4_c * (x % v));
  same_numbers(grad(sum((1_c - x) / (1_c + x)), x), -2_c / pow(1_c + x, 2_c));
  same_numbers(grad(mean(pow(X * w - y, 2_c)), w), 2_c * transpose(X) * (X * w - y) / m);
  same_numbers(grad(transpose(X * w) * (X * w), w), 2_c * transpose(X) * (X * w));
  same_numbers(grad(sum(log(sigmoid(z))), z), 1_c - sigmoid(z));
  same_numbers(grad(sum(sqrt(x)), x), 1_c / (2_c * sqrt(x)));
  same_numbers(grad(-mean(y % log(s) + (1_c - y) % log(1_c - s)), z), (s - y) / m);
  same_numbers((x - x % x) / (1_c - x), x);
  same_numbers(grad(bce(sigmoid(X * w + b), y), w), transpose(X) * (sigmoid(X * w + b) - y) / m);
  same_numbers(grad(bce(sigmoid(X * w + b), y), b), mean(sigmoid(X * w + b) - y));
}

BOOST_AUTO_TEST_SUITE_END()
