// The program behind docs/errors.md. Built as it is, it shows the errors found at run time;
// with -DSYMGRAD_DOC_CASE_<name> it contains one mistake found at compile time, and the page
// quotes the compiler's message for it.
#include <cmath>
#include <iostream>
#include <string>
#include <utility>
#include <limits>

#include <symgrad/symgrad.hpp>

using namespace symgrad;

constexpr auto m = dim<"m">;
constexpr auto n = dim<"n">;
constexpr auto X = matrix<"X">(m, n);
constexpr auto w = vector<"w">(n);
constexpr auto b = scalar<"b">;
constexpr auto y = vector<"y">(m);
constexpr auto loss = bce(sigmoid(X * w + b), y);

// NaN's sign and the last bits of a subnormal differ between builds: printed by kind.
std::string show(double v) {
  if (std::isnan(v)) return "NaN";
  if (std::isinf(v)) return v > 0 ? "inf" : "-inf";
  if (std::abs(v) < 1e-300) return "0";
  return std::to_string(v);
}

#if defined(SYMGRAD_DOC_CASE_incompatible_shapes)
// [incompatible_shapes]
constexpr auto e = w + y;  // n x 1 plus m x 1
// [incompatible_shapes]
#elif defined(SYMGRAD_DOC_CASE_matrix_product_mismatch)
// [matrix_product_mismatch]
constexpr auto e = X * y;  // (m x n) (m x 1)
// [matrix_product_mismatch]
#elif defined(SYMGRAD_DOC_CASE_inexact_constant)
// [inexact_constant]
constexpr auto e = 0.5 * w;  // a double: write 0.5_c
// [inexact_constant]
#elif defined(SYMGRAD_DOC_CASE_non_constant_exponent)
// [non_constant_exponent]
constexpr auto e = pow(w, b);
// [non_constant_exponent]
#elif defined(SYMGRAD_DOC_CASE_grad_of_non_scalar)
// [grad_of_non_scalar]
constexpr auto e = grad(sigmoid(X * w), w);  // a vector: use jacobian
// [grad_of_non_scalar]
#elif defined(SYMGRAD_DOC_CASE_grad_wrt_non_variable)
// [grad_wrt_non_variable]
constexpr auto e = grad(loss, X * w);
// [grad_wrt_non_variable]
#elif defined(SYMGRAD_DOC_CASE_jacobian_needs_vectors)
// [jacobian_needs_vectors]
constexpr auto e = jacobian(X * w, X);  // with respect to a matrix
// [jacobian_needs_vectors]
#elif defined(SYMGRAD_DOC_CASE_jacobian_through_matrix)
// [jacobian_through_matrix]
constexpr auto e = jacobian((transpose(w) * w) * w, w);  // w^T, a row, lies between
// [jacobian_through_matrix]
#elif defined(SYMGRAD_DOC_CASE_diag_of_non_vector)
// [diag_of_non_vector]
constexpr auto e = diag(X);
// [diag_of_non_vector]
#elif defined(SYMGRAD_DOC_CASE_conflicting_variables)
// [conflicting_variables]
constexpr auto e = simplify(sum(vector<"v">(m)) + sum(vector<"v">(n)));  // one name, two shapes
// [conflicting_variables]
#elif defined(SYMGRAD_DOC_CASE_division_by_zero)
// [division_by_zero]
constexpr auto e = simplify(sum(w) / (b - b));
// [division_by_zero]
#endif

