// The lesson loader: lesson-format.md's file, read with the scenario
// loader's schema walker and its world reader.
#include "sim/lesson/loader.hpp"

#include <map>

#include "sim/scenario/check_reader.hpp"
#include "sim/scenario/loader.hpp"
#include "sim/scenario/parts.hpp"
#include "sim/scenario/schema.hpp"
#include "sim/world/command.hpp"

namespace gs::lesson {

namespace fs = std::filesystem;
using model::Mark;
using model::Node;
using scenario::detail::Diagnostics;
using scenario::Known;
using scenario::detail::MapReader;
using scenario::detail::read_bool;
using scenario::detail::read_duration;
using scenario::detail::read_int;
using scenario::detail::read_list;
using scenario::detail::read_string;
using scenario::detail::read_text;
using scenario::detail::shown;

namespace {

// lesson-format.md's "Concept ids", in its order.
const std::vector<std::string> kSpecConcepts = {
    "traceability",   "declarative",       "versioned",      "pulled",         "reconciled",
    "push-vs-pull",   "argocd-components", "reconcile-loop", "poll-vs-webhook", "sync-vs-health",
    "drift",          "self-heal",         "prune",          "sync-policy",    "rollback",
    "application",    "kustomize",         "branch-strategy", "hotfix",        "promotion",
    "multi-cluster",  "app-of-apps",       "sync-windows",   "diagnosis",      "helm",
    "progressive-delivery", "tool-choice", "case-metrics",
};

// The fields a lesson's inline `world:` may hold: a scenario's own.
const std::vector<std::string> kWorldFields = {"seed",  "clock",        "settings", "clusters", "registry",
                                               "repos", "applications", "projects", "live",     "timeline",
                                               "pipelines", "ci", "flux"};  // issue 12

std::optional<std::string> id_problem(std::string_view id) {
  if (id.empty()) return "an id is not empty";
  for (char c : id) {
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-')) return "an id uses only a-z, 0-9 and '-'";
  }
  return std::nullopt;
}

// A required [a-z0-9-]+ id in `field`, or nullopt (reported).
std::optional<std::string> read_id(Diagnostics& d, MapReader& m, const char* field, std::string_view label) {
  const Node* v = m.required(field);
  if (!v) return std::nullopt;
  auto s = read_string(d, *v, label);
  if (!s) return std::nullopt;
  if (auto p = id_problem(*s)) {
    d.error(v->mark, "invalid " + std::string(label) + " '" + *s + "': " + *p);
    return std::nullopt;
  }
  return s;
}

// Everything the readers share: the lesson file's diagnostics, the names
// the world defines (for checks), and problems found in a named scenario.
struct Reading {
  Diagnostics& d;
  fs::path dir;  // the lesson file's directory
  Known known;
  bool world_read = false;  // the world loaded: checks can be read against its names
  Errors scenario_errors;
  scenario::SourceFiles& files;
};

std::vector<std::string> known_concepts(const fs::path& dir, scenario::SourceFiles& files) {
  std::vector<std::string> ids = kSpecConcepts;
  const fs::path readme = dir / "README.md";
  if (!files.is_file(readme)) return ids;
  auto text = files.read(readme, "README");
  if (!text) return ids;
  for (auto& id : readme_concepts(*text)) ids.push_back(std::move(id));
  return ids;
}

void read_metadata(Reading& r, const Node& n, Lesson& lesson) {
  Diagnostics& d = r.d;
  MapReader m(d, n, "metadata");
  if (!m.ok()) return;
  if (auto id = read_id(d, m, "name", "metadata.name")) {
    lesson.name = *id;
    lesson.name_pos = d.pos(m.key_mark("name"));
  }
  if (const Node* v = m.required("title")) {
    if (auto t = read_text(d, *v, "title")) lesson.title = *t;
  }
  if (const Node* v = m.optional("summary")) {
    if (auto t = read_text(d, *v, "summary")) lesson.summary = *t;
  }
  if (const Node* v = m.optional("concepts")) {
    if (const auto* items = read_list(d, v, "concepts")) {
      const std::vector<std::string> known = known_concepts(r.dir, r.files);
      for (const auto& item : *items) {
        auto s = read_string(d, item, "concepts item");
        if (!s) continue;
        if (scenario::detail::check_ref(d, item.mark, "concept", *s, known)) lesson.concepts.push_back(*s);
      }
    }
  }
  if (const Node* v = m.optional("minutes")) {
    if (auto x = read_int(d, *v, "minutes", 1, 600)) lesson.minutes = static_cast<int>(*x);
  }
}

void read_named_scenario(Reading& r, const Node& v, Lesson& lesson) {
  auto rel = read_string(r.d, v, "world.scenario");
  if (!rel) return;
  const fs::path path = (r.dir / *rel).lexically_normal();
  if (!r.files.is_file(path)) {
    r.d.error(v.mark, "cannot read scenario '" + *rel + "' (" + path.string() + "): no such file");
    return;
  }
  auto loaded = scenario::load_scenario_file(path, &r.known, r.files);
  if (!loaded.ok()) {
    r.d.error(v.mark, "scenario '" + *rel + "' does not load (" + std::to_string(loaded.errors.size()) +
                          (loaded.errors.size() == 1 ? " problem" : " problems") + ", listed below)");
    r.scenario_errors = std::move(loaded.errors);
    return;
  }
  lesson.world = std::move(*loaded.scenario);
  r.world_read = true;
}

void read_world(Reading& r, const Node& n, Lesson& lesson) {
  Diagnostics& d = r.d;
  MapReader m(d, n, "world");
  if (!m.ok()) return;
  const Node* start = m.optional("start");
  if (const Node* v = m.optional("scenario")) {
    for (const auto& f : kWorldFields) {
      if (!m.has(f)) continue;
      m.optional(f);
      d.error(m.key_mark(f), "'" + f + "' belongs to the scenario file; with 'scenario:', 'world' holds only "
                             "'scenario' and 'start'");
    }
    read_named_scenario(r, *v, lesson);
  } else {
    // The scenario's own fields, inline; the lesson names it.
    scenario::Scenario& sc = lesson.world;
    sc.name = lesson.name;
    sc.title = lesson.title;
    sc.file = d.file();
    sc.world.file = sc.file;
    const std::size_t before = d.count();
    scenario::detail::read_world_fields(d, m, sc, r.known);
    r.world_read = d.count() == before;
  }
  if (start) {
    if (auto t = read_duration(d, *start, "start")) {
      if (r.world_read && *t > lesson.world.end) {
        d.error(start->mark, "start " + format_duration(*t) + " is after the world's clock.end " +
                                 format_duration(lesson.world.end));
      }
      lesson.start = *t;
    }
  }
}

std::optional<Question> read_question(Diagnostics& d, const Node& n) {
  MapReader m(d, n, "question");
  if (!m.ok()) return std::nullopt;
  Question q;
  q.pos = d.pos(n.mark);
  if (const auto* items = read_list(d, m.required("choices"), "choices")) {
    for (const auto& item : *items) {
      if (auto t = read_text(d, item, "choices item")) q.choices.push_back(*t);
    }
    if (m.has("choices") && items->size() < 2) {
      d.error(m.key_mark("choices"), "a question has at least two choices, not " + std::to_string(items->size()));
    }
  }
  if (const Node* v = m.required("answer")) {
    if (auto a = read_int(d, *v, "answer")) {
      const Node* choices = n.find("choices");
      const std::size_t count = choices && choices->is_list() ? choices->items().size() : 0;
      if (static_cast<std::uint64_t>(*a) >= count) {
        d.error(v->mark, "answer " + std::to_string(*a) + " is not an index of choices (0 to " +
                             std::to_string(count == 0 ? 0 : count - 1) + ")");
      }
      q.answer = static_cast<int>(std::min<std::int64_t>(*a, 1'000'000));
    }
  }
  if (const Node* v = m.optional("explain")) q.explain = read_text(d, *v, "explain");
  return q;
}

void read_deny(Diagnostics& d, const Node* n, Step& step) {
  const auto* items = read_list(d, n, "deny");
  if (!items) return;
  for (const auto& item : *items) {
    MapReader m(d, item, "deny");
    if (!m.ok()) continue;
    Deny deny;
    deny.pos = d.pos(item.mark);
    if (const Node* v = m.required("command")) {
      if (auto s = read_string(d, *v, "command")) {
        if (!deny_names_a_command(*s)) {
          d.error(v->mark, "deny '" + *s + "' is not a prefix of any command of the language");
        }
        deny.command = *s;
      }
    }
    if (const Node* v = m.required("why")) {
      if (auto t = read_text(d, *v, "why")) deny.why = *t;
    }
    step.deny.push_back(std::move(deny));
  }
}

// One solution entry: a command, or `{run: "git write REPO@BRANCH PATH",
// content: "..."}` for a command that stages a file's text.
void read_solution_item(Diagnostics& d, const Node& item, Step& step) {
  std::map<std::string, std::optional<std::string>> files;
  std::optional<std::string> line;
  Mark at = item.mark;
  const Node* content = nullptr;
  if (item.is_map()) {
    MapReader m(d, item, "solution item");
    if (const Node* run = m.required("run")) {
      at = run->mark;
      line = read_string(d, *run, "run");
    }
    content = m.present("content");
    if (content && !content->is_null() && !content->is_scalar()) {
      d.error(content->mark, "'content' must be the file's text (write it as a '|' block), not " + shown(*content));
      return;
    }
  } else {
    line = read_string(d, item, "solution item");
  }
  if (!line) return;
  auto cmd = world::parse_command(*line);
  if (!cmd) {
    d.error(at, "solution command does not parse: " + cmd.error().message);
    return;
  }
  const bool is_write = cmd->path == std::vector<std::string>{"git", "write"};
  if (is_write && !content) {
    d.error(at, "solution command git write needs its file's text: write the item as {run: \"" + *line +
                    "\", content: \"...\"} (content as a '|' block)");
    return;
  }
  if (!is_write && content) {
    d.error(content->mark, "'content' goes only with a 'git write' solution command");
    return;
  }
  if (is_write) files[cmd->args[1]] = content->is_null() ? std::string() : content->text();
  step.solution.push_back(*line);
  step.solution_files.push_back(std::move(files));
}

void read_solution(Diagnostics& d, const Node* n, Step& step) {
  const auto* items = read_list(d, n, "solution");
  if (!items) return;
  for (const auto& item : *items) read_solution_item(d, item, step);
}

std::optional<Step> read_step(Reading& r, const Node& n, std::map<std::string, Mark>& ids) {
  Diagnostics& d = r.d;
  MapReader m(d, n, "step");
  if (!m.ok()) return std::nullopt;
  Step step;
  step.pos = d.pos(n.mark);
  if (auto id = read_id(d, m, "id", "step id")) {
    step.id = *id;
    const Mark at = m.key_mark("id");
    auto [it, fresh] = ids.emplace(*id, at);
    if (!fresh) d.error(at, "duplicate step id '" + *id + "' (first at line " + std::to_string(it->second.line) + ")");
    r.known.step_ids.push_back(*id);  // `answered:` names this step or an earlier one
  }
  step.title = LocalizedText{step.id, step.id};
  if (const Node* v = m.optional("title")) {
    if (auto t = read_text(d, *v, "title")) step.title = *t;
  }
  if (const Node* v = m.required("text")) {
    if (auto t = read_text(d, *v, "text")) step.text = *t;
  }
  const Node* question = m.optional("question");
  const Node* check = m.optional("check");
  if (question && check) d.error(m.key_mark("question"), "a step has a 'check' or a 'question', not both");
  if (question) step.question = read_question(d, *question);
  // Checks name the world's apps, clusters and repos: read only against a world that loaded.
  if (check && r.world_read) step.check = scenario::read_check(d, *check, r.known, scenario::CheckUse::Lesson);
  if (const Node* v = m.optional("observe")) {
    step.observe = read_bool(d, *v, "observe").value_or(false);
    if (step.observe && !check) d.error(m.key_mark("observe"), "'observe' goes with a 'check'");
  }
  if (const Node* v = m.optional("within")) {
    if (auto t = read_duration(d, *v, "within", /*allow_zero=*/false)) step.within = *t;
  }
  read_deny(d, m.optional("deny"), step);
  if (const auto* items = read_list(d, m.optional("hints"), "hints")) {
    for (const auto& item : *items) {
      if (auto t = read_text(d, item, "hints item")) step.hints.push_back(*t);
    }
  }
  if (const auto* items = read_list(d, m.optional("prompts"), "prompts")) {
    for (const auto& item : *items) {
      if (auto t = read_text(d, item, "prompts item")) step.prompts.push_back(*t);
    }
  }
  read_solution(d, m.optional("solution"), step);
  return step;
}

void read_lesson(Reading& r, const Node& root, Lesson& lesson) {
  Diagnostics& d = r.d;
  MapReader m(d, root, "lesson");
  if (!scenario::detail::read_file_header(d, m, "Lesson")) return;
  if (const Node* v = m.required("metadata")) read_metadata(r, *v, lesson);
  if (const Node* v = m.required("world")) read_world(r, *v, lesson);
  const Node* steps = m.required("steps");
  // Applications a solution writes (`git write` with content) are names any
  // step's check may use, as those in the world's repository files are.
  if (steps && steps->is_list()) {
    for (const auto& step : steps->items()) {
      const Node* solution = step.is_map() ? step.find("solution") : nullptr;
      if (!solution || !solution->is_list()) continue;
      for (const auto& entry : solution->items()) {
        const Node* content = entry.is_map() ? entry.find("content") : nullptr;
        if (content && content->is_scalar()) scenario::detail::add_apps_in(content->text(), r.known);
      }
    }
  }
  if (const auto* items = steps ? read_list(d, steps, "steps") : nullptr) {
    if (items->empty()) d.error(steps->mark, "a lesson has at least one step");
    std::map<std::string, Mark> ids;
    for (const auto& item : *items) {
      if (auto s = read_step(r, item, ids)) lesson.steps.push_back(std::move(*s));
    }
  }
}

LoadResult load_text(std::string_view text, std::string_view file_name, scenario::SourceFiles& files) {
  Diagnostics d{std::string(file_name)};
  Reading r{d, fs::path(file_name).parent_path(), {}, false, {}, files};
  LoadResult result;
  auto fail = [&] {
    result.errors = d.take_sorted();
    for (auto& e : r.scenario_errors) result.errors.push_back(std::move(e));
    return result;
  };
  auto root = scenario::detail::parse_file_text(d, text, "lesson");
  if (!root) return fail();
  if (root->is_null()) {
    d.error({1, 1}, "empty lesson file; expected apiVersion: gitops-sim/v1, kind: Lesson, metadata: {name: ...}");
    return fail();
  }
  if (!root->is_map()) {
    d.error(root->mark, "a lesson file is a map (apiVersion: gitops-sim/v1, kind: Lesson, ...), not " +
                            scenario::detail::describe(*root));
    return fail();
  }
  Lesson lesson;
  lesson.file = std::string(file_name);
  read_lesson(r, *root, lesson);
  if (d.count() > 0 || !r.scenario_errors.empty()) return fail();
  result.lesson = std::move(lesson);
  return result;
}

}  // namespace

const std::vector<std::string>& spec_concepts() { return kSpecConcepts; }

std::vector<std::string> readme_concepts(std::string_view readme) {
  std::vector<std::string> ids;
  bool in_concepts = false;
  std::size_t pos = 0;
  while (pos < readme.size()) {
    std::size_t end = readme.find('\n', pos);
    if (end == std::string_view::npos) end = readme.size();
    std::string_view line = readme.substr(pos, end - pos);
    pos = end + 1;
    if (line.rfind("#", 0) == 0) {
      in_concepts = line.find("Concepts") != std::string_view::npos;
      continue;
    }
    if (!in_concepts || line.rfind("| `", 0) != 0) continue;
    const std::size_t close = line.find('`', 3);
    if (close == std::string_view::npos) continue;
    const std::string id(line.substr(3, close - 3));
    if (!id_problem(id)) ids.push_back(id);
  }
  return ids;
}

bool deny_names_a_command(std::string_view deny) {
  auto words = world::tokenize(deny);
  if (!words || words->empty()) return false;
  for (const auto& spec : world::command_table()) {
    const std::size_t n = std::min(words->size(), spec.path.size());
    if (std::equal(spec.path.begin(), spec.path.begin() + static_cast<std::ptrdiff_t>(n), words->begin())) return true;
  }
  return false;
}

LoadResult load_lesson_text(std::string_view text, std::string_view file_name, scenario::SourceFiles& files) {
  // No exception leaves the module; this only catches running out of memory.
  try {
    return load_text(text, file_name, files);
  } catch (const std::exception& e) {
    LoadResult r;
    r.errors.emplace_back(std::string("cannot load lesson: ") + e.what(), SourcePos{std::string(file_name), 1, 1});
    return r;
  }
}

bool is_lesson_file(const std::filesystem::path& path) {
  auto text = scenario::detail::read_file_text(path, "lesson");
  if (!text) return false;
  Diagnostics d{path.string()};
  auto root = scenario::detail::parse_file_text(d, *text, "lesson");
  return root && root->is_map() && root->get_string({"kind"}).value_or("") == "Lesson";
}

LoadResult load_lesson_file(const std::filesystem::path& path, scenario::SourceFiles& files) {
  auto text = files.read(path, "lesson");
  if (!text) return LoadResult{std::nullopt, {text.error()}};
  return load_lesson_text(*text, path.string(), files);
}

}  // namespace gs::lesson
