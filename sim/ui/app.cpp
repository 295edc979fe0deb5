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
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <memory>

#include "sim/ui/fonts.hpp"
#include "sim/ui/frame.hpp"
#include "sim/ui/home.hpp"
#include "sim/ui/workspace.hpp"
#include "sim/ui/screenshot.hpp"
#include "sim/ui/station_mode.hpp"
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

// Every string the fonts need glyphs for: the UI's, and what the workspace
// can show (the library, the open file).
std::vector<std::string> glyph_texts(const I18n& i18n, const Workspace& ws) {
  std::vector<std::string> t;
  for (Lang l : {Lang::En, Lang::Ko}) {
    for (const auto& [k, v] : i18n.table(l).entries()) t.push_back(v);
  }
  t.insert(t.end(), ws.texts().begin(), ws.texts().end());
  return t;
}

// A library directory: the environment's, else the source tree's.
std::filesystem::path library_dir(const char* env, const char* built_in) {
  const char* v = std::getenv(env);
  return v && *v ? std::filesystem::path(v) : std::filesystem::path(built_in);
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

// [SECTION] run_gui's parts: the session, the window, fonts and style, one
// frame, the screenshot, the bench's report.

// An OpenGL 3 window; false after saying there is no display.
bool open_window(const GuiOptions& opts, bool offscreen, Window& win) {
  glfwWindowHint(GLFW_CONTEXT_VERSION_MAJOR, 3);
  glfwWindowHint(GLFW_CONTEXT_VERSION_MINOR, 0);
  win.w = glfwCreateWindow(opts.width, opts.height, "gitops-sim", nullptr, nullptr);
  if (!win.w) {
    std::fprintf(stderr, "gitops-sim: no display (cannot open an OpenGL 3 window)\n");
    return false;
  }
  glfwMakeContextCurrent(win.w);
  glfwSwapInterval(offscreen ? 0 : 1);
  return true;
}

// Fonts rebuilt when the UI scale changes or the texts grow (a file
// opened), the theme and style when the contrast does (or the scale:
// restyled at the new one).
struct FontsAndStyle {
  std::vector<std::string> texts;  // every string the fonts must have glyphs for
  int texts_version = -1;
  Fonts fonts;
  float built_scale = 0;
  bool built_contrast = false;
  bool font_filtered = false;  // nearest_font_filter ran on the current texture

  void update(Workspace& ws, const I18n& i18n, const ImGuiSession& imgui) {
    ViewSettings& view = ws.view;
    const float sc = view.scale;
    if (sc != built_scale || ws.texts_version() != texts_version) {
      std::string msg;
      const bool rebuild = imgui.gl && built_scale != 0;
      if (rebuild) ImGui_ImplOpenGL3_DestroyFontsTexture();
      if (ws.texts_version() != texts_version) {
        texts = glyph_texts(i18n, ws);
        texts_version = ws.texts_version();
      }
      fonts = build_fonts(sc, texts, &msg);
      if (!msg.empty()) {
        std::fprintf(stderr, "gitops-sim: %s\n", msg.c_str());
        view.lang = Lang::En;
      }
      if (rebuild) ImGui_ImplOpenGL3_CreateFontsTexture();
      if (sc != built_scale) built_contrast = !view.high_contrast;  // restyle at the new scale
      built_scale = sc;
      font_filtered = false;
    }
    if (view.high_contrast != built_contrast) {
      ws.theme = view.high_contrast ? Theme::contrast() : Theme::dark();
      apply_imgui_style(ws.theme, sc);
      built_contrast = view.high_contrast;
    }
    if (!fonts.korean) view.lang = Lang::En;
  }
};

// What one frame took, for the bench.
struct FrameTimes {
  double tick_ms = 0, build_ms = 0, build_cpu_ms = 0, render_ms = 0;
};

// The bench's samples, one a frame, and its report.
struct BenchSamples {
  std::vector<double> build_ms, build_cpu_ms, frame_ms, tick, render;
  DrawStats draw_stats;

  void add(const FrameTimes& t, double frame_total_ms) {
    build_ms.push_back(t.build_ms);
    build_cpu_ms.push_back(t.build_cpu_ms);
    tick.push_back(t.tick_ms);
    render.push_back(t.render_ms);
    frame_ms.push_back(frame_total_ms);
  }
  void print(const GuiOptions& opts, const Session* session) const;
};

void BenchSamples::print(const GuiOptions& opts, const Session* session) const {
  std::printf("renderer: %s\n", reinterpret_cast<const char*>(glGetString(GL_RENDERER)));
  if (session) {
    std::printf("frames %zu at %dx%d, virtual time %s (speed %dx)\n", frame_ms.size(), opts.width, opts.height,
                format_offset(session->now()).c_str(), session->speed());
  } else {
    std::printf("frames %zu at %dx%d, the home screen\n", frame_ms.size(), opts.width, opts.height);
  }
  // CPU time of this thread while it builds the UI (what the goal names),
  // and the wall time, which also counts the moments the OS ran something else.
  std::printf("ui build ms (cpu): p50 %.3f  p95 %.3f  p99 %.3f\n", percentile(build_cpu_ms, 50),
              percentile(build_cpu_ms, 95), percentile(build_cpu_ms, 99));
  std::printf("ui build ms (wall): p50 %.3f  p95 %.3f  p99 %.3f\n", percentile(build_ms, 50),
              percentile(build_ms, 95), percentile(build_ms, 99));
  std::printf("world tick ms: p50 %.3f  p95 %.3f  p99 %.3f\n", percentile(tick, 50), percentile(tick, 95),
              percentile(tick, 99));
  std::printf("gl render ms:  p50 %.3f  p95 %.3f  p99 %.3f\n", percentile(render, 50), percentile(render, 95),
              percentile(render, 99));
  std::printf("last frame: %d draw lists, %d commands, %d vertices, %d triangles, %.2f screens of pixels filled\n",
              draw_stats.lists, draw_stats.commands, draw_stats.vertices, draw_stats.triangles,
              draw_stats.area / (static_cast<double>(opts.width) * opts.height));
  std::printf("frame ms:    p50 %.3f  p95 %.3f  p99 %.3f\n", percentile(frame_ms, 50), percentile(frame_ms, 95),
              percentile(frame_ms, 99));
}

// What the frame loop works with.
struct GuiLoop {
  const GuiOptions& opts;
  const ViewOptions& view_opts;
  Workspace& ws;
  I18n& i18n;
  GLFWwindow* win;
  ImGuiIO& io;
  FontsAndStyle& fonts;
  bool offscreen;  // a screenshot or a bench: no pointer, no vsync
  const ImGuiSession* imgui;
  StationMode* station = nullptr;  // `gitops-sim class`: the instructor's strip
};

// Wall-clock time reaches the world only here, scaled by the speed. The
// world gets a slice of each frame; a busy instant (150 apps syncing at
// once) slows the clock for a moment instead of stalling the frame.
double tick_world(GuiLoop& g, double dt) {
  const auto tt = std::chrono::steady_clock::now();
  const auto world_deadline = tt + std::chrono::microseconds(kWorldBudgetUs);
  // A screenshot shows its moment as it is: no time passes.
  g.ws.tick(g.opts.screenshot_png.empty() ? dt : 0.0,
            [&] { return std::chrono::steady_clock::now() >= world_deadline; });
  return ms_since(tt);
}

// Prepare, build the UI, render it to draw data, and run the panels' requests.
void build_ui(GuiLoop& g, double wall_time_s, FrameTimes& times) {
  const auto tb = std::chrono::steady_clock::now();
  const double tb_cpu = thread_cpu_ms();
  Frame* frame = g.ws.home() ? nullptr : g.ws.frame();
  if (frame) frame->prepare();
  ImGui_ImplOpenGL3_NewFrame();
  if (!g.fonts.font_filtered && g.io.Fonts->TexID) {
    nearest_font_filter(g.io);
    g.fonts.font_filtered = true;
  }
  ImGui_ImplGlfw_NewFrame();
  // Screenshots and benches: no pointer, so no hover or tooltip depends on
  // where Xvfb happens to leave it.
  if (g.offscreen) g.io.MousePos = ImVec2(-FLT_MAX, -FLT_MAX);
  ImGui::NewFrame();
  const std::string open_title = frame ? std::string() : g.ws.open_title(g.i18n);
  const HomeContext home{g.ws.library(), g.i18n,        g.ws.theme, g.fonts.fonts,
                         g.ws.view,      g.ws.progress(), g.ws.error(), open_title};
  float menu_h = 0;
  std::optional<Pick> pick = draw_menu_bar(home, &menu_h);
  const float station_h = g.station ? g.station->strip_height(g.fonts.fonts) : 0.0f;
  if (frame) {
    // The view settings outlive the frame: lent to it for the frame.
    frame->view() = g.ws.view;
    frame->set_theme(g.ws.theme);
    frame->build(g.fonts.fonts, wall_time_s, menu_h + station_h);
    g.ws.view = frame->view();
  } else if (auto p = draw_home(home, menu_h + station_h)) {
    pick = p;
  }
  if (g.station) g.station->draw(g.ws, g.fonts.fonts, g.ws.theme, g.ws.view.lang == Lang::Ko, menu_h);
  ImGui::Render();
  times.build_ms = ms_since(tb);
  times.build_cpu_ms = thread_cpu_ms() - tb_cpu;
  if (frame) {
    frame->run_requests();
    if (frame->take_home_request()) g.ws.show_home();
  }
  g.ws.after_frame();  // the scrubber's seek, play, take over
  if (g.station) g.station->after_frame(g.ws, g.opts);
  // After the frame: what it drew may go now.
  if (pick) g.ws.open(*pick, g.opts);
}

// Draws the draw data into the back buffer; returns the framebuffer's size.
ImVec2 render(GuiLoop& g, FrameTimes& times) {
  int fw = 0, fh = 0;
  glfwGetFramebufferSize(g.win, &fw, &fh);
  glViewport(0, 0, fw, fh);
  // Cleared to the panel colour: the slots draw no background of their own
  // (frame.cpp paints the gaps), so llvmpipe fills those pixels once.
  const ImVec4 bg = ImGui::ColorConvertU32ToFloat4(g.ws.theme.panel);
  glClearColor(bg.x, bg.y, bg.z, 1.0f);
  glClear(GL_COLOR_BUFFER_BIT);
  const auto tr = std::chrono::steady_clock::now();
  ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
  if (g.opts.bench_frames > 0) glFinish();  // count the rasteriser's time in this frame
  times.render_ms = ms_since(tr);
  return ImVec2(static_cast<float>(fw), static_cast<float>(fh));
}

// The back buffer to the PNG, and each panel's rectangle to the rects file;
// returns the exit code.
int write_screenshot(const GuiLoop& g, int fw, int fh) {
  int exit_code = 0;
  glFinish();
  glReadBuffer(GL_BACK);
  if (std::string err = write_framebuffer_png(g.opts.screenshot_png, fw, fh); !err.empty()) {
    std::fprintf(stderr, "gitops-sim: %s\n", err.c_str());
    exit_code = 1;
  }
  if (!g.view_opts.rects_file.empty()) {
    std::ofstream out(g.view_opts.rects_file);
    if (Frame* f = g.ws.home() ? nullptr : g.ws.frame()) {
      for (const auto& [name, r] : f->panel_rects()) {
        out << name << ' ' << static_cast<int>(r.x) << ' ' << static_cast<int>(r.y) << ' ' << static_cast<int>(r.w)
            << ' ' << static_cast<int>(r.h) << '\n';
      }
    }
  }
  return exit_code;
}

// Frames until the window closes, the screenshot is written (after a few
// frames, so the layout has settled) or the bench has its frames.
int frame_loop(GuiLoop& g) {
  constexpr int kScreenshotFrames = 4;
  const bool bench = g.opts.bench_frames > 0;
  BenchSamples samples;
  int frame_no = 0, exit_code = 0;
  auto last = std::chrono::steady_clock::now();
  const auto t_start = last;
  while (!glfwWindowShouldClose(g.win)) {
    const auto t0 = std::chrono::steady_clock::now();
    glfwPollEvents();
    g.fonts.update(g.ws, g.i18n, *g.imgui);
    g.i18n.set_lang(g.ws.view.lang);
    double dt = std::chrono::duration<double>(t0 - last).count();
    last = t0;
    if (bench) dt = 1.0 / 60.0;  // a steady virtual pace for comparable runs
    FrameTimes times;
    if (g.station) g.station->before_frame(g.ws, glfwGetTime());
    times.tick_ms = tick_world(g, dt);
    build_ui(g, std::chrono::duration<double>(t0 - t_start).count(), times);
    if (g.opts.lesson_progressed && g.opts.screenshot_png.empty() && !bench && !g.ws.replaying()) {
      if (const lesson::LessonRun* l = g.ws.lesson()) g.opts.lesson_progressed(*l);
    }
    const ImVec2 fb = render(g, times);
    if (bench && frame_no + 1 == g.opts.bench_frames) samples.draw_stats = measure_draw_data(ImGui::GetDrawData());
    ++frame_no;
    if (!g.opts.screenshot_png.empty() && frame_no >= kScreenshotFrames) {
      exit_code = write_screenshot(g, static_cast<int>(fb.x), static_cast<int>(fb.y));
      break;
    }
    glfwSwapBuffers(g.win);
    if (bench) {
      samples.add(times, ms_since(t0));
      if (frame_no >= g.opts.bench_frames) break;
    }
  }
  if (bench) samples.print(g.opts, g.ws.session());
  return exit_code;
}

void load_strings(I18n& i18n) {
  if (auto st = i18n.load(assets_dir() / "i18n"); !st) {
    std::fprintf(stderr, "gitops-sim: UI strings: %s (showing keys)\n", st.error().render().c_str());
  }
}

Library shipped_library() {
  return scan_library(library_dir("GS_LESSON_DIR", GS_LESSON_DIR), library_dir("GS_SCENARIO_DIR", GS_SCENARIO_DIR));
}

void settle_view(Workspace& ws, I18n& i18n, Lang lang, const ViewOptions& view_opts) {
  ws.view.lang = lang;
  ws.view.high_contrast = view_opts.high_contrast;
  ws.view.scale = view_opts.scale;
  ws.theme = ws.view.high_contrast ? Theme::contrast() : Theme::dark();
  i18n.set_lang(ws.view.lang);  // the console's welcome line is written when a file opens
}

int report_open_error(const Error& e) {
  std::string msg = e.render();
  if (!msg.empty() && msg.back() != '\n') msg += '\n';
  std::fprintf(stderr, "%s", msg.c_str());
  return 2;
}

int run_window(const GuiOptions& opts, const ViewOptions& view_opts, I18n& i18n, Workspace& ws,
               StationMode* station = nullptr);

}  // namespace

