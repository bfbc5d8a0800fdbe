#pragma once
/// \file
/// Opt-in (not included by symgrad.hpp): symgrad's compile-time objects as Boost.Hana
/// citizens. Expressions are Comparable (hana::equal is same_form, a hana::bool_) and
/// Hashable (hana::hash is consistent with it), so variables key a hana::map, and such a map
/// binds values: `bind(hana::make_map(hana::make_pair(w, std::cref(wd)), hana::make_pair(b,
/// 0.5)))`. variables(e) and grads(f, wrt(w, b)) give hana tuples.
#include <functional>
#include <type_traits>
#include <utility>

#include <boost/hana/bool.hpp>
#include <boost/hana/core/tag_of.hpp>
#include <boost/hana/core/when.hpp>
#include <boost/hana/equal.hpp>
#include <boost/hana/first.hpp>
#include <boost/hana/hash.hpp>
#include <boost/hana/map.hpp>
#include <boost/hana/not_equal.hpp>
#include <boost/hana/pair.hpp>
#include <boost/hana/second.hpp>
#include <boost/hana/tuple.hpp>
#include <boost/hana/type.hpp>
#include <boost/hana/unpack.hpp>

#include "symgrad.hpp"

namespace symgrad {

/// The Hana tag of every symgrad expression (var, constant, size_of, ones, zeros, eye, node).
struct expression_tag {};

namespace diagnostic {

template <class Key>
struct map_key_not_variable {
  static_assert(always_false<Key>,
                "symgrad: bind(map) needs a map whose keys are variables, as hana::make_pair(w, value) "
                "(key: see map_key_not_variable<key>)");
};

}  // namespace diagnostic

namespace hana_detail {

// What a non-variable expression hashes to: its shape and canonical form.
template <class S, class C>
struct form_key {};

// The variable among V... with E's shape and canonical form, or E's form_key: so an
// expression equal to a variable (x * 1, (x + x) / 2) hashes as the variable does. A
// canonical form names only variables of the expression, so V... (E's variables) suffice.
template <class E, class... V>
struct hash_key {
  using type = form_key<shape_of_t<E>, canonical_t<E>>;
};
template <class E, class V, class... Rest>
struct hash_key<E, V, Rest...>
    : std::conditional_t<std::is_same_v<shape_of_t<E>, shape_of_t<V>> && std::is_same_v<canonical_t<E>, canonical_t<V>>,
                         std::type_identity<V>, hash_key<E, Rest...>> {};

template <class E, class L>
struct hash_key_in;
template <class E, class... V>
struct hash_key_in<E, detail::type_list<V...>> : hash_key<E, V...> {};

template <class E>
using hash_key_t = typename std::conditional_t<is_var_v<E>, std::type_identity<E>,
                                               hash_key_in<E, detail::collect_t<detail::var_of, detail::type_list<>, E>>>::type;

template <class T>
inline constexpr bool is_reference_wrapper_v = false;
template <class T>
inline constexpr bool is_reference_wrapper_v<std::reference_wrapper<T>> = true;

// A map's value as `x = value` takes it: what a std::reference_wrapper refers to, else the
// value itself with its value category.
template <class V>
constexpr decltype(auto) unwrap(V&& value) {
  if constexpr (is_reference_wrapper_v<std::remove_cvref_t<V>>) return value.get();
  else return std::forward<V>(value);
}

template <class P>
using map_key_t = std::remove_cvref_t<decltype(boost::hana::first(std::declval<P>()))>;

template <class K>
constexpr void check_map_key() {
  if constexpr (!is_var_v<K>) (void)diagnostic::map_key_not_variable<K>{};
}

}  // namespace hana_detail

/// The variables of the expressions, as a hana::tuple: each once, in order of first
/// occurrence, operands before the node that uses them (`variables(bce(sigmoid(X * w + b),
/// y))` is (y, X, w, b)).
template <expression... E>
constexpr auto variables(E...) {
  return []<class... V>(detail::type_list<V...>) {
    return boost::hana::tuple<V...>{};
  }(detail::collect_t<detail::var_of, detail::type_list<>, std::remove_cvref_t<E>...>{});
}

/// The variables of a hana tuple (such as variables(e)), for value_and_grad and grads.
template <class... V>
constexpr wrt_t<V...> wrt(boost::hana::tuple<V...>) {
  (check_wrt_argument<V>(), ...);
  return {};
}

/// The gradients of f with respect to each variable, as a hana::tuple:
/// `grads(f, wrt(w, b))` holds grad(f, w) and grad(f, b).
template <expression F, class... V>
constexpr auto grads(F f, wrt_t<V...>) {
  return []<class... G>(detail::type_list<G...>) { return boost::hana::tuple<G...>{}; }(calculus::gradients(f, V{}...));
}

/// Bindings from a hana::map keyed by variables: `bind(hana::make_map(hana::make_pair(X,
/// std::cref(data)), hana::make_pair(b, 0.5)))`. A std::reference_wrapper value is unwrapped,
/// so the matrix it refers to is referenced, not copied (keep it alive); a matrix held in an
/// lvalue map is referenced there (keep the map alive); an rvalue map's matrices are moved
/// into the bindings. Numbers are copied, as by `b = 0.5`.
template <class Map>
  requires std::is_same_v<boost::hana::tag_of_t<Map>, boost::hana::map_tag>
auto bind(Map&& map) {
  return boost::hana::unpack(std::forward<Map>(map), []<class... P>(P&&... pair) {
    if constexpr ((is_var_v<hana_detail::map_key_t<P>> && ...))
      return symgrad::bind((boost::hana::first(pair) = hana_detail::unwrap(boost::hana::second(std::forward<P>(pair))))...);
    else {
      (hana_detail::check_map_key<hana_detail::map_key_t<P>>(), ...);
      return bindings<>{};
    }
  });
}

}  // namespace symgrad

namespace boost::hana {

/// Every symgrad expression has the tag symgrad::expression_tag.
template <class T>
struct tag_of<T, when<symgrad::expression<T>>> {
  using type = symgrad::expression_tag;
};

/// Comparable: hana::equal(a, b) is same_form(a, b) (equal shapes and canonical forms), as a
/// hana::bool_, usable in static_assert.
template <>
struct equal_impl<symgrad::expression_tag, symgrad::expression_tag> {
  template <class A, class B>
  static constexpr auto apply(const A&, const B&) {
    return hana::bool_c<symgrad::same_form(A{}, B{})>;
  }
};

/// Hashable, consistently with equal: a variable hashes to hana::type_c<itself>, as does any
/// expression equal to it; another expression to the type of its shape and canonical form.
template <>
struct hash_impl<symgrad::expression_tag> {
  template <class E>
  static constexpr auto apply(const E&) {
    return hana::type_c<symgrad::hana_detail::hash_key_t<E>>;
  }
};

}  // namespace boost::hana
