// The class report's DORA section: the recording replayed to its end
// (replayer.hpp) and DORA's report of that world (sim/metrics).
#include "sim/metrics/from_world.hpp"
#include "sim/record/replayer.hpp"
#include "sim/record/report.hpp"

namespace gs::record {

Status add_dora(const Recording& rec, RecordingSummary& s) {
  auto replayer = Replayer::create(rec);
  if (!replayer) return replayer.error();
  if (auto st = (*replayer)->seek((*replayer)->end()); !st) return st.error();
  s.dora = metrics::of_world((*replayer)->session().world());
  return {};
}

}  // namespace gs::record
