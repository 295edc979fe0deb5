// The class report as one self-contained HTML page: the summary table, then
// per recording its step timings (bars from a step's start to its pass or
// skip) and a timeline (the recording's axis with a marker per command,
// fault, step, hint, answer, bookmark and role swap, each with a tooltip,
// and a legend). Inline CSS and SVG only — nothing is fetched — and every
// text from a recording is escaped. The same summaries give the same bytes.
#include <algorithm>
#include <cstdio>
#include <set>
#include <sstream>

#include "sim/metrics/format.hpp"
#include "sim/record/report.hpp"
#include "sim/record/report_format.hpp"

namespace gs::record {

namespace {

std::string html_esc(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (char c : s) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: out += c;
    }
  }
  return out;
}

// Coordinates with one decimal: enough for a screen, and the same text on
// every machine (no locale, no shortest-float printing).
std::string svg_num(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f", v);
  return buf;
}

struct MarkerStyle {
  const char* colour;
  const char* shape;  // circle, square, diamond, up, down, bar, flag, ring
  const char* legend;
  int lane;           // 0 steps, 1 learner, 2 commands
};

MarkerStyle marker_style(MarkerKind k) {
  switch (k) {
    case MarkerKind::Command: return {"#3b6fb6", "circle", "command", 2};
    case MarkerKind::FailedCommand: return {"#d0342c", "square", "failed command", 2};
    case MarkerKind::DeniedCommand: return {"#8e44ad", "ring", "denied command", 2};
    case MarkerKind::Fault: return {"#e8590c", "down", "fault injected", 2};
    case MarkerKind::StepStart: return {"#495057", "bar", "step start", 0};
    case MarkerKind::StepPassed: return {"#2b8a3e", "up", "step passed", 0};
    case MarkerKind::StepSkipped: return {"#f08c00", "up", "step skipped", 0};
    case MarkerKind::Hint: return {"#1098ad", "circle", "hint", 1};
    case MarkerKind::AnswerRight: return {"#2b8a3e", "diamond", "answer right", 1};
    case MarkerKind::AnswerWrong: return {"#d0342c", "diamond", "answer wrong", 1};
    case MarkerKind::Bookmark: return {"#c2255c", "flag", "bookmark", 1};
    case MarkerKind::RoleSwap: return {"#5f3dc4", "square", "role swap", 1};
    case MarkerKind::Reset: return {"#868e96", "ring", "reset", 1};
    case MarkerKind::Undo: return {"#868e96", "down", "undo", 1};
    case MarkerKind::TakeOver: return {"#1c7ed6", "bar", "taken over (fork)", 0};
  }
  return {"#3b6fb6", "circle", "command", 2};
}

// A marker's shape centred on (x, y), about 10 px across.
std::string marker_shape(const MarkerStyle& st, double x, double y) {
  const std::string c = st.colour;
  const std::string s = st.shape;
  if (s == "circle") return "<circle cx=\"" + svg_num(x) + "\" cy=\"" + svg_num(y) + "\" r=\"4.5\" fill=\"" + c + "\"/>";
  if (s == "ring") {
    return "<circle cx=\"" + svg_num(x) + "\" cy=\"" + svg_num(y) + "\" r=\"4\" fill=\"#fff\" stroke=\"" + c +
           "\" stroke-width=\"2\"/>";
  }
  if (s == "square") {
    return "<rect x=\"" + svg_num(x - 4) + "\" y=\"" + svg_num(y - 4) + "\" width=\"8\" height=\"8\" fill=\"" + c + "\"/>";
  }
  if (s == "diamond") {
    return "<path d=\"M" + svg_num(x) + " " + svg_num(y - 5.5) + "L" + svg_num(x + 5.5) + " " + svg_num(y) + "L" + svg_num(x) + " " +
           svg_num(y + 5.5) + "L" + svg_num(x - 5.5) + " " + svg_num(y) + "Z\" fill=\"" + c + "\"/>";
  }
  if (s == "up") {
    return "<path d=\"M" + svg_num(x) + " " + svg_num(y - 5.5) + "L" + svg_num(x + 5.5) + " " + svg_num(y + 4.5) + "L" + svg_num(x - 5.5) +
           " " + svg_num(y + 4.5) + "Z\" fill=\"" + c + "\"/>";
  }
  if (s == "down") {
    return "<path d=\"M" + svg_num(x) + " " + svg_num(y + 5.5) + "L" + svg_num(x + 5.5) + " " + svg_num(y - 4.5) + "L" + svg_num(x - 5.5) +
           " " + svg_num(y - 4.5) + "Z\" fill=\"" + c + "\"/>";
  }
  if (s == "flag") {
    return "<path d=\"M" + svg_num(x - 1) + " " + svg_num(y + 6) + "V" + svg_num(y - 6) + "H" + svg_num(x + 6) + "L" + svg_num(x + 3) +
           " " + svg_num(y - 3) + "L" + svg_num(x + 6) + " " + svg_num(y) + "H" + svg_num(x + 1) + "V" + svg_num(y + 6) + "Z\" fill=\"" +
           c + "\"/>";
  }
  // bar: a step's start, across the lane.
  return "<rect x=\"" + svg_num(x - 1) + "\" y=\"" + svg_num(y - 7) + "\" width=\"2\" height=\"14\" fill=\"" + c + "\"/>";
}

