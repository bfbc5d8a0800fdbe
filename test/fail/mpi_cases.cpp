// The compile-fail case of symgrad/mpi.hpp (ctest fail.not_shardable, where MPI is found), as
// test/fail/cases.cpp: compiled as it is, then with SYMGRAD_KO.
#include <symgrad/mpi.hpp>

using namespace symgrad;

constexpr auto X = matrix<"X">(dim<"m">, dim<"n">);
constexpr auto w = vector<"w">(dim<"n">);
constexpr auto y = vector<"y">(dim<"m">);
constexpr auto b = scalar<"b">;
constexpr auto loss = bce(sigmoid(X * w + b), y);

#if defined(CASE_not_shardable)
#ifdef SYMGRAD_KO
// The probabilities have one entry per row: they cannot be summed over ranks.
auto f = mpi::compile(MPI_COMM_WORLD, loss, sigmoid(X * w + b));
#else
auto f = mpi::compile(MPI_COMM_WORLD, loss, grad(loss, w));
#endif
#endif
