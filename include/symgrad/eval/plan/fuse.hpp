#pragma once
// Fusion of elementwise chains, decided at compile time. A vector or matrix term that is
// elementwise (arithmetic, a power with a constant exponent, a built-in function), read by
// exactly one other term of the plan, not a result, and of the shape of that reader, is not
// stored: its reader computes it entry by entry. Its reader is an elementwise term of the
// same shape, or a sum or mean of all its entries. A kept term and the terms it absorbs,
// transitively, are a region, computed by one loop over packets that evaluates the whole
// chain per packet and reads only the region's leaves (stored terms, variables, scalars),
// as Eigen evaluates a lazy array expression. Shared terms (read twice) and products are
// stored, so nothing is computed twice. A sum or mean of a chain over one stored region (and
// that region's leaves) rides on it: the region's loop adds it up as it writes its entries.
//
// The region's kernel (kernels/fused.hpp) is keyed by its pattern (the operations, the positions of the leaves
// and their kinds), not by the expression, so equal chains in different expressions share it.
#include <algorithm>
#include <array>
#include <cstddef>
#include <type_traits>
#include <utility>

#include "../../detail/type_list.hpp"
#include "../../expr/nodes.hpp"
#include "../kernels/functions.hpp"
#include "../kernels/fused.hpp"
#include "operands.hpp"

SYMGRAD_PACKETS_BEGIN

namespace symgrad::eval_detail {

// ---- which terms fuse -----------------------------------------------------------------------

// F applied left to right to any number of operands (sums and products of several terms).
template <class F>
struct fold_lanes {
  template <class P, class... Q>
  static P p(P a, const Q&... r) {
    ((a = F::p(a, r)), ...);
    return a;
  }
  template <class R, class... D>
  static R s(R a, D... r) {
    ((a = F::s(a, r)), ...);
    return a;
  }
};

// The packet functor of an elementwise term, or void.
template <class T>
struct lane_of { using type = void; };
template <class Op, class... A>
struct lane_of<node<Op, A...>> { using type = std::conditional_t<has_lanes_v<Op>, lane_fn<Op>, void>; };
template <class... A>
struct lane_of<node<op::add, A...>> { using type = fold_lanes<f_add>; };
template <class... A>
struct lane_of<node<op::mul, A...>> { using type = fold_lanes<f_mul>; };
template <class A, class B>
struct lane_of<node<op::sub, A, B>> { using type = f_sub; };
template <class A, class B>
struct lane_of<node<op::div, A, B>> { using type = f_div; };
template <class A>
struct lane_of<node<op::neg, A>> { using type = f_neg; };
template <class A, rat P>
struct lane_of<node<op::pow, A, constant<P>>> { using type = pow_lanes<P>; };
template <class T>
using lane_of_t = typename lane_of<T>::type;

// A term that can be computed inside its reader's loop.
template <class T>
inline constexpr bool lane_term_v = !is_scalar_v<T> && !std::is_void_v<lane_of_t<T>>;

// How a region ends: a stored result, or the sum or the mean of its entries.
enum class region_end { stores, sums, means };

template <class T>
inline constexpr region_end reduces_v = region_end::stores;
template <class A>
  requires(!is_scalar_v<A>)
inline constexpr region_end reduces_v<node<op::sum, A>> = region_end::sums;
template <class A>
  requires(!is_scalar_v<A>)
inline constexpr region_end reduces_v<node<op::mean, A>> = region_end::means;

// Whether reader P can compute operand A inside its loop (if A is read by P alone).
template <class P, class A>
inline constexpr bool can_absorb_v =
    lane_term_v<A> &&
    (reduces_v<P> != region_end::stores || (lane_term_v<P> && std::is_same_v<shape_of_t<A>, shape_of_t<P>>));

// The shape every term of K's region has: K's, or for a sum or mean, its operand's.
template <class K>
struct region_shape { using type = shape_of_t<K>; };
template <class Op, class A>
struct region_shape<node<Op, A>> {
  using type = std::conditional_t<reduces_v<node<Op, A>> != region_end::stores, shape_of_t<A>, shape_of_t<node<Op, A>>>;
};
template <class K>
using region_shape_t = typename region_shape<K>::type;

template <class L, class H>
inline constexpr bool all_in_v = false;
template <class... L, class H>
inline constexpr bool all_in_v<detail::type_list<L...>, H> = (detail::in_list_v<L, H> && ...);

// How a stored term is computed: by its own step, as a region (fused, or hosting riders), or
// by the step of the term it rides on.
enum class computed_by { own_step, region, host };

template <class T>
struct reads {  // leaves and fills read no terms
  template <class Terms>
  static constexpr std::array<std::size_t, 0> at{};
  template <class Terms>
  static constexpr std::array<bool, 0> absorbable{};
};
template <class Op, class... A>
struct reads<node<Op, A...>> {
  template <class L>
  struct of;
  template <class... R>
  struct of<detail::type_list<R...>> {
    template <class Terms>
    static constexpr std::array<std::size_t, sizeof...(R)> at{detail::index_of_v<R, Terms>...};
    template <class Terms>
    static constexpr std::array<bool, sizeof...(R)> absorbable{can_absorb_v<node<Op, A...>, R>...};
  };
  using list = of<typename read_operands<Op, A...>::type>;
  template <class Terms>
  static constexpr auto at = list::template at<Terms>;
  template <class Terms>
  static constexpr auto absorbable = list::template absorbable<Terms>;
};

// Terms: the plan's distinct terms in post-order; Roots: the results.
template <class Terms, class Roots>
struct fusion;
template <class... T, class... R>
struct fusion<detail::type_list<T...>, detail::type_list<R...>> {
  using all = detail::type_list<T...>;
  static constexpr std::size_t n = sizeof...(T);

