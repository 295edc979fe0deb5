#include "sim/cluster/node_util.hpp"

#include <algorithm>

namespace gs::cluster::detail {

static const model::Node* walk(const model::Node& n, Path path) {
  const model::Node* cur = &n;
  for (auto k : path) {
    cur = cur->find(k);
    if (!cur) return nullptr;
  }
  return cur;
}

std::optional<std::int64_t> opt_int(const model::Node& n, Path path) {
  const model::Node* v = walk(n, path);
  if (!v) return std::nullopt;
  return v->as_int();
}

std::int64_t get_int(const model::Node& n, Path path, std::int64_t def) {
  return opt_int(n, path).value_or(def);
}

std::string get_str(const model::Node& n, Path path, std::string_view def) {
  const model::Node* v = walk(n, path);
  if (!v || !v->is_scalar()) return std::string(def);
  return v->text();
}

bool get_bool(const model::Node& n, Path path, bool def) {
  const model::Node* v = walk(n, path);
  if (!v) return def;
  if (auto b = v->as_bool()) return *b;
  return def;
}

std::optional<std::string> scalar_text(const model::Node& n, Path path) {
  const model::Node* v = walk(n, path);
  if (!v || !v->is_scalar()) return std::nullopt;
  return v->text();
}

model::Node& ensure(model::Node& n, Path path) {
  model::Node* cur = &n;
  for (auto k : path) {
    if (!cur->is_map() && !cur->is_null()) *cur = model::Node::map();
    cur = &(*cur)[k];
  }
  return *cur;
}

void set_str(model::Node& n, Path path, std::string value) { ensure(n, path) = model::Node::string(std::move(value)); }

void set_int(model::Node& n, Path path, std::int64_t value) { ensure(n, path) = model::Node::integer(value); }

void set_int_omitempty(model::Node& n, Path path, std::int64_t value) {
  if (value != 0) {
    set_int(n, path, value);
    return;
  }
  erase_path(n, path);
}

void erase_path(model::Node& n, Path path) {
  model::Node* cur = &n;
  std::size_t i = 0;
  const std::size_t last = path.size() - 1;
  for (auto k : path) {
    if (i == last) {
      cur->erase(k);
      return;
    }
    cur = cur->find(k);
    if (!cur) return;
    ++i;
  }
}

const model::Node* find_condition(const model::Node& obj, std::string_view type) {
  const model::Node* conds = obj.get({"status", "conditions"});
  if (!conds || !conds->is_list()) return nullptr;
  for (const auto& c : conds->items()) {
    const model::Node* t = c.find("type");
    if (t && t->is_string() && t->text() == type) return &c;
  }
  return nullptr;
}

model::Node* find_condition(model::Node& obj, std::string_view type) {
  return const_cast<model::Node*>(find_condition(static_cast<const model::Node&>(obj), type));
}

bool pod_awaits_node(const model::Node& pod) {
  const model::Node* c = find_condition(pod, "PodScheduled");
  return c && get_str(*c, {"status"}) == "False";
}

static void canon(const model::Node& n, std::string& out) {
  switch (n.kind()) {
    case model::NodeKind::Null:
      out += "~";
      return;
    case model::NodeKind::Scalar:
      out += static_cast<char>('0' + static_cast<int>(n.tag()));
      out += std::to_string(n.text().size());
      out += ':';
      out += n.text();
      return;
    case model::NodeKind::List:
      out += '[';
      for (const auto& i : n.items()) {
        canon(i, out);
        out += ',';
      }
      out += ']';
      return;
    case model::NodeKind::Map: {
      std::vector<const model::MapEntry*> es;
      for (const auto& e : n.entries()) es.push_back(&e);
      std::sort(es.begin(), es.end(), [](auto* a, auto* b) { return a->key < b->key; });
      out += '{';
      for (auto* e : es) {
        out += std::to_string(e->key.size());
        out += ':';
        out += e->key;
        out += '=';
        canon(e->value, out);
        out += ',';
      }
      out += '}';
      return;
    }
  }
}

std::string canonical(const model::Node& n) {
  std::string out;
  canon(n, out);
  return out;
}

std::uint32_t fnv1a32(std::string_view data) {
  std::uint32_t h = 2166136261u;
  for (unsigned char c : data) {
    h ^= c;
    h *= 16777619u;
  }
  return h;
}

std::string format_labels(const model::Node* labels) {
  if (!labels || !labels->is_map() || labels->size() == 0) return "<none>";
  std::vector<std::string> parts;
  for (const auto& e : labels->entries()) parts.push_back(e.key + "=" + (e.value.is_scalar() ? e.value.text() : ""));
  std::sort(parts.begin(), parts.end());
  std::string out;
  for (const auto& p : parts) {
    if (!out.empty()) out += ',';
    out += p;
  }
  return out;
}

model::Node string_map(const std::vector<std::pair<std::string, std::string>>& kv) {
  model::Node m = model::Node::map();
  for (const auto& [k, v] : kv) m.set(k, model::Node::string(v));
  return m;
}


}  // namespace gs::cluster::detail
