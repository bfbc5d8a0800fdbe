// Networks with tanh layers (network.hpp).
#include "network.hpp"

namespace bench {
void register_network_tanh() { register_network<nets::tanh_layer>(activation::tanh, "tanh"); }
}  // namespace bench
