// Lookup by name in the short lists the world and its read model keep
// (repos, clusters): a few entries each, so a scan beats an index.
#pragma once

#include <string_view>
#include <vector>

namespace gs::world {

// The entry of `items` whose `name` is `name`, or nullptr.
template <class T>
const T* find_named(const std::vector<T>& items, std::string_view name) {
  for (const auto& x : items) {
    if (x.name == name) return &x;
  }
  return nullptr;
}

}  // namespace gs::world
