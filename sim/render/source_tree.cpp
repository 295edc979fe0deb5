#include "sim/render/source_tree.hpp"

#include <algorithm>
#include <fstream>
#include <sstream>
#include <system_error>

namespace gs::render {

SourceTree::~SourceTree() = default;

namespace {

bool has_dir_prefix(std::string_view path, std::string_view dir) {
  if (dir.empty()) return true;
  return path.size() > dir.size() && path.substr(0, dir.size()) == dir && path[dir.size()] == '/';
}

std::string strip_slashes(std::string_view p) {
  while (!p.empty() && p.back() == '/') p.remove_suffix(1);
  if (p == ".") return "";
  return std::string(p);
}

}  // namespace

MemoryTree::MemoryTree(std::map<std::string, std::string> files) {
  for (auto& [k, v] : files) files_.emplace(k, std::move(v));
}

MemoryTree::MemoryTree(std::initializer_list<std::pair<const std::string, std::string>> files) {
  for (const auto& [k, v] : files) files_[k] = v;
}

void MemoryTree::add(std::string path, std::string content) { files_[std::move(path)] = std::move(content); }

Result<std::string> MemoryTree::read_file(std::string_view path) const {
  auto it = files_.find(path);
  if (it == files_.end()) {
    if (is_dir(path)) return Error("'" + std::string(path) + "' is a directory, not a file");
    return Error("file '" + std::string(path) + "' not found");
  }
  return it->second;
}

Result<std::vector<TreeEntry>> MemoryTree::list_dir(std::string_view dir_in) const {
  const std::string dir = strip_slashes(dir_in);
  if (!is_dir(dir)) return Error("directory '" + dir + "' not found");
  std::vector<TreeEntry> out;
  const std::size_t skip = dir.empty() ? 0 : dir.size() + 1;
  for (const auto& [path, content] : files_) {
    if (!has_dir_prefix(path, dir)) continue;
    const std::string_view rest = std::string_view(path).substr(skip);
    const auto slash = rest.find('/');
    if (slash == std::string_view::npos) {
      out.push_back({path, false});
    } else {
      std::string child = path.substr(0, skip + slash);
      if (out.empty() || out.back().path != child) out.push_back({std::move(child), true});
    }
  }
  std::sort(out.begin(), out.end(), [](const TreeEntry& a, const TreeEntry& b) { return a.path < b.path; });
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

bool MemoryTree::is_dir(std::string_view path_in) const {
  const std::string path = strip_slashes(path_in);
  if (path.empty()) return true;
  auto it = files_.lower_bound(path + "/");
  return it != files_.end() && has_dir_prefix(it->first, path);
}

bool MemoryTree::exists(std::string_view path) const { return files_.count(path) > 0 || is_dir(path); }

DiskTree::DiskTree(std::filesystem::path root) : root_(std::move(root)) {}

std::filesystem::path DiskTree::full(std::string_view path) const {
  const std::string p = strip_slashes(path);
  return p.empty() ? root_ : root_ / p;
}

Result<std::string> DiskTree::read_file(std::string_view path) const {
  std::error_code ec;
  const auto f = full(path);
  if (!std::filesystem::is_regular_file(f, ec)) {
    if (std::filesystem::is_directory(f, ec)) return Error("'" + std::string(path) + "' is a directory, not a file");
    return Error("file '" + std::string(path) + "' not found");
  }
  std::ifstream in(f, std::ios::binary);
  if (!in) return Error("cannot read '" + std::string(path) + "'");
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

Result<std::vector<TreeEntry>> DiskTree::list_dir(std::string_view dir_in) const {
  const std::string dir = strip_slashes(dir_in);
  std::error_code ec;
  if (!std::filesystem::is_directory(full(dir), ec)) return Error("directory '" + dir + "' not found");
  std::vector<TreeEntry> out;
  for (const auto& e : std::filesystem::directory_iterator(full(dir), ec)) {
    const std::string name = e.path().filename().string();
    out.push_back({dir.empty() ? name : dir + "/" + name, e.is_directory(ec)});
  }
  if (ec) return Error("cannot list '" + dir + "': " + ec.message());
  std::sort(out.begin(), out.end(), [](const TreeEntry& a, const TreeEntry& b) { return a.path < b.path; });
  return out;
}

bool DiskTree::is_dir(std::string_view path) const {
  std::error_code ec;
  return std::filesystem::is_directory(full(path), ec);
}

bool DiskTree::exists(std::string_view path) const {
  std::error_code ec;
  return std::filesystem::exists(full(path), ec);
}

Result<std::string> join_path(std::string_view dir, std::string_view rel) {
  if (!rel.empty() && rel.front() == '/') return Error("absolute path '" + std::string(rel) + "' is not allowed");
  std::vector<std::string> parts;
  auto push = [&](std::string_view s) -> bool {
    std::size_t i = 0;
    while (i <= s.size()) {
      std::size_t j = s.find('/', i);
      if (j == std::string_view::npos) j = s.size();
      const std::string_view seg = s.substr(i, j - i);
      if (seg == "..") {
        if (parts.empty()) return false;
        parts.pop_back();
      } else if (!seg.empty() && seg != ".") {
        parts.emplace_back(seg);
      }
      i = j + 1;
    }
    return true;
  };
  if (!push(dir) || !push(rel)) {
    std::string shown = dir.empty() ? std::string(rel) : std::string(dir) + "/" + std::string(rel);
    return Error("path '" + shown + "' escapes the repository root");
  }
  std::string out;
  for (const auto& p : parts) {
    if (!out.empty()) out += '/';
    out += p;
  }
  return out;
}

std::string parent_dir(std::string_view path) {
  const auto slash = path.rfind('/');
  return slash == std::string_view::npos ? std::string() : std::string(path.substr(0, slash));
}

std::string base_name(std::string_view path) {
  const auto slash = path.rfind('/');
  return std::string(slash == std::string_view::npos ? path : path.substr(slash + 1));
}

}  // namespace gs::render
