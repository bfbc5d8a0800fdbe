#pragma once
// logsumexp, softmax and log_softmax along the class axis: each row of a matrix Z (k samples
// of n classes), the whole of a vector z; and their adouble versions, written out with the
// largest entry shifted out (ad::logsumexp).
#include <cmath>
#include <vector>

#include "laws_support.hpp"

namespace laws {

inline constexpr auto ca_k = dim<"k">;
inline constexpr auto ca_n = dim<"n">;
inline constexpr auto ca_Z = matrix<"Z">(ca_k, ca_n);
inline constexpr auto ca_W = matrix<"W">(ca_k, ca_n);
inline constexpr auto ca_z = vector<"z">(ca_n);
inline constexpr auto ca_w = vector<"w">(ca_n);
inline constexpr auto ca_u = vector<"u">(ca_k);
inline constexpr auto ca_a = scalar<"a">;

// logsumexp of row i of an amat (a vector: i = 0 and its entries as the row).
inline adouble row_logsumexp(amat& z, Index i, bool vector) {
  std::vector<adouble*> row;
  const Index count = vector ? z.rows : z.cols;
  for (Index j = 0; j < count; ++j) row.push_back(vector ? &z(j) : &z(i, j));
  return ad::logsumexp(row);
}

// softmax of each row of a matrix (or of a vector), in double: the T of the laws below.
inline mat softmax_rows(const mat& z) {
  mat s(z.rows(), z.cols());
  for (Index i = 0; i < z.rows(); ++i) {
    const double top = z.row(i).maxCoeff();
    double total = 0;
    for (Index j = 0; j < z.cols(); ++j) total += std::exp(z(i, j) - top);
    for (Index j = 0; j < z.cols(); ++j) s(i, j) = std::exp(z(i, j) - top) / total;
  }
  return s;
}

}  // namespace laws
