#include "sim/ui/view/replay.hpp"

#include <utility>

namespace gs::ui {

Result<std::unique_ptr<Replay>> Replay::open(const std::filesystem::path& file) {
  auto rec = record::Recording::open(file);
  if (!rec) return rec.error();
  std::unique_ptr<Replay> r(new Replay());
  r->rec_ = std::make_unique<record::Recording>(std::move(rec.value()));
  auto replayer = record::Replayer::create(*r->rec_);
  if (!replayer) return replayer.error();
  r->replayer_ = std::move(replayer.value());
  r->start_ = r->replayer_->pos();  // a lesson's axis starts at its start
  r->markers_ = markers_of(r->rec_->actions());
  return r;
}

Status Replay::seek(std::int64_t pos) {
  pos = std::clamp(pos, start_, end());
  if (pos < replayer_->pos()) restarted_ = true;
  return replayer_->seek(pos);
}

Status Replay::tick(double wall_dt_s) {
  const std::int64_t to = clock.advance(pos(), end(), wall_dt_s);
  if (to == pos()) return {};
  return seek(to);
}

record::RecordingHeader Replay::fork_header(std::int64_t pos) const { return record::fork_header(*rec_, pos); }

Result<TakenOver> Replay::take_over(const std::filesystem::path& out) const {
  TakenOver t;
  if (!out.empty()) {
    auto recorder = record::Recorder::create(out, fork_header(pos()));
    if (!recorder) return recorder.error();
    t.recorder = std::move(recorder.value());
  }
  auto fresh = record::Replayer::create(*rec_, t.recorder.get());
  if (!fresh) return fresh.error();
  if (auto st = (*fresh)->seek(pos()); !st) return st.error();
  if ((*fresh)->lesson()) {
    t.lesson = (*fresh)->take_lesson();
  } else {
    t.session = (*fresh)->take_session();
  }
  return t;
}

}  // namespace gs::ui
