#include "sim/cluster/kubectl_print.hpp"

#include <algorithm>
#include <cctype>
#include <set>

#include "sim/cluster/node_util.hpp"
#include "sim/core/duration.hpp"

namespace gs::cluster {

using model::Node;
using namespace detail;

std::string human_duration(std::int64_t seconds) {
  if (seconds < -1) return "<invalid>";
  if (seconds < 0) return "0s";
  if (seconds < 60 * 2) return std::to_string(seconds) + "s";
  const std::int64_t minutes = seconds / 60;
  if (minutes < 10) {
    const std::int64_t s = seconds % 60;
    return s == 0 ? std::to_string(minutes) + "m" : std::to_string(minutes) + "m" + std::to_string(s) + "s";
  }
  if (minutes < 60 * 3) return std::to_string(minutes) + "m";
  const std::int64_t hours = seconds / 3600;
  if (hours < 8) {
    const std::int64_t m = minutes % 60;
    return m == 0 ? std::to_string(hours) + "h" : std::to_string(hours) + "h" + std::to_string(m) + "m";
  }
  if (hours < 48) return std::to_string(hours) + "h";
  if (hours < 24 * 8) {
    const std::int64_t h = hours % 24;
    return h == 0 ? std::to_string(hours / 24) + "d" : std::to_string(hours / 24) + "d" + std::to_string(h) + "h";
  }
  if (hours < 24 * 365 * 2) return std::to_string(hours / 24) + "d";
  if (hours < 24 * 365 * 8) {
    const std::int64_t dy = (hours / 24) % 365;
    return dy == 0 ? std::to_string(hours / 24 / 365) + "y"
                   : std::to_string(hours / 24 / 365) + "y" + std::to_string(dy) + "d";
  }
  return std::to_string(hours / 24 / 365) + "y";
}

// A port of Go's text/tabwriter format(): a column block is a run of lines
// that have a tab-terminated cell in that column; its width is the widest
// cell plus padding (at least min_width). The last cell of a line is not
// part of any column.
namespace {

struct TabWriter {
  std::vector<std::vector<std::string>> lines;
  int min_width, padding;
  std::vector<int> widths;
  std::string out;

  void write_lines(std::size_t line0, std::size_t line1) {
    for (std::size_t i = line0; i < line1; ++i) {
      const auto& line = lines[i];
      for (std::size_t j = 0; j < line.size(); ++j) {
        const std::string& cell = line[j];
        out += cell;
        if (j < widths.size() && j + 1 < line.size()) {
          const int pad = widths[j] - static_cast<int>(cell.size());
          if (pad > 0) out.append(static_cast<std::size_t>(pad), ' ');
        }
      }
      out += '\n';
    }
  }

