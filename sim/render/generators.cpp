#include "sim/render/generators.hpp"

#include <openssl/evp.h>

#include <algorithm>
#include <cstdio>
#include <map>

#include "sim/core/base64.hpp"
#include "sim/model/scalar.hpp"
#include "sim/model/yaml.hpp"

namespace gs::render::detail {

using model::Node;

namespace {

// Go's json.Marshal of a map[string]string: keys sorted bytewise.
std::string json_string_map(const Node* m) {
  if (!m || !m->is_map()) return "{}";
  std::vector<std::pair<std::string, std::string>> kv;
  for (const auto& e : m->entries()) kv.emplace_back(e.key, e.value.is_scalar() ? e.value.text() : "");
  std::sort(kv.begin(), kv.end());
  std::string out = "{";
  for (std::size_t i = 0; i < kv.size(); ++i) {
    if (i) out += ',';
    out += model::go_json_string(kv[i].first) + ":" + model::go_json_string(kv[i].second);
  }
  return out + "}";
}

std::string sha256_hex(std::string_view data) {
  unsigned char md[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  EVP_Digest(data.data(), data.size(), md, &len, EVP_sha256(), nullptr);
  std::string hex;
  char buf[3];
  for (unsigned int i = 0; i < len; ++i) {
    std::snprintf(buf, sizeof buf, "%02x", md[i]);
    hex += buf;
  }
  return hex;
}

}  // namespace

std::string content_hash(const Node& obj) {
  // kustomize looks the name up with yaml.Lookup("metadata/name"), a single
  // field that never exists, so the name is always "" in the hashed JSON.
  const bool secret = obj.get_string({"kind"}) == std::optional<std::string>("Secret");
  std::string enc;
  if (secret) {
    const Node* data = obj.find("data");
    const Node* sd = obj.find("stringData");
    const Node* type = obj.find("type");
    // map keys in Go's sorted order: data, kind, name, stringData, type
    enc = "{\"data\":" + (data && data->is_map() ? json_string_map(data) : std::string("\"\"")) +
          ",\"kind\":\"Secret\",\"name\":\"\"";
    if (sd && sd->is_map()) enc += ",\"stringData\":" + json_string_map(sd);
    enc += ",\"type\":" + model::go_json_string(type && type->is_scalar() ? type->text() : "") + "}";
  } else {
    const Node* data = obj.find("data");
    const Node* bin = obj.find("binaryData");
    enc = "{";
    if (bin && bin->is_map()) enc += "\"binaryData\":" + json_string_map(bin) + ",";
    enc += "\"data\":" + (data && data->is_map() ? json_string_map(data) : std::string("\"\"")) +
           ",\"kind\":\"ConfigMap\",\"name\":\"\"}";
  }
  std::string h = sha256_hex(enc).substr(0, 10);
  for (char& c : h) {
    switch (c) {
      case '0': c = 'g'; break;
      case '1': c = 'h'; break;
      case '3': c = 'k'; break;
      case 'a': c = 'm'; break;
      case 'e': c = 't'; break;
      default: break;
    }
  }
  return h;
}

namespace {

SourcePos pos_of(const std::string& file, const Node& n) { return SourcePos{file, n.mark.line, n.mark.col}; }

// kustomize api/kv: surrounding matching quotes are removed from literals.
std::string remove_quotes(std::string v) {
  if (v.size() >= 2 && (v.front() == '"' || v.front() == '\'') && v.back() == v.front())
    return v.substr(1, v.size() - 2);
  return v;
}

bool valid_env_name(std::string_view k) {
  // k8s validation.IsEnvVarName: [-._a-zA-Z][-._a-zA-Z0-9]*
  if (k.empty()) return false;
  for (std::size_t i = 0; i < k.size(); ++i) {
    const char c = k[i];
    const bool ok = c == '-' || c == '.' || c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
                    (i > 0 && c >= '0' && c <= '9');
    if (!ok) return false;
  }
  return true;
}

Result<std::vector<std::string>> string_list(const std::string& file, const Node& args, std::string_view key) {
  std::vector<std::string> out;
  const Node* n = args.find(key);
  if (!n || n->is_null()) return out;
  if (!n->is_list()) return Error("'" + std::string(key) + "' must be a list of strings", pos_of(file, *n));
  for (const auto& item : n->items()) {
    if (!item.is_scalar()) return Error("'" + std::string(key) + "' must be a list of strings", pos_of(file, item));
    out.push_back(item.text());
  }
  return out;
}

struct Pair {
  std::string key;
  std::string value;
  SourcePos at;
};

// One generator entry being read: where its files are, and where to point
// errors that have no line of their own.
struct Entry {
  const SourceTree& tree;
  const std::string& dir;
  const std::string& file;
  const Node& args;
  SourcePos at;
};

Status check_fields(const Entry& g, std::string_view kind) {
  static const std::vector<std::string_view> known = {"name", "namespace", "behavior", "literals", "files",
                                                      "envs", "env", "options", "type"};
  for (const auto& e : g.args.entries()) {
    if (std::find(known.begin(), known.end(), e.key) == known.end() || (e.key == "type" && kind != "Secret"))
      return Error("unsupported kustomize field " + e.key, SourcePos{g.file, e.key_mark.line, e.key_mark.col});
  }
  return {};
}

// An env file's KEY=VALUE lines, errors at their line of `path`.
Status read_env_text(std::string_view text, const std::string& path, std::vector<Pair>& pairs) {
  if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
  int line_no = 0;
  std::size_t i = 0;
  while (i < text.size()) {
    std::size_t j = text.find('\n', i);
    if (j == std::string_view::npos) j = text.size();
    std::string_view line = text.substr(i, j - i);
    i = j + 1;
    ++line_no;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    while (!line.empty() && (line.front() == ' ' || line.front() == '\t' || line.front() == '\v' || line.front() == '\f'))
      line.remove_prefix(1);
    if (line.empty() || line.front() == '#') continue;
    const SourcePos lat{path, line_no, 1};
    const auto eq = line.find('=');
    if (eq == std::string_view::npos)
      return Error("env file line without '=': reading the value from the environment is not supported", lat);
    const std::string key(line.substr(0, eq));
    if (!valid_env_name(key)) return Error("invalid env var name '" + key + "'", lat);
    pairs.push_back({key, std::string(line.substr(eq + 1)), lat});
  }
  return {};
}

Status read_envs(const Entry& g, std::vector<Pair>& pairs) {
  auto envs = string_list(g.file, g.args, "envs");
  if (!envs) return envs.error();
  if (const Node* env = g.args.find("env"); env && env->is_scalar()) envs->push_back(env->text());
  for (const auto& env_path : *envs) {
    auto p = join_path(g.dir, env_path);
    if (!p) return Error(p.error().message, g.at);
    auto content = g.tree.read_file(*p);
    if (!content) return Error("env file: " + content.error().message, g.at);
    if (Status s = read_env_text(*content, *p, pairs); !s) return s;
  }
  return {};
}

Status read_literals(const Entry& g, std::vector<Pair>& pairs) {
  auto literals = string_list(g.file, g.args, "literals");
  if (!literals) return literals.error();
  for (const auto& lit : *literals) {
    const auto eq = lit.find('=');
    if (eq == std::string::npos || eq == 0) return Error("invalid literal '" + lit + "': want KEY=VALUE", g.at);
    pairs.push_back({lit.substr(0, eq), remove_quotes(lit.substr(eq + 1)), g.at});
  }
  return {};
}

// `files`: PATH (the key is the file's base name) or KEY=PATH.
Status read_files(const Entry& g, std::vector<Pair>& pairs) {
  auto files = string_list(g.file, g.args, "files");
  if (!files) return files.error();
  for (const auto& f : *files) {
    std::string key, path = f;
    if (const auto eq = f.find('='); eq != std::string::npos) {
      key = f.substr(0, eq);
      path = f.substr(eq + 1);
      if (key.empty() || path.empty()) return Error("invalid file source '" + f + "'", g.at);
    }
    auto p = join_path(g.dir, path);
    if (!p) return Error(p.error().message, g.at);
    if (key.empty()) key = base_name(*p);
    auto content = g.tree.read_file(*p);
    if (!content) return Error("generator file: " + content.error().message, g.at);
    pairs.push_back({key, std::move(content).value(), g.at});
  }
  return {};
}

// The ConfigMap or Secret with the pairs as data: base64 for a Secret, and
// for a ConfigMap value that is not UTF-8 (then under binaryData).
Result<Node> make_object(const Node& args, std::string_view kind, const std::string& name, std::vector<Pair>& pairs) {
  Node obj = Node::map();
  obj.set("apiVersion", Node::string("v1"));
  obj.set("kind", Node::string(std::string(kind)));
  Node meta = Node::map();
  meta.set("name", Node::string(name));
  if (auto ns = args.get_string({"namespace"}); ns && !ns->empty()) meta.set("namespace", Node::string(*ns));
  obj.set("metadata", std::move(meta));
  Node data = Node::map();
  Node binary = Node::map();
  std::map<std::string, bool> seen;
  for (auto& p : pairs) {
    if (seen[p.key]) return Error(std::string(kind) + " " + name + " illegally repeats the key '" + p.key + "'", p.at);
    seen[p.key] = true;
    if (kind == "Secret") {
      data.set(p.key, Node::string(base64_encode(p.value)));
    } else if (model::detail::valid_utf8(p.value)) {
      data.set(p.key, Node::string(std::move(p.value)));
    } else {
      binary.set(p.key, Node::string(base64_encode(p.value)));
    }
  }
  if (data.size() > 0 || binary.size() == 0) obj.set("data", std::move(data));
  if (binary.size() > 0) obj.set("binaryData", std::move(binary));
  if (kind == "Secret") obj.set("type", Node::string(args.get_string({"type"}).value_or("Opaque")));
  return obj;
}

// Options: the entry's own, with generatorOptions filling in the gaps
// (types.MergeGlobalOptionsIntoLocal).
struct Options {
  Node labels = Node::map(), annotations = Node::map();
  bool disable_hash = false, immutable = false;

