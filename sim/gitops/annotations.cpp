#include "sim/gitops/annotations.hpp"

#include <algorithm>

namespace gs::gitops {

using model::Node;

std::string annotation(const Node& obj, std::string_view key) {
  const Node* ann = obj.get({"metadata", "annotations"});
  if (!ann) return {};
  const Node* v = ann->find(key);
  return v && v->is_scalar() ? v->text() : std::string();
}

std::vector<std::string> split_csv(std::string_view text) {
  std::vector<std::string> out;
  std::size_t i = 0;
  while (i <= text.size()) {
    const std::size_t j = std::min(text.find(',', i), text.size());
    std::string_view item = text.substr(i, j - i);
    while (!item.empty() && (item.front() == ' ' || item.front() == '\t')) item.remove_prefix(1);
    while (!item.empty() && (item.back() == ' ' || item.back() == '\t')) item.remove_suffix(1);
    if (!item.empty() && std::find(out.begin(), out.end(), item) == out.end()) out.emplace_back(item);
    i = j + 1;
  }
  return out;
}

std::vector<std::string> annotation_csv(const Node& obj, std::string_view key) {
  return split_csv(annotation(obj, key));
}

bool has_annotation_option(const Node& obj, std::string_view key, std::string_view value) {
  const auto values = annotation_csv(obj, key);
  return std::find(values.begin(), values.end(), value) != values.end();
}

namespace {

// What the words of annotation `key` stand for in `table`, in the
// annotation's order; unknown words are passed over. Each comes once, as
// split_csv drops repeated words and a table gives each value one word.
template <class T, std::size_t N>
std::vector<T> annotation_words(const Node& obj, std::string_view key, const std::pair<const char*, T> (&table)[N]) {
  std::vector<T> out;
  for (const auto& item : annotation_csv(obj, key)) {
    for (const auto& [word, value] : table) {
      if (item == word) out.push_back(value);
    }
  }
  return out;
}

// The recognised words of the hook annotation, in order, once each.
std::vector<HookKind> hook_words(const Node& obj) {
  static const std::pair<const char*, HookKind> kWords[] = {{"PreSync", HookKind::PreSync},
                                                            {"Sync", HookKind::Sync},
                                                            {"PostSync", HookKind::PostSync},
                                                            {"SyncFail", HookKind::SyncFail},
                                                            {"Skip", HookKind::Skip}};
  return annotation_words(obj, kAnnotationHook, kWords);
}

}  // namespace

// Skip only when it is the one word, or nothing runnable is named (hook.go Skip, syncPhases).
HookKind hook_kind(const Node& obj) {
  const auto kinds = hook_kinds(obj);
  return kinds.front();
}

std::vector<HookKind> hook_kinds(const Node& obj) {
  if (annotation(obj, kAnnotationHook).empty()) return {HookKind::None};
  std::vector<HookKind> out = hook_words(obj);
  out.erase(std::remove(out.begin(), out.end(), HookKind::Skip), out.end());
  if (out.empty()) return {HookKind::Skip};
  return out;
}

SyncPhase phase_of(HookKind k) {
  switch (k) {
    case HookKind::PreSync: return SyncPhase::PreSync;
    case HookKind::PostSync: return SyncPhase::PostSync;
    case HookKind::SyncFail: return SyncPhase::SyncFail;
    default: return SyncPhase::Sync;
  }
}

const char* hook_name(HookKind k) {
  switch (k) {
    case HookKind::PreSync: return "PreSync";
    case HookKind::Sync: return "Sync";
    case HookKind::PostSync: return "PostSync";
    case HookKind::SyncFail: return "SyncFail";
    case HookKind::Skip: return "Skip";
    case HookKind::None: return "";
  }
  return "";
}

std::vector<HookDeletePolicy> hook_delete_policies(const Node& obj) {
  static const std::pair<const char*, HookDeletePolicy> kWords[] = {
      {"HookSucceeded", HookDeletePolicy::HookSucceeded},
      {"HookFailed", HookDeletePolicy::HookFailed},
      {"BeforeHookCreation", HookDeletePolicy::BeforeHookCreation}};
  std::vector<HookDeletePolicy> out = annotation_words(obj, kAnnotationHookDeletePolicy, kWords);
  if (out.empty()) out.push_back(HookDeletePolicy::BeforeHookCreation);
  return out;
}

bool has_delete_policy(const Node& obj, HookDeletePolicy policy) {
  const auto policies = hook_delete_policies(obj);
  return std::find(policies.begin(), policies.end(), policy) != policies.end();
}

int sync_wave(const Node& obj) { return parse_sync_wave(annotation(obj, kAnnotationSyncWave)); }

bool has_sync_option(const Node& obj, std::string_view option) {
  return has_annotation_option(obj, kAnnotationSyncOptions, option);
}

std::optional<std::string> sync_option_value(const Node& obj, std::string_view key) {
  const std::string prefix = std::string(key) + "=";
  for (const auto& item : annotation_csv(obj, kAnnotationSyncOptions)) {
    if (item.rfind(prefix, 0) == 0) return item.substr(prefix.size());
  }
  return std::nullopt;
}

bool has_compare_option(const Node& obj, std::string_view option) {
  return has_annotation_option(obj, kAnnotationCompareOptions, option);
}

}  // namespace gs::gitops
