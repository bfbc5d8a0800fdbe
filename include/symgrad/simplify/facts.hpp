#pragma once
// What the simplifier knows about each elementwise function: its inverse, and its exact
// values at exact points. One entry per function; anything else stays an atom.
#include "output.hpp"

namespace symgrad::cas {

template <class F> struct fn_facts { using inverse = void; };
template <> struct fn_facts<op::exp> { using inverse = op::log; };
template <> struct fn_facts<op::log> { using inverse = op::exp; };

// f(x) for the exact arguments where the value is rational; `known` is false elsewhere.
template <class F, rat X> struct exact_value { static constexpr bool known = false; };
template <> struct exact_value<op::exp, zero_r> { static constexpr bool known = true; static constexpr rat value = one_r; };
template <> struct exact_value<op::log, one_r> { static constexpr bool known = true; static constexpr rat value = zero_r; };
template <> struct exact_value<op::sin, zero_r> { static constexpr bool known = true; static constexpr rat value = zero_r; };
template <> struct exact_value<op::cos, zero_r> { static constexpr bool known = true; static constexpr rat value = one_r; };
template <> struct exact_value<op::tanh, zero_r> { static constexpr bool known = true; static constexpr rat value = zero_r; };
template <> struct exact_value<op::sigmoid, zero_r> { static constexpr bool known = true; static constexpr rat value = rat{1, 2}; };

template <class F, class T> struct inverse_applied { static constexpr bool value = false; };
template <class F, class G, class X>
struct inverse_applied<F, term<one_r, fac<node<G, X>, one_r>>> {
  static constexpr bool value = std::is_same_v<typename fn_facts<F>::inverse, G>;
  using argument = X;
};

template <class F, class T>
constexpr auto apply_fn(T) {
  if constexpr (inverse_applied<F, T>::value) return norm(typename inverse_applied<F, T>::argument{});
  else if constexpr (std::is_same_v<typename term_traits<T>::factors, list<>> &&
                     exact_value<F, term_traits<T>::coeff>::known)
    return make_term<exact_value<F, term_traits<T>::coeff>::value>(list<>{});
  else return term<one_r, fac<node<F, decltype(pretty_expr(T{}))>, one_r>>{};
}

}  // namespace symgrad::cas
