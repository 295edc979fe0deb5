// The home screen (the library: lessons in order, then scenarios, each with
// its title, summary, minutes, concepts and progress) and the menu bar that
// opens any of them at any time (Library, Lessons, Scenarios, Language).
// Draw code only: the rows come from sim/ui/view/library.hpp, and what the
// learner picks is returned for the window to open.
#pragma once

#include <optional>
#include <string>

#include "sim/ui/theme.hpp"
#include "sim/ui/ui_context.hpp"
#include "sim/ui/view/library.hpp"

namespace gs::ui {

// What the learner asked for.
struct Pick {
  enum class What { Home, Lesson, Scenario, Resume } what = What::Home;  // Resume: back to what is open
  std::size_t index = 0;  // into Library::lessons or ::scenarios
};

struct HomeContext {
  const Library& library;
  const I18n& i18n;
  const Theme& theme;
  const Fonts& fonts;
  ViewSettings& view;
  const ProgressLookup& progress;
  const std::string& error;  // the last open's error, shown at the top
  const std::string& open_title;  // what is open behind the library ("" none), to go back to
};

// The menu bar across the window's top; its height through `height`.
std::optional<Pick> draw_menu_bar(const HomeContext& ctx, float* height);
// The library, below `top_y`.
std::optional<Pick> draw_home(const HomeContext& ctx, float top_y);

}  // namespace gs::ui
