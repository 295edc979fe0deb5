#include "sim/record/verify.hpp"

#include <openssl/evp.h>

#include <map>
#include <memory>
#include <nlohmann/json.hpp>

#include "sim/record/replayer.hpp"
#include "sim/world/event_json.hpp"
#include "sim/world/world.hpp"

namespace gs::record {

namespace {

// Hears the replay as the recorder heard the session, and compares each
// event with the stored one as it comes.
class EventChecker final : public session::SessionObserver {
 public:
  explicit EventChecker(const Recording& rec) : rec_(rec), ctx_(EVP_MD_CTX_new(), &EVP_MD_CTX_free) {
    for (const auto& c : rec.checkpoints()) checkpoints_[{c.epoch, c.events}] = &c;
    start_epoch(0);
  }

  void on_command(const world::World& w, const session::JournalEntry&, const session::CommandOutcome&,
                  bool) override {
    take(w);
  }
  void on_moment(const world::World& w) override { take(w); }
  void on_mark(const world::World& w, const session::Mark&) override { take(w); }
  void on_rebuild(const world::World& w) override {
    end_epoch(false);
    start_epoch(epoch_ + 1);
    take(w);
  }
  void begin_nested() override {}
  void end_nested() override {}

  // After the last action and the run to the end.
  void finish(const world::World& w) {
    take(w);
    end_epoch(true);
  }
  VerifyReport& report() { return report_; }
  const std::optional<Error>& error() const { return error_; }

 private:
  void start_epoch(int epoch) {
    epoch_ = epoch;
    seen_ = 0;
    EVP_DigestInit_ex(ctx_.get(), EVP_sha256(), nullptr);
    if (epoch >= rec_.info().epochs) {
      stored_.clear();
      return;
    }
    auto ev = rec_.events(epoch);
    if (!ev) {
      if (!error_) error_ = ev.error();
      stored_.clear();
      return;
    }
    stored_ = std::move(ev.value());
    check_checkpoint();  // one at 0 events
  }

  void differ(Difference d) {
    if (!report_.difference) report_.difference = std::move(d);
  }

  void end_epoch(bool last) {
    report_.epochs = epoch_ + 1;
    if (report_.difference) return;
    // The replay must have logged every stored event; in the last epoch it
    // may log more (the session was closed between two steps of an instant).
    if (seen_ < static_cast<std::int64_t>(stored_.size())) {
      const StoredEvent& e = stored_[static_cast<std::size_t>(seen_)];
      differ({epoch_, seen_, e.t_ms, e.json, "", "the replay logged fewer events than the recording"});
    } else if (!last && seen_ > static_cast<std::int64_t>(stored_.size())) {
      differ({epoch_, static_cast<std::int64_t>(stored_.size()), 0, "", "",
              "the replay logged more events than the recording before the world was rebuilt"});
    }
  }

  void check_checkpoint() {
    auto it = checkpoints_.find({epoch_, seen_});
    if (it == checkpoints_.end()) return;
    std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> copy(EVP_MD_CTX_new(), &EVP_MD_CTX_free);
    EVP_MD_CTX_copy_ex(copy.get(), ctx_.get());
    const std::string hex = world::digest_hex(copy.get());
    ++report_.checkpoints_checked;
    if (hex != it->second->hash) {
      differ({epoch_, -1, it->second->at_ms, it->second->hash, hex,
              "the checkpoint after " + std::to_string(seen_) + " events has another hash"});
    }
  }

  void take(const world::World& w) {
    const auto& log = w.log().events();
    while (static_cast<std::size_t>(seen_) < log.size()) {
      const Event& e = log[static_cast<std::size_t>(seen_)];
      std::string line = world::event_to_json(e);
      if (!report_.difference && static_cast<std::size_t>(seen_) < stored_.size()) {
        const StoredEvent& s = stored_[static_cast<std::size_t>(seen_)];
        if (s.json != line) differ({epoch_, seen_, s.t_ms, s.json, line, "an event differs"});
        ++report_.events_checked;
      }
      line += '\n';
      EVP_DigestUpdate(ctx_.get(), line.data(), line.size());
      ++seen_;
      check_checkpoint();
    }
  }

  const Recording& rec_;
  std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> ctx_;
  std::map<std::pair<int, std::int64_t>, const Checkpoint*> checkpoints_;
  int epoch_ = 0;
  std::int64_t seen_ = 0;
  std::vector<StoredEvent> stored_;
  VerifyReport report_;
  std::optional<Error> error_;
};

}  // namespace

Result<VerifyReport> verify(const Recording& rec) {
  EventChecker checker(rec);
  auto replayer = Replayer::create(rec, &checker);
  if (!replayer) return replayer.error();
  if (auto st = (*replayer)->seek(rec.info().end_pos_ms); !st) return st.error();
  checker.finish((*replayer)->session().world());
  if (checker.error()) return *checker.error();
  VerifyReport report = checker.report();
  for (const auto& a : rec.actions()) {
    if (a.is_command()) ++report.commands;
  }
  if (!report.difference && (*replayer)->divergence()) {
    report.difference = Difference{0, -1, 0, "", "", *(*replayer)->divergence()};
  }
  return report;
}

std::string verify_text(const Recording& rec, const VerifyReport& r) {
  const std::string name = rec.file().string();
  if (r.same()) {
    return name + ": same — " + std::to_string(r.commands) + " commands, " + std::to_string(r.events_checked) +
           " events and " + std::to_string(r.checkpoints_checked) + " checkpoints in " + std::to_string(r.epochs) +
           (r.epochs == 1 ? " epoch" : " epochs") + " replayed as recorded\n";
  }
  const Difference& d = *r.difference;
  std::string out = name + ": differs: " + d.what;
  if (d.index >= 0) {
    out += " — event " + std::to_string(d.index) + (r.epochs > 1 ? " of epoch " + std::to_string(d.epoch) : "") +
           " at " + format_offset(TimePoint{d.t_ms});
  }
  out += "\n";
  if (!d.expected.empty() || !d.got.empty()) {
    out += "  expected: " + (d.expected.empty() ? std::string("(none)") : d.expected) + "\n";
    out += "  got:      " + (d.got.empty() ? std::string("(none)") : d.got) + "\n";
  }
  return out;
}

std::string verify_json(const Recording& rec, const VerifyReport& r) {
  nlohmann::ordered_json j;
  j["recording"] = rec.file().string();
  j["same"] = r.same();
  j["commands"] = r.commands;
  j["events_checked"] = r.events_checked;
  j["checkpoints_checked"] = r.checkpoints_checked;
  j["epochs"] = r.epochs;
  if (r.difference) {
    const Difference& d = *r.difference;
    nlohmann::ordered_json dj;
    dj["what"] = d.what;
    dj["epoch"] = d.epoch;
    if (d.index >= 0) dj["index"] = d.index;
    dj["t_ms"] = d.t_ms;
    dj["t"] = format_offset(TimePoint{d.t_ms});
    dj["expected"] = d.expected;
    dj["got"] = d.got;
    j["difference"] = dj;
  }
  return j.dump(2) + "\n";
}

}  // namespace gs::record