// Tick spacing for the axis: the first of these giving at most ~10 ticks.
std::int64_t axis_tick_step(std::int64_t span_ms) {
  static const std::int64_t steps[] = {1'000,   2'000,   5'000,     10'000,    15'000,    30'000,
                                       60'000,  120'000, 300'000,   600'000,   900'000,   1'800'000,
                                       3'600'000, 7'200'000, 14'400'000, 21'600'000, 43'200'000, 86'400'000};
  for (auto s : steps) {
    if (span_ms / s <= 10) return s;
  }
  return span_ms / 10 + 1;
}

const std::string& html_step_title(const StepSummary& st, const std::string& lang) {
  if (lang == "ko" && !st.title.ko.empty()) return st.title.ko;
  return st.title.en.empty() ? st.id : st.title.en;
}

constexpr double kSvgWidth = 1200;
constexpr double kSvgLeft = 90, kSvgRight = 30;

// Bars: one row per step, from its start for as long as it took.
void step_bars_svg(std::ostringstream& o, const RecordingSummary& s, const std::string& lang) {
  const double row = 26, label_w = 330, top = 8;
  std::int64_t longest = 1;
  for (const auto& st : s.steps) {
    if (!st.start_pos_ms) continue;
    const std::int64_t end = st.end_pos_ms.value_or(s.info.end_pos_ms);
    longest = std::max(longest, end - *st.start_pos_ms);
  }
  const double bar_w = kSvgWidth - label_w - 260;
  const double h = top * 2 + row * static_cast<double>(s.steps.size());
  o << "<svg class=\"steps\" width=\"" << svg_num(kSvgWidth) << "\" height=\""
    << svg_num(h) << "\" viewBox=\"0 0 " << svg_num(kSvgWidth) << " " << svg_num(h) << "\" role=\"img\" aria-label=\"step timings\">\n";
  for (std::size_t i = 0; i < s.steps.size(); ++i) {
    const StepSummary& st = s.steps[i];
    const double y = top + row * static_cast<double>(i);
    o << "<text x=\"" << svg_num(label_w - 10) << "\" y=\"" << svg_num(y + 17) << "\" text-anchor=\"end\" class=\"lbl\">"
      << (i + 1) << ". " << html_esc(html_step_title(st, lang)) << "</text>\n";
    std::string note;
    const char* fill = "#2b8a3e";
    std::int64_t took = 0;
    switch (st.outcome) {
      case StepOutcome::Passed: note = "passed"; break;
      case StepOutcome::Skipped: note = "skipped"; fill = "#f08c00"; break;
      case StepOutcome::Open: note = "not done when the recording ends"; fill = "#adb5bd"; break;
      case StepOutcome::Unreached: note = "not reached"; fill = nullptr; break;
    }
    if (st.start_pos_ms) took = st.end_pos_ms.value_or(s.info.end_pos_ms) - *st.start_pos_ms;
    double x_end = label_w;
    if (fill) {
      const double w = std::max(2.0, bar_w * static_cast<double>(took) / static_cast<double>(longest));
      o << "<rect x=\"" << svg_num(label_w) << "\" y=\"" << svg_num(y + 5) << "\" width=\"" << svg_num(w)
        << "\" height=\"16\" rx=\"2\" fill=\"" << fill << "\"><title>" << html_esc(st.id) << ": " << html_esc(note) << " after "
        << report_seconds(took) << "</title></rect>\n";
      x_end += w;
      note = report_seconds(took) + " " + note;
    }
    if (st.hints) note += ", " + std::to_string(st.hints) + (st.hints == 1 ? " hint" : " hints");
    if (st.has_question && st.answer) note += st.right ? ", answer right" : ", answer wrong";
    o << "<text x=\"" << svg_num(x_end + 8) << "\" y=\"" << svg_num(y + 17) << "\" class=\"note\">" << html_esc(note)
      << "</text>\n";
  }
  o << "</svg>\n";
}

