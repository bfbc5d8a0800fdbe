// Elementwise %: same shapes, a scalar and a row vector on either side (arith.hpp).
#include "arith.hpp"

using namespace laws;

BOOST_AUTO_TEST_SUITE(laws_arithmetic)

BOOST_AUTO_TEST_CASE(mul_scalar_and_row_broadcasting) { binary_laws_scalar_row<op_mul>(); }

BOOST_AUTO_TEST_SUITE_END()
