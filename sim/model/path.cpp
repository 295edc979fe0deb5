#include "sim/model/path.hpp"

namespace gs::model {
namespace {

bool plain_key_char(char c) {
  return c != '.' && c != '[' && c != ']' && c != '"' && c != '\'' && c != '\\' &&
         !(static_cast<unsigned char>(c) <= 0x20);
}

bool is_plain_key(std::string_view key) {
  if (key.empty()) return false;
  for (char c : key) {
    if (!plain_key_char(c)) return false;
  }
  return true;
}

Error path_error(std::string_view text, std::size_t pos, std::string_view what) {
  return Error("bad field path \"" + std::string(text) + "\": " + std::string(what) + " at column " +
               std::to_string(pos + 1));
}

const char* kind_name(const Node& n) {
  switch (n.kind()) {
    case NodeKind::Null: return "null";
    case NodeKind::Scalar: return "a scalar";
    case NodeKind::Map: return "a map";
    case NodeKind::List: return "a list";
  }
  return "?";
}

FieldPath prefix(const FieldPath& p, std::size_t n) {
  FieldPath out;
  out.steps.assign(p.steps.begin(), p.steps.begin() + static_cast<std::ptrdiff_t>(n));
  return out;
}

std::string shown(const FieldPath& p) {
  std::string t = p.text();
  return t.empty() ? "the root" : t;
}

}  // namespace

std::string FieldPath::text() const {
  std::string out;
  for (const PathStep& s : steps) {
    if (s.index) {
      out += "[" + std::to_string(*s.index) + "]";
    } else if (is_plain_key(s.key)) {
      if (!out.empty()) out += '.';
      out += s.key;
    } else {
      out += "[\"";
      for (char c : s.key) {
        if (c == '"' || c == '\\') out += '\\';
        out += c;
      }
      out += "\"]";
    }
  }
  return out;
}

Result<FieldPath> parse_field_path(std::string_view text) {
  FieldPath path;
  std::size_t i = 0;
  if (text.empty()) return path;  // the root
  bool need_key = true;           // at the start or after '.'
  while (i < text.size()) {
    char c = text[i];
    if (c == '[') {
      if (need_key && !path.steps.empty()) return path_error(text, i, "expected a key after '.'");
      ++i;
      if (i < text.size() && (text[i] == '"' || text[i] == '\'')) {
        char quote = text[i++];
        std::string key;
        while (true) {
          if (i >= text.size()) return path_error(text, i, "unterminated quoted key");
          char k = text[i++];
          if (k == quote) break;
          if (k == '\\') {
            if (i >= text.size()) return path_error(text, i, "unterminated quoted key");
            k = text[i++];
          }
          key += k;
        }
        path.steps.push_back(PathStep{std::move(key), std::nullopt});
      } else {
        std::size_t start = i;
        std::size_t value = 0;
        while (i < text.size() && text[i] >= '0' && text[i] <= '9') {
          if (i - start >= 18) return path_error(text, start, "list index too large");
          value = value * 10 + static_cast<std::size_t>(text[i] - '0');
          ++i;
        }
        if (i == start) return path_error(text, start, "expected a list index or a quoted key");
        path.steps.push_back(PathStep{"", value});
      }
      if (i >= text.size() || text[i] != ']') return path_error(text, i, "expected ']'");
      ++i;
      need_key = false;
    } else if (c == '.') {
      if (need_key) return path_error(text, i, "empty key");
      ++i;
      need_key = true;
      if (i == text.size()) return path_error(text, i, "empty key");
    } else {
      if (!need_key) return path_error(text, i, "expected '.' or '['");
      std::size_t start = i;
      while (i < text.size() && plain_key_char(text[i])) ++i;
      if (i == start) return path_error(text, i, std::string("unexpected '") + c + "'");
      path.steps.push_back(PathStep{std::string(text.substr(start, i - start)), std::nullopt});
      need_key = false;
    }
  }
  return path;
}

const Node* get_path(const Node& root, const FieldPath& path) {
  const Node* cur = &root;
  for (const PathStep& s : path.steps) {
    if (s.index) {
      if (!cur->is_list() || *s.index >= cur->items().size()) return nullptr;
      cur = &cur->items()[*s.index];
    } else {
      cur = cur->find(s.key);
      if (!cur) return nullptr;
    }
  }
  return cur;
}

Status set_path(Node& root, const FieldPath& path, Node value) {
  Node* cur = &root;
  for (std::size_t n = 0; n < path.steps.size(); ++n) {
    const PathStep& s = path.steps[n];
    if (s.index) {
      if (cur->is_null()) *cur = Node::list();
      if (!cur->is_list()) {
        return Error("cannot set " + path.text() + ": " + shown(prefix(path, n)) + " is " + kind_name(*cur) +
                     ", not a list");
      }
      auto& items = cur->items();
      if (*s.index > items.size()) {
        return Error("cannot set " + path.text() + ": index " + std::to_string(*s.index) + " is past the end of " +
                     shown(prefix(path, n)) + " (" + std::to_string(items.size()) + " items)");
      }
      if (*s.index == items.size()) items.emplace_back();
      cur = &items[*s.index];
    } else {
      if (cur->is_null()) *cur = Node::map();
      if (!cur->is_map()) {
        return Error("cannot set " + path.text() + ": " + shown(prefix(path, n)) + " is " + kind_name(*cur) +
                     ", not a map");
      }
      cur = &(*cur)[s.key];
    }
  }
  Mark keep = cur->mark;
  *cur = std::move(value);
  if (cur->mark.line == 0) cur->mark = keep;
  return {};
}

Status erase_path(Node& root, const FieldPath& path) {
  if (path.steps.empty()) return Error("cannot erase the root of an object");
  FieldPath parent_path = prefix(path, path.steps.size() - 1);
  // get_path only reads, and root is ours to change.
  Node* parent = const_cast<Node*>(get_path(root, parent_path));
  const PathStep& last = path.steps.back();
  if (parent) {
    if (last.index && parent->is_list() && *last.index < parent->items().size()) {
      parent->items().erase(parent->items().begin() + static_cast<std::ptrdiff_t>(*last.index));
      return {};
    }
    if (!last.index && parent->erase(last.key)) return {};
  }
  return Error("cannot erase " + path.text() + ": no such field");
}

}  // namespace gs::model
