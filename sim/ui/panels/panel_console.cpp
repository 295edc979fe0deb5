// Console: the command language, as a learner types it — `git`, `kubectl`,
// `argocd`, `fault`, `sim` — with history (Up/Down) and Tab completion of
// commands, flags, apps, repos, clusters and resources. Output is what the
// real tools print. Buttons elsewhere echo their commands here too.
#include <imgui.h>

#include <algorithm>
#include <cstdio>
#include <set>

#include "sim/cluster/cluster.hpp"
#include "sim/git/repository.hpp"
#include "sim/help/help.hpp"
#include "sim/ui/panels/panels.hpp"
#include "sim/ui/view/completion.hpp"
#include "sim/world/world.hpp"

namespace gs::ui {
namespace {

CompletionNames names_of(const world::World& w) {
  CompletionNames n;
  n.apps = w.app_names();
  std::set<std::string> ns, res;
  for (const auto& r : w.repos()) {
    n.repos.push_back(r.name);
    for (const auto& b : r.repo->branches()) n.repo_refs.push_back(r.name + "@" + b);
  }
  for (const auto& c : w.clusters()) {
    n.clusters.push_back(c.name);
    for (const auto& k : c.cluster->keys()) {
      if (!k.ns.empty()) ns.insert(k.ns);
      if (k.kind == "Deployment" || k.kind == "Service" || k.kind == "ConfigMap" || k.kind == "Pod" ||
          k.kind == "ReplicaSet" || k.kind == "Ingress" || k.kind == "Secret") {
        std::string kind = k.kind;
        std::transform(kind.begin(), kind.end(), kind.begin(), [](unsigned char ch) { return static_cast<char>(std::tolower(ch)); });
        if (res.size() < 2000) res.insert(kind + "/" + k.name);
      }
    }
  }
  n.namespaces.assign(ns.begin(), ns.end());
  n.resources.assign(res.begin(), res.end());
  return n;
}

struct CallbackData {
  FrameContext* ctx;
  ConsolePanelState* st;
};

int input_callback(ImGuiInputTextCallbackData* data) {
  auto* cd = static_cast<CallbackData*>(data->UserData);
  ConsolePanelState& st = *cd->st;
  if (data->EventFlag == ImGuiInputTextFlags_CallbackCompletion) {
    const std::string line(data->Buf, static_cast<std::size_t>(data->BufTextLen));
    const Completion c = complete_line(line, names_of(cd->ctx->session.world()));
    if (c.line != line) {
      data->DeleteChars(0, data->BufTextLen);
      data->InsertChars(0, c.line.c_str());
    }
    if (c.candidates.size() > 1) {
      std::string all;
      for (const auto& x : c.candidates) all += x + "  ";
      cd->ctx->console.add(ConsoleLine::Kind::Info, all);
    }
  } else if (data->EventFlag == ImGuiInputTextFlags_CallbackHistory) {
    if (st.history.empty()) return 0;
    const int n = static_cast<int>(st.history.size());
    if (data->EventKey == ImGuiKey_UpArrow) {
      st.history_pos = st.history_pos < 0 ? n - 1 : std::max(0, st.history_pos - 1);
    } else if (data->EventKey == ImGuiKey_DownArrow) {
      st.history_pos = st.history_pos < 0 ? -1 : st.history_pos + 1;
      if (st.history_pos >= n) st.history_pos = -1;
    }
    data->DeleteChars(0, data->BufTextLen);
    if (st.history_pos >= 0) data->InsertChars(0, st.history[st.history_pos].c_str());
  }
  return 0;
}

}  // namespace

void draw_console_panel(FrameContext& ctx, ConsolePanelState& st) {
  const Theme& th = ctx.theme;
  const float s = ctx.scale;
  const float input_h = ImGui::GetFrameHeightWithSpacing() + 4 * s;
  ImGui::BeginChild("##out", ImVec2(0, -input_h), true, ImGuiWindowFlags_HorizontalScrollbar);
  ImGui::PushFont(ctx.fonts.mono);
  const auto& lines = ctx.console.lines;
  ImGuiListClipper clip;
  clip.Begin(static_cast<int>(lines.size()));
  while (clip.Step()) {
    for (int i = clip.DisplayStart; i < clip.DisplayEnd; ++i) {
      const ConsoleLine& l = lines[i];
      Color c = th.text;
      if (l.kind == ConsoleLine::Kind::Input) c = th.accent;
      else if (l.kind == ConsoleLine::Kind::Error) c = argo::kRed;
      else if (l.kind == ConsoleLine::Kind::Info) c = th.text_dim;
      ImGui::PushStyleColor(ImGuiCol_Text, ImGui::ColorConvertU32ToFloat4(c));
      ImGui::TextUnformatted(l.text.c_str());
      ImGui::PopStyleColor();
    }
  }
  ImGui::PopFont();
  if (st.seen_version != ctx.console.version) {
    ImGui::SetScrollHereY(1.0f);
    st.seen_version = ctx.console.version;
  }
  ImGui::EndChild();

  ImGui::PushFont(ctx.fonts.mono);
  ImGui::AlignTextToFramePadding();
  ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(th.accent), "$");
  ImGui::SameLine();
  ImGui::SetNextItemWidth(-1);
  CallbackData cd{&ctx, &st};
  const ImGuiInputTextFlags flags = ImGuiInputTextFlags_EnterReturnsTrue | ImGuiInputTextFlags_CallbackCompletion |
                                    ImGuiInputTextFlags_CallbackHistory;
  if (st.focus_input) {
    ImGui::SetKeyboardFocusHere();
    st.focus_input = false;
  }
  if (ctx.read_only) {
    // A replay: the recorded commands above; typing is for a live session.
    ImGui::BeginDisabled();
    char none[1] = {};
    ImGui::InputTextWithHint("##input", ctx.tr("console.replay_hint"), none, sizeof none);
    ImGui::EndDisabled();
    ImGui::PopFont();
    return;
  }
  if (ImGui::InputTextWithHint("##input", ctx.tr("console.hint"), st.input, sizeof st.input, flags, input_callback, &cd)) {
    std::string line = st.input;
    while (!line.empty() && line.back() == ' ') line.pop_back();
    if (!line.empty()) {
      st.history.push_back(line);
      st.history_pos = -1;
      // `help`, `help git commit`, `git commit --help`: the reference, not a command.
      if (auto reply = help::answer(line, ctx.view.lang == Lang::Ko ? help::Lang::Ko : help::Lang::En)) {
        ctx.console.add(ConsoleLine::Kind::Input, "$ " + line);
        ctx.console.add(*reply ? ConsoleLine::Kind::Output : ConsoleLine::Kind::Error,
                        *reply ? **reply : reply->error().message);
      } else {
        ctx.send(line);
      }
    }
    st.input[0] = 0;
    // A shown solution: its next command, typed for the learner.
    if (!st.queued.empty()) {
      std::snprintf(st.input, sizeof st.input, "%s", st.queued.front().c_str());
      st.queued.erase(st.queued.begin());
    }
    st.focus_input = true;  // keep typing
  }
  ImGui::PopFont();
}

}  // namespace gs::ui
