// The unstructured Kubernetes object: a tree of maps, lists and scalars, the
// way kubectl and kustomize see a manifest before any schema is applied.
// Maps keep their insertion order (so output can follow the input where a tool
// does); scalars keep their YAML core-schema tag (!!str, !!int, ...), so "3"
// and 3 stay different; every node remembers where it came from (line:col).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace gs::model {

enum class NodeKind { Null, Scalar, Map, List };

// YAML 1.2 core schema tags, as yaml-cpp and Kubernetes resolve them.
enum class ScalarTag { Str, Int, Float, Bool, Null };

// 1-based line and column in the source text; 0 means "not from a file".
struct Mark {
  int line = 0;
  int col = 0;
};

struct MapEntry;

class Node {
 public:
  Node() = default;  // null

  static Node null();
  static Node string(std::string value);
  static Node integer(std::int64_t value);
  static Node boolean(bool value);
  static Node floating(std::string text);  // canonical text, e.g. "0.5"
  // A scalar with an explicit tag; the text is the value as written.
  static Node scalar(std::string text, ScalarTag tag);
  static Node map();
  static Node list();

  NodeKind kind() const { return kind_; }
  bool is_null() const { return kind_ == NodeKind::Null; }
  bool is_scalar() const { return kind_ == NodeKind::Scalar; }
  bool is_map() const { return kind_ == NodeKind::Map; }
  bool is_list() const { return kind_ == NodeKind::List; }

  // Scalars.
  const std::string& text() const { return text_; }
  ScalarTag tag() const { return tag_; }
  bool is_string() const { return kind_ == NodeKind::Scalar && tag_ == ScalarTag::Str; }
  std::optional<std::int64_t> as_int() const;
  std::optional<bool> as_bool() const;
  // The string value when this is a string scalar, otherwise nullopt.
  std::optional<std::string> as_string() const;

  // Maps (insertion-ordered).
  const std::vector<MapEntry>& entries() const { return map_; }
  std::vector<MapEntry>& entries() { return map_; }
  const Node* find(std::string_view key) const;
  Node* find(std::string_view key);
  // Inserts a null value at the end when the key is missing. Turns a null node
  // into a map first; must not be called on a scalar or list.
  Node& operator[](std::string_view key);
  void set(std::string_view key, Node value);
  bool erase(std::string_view key);
  bool contains(std::string_view key) const { return find(key) != nullptr; }

  // Lists.
  const std::vector<Node>& items() const { return list_; }
  std::vector<Node>& items() { return list_; }
  void push_back(Node value);

  // Number of entries or items; 0 for scalars and null.
  std::size_t size() const;

  // Convenience for object trees: the string at a dotted key chain, e.g.
  // get_string({"metadata", "name"}); nullopt when absent or not a string.
  std::optional<std::string> get_string(std::initializer_list<std::string_view> keys) const;
  const Node* get(std::initializer_list<std::string_view> keys) const;

  Mark mark;  // where this node starts in its source, if loaded from one

  // Semantic equality: same kind, tag and text; maps compare as unordered key
  // sets; lists in order. Marks are ignored.
  friend bool operator==(const Node& a, const Node& b);

 private:
  NodeKind kind_ = NodeKind::Null;
  ScalarTag tag_ = ScalarTag::Null;
  std::string text_;
  std::vector<MapEntry> map_;
  std::vector<Node> list_;
};

struct MapEntry {
  std::string key;
  Node value;
  Mark key_mark;
};

}  // namespace gs::model
