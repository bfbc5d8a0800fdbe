// The runtime benchmarks of symgrad's evaluator: each case (a model and its sizes) times
// symgrad, the hand-written Eigen closed form (handwritten.hpp), ADOL-C with its tape reused and
// re-recorded on every call, and one read of X, in the same run. Every method is checked
// against symgrad once per case, before anything is timed. The models live in logistic.cpp,
// softmax.cpp and hessian.cpp (one translation unit each, to keep compile times short).
//
// Usage: symgrad_bench [Google Benchmark flags]; scripts/run-bench.sh runs it with 5
// repetitions and writes docs/bench/results.json, then bench/report.py summarises it.
#include <string>

#include <benchmark/benchmark.h>

#include <Eigen/Core>

#include "handwritten.hpp"

// Both set by bench/CMakeLists.txt.
#ifndef SYMGRAD_BENCH_FLAGS
#define SYMGRAD_BENCH_FLAGS "unknown"
#endif
#ifndef SYMGRAD_BENCH_ADOLC_VERSION
#define SYMGRAD_BENCH_ADOLC_VERSION "unknown"
#endif

int main(int argc, char** argv) {
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;

#if defined(__clang__)
  benchmark::AddCustomContext("compiler", std::string("clang++ ") + __clang_version__);
#elif defined(__GNUC__)
  benchmark::AddCustomContext("compiler", std::string("g++ ") + __VERSION__);
#endif
  benchmark::AddCustomContext("flags", SYMGRAD_BENCH_FLAGS);
  benchmark::AddCustomContext("eigen", std::to_string(EIGEN_WORLD_VERSION) + "." + std::to_string(EIGEN_MAJOR_VERSION) +
                                           "." + std::to_string(EIGEN_MINOR_VERSION) + ", " +
                                           Eigen::SimdInstructionSetsInUse());
  benchmark::AddCustomContext("adolc", SYMGRAD_BENCH_ADOLC_VERSION);

  bench::register_logistic();
  bench::register_softmax();
  bench::register_hessian();
  bench::register_least_squares();
  bench::register_robust();
  bench::register_network_tanh();
  bench::register_network_sigmoid();
  bench::register_network_relu();
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
