#pragma once
// symgrad::mpi (optional: the target symgrad::mpi, with Open MPI): an evaluator whose rows are
// split over the ranks of an MPI communicator (eval/mpi.hpp), and the loss with its gradients
// over them for a training loop.
#include "eval/mpi.hpp"
#include "value_and_grad.hpp"

namespace symgrad::mpi {

/// The loss and its gradients over the ranks of comm, for a training loop:
/// `auto step = mpi::value_and_grad(f, wrt(w, b), MPI_COMM_WORLD);`.
template <class R = double, expression F, class... V>
auto value_and_grad(F f, wrt_t<V...>, MPI_Comm comm, threads t = threads(1)) {
  return [&]<class... G>(detail::type_list<G...>) { return mpi::compile<R>(comm, t, stable(f), G{}...); }(
      calculus::gradients(f, V{}...));
}

}  // namespace symgrad::mpi
