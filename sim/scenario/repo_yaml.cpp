// Repo files that are not YAML: a `*.yaml`/`*.yml` file under a repo's
// commits or a timeline entry's `files:` that does not parse. The format
// says a broken manifest is not a load error but a runtime ComparisonError,
// as in Argo CD (scenarios/08-broken-manifest.yaml commits one on purpose),
// so these are warnings: `validate` shows them, the file still loads.
// Each points into the file content where the content is a `|` or `>` block:
// the scenario line of the bad line, at its column.
#include <algorithm>

#include "sim/model/yaml.hpp"
#include "sim/scenario/parts.hpp"

namespace gs::scenario::detail {
namespace {

using model::Node;

bool yaml_path(std::string_view path) {
  auto ends = [&](std::string_view s) { return path.size() >= s.size() && path.substr(path.size() - s.size()) == s; };
  return ends(".yaml") || ends(".yml");
}

// Line `line` (1-based) of `text`, without its newline.
std::string_view line_of(std::string_view text, int line) {
  std::size_t at = 0;
  for (int i = 1; i < line; ++i) {
    at = text.find('\n', at);
    if (at == std::string_view::npos) return {};
    ++at;
  }
  const std::size_t end = text.find('\n', at);
  return text.substr(at, end == std::string_view::npos ? std::string_view::npos : end - at);
}

// Where line `line`, column `col` of a block scalar's content is in the
// scenario file: the block starts on the line after its indicator, indented
// as its first non-blank line.
model::Mark content_mark(std::string_view source, const Node& value, int line, int col) {
  const std::string_view indicator_line = line_of(source, value.mark.line);
  const auto c = static_cast<std::size_t>(std::max(value.mark.col, 1) - 1);
  if (c >= indicator_line.size() || (indicator_line[c] != '|' && indicator_line[c] != '>')) return value.mark;
  // The block's indentation is its first non-blank line's, at or before the bad line.
  int indent = -1;
  for (int l = value.mark.line + 1; l <= value.mark.line + line && indent < 0; ++l) {
    const std::string_view text = line_of(source, l);
    const auto first = text.find_first_not_of(' ');
    if (first != std::string_view::npos) indent = static_cast<int>(first);
  }
  if (indent < 0) return value.mark;
  return model::Mark{value.mark.line + line, indent + std::max(col, 1)};
}

void check_files(Diagnostics& warnings, std::string_view source, const Node* files) {
  if (!files || !files->is_map()) return;
  for (const auto& e : files->entries()) {
    if (!yaml_path(e.key) || !e.value.is_scalar() || e.value.is_null()) continue;
    model::LoadOptions opts;
    opts.max_nodes = 2 * e.value.text().size() + 1000;
    auto docs = model::parse_yaml_stream(e.value.text(), opts);
    if (docs) continue;
    const auto& err = docs.error();
    const int line = err.pos ? err.pos->line : 0;
    const int col = err.pos ? err.pos->col : 0;
    const model::Mark at = line > 0 ? content_mark(source, e.value, line, col) : e.value.mark;
    std::string where = line > 0 ? " (line " + std::to_string(line) + " of the file)" : "";
    warnings.error(at, "'" + e.key + "' is not valid YAML" + where + ": " + err.message +
                           "; the app will show a ComparisonError until a commit fixes it");
  }
}

}  // namespace

void check_repo_yaml(Diagnostics& warnings, std::string_view source, const Node& root) {
  if (const Node* repos = root.find("repos"); repos && repos->is_list()) {
    for (const auto& r : repos->items()) {
      const Node* commits = r.is_map() ? r.find("commits") : nullptr;
      if (!commits || !commits->is_list()) continue;
      for (const auto& c : commits->items()) {
        if (c.is_map()) check_files(warnings, source, c.find("files"));
      }
    }
  }
  if (const Node* timeline = root.find("timeline"); timeline && timeline->is_list()) {
    for (const auto& t : timeline->items()) {
      if (t.is_map()) check_files(warnings, source, t.find("files"));
    }
  }
}

}  // namespace gs::scenario::detail
