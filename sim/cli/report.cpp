// `gitops-sim report`: reads every recording given (all or none), then prints
// the class report and writes its HTML page (sim/record/report.hpp).
#include "sim/cli/report.hpp"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iostream>

#include "sim/record/recording.hpp"
#include "sim/record/report.hpp"

namespace gs::cli {

namespace fs = std::filesystem;

namespace {

constexpr int kReportOk = 0;
constexpr int kReportBadInput = 2;

// The recordings an input names: itself, or a directory's *.gsrec by name.
// Adds one line to `errors` when there is none.
std::vector<std::string> expand_input(const std::string& input, std::vector<std::string>& errors) {
  std::error_code ec;
  if (!fs::is_directory(input, ec)) return {input};
  std::vector<std::string> files;
  for (fs::directory_iterator it(input, ec), end; !ec && it != end; it.increment(ec)) {
    if (it->path().extension() == record::kFileExtension && !fs::is_directory(it->path(), ec)) {
      files.push_back(it->path().string());
    }
  }
  if (ec) {
    errors.push_back(input + ": cannot list the directory: " + ec.message());
    return {};
  }
  std::sort(files.begin(), files.end());
  if (files.empty()) errors.push_back(input + ": no recordings (*" + record::kFileExtension + ") in this directory");
  return files;
}

}  // namespace

int cmd_report(const ReportArgs& a) {
  auto bad = [](const std::string& m) {
    std::cerr << "report: " << m << "\n";
    return kReportBadInput;
  };
  if (a.json && a.csv) return bad("--json and --csv: give one");
  if (a.lang != "en" && a.lang != "ko") return bad("--lang '" + a.lang + "': expected en or ko");
  if (a.inputs.empty()) return bad("give recordings (.gsrec) or directories of them");

  std::vector<std::string> errors, files;
  for (const auto& in : a.inputs) {
    for (auto& f : expand_input(in, errors)) files.push_back(std::move(f));
  }
  std::vector<record::RecordingSummary> rows;
  for (const auto& f : files) {
    auto rec = record::Recording::open(f);
    if (!rec) {
      errors.push_back(rec.error().message);
      continue;
    }
    auto s = record::summarize(*rec, f);
    if (!s) {
      errors.push_back(s.error().message);
      continue;
    }
    // DORA needs the world: the recording is replayed to its end.
    if (auto st = record::add_dora(*rec, *s); !st) {
      errors.push_back(f + ": DORA metrics: " + st.error().message);
      continue;
    }
    rows.push_back(std::move(s.value()));
  }
  if (!errors.empty()) {
    for (const auto& e : errors) std::cerr << "report: " << e << "\n";
    return kReportBadInput;
  }

  if (!a.html.empty()) {
    std::ofstream out(a.html, std::ios::binary | std::ios::trunc);
    out << record::report_html(rows, a.lang);
    out.close();
    if (!out) return bad(a.html + ": cannot write the page");
    std::cerr << "wrote " << a.html << "\n";
  }
  if (a.json) {
    std::cout << record::report_json(rows, a.lang);
  } else if (a.csv) {
    std::cout << record::report_csv(rows, a.lang);
  } else {
    std::cout << record::report_text(rows, a.lang);
  }
  return kReportOk;
}

}  // namespace gs::cli
