#include "sim/model/node.hpp"

#include <algorithm>
#include <cassert>
#include <charconv>

namespace gs::model {

Node Node::null() { return Node(); }

Node Node::string(std::string value) { return scalar(std::move(value), ScalarTag::Str); }

Node Node::integer(std::int64_t value) { return scalar(std::to_string(value), ScalarTag::Int); }

Node Node::boolean(bool value) { return scalar(value ? "true" : "false", ScalarTag::Bool); }

Node Node::floating(std::string text) { return scalar(std::move(text), ScalarTag::Float); }

Node Node::scalar(std::string text, ScalarTag tag) {
  Node n;
  if (tag == ScalarTag::Null) return n;
  n.kind_ = NodeKind::Scalar;
  n.tag_ = tag;
  n.text_ = std::move(text);
  return n;
}

Node Node::map() {
  Node n;
  n.kind_ = NodeKind::Map;
  return n;
}

Node Node::list() {
  Node n;
  n.kind_ = NodeKind::List;
  return n;
}

std::optional<std::int64_t> Node::as_int() const {
  if (kind_ != NodeKind::Scalar || tag_ != ScalarTag::Int) return std::nullopt;
  std::int64_t v = 0;
  const char* first = text_.data();
  const char* last = text_.data() + text_.size();
  if (first != last && *first == '+') ++first;
  auto [p, ec] = std::from_chars(first, last, v);
  if (ec != std::errc() || p != last) return std::nullopt;
  return v;
}

std::optional<bool> Node::as_bool() const {
  if (kind_ != NodeKind::Scalar || tag_ != ScalarTag::Bool) return std::nullopt;
  return text_ == "true" || text_ == "True" || text_ == "TRUE";
}

std::optional<std::string> Node::as_string() const {
  if (kind_ != NodeKind::Scalar || tag_ != ScalarTag::Str) return std::nullopt;
  return text_;
}

const Node* Node::find(std::string_view key) const {
  if (kind_ != NodeKind::Map) return nullptr;
  for (const auto& e : map_) {
    if (e.key == key) return &e.value;
  }
  return nullptr;
}

Node* Node::find(std::string_view key) {
  return const_cast<Node*>(static_cast<const Node*>(this)->find(key));
}

Node& Node::operator[](std::string_view key) {
  if (kind_ == NodeKind::Null) kind_ = NodeKind::Map;
  assert(kind_ == NodeKind::Map);
  if (Node* n = find(key)) return *n;
  map_.push_back(MapEntry{std::string(key), Node(), Mark{}});
  return map_.back().value;
}

void Node::set(std::string_view key, Node value) { (*this)[key] = std::move(value); }

bool Node::erase(std::string_view key) {
  if (kind_ != NodeKind::Map) return false;
  auto it = std::find_if(map_.begin(), map_.end(), [&](const MapEntry& e) { return e.key == key; });
  if (it == map_.end()) return false;
  map_.erase(it);
  return true;
}

void Node::push_back(Node value) {
  if (kind_ == NodeKind::Null) kind_ = NodeKind::List;
  assert(kind_ == NodeKind::List);
  list_.push_back(std::move(value));
}

std::size_t Node::size() const {
  if (kind_ == NodeKind::Map) return map_.size();
  if (kind_ == NodeKind::List) return list_.size();
  return 0;
}

const Node* Node::get(std::initializer_list<std::string_view> keys) const {
  const Node* cur = this;
  for (auto k : keys) {
    cur = cur->find(k);
    if (!cur) return nullptr;
  }
  return cur;
}

std::optional<std::string> Node::get_string(std::initializer_list<std::string_view> keys) const {
  const Node* n = get(keys);
  if (!n) return std::nullopt;
  return n->as_string();
}

bool operator==(const Node& a, const Node& b) {
  if (a.kind_ != b.kind_) return false;
  switch (a.kind_) {
    case NodeKind::Null:
      return true;
    case NodeKind::Scalar:
      return a.tag_ == b.tag_ && a.text_ == b.text_;
    case NodeKind::List:
      return a.list_ == b.list_;
    case NodeKind::Map: {
      if (a.map_.size() != b.map_.size()) return false;
      for (const auto& e : a.map_) {
        const Node* other = b.find(e.key);
        if (!other || !(e.value == *other)) return false;
      }
      return true;
    }
  }
  return false;
}

}  // namespace gs::model
