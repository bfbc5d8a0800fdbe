#pragma once
// Compiled evaluators: the evaluation of fixed expressions as an object that keeps its
// workspace (the cache entries of the vector and matrix terms, and the kernels' scratch
// space) between calls. Eigen reuses storage that already has the right size, so a call
// with new data of the sizes seen before performs no heap allocation: the training-loop
// case, where eval_all would allocate every intermediate again.
#include <cstddef>
#include <tuple>
#include <type_traits>
#include <utility>

#include "errors.hpp"
#include "eval.hpp"
#include "threads.hpp"

namespace symgrad {

namespace eval_detail {
template <class R>
  requires is_number_v<R>
void write_result(R v, R& out, std::size_t) { out = v; }
template <class R, class Out>
void write_result(const R& v, Out& out, std::size_t i) {
  if (out.rows() != v.rows() || out.cols() != v.cols())
    throw_formatted<dimension_error>("symgrad: into: result %zu is %ld x %ld, but its buffer is %ld x %ld", i,
                                     long(v.rows()), long(v.cols()), long(out.rows()), long(out.cols()));
  out = v;
}

// A result that is not copied. Not a member of basic_evaluator: its name would then hold every
// root's type, and the compiler prints the copies' tuple of it each time it rules out one of
// that tuple's constructors, at a cost that grew with the cube of a network's depth.
struct no_copy {};
}  // namespace eval_detail

/// E... evaluated as eval_all evaluates them (each distinct subterm once), in numbers R
/// (double, or float: compile<float>(...)), into storage the evaluator keeps. A call returns
/// references to the results, valid until the next call or the evaluator's destruction;
/// calling again with the same sizes allocates nothing. An evaluator is not for use by two
/// threads at once: give each thread its own. It may itself use threads (see threads): a
/// team it keeps, and a workspace for each.
template <class R, expression... E>
class basic_evaluator {
  using plan = eval_detail::plan<E...>;
  using space = eval_detail::workspace<plan, R>;

  // A root that is a vector or matrix variable is a binding, not a term: copied into a
  // result of its own so that every result lives in the evaluator.
  template <class X>
  static constexpr bool copied_v = !is_scalar_v<X> && space::template root_index<X> >= space::n_terms;
  template <class X>
  using copy_t = std::conditional_t<copied_v<X>, eval_result_t<X, R>, eval_detail::no_copy>;

 public:
  using number = R;

  basic_evaluator() = default;
  /// An evaluator that uses t.count threads: this one and t.count - 1 it keeps.
  explicit basic_evaluator(threads t) : pool_(t.count) {}

  /// How many threads a call may use; set_threads(threads(n)) changes it (a change of
  /// count starts a new team).
  std::size_t thread_count() const { return pool_.size(); }
  void set_threads(threads t) { pool_.set(t.count); }

  /// Evaluates with these bindings; throws dimension_error (before any arithmetic) if
  /// their sizes contradict each other, value_error if declared properties fail.
  template <class... B>
  std::tuple<const eval_result_t<E, R>&...> operator()(const bindings<B...>& bs) {
    // The diagnostics in this frame: a report of the caller's mistake names the evaluator once.
    if constexpr (!std::is_same_v<eval_detail::number_of_t<B...>, R>)
      (void)diagnostic::evaluator_number_type<R, eval_detail::number_of_t<B...>>{};
    else if constexpr (eval_detail::can_evaluate_v<plan, B...>) run(bs, eval_detail::one_process{});
    else (void)eval_detail::missing_binding_t<plan, B...>{}, (void)eval_detail::undetermined_dimension_t<plan, B...>{};
    return results(std::index_sequence_for<E...>{});
  }

  /// Evaluates as the call does, then writes each result into a buffer the caller owns: a
  /// double for a scalar, an Eigen matrix, vector, Map or block of the result's size
  /// otherwise (an optimiser's gradient, a segment of one); throws dimension_error naming the
  /// result if a buffer's size differs. The results are copied from the evaluator's storage.
  template <class... B, class... Out>
  void into(const bindings<B...>& bs, Out&&... out) {
    write_all((*this)(bs), std::forward<Out>(out)...);
  }

 protected:
  // The evaluation, by one process or by each of the ranks that share the rows (symgrad/mpi.hpp).
  template <class... B, class Across>
  void run(const bindings<B...>& bs, Across&& across) {
    eval_detail::run_plan(ws_, bs, &pool_, across);
  }

  template <class... Out>
  static void write_all(const std::tuple<const eval_result_t<E, R>&...>& r, Out&&... out) {
    static_assert(sizeof...(Out) == sizeof...(E), "symgrad: into takes one buffer per result, in their order");
    std::apply([&](const auto&... v) {
      std::size_t i = 0;
      (eval_detail::write_result(v, out, ++i), ...);
    }, r);
  }

  template <std::size_t... I>
  std::tuple<const eval_result_t<E, R>&...> results(std::index_sequence<I...>) {
    return {result<E, I>()...};
  }

 private:
  template <class X, std::size_t I>
  const eval_result_t<X, R>& result() {
    if constexpr (copied_v<X>) {
      auto& copy = std::get<I>(copies_);
      copy = eval_detail::as_matrix(ws_.items[space::template root_index<X>].v);
      return copy;
    } else return ws_.template at<X>();
  }

  space ws_;
  std::tuple<copy_t<E>...> copies_;
  eval_detail::helpers<space> pool_;
};

/// An evaluator in double, the type of compile(e...).
template <expression... E>
using evaluator = basic_evaluator<double, E...>;

/// An evaluator of E..., to be called with bindings: `auto f = compile(e1, e2); auto [a, b]
/// = f(bind(...));`. compile<float>(e...) computes in float, with float bindings.
template <class R = double, expression... E>
  requires eval_detail::is_number_v<R>
basic_evaluator<R, E...> compile(E...) {
  detail::check_variables<E...>();
  return {};
}

/// An evaluator that uses t.count threads: `compile(threads(2), e1, e2)`.
template <class R = double, expression... E>
  requires eval_detail::is_number_v<R>
basic_evaluator<R, E...> compile(threads t, E...) {
  detail::check_variables<E...>();
  return basic_evaluator<R, E...>(t);
}

}  // namespace symgrad
