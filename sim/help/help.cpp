// help: cuts the embedded reference pages into sections (one per `### `
// heading outside code fences) once, and answers `help` and `help COMMAND`
// from them. Printing keeps the markdown as people read it in a terminal:
// fences are dropped and code is indented; HTML comments are for editors.
#include "sim/help/help.hpp"

#include <algorithm>
#include <sstream>

#include "sim/world/command.hpp"

namespace gs::help {
namespace embedded {
extern const char kCommands_en[];
extern const char kCommands_ko[];
}  // namespace embedded

namespace {

bool starts_with(std::string_view s, std::string_view prefix) { return s.substr(0, prefix.size()) == prefix; }

std::string trim(std::string_view s) {
  const auto b = s.find_first_not_of(" \t\r");
  if (b == std::string_view::npos) return {};
  const auto e = s.find_last_not_of(" \t\r");
  return std::string(s.substr(b, e - b + 1));
}

// "  git   commit " -> "git commit"
std::string normalise_words(std::string_view s) {
  std::istringstream in{std::string(s)};
  std::string w, out;
  while (in >> w) out += (out.empty() ? "" : " ") + w;
  return out;
}

std::vector<std::string> lines_of(std::string_view text) {
  std::vector<std::string> lines;
  std::size_t start = 0;
  while (start <= text.size()) {
    const auto nl = text.find('\n', start);
    if (nl == std::string_view::npos) {
      if (start < text.size()) lines.emplace_back(text.substr(start));
      break;
    }
    lines.emplace_back(text.substr(start, nl - start));
    start = nl + 1;
  }
  return lines;
}

// One section in the making: its lines as written.
struct RawSection {
  Section s;
  std::vector<std::string> lines;  // after the heading
};

// The printed text of a section: heading, then its lines with fences dropped,
// code indented by four spaces, comment lines left out, no trailing blanks.
void finish(RawSection& raw) {
  std::vector<std::string> out{"### " + raw.s.command};
  bool code = false;
  for (const auto& l : raw.lines) {
    if (starts_with(trim(l), "```")) {
      code = !code;
      continue;
    }
    if (!code && starts_with(trim(l), "<!--")) {
      if (l.find("pending") != std::string::npos) raw.s.pending = true;
      continue;
    }
    out.push_back(code ? "    " + l : l);
    if (!code && raw.s.summary.empty() && !trim(l).empty()) raw.s.summary = trim(l);
  }
  while (!out.empty() && trim(out.back()).empty()) out.pop_back();
  for (const auto& l : out) raw.s.text += l + "\n";
}

std::vector<Section> cut(std::string_view page) {
  std::vector<Section> sections;
  RawSection current;
  bool open = false;  // a `### ` section is being read
  std::string group;
  bool code = false;
  auto close = [&] {
    if (!open) return;
    finish(current);
    sections.push_back(std::move(current.s));
    current = RawSection{};
    open = false;
  };
  for (const auto& line : lines_of(page)) {
    if (starts_with(trim(line), "```")) code = !code;
    if (!code && starts_with(line, "## ")) {
      close();
      const std::string heading = trim(std::string_view(line).substr(3));
      group = heading.substr(0, heading.find(' '));
      continue;
    }
    if (!code && starts_with(line, "### ")) {
      close();
      open = true;
      current.s.group = group;
      current.s.command = normalise_words(std::string_view(line).substr(4));
      continue;
    }
    if (open) current.lines.push_back(line);
  }
  close();
  return sections;
}

struct Words {
  const char* overview_title;
  const char* overview_more;
};

const Words& words_of(Lang lang) {
  static const Words en{"Commands (the same line works in the console, a timeline's run: and gitops-sim exec):",
                        "help COMMAND shows one command in full, e.g. help git commit"};
  static const Words ko{"명령 목록 (콘솔, 타임라인의 run:, gitops-sim exec 어디서나 같은 줄이 그대로 동작합니다):",
                        "명령 하나를 자세히 보려면 help 명령, 예: help git commit"};
  return lang == Lang::Ko ? ko : en;
}

std::string unknown_message(const std::string& asked, const std::optional<std::string>& guess, Lang lang) {
  if (lang == Lang::Ko) {
    return "'" + asked + "'(이)라는 명령은 없습니다. " + (guess ? "혹시 '" + *guess + "'을(를) 찾으셨나요? " : "") +
           "전체 목록은 help 로 볼 수 있습니다";
  }
  return "no command '" + asked + "'; " + (guess ? "did you mean '" + *guess + "'? " : "") + "help lists every command";
}

}  // namespace

std::optional<Lang> parse_lang(std::string_view text) {
  if (text == "en") return Lang::En;
  if (text == "ko") return Lang::Ko;
  return std::nullopt;
}

std::string_view page(Lang lang) { return lang == Lang::Ko ? embedded::kCommands_ko : embedded::kCommands_en; }

const std::vector<Section>& sections(Lang lang) {
  static const std::vector<Section> en = cut(page(Lang::En));
  static const std::vector<Section> ko = cut(page(Lang::Ko));
  return lang == Lang::Ko ? ko : en;
}

namespace {

std::string list_lines(const std::vector<const Section*>& list) {
  std::size_t width = 0;
  for (const auto* s : list) width = std::max(width, s->command.size());
  std::string out;
  for (const auto* s : list) out += "  " + s->command + std::string(width - s->command.size() + 2, ' ') + s->summary + "\n";
  return out;
}

std::vector<const Section*> in_group(const std::vector<Section>& all, std::string_view group) {
  std::vector<const Section*> list;
  for (const auto& s : all) {
    if (s.group == group) list.push_back(&s);
  }
  return list;
}

}  // namespace

std::string overview(Lang lang) {
  const auto& all = sections(lang);
  const Words& w = words_of(lang);
  std::string out = std::string(w.overview_title) + "\n";
  std::vector<std::string> groups;
  for (const auto& s : all) {
    if (std::find(groups.begin(), groups.end(), s.group) == groups.end()) groups.push_back(s.group);
  }
  for (const auto& g : groups) out += "\n" + g + "\n" + list_lines(in_group(all, g));
  return out + "\n" + w.overview_more + "\n";
}

Result<std::string> command(std::string_view words, Lang lang) {
  const auto& all = sections(lang);
  const std::string asked = normalise_words(words);
  // The longest section whose words begin the question: `help git commit shop@main -m x` shows git commit.
  const Section* best = nullptr;
  for (const auto& s : all) {
    const bool match = asked == s.command || starts_with(asked, s.command + " ");
    if (match && (!best || s.command.size() > best->command.size())) best = &s;
  }
  if (best) return best->text;
  if (auto group = in_group(all, asked); !group.empty()) return asked + "\n" + list_lines(group);

  std::vector<std::string> candidates;
  for (const auto& s : all) candidates.push_back(s.command);
  for (const auto& s : all) {
    if (std::find(candidates.begin(), candidates.end(), s.group) == candidates.end()) candidates.push_back(s.group);
  }
  // Then the first N words against the N-word commands, longest first, so
  // `argocd app snyc shop-dev` still finds argocd app sync.
  std::optional<std::string> guess = world::did_you_mean(asked, candidates);
  const auto word_count = [](const std::string& text) {
    return static_cast<std::size_t>(std::count(text.begin(), text.end(), ' ')) + 1;
  };
  for (std::size_t n = word_count(asked); !guess && n > 0; --n) {
    std::vector<std::string> same_length;
    for (const auto& c : candidates) {
      if (word_count(c) == n) same_length.push_back(c);
    }
    std::istringstream in(asked);
    std::string head, word;
    for (std::size_t i = 0; i < n && in >> word; ++i) head += (head.empty() ? "" : " ") + word;
    guess = world::did_you_mean(head, same_length);
  }
  return Error(unknown_message(asked, guess, lang));
}

std::optional<Result<std::string>> answer(std::string_view line, Lang lang) {
  const std::string words = normalise_words(line);
  if (words == "help") return Result<std::string>(overview(lang));
  if (starts_with(words, "help ")) return command(std::string_view(words).substr(5), lang);
  for (std::string_view flag : {" --help", " -h"}) {
    if (words.size() > flag.size() && words.compare(words.size() - flag.size(), flag.size(), flag) == 0) {
      return command(std::string_view(words).substr(0, words.size() - flag.size()), lang);
    }
  }
  return std::nullopt;
}

}  // namespace gs::help
