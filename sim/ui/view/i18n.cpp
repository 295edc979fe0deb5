#include "sim/ui/view/i18n.hpp"

#include <fstream>
#include <sstream>

namespace gs::ui {

Result<StringTable> StringTable::parse(std::string_view text, const std::string& file_name) {
  StringTable t;
  int line_no = 0;
  std::size_t pos = 0;
  while (pos < text.size()) {
    auto nl = text.find('\n', pos);
    if (nl == std::string_view::npos) nl = text.size();
    std::string_view line = text.substr(pos, nl - pos);
    pos = nl + 1;
    ++line_no;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.empty() || line.front() == '#') continue;
    const auto tab = line.find('\t');
    if (tab == std::string_view::npos || tab == 0) {
      return Error("expected KEY<TAB>TEXT", SourcePos{file_name, line_no, 1});
    }
    std::string value;
    for (std::size_t i = tab + 1; i < line.size(); ++i) {
      if (line[i] == '\\' && i + 1 < line.size()) {
        const char n = line[i + 1];
        if (n == 'n' || n == 't' || n == '\\') {
          value += n == 'n' ? '\n' : n == 't' ? '\t' : '\\';
          ++i;
          continue;
        }
      }
      value += line[i];
    }
    std::string key(line.substr(0, tab));
    if (t.map_.count(key)) return Error("duplicate key '" + key + "'", SourcePos{file_name, line_no, 1});
    t.map_.emplace(std::move(key), std::move(value));
  }
  return t;
}

Result<StringTable> StringTable::load(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Error("cannot read " + path.string());
  std::stringstream ss;
  ss << in.rdbuf();
  return parse(ss.str(), path.string());
}

const std::string* StringTable::find(std::string_view key) const {
  auto it = map_.find(key);
  return it == map_.end() ? nullptr : &it->second;
}

Status I18n::load(const std::filesystem::path& dir) {
  auto en = StringTable::load(dir / "en.tsv");
  if (!en) return en.error();
  en_ = std::move(en.value());
  auto ko = StringTable::load(dir / "ko.tsv");
  if (!ko) return ko.error();
  ko_ = std::move(ko.value());
  return {};
}

const char* I18n::tr(std::string_view key) const {
  if (lang_ == Lang::Ko) {
    if (const std::string* s = ko_.find(key)) return s->c_str();
  }
  if (const std::string* s = en_.find(key)) return s->c_str();
  // Keys are stable for the program's life: keep a copy to hand out.
  static thread_local std::map<std::string, std::string, std::less<>> missing;
  auto it = missing.find(key);
  if (it == missing.end()) it = missing.emplace(std::string(key), std::string(key)).first;
  return it->second.c_str();
}

}  // namespace gs::ui
