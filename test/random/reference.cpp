#include "reference.hpp"

#include <cmath>
#include <stdexcept>
#include <string>

#include <adolc/adolc.h>

namespace ref {

namespace {

void require(bool ok, const char* what) {
  if (!ok) throw std::logic_error(std::string("reference: ") + what);
}

// Broadcast extent of two extents (equal, or one of them 1).
int joint(int x, int y, const char* what) {
  require(x == y || x == 1 || y == 1, what);
  return x == 1 ? y : x;
}

template <class F>
M elementwise(const M& x, const M& y, F f) {
  M z(joint(x.rows, y.rows, "elementwise rows"), joint(x.cols, y.cols, "elementwise columns"));
  for (int j = 0; j < z.cols; ++j)
    for (int i = 0; i < z.rows; ++i)
      z(i, j) = f(x(x.rows == 1 ? 0 : i, x.cols == 1 ? 0 : j), y(y.rows == 1 ? 0 : i, y.cols == 1 ? 0 : j));
  return z;
}

template <class F>
M map(const M& x, F f) {
  M z(x.rows, x.cols);
  for (std::size_t i = 0; i < x.v.size(); ++i) z.v[i] = f(x.v[i]);
  return z;
}

adouble power(const adouble& x, double e) {
  if (e == std::floor(e) && std::abs(e) <= 8) {
    const int n = static_cast<int>(std::abs(e));
    adouble r = 1.0;
    for (int i = 0; i < n; ++i) r = r * x;
    return e < 0 ? 1.0 / r : r;
  }
  require(x.getValue() > 0, "fractional power of a non-positive number");
  return pow(x, e);
}

}  // namespace

M C(double c) {
  M z(1, 1);
  z.v[0] = c;
  return z;
}

M Add(const M& x, const M& y) { return elementwise(x, y, [](const adouble& s, const adouble& t) { return adouble(s + t); }); }
M Sub(const M& x, const M& y) { return elementwise(x, y, [](const adouble& s, const adouble& t) { return adouble(s - t); }); }
M Mul(const M& x, const M& y) { return elementwise(x, y, [](const adouble& s, const adouble& t) { return adouble(s * t); }); }
M Div(const M& x, const M& y) { return elementwise(x, y, [](const adouble& s, const adouble& t) { return adouble(s / t); }); }
M Neg(const M& x) { return map(x, [](const adouble& s) { return adouble(-s); }); }
M Pow(const M& x, double e) { return map(x, [e](const adouble& s) { return power(s, e); }); }
M Sqrt(const M& x) { return map(x, [](const adouble& s) { return adouble(sqrt(s)); }); }
M Exp(const M& x) { return map(x, [](const adouble& s) { return adouble(exp(s)); }); }
M Log(const M& x) { return map(x, [](const adouble& s) { return adouble(log(s)); }); }
M Sin(const M& x) { return map(x, [](const adouble& s) { return adouble(sin(s)); }); }
M Cos(const M& x) { return map(x, [](const adouble& s) { return adouble(cos(s)); }); }
M Tanh(const M& x) { return map(x, [](const adouble& s) { return adouble(tanh(s)); }); }
M Sigmoid(const M& x) { return map(x, [](const adouble& s) { return adouble(1.0 / (1.0 + exp(-s))); }); }
// log(1 + e^s), written so that the exponential never exceeds 1.
M Softplus(const M& x) {
  return map(x, [](const adouble& s) {
    return s.getValue() > 0 ? adouble(s + log(1.0 + exp(-s))) : adouble(log(1.0 + exp(s)));
  });
}
M Relu(const M& x) {
  return map(x, [](const adouble& s) { return s.getValue() > 0 ? adouble(s) : adouble(0.0); });
}

M T(const M& x) {
  M z(x.cols, x.rows);
  for (int j = 0; j < x.cols; ++j)
    for (int i = 0; i < x.rows; ++i) z(j, i) = x(i, j);
  return z;
}

M Sum(const M& x) {
  adouble s = 0.0;
  for (const adouble& e : x.v) s += e;
  M z(1, 1);
  z.v[0] = s;
  return z;
}

M Mean(const M& x) { return Div(Sum(x), C(static_cast<double>(x.v.size()))); }

M MatMul(const M& x, const M& y) {
  if (x.rows * x.cols == 1 || y.rows * y.cols == 1) return Mul(x, y);  // a scalar scales
  require(x.cols == y.rows, "matrix product");
  M z(x.rows, y.cols);
  for (int i = 0; i < x.rows; ++i)
    for (int j = 0; j < y.cols; ++j) {
      adouble s = 0.0;
      for (int l = 0; l < x.cols; ++l) s += x(i, l) * y(l, j);
      z(i, j) = s;
    }
  return z;
}

M RowSums(const M& x) {
  M z(x.rows, 1);
  for (int i = 0; i < x.rows; ++i) {
    adouble s = 0.0;
    for (int j = 0; j < x.cols; ++j) s += x(i, j);
    z(i, 0) = s;
  }
  return z;
}

M ColSums(const M& x) { return T(RowSums(T(x))); }

// log(sum(exp(.))) of each row of a matrix, of the whole of a column; the largest entry is
// shifted out (a constant of the tape: the value does not depend on it).
M LogSumExp(const M& x) {
  const M rows = x.cols == 1 ? T(x) : x;
  M z(rows.rows, 1);
  for (int i = 0; i < rows.rows; ++i) {
    double shift = rows(i, 0).getValue();
    for (int j = 1; j < rows.cols; ++j) shift = std::max(shift, rows(i, j).getValue());
    adouble s = 0.0;
    for (int j = 0; j < rows.cols; ++j) s += exp(rows(i, j) - shift);
    z(i, 0) = shift + log(s);
  }
  return z;
}

M LogSoftmax(const M& x) { return Sub(x, LogSumExp(x)); }
M Softmax(const M& x) { return Exp(LogSoftmax(x)); }

// -sum(y log p) over the classes, averaged over the samples (the rows; a column is one sample).
M CrossEntropy(const M& p, const M& y) {
  const M total = Neg(Sum(Mul(y, Log(p))));
  return p.cols == 1 ? total : Div(total, C(p.rows));
}

M Bce(const M& a, const M& y) {
  const M one = C(1.0);
  return Neg(Mean(Add(Mul(y, Log(a)), Mul(Sub(one, y), Log(Sub(one, a))))));
}

M Mse(const M& p, const M& t) { return Mean(Pow(Sub(p, t), 2)); }

taped tape(M (*f)(const Vars&), const std::vector<double>& x, int m, int n, int k) {
  const int count = static_cast<int>(x.size());
  require(count == 2 + 2 * n + m + k + m * n + n * k, "the number of independents");
  taped out;
  out.gradient.assign(x.size(), 0.0);
  trace_on(1);
  {
    Vars vars{M(1, 1), M(1, 1), M(n, 1), M(n, 1), M(m, 1), M(1, k), M(m, n), M(n, k)};
    std::size_t next = 0;
    for (M* var : {&vars.a, &vars.b, &vars.u, &vars.v, &vars.p, &vars.r, &vars.A, &vars.B})
      for (adouble& e : var->v) e <<= x[next++];
    const M y = f(vars);
    require(y.rows == 1 && y.cols == 1, "a scalar function");
    adouble value = y.v[0];
    value >>= out.value;
  }
  trace_off();
  require(gradient(1, count, x.data(), out.gradient.data()) >= 0, "ADOL-C's gradient driver failed");
  return out;
}

}  // namespace ref
