#pragma once
// The reading form's names. An expression is a tree in which a shared subterm (the same type)
// is written out wherever it occurs; a person writes it once, under a name. The flat nodes of
// every expression printed together are hash-consed into one DAG, and a subterm used by two or
// more distinct parents (and not a leaf or a tiny product) gets a name: H for an elementwise
// function of a matrix or vector, P for a softmax, Z for an affine H W + b, D for anything
// else (backprop's adjoints). H, P and Z are numbered from the input, D from the output
// expression inward, so a network reads D1 = step(Z1) .* (D2 W2^T), D2 = softmax(...) - Y.
// exp(z - logsumexp(z)) reads softmax(z).
// Every unit that prints compiles this code, so it keeps to vectors and integer keys: the
// standard maps and sets cost about a second of compile time per unit.
#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "describe.hpp"

namespace symgrad::print_detail {

inline const flat_node* next(const flat_node* n) { return n + n->size; }

inline bool digit(char c) { return c >= '0' && c <= '9'; }

// Where a flat node of the printed expressions sits in one numbering of all of them.
struct node_index {
  std::vector<std::pair<const flat_node*, int>> roots;  // each root's array, its first index

  int add(const flat_node* root) {
    const int start = roots.empty() ? 0 : roots.back().second + roots.back().first->size;
    roots.emplace_back(root, start);
    return start;
  }
  int total() const { return roots.empty() ? 0 : roots.back().second + roots.back().first->size; }
  int operator()(const flat_node* n) const {
    for (const auto& [root, start] : roots)
      if (n >= root && n < root + root->size) return start + int(n - root);
    return -1;
  }
};

struct naming {
  node_index at;
  std::vector<int> id;                     // every flat node: its DAG node
  std::vector<std::string> names;          // per DAG node; empty: written out
  std::vector<const flat_node*> softmax;   // every flat node: the z of softmax(z), or null
  std::vector<const flat_node*> definitions;  // named nodes, in the order listed
  const flat_node* defining = nullptr;        // written out, not named

