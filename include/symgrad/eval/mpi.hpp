#pragma once
// Evaluation over the ranks of an MPI communicator, behind symgrad/mpi.hpp (optional: the target
// symgrad::mpi, with Open MPI). Each rank binds its own rows of the data; a call evaluates each
// rank's rows in blocks (with its threads, if it has them) and adds the ranks' sums in one
// MPI_Allreduce, so every rank gets the results over all the rows. Only a plan whose results are
// sums over the rows can be split (plan/stream.hpp); anything else is a compile error.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <exception>
#include <stdexcept>
#include <string_view>
#include <tuple>
#include <type_traits>
#include <utility>
#include <vector>

#include <mpi.h>

#include "evaluator.hpp"

namespace symgrad::diagnostic {

template <class... ResultShapes>
struct not_shardable {
  static_assert(always_false<ResultShapes...>,
                "symgrad: mpi::compile splits over ranks only results that are sums over the rows of the data "
                "(a loss, its gradients); a result with one entry per row, or a term that needs all the rows "
                "at once, cannot be split (the results' shapes: see not_shardable<shapes>)");
};

}  // namespace symgrad::diagnostic

namespace symgrad::eval_detail {

template <class R>
MPI_Datatype mpi_type() {
  return std::is_same_v<R, float> ? MPI_FLOAT : MPI_DOUBLE;
}

// What each rank tells the others before any arithmetic: whether its bindings were accepted
// (and if not, the error), which dimensions it binds (a fingerprint of their names, in order),
// its rows and its other extents. Of one size for every binding, so that ranks that bind
// differently still exchange reports, and learn that they do.
struct rank_report {
  static constexpr std::size_t max_dims = 32;
  std::int64_t failed = 0, kind = 0, rows = 0;
  std::uint64_t dims = 0;
  std::int64_t extent[max_dims] = {};
  char message[256] = {};
};

// A communicator and the buffers of its collectives, kept by an evaluator so that a call
// allocates nothing.
template <class R>
struct rank_state {
  explicit rank_state(MPI_Comm c) : comm(c) {
    MPI_Comm_rank(c, &rank);
    MPI_Comm_size(c, &ranks);
    reports.resize(static_cast<std::size_t>(ranks));
  }
  MPI_Comm comm;
  int rank = 0, ranks = 1;
  std::vector<rank_report> reports;
  std::vector<R> sums;
};

// The policy of run_plan for an evaluation split over ranks (plan/stream.hpp: one_process).
// Every call makes the same two collectives on every rank, whatever fails where: one
// MPI_Allgather of the reports, then one MPI_Allreduce of the sums (and of a count of failures).
template <class Plan, class R, class Extents>
class across_ranks {
  using dim = typename stream_plan<Plan>::dim;
  static_assert(Extents::count <= rank_report::max_dims, "symgrad: mpi: at most 32 dimensions");

 public:
  static constexpr bool sharded = true;

  explicit across_ranks(rank_state<R>& s) : s_(s) {}

