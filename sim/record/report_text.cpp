// The class report as text: an aligned table (one row per recording, the
// title last), JSON (an array, one object per recording, keys in a fixed
// order) and CSV (RFC 4180: CRLF, fields quoted when they need it).
#include <filesystem>
#include <nlohmann/json.hpp>
#include <sstream>

#include "sim/core/duration.hpp"
#include "sim/record/report.hpp"
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
  return j;
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
      "wall_ms",  "closed",         "parent",        "parent_pos_ms"};
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
         s.info.parent, s.info.parent_pos_ms ? std::to_string(*s.info.parent_pos_ms) : ""});
  }
  return out;
}

}  // namespace gs::record
