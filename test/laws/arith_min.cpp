// Elementwise min: same shapes and every broadcasting pattern (arith.hpp).
#include "arith.hpp"

using namespace laws;

BOOST_AUTO_TEST_SUITE(laws_arithmetic)

BOOST_AUTO_TEST_CASE(min_scalar_and_row_broadcasting) { binary_laws_scalar_row<op_min>(); }
BOOST_AUTO_TEST_CASE(min_column_broadcasting) { binary_laws_column<op_min>(); }

BOOST_AUTO_TEST_SUITE_END()
