// Loading YAML into Nodes through yaml-cpp's event parser rather than
// YAML::Load: events give us every node's position, let us reject duplicate
// keys and over-deep nesting as they appear, and let aliases be expanded
// against a node budget before any copy is made (so a billion-laughs document
// fails after at most max_nodes nodes instead of allocating exponentially).
#include <algorithm>
#include <cstdio>
#include <map>
#include <memory>
#include <sstream>
#include <unordered_set>

#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/exceptions.h>
#include <yaml-cpp/mark.h>
#include <yaml-cpp/parser.h>

#include "sim/model/scalar.hpp"
#include "sim/model/yaml.hpp"

namespace gs::model {
namespace {

// Thrown from inside the event handler to stop yaml-cpp; never leaves this file.
struct LoadAbort {
  Error error;
};

Mark to_mark(const YAML::Mark& m) { return Mark{m.line + 1, m.column + 1}; }

// Position (1-based line, column in code points) of a byte offset.
SourcePos pos_of_offset(std::string_view text, std::size_t offset, const std::string& file) {
  int line = 1, col = 1;
  for (std::size_t i = 0; i < offset && i < text.size();) {
    if (text[i] == '\n') {
      ++line;
      col = 1;
      ++i;
      continue;
    }
    int len = 1;
    detail::decode_utf8(text, i, len);
    i += static_cast<std::size_t>(len);
    ++col;
  }
  return SourcePos{file, line, col};
}

// YAML allows only printable characters (YAML 1.2 §5.1); yaml-cpp would
// silently replace bad UTF-8 and misreads NULs as UTF-16, so check first.
std::optional<Error> check_characters(std::string_view text, const std::string& file) {
  for (std::size_t i = 0; i < text.size();) {
    int len = 1;
    long cp = detail::decode_utf8(text, i, len);
    if (cp < 0) {
      return Error("invalid UTF-8 byte 0x" + [&] {
        static const char* hex = "0123456789ABCDEF";
        auto b = static_cast<unsigned char>(text[i]);
        return std::string{hex[b >> 4], hex[b & 15]};
      }(), pos_of_offset(text, i, file));
    }
    bool printable = cp == 0x09 || cp == 0x0A || cp == 0x0D || (cp >= 0x20 && cp <= 0x7E) || cp == 0x85 ||
                     (cp >= 0xA0 && cp <= 0xD7FF) || (cp >= 0xE000 && cp <= 0xFFFD) || cp >= 0x10000;
    if (!printable) {
      char buf[64];
      std::snprintf(buf, sizeof buf, "control character U+%04lX is not allowed", static_cast<unsigned long>(cp));
      return Error(buf, pos_of_offset(text, i, file));
    }
    i += static_cast<std::size_t>(len);
  }
  return std::nullopt;
}

std::optional<std::string> base64_decode(std::string_view in) {
  auto val = [](char c) -> int {
    if (c >= 'A' && c <= 'Z') return c - 'A';
    if (c >= 'a' && c <= 'z') return c - 'a' + 26;
    if (c >= '0' && c <= '9') return c - '0' + 52;
    if (c == '+') return 62;
    if (c == '/') return 63;
    return -1;
  };
  std::string out;
  unsigned buf = 0;
  int bits = 0;
  for (char c : in) {
    if (c == '=' || c == ' ' || c == '\n' || c == '\r' || c == '\t') continue;
    int v = val(c);
    if (v < 0) return std::nullopt;
    buf = (buf << 6) | static_cast<unsigned>(v);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out += static_cast<char>((buf >> bits) & 0xFF);
    }
  }
  return out;
}

// yaml-cpp 0.7 decodes the escapes \N and \_ to the single bytes 0x85 and
// 0xA0 instead of UTF-8. The input was checked to be UTF-8, so a byte that does
// not decode here came from one of those escapes.
std::string fix_escapes(const std::string& value) {
  if (detail::valid_utf8(value)) return value;
  std::string out;
  for (std::size_t i = 0; i < value.size();) {
    int len = 1;
    if (detail::decode_utf8(value, i, len) < 0) {
      out += '\xC2';
      out += value[i];
      ++i;
      continue;
    }
    out.append(value, i, static_cast<std::size_t>(len));
    i += static_cast<std::size_t>(len);
  }
  return out;
}

// The character at a 0-based line and column (in code points) of text, as
// its UTF-8 bytes; empty past the end.
std::string char_at(std::string_view text, int line, int col) {
  std::size_t i = 0;
  for (int l = 0; l < line && i < text.size(); ++i) {
    if (text[i] == '\n') ++l;
  }
  for (int c = 0; c < col && i < text.size() && text[i] != '\n'; ++c) {
    int len = 1;
    detail::decode_utf8(text, i, len);
    i += static_cast<std::size_t>(len);
  }
  if (i >= text.size()) return "";
  int len = 1;
  detail::decode_utf8(text, i, len);
  return std::string(text.substr(i, static_cast<std::size_t>(len)));
}

class Builder : public YAML::EventHandler {
 public:
  Builder(std::string_view text, const LoadOptions& opts, std::size_t& produced)
      : text_(text), opts_(opts), produced_(produced) {}

