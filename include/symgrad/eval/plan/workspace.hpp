#pragma once
// Where an evaluation keeps its values (the workspace of a plan), and the computation of one
// term into it with its shared step.
#include <array>
#include <cstddef>
#include <type_traits>
#include <utility>

#include <Eigen/Core>

#include "../../detail/type_list.hpp"
#include "../../expr/nodes.hpp"
#include "../kernels/views.hpp"
#include "fuse.hpp"
#include "plan.hpp"
#include "steps.hpp"

namespace symgrad {

/// The result type of evaluating E in number type R (double, or float for float bindings): R for
/// a scalar, a column vector (VectorXd) for a column, a matrix (MatrixXd) otherwise.
template <class E, class R = double>
using eval_result_t =
    std::conditional_t<is_scalar_v<E>, R,
                       std::conditional_t<std::is_same_v<typename shape_of_t<E>::cols, unit_dim>,
                                          Eigen::Matrix<R, Eigen::Dynamic, 1>, Eigen::Matrix<R, Eigen::Dynamic, Eigen::Dynamic>>>;

}  // namespace symgrad

namespace symgrad::eval_detail {

// Test hook: incremented once per stored subterm computed (a rider counts, though its host
// computes it).
inline thread_local std::size_t subterm_evaluations = 0;

// Where each term's value lives: a scalar in its item, a column in a VectorXd, anything
// else in a MatrixXd; slot is the index in the array of its kind.
enum class storage_kind { scalar, vector, matrix };
template <class T>
inline constexpr storage_kind storage_v = is_scalar_v<T>                                         ? storage_kind::scalar
                                          : std::is_same_v<eval_result_t<T>, Eigen::VectorXd> ? storage_kind::vector
                                                                                              : storage_kind::matrix;

template <class Terms>
struct storage;
template <class... T>
struct storage<detail::type_list<T...>> {
  static constexpr std::array<storage_kind, sizeof...(T)> kind{storage_v<T>...};
  static constexpr std::size_t count(storage_kind k) {
    std::size_t n = 0;
    for (storage_kind x : kind) n += x == k;
    return n;
  }
  static constexpr std::array<std::size_t, sizeof...(T)> slot = [] {
    std::array<std::size_t, sizeof...(T)> r{};
    std::size_t next[3] = {0, 0, 0};
    for (std::size_t i = 0; i < sizeof...(T); ++i) r[i] = next[static_cast<int>(kind[i])]++;
    return r;
  }();
};

// Term T's shared step and the positions of the items it reads: its region's, for a term whose
// elementwise chain is fused or that hosts riders; none, for a rider (fuse.hpp).
template <class Fusion, class Items, class T, computed_by Way = Fusion::template way_v<T>>
struct term_of {
  using step = typename step_of<T>::type;
  static constexpr const auto& at = operands_of<T, Items>::value;
};
template <class Fusion, class Items, class T>
struct term_of<Fusion, Items, T, computed_by::region> {
  using step = typename region<Fusion, T>::step;
  static constexpr const auto& at = region<Fusion, T>::template at<Items>;
};
template <class Fusion, class Items, class T>
struct term_of<Fusion, Items, T, computed_by::host> {
  using step = ridden;
  static constexpr std::array<std::size_t, 0> at{};
};

// Entries for a run in plan order: a term takes the entry of an earlier one of the same kind and
// shape whose last reader has already run, as hand-written backprop reuses its buffers for every
// layer. The working set of a deep network then stays within the cache instead of growing with
// its depth. The same shape means the same extents, so a taken entry keeps its size. Roots
// keep their own entries (their values are the results), and so does every term when the plan
// runs in blocks (stream.hpp computes the terms in another order).
template <class Terms, class Roots, class Fusion, class Items>
struct whole_run_slots;
template <class... T, class Roots, class Fusion, class Items>
struct whole_run_slots<detail::type_list<T...>, Roots, Fusion, Items> {
  template <class L, class... S>
  struct distinct { using type = L; };
  template <class L, class S, class... Rest>
  struct distinct<L, S, Rest...> : distinct<detail::push_unique_t<L, S>, Rest...> {};
  using shapes = typename distinct<detail::type_list<>, shape_of_t<T>...>::type;  // index_of_v needs them distinct
  static constexpr std::array<bool, sizeof...(T) + 1> root{detail::in_list_v<T, Roots>..., true};
  static constexpr std::array<std::size_t, sizeof...(T) + 1> shape_id{detail::index_of_v<shape_of_t<T>, shapes>..., 0};
  static constexpr std::array<std::size_t, sizeof...(T) + 1> value = [] {
    constexpr std::size_t n = sizeof...(T);
    using store = storage<detail::type_list<T...>>;
    std::array<std::size_t, n + 1> last{}, slot{};
    [[maybe_unused]] std::size_t reader = 0;
    ([&] {
      for (std::size_t j : term_of<Fusion, Items, T>::at)
        if (j < n) last[j] = reader;
      ++reader;
    }(), ...);
    bool open[n + 1] = {};  // term j's entry can be taken
    for (std::size_t i = 0; i < n; ++i) {
      slot[i] = store::slot[i];
      if (store::kind[i] == storage_kind::scalar || root[i]) continue;
      for (std::size_t j = 0; j < i; ++j)
        if (open[j] && last[j] < i && store::kind[j] == store::kind[i] && shape_id[j] == shape_id[i]) {
          slot[i] = slot[j];
          open[j] = false;
          break;
        }
      open[i] = true;
    }
    return slot;
  }();
};

template <class... L>
struct concat;
template <class... A, class... B, class... C>
struct concat<detail::type_list<A...>, detail::type_list<B...>, detail::type_list<C...>> { using type = detail::type_list<A..., B..., C...>; };

// A term's computation as data: its shared step and the positions of the operands it reads.
// The plan's terms are a table that a loop runs, so a term costs the compiler a constant, not
// a function of its own (a name holding the plan's type, a body to inline and optimise) for
// each way of running the plan (whole, in blocks). Every row is an indirect call, a scalar
// term's too: a few nanoseconds, not measurable beside the vector and matrix steps.
template <class R>
struct term_step {
  void (*run)(item<R>&, const sink<R>&, const item<R>*, const std::size_t*);
  const std::size_t* at;
};

template <class Step, class R>
void call_step(item<R>& self, const sink<R>& out, const item<R>* in, const std::size_t* at) {
  run_step(Step{}, self, out, in, at);
}

template <class Fusion, class R, class Items, class T>
constexpr term_step<R> step_entry() {
  using t = term_of<Fusion, Items, T>;
  return {&call_step<typename t::step, R>, t::at.data()};
}

// One spare row, so that a plan without terms still has a table.
template <class Fusion, class R, class Items, class Terms>
struct step_table;
template <class Fusion, class R, class Items, class... T>
struct step_table<Fusion, R, Items, detail::type_list<T...>> {
  static constexpr term_step<R> value[sizeof...(T) + 1] = {step_entry<Fusion, R, Items, T>()..., {nullptr, nullptr}};
};

// A workspace as a loop over its terms reads it: its arrays and its plan's tables, of one type
// for every plan, so that a term's computation and the blocked run of stream.hpp are compiled
// once per number type, not once per plan. A view: a const one still writes through to the
// workspace.
template <class R>
struct space_ref {
  item<R>* items;
  vector_t<R>* vecs;
  matrix_t<R>* mats;
  vector_t<R>* scratch;
  matrix_t<R>* sums;
  R* scalar_sums;
  R* summed;
  matrix_t<R>* parts;
  const term_step<R>* steps;
  const storage_kind* kind;
  const std::size_t* slot;
  std::size_t n_terms, n_vars, n_items;

