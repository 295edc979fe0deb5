#include "sim/ci/setters.hpp"

#include <vector>

namespace gs::ci {
namespace {

constexpr std::string_view kNamespace = "flux-system";

std::vector<std::string> split_lines(std::string_view text) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start <= text.size()) {
    const auto nl = text.find('\n', start);
    if (nl == std::string_view::npos) {
      out.emplace_back(text.substr(start));
      break;
    }
    out.emplace_back(text.substr(start, nl - start));
    start = nl + 1;
  }
  return out;
}

std::string join_lines(const std::vector<std::string>& lines) {
  std::string out;
  for (std::size_t i = 0; i < lines.size(); ++i) out += (i ? "\n" : "") + lines[i];
  return out;
}

std::size_t indent_of(std::string_view line) {
  const auto p = line.find_first_not_of(' ');
  return p == std::string_view::npos ? line.size() : p;
}

std::string_view trim(std::string_view s) {
  const auto b = s.find_first_not_of(" \t");
  if (b == std::string_view::npos) return {};
  const auto e = s.find_last_not_of(" \t");
  return s.substr(b, e - b + 1);
}

// The scalar as written, without its quotes.
std::string_view unquoted(std::string_view v) {
  v = trim(v);
  if (v.size() >= 2 && (v.front() == '"' || v.front() == '\'') && v.back() == v.front()) return v.substr(1, v.size() - 2);
  return v;
}

// `value` written in the quotes `old` used; a tag YAML would read as a number
// ("1.10") is quoted even when the old value was not.
std::string styled(std::string_view old, const std::string& value) {
  old = trim(old);
  if (!old.empty() && (old.front() == '"' || old.front() == '\'')) return old.front() + value + old.front();
  const bool numeric = !value.empty() && value.find_first_not_of("0123456789.") == std::string::npos;
  return numeric ? "\"" + value + "\"" : value;
}

// The marker's "NAMESPACE:NAME[:FIELD]" of a line, if it has one.
std::optional<std::string> marker_of(std::string_view line) {
  const auto at = line.find("{\"$imagepolicy\"");
  if (at == std::string_view::npos) return std::nullopt;
  const auto colon = line.find(':', at + 15);
  if (colon == std::string_view::npos) return std::nullopt;
  const auto q1 = line.find('"', colon);
  if (q1 == std::string_view::npos) return std::nullopt;
  const auto q2 = line.find('"', q1 + 1);
  if (q2 == std::string_view::npos) return std::nullopt;
  return std::string(line.substr(q1 + 1, q2 - q1 - 1));
}

// One marked line: `KEY: VALUE # {"$imagepolicy": ...}` with VALUE replaced.
bool set_marked_line(std::string& line, const SetterTarget& t) {
  const auto ref = marker_of(line);
  if (!ref) return false;
  const std::string base = std::string(kNamespace) + ":" + t.policy;
  std::string value;
  if (*ref == base) value = t.image + ":" + t.tag;
  else if (*ref == base + ":tag") value = t.tag;
  else if (*ref == base + ":name") value = t.image;
  else return false;
  const auto hash = line.rfind('#', line.find("{\"$imagepolicy\""));
  const auto colon = line.find(": ");
  if (hash == std::string::npos || colon == std::string::npos || colon > hash) return false;
  const std::string old(line.substr(colon + 2, hash - colon - 2));
  std::string now = line.substr(0, colon + 2) + styled(old, value) + " " + line.substr(hash);
  if (now == line) return false;
  line = std::move(now);
  return true;
}

// In a kustomization's `images:` list: the entry naming the image.
bool set_kustomize_images(std::vector<std::string>& lines, const SetterTarget& t) {
  bool changed = false;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    std::string_view l = trim(lines[i]);
    if (l.substr(0, 1) != "-") continue;
    l = trim(l.substr(1));
    if (l.substr(0, 5) != "name:" || unquoted(l.substr(5)) != t.image) continue;
    // The entry's keys stand where `name` does.
    const std::size_t key_col = lines[i].find("name:");
    std::size_t j = i + 1;
    std::optional<std::size_t> tag_line;
    for (; j < lines.size(); ++j) {
      const std::string_view lj = lines[j];
      if (trim(lj).empty()) break;
      if (indent_of(lj) != key_col || trim(lj).substr(0, 1) == "-") break;
      if (trim(lj).substr(0, 7) == "newTag:") tag_line = j;
    }
    const std::string pad(key_col, ' ');
    if (tag_line) {
      // The value, and a line comment after it (kept: it may be a marker).
      std::string rest = std::string(trim(lines[*tag_line]).substr(7));
      const auto hash = rest.find(" #");
      const std::string comment = hash == std::string::npos ? "" : rest.substr(hash);
      const std::string old = hash == std::string::npos ? rest : rest.substr(0, hash);
      if (unquoted(old) == t.tag) continue;
      lines[*tag_line] = pad + "newTag: " + styled(old, t.tag) + comment;
    } else {
      lines.insert(lines.begin() + static_cast<std::ptrdiff_t>(i + 1), pad + "newTag: " + styled("", t.tag));
    }
    changed = true;
  }
  return changed;
}

}  // namespace

bool is_kustomization_file(std::string_view path) {
  const auto slash = path.rfind('/');
  const std::string_view base = slash == std::string_view::npos ? path : path.substr(slash + 1);
  return base == "kustomization.yaml" || base == "kustomization.yml" || base == "Kustomization";
}

std::optional<std::string> apply_setters(std::string_view text, const SetterTarget& target, bool kustomization_file) {
  auto lines = split_lines(text);
  bool changed = false;
  for (auto& line : lines) changed = set_marked_line(line, target) || changed;
  if (kustomization_file) changed = set_kustomize_images(lines, target) || changed;
  if (!changed) return std::nullopt;
  return join_lines(lines);
}

}  // namespace gs::ci
