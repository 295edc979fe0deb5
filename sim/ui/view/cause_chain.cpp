#include "sim/ui/view/cause_chain.hpp"

namespace gs::ui {
namespace {

std::string author_name(const std::string& sig) {
  const auto lt = sig.find(" <");
  return lt == std::string::npos ? sig : sig.substr(0, lt);
}

std::string subject_of(const Event& e) {
  const std::string app = e.str("app");
  if (e.type == "SyncStatusChanged" || e.type == "HealthStatusChanged") {
    return app + ": " + e.str("from") + " \xE2\x86\x92 " + e.str("to");
  }
  if (!app.empty()) return app + ": " + e.type;
  return e.type;
}

}  // namespace

std::vector<const Event*> cause_chain(const EventLog& log, EventId id, std::size_t max_depth) {
  std::vector<const Event*> out;
  const Event* e = log.find(id);
  while (e && out.size() < max_depth) {
    out.push_back(e);
    // Causes always point back in time; anything else would loop.
    if (e->cause == 0 || e->cause >= e->id) break;
    e = log.find(e->cause);
  }
  return out;
}

CauseExplanation explain_cause(
    const EventLog& log, EventId id,
    const std::function<std::vector<std::string>(const std::string&, const std::string&)>& changes_of) {
  CauseExplanation x;
  const auto chain = cause_chain(log, id);
  if (chain.empty()) return x;
  x.subject = subject_of(*chain.front());
  const Event* refresh = nullptr;
  for (const Event* e : chain) {
    if (e->type == "AppRefreshed" && !refresh) refresh = e;
    if (e->type == "Committed" && x.commit_sha.empty()) {
      x.commit_sha = e->str("sha").substr(0, 7);
      x.commit_author = author_name(e->str("author"));
      x.commit_message = e->str("message");
      x.commit_ref = e->str("repo") + "@" + e->str("branch");
      if (changes_of) x.changes = changes_of(e->str("repo"), e->str("sha"));
    }
    if (e->type == "Action" && x.command.empty() && x.commit_sha.empty()) x.command = e->str("command");
    if (e->type == "LiveChanged" && x.live_change.empty()) {
      x.live_change = e->str("kind") + "/" + e->str("name") + " on " + e->str("cluster") + ": " + e->str("change");
    }
  }
  if (refresh) {
    x.seen_by = refresh->str("level");
    x.seen_at = refresh->t;
    // A watch refresh has no cause id: name the last live change before it.
    if (refresh->cause == 0 && x.commit_sha.empty() && x.command.empty()) {
      for (EventId i = refresh->id; i > 0; --i) {
        const Event* e = log.find(i);
        if (!e || refresh->t.ms - e->t.ms > 60'000) break;
        if (e->type == "LiveChanged" || e->type == "FaultInjected") {
          if (e->type == "LiveChanged") {
            x.live_change = e->str("kind") + "/" + e->str("name") + " on " + e->str("cluster") + ": " + e->str("change");
          } else {
            x.live_change = "fault " + e->str("fault") + " " + e->str("target");
          }
          if (const Event* a = log.find(e->cause); a && a->type == "Action") x.command = a->str("command");
          break;
        }
      }
    }
  }
  return x;
}

std::string fill_template(const std::string& tmpl, const std::map<std::string, std::string>& values) {
  std::string out;
  out.reserve(tmpl.size() + 64);
  for (std::size_t i = 0; i < tmpl.size();) {
    if (tmpl[i] == '{') {
      const auto close = tmpl.find('}', i);
      if (close != std::string::npos) {
        auto it = values.find(tmpl.substr(i + 1, close - i - 1));
        if (it != values.end()) {
          out += it->second;
          i = close + 1;
          continue;
        }
      }
    }
    out += tmpl[i++];
  }
  return out;
}

}  // namespace gs::ui
