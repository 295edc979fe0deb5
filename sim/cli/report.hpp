// `gitops-sim report REC-OR-DIR... [--json|--csv] [--html OUT.html]`: the
// class report (recording-format.md) over recordings and directories of
// them (every *.gsrec in a directory, by name).
#pragma once

#include <string>
#include <vector>

namespace gs::cli {

struct ReportArgs {
  std::vector<std::string> inputs;  // recordings and directories
  bool json = false, csv = false;
  std::string html;                 // --html OUT.html
  std::string lang = "en";
};

// Prints the report (a table, JSON or CSV) and writes the HTML page when
// asked. Exit 0; 2 when a flag is wrong or any recording cannot be read
// (one line each on stderr, and no report: a class summary is of every
// recording given or of none).
int cmd_report(const ReportArgs& args);

}  // namespace gs::cli
