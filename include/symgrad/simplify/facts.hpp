#pragma once
// What the simplifier knows about each elementwise function: its inverse, its exact values
// at exact points, its symmetry, and the logarithms that have a stable closed form. One
// entry per fact; anything else stays an atom.
#include "output.hpp"

namespace symgrad::cas {

template <class F> struct fn_facts { using inverse = void; };
template <> struct fn_facts<op::exp> { using inverse = op::log; };
template <> struct fn_facts<op::log> { using inverse = op::exp; };
template <> struct fn_facts<op::log1p> { using inverse = op::expm1; };
template <> struct fn_facts<op::expm1> { using inverse = op::log1p; };

// f(x) for the exact arguments where the value is rational; `known` is false elsewhere.
template <class F, rat X> struct exact_value { static constexpr bool known = false; };
template <> struct exact_value<op::exp, zero_r> { static constexpr bool known = true; static constexpr rat value = one_r; };
template <> struct exact_value<op::log, one_r> { static constexpr bool known = true; static constexpr rat value = zero_r; };
template <> struct exact_value<op::sin, zero_r> { static constexpr bool known = true; static constexpr rat value = zero_r; };
template <> struct exact_value<op::cos, zero_r> { static constexpr bool known = true; static constexpr rat value = one_r; };
template <> struct exact_value<op::tanh, zero_r> { static constexpr bool known = true; static constexpr rat value = zero_r; };
template <> struct exact_value<op::sigmoid, zero_r> { static constexpr bool known = true; static constexpr rat value = rat{1, 2}; };
template <> struct exact_value<op::relu, zero_r> { static constexpr bool known = true; static constexpr rat value = zero_r; };
template <> struct exact_value<op::step, zero_r> { static constexpr bool known = true; static constexpr rat value = zero_r; };
template <> struct exact_value<op::log1p, zero_r> { static constexpr bool known = true; static constexpr rat value = zero_r; };
template <> struct exact_value<op::expm1, zero_r> { static constexpr bool known = true; static constexpr rat value = zero_r; };
template <> struct exact_value<op::erf, zero_r> { static constexpr bool known = true; static constexpr rat value = zero_r; };
template <rat X> struct exact_value<op::abs, X> { static constexpr bool known = true; static constexpr rat value = magnitude(X); };
template <rat X> struct exact_value<op::sign, X> { static constexpr bool known = true; static constexpr rat value = rat{compare(X, zero_r), 1}; };

// f(x, y) likewise, for functions of two arguments.
template <class F, rat X, rat Y> struct exact_value2 { static constexpr bool known = false; };
template <rat X, rat Y> struct exact_value2<op::maximum, X, Y> { static constexpr bool known = true; static constexpr rat value = compare(X, Y) >= 0 ? X : Y; };
template <rat X, rat Y> struct exact_value2<op::minimum, X, Y> { static constexpr bool known = true; static constexpr rat value = compare(X, Y) <= 0 ? X : Y; };

// sigmoid(-x) = 1 - sigmoid(x): a sigmoid's argument is kept with a positive coefficient,
// so both spellings meet (and 1 - sigmoid(x) cancels against the factors that sigmoid's
// derivative brings).
template <class F> inline constexpr bool reflects_v = std::is_same_v<F, op::sigmoid>;
// f(-x) = f(x) (even, 1) or -f(x) (odd, -1): the argument is kept with a positive coefficient.
template <class F> inline constexpr int parity_v = 0;
template <> inline constexpr int parity_v<op::abs> = 1;
template <> inline constexpr int parity_v<op::sign> = -1;
template <> inline constexpr int parity_v<op::erf> = -1;
// f(c x) = f(x) for c > 0: the argument's coefficient is dropped.
template <class F> inline constexpr bool scale_free_v = std::is_same_v<F, op::sign> || std::is_same_v<F, op::step>;

template <class T>
inline constexpr bool constant_term_v = std::is_same_v<typename term_traits<T>::factors, list<>>;
template <class T>
inline constexpr bool negative_term_v = compare(term_traits<T>::coeff, zero_r) < 0;

// log(sigmoid(x)) = -softplus(-x) and log(1 - sigmoid(x)) = -softplus(x): the logarithm of a
// probability given by its logit, with no exp to overflow and no 1 - a to cancel.
template <class T> struct log_of_sigmoid { static constexpr bool known = false; };
template <class X>
struct log_of_sigmoid<term<one_r, fac<node<op::sigmoid, X>, one_r>>> {
  static constexpr bool known = true;
  static constexpr rat sign = rat{-1, 1};  // of the softplus argument
  using argument = X;
};
template <class X>
struct log_of_sigmoid<term<one_r, fac<poly<one_term, term<rat{-1, 1}, fac<node<op::sigmoid, X>, one_r>>>, one_r>>> {
  static constexpr bool known = true;
  static constexpr rat sign = one_r;
  using argument = X;
};

// log1p(exp(x)) = softplus(x), finite where exp(x) overflows.
template <class T> struct exp_of { static constexpr bool known = false; };
template <class X>
struct exp_of<term<one_r, fac<node<op::exp, X>, one_r>>> {
  static constexpr bool known = true;
  using argument = X;
};

template <class F, class T> struct inverse_applied { static constexpr bool value = false; };
template <class F, class G, class X>
struct inverse_applied<F, term<one_r, fac<node<G, X>, one_r>>> {
  static constexpr bool value = std::is_same_v<typename fn_facts<F>::inverse, G>;
  using argument = X;
};

template <class F, class T>
constexpr auto apply_fn(T) {
  if constexpr (inverse_applied<F, T>::value) return norm(typename inverse_applied<F, T>::argument{});
  else if constexpr (reflects_v<F> && negative_term_v<T>)
    return add(one_term{}, mul(term<rat{-1, 1}>{}, apply_fn<F>(mul(term<rat{-1, 1}>{}, T{}))));
  else if constexpr (parity_v<F> != 0 && negative_term_v<T>)
    return mul(term<rat{parity_v<F>, 1}>{}, apply_fn<F>(mul(term<rat{-1, 1}>{}, T{})));
  else if constexpr (scale_free_v<F> && !constant_term_v<T> && compare(term_traits<T>::coeff, one_r) != 0 &&
                     !negative_term_v<T>)
    return apply_fn<F>(make_term<one_r>(typename term_traits<T>::factors{}));
  else if constexpr (std::is_same_v<F, op::log> && log_of_sigmoid<T>::known)
    return mul(term<rat{-1, 1}>{},
               apply_fn<op::softplus>(mul(term<log_of_sigmoid<T>::sign>{}, norm(typename log_of_sigmoid<T>::argument{}))));
  else if constexpr (std::is_same_v<F, op::log1p> && exp_of<T>::known)
    return apply_fn<op::softplus>(norm(typename exp_of<T>::argument{}));
  else if constexpr (constant_term_v<T> && exact_value<F, term_traits<T>::coeff>::known)
    return make_term<exact_value<F, term_traits<T>::coeff>::value>(list<>{});
  else return term<one_r, fac<node<F, decltype(pretty_expr(T{}))>, one_r>>{};
}

template <class F, class T, class U>
constexpr auto apply_fn(T, U) {
  constexpr bool exact = constant_term_v<T> && constant_term_v<U>;
  if constexpr (exact && exact_value2<F, term_traits<T>::coeff, term_traits<U>::coeff>::known)
    return make_term<exact_value2<F, term_traits<T>::coeff, term_traits<U>::coeff>::value>(list<>{});
  else return term<one_r, fac<node<F, decltype(pretty_expr(T{})), decltype(pretty_expr(U{}))>, one_r>>{};
}

}  // namespace symgrad::cas
