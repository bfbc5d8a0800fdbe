#pragma once
// The simplifier's operations call each other recursively (a function atom holds a
// simplified argument, a transpose re-normalises its operand), so all are declared first.
#include "terms.hpp"

namespace symgrad::cas {

template <class E> constexpr auto norm(E);
template <class A, class B> constexpr auto mul(A, B);
template <class A, class B> constexpr auto add(A, B);
template <rat R, class T> constexpr auto power(T);
template <class T> constexpr auto expand(T);
template <class L> constexpr auto sum_of(L);
template <class L> constexpr auto pretty(L);
template <class T> constexpr auto monomial_expr(T);
template <class S1, class S2, class A, class B> constexpr auto matmul(A, B);
template <class T> constexpr auto transpose(T);
template <class S, class T> constexpr auto reduce_sum(T);
template <class S, class T> constexpr auto reduce_whole(T);
template <class F, class T> constexpr auto apply_fn(T);

template <class T> constexpr auto pretty_expr(T) { return pretty(expand(T{})); }

}  // namespace symgrad::cas
