#pragma once
// The independent reference of the random-expression tests: every operation written out in
// scalar ADOL-C code (adouble), one loop over the entries per operation, from its definition.
// Nothing here uses symgrad. A value is a dense row x column array of adoubles (a scalar is
// 1 x 1); elementwise operations broadcast as NumPy does. The tape is recorded afresh at
// every point, so the branches on values (relu, the sign in softplus, the shift of
// logsumexp) are those of the point being differentiated.
#include <cstddef>
#include <vector>

#include <adolc/adouble.h>

namespace ref {

struct M {
  int rows = 1, cols = 1;
  std::vector<adouble> v;  // column-major
  M() = default;
  M(int r, int c) : rows(r), cols(c), v(static_cast<std::size_t>(r * c)) {}
  adouble& operator()(int i, int j) { return v[static_cast<std::size_t>(i + rows * j)]; }
  const adouble& operator()(int i, int j) const { return v[static_cast<std::size_t>(i + rows * j)]; }
};

// The variables of the tests, as independents of the tape.
struct Vars {
  M a, b, u, v, p, r, A, B;
};

M C(double c);  // a constant, 1 x 1

M Add(const M& x, const M& y);
M Sub(const M& x, const M& y);
M Mul(const M& x, const M& y);
M Div(const M& x, const M& y);
M Neg(const M& x);
M Pow(const M& x, double e);  // integer exponents by products, others by pow (positive bases)
M Sqrt(const M& x);
M Exp(const M& x);
M Log(const M& x);
M Sin(const M& x);
M Cos(const M& x);
M Tanh(const M& x);
M Sigmoid(const M& x);
M Softplus(const M& x);
M Relu(const M& x);
M T(const M& x);
M Sum(const M& x);
M Mean(const M& x);
M MatMul(const M& x, const M& y);  // a 1 x 1 operand scales
M RowSums(const M& x);
M ColSums(const M& x);
M LogSumExp(const M& x);  // along the class axis: each row of a matrix, the whole of a column
M Softmax(const M& x);
M LogSoftmax(const M& x);
M Bce(const M& a, const M& y);
M CrossEntropy(const M& p, const M& y);
M Mse(const M& p, const M& t);

}  // namespace ref

namespace ref {

// f recorded on a tape at x (the variables' entries in the order a, b, u, v, p, r, A, B,
// each column-major; m, n, k the extents) and differentiated in reverse mode by
// ADOL-C's gradient driver.
struct taped {
  double value = 0;
  std::vector<double> gradient;
};
taped tape(M (*f)(const Vars&), const std::vector<double>& x, int m, int n, int k);

}  // namespace ref
