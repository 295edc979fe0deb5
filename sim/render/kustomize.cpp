#include "sim/render/kustomize.hpp"

#include <algorithm>
#include <map>
#include <set>
#include <tuple>

#include "sim/model/yaml.hpp"
#include "sim/render/generators.hpp"
#include "sim/render/name_reference.hpp"
#include "sim/render/patch.hpp"
#include "sim/render/resource.hpp"
#include "sim/render/selector.hpp"

namespace gs::render {

using detail::FieldSpec;
using detail::Resource;
using model::Node;

namespace {

SourcePos pos(const std::string& file, const Node& n) { return SourcePos{file, n.mark.line, n.mark.col}; }
SourcePos key_pos(const std::string& file, const model::MapEntry& e) {
  return SourcePos{file, e.key_mark.line, e.key_mark.col};
}

// ------------------------------------------------------------ field specs
// From kustomize api/internal/konfig/builtinpluginconsts.

const std::vector<FieldSpec>& metadata_label_specs() {
  static const std::vector<FieldSpec> v = {
      {"", "", "", "metadata/labels", true},
      {"", "v1", "ReplicationController", "spec/template/metadata/labels", true},
      {"", "", "Deployment", "spec/template/metadata/labels", true},
      {"", "", "ReplicaSet", "spec/template/metadata/labels", true},
      {"", "", "DaemonSet", "spec/template/metadata/labels", true},
      {"apps", "", "StatefulSet", "spec/template/metadata/labels", true},
      {"apps", "", "StatefulSet", "spec/volumeClaimTemplates[]/metadata/labels", true},
      {"batch", "", "Job", "spec/template/metadata/labels", true},
      {"batch", "", "CronJob", "spec/jobTemplate/metadata/labels", true},
      {"batch", "", "CronJob", "spec/jobTemplate/spec/template/metadata/labels", true},
  };
  return v;
}

const std::vector<FieldSpec>& common_label_specs() {
  static const std::vector<FieldSpec> v = [] {
    const std::string aff = "spec/template/spec/affinity/";
    std::vector<FieldSpec> s = {
        {"", "v1", "Service", "spec/selector", true},
        {"", "v1", "ReplicationController", "spec/selector", true},
        {"", "", "Deployment", "spec/selector/matchLabels", true},
        {"", "", "ReplicaSet", "spec/selector/matchLabels", true},
        {"", "", "DaemonSet", "spec/selector/matchLabels", true},
        {"apps", "", "StatefulSet", "spec/selector/matchLabels", true},
        {"batch", "", "Job", "spec/selector/matchLabels", false},
        {"batch", "", "CronJob", "spec/jobTemplate/spec/selector/matchLabels", false},
        {"policy", "", "PodDisruptionBudget", "spec/selector/matchLabels", false},
        {"networking.k8s.io", "", "NetworkPolicy", "spec/podSelector/matchLabels", false},
        {"networking.k8s.io", "", "NetworkPolicy", "spec/ingress/from/podSelector/matchLabels", false},
        {"networking.k8s.io", "", "NetworkPolicy", "spec/egress/to/podSelector/matchLabels", false},
    };
    for (const char* kind : {"Deployment", "StatefulSet"}) {
      for (const char* p : {"podAffinity/preferredDuringSchedulingIgnoredDuringExecution/podAffinityTerm",
                            "podAffinity/requiredDuringSchedulingIgnoredDuringExecution",
                            "podAntiAffinity/preferredDuringSchedulingIgnoredDuringExecution/podAffinityTerm",
                            "podAntiAffinity/requiredDuringSchedulingIgnoredDuringExecution"})
        s.push_back({"apps", "", kind, aff + p + "/labelSelector/matchLabels", false});
      s.push_back({"apps", "", kind, "spec/template/spec/topologySpreadConstraints/labelSelector/matchLabels", false});
    }
    for (const auto& m : metadata_label_specs()) s.push_back(m);
    return s;
  }();
  return v;
}

const std::vector<FieldSpec>& common_annotation_specs() {
  static const std::vector<FieldSpec> v = {
      {"", "", "", "metadata/annotations", true},
      {"", "v1", "ReplicationController", "spec/template/metadata/annotations", true},
      {"", "", "Deployment", "spec/template/metadata/annotations", true},
      {"", "", "ReplicaSet", "spec/template/metadata/annotations", true},
      {"", "", "DaemonSet", "spec/template/metadata/annotations", true},
      {"", "", "StatefulSet", "spec/template/metadata/annotations", true},
      {"batch", "", "Job", "spec/template/metadata/annotations", true},
      {"batch", "", "CronJob", "spec/jobTemplate/metadata/annotations", true},
      {"batch", "", "CronJob", "spec/jobTemplate/spec/template/metadata/annotations", true},
  };
  return v;
}

// ------------------------------------------------------------ kustomization

struct Kustomization {
  std::string dir;
  std::string file;
  Node root;
};

const std::set<std::string, std::less<>>& supported_fields() {
  static const std::set<std::string, std::less<>> s = {
      "apiVersion", "kind", "resources", "bases", "namespace", "namePrefix", "nameSuffix", "commonLabels",
      "labels", "commonAnnotations", "images", "replicas", "patches", "patchesStrategicMerge",
      "patchesJson6902", "configMapGenerator", "secretGenerator", "generatorOptions"};
  return s;
}

// Kustomize builds a base once for every path that reaches it, so bases
// shared along a chain of overlays ("diamonds") double the work at every
// level. Argo CD bounds that by time (its repo server kills kustomize after
// ARGOCD_EXEC_TIMEOUT, 90s, util/config/exec.go); we bound it by count. Real
// overlays need a handful of builds.
constexpr int kMaxBuilds = 500;

struct Builder {
  const SourceTree& tree;
  std::vector<std::string> stack;  // kustomization dirs being built, for cycles
  int builds = 0;                  // kustomizations built so far, at most kMaxBuilds

