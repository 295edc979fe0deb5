#include "sim/render/manifests.hpp"

#include "sim/model/yaml.hpp"
#include "sim/render/kustomize.hpp"

namespace gs::render {

using model::Node;

Result<SourceType> detect_source_type(const SourceTree& tree, std::string_view path_in) {
  auto path = join_path("", path_in);
  if (!path) return path.error();
  if (!tree.is_dir(*path)) return Error("application path '" + std::string(path_in) + "' is not a directory");
  for (auto name : kKustomizationFiles) {
    const std::string f = path->empty() ? std::string(name) : *path + "/" + std::string(name);
    if (tree.exists(f) && !tree.is_dir(f)) return SourceType::Kustomize;
  }
  return SourceType::Directory;
}

namespace {

bool ends_with(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

Status add_object(Node obj, const std::string& file, std::vector<Node>& out) {
  const SourcePos at{file, obj.mark.line, obj.mark.col};
  if (!obj.is_map()) return Error("a manifest must be a map", at);
  const auto api = obj.get_string({"apiVersion"});
  const auto kind = obj.get_string({"kind"});
  if (!api || api->empty() || !kind || kind->empty())
    return Error("Object 'Kind' is missing or 'apiVersion' is missing in manifest", at);
  if (*kind == "List") {
    if (const Node* items = obj.find("items"); items && items->is_list()) {
      for (const auto& item : items->items()) {
        if (Status s = add_object(item, file, out); !s) return s;
      }
    }
    return {};
  }
  out.push_back(std::move(obj));
  return {};
}

Status render_dir(const SourceTree& tree, const std::string& dir, bool recurse, std::vector<Node>& out) {
  auto entries = tree.list_dir(dir);
  if (!entries) return entries.error();
  for (const auto& e : *entries) {
    if (e.is_dir) {
      if (recurse) {
        if (Status s = render_dir(tree, e.path, recurse, out); !s) return s;
      }
      continue;
    }
    const bool json = ends_with(e.path, ".json");
    if (!json && !ends_with(e.path, ".yaml") && !ends_with(e.path, ".yml")) continue;
    auto text = tree.read_file(e.path);
    if (!text) return text.error();
    model::LoadOptions lo;
    lo.file = e.path;
    auto docs = model::parse_yaml_stream(*text, lo);
    if (!docs) return docs.error();
    for (auto& d : *docs) {
      if (Status s = add_object(std::move(d), e.path, out); !s) return s;
    }
  }
  return {};
}

}  // namespace

Result<Manifests> generate_manifests(const SourceTree& tree, std::string_view path_in, const RenderOptions& opts) {
  auto type = detect_source_type(tree, path_in);
  if (!type) return type.error();
  auto path = join_path("", path_in);
  if (!path) return path.error();
  Manifests m;
  m.type = *type;
  if (*type == SourceType::Kustomize) {
    auto objs = kustomize_build(tree, *path);
    if (!objs) return objs.error();
    m.objects = std::move(objs).value();
    return m;
  }
  if (Status s = render_dir(tree, *path, opts.recurse, m.objects); !s) return s.error();
  return m;
}

}  // namespace gs::render
