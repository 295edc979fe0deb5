// Shared by the class report's renderers (report_text.cpp, report_html.cpp):
// how a summary's times, people and parent read, and the table's columns
// and cells, so the text table and the HTML table say the same.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "sim/record/report.hpp"

namespace gs::record {

// Whole seconds, as durations print: 0s, 45s, 4m12s, 1h2m.
std::string report_seconds(std::int64_t ms);
// "ann (driver), bo (navigator)".
std::string report_participants(const RecordingSummary& s);
// The parent's file name and where it was taken over: "a.gsrec @ 2m"; "" when none.
std::string report_parent(const RecordingSummary& s);
// The table: its header, and one row's cells ("-" where a column does not apply).
std::vector<std::string> report_columns();
std::vector<std::string> report_cells(const RecordingSummary& s, const std::string& lang);
// Pair mode's part of the text report: the vote distributions per question
// (round 1 -> round 2) and break-fix's rounds; "" when there are none.
std::string report_pair_text(const std::vector<RecordingSummary>& rows);

}  // namespace gs::record
