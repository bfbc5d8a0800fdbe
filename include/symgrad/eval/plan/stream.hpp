#pragma once
// Streaming, decided at compile time: a plan whose results are sums over the rows of its
// data (X^T f(X w + b), sum(...), mean(...), 1^T G) can be evaluated a block of rows at a
// time, so that each block of X and of the terms computed from it is used again from cache
// (blocks per plan: plan_block_rows), and split among threads or processes. The rows are
// those of the plan's batch dimension D: the rows of its first data matrix.
//
// Each term has a role with respect to D, from its operation and its operands' roles:
// - free: no D; computed once, before the blocks (w, b, W^T, 1 / m);
// - local: D rows, each row computed from the same row of its operands (X w + b,
//   sigmoid(.) - y, logsumexp of each row, G W^T); computed per block;
// - local_transposed: ones with D columns, the left factor of 1^T G; filled per block;
// - reduction: no D, a sum over D of local terms (sum, mean, L1^T L2, 1^T G); its block
//   parts are accumulated;
// - after: no D, computed from reductions, after the blocks (X^T r / m).
// Anything else (a local term transposed, D x D, a logsumexp over a whole column, a local
// term that reads a reduction) makes the plan unsupported: it is evaluated whole. So is a
// plan with a local root (its result has D rows) or without a reduction.
#include <algorithm>
#include <array>
#include <cstddef>
#include <type_traits>

#include <Eigen/Core>

#include "../../detail/type_list.hpp"
#include "../../expr/nodes.hpp"
#include "plan.hpp"
#include "workspace.hpp"

