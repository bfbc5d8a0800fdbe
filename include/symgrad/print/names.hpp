#pragma once
// The reading form's names. An expression is a tree in which a shared subterm (the same type)
// is written out wherever it occurs; a person writes it once, under a name. The flat nodes of
// every expression printed together are hash-consed into one DAG, and a subterm used by two or
// more distinct parents (and not a leaf or a tiny product) gets a name: H for an elementwise
// function of a matrix or vector, P for a softmax, Z for an affine H W + b, D for anything
// else (backprop's adjoints). H, P and Z are numbered from the input, D from the output
// expression inward, so a network reads D1 = step(Z1) .* (D2 W2^T), D2 = softmax(...) - Y.
// exp(z - logsumexp(z)) reads softmax(z).
#include <algorithm>
#include <cctype>
#include <map>
#include <set>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "describe.hpp"

namespace symgrad {

/// An expression with a label, for printing several together: `label("dL/dW1", grad(f, W1))`.
template <class E>
struct labeled {
  std::string label;
  E expr;
};
template <expression E>
labeled<E> label(std::string text, E e) {
  return {std::move(text), e};
}

}  // namespace symgrad

namespace symgrad::print_detail {

inline const flat_node* next(const flat_node* n) { return n + n->size; }

struct naming {
  std::unordered_map<const flat_node*, int> id;            // every node: its DAG node
  std::vector<std::string> names;                          // per DAG node; empty: written out
  std::unordered_map<const flat_node*, const flat_node*> softmax;  // exp node -> its z
  std::vector<const flat_node*> definitions;               // named nodes, in the order listed
  const flat_node* defining = nullptr;                      // written out, not named

  const std::string* name_at(const flat_node* n) const {
    if (n == defining) return nullptr;
    const auto it = id.find(n);
    if (it == id.end() || names[static_cast<std::size_t>(it->second)].empty()) return nullptr;
    return &names[static_cast<std::size_t>(it->second)];
  }
  const flat_node* softmax_at(const flat_node* n) const {
    const auto it = softmax.find(n);
    return it == softmax.end() ? nullptr : it->second;
  }
};

// exp(t1 + ... + tk - logsumexp(t1 + ... + tk)), as the simplifier writes it, or exp(z -
// logsumexp(z)), as softmax(z) is built -> the node t1 + ... + tk (or t1, z), else null.
inline const flat_node* softmax_argument(const flat_node* n, const std::unordered_map<const flat_node*, int>& id) {
  if (n->k != kind::function || n->name != "exp") return nullptr;
  if (n[1].k == kind::sub && n[1].arity == 2) {
    const flat_node* z = n + 2;
    const flat_node* lse = next(z);
    const bool match = lse->k == kind::operator_name && lse->name == "logsumexp" && id.at(lse + 1) == id.at(z);
    return match ? z : nullptr;
  }
  if (n[1].k != kind::add) return nullptr;
  const flat_node* sum = n + 1;
  std::vector<const flat_node*> terms;
  const flat_node* lse = nullptr;
  const flat_node* a = sum + 1;
  for (int i = 0; i < sum->arity; ++i, a = next(a)) {
    // -logsumexp(z) is (-1) * logsumexp(z) or unary minus
    const flat_node* inner = nullptr;
    if (a->k == kind::mul && a->arity == 2 && a[1].k == kind::constant && a[1].value == rat{-1, 1}) inner = next(a + 1);
    else if (a->k == kind::neg) inner = a + 1;
    if (inner && inner->k == kind::operator_name && inner->name == "logsumexp" && !lse) lse = inner;
    else terms.push_back(a);
  }
  if (!lse || terms.empty()) return nullptr;
  const flat_node* z = lse + 1;
  if (terms.size() == 1) return id.at(terms[0]) == id.at(z) ? z : nullptr;
  if (z->k != kind::add || z->arity != int(terms.size())) return nullptr;
  const flat_node* t = z + 1;
  for (const flat_node* term : terms) {
    if (id.at(term) != id.at(t)) return nullptr;
    t = next(t);
  }
  return z;
}

class dag_builder {
 public:
  naming out;

  int visit(const flat_node* n) {
    std::vector<int> children;
    const flat_node* a = n + 1;
    for (int i = 0; i < (n->k == kind::pow ? 1 : n->arity); ++i, a = next(a)) children.push_back(visit(a));
    // Appended piece by piece: chained operator+ trips a g++ 12 -Wrestrict false positive.
    std::string key = std::to_string(int(n->k));
    key.append("|").append(n->name).append("|").append(std::to_string(n->value.num)).append("/");
    key.append(std::to_string(n->value.den)).append("|").append(n->cols);
    if (const flat_node* z = softmax_argument(n, out.id)) {
      out.softmax[n] = z;
      children = {out.id.at(z)};
      key = "softmax";
    }
    for (int c : children) key.append(",").append(std::to_string(c));
    const auto [it, fresh] = keys_.try_emplace(key, int(nodes_.size()));
    if (fresh) nodes_.push_back({n, children});
    out.id[n] = it->second;
    return it->second;
  }

