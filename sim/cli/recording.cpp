#include "sim/cli/recording.hpp"

#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <iostream>

#include "sim/lesson/terminal.hpp"
#include "sim/record/recording.hpp"
#include "sim/record/replayer.hpp"
#include "sim/record/to_scenario.hpp"
#include "sim/record/verify.hpp"
#include "sim/world/command.hpp"
#include "sim/world/heredoc.hpp"
#include "sim/world/world.hpp"

namespace gs::cli {

namespace fs = std::filesystem;

namespace {

constexpr int kExitOk = 0;
constexpr int kExitFailed = 1;
constexpr int kExitBadInput = 2;

int bad(const std::string& message) {
  std::cerr << "replay: " << message << "\n";
  return kExitBadInput;
}

std::optional<std::int64_t> parse_at(const std::string& flag, const std::string& text, std::string& error) {
  auto d = parse_duration(text);
  if (!d) {
    error = flag + " '" + text + "': expected a virtual time such as 90s, 5m or 1h2m3s";
    return std::nullopt;
  }
  return d->ms;
}

// A scenario taken over in a terminal: commands read line by line (with
// here-documents), run at the session's time, their output printed.
int run_console(session::Session& s, std::istream& in, std::ostream& out) {
  const bool echo = isatty(STDIN_FILENO) == 0;
  auto prompt = [&] { out << "[" << format_offset(s.now()) << "] $ " << std::flush; };
  std::optional<world::HeredocStart> heredoc;
  std::string body;
  int rc = kExitOk;
  prompt();
  for (std::string line; std::getline(in, line);) {
    if (echo) out << line << "\n";
    if (heredoc) {
      if (world::heredoc_ends(*heredoc, line)) {
        world::StagedFiles files;
        files[heredoc->path] = body;
        const auto o = s.run(heredoc->command, session::Issuer{session::Origin::Console, ""}, files);
        out << o.output;
        if (!o.output.empty() && o.output.back() != '\n') out << "\n";
        if (o.exit_code != 0) rc = kExitFailed;
        heredoc.reset();
        body.clear();
        prompt();
      } else {
        body += line + "\n";
      }
      continue;
    }
    if (line == "quit" || line == "exit") break;
    if (line.find_first_not_of(" \t") == std::string::npos) {
      prompt();
      continue;
    }
    if (auto h = world::heredoc_start(line); h && !h->path.empty()) {
      heredoc = h;
      continue;
    }
    const auto o = s.run(line, session::Issuer{session::Origin::Console, ""});
    out << o.output;
    if (!o.output.empty() && o.output.back() != '\n') out << "\n";
    if (o.exit_code != 0) rc = kExitFailed;
    prompt();
  }
  out << "\n";
  return rc;
}

int replay_at(const record::Recording& rec, std::int64_t at, const std::vector<std::string>& commands) {
  // Read-only commands only: the world as it was is looked at, not changed.
  std::vector<world::CommandWithFiles> given;
  for (const auto& c : commands) {
    auto split = world::split_heredoc(c);
    if (!split) return bad(split.error().message);
    auto cmd = world::parse_command(split->line);
    if (!cmd) return bad("'" + split->line + "': " + cmd.error().message);
    if (!cmd->spec->read_only) {
      return bad("'" + cmd->text() + "' changes the world; --at T runs read-only commands (argocd app get, kubectl "
                 "get, git log ...). To go on from T, take over with --fork-at T");
    }
    given.push_back(std::move(split.value()));
  }
  auto replayer = record::Replayer::create(rec);
  if (!replayer) return bad(replayer.error().message);
  if (auto st = (*replayer)->seek(at); !st) return bad(st.error().message);
  int rc = kExitOk;
  session::Session& s = (*replayer)->session();
  for (const auto& c : given) {
    const auto o = s.run(c.line, session::Issuer{session::Origin::Console, ""}, c.files);
    std::cout << o.output;
    if (!o.output.empty() && o.output.back() != '\n') std::cout << "\n";
    if (o.exit_code != 0) rc = kExitFailed;
    if (!o.ok) break;
  }
  return rc;
}

int replay_fork(const record::Recording& rec, std::int64_t at, const ReplayArgs& args) {
  record::RecordingHeader header = record::fork_header(rec, at);
  if (!args.lang.empty()) header.lang = args.lang;
  auto recorder = start_recording(args.record, true, header);
  if (!recorder) return bad(recorder.error().message);
  record::Recorder* rec_out = recorder->get();
  // The fork's recording holds the parent's actions up to T, as the replay
  // gives them, so it replays by itself.
  auto replayer = record::Replayer::create(rec, rec_out);
  if (!replayer) return bad(replayer.error().message);
  if (auto st = (*replayer)->seek(at); !st) return bad(st.error().message);
  if (rec_out) std::cerr << "recording to " << rec_out->file().string() << "\n";
  std::cout << "taken over from " << rec.file().string() << " at " << format_offset(TimePoint{at}) << "\n";
  int rc = kExitOk;
  if (auto* lesson = (*replayer)->lesson()) {
    lesson::TerminalOptions opts;
    opts.lang = header.lang;
    opts.echo = isatty(STDIN_FILENO) == 0;
    rc = lesson::run_terminal(*lesson, std::cin, std::cout, opts);
    if (rec_out) (void)rec_out->close(lesson->world());
  } else {
    session::Session& s = (*replayer)->session();
    rc = run_console(s, std::cin, std::cout);
    if (rec_out) (void)rec_out->close(s.world());
  }
  if (rec_out && rec_out->error()) std::cerr << "replay: the recording stopped: " << rec_out->error()->message << "\n";
  return rc;
}

}  // namespace

Result<std::unique_ptr<record::Recorder>> start_recording(const RecordFlags& flags, bool by_default,
                                                          const record::RecordingHeader& header) {
  if (flags.no_record && !flags.out.empty()) return Error("--record and --no-record: give one");
  if (flags.no_record) return std::unique_ptr<record::Recorder>();
  fs::path file = flags.out;
  if (file.empty()) {
    if (!by_default) return std::unique_ptr<record::Recorder>();
    auto dir = record::default_recordings_dir();
    if (!dir) return dir.error();
    file = record::new_recording_path(*dir, header.name);
  }
  return record::Recorder::create(file, header);
}

int cmd_replay(const ReplayArgs& a) {
  const int modes = (a.verify ? 1 : 0) + (!a.at.empty() ? 1 : 0) + (!a.fork_at.empty() ? 1 : 0) +
                    (!a.to_scenario.empty() ? 1 : 0);
  if (modes > 1) return bad("--verify, --at, --fork-at and --to-scenario go one at a time");
  if (!a.commands.empty() && a.at.empty()) return bad("commands go with --at T (the moment to run them at)");
  if ((!a.record.out.empty() || a.record.no_record) && a.fork_at.empty()) {
    return bad("--record and --no-record go with --fork-at T");
  }
  if (a.json && !a.verify) return bad("--json goes with --verify");
  if (!a.lang.empty() && a.lang != "en" && a.lang != "ko") return bad("--lang '" + a.lang + "': expected en or ko");
  auto rec = record::Recording::open(a.file);
  if (!rec) return bad(rec.error().message);
  if (a.verify) {
    auto report = record::verify(*rec);
    if (!report) return bad(report.error().message);
    std::cout << (a.json ? record::verify_json(*rec, *report) : record::verify_text(*rec, *report));
    return report->same() ? kExitOk : kExitFailed;
  }
  std::string error;
  if (!a.to_scenario.empty()) {
    auto st = record::write_scenario(*rec, a.to_scenario);
    if (!st) return bad(st.error().message);
    std::cout << "wrote " << a.to_scenario << "\n";
    return kExitOk;
  }
  if (!a.fork_at.empty()) {
    auto at = parse_at("--fork-at", a.fork_at, error);
    if (!at) return bad(error);
    return replay_fork(*rec, *at, a);
  }
  if (!a.at.empty()) {
    auto at = parse_at("--at", a.at, error);
    if (!at) return bad(error);
    return replay_at(*rec, *at, a.commands);
  }
  return bad("internal: no replay mode");
}

}  // namespace gs::cli