int main() {
#if defined(SYMGRAD_DOC_CASE_missing_binding)
  // [missing_binding]
  Eigen::MatrixXd Xd(3, 2);
  Eigen::VectorXd wd(2);
  double value = eval(loss, bind(X = Xd, w = wd, b = 0.0));  // y is not bound
  // [missing_binding]
  (void)value;
#elif defined(SYMGRAD_DOC_CASE_scalar_bound_to_matrix)
  // [scalar_bound_to_matrix]
  auto at = bind(w = 1.0);  // w is a vector
  // [scalar_bound_to_matrix]
  (void)at;
#elif defined(SYMGRAD_DOC_CASE_bound_twice)
  // [bound_twice]
  Eigen::VectorXd w1(2), w2(2);
  auto at = bind(w = w1, w = w2);
  // [bound_twice]
  (void)at;
#elif defined(SYMGRAD_DOC_CASE_check_of_non_scalar)
  // [check_of_non_scalar]
  Eigen::MatrixXd Xd = Eigen::MatrixXd::Ones(3, 2);
  Eigen::VectorXd wd = Eigen::VectorXd::Zero(2);
  auto r = check_gradient(sigmoid(X * w), w, bind(X = Xd, w = wd));  // a vector, not a loss
  // [check_of_non_scalar]
  (void)r;
#elif defined(SYMGRAD_DOC_CASE_undetermined_dimension)
  // [undetermined_dimension]
  double value = eval(sum(ones<shape<dim_t<"k">, unit_dim>>{} + b), bind(b = 1.0));  // nothing has k
  // [undetermined_dimension]
  (void)value;
#else
  Eigen::MatrixXd Xd = Eigen::MatrixXd::Ones(5, 30);
  Eigen::VectorXd yd = Eigen::VectorXd::Zero(5);
  // [dimension_error]
  Eigen::VectorXd wd = Eigen::VectorXd::Zero(31);  // X has 30 columns
  try {
    const auto [L, dw] = value_and_grad(loss, wrt(w), bind(X = Xd, w = wd, b = 0.0, y = yd));
  } catch (const symgrad::dimension_error& e) {
    std::cout << e.what() << "\n";
  }
  // [dimension_error]
  // [unit_error]
  constexpr auto c = row_vector<"c">(n);
  try {
    Eigen::MatrixXd two_rows = Eigen::MatrixXd::Zero(2, 30);
    eval(X * transpose(c), bind(X = Xd, c = two_rows));
  } catch (const symgrad::dimension_error& e) {
    std::cout << e.what() << "\n";
  }
  // [unit_error]
  // [empty]
  try {
    const Eigen::MatrixXd none(0, 30);
    const Eigen::VectorXd no_labels(0);
    eval(loss, bind(X = none, w = Eigen::VectorXd::Zero(30), b = 0.0, y = no_labels));
  } catch (const symgrad::dimension_error& e) {
    std::cout << e.what() << "\n";
  }
  // [empty]
  // [labels]
  constexpr auto Z = matrix<"Z">(m, dim<"k">);
  constexpr auto Y = matrix<"Y", sums_to_one>(m, dim<"k">);  // one-hot or probability rows
  constexpr auto t = vector<"t", in_unit_interval>(m);        // binary labels
  Eigen::MatrixXd Yd(2, 3), Zd = Eigen::MatrixXd::Zero(2, 3);
  Yd << 0, 1, 0,
        0.5, 0.2, 0.2;
  try {
    eval(cross_entropy(softmax(Z), Y), bind(Z = Zd, Y = Yd));
  } catch (const symgrad::value_error& e) {
    std::cout << e.what() << "\n";
  }
  Eigen::VectorXd td(2);
  td << 1, -1;  // labels in {-1, 1}, not {0, 1}
  try {
    eval(bce(sigmoid(X * w + b), t), bind(X = Xd.topRows(2), w = wd.head(30), b = 0.0, t = td));
  } catch (const symgrad::value_error& e) {
    std::cout << e.what() << "\n";
  }
  // [labels]
  // [one_hot]
  Eigen::VectorXi classes(2);
  classes << 1, 3;  // the k = 3 classes are 0, 1 and 2
  try {
    eval(cross_entropy(softmax(Z), Y), bind(Z = Zd, Y = one_hot(classes, 3)));
  } catch (const symgrad::value_error& e) {
    std::cout << e.what() << "\n";
  }
  // [one_hot]
  // [nan]
  const double nan = std::numeric_limits<double>::quiet_NaN(), inf = std::numeric_limits<double>::infinity();
  Eigen::MatrixXd with_nan = Xd;
  with_nan(2, 7) = nan;
  const auto [L, dw] = value_and_grad(loss, wrt(w), bind(X = with_nan, w = Eigen::VectorXd::Zero(30), b = 0.0, y = yd));
  std::cout << "a NaN feature: L = " << show(L) << ", dL/dw = (" << show(dw(0)) << ", ...)\n";
  constexpr auto z = scalar<"z">;
  constexpr auto label = scalar<"label", in_unit_interval>;
  for (const auto& [logit, y1] : {std::pair{-inf, 0.0}, std::pair{inf, 0.0}, std::pair{inf, 1.0}}) {
    const auto [Lz, dz] = value_and_grad(bce(sigmoid(z), label), wrt(z), bind(z = logit, label = y1));
    std::cout << "logit " << show(logit) << ", label " << y1 << ": L = " << show(Lz) << ", dL/dz = " << show(dz) << "\n";
  }
  // [nan]
#endif
}
