#pragma once
// Dense networks of 1, 2, 4 and 8 hidden layers of 64 units (tanh, sigmoid, relu), softmax
// cross-entropy, value and the gradient of every W and b at m = 1000 and 20000 rows:
// symgrad's compiled evaluator against hand-written backprop (backprop.hpp), checked to agree
// within 1e-12 before timing. One translation unit per activation (network_*.cpp).
#include <memory>
#include <string>
#include <tuple>
#include <utility>

#include <benchmark/benchmark.h>

#include <symgrad/symgrad.hpp>

#include "../test/support/network.hpp"
#include "backprop.hpp"
#include "harness.hpp"

namespace bench {

inline constexpr Index network_inputs = 64, network_units = 64, network_classes = 10;

template <std::size_t L, class Layer>
struct network_case {
  Index rows;
  activation f;
  std::string name;
  std::unique_ptr<network_problem> problem;

  static auto evaluator() { return symgrad::value_and_grad(nets::loss<L, Layer>(), nets::parameters<L, Layer>()); }

  // W1, b1, W2, b2, ... as the network binds them.
  static std::vector<MatrixXd> parameter_list(const network_problem& p) {
    std::vector<MatrixXd> list;
    for (std::size_t l = 0; l <= L; ++l) {
      list.push_back(p.W[l]);
      list.push_back(p.b[l]);
    }
    return list;
  }

  template <class Step>
  static auto run(Step& step, const network_problem& p, const std::vector<MatrixXd>& parameters) {
    return step(nets::net<L, Layer>().bind(parameters, nets::X = p.X, nets::Y = p.Y));
  }

  const network_problem& data() {
    if (!problem) {
      problem = std::make_unique<network_problem>(
          make_network(rows, network_inputs, network_units, network_classes, int(L), unsigned(1000 + rows + L)));
      check();
    }
    return *problem;
  }

  void check() {
    const network_problem& p = *problem;
    auto step = evaluator();
    const std::vector<MatrixXd> parameters = parameter_list(p);
    const auto result = run(step, p, parameters);
    network_workspace ws;
    std::vector<MatrixXd> gW(L + 1);
    std::vector<RowVectorXd> gb(L + 1);
    const double value = network_value_grad(p, f, ws, gW, gb);
    const auto require = [&](const std::string& what, double d) { require_agreement(name, what, d, 1e-12); };
    require("value", relative_difference(value, std::get<0>(result)));
    [&]<std::size_t... I>(std::index_sequence<I...>) {
      (require("gradient W" + std::to_string(I + 1), relative_difference(MatrixXd(std::get<1 + 2 * I>(result)), gW[I])), ...);
      (require("gradient b" + std::to_string(I + 1), relative_difference(MatrixXd(std::get<2 + 2 * I>(result)), MatrixXd(gb[I]))), ...);
    }(std::make_index_sequence<L + 1>{});
  }
};

template <std::size_t L, class Layer>
void bm_network_handwritten(benchmark::State& state, network_case<L, Layer>* c) {
  const network_problem& p = c->data();
  network_workspace ws;
  std::vector<MatrixXd> gW(L + 1);
  std::vector<RowVectorXd> gb(L + 1);
  time_calls(state, p, [&] { return network_value_grad(p, c->f, ws, gW, gb); });
}

template <std::size_t L, class Layer>
void bm_network_symgrad(benchmark::State& state, network_case<L, Layer>* c) {
  const network_problem& p = c->data();
  auto step = network_case<L, Layer>::evaluator();
  const std::vector<MatrixXd> parameters = network_case<L, Layer>::parameter_list(p);
  time_calls(state, p, [&] { return std::get<0>(network_case<L, Layer>::run(step, p, parameters)); });
}

template <std::size_t L, class Layer>
void register_network_depth(activation f, const char* act) {
  static network_case<L, Layer> cases[] = {
      {1000, f, std::string("network/") + act + "/L" + std::to_string(L) + "/m1000", {}},
      {20000, f, std::string("network/") + act + "/L" + std::to_string(L) + "/m20000", {}},
  };
  register_cases(cases,
                 {{"handwritten", bm_network_handwritten<L, Layer>}, {"symgrad", bm_network_symgrad<L, Layer>}});
}

template <class Layer>
void register_network(activation f, const char* act) {
  register_network_depth<1, Layer>(f, act);
  register_network_depth<2, Layer>(f, act);
  register_network_depth<4, Layer>(f, act);
  register_network_depth<8, Layer>(f, act);
}

}  // namespace bench
