#pragma once
// Where calculus and eval meet: the loss and its gradients in one evaluation: every subterm shared between the loss and
// the gradients (sigmoid(X w + b) in logistic regression) is computed once.
#include "calculus/grad.hpp"
#include "eval/eval.hpp"
#include "eval/evaluator.hpp"

namespace symgrad {

template <class V>
constexpr void check_wrt_argument() {
  if constexpr (!is_var_v<V>) (void)diagnostic::grad_wrt_non_variable<V>{};
}

template <class... V>
struct wrt_t {};

/// The variables to differentiate with respect to, for value_and_grad.
template <class... V>
constexpr wrt_t<V...> wrt(V...) {
  (check_wrt_argument<V>(), ...);
  return {};
}

/// All the variables of a tuple, as a network's parameters(): `wrt(net.parameters())`.
template <class... V>
constexpr wrt_t<V...> wrt(std::tuple<V...>) {
  (check_wrt_argument<V>(), ...);
  return {};
}

/// Returns std::tuple(value, gradient for each variable), usable with structured bindings.
/// The value is computed from stable(f), in which log(sigmoid(z)) is -softplus(-z) and the
/// log of a softmax is z - logsumexp(z), so it stays finite and accurate for large logits.
template <expression F, class... V, class... B>
auto value_and_grad(F f, wrt_t<V...>, const bindings<B...>& at) {
  // The loss's variables are the gradients' too: a missing one is reported here, before the
  // gradients are formed, so that the compiler's report names the loss, not every gradient.
  if constexpr (!binds_variables_of_v<F, B...>) {
    (void)unbound_variables_of_t<F, B...>{};
    return std::tuple<>{};
  } else return [&]<class... G>(detail::type_list<G...>) { return eval_all(at, stable(f), G{}...); }(calculus::gradients(f, V{}...));
}

/// The same as a compiled evaluator, for a training loop: `auto step = value_and_grad(f,
/// wrt(w, b));` then `auto [loss, dw, db] = step(bind(...));` each iteration returns
/// references into storage the evaluator keeps, and allocates nothing once the sizes are
/// known. In float, for float bindings: `auto step = value_and_grad<float>(f, wrt(w, b));`.
template <class R = double, expression F, class... V>
auto value_and_grad(F f, wrt_t<V...>) {
  return [&]<class... G>(detail::type_list<G...>) { return compile<R>(stable(f), G{}...); }(calculus::gradients(f, V{}...));
}

/// The same, using t.count threads: `value_and_grad(f, wrt(w, b), threads(2))`.
template <class R = double, expression F, class... V>
auto value_and_grad(F f, wrt_t<V...>, threads t) {
  return [&]<class... G>(detail::type_list<G...>) { return compile<R>(t, stable(f), G{}...); }(calculus::gradients(f, V{}...));
}

/// The type of `value_and_grad(f, wrt(v...))`, to keep one as a member:
/// `value_and_grad_t<decltype(loss), decltype(w), decltype(b)> step;`
template <expression F, class... V>
using value_and_grad_t = decltype(value_and_grad(F{}, wrt_t<V...>{}));

}  // namespace symgrad
