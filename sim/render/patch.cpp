#include "sim/render/patch.hpp"

#include <algorithm>
#include <array>
#include <string_view>

#include "sim/render/resource.hpp"

namespace gs::render::detail {

using model::Node;

namespace {

// API groups whose kinds have a built-in OpenAPI schema in kustomize; lists
// in any other kind (CRDs) have no merge key and are replaced.
bool known_schema(const Gvk& g) {
  static constexpr std::array<std::string_view, 13> groups = {
      "", "apps", "batch", "extensions", "networking.k8s.io", "rbac.authorization.k8s.io", "policy",
      "autoscaling", "storage.k8s.io", "scheduling.k8s.io", "apiextensions.k8s.io",
      "admissionregistration.k8s.io", "coordination.k8s.io"};
  return std::find(groups.begin(), groups.end(), g.group) != groups.end();
}

// patchMergeKey of Kubernetes list fields (k8s.io/api types, as kustomize's
// built-in schema has them). "" = no merge key: the patch list replaces.
std::string merge_key(const std::string& field, const Gvk& g, int depth) {
  if (field == "containers" || field == "initContainers" || field == "ephemeralContainers") return "name";
  if (field == "env" || field == "volumes" || field == "imagePullSecrets" || field == "resourceClaims")
    return "name";
  if (field == "volumeMounts") return "mountPath";
  if (field == "volumeDevices") return "devicePath";
  if (field == "hostAliases") return "ip";
  if (field == "topologySpreadConstraints") return "topologyKey";
  if (field == "ownerReferences") return "uid";
  if (field == "ports") return (g.kind == "Service" && depth == 2) ? "port" : "containerPort";
  return "";
}

bool is_directive_key(const std::string& k) {
  return k == "$patch" || k.rfind("$setElementOrder/", 0) == 0 || k == "$retainKeys" ||
         k.rfind("$deleteFromPrimitiveList/", 0) == 0;
}

std::string directive(const Node& n) {
  if (!n.is_map()) return "";
  const Node* p = n.find("$patch");
  return p && p->is_scalar() ? p->text() : "";
}

// The patch value as plain data: directives removed, null map values kept
// out (they mean "delete", and there is nothing to delete in a new value).
Node clean(const Node& n) {
  if (n.is_map()) {
    Node out = Node::map();
    out.mark = n.mark;
    for (const auto& e : n.entries()) {
      if (is_directive_key(e.key) || e.value.is_null()) continue;
      out.entries().push_back({e.key, clean(e.value), e.key_mark});
    }
    return out;
  }
  if (n.is_list()) {
    Node out = Node::list();
    out.mark = n.mark;
    for (const auto& item : n.items()) {
      const std::string d = directive(item);
      if (d == "delete" || d == "replace") continue;
      out.push_back(clean(item));
    }
    return out;
  }
  return n;
}

struct Ctx {
  Gvk gvk;
  bool schema = false;
};

Status merge_node(Node& dst, const Node& patch, const Ctx& ctx, const std::string& field, int depth);

Status merge_map(Node& dst, const Node& patch, const Ctx& ctx, int depth) {
  const std::string d = directive(patch);
  if (d == "replace") {
    dst = clean(patch);
    return {};
  }
  if (!d.empty() && d != "merge" && d != "delete")
    return Error("unknown strategic merge patch directive '$patch: " + d + "'",
                 SourcePos{"", patch.mark.line, patch.mark.col});
  if (!dst.is_map()) {
    dst = clean(patch);
    return {};
  }
  for (const auto& e : patch.entries()) {
    if (is_directive_key(e.key)) continue;
    if (e.value.is_null()) {
      dst.erase(e.key);
      continue;
    }
    if (directive(e.value) == "delete") {
      dst.erase(e.key);
      continue;
    }
    Node* cur = dst.find(e.key);
    if (!cur) {
      dst.entries().push_back({e.key, clean(e.value), e.key_mark});
      continue;
    }
    if (Status s = merge_node(*cur, e.value, ctx, e.key, depth + 1); !s) return s;
  }
  return {};
}

Status merge_list(Node& dst, const Node& patch, const Ctx& ctx, const std::string& field, int depth) {
  // `- $patch: replace` inside a list: the rest of the patch list is the value.
  for (const auto& item : patch.items()) {
    if (directive(item) == "replace") {
      dst = clean(patch);
      return {};
    }
  }
  const std::string key = ctx.schema ? merge_key(field, ctx.gvk, depth) : "";
  auto keyed = [&](const Node& list) {
    return std::all_of(list.items().begin(), list.items().end(),
                       [&](const Node& n) { return n.is_map() && n.find(key) && n.find(key)->is_scalar(); });
  };
  if (key.empty() || !dst.is_list() || !keyed(dst) || !keyed(patch)) {
    dst = clean(patch);
    return {};
  }
  // kyaml merge2 with ListIncreaseDirection=Prepend: the patch's items in
  // patch order (merged into their originals), then the untouched originals.
  std::vector<Node> out;
  std::vector<bool> used(dst.items().size(), false);
  for (const auto& item : patch.items()) {
    const std::string& kv = item.find(key)->text();
    std::size_t found = dst.items().size();
    for (std::size_t i = 0; i < dst.items().size(); ++i) {
      if (!used[i] && dst.items()[i].find(key)->text() == kv) {
        found = i;
        break;
      }
    }
    const bool del = directive(item) == "delete";
    if (found < dst.items().size()) {
      used[found] = true;
      if (del) continue;
      Node merged = dst.items()[found];
      if (Status s = merge_map(merged, item, ctx, depth + 1); !s) return s;
      out.push_back(std::move(merged));
    } else if (!del) {
      out.push_back(clean(item));
    }
  }
  for (std::size_t i = 0; i < dst.items().size(); ++i)
    if (!used[i]) out.push_back(dst.items()[i]);
  dst.items() = std::move(out);
  return {};
}

Status merge_node(Node& dst, const Node& patch, const Ctx& ctx, const std::string& field, int depth) {
  if (patch.is_map()) return merge_map(dst, patch, ctx, depth);
  if (patch.is_list()) return merge_list(dst, patch, ctx, field, depth);
  dst = patch;
  return {};
}

}  // namespace

Status strategic_merge(Node& target, const Node& patch, bool& deleted) {
  deleted = false;
  if (!patch.is_map()) return Error("a strategic merge patch must be a map", SourcePos{"", patch.mark.line, patch.mark.col});
  if (directive(patch) == "delete") {
    deleted = true;
    return {};
  }
  Ctx ctx;
  ctx.gvk = gvk_of(target);
  ctx.schema = known_schema(ctx.gvk);
  return merge_map(target, patch, ctx, 0);
}

// ---------------------------------------------------------------- JSON 6902

namespace {

Result<std::vector<std::string>> parse_pointer(const std::string& ptr) {
  std::vector<std::string> out;
  if (ptr.empty()) return out;
  if (ptr[0] != '/') return Error("JSON pointer '" + ptr + "' must start with '/'");
  std::size_t i = 1;
  while (true) {
    std::size_t j = ptr.find('/', i);
    std::string raw = ptr.substr(i, j == std::string::npos ? std::string::npos : j - i);
    std::string tok;
    for (std::size_t k = 0; k < raw.size(); ++k) {
      if (raw[k] == '~' && k + 1 < raw.size() && (raw[k + 1] == '0' || raw[k + 1] == '1')) {
        tok += raw[k + 1] == '0' ? '~' : '/';
        ++k;
      } else if (raw[k] == '~') {
        return Error("JSON pointer '" + ptr + "' has a bad escape");
      } else {
        tok += raw[k];
      }
    }
    out.push_back(std::move(tok));
    if (j == std::string::npos) break;
    i = j + 1;
  }
  return out;
}

std::optional<std::size_t> parse_index(const std::string& tok, std::size_t size, bool allow_end) {
  if (tok == "-") return allow_end ? std::optional<std::size_t>(size) : std::nullopt;
  if (tok.empty() || (tok.size() > 1 && tok[0] == '0')) return std::nullopt;
  std::size_t v = 0;
  for (char c : tok) {
    if (c < '0' || c > '9') return std::nullopt;
    v = v * 10 + static_cast<std::size_t>(c - '0');
    if (v > 1'000'000'000) return std::nullopt;
  }
  if (v > size || (!allow_end && v == size)) return std::nullopt;
  return v;
}

// The container holding the last token.
Result<Node*> parent_of(Node& root, const std::vector<std::string>& toks, const std::string& ptr) {
  Node* cur = &root;
  for (std::size_t i = 0; i + 1 < toks.size(); ++i) {
    if (cur->is_map()) {
      cur = cur->find(toks[i]);
    } else if (cur->is_list()) {
      auto idx = parse_index(toks[i], cur->items().size(), false);
      cur = idx ? &cur->items()[*idx] : nullptr;
    } else {
      cur = nullptr;
    }
    if (!cur) return Error("path '" + ptr + "' does not exist");
  }
  return cur;
}

Result<Node> get_at(Node& root, const std::string& ptr) {
  auto toks = parse_pointer(ptr);
  if (!toks) return toks.error();
  if (toks->empty()) return root;
  auto parent = parent_of(root, *toks, ptr);
  if (!parent) return parent.error();
  Node* p = *parent;
  if (p->is_map()) {
    if (const Node* n = p->find(toks->back())) return *n;
  } else if (p->is_list()) {
    if (auto idx = parse_index(toks->back(), p->items().size(), false)) return p->items()[*idx];
  }
  return Error("path '" + ptr + "' does not exist");
}

Status remove_at(Node& root, const std::string& ptr) {
  auto toks = parse_pointer(ptr);
  if (!toks) return toks.error();
  if (toks->empty()) return Error("cannot remove the whole document");
  auto parent = parent_of(root, *toks, ptr);
  if (!parent) return parent.error();
  Node* p = *parent;
  if (p->is_map() && p->erase(toks->back())) return {};
  if (p->is_list()) {
    if (auto idx = parse_index(toks->back(), p->items().size(), false)) {
      p->items().erase(p->items().begin() + static_cast<std::ptrdiff_t>(*idx));
      return {};
    }
  }
  return Error("path '" + ptr + "' does not exist");
}

Status add_at(Node& root, const std::string& ptr, Node value, bool replace) {
  auto toks = parse_pointer(ptr);
  if (!toks) return toks.error();
  if (toks->empty()) {
    root = std::move(value);
    return {};
  }
  auto parent = parent_of(root, *toks, ptr);
  if (!parent) return parent.error();
  Node* p = *parent;
  if (p->is_map()) {
    if (replace && !p->find(toks->back())) return Error("path '" + ptr + "' does not exist");
    p->set(toks->back(), std::move(value));
    return {};
  }
  if (p->is_list()) {
    auto idx = parse_index(toks->back(), p->items().size(), !replace);
    if (!idx) return Error("index '" + toks->back() + "' of path '" + ptr + "' is out of range");
    if (replace) {
      p->items()[*idx] = std::move(value);
    } else {
      p->items().insert(p->items().begin() + static_cast<std::ptrdiff_t>(*idx), std::move(value));
    }
    return {};
  }
  return Error("path '" + ptr + "' does not exist");
}

// What a JSON 6902 patch may build. A 'copy' of a subtree into itself
// doubles it and nests it one level deeper: 30 such operations ran out of
// memory. Nodes count what the operations add (an upper bound: removals are
// not subtracted); Kubernetes stores no object over 1.5 MiB (etcd's request
// limit), far fewer nodes than this. Depth up to twice a loaded file's
// nesting, which also keeps recursion over the object shallow.
constexpr std::size_t kMaxPatchedNodes = 200'000;
constexpr std::size_t kMaxPatchedDepth = 256;

struct TreeSize {
  std::size_t nodes = 0;
  std::size_t depth = 0;  // levels, the node itself included
};

TreeSize size_of(const Node& n) {
  TreeSize s{1, 1};
  auto add = [&](const Node& child) {
    const TreeSize c = size_of(child);
    s.nodes += c.nodes;
    s.depth = std::max(s.depth, c.depth + 1);
  };
  for (const auto& e : n.entries()) add(e.value);
  for (const auto& item : n.items()) add(item);
  return s;
}

}  // namespace

Status json6902(Node& target, const Node& ops, const std::string& file) {
  if (!ops.is_list()) return Error("a JSON 6902 patch must be a list of operations", SourcePos{file, ops.mark.line, ops.mark.col});
  std::size_t nodes = size_of(target).nodes;
  for (std::size_t i = 0; i < ops.items().size(); ++i) {
    const Node& op = ops.items()[i];
    const SourcePos at{file, op.mark.line, op.mark.col};
    auto fail = [&](const std::string& msg) {
      return Error("JSON 6902 operation " + std::to_string(i) + ": " + msg, at);
    };
    if (!op.is_map()) return fail("not a map");
    const std::string name = op.get_string({"op"}).value_or("");
    const auto path = op.get_string({"path"});
    if (!path) return fail("missing 'path'");
    const Node* value = op.find("value");
    // Checks a value about to be placed at `path` against the limits above.
    auto fits = [&](const Node& v, bool adds_nodes) -> Status {
      const TreeSize vs = size_of(v);
      auto toks = parse_pointer(*path);
      if (toks && toks->size() + vs.depth > kMaxPatchedDepth) {
        return fail("the object would nest deeper than " + std::to_string(kMaxPatchedDepth) + " levels");
      }
      if (adds_nodes && (nodes += vs.nodes) > kMaxPatchedNodes) {
        return fail("the object would grow past " + std::to_string(kMaxPatchedNodes) + " nodes");
      }
      return {};
    };
    Status st;
    if (name == "add" || name == "replace" || name == "test") {
      if (!value) return fail("missing 'value'");
      if (name == "test") {
        auto cur = get_at(target, *path);
        if (!cur) return fail(cur.error().message);
        if (!(*cur == *value)) return fail("test of path '" + *path + "' failed");
        continue;
      }
      if (Status s = fits(*value, true); !s) return s.error();
      st = add_at(target, *path, *value, name == "replace");
    } else if (name == "remove") {
      st = remove_at(target, *path);
    } else if (name == "move" || name == "copy") {
      const auto from = op.get_string({"from"});
      if (!from) return fail("missing 'from'");
      auto v = get_at(target, *from);
      if (!v) return fail(v.error().message);
      Node moved = std::move(v).value();
      if (name == "move") {
        if (Status s = remove_at(target, *from); !s) return fail(s.error().message);
      }
      if (Status s = fits(moved, name == "copy"); !s) return s.error();
      st = add_at(target, *path, std::move(moved), false);
    } else {
      return fail("unknown op '" + name + "'");
    }
    if (!st) return fail(st.error().message);
  }
  return {};
}

}  // namespace gs::render::detail