  // Where term i writes its value: its item and its cache entry; grow_only for a block of
  // rows (stream.hpp).
  sink<R> sink_of(std::size_t i, bool grow_only = false) const {
    return {&items[i], kind[i] == storage_kind::vector ? vecs + slot[i] : nullptr,
            kind[i] == storage_kind::matrix ? mats + slot[i] : nullptr, scratch, grow_only};
  }
  // Computes term i with its shared step.
  void compute(std::size_t i, bool grow_only = false) const {
    ++subterm_evaluations;
    steps[i].run(items[i], sink_of(i, grow_only), items, steps[i].at);
  }
};

// Where an evaluation keeps its values: the items (scalars, views of bindings and of
// cached terms), cache entries for the vector and matrix terms (one each in the blocked run,
// shared by terms with disjoint lives in a run in plan order) and scratch space for kernels.
// Kept by a compiled evaluator, its storage is reused: a second evaluation with the same
// extents allocates nothing (one that switches between blocked and whole runs resizes).
template <class Plan, class R = double>
struct workspace {
  using terms = typename Plan::terms;
  using vars = typename Plan::vars;
  using leaves = typename Plan::leaves;
  using items_t = typename concat<terms, vars, leaves>::type;
  using store = storage<terms>;
  static constexpr std::size_t n_terms = terms::size, n_vars = vars::size;

  item<R> items[items_t::size];  // never empty: every root is an item
  // One spare entry each, so that neither array is empty.
  vector_t<R> vecs[store::count(storage_kind::vector) + 1];
  matrix_t<R> mats[store::count(storage_kind::matrix) + 1];
  vector_t<R> scratch;
  // Streaming: the sums of the reductions' block parts, and the entries they summed.
  matrix_t<R> sums[n_terms + 1];
  R scalar_sums[n_terms + 1] = {};
  R summed[n_terms + 1] = {};
  // Threads: each reduction's part of each chunk this workspace computed (stream.hpp).
  matrix_t<R> parts[n_terms + 1];

  // Where a root's value is: the item of its evaluation form.
  template <class E>
  static constexpr std::size_t root_index = detail::index_of_v<typename Plan::template root_t<E>, items_t>;

  // A root's value, in place: a term's cache entry or scalar item. Not for a vector or
  // matrix variable (see take).
  template <class E>
  auto& at() {
    constexpr std::size_t i = root_index<E>;
    if constexpr (is_scalar_v<E>) return items[i].s;
    else if constexpr (store::kind[i] == storage_kind::vector) return vecs[store::slot[i]];
    else return mats[store::slot[i]];
  }

  static constexpr const term_step<R>* steps = step_table<typename Plan::fusion, R, items_t, terms>::value;

  // The workspace seen by a loop over its terms; slots: the terms' entries (store::slot, one
  // each, or whole_slots for a run in plan order).
  space_ref<R> ref(const std::size_t* slots = store::slot.data()) {
    return {items, vecs, mats, &scratch, sums, scalar_sums, summed, parts, steps, store::kind.data(), slots,
            n_terms, n_vars, items_t::size};
  }
  static constexpr const std::size_t* whole_slots =
      whole_run_slots<terms, typename Plan::roots, typename Plan::fusion, items_t>::value.data();

  // A root's result; moved out of its entry unless the same root is asked for again later.
  template <class E, bool Move>
  eval_result_t<E, R> take() {
    constexpr std::size_t i = root_index<E>;
    if constexpr (is_scalar_v<E>) return items[i].s;
    else if constexpr (i >= n_terms) return eval_result_t<E, R>(as_matrix(items[i].v));  // a variable
    else if constexpr (Move) return std::move(at<E>());
    else return at<E>();
  }
};

}  // namespace symgrad::eval_detail
