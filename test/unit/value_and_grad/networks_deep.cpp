// Networks of four and eight tanh layers against hand-written backprop, and the printed size of
// all their gradients, which must grow linearly with the depth.
#include "networks_support.hpp"

using namespace networks_test;

namespace {

template <std::size_t L>
std::size_t printed_size() {
  constexpr auto net = nets::net<L, nets::tanh_layer>();
  constexpr auto f = nets::loss<L, nets::tanh_layer>();
  return [&]<std::size_t... I>(std::index_sequence<I...>) {
    return symgrad::to_string(symgrad::label("dW", symgrad::grad(f, net.template weight<I + 1>()))...,
                              symgrad::label("db", symgrad::grad(f, net.template bias<I + 1>()))...)
        .size();
  }(std::make_index_sequence<L + 1>{});
}

}  // namespace

BOOST_AUTO_TEST_SUITE(networks)

BOOST_AUTO_TEST_CASE(four_and_eight_layers_equal_backprop) {
  check_against_backprop<4, nets::tanh_layer>(activation::tanh, 30, 41);
  check_against_backprop<8, nets::tanh_layer>(activation::tanh, 30, 81);
}

BOOST_AUTO_TEST_CASE(printed_size_is_linear_in_depth) {
  const std::size_t c1 = printed_size<1>(), c2 = printed_size<2>(), c4 = printed_size<4>(), c8 = printed_size<8>();
  BOOST_TEST_MESSAGE("characters of all gradients printed together, L = 1, 2, 4, 8: " << c1 << ", " << c2 << ", " << c4
                                                                                      << ", " << c8);
  // Each further layer adds about as much as the first one did.
  const double per_layer = double(c2 - c1);
  BOOST_TEST(double(c4 - c2) / 2 < 1.5 * per_layer);
  BOOST_TEST(double(c8 - c4) / 4 < 1.5 * per_layer);
}

BOOST_AUTO_TEST_SUITE_END()