// The timeline: three lanes (steps, the learner's actions, commands) over
// the recording's axis from where the learner began to its end.
void timeline_svg(std::ostringstream& o, const RecordingSummary& s, const std::string& lang) {
  const std::int64_t from = s.start_pos_ms;
  const std::int64_t to = std::max(s.info.end_pos_ms, from + 1000);
  const double span = static_cast<double>(to - from);
  const double plot = kSvgWidth - kSvgLeft - kSvgRight;
  auto x_of = [&](std::int64_t pos) {
    return kSvgLeft + plot * static_cast<double>(std::clamp(pos, from, to) - from) / span;
  };
  const double lane_h = 30, top = 10;
  const double lane_y[] = {top + 15, top + 15 + lane_h, top + 15 + 2 * lane_h};
  const double axis_y = top + 3 * lane_h + 4;
  // The legend: the kinds this recording has, wrapped in rows.
  std::vector<MarkerKind> present;
  for (MarkerKind k : kMarkerKinds) {
    if (std::any_of(s.markers.begin(), s.markers.end(), [&](const Marker& m) { return m.kind == k; })) {
      present.push_back(k);
    }
  }
  const double legend_y = axis_y + 52;
  const double item_w = 150;
  const int per_row = static_cast<int>((kSvgWidth - kSvgLeft) / item_w);
  const int legend_rows = present.empty() ? 1 : (static_cast<int>(present.size()) + per_row - 1) / per_row;
  const double h = legend_y + 20.0 * legend_rows + 6;

  o << "<svg class=\"timeline\" width=\"" << svg_num(kSvgWidth) << "\" height=\""
    << svg_num(h) << "\" viewBox=\"0 0 " << svg_num(kSvgWidth) << " " << svg_num(h) << "\" role=\"img\" aria-label=\"timeline\">\n";
  const char* lanes[] = {"steps", "learner", "commands"};
  for (int l = 0; l < 3; ++l) {
    o << "<rect x=\"" << svg_num(kSvgLeft) << "\" y=\"" << svg_num(lane_y[l] - lane_h / 2 + 2) << "\" width=\"" << svg_num(plot)
      << "\" height=\"" << svg_num(lane_h - 4) << "\" fill=\"" << (l % 2 ? "#f8f9fa" : "#f1f3f5") << "\"/>\n";
    o << "<text x=\"" << svg_num(kSvgLeft - 8) << "\" y=\"" << svg_num(lane_y[l] + 4) << "\" text-anchor=\"end\" class=\"lbl\">"
      << lanes[l] << "</text>\n";
  }
  // Steps as bands in their lane, from start to pass or skip.
  for (std::size_t i = 0; i < s.steps.size(); ++i) {
    const StepSummary& st = s.steps[i];
    if (!st.start_pos_ms) continue;
    const double x0 = x_of(*st.start_pos_ms), x1 = x_of(st.end_pos_ms.value_or(to));
    const char* fill = st.outcome == StepOutcome::Skipped  ? "#ffe8cc"
                       : st.outcome == StepOutcome::Passed ? "#d3f9d8"
                                                           : "#e9ecef";
    o << "<rect x=\"" << svg_num(x0) << "\" y=\"" << svg_num(lane_y[0] - 9) << "\" width=\"" << svg_num(std::max(1.0, x1 - x0))
      << "\" height=\"18\" fill=\"" << fill << "\"><title>" << (i + 1) << ". " << html_esc(html_step_title(st, lang)) << " ("
      << step_outcome_name(st.outcome) << ")</title></rect>\n";
    if (x1 - x0 > 24) {
      o << "<text x=\"" << svg_num(x0 + 5) << "\" y=\"" << svg_num(lane_y[0] + 4) << "\" class=\"band\">" << (i + 1)
        << "</text>\n";
    }
  }
  // The axis and its ticks, labelled with positions on the recording's axis
  // (what `replay --at T` takes).
  o << "<line x1=\"" << svg_num(kSvgLeft) << "\" y1=\"" << svg_num(axis_y) << "\" x2=\"" << svg_num(kSvgLeft + plot) << "\" y2=\""
    << svg_num(axis_y) << "\" stroke=\"#343a40\"/>\n";
  const std::int64_t step = axis_tick_step(to - from);
  for (std::int64_t t = (from + step - 1) / step * step; t <= to; t += step) {
    const double x = x_of(t);
    o << "<line x1=\"" << svg_num(x) << "\" y1=\"" << svg_num(top) << "\" x2=\"" << svg_num(x) << "\" y2=\"" << svg_num(axis_y + 4)
      << "\" stroke=\"#dee2e6\"/>\n";
    o << "<text x=\"" << svg_num(x) << "\" y=\"" << svg_num(axis_y + 17) << "\" text-anchor=\"middle\" class=\"tick\">"
      << report_seconds(t) << "</text>\n";
  }
  o << "<text x=\"" << svg_num(kSvgLeft) << "\" y=\"" << svg_num(axis_y + 31) << "\" class=\"tick\">"
    << "virtual time from " << report_seconds(from) << " to the end at " << report_seconds(s.info.end_pos_ms)
    << "</text>\n";
  for (const Marker& m : s.markers) {
    const MarkerStyle st = marker_style(m.kind);
    o << "<g><title>" << report_seconds(m.pos_ms) << " " << html_esc(m.label) << "</title>"
      << marker_shape(st, x_of(m.pos_ms), lane_y[st.lane]) << "</g>\n";
  }
  for (std::size_t i = 0; i < present.size(); ++i) {
    const MarkerStyle st = marker_style(present[i]);
    const double x = kSvgLeft + item_w * static_cast<double>(static_cast<int>(i) % per_row);
    const double y = legend_y + 20.0 * static_cast<double>(static_cast<int>(i) / per_row);
    o << marker_shape(st, x + 6, y) << "<text x=\"" << svg_num(x + 16) << "\" y=\"" << svg_num(y + 4) << "\" class=\"lbl\">"
      << st.legend << "</text>\n";
  }
  if (present.empty()) {
    o << "<text x=\"" << svg_num(kSvgLeft) << "\" y=\"" << svg_num(legend_y + 4) << "\" class=\"lbl\">"
      << "nothing happened on this timeline (no commands or marks)</text>\n";
  }
  o << "</svg>\n";
}