  // Root of the last document, and where it started.
  Node root;
  Mark doc_mark;

  void OnDocumentStart(const YAML::Mark& mark) override {
    // yaml-cpp 0.7 never gets past a ',' at the start of a document (`,`
    // alone, `!tag,`, `&a ,`): it starts one empty document after another at
    // that place, without end (only the node budget stopped it, as an "alias
    // bomb"). Two documents cannot start at one place, so that is the sign.
    if (doc_started_ && mark.pos == doc_pos_) {
      const std::string c = char_at(text_, mark.line, mark.column);
      if (c == ",") fail("unexpected ',': it separates items only inside [...] or {...}; quote a value that holds it", mark);
      fail("cannot read YAML past this point" + (c.empty() ? std::string() : " ('" + c + "')"), mark);
    }
    doc_started_ = true;
    doc_pos_ = mark.pos;
    anchors_.clear();
    stack_.clear();
    root = Node();
    doc_mark = to_mark(mark);
  }
  void OnDocumentEnd() override {}

  void OnNull(const YAML::Mark& mark, YAML::anchor_t anchor) override {
    count(1, mark);
    Node n;
    n.mark = to_mark(mark);
    add(std::move(n), 1, anchor, mark, /*merge_key=*/false);
  }

  void OnAlias(const YAML::Mark& mark, YAML::anchor_t anchor) override {
    auto it = anchors_.find(anchor);
    if (it == anchors_.end() || !it->second.complete) {
      fail("alias refers to an anchor that is still being defined", mark);
    }
    // Count the expansion before copying it: this is what bounds alias bombs.
    count(it->second.count, mark);
    Node copy = it->second.node;
    copy.mark = to_mark(mark);
    add(std::move(copy), it->second.count, YAML::NullAnchor, mark, false);
  }

  void OnScalar(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor,
                const std::string& value) override {
    count(1, mark);
    bool merge_key = tag == "?" && value == "<<";
    Node n = make_scalar(tag, fix_escapes(value), mark);
    n.mark = to_mark(mark);
    add(std::move(n), 1, anchor, mark, merge_key);
  }

  void OnSequenceStart(const YAML::Mark& mark, const std::string& /*tag*/, YAML::anchor_t anchor,
                       YAML::EmitterStyle::value /*style*/) override {
    open(Node::list(), mark, anchor);
  }
  void OnSequenceEnd() override { close(); }

  void OnMapStart(const YAML::Mark& mark, const std::string& /*tag*/, YAML::anchor_t anchor,
                  YAML::EmitterStyle::value /*style*/) override {
    open(Node::map(), mark, anchor);
  }
  void OnMapEnd() override {
    Frame& f = stack_.back();
    // Merge keys (`<<: *base`): explicit keys win, then earlier sources win,
    // as in go-yaml and the YAML 1.1 merge spec.
    for (Node& src : f.merges) {
      for (MapEntry& e : src.entries()) {
        if (f.keys.insert(e.key).second) f.node.entries().push_back(std::move(e));
      }
    }
    f.merges.clear();
    close();
  }

