// The library's hand-written type lists (detail/type_list.hpp) against Boost.Hana's algorithms,
// doing the same work: a list of N distinct types built one push_unique at a time (each step
// pushes a new type and one already there), the index of each type, membership of each (and of
// one absent type), and a join with N other types. Compile only:
//
//   g++ -std=c++20 -fsyntax-only -I include -DTYPE_LISTS_N=100 [-DTYPE_LISTS_HANA] bench/compile/type_lists.cpp
//
// bench/compile_type_lists.sh measures both at N = 0 (the headers alone), 50, 100 and 200;
// the figures and the decision are in docs/compile-time.md.
#include <cstddef>
#include <utility>

#ifndef TYPE_LISTS_N
#define TYPE_LISTS_N 100
#endif

namespace bench {

inline constexpr int n = TYPE_LISTS_N;

template <int I>
struct t {};
template <int I>
struct u {};

}  // namespace bench

#ifdef TYPE_LISTS_HANA

#include <boost/hana/append.hpp>
#include <boost/hana/concat.hpp>
#include <boost/hana/contains.hpp>
#include <boost/hana/equal.hpp>
#include <boost/hana/fold_left.hpp>
#include <boost/hana/if.hpp>
#include <boost/hana/index_if.hpp>
#include <boost/hana/integral_constant.hpp>
#include <boost/hana/length.hpp>
#include <boost/hana/optional.hpp>
#include <boost/hana/range.hpp>
#include <boost/hana/tuple.hpp>
#include <boost/hana/type.hpp>

namespace bench {

namespace hana = boost::hana;

constexpr auto push_unique = [](auto list, auto type) {
  return hana::if_(hana::contains(list, type), list, hana::append(list, type));
};

using list = decltype(hana::fold_left(hana::make_range(hana::int_c<0>, hana::int_c<n>), hana::make_tuple(),
                                      [](auto list, auto i) {
                                        constexpr int I = decltype(i)::value;
                                        return push_unique(push_unique(list, hana::type_c<t<I>>), hana::type_c<t<I / 2>>);
                                      }));
static_assert(decltype(hana::length(list{}))::value == n);

template <int I>
inline constexpr std::size_t index_v =
    std::remove_cvref_t<decltype(*hana::index_if(list{}, hana::equal.to(hana::type_c<t<I>>)))>::value;
template <int I>
inline constexpr bool member_v = decltype(hana::contains(list{}, hana::type_c<t<I>>))::value;
inline constexpr bool absent_v = !decltype(hana::contains(list{}, hana::type_c<u<0>>))::value;
template <int... I>
inline constexpr std::size_t joined_size_v =
    decltype(hana::length(hana::concat(list{}, hana::tuple<hana::type<u<I>>...>{})))::value;

}  // namespace bench

#else

#include <symgrad/detail/type_list.hpp>

namespace bench {

using namespace symgrad::detail;

template <class L, int I>
struct build : build<push_unique_t<push_unique_t<L, t<I>>, t<I / 2>>, I + 1> {};
template <class L>
struct build<L, n> {
  using type = L;
};
using list = typename build<type_list<>, 0>::type;
static_assert(list::size == n);

template <int I>
inline constexpr std::size_t index_v = index_of_v<t<I>, list>;
template <int I>
inline constexpr bool member_v = in_list_v<t<I>, list>;
inline constexpr bool absent_v = !in_list_v<u<0>, list>;
template <int... I>
inline constexpr std::size_t joined_size_v = decltype(join(list{}, type_list<u<I>...>{}))::size;

}  // namespace bench

#endif

namespace bench {

template <int... I>
constexpr bool check(std::integer_sequence<int, I...>) {
  return ((index_v<I> == static_cast<std::size_t>(I)) && ...) && (member_v<I> && ...) && absent_v &&
         joined_size_v<I...> == 2 * sizeof...(I);
}
static_assert(check(std::make_integer_sequence<int, n>{}));

}  // namespace bench
