#include "sim/scenario/schema.hpp"

#include <algorithm>

#include "sim/world/command.hpp"

namespace gs::scenario::detail {

using model::Mark;
using model::Node;
using model::NodeKind;
using model::ScalarTag;

namespace {

std::string single_quoted(std::string_view s) { return "'" + std::string(s) + "'"; }

// Long values are cut in messages so one bad line stays one line.
std::string shorten(std::string_view s) {
  std::string out;
  for (char c : s) {
    if (c == '\n' || c == '\r') break;
    out += c;
  }
  if (out.size() > 40) out = out.substr(0, 37) + "...";
  else if (out.size() < s.size()) out += "...";
  return out;
}

}  // namespace

void Diagnostics::error(Mark at, std::string message) { errors_.emplace_back(std::move(message), pos(at)); }

SourcePos Diagnostics::pos(Mark at) const {
  // Errors without a source position still point into the file (its start).
  if (at.line <= 0) return SourcePos{file_, 1, 1};
  return SourcePos{file_, at.line, std::max(at.col, 1)};
}

Errors Diagnostics::take_sorted() {
  auto key = [](const Error& e) { return e.pos ? std::pair{e.pos->line, e.pos->col} : std::pair{0, 0}; };
  std::stable_sort(errors_.begin(), errors_.end(), [&](const Error& a, const Error& b) { return key(a) < key(b); });
  Errors out;
  for (auto& e : errors_) {
    if (!out.empty() && out.back().pos == e.pos && out.back().message == e.message) continue;
    out.push_back(std::move(e));
  }
  errors_.clear();
  return out;
}

std::string describe(const Node& n) {
  switch (n.kind()) {
    case NodeKind::Null: return "null";
    case NodeKind::Map: return "a map";
    case NodeKind::List: return "a list";
    case NodeKind::Scalar: break;
  }
  switch (n.tag()) {
    case ScalarTag::Str: return "a string";
    case ScalarTag::Int: return "an integer";
    case ScalarTag::Float: return "a number";
    case ScalarTag::Bool: return "a boolean";
    case ScalarTag::Null: return "null";
  }
  return "a value";
}

std::string shown(const Node& n) {
  if (!n.is_scalar()) return describe(n);
  return describe(n) + " " + single_quoted(shorten(n.text()));
}

std::string join_or(const std::vector<std::string>& words) {
  std::string out;
  for (std::size_t i = 0; i < words.size(); ++i) {
    if (i > 0) out += (i + 1 == words.size()) ? " or " : ", ";
    out += words[i];
  }
  return out;
}

std::string suggestion(std::string_view word, const std::vector<std::string>& candidates) {
  if (auto dym = world::did_you_mean(word, candidates)) return "; did you mean " + single_quoted(*dym) + "?";
  return "";
}

Mark mark_or(const Node& n, Mark fallback) { return n.mark.line > 0 ? n.mark : fallback; }

// ---- MapReader ----

MapReader::MapReader(Diagnostics& d, const Node& node, std::string what) : d_(d), mark_(node.mark), what_(std::move(what)) {
  if (!node.is_map()) {
    d_.error(node.mark, what_ + " must be a map, not " + shown(node));
    finished_ = true;
    return;
  }
  node_ = &node;
  // Strict decoding refuses duplicate keys, as the Kubernetes API server does.
  const auto& es = node.entries();
  for (std::size_t i = 0; i < es.size(); ++i) {
    for (std::size_t j = 0; j < i; ++j) {
      if (es[j].key == es[i].key) {
        d_.error(es[i].key_mark, "duplicate field " + single_quoted(es[i].key) + " in " + what_ + " (first at line " +
                                     std::to_string(es[j].key_mark.line) + ")");
        break;
      }
    }
  }
}

const model::MapEntry* MapReader::entry(std::string_view name) const {
  if (!node_) return nullptr;
  for (const auto& e : node_->entries()) {
    if (e.key == name) return &e;
  }
  return nullptr;
}

bool MapReader::has(std::string_view name) const {
  const auto* e = entry(name);
  return e && !e->value.is_null();
}

bool MapReader::has_unknown_fields() const {
  if (!node_) return false;
  return std::any_of(node_->entries().begin(), node_->entries().end(), [&](const model::MapEntry& e) {
    return std::find(known_.begin(), known_.end(), e.key) == known_.end();
  });
}

Mark MapReader::key_mark(std::string_view name) const {
  const auto* e = entry(name);
  return e ? e->key_mark : mark_;
}

const Node* MapReader::optional(std::string_view name) {
  known_.emplace_back(name);
  const auto* e = entry(name);
  if (!e || e->value.is_null()) return nullptr;
  return &e->value;
}

const Node* MapReader::present(std::string_view name) {
  known_.emplace_back(name);
  const auto* e = entry(name);
  return e ? &e->value : nullptr;
}

const Node* MapReader::required(std::string_view name) {
  const Node* n = optional(name);
  if (n || !node_) return n;
  if (const auto* e = entry(name)) {
    d_.error(e->key_mark, "field " + single_quoted(name) + " in " + what_ + " needs a value");
  } else {
    d_.error(mark_, "missing required field " + single_quoted(name) + " in " + what_);
  }
  return nullptr;
}

void MapReader::unsupported(std::string_view name) {
  known_.emplace_back(name);
  if (const auto* e = entry(name)) {
    d_.error(e->key_mark, "field " + single_quoted(name) + " in " + what_ + " is valid in Argo CD but not supported by gitops-sim");
  }
}

void MapReader::finish() {
  if (finished_) return;
  finished_ = true;
  if (!node_) return;
  for (const auto& e : node_->entries()) {
    if (std::find(known_.begin(), known_.end(), e.key) != known_.end()) continue;
    d_.error(e.key_mark, "unknown field " + single_quoted(e.key) + " in " + what_ + suggestion(e.key, known_));
  }
}

// ---- typed readers ----

std::optional<std::string> read_string(Diagnostics& d, const Node& n, std::string_view field, bool allow_empty) {
  if (n.is_string()) {
    if (n.text().empty() && !allow_empty) {
      d.error(n.mark, single_quoted(field) + " must not be empty");
      return std::nullopt;
    }
    return n.text();
  }
  std::string msg = single_quoted(field) + " must be a string, not " + shown(n);
  // 1.0 or 42 or true written for a string field: YAML read it as another type.
  if (n.is_scalar()) msg += "; quote it: \"" + shorten(n.text()) + "\"";
  d.error(n.mark, msg);
  return std::nullopt;
}

std::optional<bool> read_bool(Diagnostics& d, const Node& n, std::string_view field) {
  if (auto b = n.as_bool()) return b;
  d.error(n.mark, single_quoted(field) + " must be true or false, not " + shown(n));
  return std::nullopt;
}

std::optional<std::int64_t> read_int(Diagnostics& d, const Node& n, std::string_view field, std::int64_t min,
                                     std::int64_t max) {
  auto v = n.as_int();
  if (!v) {
    d.error(n.mark, single_quoted(field) + " must be an integer, not " + shown(n));
    return std::nullopt;
  }
  if (*v < min) {
    d.error(n.mark, single_quoted(field) + " must be at least " + std::to_string(min) + ", not " + std::to_string(*v));
    return std::nullopt;
  }
  if (*v > max) {
    d.error(n.mark, single_quoted(field) + " must be at most " + std::to_string(max) + ", not " + std::to_string(*v));
    return std::nullopt;
  }
  return v;
}

std::optional<Duration> read_duration(Diagnostics& d, const Node& n, std::string_view field, bool allow_zero) {
  if (!n.is_string()) {
    std::string msg = single_quoted(field) + ": expected a duration such as 30s or 5m, not " + shown(n);
    if (n.tag() == ScalarTag::Int || n.tag() == ScalarTag::Float) msg += " (a bare number has no unit)";
    d.error(n.mark, msg);
    return std::nullopt;
  }
  if (!n.text().empty() && n.text()[0] == '-') {
    d.error(n.mark, single_quoted(field) + ": negative duration " + single_quoted(n.text()) +
                        "; times count forward from the scenario start (0s)");
    return std::nullopt;
  }
  auto r = parse_duration(n.text());
  if (!r) {
    d.error(n.mark, single_quoted(field) + ": " + r.error().message);
    return std::nullopt;
  }
  if (!allow_zero && r->ms == 0) {
    d.error(n.mark, single_quoted(field) + " must be greater than 0s");
    return std::nullopt;
  }
  if (*r > kMaxDuration) {
    d.error(n.mark, single_quoted(field) + ": " + n.text() + " is longer than " + format_duration(kMaxDuration) +
                        ", the longest time a scenario may name (a run lasts at most " +
                        format_duration(kMaxRunLength) + ")");
    return std::nullopt;
  }
  return *r;
}

std::optional<std::string> read_enum(Diagnostics& d, const Node& n, std::string_view field,
                                     const std::vector<std::string>& choices) {
  auto s = read_string(d, n, field);
  if (!s) return std::nullopt;
  if (std::find(choices.begin(), choices.end(), *s) != choices.end()) return s;
  d.error(n.mark, "invalid " + std::string(field) + " " + single_quoted(*s) + "; expected " + join_or(choices) +
                      suggestion(*s, choices));
  return std::nullopt;
}

std::optional<LocalizedText> read_text(Diagnostics& d, const Node& n, std::string_view field) {
  if (n.is_scalar()) {
    d.error(n.mark, single_quoted(field) + " must be a map {en: ..., ko: ...} with both languages, not " + shown(n));
    return std::nullopt;
  }
  MapReader m(d, n, std::string(field));
  if (!m.ok()) return std::nullopt;
  LocalizedText t;
  bool ok = true;
  for (auto [lang, slot] : {std::pair{"en", &t.en}, std::pair{"ko", &t.ko}}) {
    const Node* v = m.required(lang);
    auto s = v ? read_string(d, *v, std::string(field) + "." + lang) : std::nullopt;
    if (s) *slot = *s;
    else ok = false;
  }
  if (!ok) return std::nullopt;
  return t;
}

const std::vector<Node>* read_list(Diagnostics& d, const Node* n, std::string_view field) {
  static const std::vector<Node> kEmpty;
  if (!n || n->is_null()) return &kEmpty;
  if (n->is_list()) return &n->items();
  d.error(n->mark, single_quoted(field) + " must be a list, not " + shown(*n));
  return nullptr;
}

std::optional<std::vector<std::string>> read_string_list(Diagnostics& d, const Node& n, std::string_view field) {
  const auto* items = read_list(d, &n, field);
  if (!items) return std::nullopt;
  std::vector<std::string> out;
  bool ok = true;
  for (const auto& item : *items) {
    if (auto s = read_string(d, item, std::string(field) + " item")) out.push_back(*s);
    else ok = false;
  }
  if (!ok) return std::nullopt;
  return out;
}

void check_string_map(Diagnostics& d, const Node& n, std::string_view field) {
  if (!n.is_map()) {
    d.error(n.mark, single_quoted(field) + " must be a map of strings, not " + shown(n));
    return;
  }
  for (const auto& e : n.entries()) {
    // Kubernetes label and annotation values are strings: `tier: 1` is refused there too.
    if (!e.value.is_string()) (void)read_string(d, e.value, std::string(field) + "." + e.key, true);
  }
}

}  // namespace gs::scenario::detail
