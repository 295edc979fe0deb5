// UI strings: one table per language, loaded at start from assets/i18n/<lang>.tsv
// (`key<TAB>text` per line, `#` comments, `\n` and `\t` escapes). Lookups fall
// back to English, then to the key itself, so a missing translation shows up
// as readable text rather than a blank. No ImGui here.
#pragma once

#include <filesystem>
#include <map>
#include <string>
#include <string_view>

#include "sim/core/result.hpp"

namespace gs::ui {

class StringTable {
 public:
  static Result<StringTable> parse(std::string_view text, const std::string& file_name);
  static Result<StringTable> load(const std::filesystem::path& path);
  const std::string* find(std::string_view key) const;
  std::size_t size() const { return map_.size(); }
  const std::map<std::string, std::string, std::less<>>& entries() const { return map_; }

 private:
  std::map<std::string, std::string, std::less<>> map_;
};

enum class Lang { En, Ko };

class I18n {
 public:
  // Loads en.tsv and ko.tsv from `dir`. English is required; Korean optional.
  Status load(const std::filesystem::path& dir);
  void set_lang(Lang l) { lang_ = l; }
  Lang lang() const { return lang_; }
  bool has(Lang l) const { return l == Lang::En ? en_.size() > 0 : ko_.size() > 0; }
  // The text for `key` in the current language (fallbacks as above).
  const char* tr(std::string_view key) const;
  // Picks the en or ko text of a scenario's {en, ko} field.
  const std::string& pick(const std::string& en, const std::string& ko) const {
    return (lang_ == Lang::Ko && !ko.empty()) ? ko : en;
  }
  const StringTable& table(Lang l) const { return l == Lang::En ? en_ : ko_; }

 private:
  StringTable en_, ko_;
  Lang lang_ = Lang::En;
};

}  // namespace gs::ui