  // absorbed[i]: term i is computed inside the loop of its one reader.
  static constexpr std::array<bool, n + 1> absorbed = [] {
    std::array<std::size_t, n + 1> uses{};
    std::array<bool, n + 1> root{}, absorbable{}, a{};
    const auto count = [&](const auto& at, const auto& can) {
      for (std::size_t k = 0; k < at.size(); ++k)
        if (at[k] < n) {
          ++uses[at[k]];
          absorbable[at[k]] = can[k];
        }
    };
    (count(reads<T>::template at<all>, reads<T>::template absorbable<all>), ...);
    for (std::size_t i : {detail::index_of_v<R, all>..., detail::npos})
      if (i < n) root[i] = true;
    for (std::size_t i = 0; i < n; ++i) a[i] = uses[i] == 1 && !root[i] && absorbable[i];
    return a;
  }();

  template <class X>
  static constexpr bool absorbed_v = [] {
    constexpr std::size_t i = detail::index_of_v<X, all>;
    return i < n && absorbed[i];
  }();

  // The terms that are stored, in plan order.
  using kept = decltype(detail::join(std::conditional_t<absorbed_v<T>, detail::type_list<>, detail::type_list<T>>{}...));

  // ---- the region of a kept term ----
  template <class L, class X>
  struct leaves_of;
  template <class L, class Rs>
  struct leaves_of_all;
  template <class L>
  struct leaves_of_all<L, detail::type_list<>> { using type = L; };
  template <class L, class X, class... Xs>
  struct leaves_of_all<L, detail::type_list<X, Xs...>> : leaves_of_all<typename leaves_of<L, X>::type, detail::type_list<Xs...>> {};
  template <class X>
  struct operands_list { using type = detail::type_list<>; };
  template <class Op, class... A>
  struct operands_list<node<Op, A...>> { using type = typename read_operands<Op, A...>::type; };
  // Selected lazily: a stored operand is a leaf, and its own operands are not visited.
  template <class L, class X, bool Inside = absorbed_v<X>>
  struct leaves_of_term { using type = detail::push_unique_t<L, X>; };
  template <class L, class X>
  struct leaves_of_term<L, X, true> : leaves_of_all<L, typename operands_list<X>::type> {};
  template <class L, class X>
  struct leaves_of : leaves_of_term<L, X> {};

