#include "sim/world/command.hpp"

#include <algorithm>
#include <cctype>

#include "sim/core/duration.hpp"
#include "sim/world/commands/tools.hpp"
#include "sim/world/time_driver.hpp"

namespace gs::world {
namespace {

// The table, one list per tool (sim/world/commands/).
std::vector<CommandSpec> build_table() {
  std::vector<CommandSpec> t;
  for (auto* tool : {git_commands, kubectl_commands, argocd_commands, delivery_commands, fault_commands, sim_commands,
                    ci_commands}) {
    for (auto& c : tool()) t.push_back(std::move(c));
  }
  for (auto& c : flux_commands()) t.push_back(std::move(c));  // issue 12: Flux
  return t;
}

std::string quoted(std::string_view w) { return "'" + std::string(w) + "'"; }

std::string join(const std::vector<std::string>& v, std::string_view sep) {
  std::string out;
  for (std::size_t i = 0; i < v.size(); ++i) {
    if (i) out += sep;
    out += v[i];
  }
  return out;
}

// Optimal string alignment distance: a swap of two neighbours counts as one
// edit, so "scael" is one step from "scale".
std::size_t edit_distance(std::string_view a, std::string_view b) {
  std::vector<std::vector<std::size_t>> d(a.size() + 1, std::vector<std::size_t>(b.size() + 1));
  for (std::size_t i = 0; i <= a.size(); ++i) d[i][0] = i;
  for (std::size_t j = 0; j <= b.size(); ++j) d[0][j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const std::size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
      d[i][j] = std::min({d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) d[i][j] = std::min(d[i][j], d[i - 2][j - 2] + 1);
    }
  }
  return d[a.size()][b.size()];
}

Status check_value(std::string_view cmd, std::string_view what, std::string_view value, ValueKind kind,
                   const std::vector<std::string>& choices) {
  auto fail = [&](std::string expected) {
    return Error(std::string(cmd) + ": invalid value " + quoted(value) + " for " + std::string(what) + "; expected " +
                 expected);
  };
  switch (kind) {
    case ValueKind::Text:
      if (value.empty()) return fail("a non-empty value");
      return {};
    case ValueKind::Int:
    case ValueKind::NonNegativeInt: {
      std::size_t i = 0;
      if (kind == ValueKind::Int && !value.empty() && value[0] == '-') i = 1;
      if (i == value.size() || value.size() > 18) return fail(kind == ValueKind::Int ? "an integer" : "a non-negative integer");
      for (; i < value.size(); ++i) {
        if (!std::isdigit(static_cast<unsigned char>(value[i]))) {
          return fail(kind == ValueKind::Int ? "an integer" : "a non-negative integer");
        }
      }
      return {};
    }
    case ValueKind::Duration: {
      auto d = parse_duration(value);
      if (!d) return Error(std::string(cmd) + ": " + std::string(what) + ": " + d.error().message);
      // Each command bounds its own duration (sim advance a day, a fault a
      // year), before adding it to the clock.
      return {};
    }
    case ValueKind::OneOf:
      if (std::find(choices.begin(), choices.end(), value) == choices.end()) return fail("one of " + join(choices, ", "));
      return {};
    case ValueKind::Speed:
      if (!parse_speed(value)) return fail("one of the offered speeds " + clock_speeds_text() + " (as 60 or 60x)");
      return {};
  }
  return {};
}

}  // namespace

const std::vector<CommandSpec>& command_table() {
  static const std::vector<CommandSpec> table = build_table();
  return table;
}

std::string CommandSpec::usage() const {
  std::string out = join(path, " ");
  for (const auto& a : args) {
    std::string w = a.name;
    if (a.variadic) w += "...";
    out += ' ';
    out += a.optional ? "[" + w + "]" : w;
  }
  for (const auto& f : flags) {
    std::string w = f.short_name.empty() ? "--" + f.name : "-" + f.short_name;
    if (f.takes_value) {
      std::string meta = f.name;
      std::transform(meta.begin(), meta.end(), meta.begin(), [](unsigned char c) { return c == '-' ? '_' : std::toupper(c); });
      if (f.kind == ValueKind::OneOf) meta = join(f.choices, "|");
      w += (f.short_name.empty() ? "=" : " ") + meta;
    }
    out += ' ';
    out += f.required ? w : "[" + w + "]";
  }
  return out;
}

std::optional<std::string> Command::flag(std::string_view name) const {
  auto it = flags.find(std::string(name));
  if (it == flags.end() || it->second.empty()) return std::nullopt;
  return it->second.back();
}

std::string Command::name() const { return join(path, " "); }

std::string Command::text() const {
  std::string out = name();
  for (const auto& a : args) out += ' ' + quote_word(a);
  // Flags in table order, so the text form is canonical.
  if (spec) {
    for (const auto& f : spec->flags) {
      auto it = flags.find(f.name);
      if (it == flags.end()) continue;
      for (const auto& v : it->second) {
        out += " --" + f.name;
        if (f.takes_value) out += "=" + quote_word(v);
      }
    }
  }
  return out;
}

std::string quote_word(std::string_view word) {
  const bool plain = !word.empty() && std::all_of(word.begin(), word.end(), [](unsigned char c) {
    return std::isalnum(c) || std::string_view("-_./:@=,+%^[]~").find(static_cast<char>(c)) != std::string_view::npos;
  });
  if (plain) return std::string(word);
  std::string out = "'";
  for (char c : word) {
    if (c == '\'') out += "'\\''";
    else out += c;
  }
  return out + "'";
}

Result<std::vector<std::string>> tokenize(std::string_view line) {
  std::vector<std::string> words;
  std::string cur;
  bool in_word = false;
  std::size_t i = 0;
  while (i < line.size()) {
    const char c = line[i];
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
      if (in_word) words.push_back(std::move(cur));
      cur.clear();
      in_word = false;
      ++i;
    } else if (c == '\'') {
      const std::size_t end = line.find('\'', i + 1);
      if (end == std::string_view::npos) {
        return Error("unterminated ' quote starting at column " + std::to_string(i + 1));
      }
      cur.append(line.substr(i + 1, end - i - 1));
      in_word = true;
      i = end + 1;
    } else if (c == '"') {
      std::size_t j = i + 1;
      bool closed = false;
      while (j < line.size()) {
        if (line[j] == '\\' && j + 1 < line.size() && (line[j + 1] == '"' || line[j + 1] == '\\')) {
          cur += line[j + 1];
          j += 2;
        } else if (line[j] == '"') {
          closed = true;
          break;
        } else {
          cur += line[j++];
        }
      }
      if (!closed) return Error("unterminated \" quote starting at column " + std::to_string(i + 1));
      in_word = true;
      i = j + 1;
    } else if (c == '\\') {
      if (i + 1 >= line.size()) return Error("trailing backslash at column " + std::to_string(i + 1));
      cur += line[i + 1];
      in_word = true;
      i += 2;
    } else {
      cur += c;
      in_word = true;
      ++i;
    }
  }
  if (in_word) words.push_back(std::move(cur));
  return words;
}

