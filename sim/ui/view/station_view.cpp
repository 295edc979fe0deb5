// The station panel's model and the debrief's list of recordings and markers.
#include "sim/ui/view/station_view.hpp"

#include <algorithm>
#include <system_error>

#include "sim/record/recording.hpp"

namespace gs::ui {

namespace {

const std::string& pick(const classroom::LocalizedText& t, bool ko) { return ko && !t.ko.empty() ? t.ko : t.en; }

std::string letter(std::size_t i) { return std::string(1, static_cast<char>('A' + std::min<std::size_t>(i, 25))); }

std::string clock_text(classroom::WallMs ms) {
  const classroom::WallMs s = std::max<classroom::WallMs>(0, ms) / 1000;
  const std::string sec = std::to_string(s % 60);
  return std::to_string(s / 60) + ":" + (sec.size() == 1 ? "0" : "") + sec;
}

std::string at_text(TimePoint t) { return format_duration(Duration{t.ms}); }

}  // namespace

StationView make_station_view(const classroom::Station& st, classroom::WallMs now, bool ko,
                              const std::string& step_title, std::optional<classroom::WallMs> swapped_at) {
  StationView v;
  const classroom::ClassPlan& plan = st.plan();
  v.plan_title = pick(plan.title, ko);
  v.clock = clock_text(st.class_elapsed(now));
  v.total = std::to_string(plan.total_minutes()) + (ko ? "분" : " min");
  for (std::size_t i = 0; i < plan.segments.size(); ++i) {
    const classroom::Segment& s = plan.segments[i];
    StationRow r;
    r.label = std::to_string(i + 1) + ". " + pick(s.title, ko);
    r.kind = s.kind;
    const classroom::WallMs left = st.remaining(i, now);
    r.countdown = classroom::format_countdown(left);
    r.over = left < 0;
    r.opens = !s.lesson.empty() ? s.lesson : s.scenario;
    r.current = i == st.current();
    const double full = s.minutes * 60'000.0;
    r.used = static_cast<float>(std::clamp(static_cast<double>(st.elapsed(i, now)) / full, 0.0, 1.0));
    v.rows.push_back(std::move(r));
  }
  const classroom::Segment& cur = st.segment();
  v.segment = pick(cur.title, ko);
  v.step = step_title;
  v.countdown = v.rows[st.current()].countdown;
  v.over = v.rows[st.current()].over;
  if (cur.notes) v.notes = pick(*cur.notes, ko);
  for (const auto& p : cur.prompts) v.prompts.push_back(pick(p, ko));
  for (std::size_t q = 0; q < cur.questions.size(); ++q) {
    StationQuestion sq;
    sq.prompt = "Q" + std::to_string(q + 1) + ". " + pick(cur.questions[q].prompt, ko);
    for (std::size_t c = 0; c < cur.questions[q].choices.size(); ++c) {
      sq.choices.push_back(letter(c) + ") " + pick(cur.questions[q].choices[c], ko));
    }
    sq.first = st.votes(q, 1);
    sq.second = st.votes(q, 2);
    sq.answer = cur.questions[q].answer;
    v.questions.push_back(std::move(sq));
  }
  v.board = cur.kind == "pair" || cur.kind == "sharing" || cur.kind == "check";
  if (const auto c = st.swap_clock(now)) {
    v.swap = (ko ? "역할 교대까지 " : "Roles swap in ") + classroom::format_countdown(c->remaining) +
             (ko ? " · 설명자 ↔ 질문자" : " · explainer ↔ questioner");
    if (swapped_at && now >= *swapped_at && now - *swapped_at < kSwapBannerMs) {
      v.swap_banner = ko ? "역할 교대! 설명자와 질문자가 바뀝니다" : "Swap roles! The explainer now asks";
    }
  }
  v.frozen = st.frozen();
  for (const auto& p : st.pending()) v.pending.push_back(p.fault + " → " + p.app + " @ " + at_text(p.due));
  for (const auto& f : st.injected_faults()) v.injected.push_back(f.fault + " → " + f.app + " @ " + at_text(f.at));
  return v;
}

std::vector<FaultButton> fault_buttons(bool ko) {
  std::vector<FaultButton> out;
  for (const auto& f : classroom::fault_palette()) out.push_back({f.id, pick(f.label, ko), pick(f.explanation, ko)});
  return out;
}

std::vector<std::string> delay_labels(bool ko) {
  std::vector<std::string> out;
  for (const auto& d : classroom::fault_delays()) {
    out.push_back(d.ms == 0 ? (ko ? "지금" : "now") : (ko ? format_duration(d) + " 뒤" : "in " + format_duration(d)));
  }
  return out;
}

std::vector<RecordingEntry> scan_recordings(const std::filesystem::path& dir) {
  std::vector<RecordingEntry> out;
  std::error_code ec;
  if (!std::filesystem::is_directory(dir, ec)) return out;
  for (const auto& e : std::filesystem::directory_iterator(dir, ec)) {
    if (!e.is_regular_file(ec) || e.path().extension() != record::kFileExtension) continue;
    RecordingEntry r;
    r.file = e.path();
    auto rec = record::Recording::open(e.path());
    if (!rec) {
      r.error = rec.error().message;
    } else {
      r.title = rec->info().title.empty() ? rec->info().name : rec->info().title;
      for (const auto& p : rec->participants()) {
        r.participants += (r.participants.empty() ? "" : ", ") + p.name;
      }
      r.markers = debrief_markers(markers_of(rec->actions())).size();
    }
    out.push_back(std::move(r));
  }
  std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.file.filename() < b.file.filename(); });
  return out;
}

std::vector<Marker> debrief_markers(const std::vector<Marker>& all) {
  std::vector<Marker> out;
  for (const auto& m : all) {
    if (m.kind == MarkerKind::RoleSwap || m.kind == MarkerKind::Fault || m.kind == MarkerKind::Failed ||
        m.kind == MarkerKind::Bookmark) {
      out.push_back(m);
    }
  }
  std::stable_sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.pos_ms < b.pos_ms; });
  return out;
}

std::string axis_time(std::int64_t pos_ms) { return "+" + clock_text(pos_ms); }

std::optional<std::size_t> marker_jump(const std::vector<Marker>& markers, std::int64_t pos, int dir) {
  if (dir > 0) {
    for (std::size_t i = 0; i < markers.size(); ++i) {
      if (markers[i].pos_ms > pos) return i;
    }
  } else {
    for (std::size_t i = markers.size(); i-- > 0;) {
      if (markers[i].pos_ms < pos) return i;
    }
  }
  return std::nullopt;
}

}  // namespace gs::ui
