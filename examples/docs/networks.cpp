// Writes the body of docs/networks.md: seed 003's two-layer network (sigmoid, then relu, mean
// squared error) written once with dense_network, its gradients as symgrad prints them (named
// as backprop names them), and the seed's backprop equations beside them. Every "=" of the
// table is a static_assert below.
#include <iostream>
#include <string>

#include <symgrad/symgrad.hpp>

using namespace symgrad;

namespace {

constexpr auto m = dim<"m">;
constexpr auto n = dim<"n">;
constexpr auto h = dim<"h">;
constexpr auto k = dim<"k">;
constexpr auto X = matrix<"X">(m, n);  // a batch of inputs, one row each
constexpr auto T = matrix<"T">(m, k);  // their targets

// [network]
constexpr auto net = dense_network(X, dense(h, activation::sigmoid{}), dense(k, activation::relu{}));
constexpr auto C = mse(net.output(), T);
// [network]

// Seed 003's backprop, for a batch: D2 = dC/dZ2 from the cost, D1 = (D2 W2^T) .* sigmoid'(Z1).
constexpr auto W1 = net.weight<1>();
constexpr auto b1 = net.bias<1>();
constexpr auto W2 = net.weight<2>();
constexpr auto b2 = net.bias<2>();
constexpr auto H1 = net.output<1>();
constexpr auto H2 = net.output<2>();
constexpr auto Z2 = H1 * W2 + b2;
constexpr auto D2 = 2_c * (H2 - T) % step(Z2) / (m * k);
constexpr auto D1 = (D2 * transpose(W2)) % H1 % (1_c - H1);
constexpr auto ones_m = ones<shape<unit_dim, dim_t<"m">>>{};

static_assert(same_form(grad(C, W2), transpose(H1) * D2));
static_assert(same_form(grad(C, b2), ones_m * D2));
static_assert(same_form(grad(C, W1), transpose(X) * D1));
static_assert(same_form(grad(C, b1), ones_m * D1));

template <class D, class S>
void row(const std::string& what, D derived, S seed) {
  std::cout << "| $" << what << "$ | $" << to_latex(derived) << "$ | $" << to_latex(seed) << "$ |\n";
}

}  // namespace

int main() {
  std::cout << "As symgrad prints the four gradients together (`to_string` of labelled expressions):\n\n```\n"
            << to_string(label("dC/dW1", grad(C, W1)), label("dC/db1", grad(C, b1)), label("dC/dW2", grad(C, W2)),
                         label("dC/db2", grad(C, b2)))
            << "\n```\n\nEach derivative alone, in LaTeX, beside seed 003's backprop written for a batch "
               "(`D2 = 2 (H2 - T) .* step(Z2) / (m k)`, `D1 = (D2 W2^T) .* H1 .* (1 - H1)`); every row is "
               "`static_assert(same_form(...))` in the generating program:\n\n"
            << "| | symgrad | seed 003's backprop |\n|---|---|---|\n";
  row("\\partial C / \\partial W_2", grad(C, W2), transpose(H1) * D2);
  row("\\partial C / \\partial b_2", grad(C, b2), ones_m * D2);
  row("\\partial C / \\partial W_1", grad(C, W1), transpose(X) * D1);
  row("\\partial C / \\partial b_1", grad(C, b1), ones_m * D1);
}
