// sim: time. `sim advance` lets virtual time pass through the world's
// TimeDriver, so a session applies its timeline on the way and stops at a
// teaching pause, in every driver alike; `sim pause` and `sim speed` act on
// the clock that shows time passing to people (a session's; a World alone
// has none) and change nothing in the world.
#include <algorithm>

#include "sim/world/commands/command_env.hpp"
#include "sim/world/commands/tools.hpp"

namespace gs::world {
namespace {

// At most kMaxAdvance per command (time_driver.hpp says why).
Result<Duration> advance_by(const CommandEnv& env) {
  auto d = parse_duration(env.cmd().args[0]);  // the parser checked it
  if (!d) return env.fail(d.error().message);
  if (*d > kMaxAdvance) {
    return env.fail("'" + env.cmd().args[0] + "' is more than a virtual day; one sim advance lets at most " +
                    format_duration(kMaxAdvance) + " pass (run it again for more)");
  }
  return d;
}

Result<Ran> sim_advance(CommandEnv& env) {
  auto d = advance_by(env);
  if (!d) return d.error();
  if (auto st = env.time().time_may_pass(); !st) return env.fail(st.error().message);
  env.begin();
  const TimePoint to = env.now() + *d;
  if (env.time().pass_time(to, {}) == TimeStop::TeachingPause) {
    return Ran{"stopped at a teaching pause (" + format_offset(env.now()) + ", before " + format_offset(to) +
                   "); sim advance again to go on\n",
               1};
  }
  return Ran{"advanced to " + format_offset(env.now()) + "\n"};
}

Result<Ran> sim_pause(CommandEnv& env) { return Ran{env.time().pause_clock()}; }

Result<Ran> sim_speed(CommandEnv& env) {
  return Ran{env.time().set_clock_speed(*parse_speed(env.cmd().args[0]))};  // the parser checked it
}

}  // namespace

std::vector<CommandSpec> sim_commands() {
  using namespace spec;
  return {
      entry({"sim", "advance"}, {arg("DURATION", ValueKind::Duration)}, {}, false,
            "let virtual time pass (at most a day), through the timeline; stops at a teaching pause", sim_advance,
            "1 when it stopped at a teaching pause"),
      entry({"sim", "pause"}, {}, {}, false, "pause the clock", sim_pause),
      entry({"sim", "speed"}, {arg("X", ValueKind::Speed)}, {}, false,
            "play the clock at one of the speeds " + clock_speeds_text(), sim_speed),
  };
}

std::string clock_speeds_text() {
  std::string out;
  for (int s : kClockSpeeds) out += (out.empty() ? "" : ", ") + std::to_string(s);
  return out;
}

std::optional<int> parse_speed(std::string_view text) {
  std::string t(text);
  for (const char* suffix : {"x", "X", "\xC3\x97"}) {  // "×" in UTF-8
    const std::string s(suffix);
    if (t.size() > s.size() && t.compare(t.size() - s.size(), s.size(), s) == 0) {
      t.resize(t.size() - s.size());
      break;
    }
  }
  if (t.empty() || t.size() > 5 || !std::all_of(t.begin(), t.end(), [](char c) { return c >= '0' && c <= '9'; })) {
    return std::nullopt;
  }
  const int v = std::stoi(t);
  for (int s : kClockSpeeds) {
    if (s == v) return v;
  }
  return std::nullopt;
}

}  // namespace gs::world
