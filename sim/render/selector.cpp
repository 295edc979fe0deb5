#include "sim/render/selector.hpp"

#include <algorithm>

namespace gs::render::detail {

using model::Node;

namespace {

std::string trim(std::string s) {
  const auto b = s.find_first_not_of(" \t");
  if (b == std::string::npos) return "";
  const auto e = s.find_last_not_of(" \t");
  return s.substr(b, e - b + 1);
}

// Splits on commas outside parentheses.
std::vector<std::string> split_top(const std::string& s) {
  std::vector<std::string> out;
  int depth = 0;
  std::string cur;
  for (char c : s) {
    if (c == '(') ++depth;
    if (c == ')') --depth;
    if (c == ',' && depth == 0) {
      out.push_back(trim(cur));
      cur.clear();
    } else {
      cur += c;
    }
  }
  out.push_back(trim(cur));
  return out;
}

}  // namespace

Result<std::vector<Requirement>> parse_label_selector(const std::string& text) {
  std::vector<Requirement> out;
  if (trim(text).empty()) return out;
  for (const std::string& part : split_top(text)) {
    if (part.empty()) return Error("invalid selector '" + text + "'");
    Requirement r;
    if (part[0] == '!') {
      r.key = trim(part.substr(1));
      r.op = Requirement::Op::NotExists;
    } else if (auto p = part.find("!="); p != std::string::npos) {
      r.key = trim(part.substr(0, p));
      r.op = Requirement::Op::NotIn;
      r.values = {trim(part.substr(p + 2))};
    } else if (auto q = part.find('='); q != std::string::npos) {
      r.key = trim(part.substr(0, q));
      r.op = Requirement::Op::In;
      std::size_t v = q + 1;
      if (v < part.size() && part[v] == '=') ++v;
      r.values = {trim(part.substr(v))};
    } else if (auto o = part.find('('); o != std::string::npos) {
      const auto c = part.find(')', o);
      if (c == std::string::npos || trim(part.substr(c + 1)) != "") return Error("invalid selector '" + text + "'");
      std::string head = trim(part.substr(0, o));
      const auto sp = head.find_last_of(" \t");
      if (sp == std::string::npos) return Error("invalid selector '" + text + "'");
      const std::string op = head.substr(sp + 1);
      r.key = trim(head.substr(0, sp));
      if (op == "in") {
        r.op = Requirement::Op::In;
      } else if (op == "notin") {
        r.op = Requirement::Op::NotIn;
      } else {
        return Error("invalid selector operator '" + op + "' in '" + text + "'");
      }
      for (auto& v : split_top(part.substr(o + 1, c - o - 1))) r.values.push_back(v);
    } else {
      r.key = part;
    }
    if (r.key.empty()) return Error("invalid selector '" + text + "'");
    out.push_back(std::move(r));
  }
  return out;
}

bool matches(const std::vector<Requirement>& reqs, const Node* labels) {
  for (const auto& r : reqs) {
    const Node* v = labels ? labels->find(r.key) : nullptr;
    const bool has = v && v->is_scalar();
    const bool in = has && std::find(r.values.begin(), r.values.end(), v->text()) != r.values.end();
    switch (r.op) {
      case Requirement::Op::Exists: if (!has) return false; break;
      case Requirement::Op::NotExists: if (has) return false; break;
      case Requirement::Op::In: if (!in) return false; break;
      case Requirement::Op::NotIn: if (in) return false; break;
    }
  }
  return true;
}

Result<Target> Target::parse(const Node& n, const std::string& file) {
  Target t;
  if (!n.is_map()) return Error("target must be a map", SourcePos{file, n.mark.line, n.mark.col});
  for (const auto& e : n.entries()) {
    const SourcePos at{file, e.key_mark.line, e.key_mark.col};
    if (!e.value.is_scalar()) return Error("target field " + e.key + " must be a string", at);
    const std::string& v = e.value.text();
    auto rx = [&](std::optional<std::regex>& dst) -> Status {
      try {
        dst.emplace("^(?:" + v + ")$");  // kustomize anchors selector regexes
      } catch (const std::regex_error&) {
        return Error("invalid regular expression '" + v + "' in target " + e.key, at);
      }
      return {};
    };
    Status s;
    if (e.key == "group") s = rx(t.group_);
    else if (e.key == "version") s = rx(t.version_);
    else if (e.key == "kind") s = rx(t.kind_);
    else if (e.key == "name") s = rx(t.name_);
    else if (e.key == "namespace") s = rx(t.namespace_);
    else if (e.key == "labelSelector" || e.key == "annotationSelector") {
      auto reqs = parse_label_selector(v);
      if (!reqs) return Error(reqs.error().message, at);
      (e.key == "labelSelector" ? t.labels_ : t.annotations_) = std::move(reqs).value();
    } else {
      return Error("unsupported kustomize field " + e.key, at);
    }
    if (!s) return s.error();
  }
  return t;
}

bool Target::selects(const Resource& r) const {
  const Gvk g = r.gvk();
  auto m = [](const std::optional<std::regex>& rx, const std::string& v) {
    return !rx || std::regex_match(v, *rx);
  };
  if (!m(group_, g.group) || !m(version_, g.version) || !m(kind_, g.kind)) return false;
  // Name and namespace may match the original or the current id.
  const std::string org_name = r.prev_ids.empty() ? r.name() : r.prev_ids.front().first;
  if (!m(name_, org_name) && !m(name_, r.name())) return false;
  auto eff = [](const std::string& ns) { return ns.empty() ? std::string("default") : ns; };
  const std::string org_ns = r.prev_ids.empty() ? r.ns() : r.prev_ids.front().second;
  if (!m(namespace_, eff(org_ns)) && !m(namespace_, eff(r.ns()))) return false;
  if (!labels_.empty() && !matches(labels_, r.obj.get({"metadata", "labels"}))) return false;
  if (!annotations_.empty() && !matches(annotations_, r.obj.get({"metadata", "annotations"}))) return false;
  return true;
}

}  // namespace gs::render::detail