int run_gui(const GuiOptions& opts) { return run_gui(opts, ViewOptions{}); }

int run_gui(const GuiOptions& opts, const ViewOptions& view_opts) {
  // 1. What to show: a lesson, a scenario, or the library. Errors in a file
  // named on the command line are the user's input.
  I18n i18n;
  load_strings(i18n);
  Workspace ws(i18n, shipped_library(), opts.lesson_progress);
  settle_view(ws, i18n, opts.language == "ko" ? Lang::Ko : Lang::En, view_opts);
  Status opened;
  if (!opts.lesson_file.empty()) opened = ws.open_lesson(opts.lesson_file, opts, &view_opts);
  else if (!opts.scenario_file.empty()) opened = ws.open_scenario(opts.scenario_file, opts, &view_opts);
  if (!opened) return report_open_error(opened.error());
  if (view_opts.home) ws.show_home();
  return run_window(opts, view_opts, i18n, ws);
}

int run_replay(const ReplayOptions& ro) {
  I18n i18n;
  load_strings(i18n);
  Workspace ws(i18n, shipped_library(), ProgressLookup{});
  const ViewOptions view_opts;
  settle_view(ws, i18n, ro.language == "ko" ? Lang::Ko : Lang::En, view_opts);
  // Screenshots never record; a take-over in the window does.
  ws.record_takeovers = ro.record && ro.screenshot_png.empty();
  ws.takeover_file = ro.record_file;
  const std::optional<std::int64_t> at = ro.at ? std::optional<std::int64_t>(ro.at->ms) : std::nullopt;
  if (auto st = ws.open_replay(ro.file, at); !st) {
    std::fprintf(stderr, "replay: %s\n", st.error().message.c_str());
    return 2;
  }
  // The recording's language unless one is asked for.
  const std::string lang = ro.language.empty() ? ws.replay()->recording().info().lang : ro.language;
  settle_view(ws, i18n, lang == "ko" ? Lang::Ko : Lang::En, view_opts);
  GuiOptions opts;
  opts.screenshot_png = ro.screenshot_png;
  opts.width = ro.width;
  opts.height = ro.height;
  opts.language = lang;
  opts.record = ro.record;  // what the menu opens records, as in any window
  return run_window(opts, view_opts, i18n, ws);
}