const char* kReportCss = R"(body{font-family:"Noto Sans","Noto Sans CJK KR","Noto Sans KR","NanumGothic","Apple SD Gothic Neo","Malgun Gothic",sans-serif;margin:24px;color:#212529;background:#fff}
h1{font-size:22px;margin:0 0 4px}
h2{font-size:17px;margin:28px 0 4px;border-top:1px solid #dee2e6;padding-top:14px}
h3{font-size:13px;margin:10px 0 2px;color:#495057;text-transform:uppercase;letter-spacing:.04em}
p.meta{margin:2px 0 6px;color:#495057;font-size:13px}
.wrap{overflow-x:auto}
table{border-collapse:collapse;font-size:13px}
th,td{border-bottom:1px solid #dee2e6;padding:4px 8px;text-align:left;white-space:nowrap}
th{background:#f1f3f5;font-weight:600}
td.n{text-align:right;font-variant-numeric:tabular-nums}
td.bad{color:#c92a2a;font-weight:600}
td .sub{color:#495057;font-size:12px}
svg{display:block;font-family:inherit}
svg .lbl{font-size:12px;fill:#343a40}
svg .note{font-size:12px;fill:#495057}
svg .tick{font-size:11px;fill:#495057}
svg .band{font-size:10px;fill:#495057}
)";

// Pair mode's class-wide part: per question, how the votes spread over the
// choices alone (round 1) and after discussing (round 2), as bars with the
// share right; then every break-fix round's times. Nothing without them.
void pair_sections(std::ostringstream& o, const std::vector<RecordingSummary>& rows) {
  const auto dist = vote_distributions(rows);
  if (!dist.empty()) {
    o << "<h2>Peer Instruction: votes before and after discussing</h2>\n<div class=\"wrap\"><table>\n"
      << "<tr><th>QUESTION</th><th>CHOICE</th><th>ROUND 1 (alone)</th><th>ROUND 2 (after discussing)</th></tr>\n";
    for (const auto& d : dist) {
      const int most = std::max({1, *std::max_element(d.round1.begin(), d.round1.end()),
                                 *std::max_element(d.round2.begin(), d.round2.end())});
      auto bar = [&](int n, const char* colour) {
        const double w = 160.0 * n / most;
        return "<svg width=\"200\" height=\"14\"><rect x=\"0\" y=\"2\" width=\"" + svg_num(w) +
               "\" height=\"10\" fill=\"" + colour + "\"/><text x=\"" + svg_num(w + 4) +
               "\" y=\"11\" class=\"lbl\">" + std::to_string(n) + "</text></svg>";
      };
      for (int c = 0; c < d.choices; ++c) {
        o << "<tr>";
        if (c == 0) o << "<td rowspan=\"" << d.choices + 1 << "\">" << html_esc(d.question) << "</td>";
        o << "<td class=\"n\">" << c + 1 << "</td><td>" << bar(d.round1[static_cast<std::size_t>(c)], "#adb5bd")
          << "</td><td>" << bar(d.round2[static_cast<std::size_t>(c)], "#3b6fb6") << "</td></tr>\n";
      }
      o << "<tr><td>right</td><td>" << html_esc(share_text(d.right1, d.answered1)) << "</td><td>"
        << html_esc(share_text(d.right2, d.answered2)) << "</td></tr>\n";
    }
    o << "</table></div>\n";
  }
  bool any = false;
  for (const auto& s : rows) any = any || !s.break_fix.empty();
  if (!any) return;
  o << "<h2>Break-fix: time to diagnose and to restore</h2>\n<div class=\"wrap\"><table>\n"
    << "<tr><th>RECORDING</th><th>ROUND</th><th>BREAKER</th><th>FIXER</th><th>FAULT</th><th>DIAGNOSE</th>"
       "<th>RESTORE</th><th>WRONG GUESSES</th></tr>\n";
  auto t = [](const std::optional<std::int64_t>& wall, const std::optional<std::int64_t>& virt) {
    return wall ? report_seconds(*wall) + " <span class=\"sub\">(virtual " + report_seconds(virt.value_or(0)) + ")</span>"
                : std::string("-");
  };
  for (const auto& s : rows) {
    for (const auto& r : s.break_fix) {
      o << "<tr><td>" << html_esc(s.file) << "</td><td class=\"n\">" << r.round << "</td><td>" << html_esc(r.breaker)
        << "</td><td>" << html_esc(r.fixer) << "</td><td>" << html_esc(r.fault) << "</td><td class=\"n\">"
        << t(r.diagnose_wall_ms, r.diagnose_virtual_ms) << "</td><td class=\"n\">"
        << t(r.restore_wall_ms, r.restore_virtual_ms) << "</td><td class=\"n\">" << r.wrong << "</td></tr>\n";
    }
  }
  o << "</table></div>\n";
}

// DORA's figures of one replayed recording: a row per environment's total,
// then per app; each figure with its 2024 tier.
void dora_table(std::ostringstream& o, const metrics::Report& d, const std::string& lang) {
  o << "<h3>DORA metrics (replayed, virtual " << html_esc(metrics::duration_cell(Duration{d.until.ms}))
    << ")</h3>\n<div class=\"wrap\"><table>\n<tr><th>APP</th><th>ENV</th><th>DEPLOYS</th><th>PER DAY</th>"
    << "<th>LEAD TIME</th><th>FAIL RATE</th><th>RECOVERY</th></tr>\n";
  auto row = [&](const metrics::Figures& f) {
    o << "<tr><td>" << html_esc(f.app.empty() ? "*" : f.app) << "</td><td>" << html_esc(f.env) << "</td><td class=\"n\">"
      << f.deployments << "</td><td class=\"n\">"
      << html_esc(metrics::with_tier(metrics::per_day_cell(f.per_day), f.frequency_tier, lang)) << "</td><td class=\"n\">"
      << html_esc(metrics::with_tier(metrics::duration_cell(f.median_lead_time), f.lead_time_tier, lang))
      << "</td><td class=\"n\">" << html_esc(metrics::with_tier(metrics::fail_rate_cell(f), f.fail_rate_tier, lang))
      << "</td><td class=\"n\">"
      << html_esc(metrics::with_tier(metrics::duration_cell(f.median_recovery), f.recovery_tier, lang)) << "</td></tr>\n";
  };
  for (const auto& f : d.envs) row(f);
  for (const auto& f : d.apps) row(f);
  o << "</table></div>\n<p class=\"meta\">Medians. Tiers: the 2024 Accelerate State of DevOps table; per day is "
       "extrapolated from the recording's window.</p>\n";
}

}  // namespace

std::string report_html(const std::vector<RecordingSummary>& rows, const std::string& lang) {
  std::ostringstream o;
  o << "<!DOCTYPE html>\n<html lang=\"" << (lang == "ko" ? "ko" : "en") << "\">\n<head>\n<meta charset=\"utf-8\">\n"
    << "<title>gitops-sim class report</title>\n<style>\n" << kReportCss << "</style>\n</head>\n<body>\n";
  o << "<h1>Class report</h1>\n<p class=\"meta\">" << rows.size() << (rows.size() == 1 ? " recording" : " recordings")
    << ". Times are virtual time on each recording's axis (what <code>gitops-sim replay REC --at T</code> takes); "
       "wall time is how long the session took.</p>\n";
  // The table: the text report's columns, the numeric ones right-aligned.
  const auto columns = report_columns();
  const std::set<std::string> numeric{"PASSED", "SKIPPED", "HINTS",   "ANSWERS", "COMMANDS",
                                      "FAILED", "DENIED",  "FAULTS",  "VIRTUAL", "WALL"};
  // The title goes under the lesson's or scenario's name, not in a column
  // of its own: the table then fits a projector's width.
  o << "<div class=\"wrap\"><table>\n<tr>";
  for (const auto& c : columns) {
    if (c != "TITLE") o << "<th>" << html_esc(c) << "</th>";
  }
  o << "</tr>\n";
  for (std::size_t r = 0; r < rows.size(); ++r) {
    const auto cells = report_cells(rows[r], lang);
    o << "<tr>";
    for (std::size_t c = 0; c < cells.size(); ++c) {
      if (columns[c] == "TITLE") continue;
      if (columns[c] == "LESSON/SCENARIO") {
        o << "<td>" << html_esc(cells[c]) << "<br><span class=\"sub\">" << html_esc(rows[r].title_in(lang))
          << "</span></td>";
        continue;
      }
      std::string cls = numeric.count(columns[c]) ? "n" : "";
      if (columns[c] == "ENDED" && !rows[r].info.closed) cls = "bad";
      o << "<td" << (cls.empty() ? "" : " class=\"" + cls + "\"") << ">";
      if (c == 0) {
        o << "<a href=\"#rec-" << (r + 1) << "\">" << html_esc(cells[c]) << "</a>";
      } else {
        o << html_esc(cells[c]);
      }
      o << "</td>";
    }
    o << "</tr>\n";
  }
  o << "</table></div>\n";
  pair_sections(o, rows);

  for (std::size_t r = 0; r < rows.size(); ++r) {
    const RecordingSummary& s = rows[r];
    o << "<section id=\"rec-" << (r + 1) << "\">\n<h2>" << html_esc(s.file) << " — " << html_esc(s.title_in(lang)) << "</h2>\n";
    o << "<p class=\"meta\">" << html_esc(s.info.kind) << " <b>" << html_esc(s.info.name) << "</b>";
    if (!s.participants.empty()) o << " · " << html_esc(report_participants(s));
    if (!s.info.started.empty()) o << " · started " << html_esc(s.info.started);
    o << " · virtual " << report_seconds(s.virtual_ms) << " · wall " << report_seconds(s.wall_ms);
    o << (s.info.closed ? " · ended cleanly" : " · <b>cut off</b> (the session did not end cleanly)");
    if (!s.info.parent.empty()) o << " · taken over from " << html_esc(report_parent(s));
    o << "</p>\n";
    if (s.lesson && !s.steps.empty()) {
      o << "<h3>Step timings</h3>\n";
      step_bars_svg(o, s, lang);
    }
    o << "<h3>Timeline</h3>\n";
    timeline_svg(o, s, lang);
    if (s.dora) dora_table(o, *s.dora, lang);
    o << "</section>\n";
  }
  o << "</body>\n</html>\n";
  return o.str();
}

}  // namespace gs::record
