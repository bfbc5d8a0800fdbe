#pragma once
/// \file
/// Parameters in one flat vector, as optimisers such as LBFGSpp want them: each parameter's
/// entries, column-major, after the one before. The parameters are bound to segments of the
/// optimiser's vector (referenced, not copied), and the gradients written into its buffer.
#include <array>
#include <cstddef>
#include <tuple>
#include <type_traits>
#include <utility>

#include <Eigen/Core>

#include "../detail/type_list.hpp"
#include "binding.hpp"
#include "errors.hpp"

namespace symgrad {

/// The layout of the parameters V... in a flat vector, made by `flatten(w = w0, b = 0.0)`,
/// which also keeps their initial values as one vector.
///
///     auto params = flatten(w = w0, b = 0.0);
///     Eigen::VectorXd x = params.initial();
///     auto step = value_and_grad(loss, wrt(w, b));
///     auto f = [&](const Eigen::VectorXd& x, Eigen::VectorXd& g) {
///       return params.value_and_grad(step, x, g, X = data, y = labels);
///     };
template <class... V>
class flat_parameters {
  static constexpr std::size_t count = sizeof...(V);

 public:
  using index = Eigen::Index;

  template <class... B>
  explicit flat_parameters(const B&... initial) {
    std::size_t i = 0;
    ((rows_[i] = rows_of(initial), cols_[i] = cols_of(initial), offset_[i + 1] = offset_[i] + rows_[i] * cols_[i], ++i), ...);
    initial_.resize(size());
    i = 0;
    ((write(initial_, i++, initial.value())), ...);
  }

  /// The number of entries of all the parameters together.
  index size() const { return offset_[count]; }
  /// The initial values, laid out flat.
  const Eigen::VectorXd& initial() const { return initial_; }

  /// The entries of parameter `p` in the flat vector x, as a rows x cols matrix.
  template <class P>
  Eigen::Map<const Eigen::MatrixXd> view(P, const Eigen::Ref<const Eigen::VectorXd>& x) const {
    constexpr std::size_t i = position<P>();
    check_size(x.size(), "vector");
    return {x.data() + offset_[i], rows_[i], cols_[i]};
  }

  /// Bindings of the parameters to the segments of x (referenced: x must outlive them)
  /// followed by the other bindings: `params.bind(x, X = data, y = labels)`.
  template <class... B>
    requires(is_binding_v<B> && ...)
  auto bind(const Eigen::Ref<const Eigen::VectorXd>& x, const B&... data) const {
    check_size(x.size(), "vector");
    return bind_at(x, std::index_sequence_for<V...>{}, data...);
  }

  /// Writes the gradients (in the order of V...) into their segments of g.
  template <class... G>
  void gather(Eigen::Ref<Eigen::VectorXd> g, const G&... gradients) const {
    static_assert(sizeof...(G) == count, "symgrad: gather takes one gradient per parameter, in their order");
    check_size(g.size(), "gradient");
    std::size_t i = 0;
    ((write(g, i++, gradients)), ...);
  }

  /// Evaluates `step`, an evaluator of (value, gradient for each of V...) such as
  /// `value_and_grad(loss, wrt(w, b))`, with the parameters read from x and the bindings
  /// `data`; writes the gradients into g and returns the value.
  template <class Step, class... B>
  double value_and_grad(Step& step, const Eigen::Ref<const Eigen::VectorXd>& x, Eigen::Ref<Eigen::VectorXd> g,
                        const B&... data) const {
    const auto& results = step(bind(x, data...));
    static_assert(std::tuple_size_v<std::remove_cvref_t<decltype(results)>> == count + 1,
                  "symgrad: the evaluator must return the value and one gradient per parameter");
    std::apply([&](const double&, const auto&... gradients) { gather(g, gradients...); }, results);
    return std::get<0>(results);
  }

 private:
  template <class P>
  static constexpr std::size_t position() {
    constexpr std::size_t i = detail::index_of_v<P, detail::type_list<V...>>;
    static_assert(i != detail::npos, "symgrad: this variable is not one of the flat parameters");
    return i;
  }

  template <class B>
  static index rows_of(const B& b) {
    if constexpr (is_scalar_v<typename B::var_type>) return 1;
    else return b.value().rows();
  }
  template <class B>
  static index cols_of(const B& b) {
    if constexpr (is_scalar_v<typename B::var_type>) return 1;
    else return b.value().cols();
  }
  // Parameter i's value (a double or a matrix of its shape) into its segment of out.
  template <class Value>
  void write(Eigen::Ref<Eigen::VectorXd> out, std::size_t i, const Value& v) const {
    if constexpr (std::is_arithmetic_v<Value>) out(offset_[i]) = v;
    else {
      if (v.rows() != rows_[i] || v.cols() != cols_[i])
        eval_detail::throw_formatted<dimension_error>(
            "symgrad: flat parameters: parameter %zu is %ld x %ld, but its segment holds %ld x %ld", i + 1,
            long(v.rows()), long(v.cols()), long(rows_[i]), long(cols_[i]));
      Eigen::Map<Eigen::MatrixXd>(out.data() + offset_[i], rows_[i], cols_[i]) = v;
    }
  }

  void check_size(index n, const char* what) const {
    if (n != size())
      eval_detail::throw_formatted<dimension_error>(
          "symgrad: flat parameters: the %s has %ld entries, but the parameters take %ld", what, long(n), long(size()));
  }

  template <std::size_t... I, class... B>
  auto bind_at(const Eigen::Ref<const Eigen::VectorXd>& x, std::index_sequence<I...>, const B&... data) const {
    return symgrad::bind(data..., bind_one<V, I>(x)...);
  }
  template <class P, std::size_t I>
  auto bind_one(const Eigen::Ref<const Eigen::VectorXd>& x) const {
    if constexpr (is_scalar_v<P>) return P{} = x(offset_[I]);
    else return P{} = Eigen::Map<const Eigen::MatrixXd>(x.data() + offset_[I], rows_[I], cols_[I]);
  }

  std::array<index, count> rows_{}, cols_{};
  std::array<index, count + 1> offset_{};
  Eigen::VectorXd initial_;
};

/// The flat layout of parameters from their initial values: `flatten(w = w0, b = 0.0)`.
template <class... B>
  requires(is_binding_v<B> && ...)
flat_parameters<typename B::var_type...> flatten(const B&... initial) {
  eval_detail::check_bound_once<B...>();
  return flat_parameters<typename B::var_type...>(initial...);
}

}  // namespace symgrad