  // Names for the nodes used by two or more parents, avoiding the names already in use.
  void name(const std::vector<int>& roots) {
    // Uses count only what is printed: under a softmax, only its z.
    std::vector<bool> printed(nodes_.size(), false);
    for (int r : roots) printed[static_cast<std::size_t>(r)] = true;
    for (std::size_t i = nodes_.size(); i-- > 0;)
      if (printed[i])
        for (int c : nodes_[i].children) printed[static_cast<std::size_t>(c)] = true;
    std::vector<int> uses(nodes_.size(), 0);
    for (std::size_t i = 0; i < nodes_.size(); ++i)
      if (printed[i])
        for (int c : nodes_[i].children) ++uses[static_cast<std::size_t>(c)];
    std::set<std::string> taken;
    for (const auto& [n, i] : out.id)
      if (n->k == kind::name) taken.insert(std::string(n->name));
    // Operands come first (post-order), so a node's size counts its named operands as one.
    std::vector<int> size(nodes_.size(), 1);
    std::vector<bool> named(nodes_.size(), false);
    std::map<char, std::vector<int>> by_prefix;
    for (std::size_t i = 0; i < nodes_.size(); ++i) {
      for (int c : nodes_[i].children) size[i] += named[static_cast<std::size_t>(c)] ? 1 : size[static_cast<std::size_t>(c)];
      const bool root = std::find(roots.begin(), roots.end(), int(i)) != roots.end();
      // One expression alone names only what saves much writing; several printed together
      // (the gradients of a model) name everything they share.
      const bool saves = roots.size() > 1 || (uses[i] - 1) * size[i] >= 12;
      if (uses[i] >= 2 && !root && saves && worth_a_name(nodes_[i].first, size[i])) {
        named[i] = true;
        by_prefix[prefix(nodes_[i].first)].push_back(int(i));
      }
    }
    out.names.assign(nodes_.size(), "");
    for (char p : {'D', 'P', 'H', 'Z'}) {
      std::vector<int>& ids = by_prefix[p];
      if (p == 'D') std::reverse(ids.begin(), ids.end());
      // H and Z take the number of their layer's weight (Z2 = H1 W2 + b2) where it has one.
      std::vector<long> number(ids.size(), 0);
      std::set<long> used;
      for (std::size_t j = 0; j < ids.size(); ++j) {
        const long layer = p == 'D' ? 0 : layer_of(nodes_[static_cast<std::size_t>(ids[j])].first);
        if (layer > 0 && used.insert(layer).second) number[j] = layer;
      }
      long free_number = 1;
      for (std::size_t j = 0; j < ids.size(); ++j) {
        if (number[j] == 0) {
          while (used.count(free_number)) ++free_number;
          used.insert(number[j] = free_number);
        }
        std::string candidate(1, p);
        candidate.append(std::to_string(number[j]));
        while (taken.count(candidate)) candidate.append("'");
        taken.insert(candidate);
        out.names[static_cast<std::size_t>(ids[j])] = candidate;
      }
      // Listed in order of their numbers.
      std::vector<std::size_t> order(ids.size());
      for (std::size_t j = 0; j < ids.size(); ++j) order[j] = j;
      std::sort(order.begin(), order.end(), [&](std::size_t x, std::size_t y) { return number[x] < number[y]; });
      for (std::size_t j : order) out.definitions.push_back(nodes_[static_cast<std::size_t>(ids[j])].first);
    }
  }

 private:
  struct node_info {
    const flat_node* first;  // its first occurrence, written out in its definition
    std::vector<int> children;
  };
  std::map<std::string, int> keys_;
  std::vector<node_info> nodes_;

  // A function of a shared argument is always worth naming (H1 = relu(Z1)); anything else only
  // when it is more than a product of two names (H1 Wo reads well as it is).
  bool worth_a_name(const flat_node* n, int size) const {
    if (out.softmax.count(n) || n->k == kind::function || n->k == kind::sigmoid) return true;
    if (n->k == kind::operator_name) return n->arity == 1 && n->name != "sum" && n->name != "mean";
    return size >= 4 && n->k != kind::transpose && n->k != kind::neg;
  }
  // The trailing number of W in an affine H W + b (or of a function of one), else 0.
  static long layer_of(const flat_node* n) {
    if ((n->k == kind::function || n->k == kind::sigmoid || n->k == kind::operator_name) && n->arity == 1) ++n;
    if (n->k != kind::add) return 0;
    const flat_node* a = n + 1;
    for (int i = 0; i < n->arity; ++i, a = next(a)) {
      const flat_node* w = next(a) - 1;  // the last leaf of the product
      if (a->k != kind::matmul || w->k != kind::name) continue;
      std::size_t start = w->name.size();
      while (start > 0 && std::isdigit(static_cast<unsigned char>(w->name[start - 1]))) --start;
      if (start > 0 && start < w->name.size()) return std::stol(std::string(w->name.substr(start)));
    }
    return 0;
  }

  char prefix(const flat_node* n) const {
    if (out.softmax.count(n)) return 'P';
    if (n->k == kind::function || n->k == kind::sigmoid ||
        (n->k == kind::operator_name && n->arity == 1 && n->name != "sum" && n->name != "mean" && n->name != "logsumexp"))
      return 'H';
    if (n->k == kind::add) {
      const flat_node* a = n + 1;
      for (int i = 0; i < n->arity; ++i, a = next(a))
        if (a->k == kind::matmul && next(a)[-1].k == kind::name) return 'Z';
    }
    return 'D';
  }
};

}  // namespace symgrad::print_detail
