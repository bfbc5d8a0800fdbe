// Backprop cost at depth: 3L + 2 products for L = 4 and 8 hidden layers (see backprop.hpp).
#include "backprop.hpp"

namespace {

using static_test::network_products;

static_assert(network_products<4, nets::tanh_layer>() == 14);
static_assert(network_products<8, nets::tanh_layer>() == 26);
static_assert(static_test::network_one_sweep<8, nets::tanh_layer>());

}  // namespace
