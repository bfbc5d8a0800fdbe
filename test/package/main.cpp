#include <cmath>
#include <iostream>

#include <symgrad/symgrad.hpp>

using namespace symgrad;

int main() {
  constexpr auto n = dim<"n">;
  constexpr auto x = vector<"x">(n);
  constexpr auto f = sum(pow(x, 2_c) + 2_c * x);
  static_assert(same_form(grad(f, x), 2_c * x + 2_c));

  Eigen::VectorXd x0(3);
  x0 << 1.0, -2.0, 0.5;
  const auto [value, g] = value_and_grad(f, wrt(x), bind(x = x0));
  const bool ok = std::abs(value - 4.25) < 1e-15 && std::abs(g(1) + 2.0) < 1e-15;
  std::cout << "d/dx " << to_string(f) << " = " << to_string(grad(f, x)) << (ok ? " ok" : " WRONG") << "\n";
  return ok ? 0 : 1;
}
