#include "sim/lesson/catalog.hpp"

#include <algorithm>
#include <system_error>

#include "sim/lesson/loader.hpp"
#include "sim/world/command.hpp"

namespace gs::lesson {

namespace fs = std::filesystem;

Result<std::vector<CatalogEntry>> load_catalog(const fs::path& dir) {
  std::error_code ec;
  std::vector<fs::path> files;
  for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
    const fs::path& p = it->path();
    if (p.extension() == ".yaml" && is_lesson_file(p)) files.push_back(p);
  }
  if (ec) return Error("cannot read the lessons directory " + dir.string() + ": " + ec.message());
  std::sort(files.begin(), files.end());  // NN-name.yaml: the lessons' order
  std::vector<CatalogEntry> out;
  for (const auto& f : files) {
    auto loaded = load_lesson_file(f);
    if (!loaded.ok()) return Error(render_all(loaded.errors));
    out.push_back({f, std::move(*loaded.lesson)});
  }
  return out;
}

Result<std::size_t> find_in_catalog(const std::vector<CatalogEntry>& catalog, std::string_view name) {
  const bool number = !name.empty() && name.size() <= 3 && std::all_of(name.begin(), name.end(), [](char c) {
    return c >= '0' && c <= '9';
  });
  std::vector<std::string> known;
  for (std::size_t i = 0; i < catalog.size(); ++i) {
    const std::string stem = catalog[i].file.stem().string();
    if (catalog[i].lesson.name == name || stem == name) return i;
    if (number) {
      const auto dash = stem.find('-');
      if (dash != std::string::npos && dash > 0 && std::all_of(stem.begin(), stem.begin() + static_cast<std::ptrdiff_t>(dash),
                                                              [](char c) { return c >= '0' && c <= '9'; }) &&
          std::stoi(stem.substr(0, dash)) == std::stoi(std::string(name))) {
        return i;
      }
    }
    known.push_back(catalog[i].lesson.name);
    known.push_back(stem);
  }
  std::string msg = "no lesson named '" + std::string(name) + "'";
  if (auto guess = world::did_you_mean(name, known)) {
    msg += ": did you mean '" + *guess + "'?";
  } else {
    msg += " (gitops-sim lessons lists them)";
  }
  return Error(msg);
}

}  // namespace gs::lesson
