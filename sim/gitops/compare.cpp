#include "sim/gitops/compare.hpp"

#include "sim/core/base64.hpp"
#include "sim/model/diff.hpp"
#include "sim/model/yaml.hpp"

namespace gs::gitops {
namespace {

using model::Node;

// RFC 6901: "~1" is "/", "~0" is "~".
std::vector<std::string> split_pointer(std::string_view ptr) {
  std::vector<std::string> out;
  if (ptr.empty() || ptr[0] != '/') return out;
  std::size_t i = 1;
  while (i <= ptr.size()) {
    const std::size_t j = std::min(ptr.find('/', i), ptr.size());
    std::string tok;
    for (std::size_t k = i; k < j; ++k) {
      if (ptr[k] == '~' && k + 1 < j && ptr[k + 1] == '1') {
        tok += '/';
        ++k;
      } else if (ptr[k] == '~' && k + 1 < j && ptr[k + 1] == '0') {
        tok += '~';
        ++k;
      } else {
        tok += ptr[k];
      }
    }
    out.push_back(std::move(tok));
    i = j + 1;
  }
  return out;
}

// A list index token: digits only.
std::optional<std::size_t> list_index(const std::string& tok) {
  if (tok.empty()) return std::nullopt;
  std::size_t idx = 0;
  for (char c : tok) {
    if (c < '0' || c > '9') return std::nullopt;
    idx = idx * 10 + static_cast<std::size_t>(c - '0');
  }
  return idx;
}

void remove_pointer(Node& node, const std::vector<std::string>& toks, std::size_t at) {
  if (at >= toks.size()) return;
  const bool last = at + 1 == toks.size();
  if (node.is_map()) {
    if (last) {
      node.erase(toks[at]);
    } else if (Node* child = node.find(toks[at])) {
      remove_pointer(*child, toks, at + 1);
    }
  } else if (node.is_list()) {
    std::size_t idx = 0;
    for (char c : toks[at]) {
      if (c < '0' || c > '9') return;
      idx = idx * 10 + static_cast<std::size_t>(c - '0');
    }
    if (idx >= node.items().size()) return;
    if (last) {
      node.items().erase(node.items().begin() + static_cast<std::ptrdiff_t>(idx));
    } else {
      remove_pointer(node.items()[idx], toks, at + 1);
    }
  }
}

Node merge(const Node* live, const Node& desired, const Node* last) {
  if (desired.is_map() && live && live->is_map()) {
    Node out = *live;
    for (const auto& e : desired.entries()) {
      const Node* l = live->find(e.key);
      const Node* la = last && last->is_map() ? last->find(e.key) : nullptr;
      out[e.key] = merge(l, e.value, la);
    }
    // Fields applied last time but no longer declared are removed.
    if (last && last->is_map()) {
      for (const auto& e : last->entries()) {
        if (!desired.contains(e.key)) out.erase(e.key);
      }
    }
    return out;
  }
  if (desired.is_list() && live && live->is_list() && desired.items().size() == live->items().size()) {
    Node out = Node::list();
    const Node* la_list = last && last->is_list() && last->items().size() == desired.items().size() ? last : nullptr;
    for (std::size_t i = 0; i < desired.items().size(); ++i) {
      out.push_back(merge(&live->items()[i], desired.items()[i], la_list ? &la_list->items()[i] : nullptr));
    }
    return out;
  }
  return desired;
}

}  // namespace

Node normalize_for_compare(const Node& obj) {
  Node out = obj;
  out.erase("status");
  if (Node* meta = out.find("metadata"); meta && meta->is_map()) {
    for (const char* k : {"uid", "resourceVersion", "generation", "creationTimestamp", "managedFields", "selfLink",
                          "ownerReferences", "deletionTimestamp"}) {
      meta->erase(k);
    }
    if (Node* ann = meta->find("annotations"); ann && ann->is_map()) {
      ann->erase(kLastAppliedAnnotation);
      if (ann->size() == 0) meta->erase("annotations");
    }
  }
  // A Secret's stringData is write-only: the API server folds it into data.
  if (out.get_string({"kind"}) == "Secret") {
    if (const Node* sd = out.find("stringData"); sd && sd->is_map()) {
      // Move it out first: adding "data" may reallocate the map under sd.
      const Node string_data = *sd;
      out.erase("stringData");
      Node& data = out["data"];
      for (const auto& e : string_data.entries()) data[e.key] = Node::string(base64_encode(e.value.text()));
    }
  }
  return out;
}

void remove_json_pointers(Node& obj, const std::vector<std::string>& pointers) {
  for (const auto& p : pointers) remove_pointer(obj, split_pointer(p), 0);
}

const Node* find_json_pointer(const Node& obj, std::string_view pointer) {
  const Node* at = &obj;
  for (const auto& tok : split_pointer(pointer)) {
    if (at->is_map()) {
      at = at->find(tok);
    } else if (at->is_list()) {
      const auto idx = list_index(tok);
      at = idx && *idx < at->items().size() ? &at->items()[*idx] : nullptr;
    } else {
      return nullptr;
    }
    if (!at) return nullptr;
  }
  return at;
}

bool set_json_pointer(Node& obj, std::string_view pointer, Node value) {
  const auto toks = split_pointer(pointer);
  if (toks.empty()) return false;
  Node* at = &obj;
  for (std::size_t i = 0; i < toks.size(); ++i) {
    const bool last = i + 1 == toks.size();
    if (at->is_list()) {
      const auto idx = list_index(toks[i]);
      if (!idx || *idx >= at->items().size()) return false;
      at = &at->items()[*idx];
    } else {
      if (!at->is_map()) *at = Node::map();
      at = &(*at)[toks[i]];
    }
    if (last) *at = std::move(value);
  }
  return true;
}

Node predict_live(const Node& live, const Node& desired, const Node* last_applied) {
  return merge(&live, desired, last_applied);
}

std::optional<Node> last_applied_of(const Node& live) {
  const Node* ann = live.get({"metadata", "annotations"});
  if (!ann) return std::nullopt;
  const Node* la = ann->find(kLastAppliedAnnotation);
  if (!la || !la->is_scalar()) return std::nullopt;
  auto parsed = model::parse_yaml(la->text());
  if (!parsed) return std::nullopt;
  return std::move(parsed.value());
}

ResourceDiff diff_resource(const Node& desired, const Node& live, const std::vector<std::string>& ignore_pointers,
                           const std::optional<Node>* last_applied) {
  ResourceDiff r;
  Node d = normalize_for_compare(desired);
  Node l = normalize_for_compare(live);
  std::optional<Node> last = last_applied ? *last_applied : last_applied_of(live);
  if (last) *last = normalize_for_compare(*last);
  remove_json_pointers(d, ignore_pointers);
  remove_json_pointers(l, ignore_pointers);
  if (last) remove_json_pointers(*last, ignore_pointers);
  r.predicted_live = predict_live(l, d, last ? &*last : nullptr);
  r.normalized_live = std::move(l);
  r.modified = !(r.predicted_live == r.normalized_live);
  if (r.modified) {
    for (const auto& c : model::diff(r.normalized_live, r.predicted_live)) r.changed_paths.push_back(c.path);
  }
  return r;
}

}  // namespace gs::gitops