  Status take(const std::string& file, const Node* opts, bool global) {
    if (!opts || opts->is_null()) return {};
    if (!opts->is_map()) return Error("options must be a map", pos_of(file, *opts));
    for (const auto& e : opts->entries()) {
      if (e.key == "labels" || e.key == "annotations") {
        Node& dst = e.key == "labels" ? labels : annotations;
        if (!e.value.is_map()) continue;
        for (const auto& kv : e.value.entries()) {
          if (!global || !dst.find(kv.key)) dst.set(kv.key, Node::string(kv.value.text()));
        }
      } else if (e.key == "disableNameSuffixHash") {
        if (e.value.as_bool().value_or(false)) disable_hash = true;
      } else if (e.key == "immutable") {
        if (e.value.as_bool().value_or(false)) immutable = true;
      } else {
        return Error("unsupported kustomize field " + e.key, SourcePos{file, e.key_mark.line, e.key_mark.col});
      }
    }
    return {};
  }

  void apply_to(Node& obj) {
    if (labels.size() > 0) obj["metadata"].set("labels", std::move(labels));
    if (annotations.size() > 0) obj["metadata"].set("annotations", std::move(annotations));
    if (immutable) obj.set("immutable", Node::boolean(true));
  }
};

}  // namespace

Result<Resource> generate(const SourceTree& tree, const std::string& dir, const std::string& file, const Node& args,
                          const Node* global_options, std::string_view kind, std::string& behavior) {
  const Entry g{tree, dir, file, args, pos_of(file, args)};
  if (!args.is_map()) return Error("a generator entry must be a map", g.at);
  if (Status s = check_fields(g, kind); !s) return s.error();
  const auto name = args.get_string({"name"});
  if (!name || name->empty()) return Error("a generator needs a name", g.at);
  behavior = args.get_string({"behavior"}).value_or("create");
  if (behavior != "create" && behavior != "merge" && behavior != "replace")
    return Error("unknown generator behavior '" + behavior + "'", pos_of(file, *args.find("behavior")));

  std::vector<Pair> pairs;
  // Order as kustomize's kv loader: env files, then literals, then files.
  for (auto* read : {read_envs, read_literals, read_files}) {
    if (Status s = read(g, pairs); !s) return s.error();
  }
  auto obj = make_object(args, kind, *name, pairs);
  if (!obj) return obj.error();

  Options opts;
  if (Status s = opts.take(file, args.find("options"), false); !s) return s.error();
  if (Status s = opts.take(file, global_options, true); !s) return s.error();
  opts.apply_to(*obj);

  Resource r;
  r.obj = std::move(obj).value();
  r.origin = file;
  r.generated = true;
  r.needs_hash = !opts.disable_hash;
  return r;
}

}  // namespace gs::render::detail
