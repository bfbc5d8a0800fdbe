// symgrad/hana.hpp: expressions as Boost.Hana citizens. Comparable (hana::equal is
// same_form), Hashable consistently with it (so variables key a hana::map), an expression's
// variables and a wrt-pack's gradients as hana tuples.
#include <symgrad/hana.hpp>

#include <type_traits>

#include <boost/hana/at_key.hpp>
#include <boost/hana/contains.hpp>
#include <boost/hana/integral_constant.hpp>
#include <boost/hana/length.hpp>

#include "../support/linear_models.hpp"

namespace {

namespace hana = boost::hana;
using namespace symgrad;
using namespace linear_models;

constexpr auto x = scalar<"x">;
constexpr auto z = scalar<"z">;

template <class A, class B>
inline constexpr bool same_v = std::is_same_v<std::remove_cvref_t<A>, std::remove_cvref_t<B>>;

// ---- Comparable: hana::equal is same_form, as a hana::bool_ ------------------------------------

static_assert(hana::Comparable<expression_tag>::value && hana::Hashable<expression_tag>::value);
static_assert(same_v<hana::tag_of_t<decltype(x)>, expression_tag>);
static_assert(same_v<hana::tag_of_t<decltype(X * w + b)>, expression_tag>);
static_assert(same_v<hana::tag_of_t<decltype(2_c)>, expression_tag>);
static_assert(same_v<hana::tag_of_t<ones<scalar_shape>>, expression_tag>);
static_assert(same_v<hana::tag_of_t<eye<dim_t<"n">>>, expression_tag>);
static_assert(!same_v<hana::tag_of_t<int>, expression_tag>);

static_assert(same_v<decltype(hana::equal(2_c * x, x + x)), hana::true_>);
static_assert(same_v<decltype(hana::equal(x, z)), hana::false_>);
static_assert(hana::equal(transpose(transpose(X)) * w, X * w));
static_assert(!hana::equal(w, X * w));                  // shapes differ
static_assert(!hana::equal(x, hana::int_c<1>));         // not an expression: Hana's default, false_
static_assert(hana::not_equal(sum(w), mean(w)));
// Through Hana's algorithms: tuples of expressions compare element by element.
static_assert(hana::equal(hana::make_tuple(x + x, X * w), hana::make_tuple(2_c * x, X * w)));

// ---- Hashable, consistent with equal ---------------------------------------------------------

// A variable hashes to its own type, and so does every expression equal to it.
static_assert(hana::hash(x) == hana::type_c<std::remove_const_t<decltype(x)>>);
static_assert(hana::hash((x + x) / 2_c) == hana::hash(x));
static_assert(hana::hash(x + z - z) == hana::hash(x));
static_assert(hana::hash(transpose(transpose(w))) == hana::hash(w));
// Other expressions: equal ones hash alike, and differ from the variables they use.
static_assert(hana::hash(2_c * x) == hana::hash(x + x));
static_assert(hana::hash(X * w + b) == hana::hash(b + X * w));
static_assert(hana::hash(2_c * x) != hana::hash(x));
static_assert(hana::hash(x) != hana::hash(z));

// So a hana::map is keyed by variables, and found again by an equal expression.
constexpr auto map = hana::make_map(hana::make_pair(w, 1), hana::make_pair(b, 2));
static_assert(hana::contains(map, w) && hana::contains(map, (w + w) / 2_c) && !hana::contains(map, X));
static_assert(same_v<decltype(hana::at_key(map, b)), const int&>);

// ---- variables(e): first occurrence, operands first --------------------------------------------

// bce(a, y) is -mean(y % log(a) + (1 - y) % log(1 - a)): y comes before a's X, w, b.
using X_t = std::remove_const_t<decltype(X)>;
using w_t = std::remove_const_t<decltype(w)>;
using b_t = std::remove_const_t<decltype(b)>;
using y_t = std::remove_const_t<decltype(y)>;
static_assert(same_v<decltype(variables(logistic)), hana::tuple<y_t, X_t, w_t, b_t>>);
static_assert(same_v<decltype(variables(X * w + b)), hana::tuple<X_t, w_t, b_t>>);
static_assert(same_v<decltype(variables(2_c * x + x * x)), hana::tuple<std::remove_const_t<decltype(x)>>>);
static_assert(same_v<decltype(variables(2_c)), hana::tuple<>>);
static_assert(same_v<decltype(variables(x, X * w, z)),
                     hana::tuple<std::remove_const_t<decltype(x)>, X_t, w_t, std::remove_const_t<decltype(z)>>>);

// ---- grads(f, wrt(...)) -----------------------------------------------------------------------

static_assert(same_v<decltype(grads(logistic, wrt(w, b))), hana::tuple<decltype(grad(logistic, w)), decltype(grad(logistic, b))>>);
constexpr auto a = sigmoid(X * w + b);
static_assert(hana::equal(grads(logistic, wrt(w, b)), hana::make_tuple(transpose(X) * (a - y) / m, mean(a - y))));
// wrt of a hana tuple: every variable of the loss.
static_assert(hana::length(grads(logistic, wrt(variables(logistic)))) == hana::size_c<4>);
static_assert(same_v<decltype(wrt(variables(X * w + b))), decltype(wrt(X, w, b))>);

}  // namespace
