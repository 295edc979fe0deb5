// fuzz_kustomize: manifest generation (render::generate_manifests) over a
// small repository made from the input. The input is files separated by
// marker lines:
//
//   <overlay/kustomization.yaml: everything before the first marker>
//   @@ base/kustomization.yaml
//   <its content>
//   @@ base/deployment.yaml
//   ...
//
// and `overlay` is rendered (as a plain directory, recursing, when the text
// before the first marker is empty). Every input renders or gives an error;
// what renders prints as a YAML stream that reads back equal. (Bytes that are
// not UTF-8, from generator files, go to binaryData as base64, as kustomize
// puts them, so no string prints as !!binary.)
#include <map>

#include "fuzz/harness.hpp"
#include "sim/model/yaml.hpp"
#include "sim/render/manifests.hpp"

namespace gs::fuzz {
namespace {

constexpr std::string_view kMarker = "@@ ";
constexpr std::string_view kRendered = "overlay";
constexpr std::size_t kMaxFiles = 32;

// A Git tree's paths: relative, normalised, no empty or dot components.
bool usable_path(std::string_view p) {
  if (p.empty() || p.front() == '/' || p.back() == '/') return false;
  std::size_t start = 0;
  while (start <= p.size()) {
    const auto slash = std::min(p.find('/', start), p.size());
    const auto part = p.substr(start, slash - start);
    if (part.empty() || part == "." || part == "..") return false;
    start = slash + 1;
  }
  return true;
}

std::map<std::string, std::string> split_files(std::string_view text) {
  std::map<std::string, std::string> files;
  std::string path = std::string(kRendered) + "/kustomization.yaml";
  std::string content;
  auto flush = [&] {
    if (usable_path(path) && files.size() < kMaxFiles) files[path] = std::move(content);
    content.clear();
  };
  bool first = true;
  std::size_t i = 0;
  while (i < text.size()) {
    const auto nl = text.find('\n', i);
    const auto end = nl == std::string_view::npos ? text.size() : nl + 1;
    const std::string_view line = text.substr(i, end - i);
    if (line.substr(0, kMarker.size()) == kMarker) {
      if (!(first && content.empty())) flush();
      first = false;
      std::string_view p = line.substr(kMarker.size());
      while (!p.empty() && (p.back() == '\n' || p.back() == '\r' || p.back() == ' ')) p.remove_suffix(1);
      path = std::string(p);
    } else {
      content.append(line);
    }
    i = end;
  }
  flush();
  return files;
}

}  // namespace

int kustomize_one_input(const std::uint8_t* data, std::size_t size) {
  const render::MemoryTree tree(split_files(as_text(data, size)));
  render::RenderOptions opts;
  opts.recurse = true;
  auto m = render::generate_manifests(tree, kRendered, opts);
  if (!m) {
    GS_FUZZ_REQUIRE(!m.error().message.empty(), "an error without a message");
    return 0;
  }
  const std::string printed = model::to_yaml_stream(m->objects);
  auto back = model::parse_yaml_stream(printed);
  GS_FUZZ_REQUIRE(back.ok(), "printed:\n" + printed + "\nerror: " + (back ? std::string() : back.error().render()));
  GS_FUZZ_REQUIRE(*back == m->objects, "printed:\n" + printed);
  return 0;
}

}  // namespace gs::fuzz

GS_FUZZ_ENTRY(gs::fuzz::kustomize_one_input)