 private:
  struct Anchored {
    Node node;
    std::size_t count = 0;
    bool complete = false;
  };
  struct Frame {
    Node node;
    YAML::anchor_t anchor = YAML::NullAnchor;
    std::size_t count = 1;
    // Maps: the key waiting for its value.
    bool have_key = false;
    bool key_is_merge = false;
    std::string key;
    Mark key_mark;
    std::unordered_set<std::string> keys;  // lookup only, never iterated
    std::vector<Node> merges;
  };

  [[noreturn]] void fail(std::string msg, const YAML::Mark& mark) const {
    throw LoadAbort{Error(std::move(msg), SourcePos{opts_.file, mark.line + 1, mark.column + 1})};
  }

  void count(std::size_t n, const YAML::Mark& mark) {
    if (n > opts_.max_nodes || produced_ > opts_.max_nodes - n) {
      fail("YAML expands to more than " + std::to_string(opts_.max_nodes) + " nodes (alias bomb?)", mark);
    }
    produced_ += n;
  }

  void open(Node n, const YAML::Mark& mark, YAML::anchor_t anchor) {
    if (static_cast<int>(stack_.size()) >= opts_.max_depth) {
      fail("YAML nesting deeper than " + std::to_string(opts_.max_depth) + " levels", mark);
    }
    count(1, mark);
    n.mark = to_mark(mark);
    if (anchor != YAML::NullAnchor) anchors_[anchor] = Anchored{};  // defined but not complete
    Frame f;
    f.node = std::move(n);
    f.anchor = anchor;
    stack_.push_back(std::move(f));
  }

  void close() {
    Frame f = std::move(stack_.back());
    stack_.pop_back();
    YAML::Mark m;
    m.line = f.node.mark.line - 1;
    m.column = f.node.mark.col - 1;
    add(std::move(f.node), f.count, f.anchor, m, false);
  }

  // Hands a finished node to its parent (or makes it the document root).
  void add(Node n, std::size_t n_count, YAML::anchor_t anchor, const YAML::Mark& mark, bool merge_key) {
    if (anchor != YAML::NullAnchor) anchors_[anchor] = Anchored{n, n_count, true};
    if (stack_.empty()) {
      root = std::move(n);
      return;
    }
    Frame& f = stack_.back();
    f.count += n_count;
    if (f.node.is_list()) {
      f.node.items().push_back(std::move(n));
      return;
    }
    if (!f.have_key) {
      if (n.is_map() || n.is_list()) fail("map keys must be strings, not a " + std::string(n.is_map() ? "map" : "list"), mark);
      f.key = n.is_null() ? "null" : n.text();
      f.key_mark = n.mark;
      f.key_is_merge = merge_key;
      if (!merge_key && !f.keys.insert(f.key).second) fail("duplicate key \"" + f.key + "\"", mark);
      f.have_key = true;
      return;
    }
    f.have_key = false;
    if (f.key_is_merge) {
      if (n.is_map()) {
        f.merges.push_back(std::move(n));
      } else if (n.is_list() && std::all_of(n.items().begin(), n.items().end(), [](const Node& x) { return x.is_map(); })) {
        for (Node& x : n.items()) f.merges.push_back(std::move(x));
      } else {
        fail("merge key << needs a map or a list of maps", mark);
      }
      return;
    }
    f.node.entries().push_back(MapEntry{std::move(f.key), std::move(n), f.key_mark});
  }