std::optional<std::string> did_you_mean(std::string_view word, const std::vector<std::string>& candidates) {
  std::optional<std::string> best;
  std::size_t best_d = 0;
  for (const auto& c : candidates) {
    const std::size_t d = edit_distance(word, c);
    const std::size_t limit = std::max<std::size_t>(1, std::min(word.size(), c.size()) / 3);
    if (d <= limit && (!best || d < best_d)) {  // first best wins: candidates' order is the tie-break
      best = c;
      best_d = d;
    }
  }
  return best;
}

namespace {

// ------------------------------------------------------------ parse_command
// The stages of parse_command: find the command's spec, read the words after
// its path as flags and arguments, then check the arguments and required flags.

// Longest command path that matches the leading words.
const CommandSpec* longest_match(const std::vector<std::string>& w) {
  const CommandSpec* spec = nullptr;
  for (const auto& s : command_table()) {
    if (s.path.size() > w.size()) continue;
    if (!std::equal(s.path.begin(), s.path.end(), w.begin())) continue;
    if (!spec || s.path.size() > spec->path.size()) spec = &s;
  }
  return spec;
}

// No command matched: name the first word that goes wrong, with the words
// that could follow.
Error unknown_command(const std::vector<std::string>& w) {
  std::size_t depth = 0;
  std::vector<std::string> options;
  for (;;) {
    options.clear();
    for (const auto& s : command_table()) {
      if (s.path.size() <= depth) continue;
      if (!std::equal(s.path.begin(), s.path.begin() + static_cast<std::ptrdiff_t>(depth), w.begin())) continue;
      if (std::find(options.begin(), options.end(), s.path[depth]) == options.end()) options.push_back(s.path[depth]);
    }
    if (depth < w.size() && std::find(options.begin(), options.end(), w[depth]) != options.end()) {
      ++depth;
      continue;
    }
    break;
  }
  const std::string prefix = join(std::vector<std::string>(w.begin(), w.begin() + static_cast<std::ptrdiff_t>(depth)), " ");
  if (depth >= w.size()) {
    return Error(prefix + ": missing subcommand; expected one of " + join(options, ", "));
  }
  std::string msg = (prefix.empty() ? "" : prefix + ": ") + "unknown command " + quoted(w[depth]);
  if (auto dym = did_you_mean(w[depth], options)) msg += "; did you mean " + quoted(*dym) + "?";
  msg += "; expected one of " + join(options, ", ");
  return Error(msg);
}

// The words after a command's path, read into cmd's arguments and flags.
struct WordReader {
  const CommandSpec& spec;
  const std::vector<std::string>& w;
  const std::string& name;  // the command's name, which starts every message
  Command& cmd;

  const FlagSpec* find_flag(std::string_view key, bool is_short) const {
    for (const auto& f : spec.flags) {
      if (is_short ? f.short_name == key : f.name == key) return &f;
      if (!is_short && std::find(f.aliases.begin(), f.aliases.end(), key) != f.aliases.end()) return &f;
    }
    return nullptr;
  }

