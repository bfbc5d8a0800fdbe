// Compile-fail tests (ctest fail.*), as Eigen's failtest: each case is compiled twice, as it
// is (the "ok" twin, which must compile) and with SYMGRAD_KO (the mistake, which must fail with
// exactly one symgrad diagnostic, whose text and template arguments test/fail/check.cmake
// checks). CASE_<name> selects the case.
#include <string_view>

#include <symgrad/symgrad.hpp>

using namespace symgrad;

constexpr auto m = dim<"m">;
constexpr auto n = dim<"n">;
constexpr auto X = matrix<"X">(m, n);
constexpr auto w = vector<"w">(n);
constexpr auto v = vector<"v">(n);
constexpr auto y = vector<"y">(m);
constexpr auto b = scalar<"b">;
constexpr auto loss = bce(sigmoid(X * w + b), y);

// A user's function, and a tag that forgot to derive from user_function.
struct cube_op : user_function {
  static constexpr std::string_view name = "cube";
  static double value(double x) { return x * x * x; }
  template <class A>
  static constexpr auto derivative(A a) { return 3_c * pow(a, 2_c); }
};
struct square_op {};

#ifdef SYMGRAD_KO
#define SYMGRAD_PICK(ok, ko) ko
#else
#define SYMGRAD_PICK(ok, ko) ok
#endif

int main() {
#if defined(CASE_elementwise_shapes)
  constexpr auto e = SYMGRAD_PICK(w + v, w + y);
  (void)e;
#elif defined(CASE_product_shapes)
  constexpr auto e = SYMGRAD_PICK(X * w, X * y);
  (void)e;
#elif defined(CASE_grad_of_non_scalar)
  constexpr auto e = SYMGRAD_PICK(grad(sum(sigmoid(X * w)), w), grad(sigmoid(X * w), w));
  (void)e;
#elif defined(CASE_grad_wrt_non_variable)
  constexpr auto e = SYMGRAD_PICK(grad(loss, w), grad(loss, X * w));
  (void)e;
#elif defined(CASE_jacobian_of_matrix)
  constexpr auto e = SYMGRAD_PICK(jacobian(X * w, w), jacobian(X * w, X));
  (void)e;
#elif defined(CASE_missing_binding)
  Eigen::MatrixXd Xd = Eigen::MatrixXd::Ones(3, 2);
  Eigen::VectorXd wd = Eigen::VectorXd::Ones(2), yd = Eigen::VectorXd::Zero(3);
  (void)SYMGRAD_PICK(eval(loss, bind(X = Xd, w = wd, b = 0.0, y = yd)), eval(loss, bind(X = Xd, w = wd)));
#elif defined(CASE_missing_binding_compiled)
  Eigen::MatrixXd Xd = Eigen::MatrixXd::Ones(3, 2);
  Eigen::VectorXd wd = Eigen::VectorXd::Ones(2), yd = Eigen::VectorXd::Zero(3);
  auto step = value_and_grad(loss, wrt(w, b));
  (void)SYMGRAD_PICK(step(bind(X = Xd, w = wd, b = 0.0, y = yd)), step(bind(X = Xd, w = wd, b = 0.0)));
#elif defined(CASE_missing_binding_value_and_grad)
  Eigen::MatrixXd Xd = Eigen::MatrixXd::Ones(3, 2);
  Eigen::VectorXd wd = Eigen::VectorXd::Ones(2), yd = Eigen::VectorXd::Zero(3);
  (void)SYMGRAD_PICK(value_and_grad(loss, wrt(w, b), bind(X = Xd, w = wd, b = 0.0, y = yd)),
                     value_and_grad(loss, wrt(w, b), bind(X = Xd, w = wd, b = 0.0)));
#elif defined(CASE_undetermined_dimension)
  constexpr auto k = dim<"k">;
  Eigen::VectorXd wd = Eigen::VectorXd::Ones(2);
  (void)SYMGRAD_PICK(eval(sum(w) / n, bind(w = wd)), eval(sum(w) / k, bind(w = wd)));
#elif defined(CASE_scalar_bound_to_vector)
  Eigen::VectorXd wd = Eigen::VectorXd::Ones(2);
  (void)SYMGRAD_PICK(bind(w = wd), bind(w = 1.0));
#elif defined(CASE_vector_bound_to_scalar)
  Eigen::VectorXd wd = Eigen::VectorXd::Ones(2);
  (void)SYMGRAD_PICK(bind(b = 1.0), bind(b = wd));
#elif defined(CASE_bound_twice)
  Eigen::VectorXd wd = Eigen::VectorXd::Ones(2);
  (void)SYMGRAD_PICK(bind(w = wd, v = wd), bind(w = wd, w = wd));
#elif defined(CASE_mixed_number_types)
  Eigen::VectorXd wd = Eigen::VectorXd::Ones(2);
  Eigen::MatrixXf Xf = Eigen::MatrixXf::Ones(3, 2);
  Eigen::VectorXf wf = Eigen::VectorXf::Ones(2);
  (void)SYMGRAD_PICK(bind(X = Xf, w = wf), bind(X = Xf, w = wd));
#elif defined(CASE_evaluator_number_type)
  Eigen::MatrixXf Xf = Eigen::MatrixXf::Ones(3, 2);
  Eigen::VectorXf wf = Eigen::VectorXf::Ones(2), yf = Eigen::VectorXf::Zero(3);
  auto f = SYMGRAD_PICK(compile<float>(loss), compile(loss));
  (void)f(bind(X = Xf, w = wf, b = 0.0, y = yf));
#elif defined(CASE_inexact_constant)
  constexpr auto e = SYMGRAD_PICK(0.5_c * w, 0.5 * w);
  (void)e;
#elif defined(CASE_not_a_user_function)
  constexpr auto e = SYMGRAD_PICK(elementwise<cube_op>(w), elementwise<square_op>(w));
  (void)e;
#elif defined(CASE_non_constant_exponent)
  constexpr auto e = SYMGRAD_PICK(pow(w, 2_c), pow(w, b));
  (void)e;
#elif defined(CASE_conflicting_variables)
  constexpr auto e = SYMGRAD_PICK(simplify(sum(vector<"u">(m)) + sum(vector<"u">(m))),
                                  simplify(sum(vector<"u">(m)) + sum(vector<"u">(n))));
  (void)e;
#elif defined(CASE_diag_of_matrix)
  constexpr auto e = SYMGRAD_PICK(diag(w), diag(X));
  (void)e;
#elif defined(CASE_division_by_zero)
  constexpr auto e = SYMGRAD_PICK(simplify(w / (w + w)), simplify(w / (w - w)));
  (void)e;
#elif defined(CASE_check_of_non_scalar)
  Eigen::VectorXd wd = Eigen::VectorXd::Ones(2);
  (void)SYMGRAD_PICK(check_gradient(sum(w % w), w, bind(w = wd)), check_gradient(w % w, w, bind(w = wd)));
#else
#error "no CASE_ selected"
#endif
}
