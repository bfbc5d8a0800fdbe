// The program behind docs/evaluation.md: every code block of that page is cut from this file,
// and its output block is what this program prints.
#include <cstddef>
#include <iostream>
#include <type_traits>
#include <utility>

#include <symgrad/symgrad.hpp>

using namespace symgrad;

// [model]
constexpr auto m = dim<"m">;
constexpr auto n = dim<"n">;
constexpr auto X = matrix<"X">(m, n);
constexpr auto w = vector<"w">(n);
constexpr auto b = scalar<"b">;
constexpr auto y = vector<"y">(m);

constexpr auto a = sigmoid(X * w + b);
constexpr auto loss = bce(a, y);
constexpr auto dw = grad(loss, w);  // X^T (sigmoid(X w + b) - y) / m
constexpr auto db = grad(loss, b);  // sum(sigmoid(X w + b) - y) / m
// [model]

// [lifetime]
// Bindings that own their data: the matrices are moved in, so they outlive this function.
auto load_problem() {
  Eigen::MatrixXd features(3, 2);
  features << 1.0, 2.0,
              0.5, -1.0,
              -1.5, 0.3;
  Eigen::VectorXd labels(3);
  labels << 1, 0, 0;
  return bind(X = std::move(features), y = std::move(labels), w = Eigen::VectorXd::Zero(2), b = 0.0);
  // Not `X = features`: that would reference a local that dies here.
}
// [lifetime]

