// Networks with relu layers (network.hpp).
#include "network.hpp"

namespace bench {
void register_network_relu() { register_network<nets::relu_layer>(activation::relu, "relu"); }
}  // namespace bench
