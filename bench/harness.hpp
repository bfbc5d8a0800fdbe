#pragma once
// What every benchmark unit does the same way: the timed loop, the bytes of X a call covers,
// the floor (one read of X), the registration of its cases, and ADOL-C's tape (recorded once
// per case, outside the timed loops) with the two gradient sweeps timed against it.
#include <cmath>
#include <cstdint>
#include <initializer_list>
#include <string>
#include <utility>
#include <vector>

#include <adolc/adolc.h>
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

// Times call() (its result kept from the optimiser, memory clobbered after each call) on
// problem p.
template <class Problem, class Call>
void time_calls(benchmark::State& state, const Problem& p, Call&& call) {
  for (auto _ : state) {
    benchmark::DoNotOptimize(call());
    benchmark::ClobberMemory();
  }
  set_bytes(state, p);
}

// The floor: X^T v, every entry of X read once.
template <class Case>
void bm_read_X(benchmark::State& state, Case* c) {
  const auto& p = c->data();
  const VectorXd v = VectorXd::Constant(p.X.rows(), 1.0);
  VectorXd out(p.X.cols());
  time_calls(state, p, [&] {
    read_X_once(p.X, v, out);
    return out.data();
  });
}

// An evaluator with threads gives the results of one with one thread, bit for bit.
template <class Step, class One, class Bindings>
void require_same_bits(const std::string& bench_case, Step& step, One one, const Bindings& at) {
  if (step.thread_count() == 1) return;
  const bool same = one(at) == step(at);
  require_agreement(bench_case, std::to_string(step.thread_count()) + " threads, bit for bit,", same ? 0 : INFINITY);
}

// Each method of each case, as "<case name>/<method>", timed in microseconds; a method on
// threads of its own ("..._2threads") by the wall clock, since the CPU time is the calling
// thread's only.
template <class Case, std::size_t N>
void register_cases(Case (&cases)[N],
                    std::initializer_list<std::pair<const char*, void (*)(benchmark::State&, Case*)>> methods) {
  for (Case& c : cases)
    for (const auto& [method, fn] : methods) {
      auto* b = benchmark::RegisterBenchmark((c.name + "/" + method).c_str(), fn, &c)->Unit(benchmark::kMicrosecond);
      if (std::string(method).ends_with("threads")) b->UseRealTime();
    }
}

// ---- ADOL-C -------------------------------------------------------------------------------------

// What a case keeps for ADOL-C; the case records its function with record(keep) at `point`.
struct adolc_state {
  std::vector<double> point;  // the independents
  tape_sizes sizes{};
  double tape_mb = 0;
};

// Records case c's tape in core under adolc_tag, unless it is there already.
template <class Case>
void ensure_tape(Case& c) {
  if (adolc_tape_owner() == &c) return;
  if (adolc_tape_owner() != nullptr) removeTape(adolc_tag, ADOLC_REMOVE_FROM_CORE);
  adolc_tape_owner() = nullptr;
  c.record(0);
  c.tape_mb = tape_megabytes(adolc_tag, c.name);
  adolc_tape_owner() = &c;
}

// The value and gradient from the tape, the two sweeps gradient() makes: zos_forward keeping
// the Taylor values, then fos_reverse (gradient() discards the value; this keeps it).
// Negative: ADOL-C's error.
inline double adolc_sweeps(std::vector<double>& point, std::vector<double>& g, int& status) {
  double value = 0, one = 1.0;
  const int k = int(point.size());
  status = zos_forward(adolc_tag, 1, k, 1, point.data(), &value);
  if (status >= 0) status = fos_reverse(adolc_tag, 1, k, &one, g.data());
  return value;
}

// The value and gradient recorded again (trace_on keeping the Taylor values computes the
// value), then one reverse sweep.
template <class Case>
double adolc_retaped(Case& c, std::vector<double>& g, int& status) {
  double one = 1.0;
  const double value = c.record(1);
  status = fos_reverse(adolc_tag, 1, int(c.point.size()), &one, g.data());
  return value;
}

// ADOL-C's value and gradient, from the tape reused and re-taped, checked with
// compare(what, value, gradient); a failed sweep aborts the run.
template <class Case, class Compare>
void check_adolc_gradient(Case& c, Compare&& compare) {
  std::vector<double> g(c.point.size());
  int status = 0;
  ensure_tape(c);
  double value = adolc_sweeps(c.point, g, status);
  if (status < 0) require_agreement(c.name, "ADOL-C (tape reused) return code", INFINITY);
  compare("ADOL-C (tape reused)", value, g);
  value = adolc_retaped(c, g, status);
  if (status < 0) require_agreement(c.name, "ADOL-C (re-taped) return code", INFINITY);
  compare("ADOL-C (re-taped)", value, g);
}

template <class Case>
void bm_adolc_tape_reused(benchmark::State& state, Case* c) {
  const auto& p = c->data();
  ensure_tape(*c);
  std::vector<double> g(c->point.size());
  int status = 0;
  time_calls(state, p, [&] {
    benchmark::DoNotOptimize(g.data());
    return adolc_sweeps(c->point, g, status);
  });
  state.counters["tape_MB"] = c->tape_mb;
}

template <class Case>
void bm_adolc_retape(benchmark::State& state, Case* c) {
  const auto& p = c->data();
  ensure_tape(*c);  // the same tape is recorded again in the loop
  std::vector<double> g(c->point.size());
  int status = 0;
  time_calls(state, p, [&] {
    benchmark::DoNotOptimize(g.data());
    return adolc_retaped(*c, g, status);
  });
  state.counters["tape_MB"] = c->tape_mb;
}

}  // namespace bench
