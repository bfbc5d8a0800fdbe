#pragma once
// The one type list of the library, below every stage: the simplifier's factor and monomial
// lists, the derivative sweep's term lists, the evaluation plan and the variable lists are
// all type_list. Operations here are the ones more than one stage needs.
#include <cstddef>
#include <type_traits>
#include <utility>

namespace symgrad::detail {

template <class... T>
struct type_list {
  static constexpr std::size_t size = sizeof...(T);
};

template <class H, class... T>
constexpr type_list<H, T...> cons(type_list<T...>) { return {}; }

// Class templates, not recursive calls: an unqualified call looks up every namespace and
// class its arguments' types mention (ADL), which for lists of large expression types costs
// their whole size at every step.
template <class... L>
struct joined;  // of type_lists only
template <>
struct joined<> { using type = type_list<>; };
template <class... A>
struct joined<type_list<A...>> { using type = type_list<A...>; };
template <class... A, class... B, class... Rest>
struct joined<type_list<A...>, type_list<B...>, Rest...> : joined<type_list<A..., B...>, Rest...> {};
template <class... L>
constexpr typename joined<L...>::type join(L...) { return {}; }

template <class L, class R = type_list<>>
struct reversed { using type = R; };
template <class C, class... Rest, class... R>
struct reversed<type_list<C, Rest...>, type_list<R...>> : reversed<type_list<Rest...>, type_list<C, R...>> {};
template <class L>
constexpr typename reversed<L>::type reverse(L) { return {}; }

// Whether any of B... is true, without a fold expression: a fold over a list of more than
// 256 terms (a network of 16 layers and its gradients) exceeds clang's nesting limit.
template <bool... B>
inline constexpr bool any_v = !std::is_same_v<std::integer_sequence<bool, false, B...>, std::integer_sequence<bool, B..., false>>;

template <class T, class L>
inline constexpr bool in_list_v = false;
template <class T, class... Ts>
inline constexpr bool in_list_v<T, type_list<Ts...>> = any_v<std::is_same_v<T, Ts>...>;

inline constexpr std::size_t npos = static_cast<std::size_t>(-1);

// Positions by overload resolution: a table deriving from indexed<I, T> for each element,
// so finding T is one deduction instead of a comparison with every element. An absent T
// (or one listed twice) gives npos.
template <std::size_t I, class T>
struct indexed {};
template <class Seq, class L>
struct index_table;
template <std::size_t... I, class... T>
struct index_table<std::index_sequence<I...>, type_list<T...>> : indexed<I, T>... {};

// Declared only: used in decltype, so nothing is instantiated but the deduction.
template <class T, std::size_t I>
std::integral_constant<std::size_t, I> index_by_base(const indexed<I, T>*);
template <class T>
std::integral_constant<std::size_t, npos> index_by_base(const void*);

template <class T, class L>
inline constexpr std::size_t index_of_v =
    decltype(index_by_base<T>(static_cast<const index_table<std::make_index_sequence<L::size>, L>*>(nullptr)))::value;

// L with T appended unless it is there already.
template <class L, class T>
struct push_unique;
template <class... Ts, class T>
struct push_unique<type_list<Ts...>, T> {
  using type = std::conditional_t<any_v<std::is_same_v<T, Ts>...>, type_list<Ts...>, type_list<Ts..., T>>;
};
template <class L, class T>
using push_unique_t = typename push_unique<L, T>::type;

}  // namespace symgrad::detail
