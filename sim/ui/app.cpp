// run_gui: load the scenario, open the GLFW window (OpenGL 3), and run the
// frame loop — tick the session by wall-clock time × speed, prepare, build the
// UI, run the panels' requests, render. Also the test and docs modes: a
// screenshot at a virtual time, and a frame-time benchmark.
#include "sim/ui/app.hpp"

#include <GLFW/glfw3.h>
#include <imgui.h>
#include <imgui_impl_glfw.h>
#include <imgui_impl_opengl3.h>

#include <algorithm>
#include <cfloat>
#include <chrono>
#include <ctime>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <memory>

#include "sim/scenario/loader.hpp"
#include "sim/ui/fonts.hpp"
#include "sim/ui/frame.hpp"
#include "sim/ui/screenshot.hpp"
#include "sim/world/world.hpp"

namespace gs::ui {
namespace {

// RAII for GLFW and the ImGui context (CONTRIBUTING: RAII for every GLFW handle).
struct Glfw {
  bool ok = false;
  Glfw() { ok = glfwInit() == GLFW_TRUE; }
  ~Glfw() {
    if (ok) glfwTerminate();
  }
};
struct Window {
  GLFWwindow* w = nullptr;
  ~Window() {
    if (w) glfwDestroyWindow(w);
  }
};
struct ImGuiSession {
  bool glfw = false, gl = false;
  ImGuiSession() { ImGui::CreateContext(); }
  ~ImGuiSession() {
    if (gl) ImGui_ImplOpenGL3_Shutdown();
    if (glfw) ImGui_ImplGlfw_Shutdown();
    ImGui::DestroyContext();
  }
};

std::filesystem::path assets_dir() {
  // Beside the executable first (an installed layout), then the source tree.
  std::error_code ec;
  const auto exe = std::filesystem::read_symlink("/proc/self/exe", ec);
  if (!ec) {
    for (auto p : {exe.parent_path() / "assets", exe.parent_path().parent_path() / "share/gitops-sim/assets"}) {
      if (std::filesystem::exists(p / "i18n/en.tsv", ec)) return p;
    }
  }
  return GS_ASSETS_DIR;
}

std::vector<std::string> glyph_texts(const I18n& i18n, const scenario::Scenario& sc, const world::World& w) {
  std::vector<std::string> t;
  for (Lang l : {Lang::En, Lang::Ko}) {
    for (const auto& [k, v] : i18n.table(l).entries()) t.push_back(v);
  }
  t.push_back(sc.title.en);
  t.push_back(sc.title.ko);
  t.push_back(sc.description.en);
  t.push_back(sc.description.ko);
  for (const auto& e : sc.timeline) {
    if (e.note) t.push_back(e.note->en + e.note->ko);
    if (e.pause) t.push_back(e.pause->en + e.pause->ko);
  }
  for (const auto& e : w.log().events()) {
    if (e.type == "Committed") t.push_back(e.str("message") + e.str("author"));
  }
  return t;
}

// The backend samples the font atlas with GL_LINEAR; text is drawn at whole
// pixels (ImFont::RenderText floors positions; PixelSnapH), so GL_NEAREST
// shows the same glyphs and is several times cheaper per pixel in llvmpipe.
// Solid fills sample the atlas's white pixel, so they are exact either way.
// The backend creates the texture in its first NewFrame and again after a
// font rebuild (often under the same GL name), so the caller says when.
void nearest_font_filter(const ImGuiIO& io) {
  GLint last = 0;
  glGetIntegerv(GL_TEXTURE_BINDING_2D, &last);
  glBindTexture(GL_TEXTURE_2D, static_cast<GLuint>(reinterpret_cast<std::intptr_t>(io.Fonts->TexID)));
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_NEAREST);
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_NEAREST);
  glBindTexture(GL_TEXTURE_2D, static_cast<GLuint>(last));
}

// What the rasteriser is given (for the bench: llvmpipe's time follows the
// triangles and the pixels they cover, drawn over the clear).
struct DrawStats {
  int lists = 0, commands = 0, vertices = 0, triangles = 0;
  double area = 0;
};