  // Runs this rank's checks of its bindings, then learns every rank's outcome: if a rank failed,
  // every rank throws (this one its own error, the others an error of the same kind naming that
  // rank), so none waits for the others. Then the ranks must bind the same dimensions with the
  // same extents, except the rows, whose extent becomes the total.
  template <class Check>
  void agree(Extents& ext, Check&& check) {
    rank_report& mine = s_.reports[static_cast<std::size_t>(s_.rank)];
    mine = rank_report{};
    std::exception_ptr error;
    try {
      check();
    } catch (const dimension_error& e) {
      error = std::current_exception();
      note(mine, 1, e.what());
    } catch (const value_error& e) {
      error = std::current_exception();
      note(mine, 2, e.what());
    } catch (const std::exception& e) {
      error = std::current_exception();
      note(mine, 3, e.what());
    } catch (...) {
      error = std::current_exception();
      note(mine, 3, "an exception that is not a std::exception");
    }
    if (!error) {
      mine.rows = ext.template of<dim>();
      for (std::size_t i = 0; i < Extents::count; ++i) {
        mine.dims = mine.dims * 1099511628211u + fingerprint(Extents::name(i));
        mine.extent[i] = i == Extents::template index<dim> ? 0 : ext[i];
      }
    }
    MPI_Allgather(MPI_IN_PLACE, 0, MPI_DATATYPE_NULL, s_.reports.data(), sizeof(rank_report), MPI_BYTE, s_.comm);
    for (int r = 0; r < s_.ranks; ++r) {
      const rank_report& x = s_.reports[static_cast<std::size_t>(r)];
      if (!x.failed) continue;
      if (error) std::rethrow_exception(error);
      if (x.kind == 1) throw_formatted<dimension_error>("symgrad::mpi: rank %d of %d: %s", r, s_.ranks, x.message);
      if (x.kind == 2) throw_formatted<value_error>("symgrad::mpi: rank %d of %d: %s", r, s_.ranks, x.message);
      throw_formatted<std::runtime_error>("symgrad::mpi: rank %d of %d: %s", r, s_.ranks, x.message);
    }
    const rank_report& first = s_.reports[0];
    std::int64_t rows = 0;
    for (int r = 0; r < s_.ranks; ++r) {
      const rank_report& x = s_.reports[static_cast<std::size_t>(r)];
      rows += x.rows;
      if (x.dims != first.dims)
        throw_formatted<dimension_error>(
            "symgrad::mpi: rank %d binds other variables than rank 0, or in another order: every rank binds the "
            "same variables, in the same order",
            r);
      for (std::size_t i = 0; i < Extents::count; ++i)
        if (x.extent[i] != first.extent[i]) {
          const std::string_view name = Extents::name(i);
          throw_formatted<dimension_error>(
              "symgrad::mpi: dimension '%.*s' is %lld on rank 0 but %lld on rank %d: the ranks split the rows "
              "of '%.*s' and bind everything else alike",
              length(name), name.data(), static_cast<long long>(first.extent[i]),
              static_cast<long long>(x.extent[i]), r, length(dim::name()), dim::name().data());
        }
    }
    ext.template set<dim>(static_cast<Index>(rows));
  }

  // Runs this rank's blocks, up to its sums, then adds every rank's sums in one MPI_Allreduce of
  // one buffer (`sums` numbers, and a count of the ranks whose blocks failed: if any did, every
  // rank throws, so none is left waiting).
  template <class Space, class Blocks>
  void reduce(Space& ws, std::size_t sums, Blocks&& blocks) {
    std::exception_ptr error;
    try {
      blocks();
      if (sums_size(ws) != sums) throw std::logic_error("symgrad::mpi: the sums are not of the size expected");
    } catch (...) {
      error = std::current_exception();
    }
    std::vector<R>& buffer = s_.sums;
    buffer.resize(sums + 1);
    if (error) std::fill(buffer.begin(), buffer.end(), R(0));
    else pack_sums(ws, buffer.data());
    buffer[sums] = error ? R(1) : R(0);
    MPI_Allreduce(MPI_IN_PLACE, buffer.data(), static_cast<int>(buffer.size()), mpi_type<R>(), MPI_SUM, s_.comm);
    if (error) std::rethrow_exception(error);
    if (buffer[sums] != 0)
      throw_formatted<std::runtime_error>("symgrad::mpi: %.0f other rank(s) failed during the evaluation (see their "
                                          "errors); no rank has results",
                                          static_cast<double>(buffer[sums]));
    unpack_sums(ws, buffer.data());
  }

 private:
  static std::uint64_t fingerprint(std::string_view name) {
    std::uint64_t h = 14695981039346656037u;
    for (char c : name) h = (h ^ static_cast<unsigned char>(c)) * 1099511628211u;
    return h;
  }
  static void note(rank_report& r, int kind, const char* what) {
    r.failed = 1;
    r.kind = kind;
    const int n = std::snprintf(r.message, sizeof r.message, "%s", what);
    if (n >= static_cast<int>(sizeof r.message)) std::snprintf(r.message + sizeof r.message - 5, 5, "...");
  }

  rank_state<R>& s_;
};

}  // namespace symgrad::eval_detail