  void format(std::size_t line0, std::size_t line1) {
    const std::size_t column = widths.size();
    for (std::size_t t = line0; t < line1; ++t) {
      if (column + 1 >= lines[t].size()) continue;
      write_lines(line0, t);
      line0 = t;
      int width = min_width;
      for (; t < line1; ++t) {
        if (column + 1 >= lines[t].size()) break;
        width = std::max(width, static_cast<int>(lines[t][column].size()) + padding);
      }
      widths.push_back(width);
      format(line0, t);
      widths.pop_back();
      line0 = t;
      if (t >= line1) break;
      --t;  // re-examine the line that ended the block
    }
    write_lines(line0, line1);
  }
};

}  // namespace

std::string tabwrite(const std::vector<std::string>& input, int min_width, int padding) {
  TabWriter w{{}, min_width, padding, {}, {}};
  for (const auto& l : input) {
    std::vector<std::string> cells;
    std::string cur;
    for (char c : l) {
      if (c == '\t') {
        cells.push_back(cur);
        cur.clear();
      } else {
        cur += c;
      }
    }
    cells.push_back(cur);
    w.lines.push_back(std::move(cells));
  }
  w.format(0, w.lines.size());
  return w.out;
}

namespace {

std::string lowercase(std::string_view s) {
  std::string o;
  for (char c : s) o += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return o;
}

std::string age(const Node& obj, const char* field_a, const char* field_b, std::int64_t now) {
  const std::string ts = get_str(obj, {field_a, field_b});
  auto t = parse_rfc3339_utc(ts);
  if (ts.empty() || !t) return "<unknown>";
  return human_duration(now - *t);
}

std::string since(const std::string& ts, std::int64_t now) {
  auto t = parse_rfc3339_utc(ts);
  if (!t) return "<unknown>";
  return human_duration(now - *t);
}

std::string join(const std::vector<std::string>& cells) {
  std::string out;
  for (std::size_t i = 0; i < cells.size(); ++i) {
    if (i) out += '\t';
    out += cells[i];
  }
  return out;
}

// printPod's STATUS, READY and RESTARTS columns.
void pod_columns(const Node& pod, std::int64_t now, std::string& ready, std::string& reason, std::string& restarts) {
  const Node* cs = pod.get({"status", "containerStatuses"});
  const Node* spec_cs = pod.get({"spec", "containers"});
  const std::int64_t total = spec_cs && spec_cs->is_list() ? static_cast<std::int64_t>(spec_cs->size()) : 0;
  std::int64_t ready_count = 0, restart_count = 0;
  std::string last_restart;
  reason = get_str(pod, {"status", "phase"});
  if (const std::string r = get_str(pod, {"status", "reason"}); !r.empty()) reason = r;
  bool has_running = false;
  if (cs && cs->is_list()) {
    for (auto it = cs->items().rbegin(); it != cs->items().rend(); ++it) {
      const Node& c = *it;
      restart_count += get_int(c, {"restartCount"});
      if (const Node* lt = c.get({"lastState", "terminated"})) {
        const std::string f = get_str(*lt, {"finishedAt"});
        if (f > last_restart) last_restart = f;
      }
      const Node* waiting = c.get({"state", "waiting"});
      const Node* term = c.get({"state", "terminated"});
      if (waiting && !get_str(*waiting, {"reason"}).empty()) {
        reason = get_str(*waiting, {"reason"});
      } else if (term && !get_str(*term, {"reason"}).empty()) {
        reason = get_str(*term, {"reason"});
      } else if (term) {
        const std::int64_t sig = get_int(*term, {"signal"});
        reason = sig ? "Signal:" + std::to_string(sig) : "ExitCode:" + std::to_string(get_int(*term, {"exitCode"}));
      } else if (get_bool(c, {"ready"}) && c.get({"state", "running"})) {
        has_running = true;
        ++ready_count;
      }
    }
  }
  if (reason == "Completed" && has_running) {
    const Node* rc = find_condition(pod, "Ready");
    reason = rc && get_str(*rc, {"status"}) == "True" ? "Running" : "NotReady";
  }
  const std::string phase = get_str(pod, {"status", "phase"});
  if (pod.get({"metadata", "deletionTimestamp"}) && phase != "Succeeded" && phase != "Failed")
    reason = "Terminating";
  ready = std::to_string(ready_count) + "/" + std::to_string(total);
  restarts = std::to_string(restart_count);
  if (restart_count != 0 && !last_restart.empty()) restarts += " (" + since(last_restart, now) + " ago)";
}

std::string service_ports(const Node& svc) {
  const Node* ports = svc.get({"spec", "ports"});
  if (!ports || !ports->is_list() || ports->size() == 0) return "<none>";
  std::string out;
  for (const auto& p : ports->items()) {
    if (!out.empty()) out += ',';
    const std::string proto = get_str(p, {"protocol"}, "TCP");
    const std::int64_t node_port = get_int(p, {"nodePort"});
    out += std::to_string(get_int(p, {"port"}));
    if (node_port > 0) out += ":" + std::to_string(node_port);
    out += "/" + proto;
  }
  return out;
}

std::string lb_addresses(const Node& obj) {
  const Node* ing = obj.get({"status", "loadBalancer", "ingress"});
  std::set<std::string> addrs;
  if (ing && ing->is_list()) {
    for (const auto& i : ing->items()) {
      if (const std::string ip = get_str(i, {"ip"}); !ip.empty()) {
        addrs.insert(ip);
      } else if (const std::string h = get_str(i, {"hostname"}); !h.empty()) {
        addrs.insert(h);
      }
    }
  }
  std::string r;
  for (const auto& a : addrs) r += (r.empty() ? "" : ",") + a;
  if (r.size() > 16) r = r.substr(0, 13) + "...";  // loadBalancerWidth
  return r;
}

std::string external_ip(const Node& svc) {
  const std::string type = get_str(svc, {"spec", "type"}, "ClusterIP");
  std::string external;
  if (const Node* e = svc.get({"spec", "externalIPs"}); e && e->is_list()) {
    for (const auto& ip : e->items()) external += (external.empty() ? "" : ",") + ip.text();
  }
  if (type == "ClusterIP" || type == "NodePort") return external.empty() ? "<none>" : external;
  if (type == "LoadBalancer") {
    std::string lb = lb_addresses(svc);
    if (!external.empty()) return lb.empty() ? external : lb + "," + external;
    return lb.empty() ? "<pending>" : lb;
  }
  if (type == "ExternalName") return get_str(svc, {"spec", "externalName"});
  return "<unknown>";
}

bool has_condition(const Node& obj, std::string_view type) {
  const Node* c = find_condition(obj, type);
  return c && get_str(*c, {"status"}) == "True";
}

std::string canonical_kind(std::string_view kind) {
  const std::string k = lowercase(kind);
  auto is = [&](std::initializer_list<const char*> names) {
    for (auto n : names) {
      if (k == n) return true;
    }
    return false;
  };
  if (is({"deployment", "deployments", "deploy", "deployment.apps", "deployments.apps"})) return "Deployment";
  if (is({"pod", "pods", "po"})) return "Pod";
  if (is({"replicaset", "replicasets", "rs", "replicaset.apps", "replicasets.apps"})) return "ReplicaSet";
  if (is({"service", "services", "svc"})) return "Service";
  if (is({"configmap", "configmaps", "cm"})) return "ConfigMap";
  if (is({"namespace", "namespaces", "ns"})) return "Namespace";
  if (is({"job", "jobs", "job.batch", "jobs.batch"})) return "Job";
  if (is({"secret", "secrets"})) return "Secret";
  if (is({"ingress", "ingresses", "ing"})) return "Ingress";
  if (is({"statefulset", "statefulsets", "sts"})) return "StatefulSet";
  return std::string(kind);
}

}  // namespace

std::string pod_status(const Node& pod) {
  std::string ready, reason, restarts;
  pod_columns(pod, 0, ready, reason, restarts);
  return reason;
}

namespace {

std::vector<std::string> get_header(const std::string& kind) {
  if (kind == "Deployment") return {"NAME", "READY", "UP-TO-DATE", "AVAILABLE", "AGE"};
  if (kind == "Pod") return {"NAME", "READY", "STATUS", "RESTARTS", "AGE"};
  if (kind == "ReplicaSet") return {"NAME", "DESIRED", "CURRENT", "READY", "AGE"};
  if (kind == "Service") return {"NAME", "TYPE", "CLUSTER-IP", "EXTERNAL-IP", "PORT(S)", "AGE"};
  if (kind == "ConfigMap") return {"NAME", "DATA", "AGE"};
  if (kind == "Namespace") return {"NAME", "STATUS", "AGE"};
  if (kind == "Job") return {"NAME", "STATUS", "COMPLETIONS", "DURATION", "AGE"};
  if (kind == "Secret") return {"NAME", "TYPE", "DATA", "AGE"};
  if (kind == "Ingress") return {"NAME", "CLASS", "HOSTS", "ADDRESS", "PORTS", "AGE"};
  if (kind == "StatefulSet") return {"NAME", "READY", "AGE"};
  return {"NAME", "AGE"};
}

// STATUS, COMPLETIONS, DURATION (Kubernetes 1.32's job printer).
std::vector<std::string> job_columns(const Node& obj, std::int64_t now) {
  const std::int64_t succeeded = get_int(obj, {"status", "succeeded"});
  std::string completions;
  if (auto c = opt_int(obj, {"spec", "completions"})) {
    completions = std::to_string(succeeded) + "/" + std::to_string(*c);
  } else {
    const std::int64_t par = get_int(obj, {"spec", "parallelism"});
    completions = par > 1 ? std::to_string(succeeded) + "/1 of " + std::to_string(par) : std::to_string(succeeded) + "/1";
  }
  std::string duration;
  auto start = parse_rfc3339_utc(get_str(obj, {"status", "startTime"}));
  auto done = parse_rfc3339_utc(get_str(obj, {"status", "completionTime"}));
  if (start && done) {
    duration = human_duration(*done - *start);
  } else if (start) {
    duration = human_duration(now - *start);
  }
  std::string status = "Running";
  if (has_condition(obj, "Complete")) {
    status = "Complete";
  } else if (has_condition(obj, "Failed")) {
    status = "Failed";
  } else if (obj.get({"metadata", "deletionTimestamp"})) {
    status = "Terminating";
  } else if (has_condition(obj, "Suspended")) {
    status = "Suspended";
  } else if (has_condition(obj, "FailureTarget")) {
    status = "FailureTarget";
  }
  return {status, completions, duration};
}

// HOSTS: the first three rules' hosts, "*" for none, "+ N more...".
std::string ingress_hosts(const Node& obj) {
  std::vector<std::string> hosts;
  std::size_t rules = 0;
  bool more = false;
  if (const Node* r = obj.get({"spec", "rules"}); r && r->is_list()) {
    rules = r->size();
    for (const auto& rule : r->items()) {
      if (hosts.size() == 3) more = true;
      if (!more && !get_str(rule, {"host"}).empty()) hosts.push_back(get_str(rule, {"host"}));
    }
  }
  std::string h;
  for (const auto& x : hosts) h += (h.empty() ? "" : ",") + x;
  if (h.empty()) h = "*";
  if (more) h += " + " + std::to_string(rules - 3) + " more...";
  return h;
}

std::string ready_of_replicas(const Node& obj) {
  return std::to_string(get_int(obj, {"status", "readyReplicas"})) + "/" +
         std::to_string(get_int(obj, {"spec", "replicas"}, 1));
}

// The columns between NAME and AGE.
std::vector<std::string> kind_columns(const std::string& kind, const Node& obj, std::int64_t now) {
  if (kind == "Deployment")
    return {ready_of_replicas(obj), std::to_string(get_int(obj, {"status", "updatedReplicas"})),
            std::to_string(get_int(obj, {"status", "availableReplicas"}))};
  if (kind == "Pod") {
    std::string ready, reason, restarts;
    pod_columns(obj, now, ready, reason, restarts);
    return {ready, reason, restarts};
  }
  if (kind == "ReplicaSet")
    return {std::to_string(get_int(obj, {"spec", "replicas"}, 1)), std::to_string(get_int(obj, {"status", "replicas"})),
            std::to_string(get_int(obj, {"status", "readyReplicas"}))};
  if (kind == "Service") {
    const Node* ips = obj.get({"spec", "clusterIPs"});
    std::string cip = ips && ips->is_list() && ips->size() > 0 ? ips->items()[0].text() : "<none>";
    return {get_str(obj, {"spec", "type"}, "ClusterIP"), cip, external_ip(obj), service_ports(obj)};
  }
  if (kind == "ConfigMap") {
    const Node* d = obj.find("data");
    const Node* b = obj.find("binaryData");
    return {std::to_string((d ? d->size() : 0) + (b ? b->size() : 0))};
  }
  if (kind == "Namespace") return {get_str(obj, {"status", "phase"})};
  if (kind == "Job") return job_columns(obj, now);
  if (kind == "Secret") {
    const Node* d = obj.find("data");
    return {get_str(obj, {"type"}, "Opaque"), std::to_string(d ? d->size() : 0)};
  }
  if (kind == "Ingress") {
    const Node* tls = obj.get({"spec", "tls"});
    return {get_str(obj, {"spec", "ingressClassName"}, "<none>"), ingress_hosts(obj), lb_addresses(obj),
            tls && tls->size() > 0 ? "80, 443" : "80"};
  }
  if (kind == "StatefulSet") return {ready_of_replicas(obj)};
  return {};
}

}  // namespace

std::string kubectl_get(std::string_view kind_word, const std::vector<const Node*>& objects, std::int64_t now,
                        const GetOptions& opts) {
  if (objects.empty()) {
    if (opts.all_namespaces || opts.ns.empty()) return "No resources found\n";
    return "No resources found in " + opts.ns + " namespace.\n";
  }
  const std::string kind = canonical_kind(kind_word);
  std::vector<std::string> header = get_header(kind);
  if (opts.all_namespaces) header.insert(header.begin(), "NAMESPACE");
  std::vector<std::string> lines{join(header)};
  for (const Node* o : objects) {
    std::vector<std::string> row;
    if (opts.all_namespaces) row.push_back(get_str(*o, {"metadata", "namespace"}));
    row.push_back(get_str(*o, {"metadata", "name"}));
    for (auto& col : kind_columns(kind, *o, now)) row.push_back(std::move(col));
    row.push_back(age(*o, "metadata", "creationTimestamp", now));
    lines.push_back(join(row));
  }
  return tabwrite(lines, 6, 3);
}

// ---------------------------------------------------------------- describe

namespace {

// time.RFC1123Z in UTC: "Mon, 05 Jan 2026 09:00:00 +0000".
std::string rfc1123z(const std::string& rfc3339) {
  auto t = parse_rfc3339_utc(rfc3339);
  if (!t) return "<unknown>";
  static const char* days[] = {"Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"};  // 1970-01-01 was a Thursday
  static const char* months[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                 "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  const std::int64_t s = *t;
  const std::int64_t day_index = s >= 0 ? s / 86400 : (s - 86399) / 86400;
  const std::string iso = format_rfc3339_utc(s);  // YYYY-MM-DDTHH:MM:SSZ
  const int month = std::stoi(iso.substr(5, 2));
  return std::string(days[((day_index % 7) + 7) % 7]) + ", " + iso.substr(8, 2) + " " + months[month - 1] + " " +
         iso.substr(0, 4) + " " + iso.substr(11, 8) + " +0000";
}

void add_map_lines(std::vector<std::string>& lines, const std::string& prefix, const std::string& title,
                   const Node* map, bool annotations) {
  std::vector<std::string> entries;
  if (map && map->is_map()) {
    for (const auto& e : map->entries())
      entries.push_back(e.key + (annotations ? ": " : "=") + (e.value.is_scalar() ? e.value.text() : ""));
  }
  std::sort(entries.begin(), entries.end());
  if (entries.empty()) {
    lines.push_back(prefix + title + ":\t<none>");
    return;
  }
  for (std::size_t i = 0; i < entries.size(); ++i)
    lines.push_back(prefix + (i == 0 ? title + ":" : "") + "\t" + entries[i]);
}

void describe_state(std::vector<std::string>& lines, const std::string& p, const Node* state, const std::string& title) {
  if (!state || !state->is_map() || state->size() == 0) return;
  if (const Node* r = state->find("running")) {
    lines.push_back(p + "  " + title + ":\tRunning");
    lines.push_back(p + "    Started:\t" + rfc1123z(get_str(*r, {"startedAt"})));
  } else if (const Node* w = state->find("waiting")) {
    lines.push_back(p + "  " + title + ":\tWaiting");
    lines.push_back(p + "    Reason:\t" + get_str(*w, {"reason"}));
  } else if (const Node* t = state->find("terminated")) {
    lines.push_back(p + "  " + title + ":\tTerminated");
    lines.push_back(p + "    Reason:\t" + get_str(*t, {"reason"}));
    lines.push_back(p + "    Exit Code:\t" + std::to_string(get_int(*t, {"exitCode"})));
    lines.push_back(p + "    Started:\t" + rfc1123z(get_str(*t, {"startedAt"})));
    lines.push_back(p + "    Finished:\t" + rfc1123z(get_str(*t, {"finishedAt"})));
  }
}

// One container, `st` its status (null in a template).
void describe_container(std::vector<std::string>& lines, const std::string& p, const Node& c, const Node* st) {
  lines.push_back(p + get_str(c, {"name"}) + ":");
  if (st) lines.push_back(p + "  Container ID:\t" + get_str(*st, {"containerID"}));
  lines.push_back(p + "  Image:\t" + get_str(c, {"image"}));
  if (st) lines.push_back(p + "  Image ID:\t" + get_str(*st, {"imageID"}));
  const Node* ports = c.find("ports");
  if (ports && ports->is_list() && ports->size() > 0) {
    const Node& port = ports->items()[0];
    const std::string proto = get_str(port, {"protocol"}, "TCP");
    lines.push_back(p + "  Port:\t" + std::to_string(get_int(port, {"containerPort"})) + "/" + proto);
    lines.push_back(p + "  Host Port:\t" + std::to_string(get_int(port, {"hostPort"})) + "/" + proto);
  } else {
    lines.push_back(p + "  Port:\t<none>");
    lines.push_back(p + "  Host Port:\t<none>");
  }
  if (st) {
    describe_state(lines, p, st->find("state"), "State");
    describe_state(lines, p, st->find("lastState"), "Last State");
    lines.push_back(p + "  Ready:\t" + std::string(get_bool(*st, {"ready"}) ? "True" : "False"));
    lines.push_back(p + "  Restart Count:\t" + std::to_string(get_int(*st, {"restartCount"})));
  }
  const Node* env = c.find("env");
  if (!env || env->size() == 0) {
    lines.push_back(p + "  Environment:\t<none>");
  } else {
    lines.push_back(p + "  Environment:");
    for (const auto& e : env->items()) lines.push_back(p + "    " + get_str(e, {"name"}) + ":\t" + get_str(e, {"value"}));
  }
  lines.push_back(p + "  Mounts:\t<none>");
}

void describe_containers(std::vector<std::string>& lines, const std::string& prefix, const Node* containers,
                         const Node* statuses) {
  if (!containers || !containers->is_list()) return;
  lines.push_back(prefix + "Containers:");
  for (const auto& c : containers->items()) {
    const std::string name = get_str(c, {"name"});
    const Node* st = nullptr;
    if (statuses && statuses->is_list()) {
      for (const auto& s : statuses->items()) {
        if (get_str(s, {"name"}) == name) st = &s;
      }
    }
    describe_container(lines, prefix + "  ", c, st);
  }
}

// Deployments print a Type/Status/Reason table with a rule; pods print
// "%v \t%v \n" rows (trailing spaces included), as kubectl's describers do.
void describe_conditions(std::vector<std::string>& lines, const Node& obj, bool deployment) {
  const Node* conds = obj.get({"status", "conditions"});
  if (!conds || !conds->is_list() || conds->size() == 0) return;
  lines.push_back("Conditions:");
  if (deployment) {
    lines.push_back("  Type\tStatus\tReason");
    lines.push_back("  ----\t------\t------");
  } else {
    lines.push_back("  Type\tStatus");
  }
  for (const auto& c : conds->items()) {
    if (deployment) {
      lines.push_back("  " + get_str(c, {"type"}) + "\t" + get_str(c, {"status"}) + "\t" + get_str(c, {"reason"}));
    } else {
      lines.push_back("  " + get_str(c, {"type"}) + " \t" + get_str(c, {"status"}) + " ");
    }
  }
}

}  // namespace

namespace {
std::string event_age(const KubeEvent& e, std::int64_t now, std::int64_t epoch0) {
  const std::string last = human_duration(now - (epoch0 + e.last.ms / 1000));
  if (e.count <= 1) return last;
  return last + " (x" + std::to_string(e.count) + " over " + human_duration(now - (epoch0 + e.first.ms / 1000)) + ")";
}
}  // namespace

std::string kubectl_get_events(std::vector<KubeEvent> events, std::int64_t now, std::int64_t epoch0,
                               const GetOptions& opts) {
  if (events.empty()) {
    if (opts.all_namespaces || opts.ns.empty()) return "No resources found\n";
    return "No resources found in " + opts.ns + " namespace.\n";
  }
  std::stable_sort(events.begin(), events.end(), [](const KubeEvent& a, const KubeEvent& b) {
    return a.object.kubectl_ref() < b.object.kubectl_ref();
  });
  std::vector<std::string> lines;
  lines.push_back(std::string(opts.all_namespaces ? "NAMESPACE\t" : "") + "LAST SEEN\tTYPE\tREASON\tOBJECT\tMESSAGE");
  for (const auto& e : events) {
    lines.push_back((opts.all_namespaces ? e.object.ns + "\t" : std::string()) +
                    human_duration(now - (epoch0 + e.last.ms / 1000)) + "\t" + e.type + "\t" + e.reason + "\t" +
                    lowercase(e.object.kind) + "/" + e.object.name + "\t" + e.message);
  }
  return tabwrite(lines, 0, 3);
}

namespace {

void describe_identity(std::vector<std::string>& lines, const Node& obj, const std::string& kind) {
  lines.push_back("Name:\t" + get_str(obj, {"metadata", "name"}));
  if (obj.get({"metadata", "namespace"})) lines.push_back("Namespace:\t" + get_str(obj, {"metadata", "namespace"}));
  if (kind == "Pod") {
    lines.push_back("Priority:\t" + std::to_string(get_int(obj, {"spec", "priority"})));
    lines.push_back("Service Account:\t" + get_str(obj, {"spec", "serviceAccountName"}, "default"));
    const std::string node = get_str(obj, {"spec", "nodeName"});
    const std::string host = get_str(obj, {"status", "hostIP"});
    lines.push_back("Node:\t" + (node.empty() ? "<none>" : node + (host.empty() ? "" : "/" + host)));
    if (const std::string st = get_str(obj, {"status", "startTime"}); !st.empty())
      lines.push_back("Start Time:\t" + rfc1123z(st));
  } else {
    lines.push_back("CreationTimestamp:\t" + rfc1123z(get_str(obj, {"metadata", "creationTimestamp"})));
  }
  add_map_lines(lines, "", "Labels", obj.get({"metadata", "labels"}), false);
  add_map_lines(lines, "", "Annotations", obj.get({"metadata", "annotations"}), true);
}

Node template_without_hash(const Node* tmpl) {
  Node t = tmpl ? *tmpl : Node();
  if (Node* l = t.get({"metadata", "labels"}) ? &t["metadata"]["labels"] : nullptr) l->erase("pod-template-hash");
  return t;
}

// NewReplicaSet: the one whose template matches; the rest with pods are old.
void describe_replica_sets(std::vector<std::string>& lines, const Node& obj, const std::vector<const Node*>& related) {
  const Node want = template_without_hash(obj.get({"spec", "template"}));
  std::string new_rs = "<none>";
  std::vector<std::string> old_rs;
  for (const Node* rs : related) {
    const std::string line = get_str(*rs, {"metadata", "name"}) + " (" +
                             std::to_string(get_int(*rs, {"status", "replicas"})) + "/" +
                             std::to_string(get_int(*rs, {"spec", "replicas"}, 1)) + " replicas created)";
    if (template_without_hash(rs->get({"spec", "template"})) == want) {
      new_rs = line;
    } else if (get_int(*rs, {"spec", "replicas"}) > 0 || get_int(*rs, {"status", "replicas"}) > 0) {
      old_rs.push_back(line);
    }
  }
  std::string olds;
  for (const auto& o : old_rs) olds += (olds.empty() ? "" : ", ") + o;
  lines.push_back("OldReplicaSets:\t" + (olds.empty() ? "<none>" : olds));
  lines.push_back("NewReplicaSet:\t" + new_rs);
}

void describe_deployment(std::vector<std::string>& lines, const Node& obj, const std::vector<const Node*>& related) {
  lines.push_back("Selector:\t" + format_labels(obj.get({"spec", "selector", "matchLabels"})));
  lines.push_back("Replicas:\t" + std::to_string(get_int(obj, {"spec", "replicas"}, 1)) + " desired | " +
                  std::to_string(get_int(obj, {"status", "updatedReplicas"})) + " updated | " +
                  std::to_string(get_int(obj, {"status", "replicas"})) + " total | " +
                  std::to_string(get_int(obj, {"status", "availableReplicas"})) + " available | " +
                  std::to_string(get_int(obj, {"status", "unavailableReplicas"})) + " unavailable");
  const std::string strategy = get_str(obj, {"spec", "strategy", "type"}, "RollingUpdate");
  lines.push_back("StrategyType:\t" + strategy);
  lines.push_back("MinReadySeconds:\t" + std::to_string(get_int(obj, {"spec", "minReadySeconds"})));
  if (strategy == "RollingUpdate") {
    lines.push_back("RollingUpdateStrategy:\t" +
                    scalar_text(obj, {"spec", "strategy", "rollingUpdate", "maxUnavailable"}).value_or("25%") +
                    " max unavailable, " +
                    scalar_text(obj, {"spec", "strategy", "rollingUpdate", "maxSurge"}).value_or("25%") + " max surge");
  }
  lines.push_back("Pod Template:");
  add_map_lines(lines, "  ", "Labels", obj.get({"spec", "template", "metadata", "labels"}), false);
  describe_containers(lines, "  ", obj.get({"spec", "template", "spec", "containers"}), nullptr);
  lines.push_back("  Volumes:\t<none>");
  lines.push_back("  Node-Selectors:\t<none>");
  lines.push_back("  Tolerations:\t<none>");
  describe_conditions(lines, obj, true);
  describe_replica_sets(lines, obj, related);
}

void describe_pod(std::vector<std::string>& lines, const Node& obj) {
  std::string status = get_str(obj, {"status", "phase"});
  if (obj.get({"metadata", "deletionTimestamp"})) status = "Terminating (lasts " + std::string("30s") + ")";
  lines.push_back("Status:\t" + status);
  const std::string ip = get_str(obj, {"status", "podIP"});
  lines.push_back("IP:\t" + ip);
  if (ip.empty()) {
    lines.push_back("IPs:\t<none>");
  } else {
    lines.push_back("IPs:");
    lines.push_back("  IP:\t" + ip);
  }
  if (const Node* refs = obj.get({"metadata", "ownerReferences"}); refs && refs->is_list()) {
    for (const auto& r : refs->items()) {
      if (get_bool(r, {"controller"}))
        lines.push_back("Controlled By:\t" + get_str(r, {"kind"}) + "/" + get_str(r, {"name"}));
    }
  }
  describe_containers(lines, "", obj.get({"spec", "containers"}), obj.get({"status", "containerStatuses"}));
  describe_conditions(lines, obj, false);
  lines.push_back("Volumes:\t<none>");
  lines.push_back("QoS Class:\t" + get_str(obj, {"status", "qosClass"}, "BestEffort"));
  lines.push_back("Node-Selectors:\t<none>");
  lines.push_back("Tolerations:\t<none>");
}

void describe_events(std::vector<std::string>& lines, const std::vector<KubeEvent>& events, std::int64_t now,
                     std::int64_t epoch0) {
  if (events.empty()) {
    lines.push_back("Events:\t<none>");
    return;
  }
  lines.push_back("Events:");
  lines.push_back("  Type\tReason\tAge\tFrom\tMessage");
  lines.push_back("  ----\t------\t----\t----\t-------");
  for (const auto& e : events) {
    lines.push_back("  " + e.type + "\t" + e.reason + "\t" + event_age(e, now, epoch0) + "\t" + e.source + "\t" +
                    e.message);
  }
}

}  // namespace

std::string kubectl_describe(const Node& obj, const std::vector<const Node*>& related, std::int64_t now,
                             const std::vector<KubeEvent>& events, std::int64_t epoch0) {
  const std::string kind = get_str(obj, {"kind"});
  std::vector<std::string> lines;
  describe_identity(lines, obj, kind);
  if (kind == "Deployment") {
    describe_deployment(lines, obj, related);
  } else if (kind == "Pod") {
    describe_pod(lines, obj);
  }
  describe_events(lines, events, now, epoch0);
  return tabwrite(lines, 0, 2);
}

}  // namespace gs::cluster