  template <class K>
  using leaves_t = typename leaves_of_all<detail::type_list<>, typename operands_list<K>::type>::type;

  // Whether kept term K computes a region (it absorbed an operand).
  template <class K>
  static constexpr bool fused_v = [] {
    if constexpr (absorbed_v<K>) return false;
    else {
      constexpr auto at = reads<K>::template at<all>;
      for (std::size_t i : at)
        if (i < n && absorbed[i]) return true;
      return false;
    }
  }();

  // ---- sums and means computed in the loop of the term they read ----
  // A sum or mean whose chain reads one stored elementwise term H of its shape, and otherwise
  // only H's own leaves, rides on H: H's loop computes it, as hand-written code sums r and r^2
  // while it forms r = X w + b - y, in one pass over the entries instead of three.
  template <class H>
  using host_leaves_t = decltype(detail::join(leaves_t<H>{}, detail::type_list<H>{}));
  template <class S, class H>
  static constexpr bool rides_on_v = [] {
    if constexpr (!lane_term_v<H> || absorbed_v<H>) return false;
    else if constexpr (!std::is_same_v<region_shape_t<S>, shape_of_t<H>>) return false;
    else return all_in_v<leaves_t<S>, host_leaves_t<H>>;
  }();
  // At most one leaf can be the host: a second would be a leaf of the first and the first of it.
  // A sum or mean is a scalar, so never absorbed.
  template <class S, class L = leaves_t<S>>
  struct host_among;
  template <class S, class... L>
  struct host_among<S, detail::type_list<L...>> {
    static constexpr std::size_t value = [] {
      std::size_t h = detail::npos;
      ((rides_on_v<S, L> ? (void)(h = detail::index_of_v<L, all>) : void()), ...);
      return h;
    }();
  };
  template <class S, bool Reduces = reduces_v<S> != region_end::stores>
  struct host_of { static constexpr std::size_t value = detail::npos; };
  template <class S>
  struct host_of<S, true> : host_among<S> {};
  // host[i]: the position of the term that term i rides on, or npos; hosts[i]: term i hosts.
  static constexpr std::array<std::size_t, n + 1> host{host_of<T>::value..., detail::npos};
  static constexpr std::array<bool, n + 1> hosts = [] {
    std::array<bool, n + 1> r{};
    for (std::size_t h : host)
      if (h < n) r[h] = true;
    return r;
  }();
  template <class S>
  static constexpr std::size_t host_v = host[std::min(detail::index_of_v<S, all>, n)];
  template <class H>
  static constexpr bool hosts_v = hosts[std::min(detail::index_of_v<H, all>, n)];
  template <class H, bool Hosts = hosts_v<H>>
  struct riders { using type = detail::type_list<>; };
  template <class H>
  struct riders<H, true> {
    using type = decltype(detail::join(
        std::conditional_t<host_v<T> == detail::index_of_v<H, all>, detail::type_list<T>, detail::type_list<>>{}...));
  };
  template <class H>
  using riders_t = typename riders<H>::type;

