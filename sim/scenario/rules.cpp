#include "sim/scenario/rules.hpp"

#include <algorithm>
#include <cctype>

namespace gs::scenario {
namespace {

bool is_control(unsigned char c) { return c < 0x20 || c == 0x7f; }

std::string lower(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

}  // namespace

std::optional<std::string> repo_path_problem(std::string_view path) {
  if (path.empty()) return "the path is empty";
  if (path.front() == '/') return "the path must be relative to the repository root, not absolute";
  if (path.find('\\') != std::string_view::npos) return "the path contains a backslash; use '/' between directories";
  if (std::any_of(path.begin(), path.end(), [](char c) { return is_control(static_cast<unsigned char>(c)); })) {
    return "the path contains a control character";
  }
  if (path.back() == '/') return "the path ends in '/'; name a file, not a directory";
  std::size_t start = 0;
  while (start <= path.size()) {
    const std::size_t end = std::min(path.find('/', start), path.size());
    const std::string_view part = path.substr(start, end - start);
    if (part.empty()) return "the path has an empty component ('//')";
    if (part == ".") return "the path has a '.' component; write it normalised";
    if (part == "..") return "the path has a '..' component; it must stay inside the repository";
    // git refuses .git in any component, in any case (verify_path, CVE-2014-9390).
    if (lower(part) == ".git") return "the path reaches into '.git/', which git does not track";
    start = end + 1;
  }
  return std::nullopt;
}

std::optional<std::string> source_path_problem(std::string_view path) {
  if (path == ".") return std::nullopt;
  if (!path.empty() && path.back() == '/' && path.size() > 1) path.remove_suffix(1);  // Argo CD accepts "overlays/dev/"
  return repo_path_problem(path);
}

std::optional<std::string> branch_name_problem(std::string_view name) {
  // The rules of git-check-ref-format(1), for a branch.
  if (name.empty()) return "the branch name is empty";
  if (name.front() == '-') return "a branch name cannot start with '-'";
  if (name == "@") return "'@' is not a valid branch name";
  if (name == "HEAD") return "'HEAD' is not a valid branch name";
  if (name.front() == '/' || name.back() == '/') return "a branch name cannot start or end with '/'";
  if (name.back() == '.') return "a branch name cannot end with '.'";
  if (name.size() >= 5 && name.substr(name.size() - 5) == ".lock") return "a branch name cannot end with '.lock'";
  if (name.find("..") != std::string_view::npos) return "a branch name cannot contain '..'";
  if (name.find("//") != std::string_view::npos) return "a branch name cannot contain '//'";
  if (name.find("@{") != std::string_view::npos) return "a branch name cannot contain '@{'";
  if (name.find("/.") != std::string_view::npos || name.front() == '.') {
    return "a branch name component cannot start with '.'";
  }
  for (char c : name) {
    const auto u = static_cast<unsigned char>(c);
    if (is_control(u) || c == ' ' || c == '~' || c == '^' || c == ':' || c == '?' || c == '*' || c == '[' ||
        c == '\\') {
      return std::string("a branch name cannot contain '") + (is_control(u) ? std::string("\\x") : std::string(1, c)) +
             "'";
    }
  }
  return std::nullopt;
}

std::optional<std::string> author_problem(std::string_view author) {
  const auto lt = author.find('<');
  const auto gt = author.rfind('>');
  const std::string want = "expected \"Name <email>\", like \"Mina Park <mina@example.com>\"";
  if (lt == std::string_view::npos || gt == std::string_view::npos || gt < lt || gt + 1 != author.size()) return want;
  std::string_view name = author.substr(0, lt);
  while (!name.empty() && name.back() == ' ') name.remove_suffix(1);
  const std::string_view email = author.substr(lt + 1, gt - lt - 1);
  if (name.empty()) return "the author has no name; " + want;
  if (email.empty() || email.find_first_of("<> \t") != std::string_view::npos) return "the author's email is malformed; " + want;
  if (name.find_first_of("<>\n") != std::string_view::npos) return want;
  return std::nullopt;
}

std::optional<std::string> object_name_problem(std::string_view name) {
  if (name.empty()) return "the name is empty";
  if (name.size() > 253) return "the name is longer than 253 characters";
  auto alnum = [](char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'); };
  for (char c : name) {
    if (!alnum(c) && c != '-' && c != '.') {
      return "a name must consist of lower case alphanumeric characters, '-' or '.' (RFC 1123)";
    }
  }
  if (!alnum(name.front()) || !alnum(name.back())) return "a name must start and end with an alphanumeric character";
  return std::nullopt;
}

std::optional<std::string> scenario_name_problem(std::string_view name) {
  if (name.empty()) return "the name is empty";
  for (char c : name) {
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-')) {
      return "a scenario name uses only a-z, 0-9 and '-'";
    }
  }
  return std::nullopt;
}

std::string normalize_repo_url(std::string_view url) {
  std::string out = lower(url);
  while (!out.empty() && out.back() == '/') out.pop_back();
  if (out.size() >= 4 && out.compare(out.size() - 4, 4, ".git") == 0) out.resize(out.size() - 4);
  return out;
}

}  // namespace gs::scenario
