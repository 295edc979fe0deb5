#include "compare.hpp"

#include <catch2/catch.hpp>

#include <array>
#include <cstdio>
#include <fstream>
#include <map>
#include <sstream>

#include "sim/model/diff.hpp"
#include "sim/model/yaml.hpp"

namespace gs::render::test {

using model::Node;

namespace {

std::string key_of(const Node& n) {
  const std::string api = n.get_string({"apiVersion"}).value_or("");
  const auto slash = api.find('/');
  const std::string group = slash == std::string::npos ? "" : api.substr(0, slash);
  return group + "/" + n.get_string({"kind"}).value_or("") + "/" + n.get_string({"metadata", "namespace"}).value_or("") +
         "/" + n.get_string({"metadata", "name"}).value_or("");
}

}  // namespace

std::string compare_manifests(const std::vector<Node>& ours, const std::vector<Node>& expected) {
  std::ostringstream out;
  std::map<std::string, const Node*> a, b;
  std::vector<std::string> order_a, order_b;
  for (const auto& n : ours) {
    a[key_of(n)] = &n;
    order_a.push_back(key_of(n));
  }
  for (const auto& n : expected) {
    b[key_of(n)] = &n;
    order_b.push_back(key_of(n));
  }
  for (const auto& [k, n] : b) {
    if (!a.count(k)) out << "missing object " << k << "\n";
  }
  for (const auto& [k, n] : a) {
    if (!b.count(k)) out << "unexpected object " << k << "\n" << model::to_yaml(*n);
  }
  for (const auto& [k, n] : a) {
    auto it = b.find(k);
    if (it == b.end() || *n == *it->second) continue;
    out << "object " << k << " differs:\n"
        << model::unified_yaml_diff(*it->second, *n, "expected (kustomize)", "ours");
  }
  if (out.str().empty() && order_a != order_b) {
    out << "same objects, different order:\n  ours:";
    for (const auto& k : order_a) out << " " << k;
    out << "\n  expected:";
    for (const auto& k : order_b) out << " " << k;
    out << "\n";
  }
  return out.str();
}

std::vector<Node> load_stream(const std::string& text, const std::string& file) {
  model::LoadOptions lo;
  lo.file = file;
  auto docs = model::parse_yaml_stream(text, lo);
  INFO(file);
  REQUIRE(docs.ok());
  return std::move(docs).value();
}

std::string read_text(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

bool have_kubectl() { return std::system("command -v kubectl >/dev/null 2>&1") == 0; }

std::optional<std::string> kubectl_kustomize(const std::string& dir) {
  const std::string cmd = "kubectl kustomize '" + dir + "' 2>/dev/null";
  FILE* p = popen(cmd.c_str(), "r");
  if (!p) return std::nullopt;
  std::string out;
  std::array<char, 4096> buf;
  std::size_t n;
  while ((n = fread(buf.data(), 1, buf.size(), p)) > 0) out.append(buf.data(), n);
  if (pclose(p) != 0) return std::nullopt;
  return out;
}

}  // namespace gs::render::test