namespace symgrad::mpi {

/// An evaluator of E... over the ranks of an MPI communicator: each rank calls it with its own
/// rows of the data (the rows of the first data matrix, dimension m say) and the same
/// parameters; every rank gets the results over all the rows (mean divides by the total of m).
/// Results are bit-identical from call to call for a given rank count, and equal to one
/// process's within rounding. A call is a collective: every rank of the communicator makes it.
/// Threads (threads(n)) split each rank's rows further.
template <class R, expression... E>
class basic_evaluator : private symgrad::basic_evaluator<R, E...> {
  using base = symgrad::basic_evaluator<R, E...>;
  using plan = eval_detail::plan<E...>;
  template <class... B>
  using across = eval_detail::across_ranks<plan, R, eval_detail::extents<eval_detail::dims_of_t<typename B::var_type...>>>;
  static constexpr bool shardable = eval_detail::stream_plan<plan>::value;

 public:
  using typename base::number;
  using base::set_threads;
  using base::thread_count;

  /// Throws value_error for threads(n > 1) if MPI was initialised for one thread only: the
  /// evaluator's own threads need MPI_Init_thread(..., MPI_THREAD_FUNNELED, ...) or above (only
  /// the calling thread calls MPI).
  explicit basic_evaluator(MPI_Comm comm, threads t = threads(1)) : base(t), ranks_(comm) {
    if constexpr (!shardable) (void)diagnostic::not_shardable<diagnostic::shape_text_t<shape_of_t<E>>...>{};
    int level = MPI_THREAD_SINGLE;
    MPI_Query_thread(&level);
    if (t.count > 1 && level < MPI_THREAD_FUNNELED)
      throw value_error("symgrad::mpi: threads(n) with n > 1 needs MPI initialised with MPI_Init_thread(..., "
                        "MPI_THREAD_FUNNELED, ...) or above; it was initialised with MPI_THREAD_SINGLE");
  }

  MPI_Comm communicator() const { return ranks_.comm; }
  int rank() const { return ranks_.rank; }
  int ranks() const { return ranks_.ranks; }

  /// Evaluates this rank's rows; every rank of the communicator must call it, binding the same
  /// variables in the same order. Throws on every rank (before any arithmetic) if the bindings
  /// of any rank are wrong, and on every rank if the evaluation fails on one.
  template <class... B>
  std::tuple<const eval_result_t<E, R>&...> operator()(const bindings<B...>& bs) {
    if constexpr (!std::is_same_v<eval_detail::number_of_t<B...>, R>)
      (void)diagnostic::evaluator_number_type<R, eval_detail::number_of_t<B...>>{};
    else if constexpr (!shardable) {}  // diagnosed by the constructor
    else if constexpr (eval_detail::can_evaluate_v<plan, B...>) this->run(bs, across<B...>(ranks_));
    else (void)eval_detail::missing_binding_t<plan, B...>{}, (void)eval_detail::undetermined_dimension_t<plan, B...>{};
    return this->results(std::index_sequence_for<E...>{});
  }

  /// As the call, then each result copied into a buffer the caller owns (see symgrad's into).
  template <class... B, class... Out>
  void into(const bindings<B...>& bs, Out&&... out) {
    base::write_all((*this)(bs), std::forward<Out>(out)...);
  }

 private:
  eval_detail::rank_state<R> ranks_;
};

template <expression... E>
using evaluator = basic_evaluator<double, E...>;

/// An evaluator of e... over the ranks of comm: `auto f = mpi::compile(MPI_COMM_WORLD, e1, e2)`,
/// with threads(n) in each rank: `mpi::compile(comm, threads(2), e1, e2)`.
template <class R = double, expression... E>
  requires eval_detail::is_number_v<R>
basic_evaluator<R, E...> compile(MPI_Comm comm, threads t, E...) {
  detail::check_variables<E...>();
  return basic_evaluator<R, E...>(comm, t);
}
template <class R = double, expression... E>
  requires eval_detail::is_number_v<R>
basic_evaluator<R, E...> compile(MPI_Comm comm, E... e) {
  return mpi::compile<R>(comm, threads(1), e...);
}

}  // namespace symgrad::mpi
