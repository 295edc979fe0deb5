#include "sim/ui/view/completion.hpp"

#include <algorithm>
#include <set>

#include "sim/world/command.hpp"
#include "sim/world/time_driver.hpp"

namespace gs::ui {
namespace {

std::vector<std::string> split_words(std::string_view line) {
  std::vector<std::string> out;
  std::string cur;
  for (char c : line) {
    if (c == ' ' || c == '\t') {
      if (!cur.empty()) out.push_back(std::move(cur));
      cur.clear();
    } else {
      cur += c;
    }
  }
  out.push_back(cur);  // the word being typed (may be empty)
  return out;
}

bool starts_with(std::string_view s, std::string_view p) { return s.substr(0, p.size()) == p; }

std::vector<std::string> for_arg(const world::ArgSpec& a, const CompletionNames& n) {
  const std::string& name = a.name;
  if (!a.choices.empty()) return a.choices;
  if (a.kind == world::ValueKind::Speed) {
    std::vector<std::string> speeds;
    for (int x : world::kClockSpeeds) speeds.push_back(std::to_string(x));
    return speeds;
  }
  if (name == "APP") return n.apps;
  if (name == "REPO") return n.repos;
  if (name == "REPO@BRANCH" || name == "REPO[@REV]" || name == "REPO@REV") return n.repo_refs;
  if (name == "CLUSTER") return n.clusters;
  if (name.rfind("KIND", 0) == 0 || name == "DEPLOYMENT") return n.resources;
  return {};
}

}  // namespace

Completion complete_line(std::string_view line, const CompletionNames& names) {
  const auto words = split_words(line);
  const std::string& last = words.back();
  const std::vector<std::string> done(words.begin(), words.end() - 1);
  std::set<std::string> cands;

  const auto& table = world::command_table();
  // Which command path do the finished words spell, and how far?
  const world::CommandSpec* spec = nullptr;
  std::size_t path_len = 0;
  for (const auto& s : table) {
    if (s.path.size() <= done.size() && std::equal(s.path.begin(), s.path.end(), done.begin())) {
      if (!spec || s.path.size() > spec->path.size()) spec = &s;
    }
  }
  if (!spec) {
    // Still typing the command path: offer the next path word.
    for (const auto& s : table) {
      if (s.path.size() <= done.size()) continue;
      if (!std::equal(done.begin(), done.end(), s.path.begin())) continue;
      cands.insert(s.path[done.size()]);
    }
  } else {
    path_len = spec->path.size();
    const std::string prev = done.size() > path_len ? done.back() : std::string();
    if (starts_with(last, "--cluster=") || starts_with(last, "--context=") || prev == "--cluster" ||
        prev == "--context") {
      const std::string pre = starts_with(last, "--cluster=") ? "--cluster=" : starts_with(last, "--context=") ? "--context=" : "";
      for (const auto& c : names.clusters) cands.insert(pre + c);
    } else if (starts_with(last, "--namespace=") || starts_with(last, "-n=") || prev == "-n" || prev == "--namespace") {
      const std::string pre = starts_with(last, "--namespace=") ? "--namespace=" : starts_with(last, "-n=") ? "-n=" : "";
      for (const auto& c : names.namespaces) cands.insert(pre + c);
    } else if (starts_with(last, "-")) {
      for (const auto& f : spec->flags) cands.insert("--" + f.name + (f.takes_value ? "=" : ""));
    } else {
      // Positional: count the positional words after the path.
      std::size_t pos = 0;
      for (std::size_t i = path_len; i < done.size(); ++i) {
        if (!starts_with(done[i], "-")) ++pos;
      }
      if (!spec->args.empty()) {
        const std::size_t idx = std::min(pos, spec->args.size() - 1);
        if (pos < spec->args.size() || spec->args.back().variadic) {
          for (auto& c : for_arg(spec->args[idx], names)) cands.insert(c);
        }
      }
    }
  }

  Completion out;
  for (const auto& c : cands) {
    if (starts_with(c, last)) out.candidates.push_back(c);
  }
  std::string prefix_line;
  for (const auto& w : done) prefix_line += w + " ";
  if (out.candidates.empty()) {
    out.line = std::string(line);
    return out;
  }
  std::string common = out.candidates.front();
  for (const auto& c : out.candidates) {
    std::size_t k = 0;
    while (k < common.size() && k < c.size() && common[k] == c[k]) ++k;
    common.resize(k);
  }
  out.line = prefix_line + common;
  if (out.candidates.size() == 1 && !common.empty() && common.back() != '=') out.line += " ";
  if (out.line.size() < line.size()) out.line = std::string(line);
  return out;
}

}  // namespace gs::ui