namespace symgrad::eval_detail {

// A term's role with respect to the batch dimension D (see above).
enum class role { free, local, local_transposed, reduction, after, unsupported };

template <class S, class D>
constexpr role shape_role() {
  constexpr bool rows = std::is_same_v<typename S::rows, D>, cols = std::is_same_v<typename S::cols, D>;
  return rows && cols ? role::unsupported : rows ? role::local : cols ? role::local_transposed : role::free;
}

template <class T, class D>
struct role_of {  // constants, dimensions, invalid_expr
  static constexpr role value = role::free;
};
template <class T, class D>
inline constexpr role role_v = role_of<T, D>::value;

template <fixed_string N, class S, class P, class D>
struct role_of<var<N, S, P>, D> {
  static constexpr role value = shape_role<S, D>() == role::local_transposed ? role::unsupported : shape_role<S, D>();
};
template <class S, class D>
struct role_of<ones<S>, D> { static constexpr role value = shape_role<S, D>(); };
template <class S, class D>
struct role_of<zeros<S>, D> { static constexpr role value = shape_role<S, D>(); };
template <class E, class D>
struct role_of<eye<E>, D> { static constexpr role value = std::is_same_v<E, D> ? role::unsupported : role::free; };

// Elementwise: local if an operand is local and the others are free (broadcast).
template <role... R>
constexpr role elementwise_role() {
  constexpr role roles[] = {R..., role::free};
  bool local = false, late = false;
  for (role r : roles) {
    if (r == role::unsupported || r == role::local_transposed) return role::unsupported;
    local = local || r == role::local;
    late = late || r == role::reduction || r == role::after;
  }
  if (local) return late ? role::unsupported : role::local;
  return late ? role::after : role::free;
}
template <class Op, class... A, class D>
struct role_of<node<Op, A...>, D> { static constexpr role value = elementwise_role<role_v<A, D>...>(); };

template <class A, class D>
struct role_of<node<op::transpose, A>, D> {
  static constexpr bool local = role_v<A, D> == role::local || role_v<A, D> == role::local_transposed;
  static constexpr role value = local ? role::unsupported : role_v<A, D>;
};

template <role R>
inline constexpr role reduced_role = R == role::local              ? role::reduction
                                     : R == role::local_transposed ? role::unsupported
                                     : R == role::reduction        ? role::after
                                                                   : R;
template <class A, class D>
struct role_of<node<op::sum, A>, D> { static constexpr role value = reduced_role<role_v<A, D>>; };
template <class A, class D>
struct role_of<node<op::mean, A>, D> { static constexpr role value = reduced_role<role_v<A, D>>; };
template <class A, class D>
struct role_of<node<op::logsumexp, A>, D> {  // per row: local; over a whole local column: not
  static constexpr bool whole = std::is_same_v<typename shape_of_t<A>::cols, unit_dim>;
  static constexpr role value = role_v<A, D> == role::local && whole ? role::unsupported
                                                                   : elementwise_role<role_v<A, D>>();
};

// A factor of a product, read through a transpose as the plan reads it.
template <class A, class D>
struct factor_role { static constexpr role value = role_v<A, D>; };
template <class A, class D>
  requires(!is_scalar_v<A>)
struct factor_role<node<op::transpose, A>, D> {
  static constexpr role value = role_v<A, D> == role::local              ? role::local_transposed
                                : role_v<A, D> == role::local_transposed ? role::local
                                                                         : role_v<A, D>;
};

template <std::size_t N>
constexpr role product_role(const std::array<bool, N>& scalar, const std::array<role, N>& roles) {
  std::size_t matrices = 0, locals = 0, first = N;
  bool late = false, late_scalar = false;
  for (std::size_t i = 0; i < N; ++i) {
    if (roles[i] == role::unsupported) return role::unsupported;
    const bool l = roles[i] == role::local || roles[i] == role::local_transposed;
    late = late || roles[i] == role::reduction || roles[i] == role::after;
    if (scalar[i]) {
      late_scalar = late_scalar || roles[i] != role::free;
      continue;
    }
    if (first == N) first = i;
    ++matrices;
    locals += l;
  }
  if (locals == 0) return late ? role::after : role::free;
  if (late_scalar) return role::unsupported;  // a block would need a value not yet computed
  std::size_t second = first + 1;
  while (second < N && scalar[second]) ++second;
  if (matrices == 2 && roles[first] == role::local_transposed && roles[second] == role::local) return role::reduction;
  if (roles[first] != role::local || late) return role::unsupported;
  for (std::size_t i = first + 1; i < N; ++i)
    if (!scalar[i] && roles[i] != role::free) return role::unsupported;
  return role::local;
}
template <class... A, class D>
struct role_of<node<op::matmul, A...>, D> {
  static constexpr role value = product_role<sizeof...(A)>({is_scalar_v<A>...}, {factor_role<A, D>::value...});
};

// The batch dimension: the rows of the first matrix variable with named rows that a walk of
// the roots in their given order meets, operands in the plan's walk order. From the roots as
// given, not from Plan::vars, whose order follows the order the terms are planned in
// (lowest_first, plan.hpp). Memoised per subterm.
template <class E>
struct batch_dim { using type = void; };
template <class L>
struct first_batch_dim;
template <>
struct first_batch_dim<detail::type_list<>> { using type = void; };
template <class E, class... Es>
struct first_batch_dim<detail::type_list<E, Es...>> {
  using head = typename batch_dim<E>::type;
  using type = std::conditional_t<!std::is_void_v<head>, head, typename first_batch_dim<detail::type_list<Es...>>::type>;
};
template <fixed_string N, class S, class P>
struct batch_dim<var<N, S, P>> {
  static constexpr bool data = is_named_dim_v<typename S::rows> && !std::is_same_v<typename S::cols, unit_dim>;
  using type = std::conditional_t<data, typename S::rows, void>;
};
template <class Op, class... A>
struct batch_dim<node<Op, A...>> : first_batch_dim<typename read_operands<Op, A...>::type> {};

// What the blocked run needs to know of a term besides its step: whether it is a mean, and
// for ones and zeros (filled to each block), their value and which extents are the block's.
struct fill_info {
  int value = -1;  // -1: not a fill
  bool rows = false, cols = false;
};
template <class T, class D>
inline constexpr fill_info fill_info_v{};
template <class S, class D>
inline constexpr fill_info fill_info_v<ones<S>, D>{1, std::is_same_v<typename S::rows, D>, std::is_same_v<typename S::cols, D>};
template <class S, class D>
inline constexpr fill_info fill_info_v<zeros<S>, D>{0, std::is_same_v<typename S::rows, D>, std::is_same_v<typename S::cols, D>};
template <class T>
inline constexpr bool is_mean_v = false;
template <class A>
inline constexpr bool is_mean_v<node<op::mean, A>> = true;

// A workspace as the blocked run reads it: its arrays, steps and its plan's roles. Of one type
// for every plan: the blocked run below is compiled once per number type.
template <class R>
struct stream_space : space_ref<R> {
  const role* roles;
  const fill_info* fills;
  const bool* means;
  const role* var_roles;
};

template <class Plan, class D = typename first_batch_dim<typename Plan::roots>::type>
struct stream_plan {
  static constexpr bool value = false;
};
template <class Plan, class D>
  requires(!std::is_void_v<D>)
struct stream_plan<Plan, D> {
  using dim = D;
  template <class L>
  struct of;
  template <class... T>
  struct of<detail::type_list<T...>> {
    static constexpr std::array<role, sizeof...(T) + 1> roles{role_v<T, D>..., role::free};
  };
  template <class L>
  struct facts;
  template <class... T>
  struct facts<detail::type_list<T...>> {
    static constexpr std::array<fill_info, sizeof...(T) + 1> fills{fill_info_v<T, D>..., fill_info{}};
    static constexpr std::array<bool, sizeof...(T) + 1> means{is_mean_v<T>..., false};
  };
  static constexpr auto roles = of<typename Plan::terms>::roles;
  static constexpr auto fills = facts<typename Plan::terms>::fills;
  static constexpr auto means = facts<typename Plan::terms>::means;
  static constexpr auto var_roles = of<typename Plan::vars>::roles;
  static constexpr auto root_roles = of<typename Plan::roots>::roles;
  // Whether every local term is a vector (see plan_block_rows).
  template <class L>
  struct vectors;
  template <class... T>
  struct vectors<detail::type_list<T...>> {
    static constexpr bool value =
        ((role_v<T, D> != role::local || std::is_same_v<typename shape_of_t<T>::cols, unit_dim>) && ...);
  };
  static constexpr bool local_vectors_only = vectors<typename Plan::terms>::value;
  template <class R>
  static stream_space<R> space(workspace<Plan, R>& ws) {
    return {ws.ref(), roles.data(), fills.data(), means.data(), var_roles.data()};
  }
  static constexpr bool value = [] {
    bool reduces = false;
    for (role r : roles) {
      if (r == role::unsupported) return false;
      reduces = reduces || r == role::reduction;
    }
    for (role r : root_roles)
      if (r == role::local || r == role::local_transposed || r == role::unsupported) return false;
    return reduces;
  }();
};

// No threads: eval and eval_all, whose plans then compile without a team's code.
struct no_helpers {};

// An evaluation in one process: its bindings are all the rows (symgrad/mpi.hpp: across_ranks).
struct one_process {
  static constexpr bool sharded = false;
  template <class Extents, class Check>
  void agree(Extents&, Check&& check) { check(); }
  // Runs the blocks (up to the reductions' sums, of `sums` numbers in all: see pack_sums).
  template <class Space, class Blocks>
  void reduce(Space&, std::size_t, Blocks&& blocks) { blocks(); }
};

// Test hook: incremented once per evaluation made in blocks of rows.
inline thread_local std::size_t streamed_evaluations = 0;

// Rows per block: the data's blocks (of all local variables together) about 64 KB, so
// that they stay in cache between their two reads, with the blocks of the terms computed
// from them. Measured for logistic regression at (200000, 100) on the first benchmark
// machine: 64 KB 0.61-0.64x hand-written, 256 KB 0.66-0.68x, 512 KB 0.83x (a plan of local
// vectors, which now takes eighths: see below).
template <class R>
Eigen::Index block_rows(Eigen::Index data_columns) {
  constexpr Eigen::Index entries = 65536 / sizeof(R);
  const Eigen::Index rows = entries / (data_columns > 0 ? data_columns : 1);
  return rows < 64 ? 64 : rows;
}

// Rows per block of a plan. With a local matrix among its terms (a network's layers, softmax's
// P, a Hessian's weighted X): as above, so that the block's layers stay in cache too. With
// local vectors only (least squares, logistic regression) only X's block would, and short
// blocks cost more than X's second read: each of its columns is a short run. There the blocks
// are eighths of the rows (when larger than the 64 KB block): 8 chunks, so such a plan is
// shared among at most 8 threads, and its entries hold an eighth of the whole run's. Least
// squares took, against the hand-written code in one process, at 10000 x 100 1.09-1.12x in
// 64 KB blocks, 0.89-0.91x in eighths, 0.85x whole; at 200000 x 100 0.63-0.66x, 0.49-0.52x
// and 0.53x (logistic regression 0.65-0.68x, 0.52-0.56x and 0.58-0.60x).
inline constexpr Index vector_plan_blocks = 8;
template <class R>
Index plan_block_rows(Index rows, Index data_columns, bool local_vectors_only) {
  const Index small = block_rows<R>(data_columns), eighth = (rows + vector_plan_blocks - 1) / vector_plan_blocks;
  return local_vectors_only && eighth > small ? eighth : small;
}

// Whether to evaluate in blocks: only data that does not fit in a core's cache (2 MB) gains
// from it (at (1797, 64 + 10) in blocks, softmax regression took 1.26x the time of the
// hand-written code instead of 1.18x).
template <class R>
bool streams(Eigen::Index rows, Eigen::Index data_columns) {
  constexpr double cache_bytes = 2.0 * 1024 * 1024;
  return static_cast<double>(rows) * static_cast<double>(data_columns) * sizeof(R) > cache_bytes &&
         rows > 2 * block_rows<R>(data_columns);
}

// ---- the blocked run: the terms by role, the local ones once per block ------------------------

// A local term for a block of `rows` rows: ones and zeros with D rows (or columns) filled
// to the block, others computed on the block's operands into entries that only grow.
template <class R>
void compute_local(const stream_space<R>& ws, std::size_t i, Index rows) {
  const fill_info f = ws.fills[i];
  if (f.value < 0) return ws.compute(i, true);
  const std::size_t* at = ws.steps[i].at;  // a fill's: its extents (fills are never fused)
  const Index r = f.rows ? rows : static_cast<Index>(ws.items[at[0]].s);
  const Index c = f.cols ? rows : static_cast<Index>(ws.items[at[1]].s);
  fill(ws.sink_of(i, true), r, c, static_cast<R>(f.value));
}

// A reduction's part for one block, added to its sum; a mean's part counts its entries. Out of
// line, as keep_part and add_chunk: Eigen's loops stay out of the block loop.
template <class R>
[[gnu::noinline]] void add_part(const item<R>& part, bool scalar, bool mean, bool first, R& scalar_sum, R& summed,
                                matrix_t<R>& sum) {
  if (scalar) {
    R weight = 1;
    if (mean) {
      weight = static_cast<R>(part.v.size());
      summed = (first ? 0 : summed) + weight;
    }
    scalar_sum = (first ? 0 : scalar_sum) + part.s * weight;
  } else if (first) {
    sum = as_matrix(part.v);
  } else {
    sum += as_matrix(part.v);
  }
}
template <class R>
void accumulate(const stream_space<R>& ws, std::size_t i, bool first) {
  ws.compute(i);
  add_part(ws.items[i], ws.kind[i] == storage_kind::scalar, ws.means[i], first, ws.scalar_sums[i], ws.summed[i],
           ws.sums[i]);
}

// The blocks of rows, in chunks: a chunk is the unit of work of a thread, and its part of
// each reduction is kept apart, then the parts are added in chunk order. The chunks depend
// on the data's size only, never on the thread count, so the results are bit-identical for
// every count. At most max_chunks of them: enough to share among threads, few enough that
// keeping the parts costs nothing (a plan of local vectors has at most 8 blocks, so 8 chunks).
inline constexpr Index max_chunks = 64;
struct chunking {
  Index block, rows, count;  // rows per block, rows per chunk (whole blocks), chunks
  chunking(Index m, Index block_rows) : block(block_rows) {
    const Index blocks = (m + block - 1) / block, per_chunk = (blocks + max_chunks - 1) / max_chunks;
    rows = per_chunk * block;
    count = (m + rows - 1) / rows;
  }
  // Thread t's chunks among n threads: [first(t, n), first(t + 1, n)).
  Index first(std::size_t t, std::size_t n) const { return count * static_cast<Index>(t) / static_cast<Index>(n); }
};

// One reduction's part for chunk j of those a workspace computed: its sum (and a mean's count,
// in the second row) in column j of parts.
template <class R>
[[gnu::noinline]] void keep_part(matrix_t<R>& parts, Index j, Index chunks, bool scalar, R scalar_sum, R summed,
                                 const matrix_t<R>& sum) {
  if (scalar) {
    if (parts.rows() != 2 || parts.cols() != chunks) parts.resize(2, chunks);
    parts(0, j) = scalar_sum;
    parts(1, j) = summed;
  } else {
    if (parts.rows() != sum.size() || parts.cols() != chunks) parts.resize(sum.size(), chunks);
    std::copy_n(sum.data(), sum.size(), parts.col(j).data());
  }
}
// Chunk c's part (column j of parts) added to a reduction's sum; chunk 0's assigned. The first
// workspace computed chunk 0, so its sums have the reductions' shapes.
template <class R>
[[gnu::noinline]] void add_chunk(const matrix_t<R>& parts, Index j, Index c, bool scalar, R& scalar_sum, R& summed,
                                 matrix_t<R>& sum) {
  if (scalar) {
    scalar_sum = c == 0 ? parts(0, j) : scalar_sum + parts(0, j);
    summed = c == 0 ? parts(1, j) : summed + parts(1, j);
  } else {
    auto to = Eigen::Map<vector_t<R>>(sum.data(), sum.size());
    if (c == 0) to = parts.col(j);
    else to += parts.col(j);
  }
}

template <class R>
void keep_parts(const stream_space<R>& ws, Index j, Index chunks) {
  for (std::size_t i = 0; i < ws.n_terms; ++i)
    if (ws.roles[i] == role::reduction)
      keep_part(ws.parts[i], j, chunks, ws.kind[i] == storage_kind::scalar, ws.scalar_sums[i], ws.summed[i],
                ws.sums[i]);
}
// Thread t's chunks' parts (of n threads; `parts`, those of its workspace) added to the
// reductions' sums: called for t = 0, 1, ..., n - 1, the chunks are added in their order.
template <class R>
void combine_chunks(const stream_space<R>& ws, const matrix_t<R>* parts, const chunking& ch, std::size_t t,
                    std::size_t n) {
  for (std::size_t i = 0; i < ws.n_terms; ++i) {
    if (ws.roles[i] != role::reduction) continue;
    for (Index c = ch.first(t, n), j = 0; c < ch.first(t + 1, n); ++c, ++j)
      add_chunk(parts[i], j, c, ws.kind[i] == storage_kind::scalar, ws.scalar_sums[i], ws.summed[i], ws.sums[i]);
  }
}

// The sum in the reduction's entry (a mean divided by the entries it summed).
template <class R>
void finish_reduction(const stream_space<R>& ws, std::size_t i) {
  if (ws.kind[i] == storage_kind::scalar) {
    ws.items[i].s = ws.means[i] ? ws.scalar_sums[i] / ws.summed[i] : ws.scalar_sums[i];
  } else {
    const matrix_t<R>& s = ws.sums[i];
    std::copy_n(s.data(), s.size(), ws.sink_of(i).resize(s.rows(), s.cols()));
  }
}

// The reductions' sums as one array of numbers (a scalar's sum and count, a matrix's entries),
// for a sum over processes (symgrad/mpi.hpp).
template <class R, class F>
void each_sum(const stream_space<R>& ws, F&& f) {
  for (std::size_t i = 0; i < ws.n_terms; ++i) {
    if (ws.roles[i] != role::reduction) continue;
    if (ws.kind[i] == storage_kind::scalar) {
      f(&ws.scalar_sums[i], Index(1));
      f(&ws.summed[i], Index(1));
    } else {
      f(ws.sums[i].data(), ws.sums[i].size());
    }
  }
}
// The same count from the extents, before any arithmetic, so that every rank knows it even if
// its own evaluation fails. One function per shape of a reduction, not per term.
template <class S, class X>
std::size_t sum_entries(const X& ext) {
  if constexpr (is_scalar_shape_v<S>) return 2;
  else return static_cast<std::size_t>(ext.template of<typename S::rows>() * ext.template of<typename S::cols>());
}
template <class Plan, class X>
std::size_t expected_sums(const X& ext) {
  return [&]<class... T, std::size_t... I>(detail::type_list<T...>, std::index_sequence<I...>) {
    return ((stream_plan<Plan>::roles[I] == role::reduction ? sum_entries<shape_of_t<T>>(ext) : 0) + ... + 0);
  }(typename Plan::terms{}, std::make_index_sequence<Plan::terms::size>{});
}
template <class R>
std::size_t sums_size(const stream_space<R>& ws) {
  std::size_t n = 0;
  each_sum(ws, [&](R*, Index k) { n += static_cast<std::size_t>(k); });
  return n;
}
template <class R>
void pack_sums(const stream_space<R>& ws, R* out) {
  each_sum(ws, [&](R* x, Index k) { out = std::copy_n(x, k, out); });
}
template <class R>
void unpack_sums(const stream_space<R>& ws, const R* in) {
  each_sum(ws, [&](R* x, Index k) { std::copy_n(in, k, x), in += k; });
}

// The terms of role r, in plan order (those before the blocks, and after them).
template <class R>
void compute_all(const stream_space<R>& ws, role r) {
  for (std::size_t i = 0; i < ws.n_terms; ++i)
    if (ws.roles[i] == r) ws.compute(i);
}

// Chunks [c0, c1) block by block, each local variable bound to its block's rows (full:
// the whole variables), each reduction's part kept.
template <class R>
void run_chunks(const stream_space<R>& ws, const dense_view<R>* full, Index m, const chunking& ch, Index c0, Index c1) {
  for (Index c = c0; c < c1; ++c) {
    const Index end = (c + 1) * ch.rows < m ? (c + 1) * ch.rows : m;
    for (Index r0 = c * ch.rows; r0 < end; r0 += ch.block) {
      const Index rows = end - r0 < ch.block ? end - r0 : ch.block;
      for (std::size_t v = 0; v < ws.n_vars; ++v)
        if (ws.var_roles[v] == role::local)
          ws.items[ws.n_terms + v].v = {full[v].data + r0, rows, full[v].cols, full[v].outer};
      for (std::size_t i = 0; i < ws.n_terms; ++i) {
        const role r = ws.roles[i];
        if (r == role::local || r == role::local_transposed) compute_local(ws, i, rows);
        else if (r == role::reduction) accumulate(ws, i, r0 == c * ch.rows);
      }
    }
    keep_parts(ws, c - c0, c1 - c0);
  }
}

// A compiled evaluator's threads as the blocked run uses them: its team (none for one thread)
// and each worker's workspace (t >= 1), reached through its pool.
template <class R, class Team>
struct team_access {
  Team* team;
  void* pool;
  stream_space<R> (*space)(void* pool, std::size_t t);
};
template <class Plan, class R, class Pool>
auto access_of(Pool* pool) {
  if constexpr (std::is_same_v<Pool, no_helpers>) return no_helpers{};
  else {
    using team_t = std::remove_pointer_t<decltype(pool->team())>;
    return team_access<R, team_t>{pool ? pool->team() : nullptr, pool, [](void* p, std::size_t t) {
                                    return stream_plan<Plan>::space(static_cast<Pool*>(p)->space(t));
                                  }};
  }
}

// The free terms, then the chunks (shared among the team's threads, if any, each with a
// workspace of its own that starts as a copy of this one's items), up to the reductions'
// sums. full: the whole variables.
template <class R, class Team>
void run_blocks(const stream_space<R>& ws, const dense_view<R>* full, Index m, Index block, const Team& team) {
  compute_all(ws, role::free);
  const chunking ch(m, block);
  std::size_t n = 1;
  const auto space_of = [&](std::size_t t) -> stream_space<R> {
    if constexpr (std::is_same_v<Team, no_helpers>) return ws;
    else return t == 0 ? ws : team.space(team.pool, t);
  };
  // One call of run_chunks, whichever thread runs it.
  const auto job = [&](std::size_t t) {
    if (t < n) run_chunks(space_of(t), full, m, ch, ch.first(t, n), ch.first(t + 1, n));
  };
  if constexpr (!std::is_same_v<Team, no_helpers>) {
    n = team.team ? team.team->size() : 1;
    if (n > static_cast<std::size_t>(ch.count)) n = static_cast<std::size_t>(ch.count);
    if (n > 1) {
      for (std::size_t t = 1; t < n; ++t) std::copy_n(ws.items, ws.n_items, space_of(t).items);
      team.team->run(job);
    }
  }
  if (n == 1) job(0);
  for (std::size_t t = 0; t < n; ++t) combine_chunks(ws, space_of(t).parts, ch, t, n);
}

// The blocks up to the sums (added over processes by across.reduce: see one_process; `sums`
// numbers in all), then the sums in the reductions' entries and the terms after them. full:
// room for the whole variables' views while the blocks are bound.
template <class R, class Team, class Across>
void run_streamed(const stream_space<R>& ws, dense_view<R>* full, Index m, Index block, std::size_t sums,
                  const Team& team, Across& across) {
  ++streamed_evaluations;
  for (std::size_t v = 0; v < ws.n_vars; ++v) full[v] = ws.items[ws.n_terms + v].v;
  across.reduce(ws, sums, [&] { run_blocks(ws, full, m, block, team); });
  for (std::size_t v = 0; v < ws.n_vars; ++v) ws.items[ws.n_terms + v].v = full[v];
  for (std::size_t i = 0; i < ws.n_terms; ++i)
    if (ws.roles[i] == role::reduction) finish_reduction(ws, i);
  compute_all(ws, role::after);
}

}  // namespace symgrad::eval_detail
