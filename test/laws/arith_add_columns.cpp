// Elementwise +: a column vector on either side, and a column against a row (arith.hpp).
#include "arith.hpp"

using namespace laws;

BOOST_AUTO_TEST_SUITE(laws_arithmetic)

BOOST_AUTO_TEST_CASE(add_column_broadcasting) { binary_laws_column<op_add>(); }

BOOST_AUTO_TEST_SUITE_END()