DrawStats measure_draw_data(const ImDrawData* dd) {
  DrawStats st;
  if (!dd) return st;
  st.lists = dd->CmdListsCount;
  for (int l = 0; l < dd->CmdListsCount; ++l) {
    const ImDrawList* dl = dd->CmdLists[l];
    st.vertices += dl->VtxBuffer.Size;
    for (const ImDrawCmd& c : dl->CmdBuffer) {
      if (c.UserCallback) continue;
      ++st.commands;
      for (unsigned i = 0; i + 2 < c.ElemCount; i += 3) {
        const ImVec2 a = dl->VtxBuffer[c.VtxOffset + dl->IdxBuffer[c.IdxOffset + i]].pos;
        const ImVec2 b = dl->VtxBuffer[c.VtxOffset + dl->IdxBuffer[c.IdxOffset + i + 1]].pos;
        const ImVec2 d = dl->VtxBuffer[c.VtxOffset + dl->IdxBuffer[c.IdxOffset + i + 2]].pos;
        // Clipped to the command's scissor rectangle only roughly: the
        // triangle's own area (ImGui's clipping is coarse, so this is near).
        st.area += std::abs((b.x - a.x) * (d.y - a.y) - (d.x - a.x) * (b.y - a.y)) * 0.5;
        ++st.triangles;
      }
    }
  }
  return st;
}

// The world's share of a 60 Hz frame (16.7 ms), in microseconds.
constexpr int kWorldBudgetUs = 2000;

double thread_cpu_ms() {
  timespec ts{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) * 1e3 + static_cast<double>(ts.tv_nsec) / 1e6;
}

double ms_since(std::chrono::steady_clock::time_point t0) {
  return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
}

double percentile(std::vector<double> v, double p) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  const auto i = static_cast<std::size_t>(std::min<double>(static_cast<double>(v.size() - 1), p / 100.0 * static_cast<double>(v.size() - 1) + 0.5));
  return v[i];
}

}  // namespace

int run_gui(const GuiOptions& opts) { return run_gui(opts, ViewOptions{}); }

