// fuzz_yaml: the YAML loader (model::parse_yaml_stream) and printer. Every
// input is documents or one positioned error inside the text; every document
// printed with to_yaml (keys sorted or in input order) reads back as an equal
// Node, and printing that again gives the same bytes.
#include <algorithm>

#include "fuzz/harness.hpp"
#include "sim/model/yaml.hpp"

namespace gs::fuzz {
namespace {

constexpr const char* kFile = "fuzz.yaml";

void check_error_position(std::string_view text, const Error& e) {
  const auto lines = std::count(text.begin(), text.end(), '\n') + 1;
  GS_FUZZ_REQUIRE(e.pos.has_value(), e.message);
  GS_FUZZ_REQUIRE(e.pos->file == kFile, e.render());
  GS_FUZZ_REQUIRE(e.pos->line >= 1 && e.pos->line <= lines && e.pos->col >= 1, e.render());
}

void check_round_trip(const model::Node& doc, const model::DumpOptions& opts) {
  const std::string printed = model::to_yaml(doc, opts);
  model::LoadOptions lo;
  lo.file = "printed.yaml";
  auto back = model::parse_yaml(printed, lo);
  GS_FUZZ_REQUIRE(back.ok(), "printed:\n" + printed + "\nerror: " + (back ? std::string() : back.error().render()));
  GS_FUZZ_REQUIRE(*back == doc, "printed:\n" + printed + "\nreads back as:\n" + model::to_yaml(*back, opts));
  GS_FUZZ_REQUIRE(model::to_yaml(*back, opts) == printed, "printed:\n" + printed);
}

}  // namespace

int yaml_one_input(const std::uint8_t* data, std::size_t size) {
  const std::string_view text = as_text(data, size);
  model::LoadOptions opts;
  opts.file = kFile;
  opts.max_nodes = 100'000;  // as a repo file is loaded, with a fuzzer's memory budget
  auto docs = model::parse_yaml_stream(text, opts);
  if (!docs) {
    check_error_position(text, docs.error());
    return 0;
  }
  for (const auto& doc : *docs) {
    check_round_trip(doc, model::DumpOptions{true});
    check_round_trip(doc, model::DumpOptions{false});
    (void)model::to_json(doc);
  }
  return 0;
}

}  // namespace gs::fuzz

GS_FUZZ_ENTRY(gs::fuzz::yaml_one_input)
