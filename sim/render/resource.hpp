// Internal to sim/render: one object as kustomize tracks it while building a
// kustomization: the object itself plus the bookkeeping kustomize keeps in
// its resource annotations (names it had before, prefixes/suffixes applied,
// whether a generator asked for a content-hash suffix). Also the GVK helpers
// and the field-spec walk ("spec/template/metadata/labels") the builtin
// transformers share, as in kustomize's api/filters/fsslice.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "sim/core/result.hpp"
#include "sim/model/node.hpp"

namespace gs::render::detail {

struct Gvk {
  std::string group;
  std::string version;
  std::string kind;
};

Gvk gvk_of(const model::Node& obj);
// kustomize's resid.Gvk.String(): "apps_v1_Deployment", "~G_v1_Service".
std::string gvk_string(const Gvk& g);
// Cluster-scoped kinds, from kustomize's resid.NotNamespaceableKinds.
bool is_cluster_scoped(std::string_view kind);

struct Resource {
  model::Node obj;
  std::string origin;                    // file it came from, for errors
  // (name, namespace) pairs it had before, oldest first, as kustomize's
  // previousNames/previousNamespaces annotations (the current id excluded).
  std::vector<std::pair<std::string, std::string>> prev_ids;
  std::vector<std::string> prefixes;     // namePrefix values applied, innermost first
  std::vector<std::string> suffixes;
  bool needs_hash = false;               // generated without disableNameSuffixHash
  bool generated = false;

  std::string name() const;
  std::string ns() const;
  std::string kind() const;
  Gvk gvk() const { return gvk_of(obj); }
  // Records the current id in prev_ids (once per transformer, as kustomize's
  // StorePreviousId), then renames.
  void store_prev_id();
  void set_name(const std::string& n) { obj["metadata"].set("name", model::Node::string(n)); }
  void set_ns(const std::string& n) { obj["metadata"].set("namespace", model::Node::string(n)); }
  bool had_name(std::string_view n) const;  // current or any previous name
  // "Deployment.v1.apps/web.prod" style id for messages.
  std::string id() const;
};

// kustomize's FieldSpec: an object selector (empty = any) and a '/' path;
// create makes missing maps on the way (the leaf is handled by the caller).
struct FieldSpec {
  std::string group;
  std::string version;
  std::string kind;
  std::string path;
  bool create = false;
};

bool fieldspec_selects(const FieldSpec& fs, const Gvk& g);

// Calls fn on every node the path reaches in obj, descending into every
// element of lists met on the way (with or without a "[]" marker). When
// create is set, missing maps are created; fn receives the leaf's parent map
// and the leaf key, so it can read, create or overwrite the value.
Status walk_fieldspec(model::Node& obj, const FieldSpec& fs,
                      const std::function<Status(model::Node& parent, const std::string& key)>& fn);

// Sorts as kustomize's legacy SortOrderTransformer (`kubectl kustomize`'s default).
void legacy_sort(std::vector<Resource>& rs);

}  // namespace gs::render::detail
