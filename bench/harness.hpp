#pragma once
// What every benchmark unit times the same way: the bytes of X a call covers, and the floor,
// one read of X.
#include <cstdint>

#include <benchmark/benchmark.h>

#include "handwritten.hpp"

namespace bench {

// Bytes of X per call, so that Google Benchmark reports a rate through X.
template <class Problem>
void set_bytes(benchmark::State& state, const Problem& p) {
  const double bytes = double(p.X.size()) * double(sizeof(double));
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations()) * static_cast<int64_t>(bytes));
  state.counters["X_bytes"] = bytes;
}

// The floor: X^T v, every entry of X read once.
template <class Case>
void bm_read_X(benchmark::State& state, Case* c) {
  const auto& p = c->data();
  const VectorXd v = VectorXd::Constant(p.X.rows(), 1.0);
  VectorXd out(p.X.cols());
  for (auto _ : state) {
    read_X_once(p.X, v, out);
    benchmark::DoNotOptimize(out.data());
    benchmark::ClobberMemory();
  }
  set_bytes(state, p);
}

}  // namespace bench