  Status read_all() {
    bool only_args = false;
    for (std::size_t i = spec.path.size(); i < w.size(); ++i) {
      const std::string& word = w[i];
      const bool dashed = word.size() > 1 && word[0] == '-' && !std::isdigit(static_cast<unsigned char>(word[1]));
      if (!only_args && word == "--") {
        only_args = true;
        continue;
      }
      if (only_args || !dashed) {
        // After `--` a word like a flag would be an argument, but the canonical
        // text (arguments, then flags, no `--`) would read it back as a flag;
        // and no name in the language (object, repo, branch, app) starts with '-'.
        if (dashed) {
          return Error(name + ": argument " + quoted(word) + " starts with '-'; no name in a command does");
        }
        cmd.args.push_back(word);
        continue;
      }
      if (Status s = read_flag(i); !s) return s;
    }
    return {};
  }

  // The flag at w[i]; a value given as the next word moves i past it.
  Status read_flag(std::size_t& i) {
    const std::string& word = w[i];
    const bool is_long = word.rfind("--", 0) == 0;
    std::string key = word.substr(is_long ? 2 : 1);
    std::optional<std::string> value;
    if (const auto eq = key.find('='); eq != std::string::npos) {
      value = key.substr(eq + 1);
      key = key.substr(0, eq);
    }
    const FlagSpec* f = find_flag(key, !is_long);
    if (!f && !is_long && key.size() > 1) f = find_flag(key, false);  // tolerate -replicas? no: kubectl would not
    if (!f) return unknown_flag(word, key);
    if (!f->takes_value) return set_switch(*f, value);
    if (!value) {
      if (i + 1 >= w.size()) return Error(name + ": flag --" + f->name + " needs a value");
      value = w[++i];
    }
    if (auto st = check_value(name, "--" + f->name, *value, f->kind, f->choices); !st) return st.error();
    auto& slot = cmd.flags[f->name];
    if (!slot.empty() && !f->repeatable) return Error(name + ": flag --" + f->name + " given twice");
    slot.push_back(*value);
    return {};
  }

  Error unknown_flag(const std::string& word, const std::string& key) const {
    std::vector<std::string> flag_names;
    for (const auto& f : spec.flags) flag_names.push_back("--" + f.name);
    std::string msg = name + ": unknown flag " + quoted(word.substr(0, word.find('=')));
    if (auto dym = did_you_mean("--" + key, flag_names)) msg += "; did you mean " + quoted(*dym) + "?";
    msg += flag_names.empty() ? "; this command takes no flags" : "; expected one of " + join(flag_names, ", ");
    return Error(msg);
  }

  // A switch: on when bare or =true, off (as if not given) with =false.
  Status set_switch(const FlagSpec& f, const std::optional<std::string>& value) {
    if (value && *value != "true" && *value != "false") {
      return Error(name + ": flag --" + f.name + " is a switch and takes no value (got " + quoted(*value) + ")");
    }
    if (!value || *value == "true") cmd.flags[f.name] = {"true"};
    else cmd.flags.erase(f.name);
    return {};
  }
};

// Positional arguments against the spec, then the required flags.
Status check_arguments(const CommandSpec& spec, const std::string& name, const Command& cmd) {
  std::size_t need = 0;
  bool variadic = false;
  for (const auto& a : spec.args) {
    if (!a.optional) ++need;
    if (a.variadic) variadic = true;
  }
  if (cmd.args.size() < need) {
    const ArgSpec& missing = spec.args[cmd.args.size()];
    return Error(name + ": missing " + missing.name + "; usage: " + spec.usage());
  }
  if (!variadic && cmd.args.size() > spec.args.size()) {
    return Error(name + ": unexpected argument " + quoted(cmd.args[spec.args.size()]) + "; usage: " + spec.usage());
  }
  for (std::size_t i = 0; i < cmd.args.size(); ++i) {
    const ArgSpec& a = spec.args[std::min(i, spec.args.size() - 1)];
    if (auto st = check_value(name, a.name, cmd.args[i], a.kind, a.choices); !st) return st.error();
  }
  for (const auto& f : spec.flags) {
    if (f.required && !cmd.has(f.name)) {
      return Error(name + ": missing required flag --" + f.name + "; usage: " + spec.usage());
    }
  }
  return {};
}

}  // namespace

Result<Command> parse_command(std::string_view line) {
  auto words = tokenize(line);
  if (!words) return Error("cannot read command: " + words.error().message);
  const auto& w = *words;
  if (w.empty()) {
    return Error(
        "empty command; expected one of git, kubectl, argocd, flux, ci, pipeline, promote, approve, test, fault, sim");
  }
  const CommandSpec* spec = longest_match(w);
  if (!spec) return unknown_command(w);

  Command cmd;
  cmd.spec = spec;
  cmd.path = spec->path;
  const std::string name = cmd.name();
  WordReader reader{*spec, w, name, cmd};
  if (Status s = reader.read_all(); !s) return s.error();
  if (Status s = check_arguments(*spec, name, cmd); !s) return s.error();
  return cmd;
}

}  // namespace gs::world