  Node make_scalar(const std::string& tag, const std::string& value, const YAML::Mark& mark) const {
    static const std::string kCore = "tag:yaml.org,2002:";
    if (tag == "?") {
      detail::Resolved r = detail::resolve_plain(value);
      return Node::scalar(std::move(r.text), r.tag);
    }
    if (tag.rfind(kCore, 0) != 0) return Node::string(value);  // quoted ("!") or a custom tag
    std::string_view t = std::string_view(tag).substr(kCore.size());
    detail::Resolved r;
    if (t == "str" || t == "timestamp") return Node::string(value);
    if (t == "null") return Node();
    if (t == "bool") {
      detail::Resolved b = detail::resolve_plain(value);
      if (b.tag == ScalarTag::Bool) return Node::boolean(b.text == "true");
    } else if (t == "int") {
      std::string plain;
      for (char c : value) {
        if (c != '_') plain += c;
      }
      if (detail::canonical_int(plain, r)) return Node::scalar(r.text, r.tag);
    } else if (t == "float") {
      if (detail::canonical_float(value, r) || detail::canonical_int(value, r)) return Node::scalar(r.text, r.tag);
    } else if (t == "binary") {
      // go-yaml decodes !!binary; kustomize then prints the bytes as a string.
      if (auto bytes = base64_decode(value)) {
        return Node::string(detail::valid_utf8(*bytes) ? *bytes : value);
      }
    } else {
      return Node::string(value);
    }
    fail("cannot decode \"" + value + "\" as !!" + std::string(t), mark);
  }

  std::string_view text_;  // as yaml-cpp reads it, for messages
  const LoadOptions& opts_;
  std::size_t& produced_;
  bool doc_started_ = false;
  int doc_pos_ = 0;  // where the last document started (yaml-cpp's Mark::pos)
  std::vector<Frame> stack_;
  std::map<YAML::anchor_t, Anchored> anchors_;
};

// Runs fn(parser, builder, produced) and turns every failure into an Error.
template <class Fn>
auto guarded(std::string_view text, const LoadOptions& opts, Fn fn) -> decltype(fn(std::declval<YAML::Parser&>(), std::declval<Builder&>())) {
  if (auto bad = check_characters(text, opts.file)) return *bad;
  std::size_t produced = 0;
  // yaml-cpp 0.7 accepts a quoted scalar left open at the end of the input
  // when the input ends in a line break; a trailing document-end marker makes
  // it report the error. "..." after the last document changes nothing else.
  const bool sentinel = !text.empty() && text.back() == '\n';
  const int text_lines = static_cast<int>(std::count(text.begin(), text.end(), '\n'));
  try {
    const std::string stream = std::string(text) + (sentinel ? "...\n" : "");
    std::istringstream in{stream};
    YAML::Parser parser(in);
    Builder builder(stream, opts, produced);
    return fn(parser, builder);
  } catch (const LoadAbort& a) {
    return a.error;
  } catch (const YAML::Exception& e) {
    if (sentinel && !e.mark.is_null() && e.mark.line >= text_lines) {
      return Error("illegal EOF in scalar", pos_of_offset(text, text.size(), opts.file));
    }
    SourcePos at = e.mark.is_null() ? pos_of_offset(text, text.size(), opts.file)
                                    : SourcePos{opts.file, e.mark.line + 1, e.mark.column + 1};
    return Error(e.msg, at);
  } catch (const std::exception& e) {
    return Error(std::string("YAML: ") + e.what(), pos_of_offset(text, text.size(), opts.file));
  }
}

}  // namespace

Result<Node> parse_yaml(std::string_view text, const LoadOptions& opts) {
  return guarded(text, opts, [&](YAML::Parser& parser, Builder& b) -> Result<Node> {
    if (!parser.HandleNextDocument(b)) return Node();
    Node first = std::move(b.root);
    // A trailing `---` (an empty second document) is harmless; more is not.
    while (parser.HandleNextDocument(b)) {
      if (!b.root.is_null() || first.is_null()) {
        if (first.is_null()) {
          first = std::move(b.root);
          continue;
        }
        return Error("expected one YAML document, found another",
                     SourcePos{opts.file, b.doc_mark.line, b.doc_mark.col});
      }
    }
    return first;
  });
}

Result<std::vector<Node>> parse_yaml_stream(std::string_view text, const LoadOptions& opts) {
  return guarded(text, opts, [&](YAML::Parser& parser, Builder& b) -> Result<std::vector<Node>> {
    std::vector<Node> docs;
    while (parser.HandleNextDocument(b)) {
      if (!b.root.is_null()) docs.push_back(std::move(b.root));
    }
    return docs;
  });
}

}  // namespace gs::model
