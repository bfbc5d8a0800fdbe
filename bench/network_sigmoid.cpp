// Networks with sigmoid layers (network.hpp).
#include "network.hpp"

namespace bench {
void register_network_sigmoid() { register_network<nets::sigmoid_layer>(activation::sigmoid, "sigmoid"); }
}  // namespace bench
