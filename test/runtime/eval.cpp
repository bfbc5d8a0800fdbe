#include <boost/test/unit_test.hpp>

BOOST_AUTO_TEST_CASE(eval_placeholder)
{
  BOOST_TEST(1 + 1 == 2);
}