int run_class(const GuiOptions& opts, const ViewOptions& view_opts, const ClassOptions& co) {
  auto plan = classroom::load_class_plan_file(co.plan_file);
  if (!plan.ok()) return report_open_error(Error(render_all(plan.errors)));
  if (co.segment >= plan.plan->segments.size()) {
    std::fprintf(stderr, "class: --segment %zu: the plan has %zu segments\n", co.segment + 1, plan.plan->segments.size());
    return 2;
  }
  I18n i18n;
  load_strings(i18n);
  Workspace ws(i18n, shipped_library(), opts.lesson_progress);
  settle_view(ws, i18n, opts.language == "ko" ? Lang::Ko : Lang::En, view_opts);
  StationMode station(std::move(*plan.plan), StationStart{co.segment, co.debrief_dir, co.palette, co.frozen});
  ws.add_texts(station.texts());
  if (auto st = station.open_segment(ws, opts, &view_opts); !st) return report_open_error(st.error());
  return run_window(opts, view_opts, i18n, ws, &station);
}

namespace {

int run_window(const GuiOptions& opts, const ViewOptions& view_opts, I18n& i18n, Workspace& ws, StationMode* station) {
  // 2. The window. No display: say so; the caller falls back to headless.
  glfwSetErrorCallback([](int, const char*) {});
  Glfw glfw;
  if (!glfw.ok) {
    std::fprintf(stderr, "gitops-sim: no display (GLFW could not initialise)\n");
    return 3;
  }
  const bool offscreen = !opts.screenshot_png.empty() || opts.bench_frames > 0;
  Window win;
  if (!open_window(opts, offscreen, win)) return 3;

  // 3. ImGui, the fonts, and the frame loop.
  ImGuiSession imgui;
  ImGuiIO& io = ImGui::GetIO();
  io.IniFilename = nullptr;  // the layout is fixed; nothing to save
  imgui.glfw = ImGui_ImplGlfw_InitForOpenGL(win.w, true);
  imgui.gl = ImGui_ImplOpenGL3_Init("#version 130");
  FontsAndStyle fonts;
  fonts.built_contrast = !ws.view.high_contrast;
  GuiLoop loop{opts, view_opts, ws, i18n, win.w, io, fonts, offscreen, &imgui, station};
  const int rc = frame_loop(loop);
  ws.close();  // the live recording, closed with its world
  return rc;
}

}  // namespace

}  // namespace gs::ui
