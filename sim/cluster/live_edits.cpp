// kubectl's live edits on a fake cluster: scale, set image, patch, label,
// annotate. Each is what kubectl does client side — read the object, check
// every requested change, then one update through the API server (defaults
// and validation as on apply) — so a failing edit changes nothing: not the
// object, not its resourceVersion, not the watch.
#include <charconv>
#include <set>

#include "sim/cluster/api_server.hpp"
#include "sim/cluster/api_validation.hpp"
#include "sim/cluster/cluster.hpp"
#include "sim/cluster/node_util.hpp"

namespace gs::cluster {

using model::Node;
using namespace detail;

Result<ObjectKey> Cluster::edit_target(std::string_view kind, std::string_view ns, std::string_view name) const {
  auto info = resolve_resource(kind);
  if (!info) return info.error();
  ObjectKey key{info->group, info->kind, info->namespaced ? std::string(ns.empty() ? "default" : ns) : "",
                std::string(name)};
  if (!get(key)) return Error(not_found_message(*info, key.name));
  return key;
}

// ---------------------------------------------------------------- scale

Status Cluster::scale(std::string_view kind, std::string_view ns, std::string_view name, std::int64_t replicas,
                      TimePoint now, std::string_view by) {
  if (auto s = check_reachable(now); !s) return s;
  if (replicas < 0)
    return Error("invalid --replicas=" + std::to_string(replicas) +
                 ": The --replicas=COUNT flag is required, and COUNT must be greater than or equal to 0");
  auto info = resolve_resource(kind);
  if (!info) return info.error();
  if (!(info->group == "apps" &&
        (info->kind == "Deployment" || info->kind == "ReplicaSet" || info->kind == "StatefulSet")))
    return Error("cannot scale \"" + std::string(kind) + "\": " + info->kind +
                 " has no scale subresource (Deployment, ReplicaSet, StatefulSet have)");
  auto key = edit_target(kind, ns, name);
  if (!key) return key.error();
  Node copy = *get(*key);
  set_int(copy, {"spec", "replicas"}, replicas);
  return api().replace(*key, std::move(copy), now, by);
}

Status Cluster::scale(std::string_view kind, std::string_view ns, std::string_view name,
                      std::string_view replicas_text, TimePoint now, std::string_view by) {
  // kubectl's --replicas is an int32 flag: strconv.ParseInt(text, 0, 32) as pflag words its errors.
  std::int32_t v = 0;
  const char* first = replicas_text.data();
  const char* last = first + replicas_text.size();
  auto [p, ec] = std::from_chars(first, last, v);
  auto flag_error = [&](const char* why) {
    return Error("invalid argument \"" + std::string(replicas_text) + "\" for \"--replicas\" flag: strconv.ParseInt: "
                 "parsing \"" + std::string(replicas_text) + "\": " + why);
  };
  if (replicas_text.empty() || p != last || (ec != std::errc() && ec != std::errc::result_out_of_range))
    return flag_error("invalid syntax");
  if (ec == std::errc::result_out_of_range) return flag_error("value out of range");
  return scale(kind, ns, name, std::int64_t{v}, now, by);
}

// ---------------------------------------------------------------- set image

Status Cluster::set_images(std::string_view kind, std::string_view ns, std::string_view name,
                           const std::vector<std::pair<std::string, std::string>>& container_images, TimePoint now,
                           std::string_view by) {
  if (auto s = check_reachable(now); !s) return s;
  for (const auto& [container, image] : container_images) {
    if (auto ref = parse_image_ref(image); !ref) return ref.error();
  }
  auto key = edit_target(kind, ns, name);
  if (!key) return key.error();
  Node copy = *get(*key);
  Node* containers = nullptr;
  if (key->group.empty() && key->kind == "Pod") {
    containers = copy.get({"spec", "containers"}) ? &copy["spec"]["containers"] : nullptr;
  } else if (copy.get({"spec", "template", "spec", "containers"})) {
    containers = &copy["spec"]["template"]["spec"]["containers"];
  }
  if (!containers || !containers->is_list())
    return Error("error: " + key->kubectl_ref() + " has no containers (set image needs a pod template)");
  // Every name is found before anything changes (kubectl: nothing is patched on error).
  for (const auto& [container, image] : container_images) {
    bool found = false;
    for (const Node& c : containers->items()) found = found || container == "*" || get_str(c, {"name"}) == container;
    if (!found) return Error("error: unable to find container named \"" + container + "\"");
  }
  for (const auto& [container, image] : container_images) {
    for (Node& c : containers->items()) {
      if (container == "*" || get_str(c, {"name"}) == container) c.set("image", Node::string(image));
    }
  }
  return api().replace(*key, std::move(copy), now, by);
}

Status Cluster::set_image(std::string_view kind, std::string_view ns, std::string_view name,
                          std::string_view container, std::string_view image, TimePoint now, std::string_view by) {
  return set_images(kind, ns, name, {{std::string(container), std::string(image)}}, now, by);
}

// ---------------------------------------------------------------- patch

static Node merge_patch(const Node& target, const Node& patch) {
  if (!patch.is_map()) return patch;
  Node out = target.is_map() ? target : Node::map();
  for (const auto& e : patch.entries()) {
    if (e.value.is_null()) {
      out.erase(e.key);
      continue;
    }
    const Node* cur = out.find(e.key);
    Node merged = merge_patch(cur ? *cur : Node(), e.value);
    out.set(e.key, std::move(merged));
  }
  return out;
}

// What a merge patch may not change: identity, and (no status subresource
// here) the status itself.
static Status check_patched(const Node& old, Node& updated) {
  for (const char* f : {"apiVersion", "kind"}) {
    const Node* a = old.find(f);
    const Node* b = updated.find(f);
    if (!b || !a || !(*a == *b))
      return Error("error: the patch changes \"" + std::string(f) + "\", which cannot be patched");
  }
  for (const char* f : {"name", "namespace"}) {
    if (get_str(updated, {"metadata", f}) != get_str(old, {"metadata", f}))
      return Error("error: the patch changes \"metadata." + std::string(f) + "\", which cannot be patched");
  }
  if (const Node* st = old.find("status")) {
    updated.set("status", *st);
  } else {
    updated.erase("status");
  }
  if (const Node* l = updated.get({"metadata", "labels"}); l && l->is_map()) {
    for (const auto& e : l->entries()) {
      if (!e.value.is_string()) return Error("error: label \"" + e.key + "\" must be a string");
    }
  }
  return {};
}

Status Cluster::patch_merge(const ObjectKey& key, const Node& patch, TimePoint now, std::string_view by) {
  if (auto s = check_reachable(now); !s) return s;
  const Node* old = get(key);
  if (!old) {
    auto info = kind_info(key.group, key.kind);
    return Error(info ? not_found_message(*info, key.name)
                      : "the server doesn't have a resource type \"" + key.kind + "\"");
  }
  if (!patch.is_map()) return Error("error: unable to parse patch: a merge patch must be a JSON object");
  Node updated = merge_patch(*old, patch);
  if (auto s = check_patched(*old, updated); !s) return s;
  return api().replace(key, std::move(updated), now, by);
}

// ---------------------------------------------------------------- label, annotate

namespace {

// kubectl's parseLabels / parseAnnotations checks, for one edit.
Status check_edit(bool is_label, const MetadataEdit& e) {
  const char* what = is_label ? "label" : "annotation";
  if (e.key.empty()) return Error(std::string("error: invalid ") + what + " spec: empty key");
  const auto slash = e.key.find('/');
  const std::string_view name = slash == std::string::npos ? std::string_view(e.key) : std::string_view(e.key).substr(slash + 1);
  if (!is_label_name(name) || (slash != std::string::npos && !is_dns_subdomain(std::string_view(e.key).substr(0, slash))))
    return Error(std::string("error: invalid ") + what + " key \"" + e.key + "\": " + label_key_problem(e.key));
  if (is_label && e.value) {
    if (auto p = label_value_problem(*e.value); !p.empty())
      return Error("error: invalid label value: \"" + e.key + "=" + *e.value + "\": " + p);
  }
  return {};
}

// Without --overwrite, a key that has another value already is an error.
// Labels: validateNoOverwrites (an aggregate: "[a, b]" when more than one).
// Annotations: validateNoAnnotationOverwrites (kubernetes.io/change-cause
// may always be overwritten).
Status check_no_overwrites(bool is_label, const Node* current, const std::vector<MetadataEdit>& edits) {
  std::vector<std::string> found;
  std::set<std::string> seen;
  for (const auto& e : edits) {
    if (!e.value || !seen.insert(e.key).second) continue;
    if (!is_label && e.key == "kubernetes.io/change-cause") continue;
    const Node* cur = current ? current->find(e.key) : nullptr;
    if (!cur || cur->text() == *e.value) continue;
    found.push_back(is_label ? "'" + e.key + "' already has a value (" + cur->text() + "), and --overwrite is false"
                             : "'" + e.key + "' already has a value (" + cur->text() + ")");
  }
  if (found.empty()) return {};
  std::string joined;
  for (const auto& f : found) joined += (joined.empty() ? "" : is_label ? ", " : "; ") + f;
  if (!is_label) return Error("error: --overwrite is false but found the following declared annotation(s): " + joined);
  return Error("error: " + (found.size() == 1 ? joined : "[" + joined + "]"));
}

}  // namespace

Status Cluster::edit_metadata(const ObjectKey& key, const char* field, const std::vector<MetadataEdit>& edits,
                              TimePoint now, std::string_view by, bool overwrite) {
  if (auto s = check_reachable(now); !s) return s;
  const bool is_label = std::string_view(field) == "labels";
  const Node* obj = get(key);
  if (!obj) return Error("Error from server (NotFound): " + key.kubectl_ref() + " not found");
  std::set<std::string> set_keys, removed_keys;
  for (const auto& e : edits) {
    if (auto s = check_edit(is_label, e); !s) return s;
    (e.value ? set_keys : removed_keys).insert(e.key);
  }
  for (const auto& k : removed_keys) {
    if (set_keys.count(k))
      return Error(std::string("error: can not both modify and remove ") + (is_label ? "a label" : "an annotation") +
                   " in the same command");
  }
  if (!overwrite) {
    if (auto s = check_no_overwrites(is_label, obj->get({"metadata", field}), edits); !s) return s;
  }
  Node out = *obj;
  for (const auto& e : edits) {
    if (e.value) {
      set_str(out, {"metadata", field, e.key}, *e.value);
    } else if (out.get({"metadata", field, e.key})) {
      out["metadata"][field].erase(e.key);
    }
  }
  return api().replace(key, std::move(out), now, by);
}

Status Cluster::label(const ObjectKey& key, const std::vector<MetadataEdit>& edits, TimePoint now,
                      std::string_view by, bool overwrite) {
  return edit_metadata(key, "labels", edits, now, by, overwrite);
}

Status Cluster::annotate(const ObjectKey& key, const std::vector<MetadataEdit>& edits, TimePoint now,
                         std::string_view by, bool overwrite) {
  return edit_metadata(key, "annotations", edits, now, by, overwrite);
}

static std::vector<MetadataEdit> one_edit(std::string_view k, std::optional<std::string_view> v) {
  return {MetadataEdit{std::string(k), v ? std::optional<std::string>(std::string(*v)) : std::nullopt}};
}

Status Cluster::label(const ObjectKey& key, std::string_view k, std::optional<std::string_view> v, TimePoint now,
                      std::string_view by, bool overwrite) {
  return label(key, one_edit(k, v), now, by, overwrite);
}

Status Cluster::annotate(const ObjectKey& key, std::string_view k, std::optional<std::string_view> v, TimePoint now,
                         std::string_view by, bool overwrite) {
  return annotate(key, one_edit(k, v), now, by, overwrite);
}

}  // namespace gs::cluster
