#include "sim/cluster/api_defaults.hpp"

#include "sim/cluster/image_registry.hpp"
#include "sim/cluster/node_util.hpp"
#include "sim/core/base64.hpp"

namespace gs::cluster::detail {

using model::Node;

namespace {

void default_container(Node& c) {
  if (!c.contains("imagePullPolicy")) {
    auto ref = parse_image_ref(get_str(c, {"image"}));
    const bool latest = ref.ok() && ref->tag == "latest" && ref->digest.empty();
    c.set("imagePullPolicy", Node::string(latest ? "Always" : "IfNotPresent"));
  }
  if (!c.contains("resources")) c.set("resources", Node::map());
  if (!c.contains("terminationMessagePath")) c.set("terminationMessagePath", Node::string("/dev/termination-log"));
  if (!c.contains("terminationMessagePolicy")) c.set("terminationMessagePolicy", Node::string("File"));
  if (Node* ports = c.find("ports"); ports && ports->is_list()) {
    for (Node& p : ports->items()) {
      if (p.is_map() && !p.contains("protocol")) p.set("protocol", Node::string("TCP"));
    }
  }
}

void default_pod_spec(Node& spec) {
  if (!spec.is_map()) return;
  if (!spec.contains("restartPolicy")) spec.set("restartPolicy", Node::string("Always"));
  if (!spec.contains("terminationGracePeriodSeconds")) spec.set("terminationGracePeriodSeconds", Node::integer(30));
  if (!spec.contains("dnsPolicy")) spec.set("dnsPolicy", Node::string("ClusterFirst"));
  if (!spec.contains("schedulerName")) spec.set("schedulerName", Node::string("default-scheduler"));
  if (!spec.contains("securityContext")) spec.set("securityContext", Node::map());
  for (const char* list : {"containers", "initContainers"}) {
    Node* cs = spec.find(list);
    if (!cs || !cs->is_list()) continue;
    for (Node& c : cs->items()) {
      if (c.is_map()) default_container(c);
    }
  }
}

void default_template(Node& obj) {
  Node* spec = obj.get({"spec", "template", "spec"}) ? &obj["spec"]["template"]["spec"] : nullptr;
  if (spec) default_pod_spec(*spec);
}

void default_namespace(Node& obj) {
  set_str(obj, {"metadata", "labels", "kubernetes.io/metadata.name"}, get_str(obj, {"metadata", "name"}));
  if (!obj.get({"spec", "finalizers"})) {
    Node f = Node::list();
    f.push_back(Node::string("kubernetes"));
    ensure(obj, {"spec", "finalizers"}) = std::move(f);
  }
  if (!obj.get({"status", "phase"})) set_str(obj, {"status", "phase"}, "Active");
}

// Deployment, ReplicaSet, StatefulSet.
void default_replicated(const std::string& k, Node& obj) {
  if (!obj.get({"spec", "replicas"})) set_int(obj, {"spec", "replicas"}, 1);
  if (k != "ReplicaSet" && !obj.get({"spec", "revisionHistoryLimit"})) set_int(obj, {"spec", "revisionHistoryLimit"}, 10);
  if (k == "StatefulSet") {
    if (!obj.get({"spec", "podManagementPolicy"})) set_str(obj, {"spec", "podManagementPolicy"}, "OrderedReady");
    if (!obj.get({"spec", "updateStrategy", "type"})) set_str(obj, {"spec", "updateStrategy", "type"}, "RollingUpdate");
    if (get_str(obj, {"spec", "updateStrategy", "type"}) == "RollingUpdate" &&
        !obj.get({"spec", "updateStrategy", "rollingUpdate", "partition"}))
      set_int(obj, {"spec", "updateStrategy", "rollingUpdate", "partition"}, 0);
  }
  if (k == "Deployment") {
    if (!obj.get({"spec", "progressDeadlineSeconds"})) set_int(obj, {"spec", "progressDeadlineSeconds"}, 600);
    if (!obj.get({"spec", "strategy", "type"})) set_str(obj, {"spec", "strategy", "type"}, "RollingUpdate");
    if (get_str(obj, {"spec", "strategy", "type"}) == "RollingUpdate") {
      if (!obj.get({"spec", "strategy", "rollingUpdate", "maxSurge"}))
        set_str(obj, {"spec", "strategy", "rollingUpdate", "maxSurge"}, "25%");
      if (!obj.get({"spec", "strategy", "rollingUpdate", "maxUnavailable"}))
        set_str(obj, {"spec", "strategy", "rollingUpdate", "maxUnavailable"}, "25%");
    }
  }
  default_template(obj);
}

void default_daemonset(Node& obj) {
  if (!obj.get({"spec", "revisionHistoryLimit"})) set_int(obj, {"spec", "revisionHistoryLimit"}, 10);
  if (!obj.get({"spec", "updateStrategy", "type"})) set_str(obj, {"spec", "updateStrategy", "type"}, "RollingUpdate");
  default_template(obj);
}

void default_job(Node& obj, const Node* old) {
  if (!obj.get({"spec", "parallelism"})) set_int(obj, {"spec", "parallelism"}, 1);
  if (!obj.get({"spec", "completions"})) set_int(obj, {"spec", "completions"}, 1);
  if (!obj.get({"spec", "backoffLimit"})) set_int(obj, {"spec", "backoffLimit"}, 6);
  if (!obj.get({"spec", "completionMode"})) set_str(obj, {"spec", "completionMode"}, "NonIndexed");
  if (!obj.get({"spec", "suspend"})) ensure(obj, {"spec", "suspend"}) = Node::boolean(false);
  // The selector and template labels name the job's uid; a re-apply keeps them.
  const std::string uid = old ? get_str(*old, {"metadata", "uid"}) : "";
  if (!uid.empty()) {
    if (!obj.get({"spec", "selector"})) {
      if (const Node* s = old->get({"spec", "selector"})) ensure(obj, {"spec", "selector"}) = *s;
    }
    const std::string jn = get_str(obj, {"metadata", "name"});
    for (const auto& [lk, lv] : std::vector<std::pair<std::string, std::string>>{
             {"batch.kubernetes.io/controller-uid", uid},
             {"batch.kubernetes.io/job-name", jn},
             {"controller-uid", uid},
             {"job-name", jn}}) {
      if (obj.get({"spec", "template"})) set_str(obj, {"spec", "template", "metadata", "labels", lk}, lv);
    }
  }
  default_template(obj);
}

void default_cluster_ip(Node& obj, const Node* old, RngStreams* allocate) {
  std::string ip = get_str(obj, {"spec", "clusterIP"});
  if (ip.empty() && old) ip = get_str(*old, {"spec", "clusterIP"});
  if (ip.empty() && !allocate) ip = "10.96.0.1";  // a dry run draws nothing
  if (ip.empty()) {
    Rng& r = (*allocate)("service-ip/" + get_str(obj, {"metadata", "namespace"}) + "/" +
                         get_str(obj, {"metadata", "name"}));
    ip = "10.96." + std::to_string(r.between(1, 254)) + "." + std::to_string(r.between(2, 254));
  }
  set_str(obj, {"spec", "clusterIP"}, ip);
  Node ips = Node::list();
  ips.push_back(Node::string(ip));
  if (!obj.get({"spec", "clusterIPs"})) ensure(obj, {"spec", "clusterIPs"}) = std::move(ips);
  if (!obj.get({"spec", "ipFamilies"})) {
    Node fam = Node::list();
    fam.push_back(Node::string("IPv4"));
    ensure(obj, {"spec", "ipFamilies"}) = std::move(fam);
  }
  if (!obj.get({"spec", "ipFamilyPolicy"})) set_str(obj, {"spec", "ipFamilyPolicy"}, "SingleStack");
  if (!obj.get({"spec", "internalTrafficPolicy"})) set_str(obj, {"spec", "internalTrafficPolicy"}, "Cluster");
}

void default_service_ports(Node& obj, const Node* old, bool node_ports, RngStreams* allocate) {
  Node* ports = obj.get({"spec", "ports"}) ? &obj["spec"]["ports"] : nullptr;
  if (!ports || !ports->is_list()) return;
  for (std::size_t i = 0; i < ports->size(); ++i) {
    Node& p = ports->items()[i];
    if (!p.is_map()) continue;
    if (!p.contains("protocol")) p.set("protocol", Node::string("TCP"));
    if (!p.contains("targetPort") && p.find("port")) p.set("targetPort", *p.find("port"));
    if (!node_ports || p.contains("nodePort")) continue;
    const Node* old_ports = old ? old->get({"spec", "ports"}) : nullptr;
    std::int64_t np = 0;
    if (old_ports && old_ports->is_list() && i < old_ports->size()) np = get_int(old_ports->items()[i], {"nodePort"});
    if (np == 0 && !allocate) np = 30000;
    if (np == 0) {
      Rng& r = (*allocate)("node-port/" + get_str(obj, {"metadata", "namespace"}) + "/" +
                           get_str(obj, {"metadata", "name"}) + "/" + std::to_string(i));
      np = r.between(30000, 32767);
    }
    p.set("nodePort", Node::integer(np));
  }
}

void default_service(Node& obj, const Node* old, RngStreams* allocate) {
  const std::string type = get_str(obj, {"spec", "type"}, "ClusterIP");
  if (!obj.get({"spec", "type"})) set_str(obj, {"spec", "type"}, "ClusterIP");
  if (!obj.get({"spec", "sessionAffinity"})) set_str(obj, {"spec", "sessionAffinity"}, "None");
  if (type != "ExternalName") default_cluster_ip(obj, old, allocate);
  const bool node_ports = type == "NodePort" || type == "LoadBalancer";
  if (node_ports && !obj.get({"spec", "externalTrafficPolicy"})) set_str(obj, {"spec", "externalTrafficPolicy"}, "Cluster");
  if (type == "LoadBalancer" && !obj.get({"spec", "allocateLoadBalancerNodePorts"}))
    ensure(obj, {"spec", "allocateLoadBalancerNodePorts"}) = Node::boolean(true);
  default_service_ports(obj, old, node_ports, allocate);
  if (!obj.get({"status", "loadBalancer"})) ensure(obj, {"status", "loadBalancer"}) = Node::map();
}

void default_secret(Node& obj) {
  if (!obj.contains("type")) obj.set("type", Node::string("Opaque"));
  // The API server folds stringData into base64 data.
  if (const Node* sd = obj.find("stringData"); sd && sd->is_map()) {
    Node data = obj.find("data") && obj.find("data")->is_map() ? *obj.find("data") : Node::map();
    for (const auto& e : sd->entries()) data.set(e.key, Node::string(gs::base64_encode(e.value.text())));
    obj.set("data", std::move(data));
    obj.erase("stringData");
  }
}

}  // namespace

void default_object(const KindInfo& info, Node& obj, const Node* old, RngStreams* allocate) {
  const std::string& g = info.group;
  const std::string& k = info.kind;
  if (g.empty() && k == "Namespace") {
    default_namespace(obj);
  } else if (g == "apps" && (k == "Deployment" || k == "ReplicaSet" || k == "StatefulSet")) {
    default_replicated(k, obj);
  } else if (g == "apps" && k == "DaemonSet") {
    default_daemonset(obj);
  } else if (g == "batch" && k == "Job") {
    default_job(obj, old);
  } else if (g.empty() && k == "Pod") {
    if (Node* spec = obj.find("spec")) default_pod_spec(*spec);
  } else if (g.empty() && k == "Service") {
    default_service(obj, old, allocate);
  } else if (g.empty() && k == "Secret") {
    default_secret(obj);
  } else if (g.empty() && k == "PersistentVolumeClaim") {
    if (!obj.get({"spec", "volumeMode"})) set_str(obj, {"spec", "volumeMode"}, "Filesystem");
    if (!obj.get({"status", "phase"})) set_str(obj, {"status", "phase"}, "Pending");
  } else if (k == "Ingress") {
    if (!obj.get({"status", "loadBalancer"})) ensure(obj, {"status", "loadBalancer"}) = Node::map();
  }
}

}  // namespace gs::cluster::detail
