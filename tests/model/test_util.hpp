// Helpers shared by the model tests: reading files under tests/data/model.
#pragma once

#include <fstream>
#include <sstream>
#include <string>

namespace gs::model::test {

inline std::string read_data(const std::string& rel) {
  std::ifstream in(std::string(GS_TEST_DATA_DIR) + "/model/" + rel, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

}  // namespace gs::model::test
