#include "sim/record/to_scenario.hpp"

#include <fstream>

#include "sim/model/yaml.hpp"
#include "sim/record/replayer.hpp"
#include "sim/world/command.hpp"
#include "sim/world/world.hpp"

namespace gs::record {

namespace fs = std::filesystem;
using model::Node;

namespace {

// The lesson's fields that are not a scenario's.
bool lesson_only_world_field(std::string_view key) { return key == "scenario" || key == "start"; }

Result<Node> base_document(const Recording& rec, const Replayer& replayer) {
  const auto& sources = rec.sources();
  auto parse = [&](const std::string& name) -> Result<Node> {
    auto it = sources.find(name);
    if (it == sources.end()) return Error(rec.file().string() + ": the recording holds no copy of " + name);
    return model::parse_yaml(it->second, model::LoadOptions{name});
  };
  if (rec.info().kind == kKindScenario) return parse(rec.info().source);
  // A lesson: the scenario it names, or its inline world as a scenario.
  const std::string& world_file = replayer.scenario().file;
  if (!world_file.empty() && world_file != rec.info().source) return parse(world_file);
  auto lesson_doc = parse(rec.info().source);
  if (!lesson_doc) return lesson_doc.error();
  const Node* world = lesson_doc->find("world");
  if (world == nullptr || !world->is_map()) return Error(rec.file().string() + ": its lesson has no world map");
  Node doc = Node::map();
  doc.set("apiVersion", Node::string("gitops-sim/v1"));
  doc.set("kind", Node::string("Scenario"));
  Node meta = Node::map();
  meta.set("name", Node::string(rec.info().name));
  doc.set("metadata", meta);
  for (const auto& entry : world->entries()) {
    if (!lesson_only_world_field(entry.key)) doc.set(entry.key, entry.value);
  }
  return doc;
}

}  // namespace

Result<std::string> scenario_text(const Recording& rec, std::vector<std::string>* notes) {
  // The commands that made the session's last world (a lesson's reset or
  // undo took some back): the final journal of a full replay.
  auto replayer = Replayer::create(rec);
  if (!replayer) return replayer.error();
  if (auto st = (*replayer)->seek(rec.info().end_pos_ms); !st) return st.error();
  auto doc = base_document(rec, **replayer);
  if (!doc) return doc.error();
  if (!doc->is_map()) return Error(rec.file().string() + ": its source is not a map");

  Node& timeline = (*doc)["timeline"];
  if (timeline.is_null()) timeline = Node::list();
  std::vector<Node> entries = timeline.items();
  // Each entry's time, to merge in order.
  auto entry_ms = [](const Node& e) -> std::int64_t {
    const Node* at = e.find("at");
    if (at == nullptr || !at->is_scalar()) return 0;
    auto d = parse_duration(at->text());
    return d ? d->ms : 0;
  };
  std::int64_t last_ms = 0;
  for (const auto& j : (*replayer)->session().journal()) {
    if (j.origin == session::Origin::Timeline || !j.ok) continue;
    auto cmd = world::parse_command(j.command);
    if (!cmd) continue;
    const auto& path = cmd->path;
    if (cmd->spec->read_only || path.front() == "sim" ||
        path == std::vector<std::string>{"argocd", "app", "wait"}) {
      continue;
    }
    Node e = Node::map();
    e.set("at", Node::string(format_duration(Duration::millis(j.at.ms))));
    e.set("run", Node::string(j.command));
    const bool is_write = path == std::vector<std::string>{"git", "write"};
    const bool is_commit = path == std::vector<std::string>{"git", "commit"};
    if (is_write) {
      auto it = j.files.find(cmd->args.at(1));
      e.set("content", Node::string(it != j.files.end() && it->second ? *it->second : std::string()));
    } else if (is_commit && !j.files.empty()) {
      Node files = Node::map();
      Node removed = Node::list();
      for (const auto& [p, content] : j.files) {
        if (content) {
          files.set(p, Node::string(*content));
        } else {
          removed.push_back(Node::string(p));
        }
      }
      if (!files.entries().empty()) e.set("files", files);
      if (!removed.items().empty()) e.set("delete", removed);
    } else if (!j.files.empty()) {
      if (notes) notes->push_back("left out at " + format_offset(j.at) + ": '" + j.command +
                                  "' (a timeline entry cannot carry the file given with it)");
      continue;
    }
    // After the source's entries of the same instant, as the session gave it.
    auto pos = entries.begin();
    while (pos != entries.end() && entry_ms(*pos) <= j.at.ms) ++pos;
    entries.insert(pos, std::move(e));
    last_ms = std::max(last_ms, j.at.ms);
  }
  timeline.items() = std::move(entries);
  // The clock runs at least to where the session ended.
  Node& clock = (*doc)["clock"];
  if (clock.is_null()) clock = Node::map();
  const std::int64_t end_ms = std::max(last_ms, rec.info().end_at_ms);
  const Node* end = clock.find("end");
  std::int64_t old_end = 0;
  if (end != nullptr && end->is_scalar()) {
    if (auto d = parse_duration(end->text())) old_end = d->ms;
  }
  if (end_ms > old_end) clock.set("end", Node::string(format_duration(Duration::millis(end_ms))));
  Node& meta = (*doc)["metadata"];
  if (meta.is_map()) {
    const Node* name = meta.find("name");
    const std::string base = name != nullptr && name->is_scalar() ? name->text() : rec.info().name;
    meta.set("name", Node::string(base + "-recorded"));
  }
  std::string header = "# Made by gitops-sim replay --to-scenario from " + rec.file().filename().string() +
                       " (" + rec.info().kind + " " + rec.info().source + ").\n";
  return header + model::to_yaml(*doc, model::DumpOptions{false});
}

Status write_scenario(const Recording& rec, const fs::path& out, std::vector<std::string>* notes) {
  std::error_code ec;
  if (fs::exists(out, ec)) return Error(out.string() + ": already exists; give another name or remove it first");
  auto text = scenario_text(rec, notes);
  if (!text) return text.error();
  std::ofstream f(out, std::ios::binary);
  if (!f) return Error("cannot write " + out.string());
  f << *text;
  f.close();
  if (!f) return Error("cannot write " + out.string());
  return {};
}

}  // namespace gs::record