  template <class K>
  static constexpr computed_by way_v = host_v<K> != detail::npos       ? computed_by::host
                                       : fused_v<K> || hosts_v<K> ? computed_by::region
                                                                  : computed_by::own_step;
};

// A sum or mean riding on a region: Pat over the region's leaves and then the region's value.
template <region_end Reduce, class Pat>
struct rider {};

// A region ending in Reduce, with pattern Pat over leaves of kinds K..., and Riders (a
// type_list of rider) computed in its loop.
template <region_end Reduce, class Pat, class Riders, operand_kind... K>
struct fused {};

// A term computed by the step of the term it rides on.
struct ridden {};
template <class R>
void run_step(ridden, item<R>&, const sink<R>&, const item<R>*, const std::size_t*) {}

// Like every step with a vector or matrix operand, called rather than inlined (steps.hpp). The
// riders' items follow the leaves in `at`: a host writes them as well as its own.
template <region_end Reduce, class Pat, region_end... RE, class... RP, operand_kind... K, class R>
EIGEN_DONT_INLINE void run_step(fused<Reduce, Pat, detail::type_list<rider<RE, RP>...>, K...>, item<R>& self,
                                const sink<R>& out, const item<R>* in, const std::size_t* at) {
  [&]<std::size_t... J>(std::index_sequence<J...>) {
    if constexpr (Reduce == region_end::stores) {
      const auto e = result_extents<R>(value_of<K>(in[at[J]])...);
      const auto s = stored_with_sums<Pat, RP...>(out.resize(e[0], e[1]), e[0], e[1], value_of<K>(in[at[J]])...);
      constexpr region_end ends[] = {RE..., region_end::stores};
      for (std::size_t k = 0; k < s.size(); ++k) {
        item<R>& r = const_cast<item<R>&>(in[at[sizeof...(K) + k]]);
        r.v = dense_view<R>{nullptr, e[0], e[1], e[0]};
        r.s = ends[k] == region_end::means ? s[k] / static_cast<R>(e[0] * e[1]) : s[k];
      }
    } else {
      const auto e = result_extents<R>(value_of<K>(in[at[J]])...);
      const R s = sum_over_segments<Pat, R>(e[0], e[1], value_of<K>(in[at[J]])...);
      self.v = dense_view<R>{nullptr, e[0], e[1], e[0]};  // what was reduced (a mean's weight when streamed)
      self.s = Reduce == region_end::means ? s / static_cast<R>(e[0] * e[1]) : s;
    }
  }(std::make_index_sequence<sizeof...(K)>{});
}

// ---- the step of a region -----------------------------------------------------------------------

// K's region, its leaves numbered as in Leaves (a rider's: its host's leaves, then the host).
template <class Fusion, class K, class Leaves = typename Fusion::template leaves_t<K>>
struct region {
  using leaves = Leaves;
  using shape = region_shape_t<K>;

  template <class X, bool Inside = Fusion::template absorbed_v<X>>
  struct pattern { using type = leaf_at<detail::index_of_v<X, leaves>>; };
  template <class X>
  using pattern_t = typename pattern<X>::type;
  template <class Op, class... A>
  struct pattern<node<Op, A...>, true> {
    template <class L>
    struct of;
    template <class... Rs>
    struct of<detail::type_list<Rs...>> { using type = lanes_of<lane_of_t<node<Op, A...>>, pattern_t<Rs>...>; };
    using type = typename of<typename read_operands<Op, A...>::type>::type;
  };

  template <class X>
  struct root_pattern;
  template <class Op, class... A>
  struct root_pattern<node<Op, A...>> {
    using type = typename pattern<node<Op, A...>, true>::type;
  };
  template <class A>
  struct root_pattern<node<op::sum, A>> { using type = pattern_t<A>; };
  template <class A>
  struct root_pattern<node<op::mean, A>> { using type = pattern_t<A>; };

  template <class L, class Riders>
  struct step_for;
  template <class... L, class... S>
  struct step_for<detail::type_list<L...>, detail::type_list<S...>> {
    // What the blocked run relies on: a rider is a scalar computed after its host, so it is in
    // the host's phase (a reduction of a local host, else free or after as the host is).
    static_assert(((is_scalar_v<S> && detail::index_of_v<K, typename Fusion::all> < detail::index_of_v<S, typename Fusion::all>) && ...));
    template <class X>
    using rider_pattern = typename region<Fusion, X, typename Fusion::template host_leaves_t<K>>::template root_pattern<X>::type;
    using type = fused<reduces_v<K>, typename root_pattern<K>::type, detail::type_list<rider<reduces_v<S>, rider_pattern<S>>...>,
                       broadcast_kind_v<L, shape>...>;
    template <class Items>
    static constexpr std::array<std::size_t, sizeof...(L) + sizeof...(S)> at{detail::index_of_v<L, Items>...,
                                                                            detail::index_of_v<S, Items>...};
  };
  using steps = step_for<leaves, typename Fusion::template riders_t<K>>;
  using step = typename steps::type;
  template <class Items>
  static constexpr auto at = steps::template at<Items>;
};

}  // namespace symgrad::eval_detail

SYMGRAD_PACKETS_END