int main() {
  // [bind]
  Eigen::MatrixXd features(4, 2);
  features << 1.0, 2.0,
              0.5, -1.0,
              -1.5, 0.3,
              2.0, 0.0;
  Eigen::VectorXd labels(4);
  labels << 1, 0, 0, 1;
  Eigen::VectorXd weights(2);
  weights << 0.1, -0.2;

  const auto at = bind(X = features, w = weights, b = 0.5, y = labels);
  // [bind]

  // [in_place]
  std::cout << "L = " << eval(loss, at) << "\n";
  weights(0) = 0.7;  // edited in place: the next eval sees it, nothing is rebound
  std::cout << "L = " << eval(loss, at) << " after weights(0) = 0.7\n";
  std::cout << "L = " << eval(loss, at.with(b = 0.0)) << " with b rebound to 0\n";
  // [in_place]

  // [how_held]
  const auto held = [](const auto& binding) { return binding.owns_copy() ? "owned" : "referenced"; };
  Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor> row_major = features;
  Eigen::MatrixXd moved_from = features;
  const double* storage = moved_from.data();
  const auto moved = (X = std::move(moved_from));

  std::cout << "X = features:             " << held(X = features) << "\n"
            << "X = features.topRows(2):  " << held(X = features.topRows(2)) << "\n"
            << "X = 2 * features:         " << held(X = 2 * features) << "\n"
            << "X = row_major:            " << held(X = row_major) << "\n"
            << "X = std::move(moved_from): " << held(moved)
            << (moved.value().data() == storage ? ", same storage: moved, not copied" : ", copied") << "\n";
  // [how_held]

  // [results]
  const double value = eval(loss, at);                  // a scalar shape: double
  const Eigen::VectorXd gw = eval(dw, at);              // n x 1: VectorXd
  const Eigen::MatrixXd ww = eval(w * transpose(w), at);  // anything else: MatrixXd
  static_assert(std::is_same_v<eval_result_t<decltype(transpose(w))>, Eigen::MatrixXd>);  // a row, too

  const auto [L, gw2, gb] = eval_all(at, loss, dw, db);  // one plan for the three
  // [results]
  std::cout << "eval: " << value << ", eval_all: " << L << "; dL/dw = " << gw.transpose()
            << ", the same: " << (gw == gw2) << "; dL/db = " << gb << "; w w^T is " << ww.rows() << " x "
            << ww.cols() << "\n";

  // [compiled]
  auto step = value_and_grad(loss, wrt(w, b));  // an evaluator, kept across the loop
  Eigen::VectorXd v = weights;
  double bias = 0.5;
  for (int it = 0; it < 200; ++it) {
    const auto [Lt, gwt, gbt] = step(bind(X = features, w = v, b = bias, y = labels));  // references
    v -= 0.5 * gwt;
    bias -= 0.5 * gbt;
  }
  const double trained = std::get<0>(step(bind(X = features, w = v, b = bias, y = labels)));
  // [compiled]
  std::cout << "after 200 steps: L = " << trained << ", w = " << v.transpose() << ", b = " << bias << "\n";

  // [float]
  const Eigen::MatrixXf features_f = features.cast<float>();
  const Eigen::VectorXf labels_f = labels.cast<float>(), weights_f = weights.cast<float>();
  const auto at_f = bind(X = features_f, w = weights_f, b = 0.5, y = labels_f);  // b: a double, rounded
  const auto [Lf, gwf, gbf] = value_and_grad(loss, wrt(w, b), at_f);   // float, VectorXf, float
  auto step_f = value_and_grad<float>(loss, wrt(w, b));                 // a compiled evaluator in float
  const float again = std::get<0>(step_f(at_f));
  // [float]
  static_assert(std::is_same_v<decltype(gwf), const Eigen::VectorXf>);
  std::cout << "in float: L = " << Lf << " (double: " << eval(loss, at) << "), dL/dw = " << gwf.transpose()
            << ", dL/db = " << gbf << "; compiled: " << (again == Lf ? "the same" : "differs") << "\n";

  // [shared]
  constexpr std::size_t together = distinct_subterms_v<decltype(stable(loss)), decltype(dw), decltype(db)>;
  constexpr std::size_t apart = distinct_subterms_v<decltype(stable(loss))> + distinct_subterms_v<decltype(dw)> +
                                distinct_subterms_v<decltype(db)>;
  std::cout << "value_and_grad computes " << together << " subterms; three evals would compute " << apart << "\n";
  // [shared]

  // [plan]
  // The plan is internal (eval/plan/plan.hpp): its terms are what is computed, in this order;
  // those marked * are stored, the others computed inside the loop of the term reading them.
  using plan = eval_detail::plan<decltype(stable(loss)), decltype(grad(loss, w)), decltype(grad(loss, b))>;
  [&]<class... T>(detail::type_list<T...>) {
    int i = 0;
    ((std::cout << (i < 10 ? "   " : "  ") << i << (plan::fusion::absorbed_v<T> ? "    " : "  * ") << to_string(T{})
                << "\n",
      ++i),
     ...);
  }(plan::all_terms{});
  // [plan]

  // [transposed]
  static_assert(distinct_subterms_v<decltype(transpose(X) * y)> == 1);  // the product; X is read transposed
  static_assert(distinct_subterms_v<decltype(transpose(X))> == 1);      // alone, X^T is computed
  // [transposed]

  // [dimension_error]
  Eigen::VectorXd too_long(3);
  too_long << 0.1, -0.2, 0.3;
  try {
    std::cout << eval(loss, at.with(w = too_long)) << "\n";
  } catch (const dimension_error& e) {
    std::cout << e.what() << "\n";
  }
  // [dimension_error]

  // [stable]
  constexpr auto z = scalar<"z">;
  constexpr auto f = log(sigmoid(z));
  const auto far = bind(z = -1000.0);

  std::cout << "stable(f) = " << to_string(stable(f)) << "\n";
  std::cout << "eval(f)         = " << eval(f, far) << "\n";  // sigmoid(-1000) rounds to 0
  std::cout << "eval(stable(f)) = " << eval(stable(f), far) << "\n";
  const auto [fz, dfz] = value_and_grad(f, wrt(z), far);
  std::cout << "value_and_grad: " << fz << ", " << dfz << "\n";
  // [stable]

  // [empty]
  static_assert(std::is_empty_v<decltype(loss)>);  // the expression is its type: copies carry nothing
  constexpr auto same_loss = loss;
  static_assert(std::is_same_v<decltype(same_loss), decltype(loss)>);
  // [empty]

  // [owned_problem]
  const auto problem = load_problem();
  std::cout << "loaded: L = " << eval(loss, problem) << "\n";
  // [owned_problem]

  // [eigen_auto]
  auto lazy = features * weights;  // Eigen: an expression that refers to both operands, not a vector
  static_assert(!std::is_same_v<decltype(lazy), Eigen::VectorXd>);
  auto scores = eval(X * w, at);  // symgrad: a plain VectorXd, computed here
  static_assert(std::is_same_v<decltype(scores), Eigen::VectorXd>);
  // [eigen_auto]
  (void)lazy;
  std::cout << "X w = " << scores.transpose() << "\n";
}
