#include "sim/cluster/api_validation.hpp"

#include <cctype>
#include <set>

#include "sim/cluster/node_util.hpp"

namespace gs::cluster::detail {

using model::Node;

namespace {

constexpr std::int64_t kMaxInt32 = 2147483647;  // spec.replicas is an int32 in every apps/v1 kind

bool is_alnum_lower(char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'); }

// Kubernetes renders an int-or-string as its value.
std::string render_value(const Node* n) {
  if (!n) return "null";
  if (n->is_string()) return "\"" + n->text() + "\"";
  if (n->is_scalar()) return n->text();
  return n->is_map() ? "map[...]" : "[...]";
}

bool int_or_percent_is_zero(const Node* n) {
  if (!n) return false;
  if (auto i = n->as_int()) return *i == 0;
  if (n->is_string()) return n->text() == "0%" || n->text() == "0";
  return false;
}

// Each check below returns the field path and problem, or "" when it finds none.

std::string validate_pod_spec(const Node* spec, const std::string& at) {
  if (!spec || !spec->is_map()) return at + ": Required value";
  const Node* containers = spec->find("containers");
  if (!containers || !containers->is_list() || containers->size() == 0) return at + ".containers: Required value";
  std::set<std::string> names;
  for (std::size_t i = 0; i < containers->size(); ++i) {
    const Node& c = containers->items()[i];
    const std::string here = at + ".containers[" + std::to_string(i) + "]";
    auto name = c.get_string({"name"});
    if (!name || name->empty()) return here + ".name: Required value";
    if (!is_dns_label(*name))
      return here + ".name: Invalid value: \"" + *name +
             "\": a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must "
             "start and end with an alphanumeric character";
    if (!names.insert(*name).second) return here + ".name: Duplicate value: \"" + *name + "\"";
    auto image = c.get_string({"image"});
    if (!image || image->empty()) return here + ".image: Required value";
  }
  return "";
}

std::string validate_metadata(const KindInfo& info, const Node& obj) {
  const std::string name = get_str(obj, {"metadata", "name"});
  const bool label_named = info.kind == "Namespace" || (info.group.empty() && info.kind == "Service");
  if (label_named ? !is_dns_label(name) : !is_dns_subdomain(name)) {
    return "metadata.name: Invalid value: \"" + name + "\": a lowercase RFC 1123 " +
           std::string(label_named ? "label" : "subdomain") +
           " must consist of lower case alphanumeric characters, '-'" + std::string(label_named ? "" : " or '.'") +
           ", and must start and end with an alphanumeric character";
  }
  if (const Node* labels = obj.get({"metadata", "labels"}); labels && labels->is_map()) {
    for (const auto& e : labels->entries()) {
      if (auto p = label_key_problem(e.key); !p.empty()) return "metadata.labels: Invalid value: \"" + e.key + "\": " + p;
      if (!e.value.is_string() && !e.value.is_null())
        return "metadata.labels." + e.key + ": Invalid value: " + render_value(&e.value) +
               ": label values must be strings";
      if (auto p = label_value_problem(e.value.text()); !p.empty())
        return "metadata.labels: Invalid value: \"" + e.value.text() + "\": " + p;
    }
  }
  return "";
}

bool is_templated(const KindInfo& info) {
  return (info.group == "apps" && (info.kind == "Deployment" || info.kind == "ReplicaSet" ||
                                   info.kind == "StatefulSet" || info.kind == "DaemonSet")) ||
         (info.group == "batch" && info.kind == "Job");
}

// spec.replicas is an int32: ValidateNonnegativeField, and no value past the int32 range.
std::string validate_replicas(const Node& obj) {
  const Node* r = obj.get({"spec", "replicas"});
  if (!r) return "";
  auto v = r->as_int();
  if (!v) return "spec.replicas: Invalid value: " + render_value(r) + ": must be an integer";
  if (*v < 0) return "spec.replicas: Invalid value: " + std::to_string(*v) + ": must be greater than or equal to 0";
  if (*v > kMaxInt32)
    return "spec.replicas: Invalid value: " + std::to_string(*v) + ": must be less than or equal to " +
           std::to_string(kMaxInt32);
  return "";
}

std::string validate_selector(const Node& obj, const Node* old) {
  const Node* sel = obj.get({"spec", "selector"});
  if (!sel || !sel->is_map() || sel->size() == 0) return "spec.selector: Required value";
  const Node* ml = sel->find("matchLabels");
  const Node* tl = obj.get({"spec", "template", "metadata", "labels"});
  if (ml && ml->is_map()) {
    for (const auto& e : ml->entries()) {
      const Node* v = tl ? tl->find(e.key) : nullptr;
      if (!v || !(*v == e.value))
        return "spec.template.metadata.labels: Invalid value: " + format_labels(tl) +
               ": `selector` does not match template `labels`";
    }
  }
  if (old) {
    const Node* old_sel = old->get({"spec", "selector"});
    if (old_sel && !(*old_sel == *sel)) return "spec.selector: Invalid value: " + format_labels(ml) + ": field is immutable";
  }
  return "";
}

std::string validate_deployment_strategy(const Node& obj) {
  const std::string type = get_str(obj, {"spec", "strategy", "type"}, "RollingUpdate");
  if (type != "RollingUpdate" && type != "Recreate")
    return "spec.strategy.type: Unsupported value: \"" + type + "\": supported values: \"Recreate\", \"RollingUpdate\"";
  if (type == "RollingUpdate") {
    const Node* surge = obj.get({"spec", "strategy", "rollingUpdate", "maxSurge"});
    const Node* unavail = obj.get({"spec", "strategy", "rollingUpdate", "maxUnavailable"});
    if (int_or_percent_is_zero(surge) && int_or_percent_is_zero(unavail))
      return "spec.strategy.rollingUpdate.maxUnavailable: Invalid value: " + render_value(unavail) +
             ": may not be 0 when `maxSurge` is 0";
  } else if (obj.get({"spec", "strategy", "rollingUpdate"})) {
    return "spec.strategy.rollingUpdate: Forbidden: may not be specified when strategy `type` is 'Recreate'";
  }
  return "";
}

std::string validate_job(const Node& obj, const Node* old) {
  const std::string rp = get_str(obj, {"spec", "template", "spec", "restartPolicy"});
  if (rp != "Never" && rp != "OnFailure")
    return "spec.template.spec.restartPolicy: Unsupported value: \"" + rp +
           "\": supported values: \"OnFailure\", \"Never\"";
  if (old) {
    const Node* a = old->get({"spec", "template"});
    const Node* b = obj.get({"spec", "template"});
    if (a && b && !(*a == *b)) return "spec.template: Invalid value: ...: field is immutable";
  }
  return "";
}

std::string validate_service(const Node& obj, const Node* old) {
  const std::string type = get_str(obj, {"spec", "type"}, "ClusterIP");
  if (type != "ClusterIP" && type != "NodePort" && type != "LoadBalancer" && type != "ExternalName")
    return "spec.type: Unsupported value: \"" + type +
           "\": supported values: \"ClusterIP\", \"ExternalName\", \"LoadBalancer\", \"NodePort\"";
  if (const Node* ports = obj.get({"spec", "ports"}); ports && ports->is_list()) {
    for (std::size_t i = 0; i < ports->size(); ++i) {
      const Node* p = ports->items()[i].find("port");
      auto v = p ? p->as_int() : std::nullopt;
      if (!v || *v < 1 || *v > 65535)
        return "spec.ports[" + std::to_string(i) + "].port: Invalid value: " + render_value(p) +
               ": must be between 1 and 65535, inclusive";
    }
  }
  if (old) {
    const std::string a = get_str(*old, {"spec", "clusterIP"});
    const std::string b = get_str(obj, {"spec", "clusterIP"});
    if (!a.empty() && a != b) return "spec.clusterIPs[0]: Invalid value: []string{\"" + b + "\"}: may not change once set";
  }
  return "";
}

}  // namespace

bool is_dns_label(std::string_view s) {
  if (s.empty() || s.size() > 63) return false;
  if (!is_alnum_lower(s.front()) || !is_alnum_lower(s.back())) return false;
  for (char c : s) {
    if (!is_alnum_lower(c) && c != '-') return false;
  }
  return true;
}

bool is_dns_subdomain(std::string_view s) {
  if (s.empty() || s.size() > 253) return false;
  std::size_t start = 0;
  while (true) {
    auto dot = s.find('.', start);
    auto part = s.substr(start, dot == std::string_view::npos ? std::string_view::npos : dot - start);
    if (!is_dns_label(part)) return false;
    if (dot == std::string_view::npos) return true;
    start = dot + 1;
  }
}

bool is_label_name(std::string_view s) {
  if (s.empty() || s.size() > 63) return false;
  auto an = [](char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0; };
  if (!an(s.front()) || !an(s.back())) return false;
  for (char c : s) {
    if (!an(c) && c != '-' && c != '_' && c != '.') return false;
  }
  return true;
}

std::string label_key_problem(std::string_view key) {
  std::string_view name = key;
  if (auto slash = key.find('/'); slash != std::string_view::npos) {
    if (!is_dns_subdomain(key.substr(0, slash))) return "prefix part must be a lowercase RFC 1123 subdomain";
    name = key.substr(slash + 1);
  }
  if (!is_label_name(name))
    return "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an "
           "alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is "
           "'([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')";
  return "";
}

std::string label_value_problem(std::string_view v) {
  if (v.empty() || is_label_name(v)) return "";
  return "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must "
         "start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for "
         "validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')";
}

Status validate_object(const KindInfo& info, const Node& obj, const Node* old) {
  std::string problem = validate_metadata(info, obj);
  if (problem.empty() && is_templated(info)) {
    problem = validate_replicas(obj);
    if (problem.empty()) problem = validate_pod_spec(obj.get({"spec", "template", "spec"}), "spec.template.spec");
  }
  if (problem.empty() && info.group == "apps" && info.kind != "ControllerRevision") problem = validate_selector(obj, old);
  if (problem.empty() && info.group == "apps" && info.kind == "Deployment") problem = validate_deployment_strategy(obj);
  if (problem.empty() && info.group == "batch" && info.kind == "Job") problem = validate_job(obj, old);
  if (problem.empty() && info.group.empty() && info.kind == "Service") problem = validate_service(obj, old);
  if (problem.empty()) return {};
  return Error("The " + info.kind + " \"" + get_str(obj, {"metadata", "name"}) + "\" is invalid: " + problem);
}

}  // namespace gs::cluster::detail
