#include "sim/core/error.hpp"

namespace gs {

std::string Error::render() const {
  if (!pos) return message;
  std::string out = pos->file.empty() ? std::string("<input>") : pos->file;
  out += ':' + std::to_string(pos->line) + ':' + std::to_string(pos->col) + ": " + message;
  return out;
}

std::string render_all(const Errors& errors) {
  std::string out;
  for (const auto& e : errors) {
    out += e.render();
    out += '\n';
  }
  return out;
}

}  // namespace gs
