// The class plan loader: class-plan.md's file, read with the scenario
// loader's schema walker. A lesson or scenario a segment names must exist
// and load, so a plan that validates opens every segment in class.
#include "sim/classroom/class_plan.hpp"

#include <set>

#include "sim/lesson/loader.hpp"
#include "sim/scenario/loader.hpp"
#include "sim/scenario/schema.hpp"

namespace gs::classroom {

namespace fs = std::filesystem;
using model::Node;
using scenario::detail::Diagnostics;
using scenario::detail::MapReader;
using scenario::detail::read_duration;
using scenario::detail::read_enum;
using scenario::detail::read_int;
using scenario::detail::read_list;
using scenario::detail::read_string;
using scenario::detail::read_text;

namespace {

// The longest a segment may be; a class is minutes to hours.
constexpr std::int64_t kMaxSegmentMinutes = 240;

std::optional<std::string> plan_id(Diagnostics& d, const Node& v, std::string_view label) {
  auto s = read_string(d, v, label);
  if (!s) return std::nullopt;
  for (char c : *s) {
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-')) {
      d.error(v.mark, "invalid " + std::string(label) + " '" + *s + "': an id uses only a-z, 0-9 and '-'");
      return std::nullopt;
    }
  }
  return s;
}

std::vector<LocalizedText> read_texts(Diagnostics& d, const Node* n, std::string_view field) {
  std::vector<LocalizedText> out;
  if (const auto* items = read_list(d, n, field)) {
    for (const auto& item : *items) {
      if (auto t = read_text(d, item, std::string(field) + " item")) out.push_back(*t);
    }
  }
  return out;
}

std::optional<CheckQuestion> read_question(Diagnostics& d, const Node& n) {
  MapReader m(d, n, "question");
  if (!m.ok()) return std::nullopt;
  CheckQuestion q;
  q.pos = d.pos(n.mark);
  if (const Node* v = m.required("prompt")) {
    if (auto t = read_text(d, *v, "prompt")) q.prompt = *t;
  }
  q.choices = read_texts(d, m.required("choices"), "choices");
  const Node* choices = n.find("choices");
  const std::size_t count = choices && choices->is_list() ? choices->items().size() : 0;
  if (m.has("choices") && count < 2) {
    d.error(m.key_mark("choices"), "a question has at least two choices, not " + std::to_string(count));
  }
  if (const Node* v = m.optional("answer")) {
    if (auto a = read_int(d, *v, "answer")) {
      if (static_cast<std::uint64_t>(*a) >= count) {
        d.error(v->mark, "answer " + std::to_string(*a) + " is not an index of choices (0 to " +
                             std::to_string(count == 0 ? 0 : count - 1) + ")");
      } else {
        q.answer = static_cast<int>(*a);
      }
    }
  }
  if (const Node* v = m.optional("explain")) q.explain = read_text(d, *v, "explain");
  return q;
}

// A lesson or scenario file a segment names: it exists and loads.
void read_file_ref(Diagnostics& d, const Node& v, const fs::path& dir, bool is_lesson, std::string& rel,
                   fs::path& path) {
  const char* what = is_lesson ? "lesson" : "scenario";
  auto s = read_string(d, v, what);
  if (!s) return;
  rel = *s;
  path = (dir / *s).lexically_normal();
  std::error_code ec;
  if (!fs::is_regular_file(path, ec)) {
    d.error(v.mark, std::string("cannot read ") + what + " '" + *s + "' (" + path.string() + "): no such file");
    return;
  }
  const std::size_t problems = is_lesson ? lesson::load_lesson_file(path).errors.size()
                                         : scenario::load_scenario_file(path).errors.size();
  if (problems > 0) {
    d.error(v.mark, std::string(what) + " '" + *s + "' does not load (" + std::to_string(problems) +
                        (problems == 1 ? " problem" : " problems") + "; gitops-sim validate " + path.string() + ")");
  }
}

void read_segment(Diagnostics& d, const Node& n, const fs::path& dir, Segment& seg) {
  MapReader m(d, n, "segment");
  if (!m.ok()) return;
  seg.pos = d.pos(n.mark);
  if (const Node* v = m.required("id")) seg.id = plan_id(d, *v, "segment id").value_or("");
  if (const Node* v = m.required("kind")) seg.kind = read_enum(d, *v, "kind", kSegmentKinds).value_or("");
  if (const Node* v = m.required("minutes")) {
    if (auto x = read_int(d, *v, "minutes", 1, kMaxSegmentMinutes)) seg.minutes = static_cast<int>(*x);
  }
  if (const Node* v = m.required("title")) {
    if (auto t = read_text(d, *v, "title")) seg.title = *t;
  }
  if (const Node* v = m.optional("notes")) seg.notes = read_text(d, *v, "notes");
  const Node* lesson = m.optional("lesson");
  const Node* scen = m.optional("scenario");
  if (lesson && scen) d.error(m.key_mark("scenario"), "a segment opens a lesson or a scenario, not both");
  if (lesson) read_file_ref(d, *lesson, dir, true, seg.lesson, seg.lesson_path);
  if (scen) read_file_ref(d, *scen, dir, false, seg.scenario, seg.scenario_path);
  seg.prompts = read_texts(d, m.optional("prompts"), "prompts");
  if (const Node* v = m.optional("swapEvery")) {
    if (seg.kind != "pair") d.error(m.key_mark("swapEvery"), "swapEvery belongs to a pair segment");
    seg.swap_every = read_duration(d, *v, "swapEvery", false);
  }
  if (const Node* v = m.optional("questions")) {
    if (seg.kind != "check") d.error(m.key_mark("questions"), "questions belong to a check segment");
    if (const auto* items = read_list(d, v, "questions")) {
      for (const auto& item : *items) {
        if (auto q = read_question(d, item)) seg.questions.push_back(std::move(*q));
      }
    }
  }
  if (seg.kind == "check" && !m.has("questions")) {
    d.error(m.mark(), "a check segment has questions");
  }
}

void read_plan(Diagnostics& d, const Node& root, const fs::path& dir, ClassPlan& plan) {
  MapReader top(d, root, "class plan");
  if (!scenario::detail::read_file_header(d, top, "ClassPlan")) {
    top.ignore_rest();
    return;
  }
  if (const Node* meta = top.required("metadata")) {
    MapReader m(d, *meta, "metadata");
    if (m.ok()) {
      if (const Node* v = m.required("name")) plan.name = plan_id(d, *v, "metadata.name").value_or("");
      if (const Node* v = m.required("title")) {
        if (auto t = read_text(d, *v, "title")) plan.title = *t;
      }
      if (const Node* v = m.optional("summary")) plan.summary = read_text(d, *v, "summary");
    }
  }
  const Node* segs = top.required("segments");
  if (const auto* items = read_list(d, segs, "segments")) {
    if (segs && items->empty()) d.error(segs->mark, "a class plan has at least one segment");
    std::set<std::string> ids;
    for (const auto& item : *items) {
      Segment seg;
      read_segment(d, item, dir, seg);
      if (!seg.id.empty() && !ids.insert(seg.id).second) {
        d.error(item.mark, "segment id '" + seg.id + "' is used twice");
      }
      plan.segments.push_back(std::move(seg));
    }
  }
}

ClassPlanResult load_text(std::string_view text, std::string_view file_name) {
  Diagnostics d{std::string(file_name)};
  ClassPlanResult result;
  auto root = scenario::detail::parse_file_text(d, text, "class plan");
  if (root && root->is_null()) {
    d.error({1, 1}, "empty class plan; expected apiVersion: gitops-sim/v1, kind: ClassPlan, metadata: {name: ...}");
  } else if (root && !root->is_map()) {
    d.error(root->mark, "a class plan is a map (apiVersion: gitops-sim/v1, kind: ClassPlan, ...), not " +
                            scenario::detail::describe(*root));
  } else if (root) {
    ClassPlan plan;
    plan.file = std::string(file_name);
    read_plan(d, *root, fs::path(file_name).parent_path(), plan);
    if (d.count() == 0) result.plan = std::move(plan);
  }
  result.errors = d.take_sorted();
  return result;
}

}  // namespace

ClassPlanResult load_class_plan_text(std::string_view text, std::string_view file_name) {
  // No exception leaves the module; this only catches running out of memory.
  try {
    return load_text(text, file_name);
  } catch (const std::exception& e) {
    ClassPlanResult r;
    r.errors.emplace_back(std::string("cannot load class plan: ") + e.what(), SourcePos{std::string(file_name), 1, 1});
    return r;
  }
}

ClassPlanResult load_class_plan_file(const fs::path& path) {
  auto text = scenario::detail::read_file_text(path, "class plan");
  if (!text) return ClassPlanResult{std::nullopt, {text.error()}};
  return load_class_plan_text(*text, path.string());
}

bool is_class_plan_file(const fs::path& path) {
  auto text = scenario::detail::read_file_text(path, "class plan");
  if (!text) return false;
  Diagnostics d{path.string()};
  auto root = scenario::detail::parse_file_text(d, *text, "class plan");
  return root && root->is_map() && root->get_string({"kind"}).value_or("") == "ClassPlan";
}

}  // namespace gs::classroom
