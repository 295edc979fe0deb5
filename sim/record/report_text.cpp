// The class report as text: an aligned table (one row per recording, the
// title last), JSON (an array, one object per recording, keys in a fixed
// order) and CSV (RFC 4180: CRLF, fields quoted when they need it).
#include <fmt/format.h>

#include <filesystem>
#include <nlohmann/json.hpp>
#include <sstream>

#include "sim/core/duration.hpp"
#include "sim/record/report.hpp"
#include "sim/metrics/format.hpp"
#include "sim/record/report_format.hpp"

namespace gs::record {

std::string report_seconds(std::int64_t ms) { return format_duration(Duration::millis(ms / 1000 * 1000)); }

std::string report_participants(const RecordingSummary& s) {
  std::string out;
  for (const auto& p : s.participants) {
    if (!out.empty()) out += ", ";
    out += p.name;
    if (!p.role.empty()) out += " (" + p.role + ")";
  }
  return out;
}

std::string report_parent(const RecordingSummary& s) {
  if (s.info.parent.empty()) return "";
  std::string out = std::filesystem::path(s.info.parent).filename().string();
  if (s.info.parent_pos_ms) out += " @ " + report_seconds(*s.info.parent_pos_ms);
  return out;
}

namespace {

// Columns a terminal gives a character: two for East Asian wide ones
// (Hangul, CJK), one for the rest; UTF-8 continuation bytes take none.
std::size_t text_display_width(const std::string& s) {
  std::size_t w = 0;
  for (std::size_t i = 0; i < s.size();) {
    const auto c = static_cast<unsigned char>(s[i]);
    char32_t cp = c;
    std::size_t n = 1;
    if (c >= 0xF0 && i + 3 < s.size()) {
      cp = ((c & 0x07u) << 18) | ((s[i + 1] & 0x3Fu) << 12) | ((s[i + 2] & 0x3Fu) << 6) | (s[i + 3] & 0x3Fu);
      n = 4;
    } else if (c >= 0xE0 && i + 2 < s.size()) {
      cp = ((c & 0x0Fu) << 12) | ((s[i + 1] & 0x3Fu) << 6) | (s[i + 2] & 0x3Fu);
      n = 3;
    } else if (c >= 0xC0 && i + 1 < s.size()) {
      cp = ((c & 0x1Fu) << 6) | (s[i + 1] & 0x3Fu);
      n = 2;
    }
    const bool wide = (cp >= 0x1100 && cp <= 0x115F) || (cp >= 0x2E80 && cp <= 0xA4CF) ||
                      (cp >= 0xAC00 && cp <= 0xD7A3) || (cp >= 0xF900 && cp <= 0xFAFF) ||
                      (cp >= 0xFE30 && cp <= 0xFE4F) || (cp >= 0xFF00 && cp <= 0xFF60) ||
                      (cp >= 0xFFE0 && cp <= 0xFFE6) || (cp >= 0x20000 && cp <= 0x3FFFD);
    w += wide ? 2 : 1;
    i += n;
  }
  return w;
}

std::string fraction_text(int n, std::size_t total) { return std::to_string(n) + "/" + std::to_string(total); }

}  // namespace

std::vector<std::string> report_columns() {
  return {"RECORDING", "PARTICIPANTS", "LESSON/SCENARIO", "PASSED", "SKIPPED", "HINTS", "ANSWERS", "COMMANDS",
          "FAILED",    "DENIED",       "FAULTS",          "VIRTUAL", "WALL",    "ENDED", "PARENT",  "TITLE"};
}

std::vector<std::string> report_cells(const RecordingSummary& s, const std::string& lang) {
  const std::string none = "-";
  return {std::filesystem::path(s.file).filename().string(),
          s.participants.empty() ? none : report_participants(s),
          s.info.name.empty() ? none : s.info.name,
          s.lesson ? fraction_text(s.steps_passed, s.steps.size()) : none,
          s.lesson ? std::to_string(s.steps_skipped) : none,
          s.lesson ? std::to_string(s.hints) : none,
          s.lesson ? fraction_text(s.answers_right, static_cast<std::size_t>(s.answered)) : none,
          std::to_string(s.commands),
          std::to_string(s.failed_commands),
          std::to_string(s.denied_commands),
          std::to_string(s.faults),
          report_seconds(s.virtual_ms),
          report_seconds(s.wall_ms),
          s.info.closed ? "yes" : "no (cut off)",
          s.info.parent.empty() ? none : report_parent(s),
          s.title_in(lang)};
}

std::string report_text(const std::vector<RecordingSummary>& rows, const std::string& lang) {
  std::vector<std::vector<std::string>> table{report_columns()};
  for (const auto& s : rows) table.push_back(report_cells(s, lang));
  std::vector<std::size_t> width(table[0].size(), 0);
  for (const auto& r : table) {
    for (std::size_t c = 0; c < r.size(); ++c) width[c] = std::max(width[c], text_display_width(r[c]));
  }
  std::ostringstream out;
  for (const auto& r : table) {
    std::string line;
    for (std::size_t c = 0; c < r.size(); ++c) {
      line += r[c];
      if (c + 1 < r.size()) line += std::string(width[c] - text_display_width(r[c]) + 2, ' ');
    }
    while (!line.empty() && line.back() == ' ') line.pop_back();
    out << line << "\n";
  }
  out << report_pair_text(rows);
  for (const auto& s : rows) {
    if (!s.dora) continue;
    out << "\n== " << s.file << " — " << s.title_in(lang) << " ==\n" << metrics::report_text(*s.dora, lang);
  }
  return out.str();
}

std::string report_pair_text(const std::vector<RecordingSummary>& rows) {
  std::ostringstream out;
  const auto dist = vote_distributions(rows);
  if (!dist.empty()) {
    out << "\nVotes, round 1 (alone) -> round 2 (after discussing):\n";
    for (const auto& d : dist) {
      auto counts = [&](const std::vector<int>& c) {
        std::string t;
        for (std::size_t i = 0; i < c.size(); ++i) t += (i ? " " : "") + std::to_string(i + 1) + ":" + std::to_string(c[i]);
        return t;
      };
      out << "  " << d.question << "  round 1: " << counts(d.round1) << "  right " << share_text(d.right1, d.answered1)
          << "  ->  round 2: " << counts(d.round2) << "  right " << share_text(d.right2, d.answered2) << "\n";
    }
  }
  bool any_fix = false;
  for (const auto& s : rows) any_fix = any_fix || !s.break_fix.empty();
  if (any_fix) {
    out << "\nBreak-fix (wall time; virtual in brackets):\n";
    for (const auto& s : rows) {
      for (const auto& r : s.break_fix) {
        auto t = [](const std::optional<std::int64_t>& wall, const std::optional<std::int64_t>& virt) {
          return wall ? report_seconds(*wall) + " [" + report_seconds(virt.value_or(0)) + "]" : std::string("-");
        };
        out << "  " << std::filesystem::path(s.file).filename().string() << "  round " << r.round << "  " << r.breaker
            << " -> " << r.fixer << "  fault " << r.fault << "  diagnose " << t(r.diagnose_wall_ms, r.diagnose_virtual_ms)
            << "  restore " << t(r.restore_wall_ms, r.restore_virtual_ms) << "  wrong guesses " << r.wrong << "\n";
      }
    }
  }
  return out.str();
}

namespace {

nlohmann::ordered_json summary_json(const RecordingSummary& s, const std::string& lang) {
  nlohmann::ordered_json j;
  j["file"] = s.file;
  j["kind"] = s.info.kind;
  j["name"] = s.info.name;
  j["title"] = s.title_in(lang);
  j["lang"] = s.info.lang;
  j["started"] = s.info.started;
  auto people = nlohmann::ordered_json::array();
  for (const auto& p : s.participants) people.push_back(nlohmann::ordered_json{{"name", p.name}, {"role", p.role}});
  j["participants"] = people;
  if (s.lesson) {
    j["steps"] = nlohmann::ordered_json{
        {"total", s.steps.size()}, {"passed", s.steps_passed}, {"skipped", s.steps_skipped}};
    j["hints"] = s.hints;
    j["answers"] = nlohmann::ordered_json{{"answered", s.answered}, {"right", s.answers_right}};
  } else {
    j["steps"] = nullptr;
    j["hints"] = nullptr;
    j["answers"] = nullptr;
  }
  j["commands"] = s.commands;
  j["failed_commands"] = s.failed_commands;
  j["denied_commands"] = s.denied_commands;
  j["faults"] = s.faults;
  j["bookmarks"] = s.bookmarks;
  j["role_swaps"] = s.role_swaps;
  j["resets"] = s.resets;
  j["undos"] = s.undos;
  j["virtual_ms"] = s.virtual_ms;
  j["wall_ms"] = s.wall_ms;
  j["closed"] = s.info.closed;
  j["parent"] = s.info.parent.empty() ? nlohmann::ordered_json(nullptr) : nlohmann::ordered_json(s.info.parent);
  j["parent_pos_ms"] = s.info.parent_pos_ms ? nlohmann::ordered_json(*s.info.parent_pos_ms) : nullptr;
  auto steps = nlohmann::ordered_json::array();
  for (const auto& st : s.steps) {
    nlohmann::ordered_json o;
    o["id"] = st.id;
    o["title"] = lang == "ko" && !st.title.ko.empty() ? st.title.ko : st.title.en;
    o["outcome"] = std::string(step_outcome_name(st.outcome));
    o["start_pos_ms"] = st.start_pos_ms ? nlohmann::ordered_json(*st.start_pos_ms) : nullptr;
    o["end_pos_ms"] = st.end_pos_ms ? nlohmann::ordered_json(*st.end_pos_ms) : nullptr;
    o["hints"] = st.hints;
    if (st.has_question) {
      o["answer"] = st.answer ? nlohmann::ordered_json(*st.answer) : nullptr;
      o["right"] = st.answer ? nlohmann::ordered_json(st.right) : nullptr;
    }
    steps.push_back(std::move(o));
  }
  j["step_timings"] = steps;
  // Pair mode: each partner's votes (per question: the counts per choice
  // in round 1 and round 2, and how many were right), and break-fix's rounds.
  std::vector<RecordingSummary> one{s};
  auto votes = nlohmann::ordered_json::array();
  for (const auto& d : vote_distributions(one)) {
    votes.push_back(nlohmann::ordered_json{{"question", d.question}, {"choices", d.choices},
                                           {"round1", d.round1}, {"round2", d.round2},
                                           {"answered_round1", d.answered1}, {"right_round1", d.right1},
                                           {"answered_round2", d.answered2}, {"right_round2", d.right2}});
  }
  j["votes"] = votes;
  auto fixes = nlohmann::ordered_json::array();
  auto opt = [](const std::optional<std::int64_t>& v) { return v ? nlohmann::ordered_json(*v) : nlohmann::ordered_json(nullptr); };
  for (const auto& r : s.break_fix) {
    fixes.push_back(nlohmann::ordered_json{{"round", r.round}, {"breaker", r.breaker}, {"fixer", r.fixer},
                                           {"fault", r.fault}, {"diagnose_wall_ms", opt(r.diagnose_wall_ms)},
                                           {"diagnose_virtual_ms", opt(r.diagnose_virtual_ms)},
                                           {"restore_wall_ms", opt(r.restore_wall_ms)},
                                           {"restore_virtual_ms", opt(r.restore_virtual_ms)}, {"wrong_guesses", r.wrong}});
  }
  j["break_fix"] = fixes;
  j["dora"] = s.dora ? nlohmann::ordered_json::parse(metrics::report_json(*s.dora)) : nlohmann::ordered_json(nullptr);
  return j;
}

// "3/4": right answers over answers in a round ("" with no votes).
std::string votes_right(const RecordingSummary& s, int round) {
  int n = 0, right = 0;
  for (const auto& v : s.votes) {
    if (v.round != round) continue;
    ++n;
    if (v.correct) ++right;
  }
  return n ? std::to_string(right) + "/" + std::to_string(n) : std::string();
}

// "1 Mina>Joon bad-commit diagnose_ms=45000 restore_ms=98000; 2 ...".
std::string break_fix_cell(const RecordingSummary& s) {
  std::string out;
  for (const auto& r : s.break_fix) {
    if (!out.empty()) out += "; ";
    out += std::to_string(r.round) + " " + r.breaker + ">" + r.fixer + " " + r.fault;
    out += " diagnose_ms=" + (r.diagnose_wall_ms ? std::to_string(*r.diagnose_wall_ms) : std::string("-"));
    out += " restore_ms=" + (r.restore_wall_ms ? std::to_string(*r.restore_wall_ms) : std::string("-"));
  }
  return out;
}

// The DORA totals' columns: deployments, per day, median lead time (ms),
// change fail rate, median recovery (ms); "" without DORA or a figure.
std::string dora_cell(const RecordingSummary& s, int column) {
  if (!s.dora) return "";
  const metrics::Figures& f = s.dora->total;
  auto ms = [](const std::optional<Duration>& d) { return d ? std::to_string(d->ms) : std::string(); };
  switch (column) {
    case 0: return std::to_string(f.deployments);
    case 1: return fmt::format("{:.3f}", f.per_day);
    case 2: return ms(f.median_lead_time);
    case 3: return f.fail_rate ? fmt::format("{:.4f}", *f.fail_rate) : std::string();
    default: return ms(f.median_recovery);
  }
}

std::string csv_quote(const std::string& v) {
  if (v.find_first_of(",\"\r\n") == std::string::npos) return v;
  std::string out = "\"";
  for (char c : v) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

}  // namespace

std::string report_json(const std::vector<RecordingSummary>& rows, const std::string& lang) {
  auto all = nlohmann::ordered_json::array();
  for (const auto& s : rows) all.push_back(summary_json(s, lang));
  return all.dump(2) + "\n";
}

std::string report_csv(const std::vector<RecordingSummary>& rows, const std::string& lang) {
  const std::vector<std::string> header{
      "file",     "kind",           "name",          "title",           "lang",   "started",
      "participants", "steps_total", "steps_passed",  "steps_skipped",   "hints",  "answered",
      "answers_right", "commands",   "failed_commands", "denied_commands", "faults", "virtual_ms",
      "wall_ms",  "closed",         "parent",        "parent_pos_ms", "votes_right_round1", "votes_right_round2",
      "break_fix", "dora_deployments", "dora_deployments_per_day", "dora_median_lead_time_ms",
      "dora_change_fail_rate", "dora_median_recovery_ms"};
  std::string out;
  auto row = [&](const std::vector<std::string>& cells) {
    for (std::size_t i = 0; i < cells.size(); ++i) {
      if (i) out += ',';
      out += csv_quote(cells[i]);
    }
    out += "\r\n";
  };
  row(header);
  for (const auto& s : rows) {
    auto lesson_only = [&](auto v) { return s.lesson ? std::to_string(v) : std::string(); };
    row({s.file, s.info.kind, s.info.name, s.title_in(lang), s.info.lang, s.info.started, report_participants(s),
         lesson_only(s.steps.size()), lesson_only(s.steps_passed), lesson_only(s.steps_skipped),
         lesson_only(s.hints), lesson_only(s.answered), lesson_only(s.answers_right), std::to_string(s.commands),
         std::to_string(s.failed_commands), std::to_string(s.denied_commands), std::to_string(s.faults),
         std::to_string(s.virtual_ms), std::to_string(s.wall_ms), s.info.closed ? "true" : "false",
         s.info.parent, s.info.parent_pos_ms ? std::to_string(*s.info.parent_pos_ms) : "", votes_right(s, 1),
         votes_right(s, 2), break_fix_cell(s), dora_cell(s, 0), dora_cell(s, 1), dora_cell(s, 2), dora_cell(s, 3),
         dora_cell(s, 4)});
  }
  return out;
}

}  // namespace gs::record
