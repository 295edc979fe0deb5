// The UI's shipped string tables (assets/i18n), in one language: for view
// tests that check what a learner reads.
#pragma once

#include <catch2/catch.hpp>

#include <string>

#include "sim/ui/view/i18n.hpp"

namespace gs::testing {

inline ui::I18n shipped_strings(ui::Lang l) {
  ui::I18n i18n;
  REQUIRE(i18n.load(std::string(GS_SOURCE_DIR) + "/assets/i18n"));
  i18n.set_lang(l);
  return i18n;
}

}  // namespace gs::testing