  int dag(const flat_node* n) const { return id[static_cast<std::size_t>(at(n))]; }
  const std::string* name_at(const flat_node* n) const {
    if (n == defining) return nullptr;
    const int i = at(n);
    if (i < 0) return nullptr;
    const std::string& s = names[static_cast<std::size_t>(id[static_cast<std::size_t>(i)])];
    return s.empty() ? nullptr : &s;
  }
  const flat_node* softmax_at(const flat_node* n) const {
    const int i = at(n);
    return i < 0 ? nullptr : softmax[static_cast<std::size_t>(i)];
  }
};

// exp(t1 + ... + tk - logsumexp(t1 + ... + tk)), as the simplifier writes it, or exp(z -
// logsumexp(z)), as softmax(z) is built -> the node t1 + ... + tk (or t1, z), else null.
// Operands are visited first, so the DAG ids of everything below n are known.
inline const flat_node* softmax_argument(const flat_node* n, const naming& nm) {
  if (n->k != kind::function || n->name != "exp") return nullptr;
  if (n[1].k == kind::sub && n[1].arity == 2) {
    const flat_node* z = n + 2;
    const flat_node* lse = next(z);
    const bool match = lse->k == kind::operator_name && lse->name == "logsumexp" && nm.dag(lse + 1) == nm.dag(z);
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
  if (terms.size() == 1) return nm.dag(terms[0]) == nm.dag(z) ? z : nullptr;
  if (z->k != kind::add || z->arity != int(terms.size())) return nullptr;
  const flat_node* t = z + 1;
  for (const flat_node* term : terms) {
    if (nm.dag(term) != nm.dag(t)) return nullptr;
    t = next(t);
  }
  return z;
}

class dag_builder {
 public:
  naming out;

  // The DAG node of a root and everything under it.
  int add_root(const flat_node* root) {
    out.at.add(root);
    const auto total = static_cast<std::size_t>(out.at.total());
    out.id.resize(total, -1);
    out.softmax.resize(total, nullptr);
    return visit(root);
  }

  // Names for the nodes used by two or more parents, avoiding the names already in use.
  void name(const std::vector<int>& roots) {
    const std::size_t count = nodes_.size();
    // Uses count only what is printed: under a softmax, only its z.
    std::vector<char> printed(count, 0);
    for (int r : roots) printed[static_cast<std::size_t>(r)] = 1;
    for (std::size_t i = count; i-- > 0;)
      if (printed[i])
        for (int c : children(i)) printed[static_cast<std::size_t>(c)] = 1;
    std::vector<int> uses(count, 0);
    for (std::size_t i = 0; i < count; ++i)
      if (printed[i])
        for (int c : children(i)) ++uses[static_cast<std::size_t>(c)];
    // Operands come first (post-order), so a node's size counts its named operands as one.
    std::vector<int> size(count, 1);
    std::vector<char> named(count, 0);
    std::vector<int> by_prefix[4];  // D, P, H, Z
    for (std::size_t i = 0; i < count; ++i) {
      for (int c : children(i)) size[i] += named[static_cast<std::size_t>(c)] ? 1 : size[static_cast<std::size_t>(c)];
      bool root = false;
      for (int r : roots) root = root || r == int(i);
      // One expression alone names only what saves much writing; several printed together
      // (the gradients of a model) name everything they share.
      const bool saves = roots.size() > 1 || (uses[i] - 1) * size[i] >= 12;
      if (uses[i] >= 2 && !root && saves && worth_a_name(nodes_[i].first, size[i])) {
        named[i] = 1;
        by_prefix[prefix(nodes_[i].first)].push_back(int(i));
      }
    }
    std::vector<std::string> taken;
    for (const auto& [root, start] : out.at.roots)
      for (const flat_node* n = root; n != root + root->size; ++n)
        if (n->k == kind::name) taken.emplace_back(n->name);
    out.names.assign(count, "");
    for (int p = 0; p < 4; ++p) {
      std::vector<int>& ids = by_prefix[p];
      if (p == 0) ids = std::vector<int>(ids.rbegin(), ids.rend());  // D from the output inward
      // H and Z take the number of their layer's weight (Z2 = H1 W2 + b2) where it has one.
      std::vector<long> number(ids.size(), 0), used;
      for (std::size_t j = 0; j < ids.size(); ++j) {
        const long layer = p == 0 ? 0 : layer_of(nodes_[static_cast<std::size_t>(ids[j])].first);
        if (layer > 0 && !contains(used, layer)) used.push_back(number[j] = layer);
      }
      long free_number = 1;
      for (std::size_t j = 0; j < ids.size(); ++j) {
        if (number[j] == 0) {
          while (contains(used, free_number)) ++free_number;
          used.push_back(number[j] = free_number);
        }
        std::string candidate(1, "DPHZ"[p]);
        candidate.append(std::to_string(number[j]));
        while (contains(taken, candidate)) candidate.append("'");
        taken.push_back(candidate);
        out.names[static_cast<std::size_t>(ids[j])] = candidate;
      }
      // Listed in order of their numbers (distinct, so the first found is the least).
      std::vector<char> listed(ids.size(), 0);
      for (std::size_t k = 0; k < ids.size(); ++k) {
        std::size_t least = ids.size();
        for (std::size_t j = 0; j < ids.size(); ++j)
          if (!listed[j] && (least == ids.size() || number[j] < number[least])) least = j;
        listed[least] = 1;
        out.definitions.push_back(nodes_[static_cast<std::size_t>(ids[least])].first);
      }
    }
  }

 private:
  struct node_info {
    const flat_node* first;  // its first occurrence, written out in its definition
    int begin, end;          // its operands' DAG ids in children_
    bool softmax;
  };
  std::vector<node_info> nodes_;
  std::vector<int> children_;
  std::vector<int> table_;  // open addressing: DAG ids by hash, -1 free
  std::vector<std::uint64_t> hashes_;  // per DAG node

  std::span<const int> children(std::size_t i) const {
    return std::span<const int>(children_).subspan(static_cast<std::size_t>(nodes_[i].begin),
                                                   static_cast<std::size_t>(nodes_[i].end - nodes_[i].begin));
  }

  template <class T>
  static bool contains(const std::vector<T>& v, const T& x) {
    for (const T& y : v)
      if (y == x) return true;
    return false;
  }

  static std::uint64_t mix(std::uint64_t h, std::uint64_t v) { return (h ^ v) * 0x100000001b3ull; }
  static std::uint64_t mix(std::uint64_t h, std::string_view s) {
    for (char c : s) h = mix(h, static_cast<unsigned char>(c));
    return mix(h, 0xff);
  }

  // Same DAG node: same kind and data, the same operands' DAG ids.
  bool same(const node_info& a, const flat_node* n, bool softmax, const std::vector<int>& kids) const {
    const flat_node* f = a.first;
    if (a.softmax != softmax || a.end - a.begin != int(kids.size())) return false;
    if (!softmax && (f->k != n->k || f->name != n->name || f->value != n->value || f->cols != n->cols)) return false;
    for (std::size_t c = 0; c < kids.size(); ++c)
      if (children_[static_cast<std::size_t>(a.begin) + c] != kids[c]) return false;
    return true;
  }

  int visit(const flat_node* n) {
    std::vector<int> kids;
    const flat_node* a = n + 1;
    const int arity = n->k == kind::pow ? 1 : n->arity;
    for (int i = 0; i < arity; ++i, a = next(a)) kids.push_back(visit(a));
    const flat_node* z = softmax_argument(n, out);
    if (z) {
      kids.assign(1, out.dag(z));
      out.softmax[static_cast<std::size_t>(out.at(n))] = z;
    }
    std::uint64_t h = 0xcbf29ce484222325ull;
    if (!z) h = mix(mix(mix(mix(mix(h, std::uint64_t(n->k)), n->name), std::uint64_t(n->value.num)), std::uint64_t(n->value.den)), n->cols);
    for (int c : kids) h = mix(h, std::uint64_t(c));
    if (table_.size() < 2 * nodes_.size() + 2) rehash();
    const std::size_t mask = table_.size() - 1;
    std::size_t slot = static_cast<std::size_t>(h) & mask;
    for (; table_[slot] >= 0; slot = (slot + 1) & mask) {
      const int candidate = table_[slot];
      if (hashes_[static_cast<std::size_t>(candidate)] == h && same(nodes_[static_cast<std::size_t>(candidate)], n, z != nullptr, kids))
        return out.id[static_cast<std::size_t>(out.at(n))] = candidate;
    }
    const int fresh = int(nodes_.size());
    nodes_.push_back({n, int(children_.size()), int(children_.size() + kids.size()), z != nullptr});
    children_.insert(children_.end(), kids.begin(), kids.end());
    hashes_.push_back(h);
    table_[slot] = fresh;
    return out.id[static_cast<std::size_t>(out.at(n))] = fresh;
  }

  void rehash() {
    std::size_t size = 64;
    while (size < 4 * nodes_.size() + 4) size *= 2;
    table_.assign(size, -1);
    for (std::size_t i = 0; i < nodes_.size(); ++i) {
      std::size_t slot = static_cast<std::size_t>(hashes_[i]) & (size - 1);
      while (table_[slot] >= 0) slot = (slot + 1) & (size - 1);
      table_[slot] = int(i);
    }
  }

  bool is_softmax(const flat_node* n) const { return out.softmax_at(n) != nullptr; }

  // A function of a shared argument is always worth naming (H1 = relu(Z1)); anything else only
  // when it is more than a product of two names (H1 Wo reads well as it is).
  bool worth_a_name(const flat_node* n, int size) const {
    if (is_softmax(n) || n->k == kind::function || n->k == kind::sigmoid) return true;
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
      while (start > 0 && digit(w->name[start - 1])) --start;
      if (start == 0 || start == w->name.size()) continue;
      long number = 0;
      for (char c : w->name.substr(start)) number = 10 * number + (c - '0');
      return number;
    }
    return 0;
  }

  // 0 D, 1 P, 2 H, 3 Z.
  int prefix(const flat_node* n) const {
    if (is_softmax(n)) return 1;
    if (n->k == kind::function || n->k == kind::sigmoid ||
        (n->k == kind::operator_name && n->arity == 1 && n->name != "sum" && n->name != "mean" && n->name != "logsumexp"))
      return 2;
    if (n->k == kind::add) {
      const flat_node* a = n + 1;
      for (int i = 0; i < n->arity; ++i, a = next(a))
        if (a->k == kind::matmul && next(a)[-1].k == kind::name) return 3;
    }
    return 0;
  }
};

}  // namespace symgrad::print_detail
