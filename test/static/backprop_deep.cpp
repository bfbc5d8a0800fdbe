// Backprop cost at depth: 3L + 2 products for L = 4 and 8 hidden layers (see backprop.hpp), and
// the entries an evaluation keeps.
#include "backprop.hpp"

namespace {

using static_test::network_products;

static_assert(network_products<4, nets::tanh_layer>() == 14);
static_assert(network_products<8, nets::tanh_layer>() == 26);
static_assert(static_test::network_one_sweep<8, nets::tanh_layer>());

// Memory at depth: a layer adds 3 entries to an evaluation, its activation (read again by the
// backward sweep) and its two gradients, as hand-written backprop keeps them; its products and
// adjoints take the entries of terms no longer read. A stored term apiece would be 8 a layer.
using static_test::network_entries;
static_assert(network_entries<8, nets::tanh_layer>() - network_entries<4, nets::tanh_layer>() == 4 * 3);
static_assert(network_entries<4, nets::sigmoid_layer>() - network_entries<2, nets::sigmoid_layer>() == 2 * 3);

}  // namespace