  Result<std::vector<Resource>> build(const std::string& dir, const SourcePos& from);

 private:
  Result<Kustomization> load(const std::string& dir, const SourcePos& from);
  Status add_resources(const Kustomization& k, std::vector<Resource>& out);
  Status run_generators(const Kustomization& k, std::vector<Resource>& rs);
  Status run_transformers(const Kustomization& k, std::vector<Resource>& rs);
  // The patch transformers, which read patch files through load_patch: one
  // entry of patchesStrategicMerge, patches, patchesJson6902.
  using PatchEntry = Status (Builder::*)(const Kustomization&, const model::MapEntry&, const Node&,
                                         std::vector<Resource>&);
  Status run_patches(const Kustomization& k, const char* field, PatchEntry entry, std::vector<Resource>& rs);
  Status smp_entry(const Kustomization& k, const model::MapEntry& owner, const Node& item, std::vector<Resource>& rs);
  Status patch_entry(const Kustomization& k, const model::MapEntry& owner, const Node& item, std::vector<Resource>& rs);
  Status json6902_entry(const Kustomization& k, const model::MapEntry& owner, const Node& item,
                        std::vector<Resource>& rs);
  Result<std::vector<Node>> load_patch(const Kustomization& k, const model::MapEntry& owner, const Node& entry,
                                       bool inline_text_only, std::string& patch_file);
};

Result<Kustomization> Builder::load(const std::string& dir, const SourcePos& from) {
  Kustomization k;
  k.dir = dir;
  int found = 0;
  for (auto name : kKustomizationFiles) {
    const std::string path = dir.empty() ? std::string(name) : dir + "/" + std::string(name);
    if (tree.exists(path) && !tree.is_dir(path)) {
      if (++found == 1) k.file = path;
    }
  }
  if (found == 0) {
    return Error("unable to find one of 'kustomization.yaml', 'kustomization.yml' or 'Kustomization' in directory '" +
                     (dir.empty() ? std::string(".") : dir) + "'",
                 from);
  }
  if (found > 1) return Error("found multiple kustomization files in directory '" + dir + "'", from);
  auto text = tree.read_file(k.file);
  if (!text) return Error(text.error().message, from);
  model::LoadOptions lo;
  lo.file = k.file;
  auto root = model::parse_yaml(*text, lo);
  if (!root) return root.error();
  k.root = std::move(root).value();
  if (k.root.is_null()) k.root = Node::map();
  if (!k.root.is_map()) return Error("a kustomization must be a map", pos(k.file, k.root));
  for (const auto& e : k.root.entries()) {
    if (!supported_fields().count(e.key)) return Error("unsupported kustomize field " + e.key, key_pos(k.file, e));
  }
  if (auto kind = k.root.get_string({"kind"}); kind && *kind != "Kustomization")
    return Error("unsupported kustomization kind '" + *kind + "'", pos(k.file, *k.root.find("kind")));
  return k;
}

// The id kustomize refuses to hold twice (resWrangler.Append): group,
// version, kind, namespace (none counts as "default") and name.
using ResourceIdKey = std::tuple<std::string, std::string, std::string, std::string, std::string>;

ResourceIdKey id_key(const Resource& r) {
  auto g = r.gvk();
  std::string ns = r.ns();
  return {std::move(g.group), std::move(g.version), std::move(g.kind), ns.empty() ? "default" : std::move(ns), r.name()};
}

// Ids of what a list holds, so that adding one is a lookup, not a scan: a
// kustomization of a few thousand objects (or bases reached by many paths)
// would otherwise take quadratic time.
std::set<ResourceIdKey> ids_of(const std::vector<Resource>& rs) {
  std::set<ResourceIdKey> ids;
  for (const auto& r : rs) ids.insert(id_key(r));
  return ids;
}

// Appends r unless rs (whose ids are `ids`) already holds its id.
Status append_unique(std::vector<Resource>& rs, std::set<ResourceIdKey>& ids, Resource r, const SourcePos& at) {
  if (!ids.insert(id_key(r)).second) return Error("may not add resource with an already registered id: " + r.id(), at);
  rs.push_back(std::move(r));
  return {};
}

Status objects_from_file(const SourceTree& tree, const std::string& path, std::vector<Node>& out) {
  auto text = tree.read_file(path);
  if (!text) return Error(text.error().message);
  model::LoadOptions lo;
  lo.file = path;
  auto docs = model::parse_yaml_stream(*text, lo);
  if (!docs) return docs.error();
  for (auto& d : *docs) {
    if (!d.is_map()) return Error("a manifest must be a map", SourcePos{path, d.mark.line, d.mark.col});
    const auto kind = d.get_string({"kind"});
    const bool list_kind = kind && (*kind == "List" || (kind->size() > 4 &&
                                                     kind->compare(kind->size() - 4, 4, "List") == 0 && d.find("items")));
    if (list_kind) {
      if (const Node* items = d.find("items"); items && items->is_list()) {
        for (const auto& item : items->items()) out.push_back(item);
      }
      continue;
    }
    out.push_back(std::move(d));
  }
  return {};
}

Status check_object(const Node& obj, const std::string& file) {
  const SourcePos at{file, obj.mark.line, obj.mark.col};
  if (!obj.is_map()) return Error("a manifest must be a map", at);
  if (!obj.get_string({"apiVersion"}) || obj.get_string({"apiVersion"})->empty())
    return Error("object has no apiVersion", at);
  if (!obj.get_string({"kind"}) || obj.get_string({"kind"})->empty()) return Error("object has no kind", at);
  // kustomize refuses it too ("missing metadata.name in object"); a metadata
  // that is not a map would otherwise reach the name and namespace setters.
  const Node* meta = obj.find("metadata");
  if (meta && !meta->is_map()) {
    return Error("metadata must be a map", SourcePos{file, meta->mark.line, meta->mark.col});
  }
  if (!obj.get_string({"metadata", "name"}) || obj.get_string({"metadata", "name"})->empty())
    return Error("missing metadata.name in object", at);
  return {};
}

Status Builder::add_resources(const Kustomization& k, std::vector<Resource>& out) {
  std::set<ResourceIdKey> ids = ids_of(out);
  for (const char* field : {"resources", "bases"}) {
    const Node* list = k.root.find(field);
    if (!list || list->is_null()) continue;
    if (!list->is_list()) return Error(std::string(field) + " must be a list", pos(k.file, *list));
    for (const Node& item : list->items()) {
      const SourcePos at = pos(k.file, item);
      if (!item.is_scalar()) return Error(std::string(field) + " entries must be strings", at);
      const std::string& ref = item.text();
      if (ref.find("://") != std::string::npos || ref.rfind("github.com/", 0) == 0 || ref.rfind("git@", 0) == 0)
        return Error("remote resource '" + ref + "' is not supported", at);
      auto path = join_path(k.dir, ref);
      if (!path) return Error(path.error().message, at);
      if (!tree.exists(*path)) return Error("resource '" + ref + "' not found (" + *path + ")", at);
      if (tree.is_dir(*path)) {
        auto sub = build(*path, at);
        if (!sub) return sub.error();
        for (auto& r : *sub) {
          if (Status s = append_unique(out, ids, std::move(r), at); !s) return s;
        }
      } else {
        std::vector<Node> objs;
        if (Status s = objects_from_file(tree, *path, objs); !s) {
          Error e = s.error();
          if (!e.pos) e.pos = at;
          return e;
        }
        for (auto& o : objs) {
          if (Status s = check_object(o, *path); !s) return s;
          Resource r;
          r.obj = std::move(o);
          r.origin = *path;
          if (Status s = append_unique(out, ids, std::move(r), at); !s) return s;
        }
      }
    }
  }
  return {};
}

void merge_string_map(Node& dst_parent, const std::string& key, const Node* src) {
  if (!src || !src->is_map()) return;
  Node& dst = dst_parent[key];
  if (!dst.is_map()) dst = Node::map();
  for (const auto& e : src->entries()) dst.set(e.key, e.value);
}

Status Builder::run_generators(const Kustomization& k, std::vector<Resource>& rs) {
  const Node* global = k.root.find("generatorOptions");
  if (global && !global->is_null() && !global->is_map())
    return Error("generatorOptions must be a map", pos(k.file, *global));
  std::set<ResourceIdKey> ids = ids_of(rs);  // merge and replace keep the ids
  for (const auto& [field, kind] : {std::pair{"configMapGenerator", "ConfigMap"}, std::pair{"secretGenerator", "Secret"}}) {
    const Node* list = k.root.find(field);
    if (!list || list->is_null()) continue;
    if (!list->is_list()) return Error(std::string(field) + " must be a list", pos(k.file, *list));
    for (const Node& args : list->items()) {
      std::string behavior;
      auto gen = detail::generate(tree, k.dir, k.file, args, global, kind, behavior);
      if (!gen) return gen.error();
      Resource g = std::move(gen).value();
      const SourcePos at = pos(k.file, args);
      if (behavior == "create") {
        if (Status s = append_unique(rs, ids, std::move(g), at); !s) return s;
        continue;
      }
      // merge / replace: against an existing object of the same kind and
      // (current or previous) name, as kustomize's resWrangler.appendReplaceOrMerge.
      Resource* old = nullptr;
      for (auto& r : rs) {
        auto eff = [](std::string ns) { return ns.empty() ? std::string("default") : ns; };
        if (r.kind() == kind && r.had_name(g.name()) && eff(r.ns()) == eff(g.ns())) {
          old = &r;
          break;
        }
      }
      if (!old)
        return Error("id " + g.id() + " does not exist; cannot merge or replace", at);
      Node& o = old->obj;
      if (behavior == "merge") {
        merge_string_map(o, "data", g.obj.find("data"));
        merge_string_map(o, "binaryData", g.obj.find("binaryData"));
        if (const Node* t = g.obj.find("type"); t && kind == std::string_view("Secret") && !o.find("type"))
          o.set("type", *t);
      } else {
        for (const char* f : {"data", "binaryData"}) {
          o.erase(f);
          if (const Node* v = g.obj.find(f)) o.set(f, *v);
        }
        if (const Node* t = g.obj.find("type")) o.set("type", *t);
      }
      merge_string_map(o["metadata"], "labels", g.obj.get({"metadata", "labels"}));
      merge_string_map(o["metadata"], "annotations", g.obj.get({"metadata", "annotations"}));
      old->generated = true;
      old->needs_hash = g.needs_hash;
    }
  }
  return {};
}

Result<std::map<std::string, std::string>> string_map(const Kustomization& k, const char* field) {
  std::map<std::string, std::string> out;
  const Node* n = k.root.find(field);
  if (!n || n->is_null()) return out;
  if (!n->is_map()) return Error(std::string(field) + " must be a map", pos(k.file, *n));
  for (const auto& e : n->entries()) {
    if (!e.value.is_scalar() && !e.value.is_null())
      return Error(std::string(field) + " values must be strings", key_pos(k.file, e));
    out[e.key] = e.value.text();
  }
  return out;
}

Status set_map_values(std::vector<Resource>& rs, const std::vector<FieldSpec>& specs,
                      const std::map<std::string, std::string>& values) {
  if (values.empty()) return {};
  for (auto& r : rs) {
    const auto g = r.gvk();
    for (const auto& fs : specs) {
      if (!detail::fieldspec_selects(fs, g)) continue;
      Status s = detail::walk_fieldspec(r.obj, fs, [&](Node& parent, const std::string& key) -> Status {
        Node* m = parent.find(key);
        if (!m || m->is_null()) {
          if (!fs.create) return {};
          parent.set(key, Node::map());
          m = parent.find(key);
        }
        if (!m->is_map()) return Error("field " + fs.path + " of " + r.id() + " is not a map");
        for (const auto& [k, v] : values) m->set(k, Node::string(v));
        return {};
      });
      if (!s) return s;
    }
  }
  return {};
}

// kustomize pkg image: name[:tag][@digest], a registry port is not a tag.
void split_image(const std::string& image, std::string& name, std::string& tag, std::string& digest) {
  std::size_t search_from = 0;
  if (auto slash = image.find('/'); slash != std::string::npos && slash > 0) search_from = slash;
  const auto at = image.find('@', search_from);
  const auto colon = image.find(':', search_from);
  tag.clear();
  digest.clear();
  if (at == std::string::npos && colon == std::string::npos) {
    name = image;
  } else if (at != std::string::npos && (colon == std::string::npos || at < colon)) {
    name = image.substr(0, at);
    digest = image.substr(at + 1);
  } else if (at != std::string::npos) {
    name = image.substr(0, colon);
    tag = image.substr(colon + 1, at - colon - 1);
    digest = image.substr(at + 1);
  } else {
    name = image.substr(0, colon);
    tag = image.substr(colon + 1);
  }
}

struct ImageRule {
  std::string name, new_name, new_tag, digest;
};

void apply_image(Node& image, const ImageRule& rule) {
  if (!image.is_scalar()) return;
  const std::string& v = image.text();
  if (v.compare(0, rule.name.size(), rule.name) != 0) return;
  if (v.size() > rule.name.size() && v[rule.name.size()] != ':' && v[rule.name.size()] != '@') return;
  std::string name, tag, digest;
  split_image(v, name, tag, digest);
  if (!rule.new_name.empty()) name = rule.new_name;
  if (!rule.new_tag.empty() && !rule.digest.empty()) {
    tag = rule.new_tag;
    digest = rule.digest;
  } else if (!rule.new_tag.empty()) {
    tag = rule.new_tag;
    digest.clear();
  } else if (!rule.digest.empty()) {
    tag.clear();
    digest = rule.digest;
  }
  std::string out = name;
  if (!tag.empty()) out += ":" + tag;
  if (!digest.empty()) out += "@" + digest;
  image = Node::string(out);
}

// Every containers/initContainers list anywhere in the object, as
// kustomize's image filter does for kinds it has no field specs for.
void walk_images(Node& n, const ImageRule& rule) {
  if (n.is_map()) {
    for (auto& e : n.entries()) {
      if ((e.key == "containers" || e.key == "initContainers") && e.value.is_list()) {
        for (auto& c : e.value.items()) {
          if (Node* img = c.find("image")) apply_image(*img, rule);
        }
      }
      walk_images(e.value, rule);
    }
  } else if (n.is_list()) {
    for (auto& item : n.items()) walk_images(item, rule);
  }
}

Result<std::vector<Node>> Builder::load_patch(const Kustomization& k, const model::MapEntry& owner, const Node& entry,
                                              bool inline_text_only, std::string& patch_file) {
  // entry is either the scalar (patchesStrategicMerge item) or a map with
  // path/patch (patches, patchesJson6902).
  std::string text;
  model::LoadOptions lo;
  if (inline_text_only || entry.is_map()) {
    const Node* inl = entry.is_map() ? entry.find("patch") : &entry;
    const Node* path = entry.is_map() ? entry.find("path") : nullptr;
    if (inl && path) return Error("patch has both 'path' and 'patch'", pos(k.file, entry));
    if (path) {
      if (!path->is_scalar()) return Error("patch path must be a string", pos(k.file, *path));
      auto p = join_path(k.dir, path->text());
      if (!p) return Error(p.error().message, pos(k.file, *path));
      auto t = tree.read_file(*p);
      if (!t) return Error(t.error().message, pos(k.file, *path));
      text = std::move(t).value();
      patch_file = *p;
    } else if (inl && inl->is_scalar()) {
      text = inl->text();
      patch_file = k.file;
    } else {
      return Error("patch needs 'path' or 'patch'", pos(k.file, entry));
    }
  } else {
    return Error("bad patch entry in " + owner.key, pos(k.file, entry));
  }
  lo.file = patch_file;
  auto docs = model::parse_yaml_stream(text, lo);
  if (!docs) {
    Error e = docs.error();
    if (patch_file == k.file) {  // inline: positions are relative to the patch text
      const Node* inl = entry.is_map() ? entry.find("patch") : &entry;
      e = Error("invalid inline patch: " + e.message, pos(k.file, *inl));
    }
    return e;
  }
  return std::move(docs).value();
}

// A patch may replace metadata with a scalar or a list; kustomize then has
// no name to keep, and neither do the name and namespace setters after it.
Status metadata_still_a_map(const Resource& r, const SourcePos& at) {
  const Node* m = r.obj.find("metadata");
  if (!m || m->is_null() || m->is_map()) return {};
  return Error("the patch leaves " + r.kind() + " with a metadata that is not a map", at);
}

Status apply_smp(std::vector<Resource>& rs, const Node& patch, const std::optional<detail::Target>& target,
                 const SourcePos& at) {
  if (!patch.is_map()) return Error("a strategic merge patch must be a map", at);
  std::vector<std::size_t> hits;
  if (target) {
    for (std::size_t i = 0; i < rs.size(); ++i)
      if (target->selects(rs[i])) hits.push_back(i);
  } else {
    const auto pg = detail::gvk_of(patch);
    const std::string pname = patch.get_string({"metadata", "name"}).value_or("");
    const std::string pns = patch.get_string({"metadata", "namespace"}).value_or("");
    auto eff = [](std::string ns) { return ns.empty() ? std::string("default") : ns; };
    for (std::size_t i = 0; i < rs.size(); ++i) {
      const auto g = rs[i].gvk();
      if (g.kind != pg.kind || g.group != pg.group || (!pg.version.empty() && g.version != pg.version)) continue;
      if (!rs[i].had_name(pname)) continue;
      bool ns_ok = eff(rs[i].ns()) == eff(pns);
      for (const auto& [n, ns] : rs[i].prev_ids) ns_ok = ns_ok || eff(ns) == eff(pns);
      if (ns_ok) hits.push_back(i);
    }
    if (hits.empty()) {
      return Error("no resource matches strategic merge patch " + pg.kind + "/" + pname, at);
    }
    if (hits.size() > 1) return Error("multiple resources match strategic merge patch " + pg.kind + "/" + pname, at);
  }
  std::vector<std::size_t> to_delete;
  for (std::size_t i : hits) {
    Resource& r = rs[i];
    const std::string name = r.name(), ns = r.ns(), kind = r.kind();
    const bool had_ns = r.obj.get({"metadata", "namespace"}) != nullptr;
    bool deleted = false;
    if (Status s = detail::strategic_merge(r.obj, patch, deleted); !s) {
      Error e = s.error();
      if (e.pos && e.pos->file.empty()) e.pos->file = at.file;
      if (!e.pos) e.pos = at;
      return e;
    }
    if (deleted) {
      to_delete.push_back(i);
      continue;
    }
    if (Status s = metadata_still_a_map(r, at); !s) return s;
    // kustomize's Resource.ApplySmPatch keeps the target's name, namespace, kind.
    r.set_name(name);
    if (had_ns) {
      r.set_ns(ns);
    } else if (Node* m = r.obj.find("metadata")) {
      m->erase("namespace");
    }
    r.obj.set("kind", Node::string(kind));
  }
  for (auto it = to_delete.rbegin(); it != to_delete.rend(); ++it)
    rs.erase(rs.begin() + static_cast<std::ptrdiff_t>(*it));
  return {};
}

Status apply_json_patch(std::vector<Resource>& rs, const Node& ops, const detail::Target& target,
                        const std::string& file) {
  for (auto& r : rs) {
    if (!target.selects(r)) continue;
    if (Status s = detail::json6902(r.obj, ops, file); !s) return s;
    if (Status s = metadata_still_a_map(r, SourcePos{file, ops.mark.line, ops.mark.col}); !s) return s;
  }
  return {};
}

// ------------------------------------------------------------ transformers
// One function per builtin transformer, run in kustomize's order by
// run_transformers below.

// Calls `each` on every entry of a list-valued field (none when the field
// is absent or null), stopping at the first error.
template <class Each>
Status for_each_entry(const Kustomization& k, const char* field, Each&& each) {
  const Node* n = k.root.find(field);
  if (!n || n->is_null()) return {};
  if (!n->is_list()) return Error(std::string(field) + " must be a list", pos(k.file, *n));
  for (const Node& item : n->items()) {
    if (Status s = each(item); !s) return s;
  }
  return {};
}

// The entry holding `field` (the last one with that key), which load_patch
// names in its errors.
const model::MapEntry* owner_entry(const Kustomization& k, std::string_view field) {
  const model::MapEntry* owner = nullptr;
  for (const auto& e : k.root.entries())
    if (e.key == field) owner = &e;
  return owner;
}

// `patches` and `patchesJson6902` entries: a path or an inline patch, and a target.
Status check_patch_fields(const Kustomization& k, const Node& item) {
  for (const auto& e : item.entries()) {
    if (e.key != "path" && e.key != "patch" && e.key != "target")
      return Error("unsupported kustomize field " + e.key, key_pos(k.file, e));
  }
  return {};
}

// One patchesStrategicMerge entry: a file name, or an inline patch (a string
// with a newline in it).
Status Builder::smp_entry(const Kustomization& k, const model::MapEntry& owner, const Node& item,
                          std::vector<Resource>& rs) {
  if (!item.is_scalar()) return Error("patchesStrategicMerge entries must be strings", pos(k.file, item));
  std::string patch_file;
  Result<std::vector<Node>> docs = std::vector<Node>{};
  if (item.text().find('\n') != std::string::npos) {
    docs = load_patch(k, owner, item, true, patch_file);
  } else {
    Node as_path = Node::map();
    as_path.mark = item.mark;
    as_path.set("path", item);
    docs = load_patch(k, owner, as_path, false, patch_file);
  }
  if (!docs) return docs.error();
  for (const Node& d : *docs) {
    if (Status s = apply_smp(rs, d, std::nullopt, pos(k.file, item)); !s) return s;
  }
  return {};
}

// One `patches` entry: strategic merge, or JSON 6902 (a list of operations)
// when it has a target.
Status Builder::patch_entry(const Kustomization& k, const model::MapEntry& owner, const Node& item,
                            std::vector<Resource>& rs) {
  if (!item.is_map()) return Error("patches entries must be maps", pos(k.file, item));
  if (Status s = check_patch_fields(k, item); !s) return s;
  std::optional<detail::Target> target;
  if (const Node* t = item.find("target"); t && !t->is_null()) {
    auto parsed = detail::Target::parse(*t, k.file);
    if (!parsed) return parsed.error();
    target = std::move(parsed).value();
  }
  std::string patch_file;
  auto docs = load_patch(k, owner, item, false, patch_file);
  if (!docs) return docs.error();
  if (docs->size() == 1 && docs->front().is_list()) {
    if (!target) return Error("a JSON 6902 patch must have a target", pos(k.file, item));
    return apply_json_patch(rs, docs->front(), *target, patch_file);
  }
  for (const Node& d : *docs) {
    if (Status s = apply_smp(rs, d, target, pos(k.file, item)); !s) return s;
  }
  return {};
}

// One patchesJson6902 entry (the legacy field): a target always required.
Status Builder::json6902_entry(const Kustomization& k, const model::MapEntry& owner, const Node& item,
                               std::vector<Resource>& rs) {
  if (!item.is_map()) return Error("patchesJson6902 entries must be maps", pos(k.file, item));
  if (Status s = check_patch_fields(k, item); !s) return s;
  const Node* t = item.find("target");
  if (!t) return Error("a JSON 6902 patch must have a target", pos(k.file, item));
  auto target = detail::Target::parse(*t, k.file);
  if (!target) return target.error();
  std::string patch_file;
  auto docs = load_patch(k, owner, item, false, patch_file);
  if (!docs) return docs.error();
  if (docs->size() != 1 || !docs->front().is_list())
    return Error("a JSON 6902 patch must be a list of operations", pos(k.file, item));
  return apply_json_patch(rs, docs->front(), *target, patch_file);
}

// A patch field, each entry read through load_patch and applied by `entry`.
Status Builder::run_patches(const Kustomization& k, const char* field, PatchEntry entry, std::vector<Resource>& rs) {
  const model::MapEntry* owner = owner_entry(k, field);
  return for_each_entry(k, field, [&](const Node& item) { return (this->*entry)(k, *owner, item, rs); });
}

// The namespace transformer on one resource: its namespace, a v1 Namespace's
// name, the "default" subjects of role bindings, an APIService's service.
void set_namespace(Resource& r, const std::string& ns) {
  const auto g = r.gvk();
  r.store_prev_id();
  if (!detail::is_cluster_scoped(g.kind)) r.set_ns(ns);
  if (g.kind == "Namespace" && r.obj.get_string({"apiVersion"}) == std::optional<std::string>("v1")) r.set_name(ns);
  if (g.kind == "RoleBinding" || g.kind == "ClusterRoleBinding") {
    if (Node* subjects = r.obj.find("subjects"); subjects && subjects->is_list()) {
      for (auto& s : subjects->items()) {
        if (s.get_string({"name"}) == std::optional<std::string>("default")) s.set("namespace", Node::string(ns));
      }
    }
  }
  if (g.kind == "APIService" && g.group == "apiregistration.k8s.io") {
    if (Node* svc = r.obj.find("spec"); svc && svc->find("service")) (*svc)["service"].set("namespace", Node::string(ns));
  }
  // Keep a previous id only when the id did change.
  if (!r.prev_ids.empty() && r.prev_ids.back() == std::pair(r.name(), r.ns())) r.prev_ids.pop_back();
}

// namePrefix / nameSuffix (not on CRDs, APIServices, Namespaces).
void add_name_affixes(const Kustomization& k, std::vector<Resource>& rs) {
  const std::string prefix = k.root.get_string({"namePrefix"}).value_or("");
  const std::string suffix = k.root.get_string({"nameSuffix"}).value_or("");
  if (prefix.empty() && suffix.empty()) return;
  for (auto& r : rs) {
    const auto g = r.gvk();
    if (g.kind == "CustomResourceDefinition" || g.kind == "Namespace" ||
        (g.kind == "APIService" && g.group == "apiregistration.k8s.io"))
      continue;
    r.store_prev_id();
    r.set_name(prefix + r.name() + suffix);
    if (!prefix.empty()) r.prefixes.push_back(prefix);
    if (!suffix.empty()) r.suffixes.push_back(suffix);
  }
}

// One `labels` entry: its pairs, and the fields its include* switches reach.
struct LabelRule {
  std::map<std::string, std::string> pairs;
  std::vector<FieldSpec> specs;
};

Result<LabelRule> read_label_rule(const Kustomization& k, const Node& item) {
  if (!item.is_map()) return Error("labels entries must be maps", pos(k.file, item));
  LabelRule rule;
  bool selectors = false, templates = false;
  for (const auto& e : item.entries()) {
    if (e.key == "pairs" && e.value.is_map()) {
      for (const auto& kv : e.value.entries()) rule.pairs[kv.key] = kv.value.text();
    } else if (e.key == "includeSelectors") {
      selectors = e.value.as_bool().value_or(false);
    } else if (e.key == "includeTemplates") {
      templates = e.value.as_bool().value_or(false);
    } else {
      return Error("unsupported kustomize field " + e.key, key_pos(k.file, e));
    }
  }
  if (selectors) {
    rule.specs = common_label_specs();
  } else if (templates) {
    rule.specs = metadata_label_specs();
  } else {
    rule.specs = {{"", "", "", "metadata/labels", true}};
  }
  return rule;
}

Status add_labels(const Kustomization& k, std::vector<Resource>& rs) {
  return for_each_entry(k, "labels", [&](const Node& item) -> Status {
    auto rule = read_label_rule(k, item);
    if (!rule) return rule.error();
    if (Status s = set_map_values(rs, rule->specs, rule->pairs); !s) return Error(s.error().message, pos(k.file, item));
    return {};
  });
}

// commonLabels and commonAnnotations: a string map set at every field spec.
Status set_common_map(const Kustomization& k, std::vector<Resource>& rs, const char* field,
                      const std::vector<FieldSpec>& specs) {
  auto values = string_map(k, field);
  if (!values) return values.error();
  return set_map_values(rs, specs, *values);
}

// One `replicas` entry: the count of every scalable resource that had the name.
Status set_replica_count(const Kustomization& k, const Node& item, std::vector<Resource>& rs) {
  const SourcePos at = pos(k.file, item);
  if (!item.is_map()) return Error("replicas entries must be maps", at);
  for (const auto& e : item.entries())
    if (e.key != "name" && e.key != "count") return Error("unsupported kustomize field " + e.key, key_pos(k.file, e));
  const auto name = item.get_string({"name"});
  const Node* count = item.find("count");
  if (!name || !count || !count->as_int()) return Error("replicas entries need a name and an integer count", at);
  bool found = false;
  for (auto& r : rs) {
    const std::string kind = r.kind();
    if (kind != "Deployment" && kind != "ReplicationController" && kind != "ReplicaSet" && kind != "StatefulSet")
      continue;
    if (!r.had_name(*name)) continue;
    found = true;
    r.obj["spec"].set("replicas", Node::integer(*count->as_int()));
  }
  if (!found)
    return Error("resource with name " + *name +
                     " does not match a config with the following GVK [~G_~V_Deployment "
                     "~G_~V_ReplicationController ~G_~V_ReplicaSet apps_~V_StatefulSet]",
                 at);
  return {};
}

Status set_replicas(const Kustomization& k, std::vector<Resource>& rs) {
  return for_each_entry(k, "replicas", [&](const Node& item) { return set_replica_count(k, item, rs); });
}

Result<ImageRule> read_image_rule(const Kustomization& k, const Node& item) {
  if (!item.is_map()) return Error("images entries must be maps", pos(k.file, item));
  ImageRule rule;
  for (const auto& e : item.entries()) {
    const std::string v = e.value.text();
    if (e.key == "name") rule.name = v;
    else if (e.key == "newName") rule.new_name = v;
    else if (e.key == "newTag") rule.new_tag = v;
    else if (e.key == "digest") rule.digest = v;
    else return Error("unsupported kustomize field " + e.key, key_pos(k.file, e));
  }
  if (rule.name.empty()) return Error("images entries need a name", pos(k.file, item));
  return rule;
}

Status set_images(const Kustomization& k, std::vector<Resource>& rs) {
  return for_each_entry(k, "images", [&](const Node& item) -> Status {
    auto rule = read_image_rule(k, item);
    if (!rule) return rule.error();
    for (auto& r : rs) walk_images(r.obj, *rule);
    return {};
  });
}

Status Builder::run_transformers(const Kustomization& k, std::vector<Resource>& rs) {
  // Order from kustomize api/internal/target/kusttarget_configplugin.go.
  if (Status s = run_patches(k, "patchesStrategicMerge", &Builder::smp_entry, rs); !s) return s;
  if (Status s = run_patches(k, "patches", &Builder::patch_entry, rs); !s) return s;
  if (auto ns = k.root.get_string({"namespace"}); ns && !ns->empty()) {
    for (auto& r : rs) set_namespace(r, *ns);
  }
  add_name_affixes(k, rs);
  if (Status s = add_labels(k, rs); !s) return s;
  if (Status s = set_common_map(k, rs, "commonLabels", common_label_specs()); !s) return s;
  if (Status s = set_common_map(k, rs, "commonAnnotations", common_annotation_specs()); !s) return s;
  if (Status s = run_patches(k, "patchesJson6902", &Builder::json6902_entry, rs); !s) return s;
  if (Status s = set_replicas(k, rs); !s) return s;
  return set_images(k, rs);
}

Result<std::vector<Resource>> Builder::build(const std::string& dir, const SourcePos& from) {
  if (std::find(stack.begin(), stack.end(), dir) != stack.end()) {
    std::string chain;
    for (const auto& d : stack) chain += (d.empty() ? "." : d) + " -> ";
    return Error("cycle in kustomization bases: " + chain + (dir.empty() ? "." : dir), from);
  }
  if (++builds > kMaxBuilds) {
    return Error("more than " + std::to_string(kMaxBuilds) + " kustomization builds in one render (at '" +
                     (dir.empty() ? std::string(".") : dir) +
                     "'): bases reached by many paths are built once per path, and Argo CD would time out",
                 from);
  }
  auto k = load(dir, from);
  if (!k) return k.error();
  stack.push_back(dir);
  std::vector<Resource> rs;
  if (Status s = add_resources(*k, rs); !s) return s.error();
  if (Status s = run_generators(*k, rs); !s) return s.error();
  if (Status s = run_transformers(*k, rs); !s) return s.error();
  stack.pop_back();
  return rs;
}

}  // namespace

Result<std::vector<Node>> kustomize_build(const SourceTree& tree, std::string_view dir_in) {
  auto dir = join_path("", dir_in);
  if (!dir) return dir.error();
  Builder b{tree, {}, 0};
  auto rs = b.build(*dir, SourcePos{});
  if (!rs) return rs.error();
  // Done last, at the top only (kustomize's makeCustomizedResMap): hash
  // suffixes, then name references, then the legacy sort.
  for (auto& r : *rs) {
    if (!r.generated || !r.needs_hash) continue;
    r.store_prev_id();
    r.set_name(r.name() + "-" + detail::content_hash(r.obj));
  }
  if (Status s = detail::fix_name_references(*rs); !s) return s.error();
  detail::legacy_sort(*rs);
  std::vector<Node> out;
  out.reserve(rs->size());
  for (auto& r : *rs) out.push_back(std::move(r.obj));
  return out;
}

}  // namespace gs::render