int run_gui(const GuiOptions& opts, const ViewOptions& view_opts) {
  // 1. The scenario and the session: errors here are the user's input.
  auto loaded = scenario::load_scenario_file(opts.scenario_file);
  if (!loaded.ok()) {
    std::fprintf(stderr, "%s", render_all(loaded.errors).c_str());
    if (!render_all(loaded.errors).empty() && render_all(loaded.errors).back() != '\n') std::fprintf(stderr, "\n");
    return 2;
  }
  auto created = Session::create(std::move(*loaded.scenario));
  if (!created) {
    std::fprintf(stderr, "%s\n", created.error().render().c_str());
    return 2;
  }
  std::unique_ptr<Session> session = std::move(created.value());
  if (opts.at) session->run_through(TimePoint{opts.at->ms});
  Frame* frame_ptr = nullptr;
  std::vector<std::string> early_output;
  for (const auto& c : view_opts.commands) {
    const CommandOutcome out = session->run(c, session::Issuer{session::Origin::Console, ""});
    early_output.push_back("$ " + c);
    early_output.push_back(out.output);
    if (!out.ok) std::fprintf(stderr, "%s: %s\n", c.c_str(), out.output.c_str());
  }

  I18n i18n;
  if (auto st = i18n.load(assets_dir() / "i18n"); !st) {
    std::fprintf(stderr, "gitops-sim: UI strings: %s (showing keys)\n", st.error().render().c_str());
  }

  // 2. The window. No display: say so; the caller falls back to headless.
  glfwSetErrorCallback([](int, const char*) {});
  Glfw glfw;
  if (!glfw.ok) {
    std::fprintf(stderr, "gitops-sim: no display (GLFW could not initialise); running headless instead\n");
    return 3;
  }
  glfwWindowHint(GLFW_CONTEXT_VERSION_MAJOR, 3);
  glfwWindowHint(GLFW_CONTEXT_VERSION_MINOR, 0);
  const bool offscreen = !opts.screenshot_png.empty() || opts.bench_frames > 0;
  Window win;
  win.w = glfwCreateWindow(opts.width, opts.height, "gitops-sim", nullptr, nullptr);
  if (!win.w) {
    std::fprintf(stderr, "gitops-sim: no display (cannot open an OpenGL 3 window); running headless instead\n");
    return 3;
  }
  glfwMakeContextCurrent(win.w);
  glfwSwapInterval(offscreen ? 0 : 1);

  ImGuiSession imgui;
  ImGuiIO& io = ImGui::GetIO();
  io.IniFilename = nullptr;  // the layout is fixed; nothing to save
  imgui.glfw = ImGui_ImplGlfw_InitForOpenGL(win.w, true);
  imgui.gl = ImGui_ImplOpenGL3_Init("#version 130");

  Frame frame(*session, i18n, view_opts);
  frame_ptr = &frame;
  for (std::size_t i = 0; i + 1 < early_output.size(); i += 2) {
    frame.console().add(ConsoleLine::Kind::Input, early_output[i]);
    if (!early_output[i + 1].empty()) frame.console().add(ConsoleLine::Kind::Output, early_output[i + 1]);
  }
  (void)frame_ptr;
  frame.view().lang = opts.language == "ko" ? Lang::Ko : Lang::En;
  if (view_opts.speed > 0) {
    session->set_speed(view_opts.speed);
    session->play();
  }

  const auto texts = glyph_texts(i18n, session->scenario(), session->world());
  float built_scale = 0;
  bool built_contrast = !frame.view().high_contrast;
  Fonts fonts;
  bool font_filtered = false;
  auto rebuild = [&]() {
    const float sc = frame.view().scale;
    if (sc != built_scale) {
      std::string msg;
      if (imgui.gl && built_scale != 0) ImGui_ImplOpenGL3_DestroyFontsTexture();
      fonts = build_fonts(sc, texts, &msg);
      if (!msg.empty()) {
        std::fprintf(stderr, "gitops-sim: %s\n", msg.c_str());
        frame.view().lang = Lang::En;
      }
      if (imgui.gl && built_scale != 0) ImGui_ImplOpenGL3_CreateFontsTexture();
      built_scale = sc;
      font_filtered = false;
      built_contrast = !frame.view().high_contrast;  // restyle at the new scale
    }
    if (frame.view().high_contrast != built_contrast) {
      frame.set_theme(frame.view().high_contrast ? Theme::contrast() : Theme::dark());
      apply_imgui_style(frame.theme(), sc);
      built_contrast = frame.view().high_contrast;
    }
    if (!fonts.korean) frame.view().lang = Lang::En;
  };

  DrawStats draw_stats;
  std::vector<double> build_ms, build_cpu_ms, frame_ms, tick_all, render_all;
  const int screenshot_frames = 4;
  int frame_no = 0;
  auto last = std::chrono::steady_clock::now();
  const auto t_start = last;
  int exit_code = 0;
  while (!glfwWindowShouldClose(win.w)) {
    const auto t0 = std::chrono::steady_clock::now();
    glfwPollEvents();
    rebuild();
    i18n.set_lang(frame.view().lang);
    // Wall-clock time reaches the world only here, scaled by the speed.
    double dt = std::chrono::duration<double>(t0 - last).count();
    last = t0;
    if (opts.bench_frames > 0) dt = 1.0 / 60.0;  // a steady virtual pace for comparable runs
    const auto tt = std::chrono::steady_clock::now();
    // The world gets a slice of each frame; a busy instant (150 apps syncing
    // at once) slows the clock for a moment instead of stalling the frame.
    const auto world_deadline = tt + std::chrono::microseconds(kWorldBudgetUs);
    if (opts.screenshot_png.empty()) {
      session->tick(dt, [&] { return std::chrono::steady_clock::now() >= world_deadline; });
    }
    const double tick_ms = ms_since(tt);

    const auto tb = std::chrono::steady_clock::now();
    const double tb_cpu = thread_cpu_ms();
    frame.prepare();
    ImGui_ImplOpenGL3_NewFrame();
    if (!font_filtered && io.Fonts->TexID) {
      nearest_font_filter(io);
      font_filtered = true;
    }
    ImGui_ImplGlfw_NewFrame();
    // Screenshots and benches: no pointer, so no hover or tooltip depends on
    // where Xvfb happens to leave it.
    if (offscreen) io.MousePos = ImVec2(-FLT_MAX, -FLT_MAX);
    ImGui::NewFrame();
    frame.build(fonts, std::chrono::duration<double>(t0 - t_start).count());
    ImGui::Render();
    const double b_ms = ms_since(tb);
    const double b_cpu_ms = thread_cpu_ms() - tb_cpu;
    frame.run_requests();

    int fw = 0, fh = 0;
    glfwGetFramebufferSize(win.w, &fw, &fh);
    glViewport(0, 0, fw, fh);
    // Cleared to the panel colour: the slots draw no background of their own
    // (frame.cpp paints the gaps), so llvmpipe fills those pixels once.
    const ImVec4 bg = ImGui::ColorConvertU32ToFloat4(frame.theme().panel);
    glClearColor(bg.x, bg.y, bg.z, 1.0f);
    glClear(GL_COLOR_BUFFER_BIT);
    const auto tr = std::chrono::steady_clock::now();
    ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
    if (opts.bench_frames > 0) glFinish();  // count the rasteriser's time in this frame
    const double render_ms = ms_since(tr);
    if (opts.bench_frames > 0 && frame_no + 1 == opts.bench_frames) draw_stats = measure_draw_data(ImGui::GetDrawData());
    ++frame_no;
    if (!opts.screenshot_png.empty() && frame_no >= screenshot_frames) {
      glFinish();
      glReadBuffer(GL_BACK);
      if (std::string err = write_framebuffer_png(opts.screenshot_png, fw, fh); !err.empty()) {
        std::fprintf(stderr, "gitops-sim: %s\n", err.c_str());
        exit_code = 1;
      }
      if (!view_opts.rects_file.empty()) {
        std::ofstream out(view_opts.rects_file);
        for (const auto& [name, r] : frame.panel_rects()) {
          out << name << ' ' << static_cast<int>(r.x) << ' ' << static_cast<int>(r.y) << ' ' << static_cast<int>(r.w)
              << ' ' << static_cast<int>(r.h) << '\n';
        }
      }
      break;
    }
    glfwSwapBuffers(win.w);
    if (opts.bench_frames > 0) {
      build_ms.push_back(b_ms);
      build_cpu_ms.push_back(b_cpu_ms);
      tick_all.push_back(tick_ms);
      render_all.push_back(render_ms);
      frame_ms.push_back(ms_since(t0));
      if (frame_no >= opts.bench_frames) break;
    }
  }
  if (opts.bench_frames > 0) {
    std::printf("renderer: %s\n", reinterpret_cast<const char*>(glGetString(GL_RENDERER)));
    std::printf("frames %zu at %dx%d, virtual time %s (speed %dx)\n", frame_ms.size(), opts.width, opts.height,
                format_offset(session->now()).c_str(), session->speed());
    // CPU time of this thread while it builds the UI (what the goal names),
    // and the wall time, which also counts the moments the OS ran something else.
    std::printf("ui build ms (cpu): p50 %.3f  p95 %.3f  p99 %.3f\n", percentile(build_cpu_ms, 50),
                percentile(build_cpu_ms, 95), percentile(build_cpu_ms, 99));
    std::printf("ui build ms (wall): p50 %.3f  p95 %.3f  p99 %.3f\n", percentile(build_ms, 50),
                percentile(build_ms, 95), percentile(build_ms, 99));
    std::printf("world tick ms: p50 %.3f  p95 %.3f  p99 %.3f\n", percentile(tick_all, 50), percentile(tick_all, 95),
                percentile(tick_all, 99));
    std::printf("gl render ms:  p50 %.3f  p95 %.3f  p99 %.3f\n", percentile(render_all, 50),
                percentile(render_all, 95), percentile(render_all, 99));
    std::printf("last frame: %d draw lists, %d commands, %d vertices, %d triangles, %.2f screens of pixels filled\n",
                draw_stats.lists, draw_stats.commands, draw_stats.vertices, draw_stats.triangles,
                draw_stats.area / (static_cast<double>(opts.width) * opts.height));
    std::printf("frame ms:    p50 %.3f  p95 %.3f  p99 %.3f\n", percentile(frame_ms, 50), percentile(frame_ms, 95),
                percentile(frame_ms, 99));
  }
  return exit_code;
}

}  // namespace gs::ui
