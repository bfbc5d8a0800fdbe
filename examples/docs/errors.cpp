// The program behind docs/errors.md. Built as it is, it shows the errors found at run time;
// with -DSYMGRAD_DOC_CASE_<name> it contains one mistake found at compile time, and the page
// quotes the compiler's message for it.
#include <iostream>

#include <symgrad/symgrad.hpp>

using namespace symgrad;

constexpr auto m = dim<"m">;
constexpr auto n = dim<"n">;
constexpr auto X = matrix<"X">(m, n);
constexpr auto w = vector<"w">(n);
constexpr auto b = scalar<"b">;
constexpr auto y = vector<"y">(m);
constexpr auto loss = bce(sigmoid(X * w + b), y);

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
#endif
}
