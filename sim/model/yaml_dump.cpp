// Printing Nodes as YAML byte-for-byte the way `kubectl kustomize` does. That
// output comes from go-yaml v3's emitter (a port of libyaml), so this is a
// small port of the parts of it that block-style documents use: scalar style
// selection (yaml_emitter_analyze_scalar / select_scalar_style), the 80-column
// folding of long scalars, block literals with indent/chomping hints, and
// indentless sequences under map keys. Sources: go-yaml v3 emitterc.go and
// encode.go (stringv).
#include <algorithm>

#include "sim/model/scalar.hpp"
#include "sim/core/base64.hpp"
#include "sim/model/yaml.hpp"

namespace gs::model {
namespace {

constexpr int kBestIndent = 2;
constexpr int kBestWidth = 80;

// Byte-level character classes from go-yaml's yamlprivateh.go.
std::size_t width_at(std::string_view s, std::size_t i) {
  auto c = static_cast<unsigned char>(s[i]);
  std::size_t w = (c & 0x80) == 0 ? 1 : (c & 0xE0) == 0xC0 ? 2 : (c & 0xF0) == 0xE0 ? 3 : (c & 0xF8) == 0xF0 ? 4 : 1;
  return std::min(w, s.size() - i);
}
unsigned char at(std::string_view s, std::size_t i) { return i < s.size() ? static_cast<unsigned char>(s[i]) : 0; }
bool is_space(std::string_view s, std::size_t i) { return at(s, i) == ' '; }
bool is_tab(std::string_view s, std::size_t i) { return at(s, i) == '\t'; }
bool is_blank(std::string_view s, std::size_t i) { return is_space(s, i) || is_tab(s, i); }
bool is_break(std::string_view s, std::size_t i) {
  unsigned char c = at(s, i);
  return c == '\r' || c == '\n' || (c == 0xC2 && at(s, i + 1) == 0x85) ||
         (c == 0xE2 && at(s, i + 1) == 0x80 && (at(s, i + 2) == 0xA8 || at(s, i + 2) == 0xA9));
}
bool is_blankz(std::string_view s, std::size_t i) { return is_blank(s, i) || is_break(s, i) || i >= s.size(); }
bool is_printable(std::string_view s, std::size_t i) {
  unsigned char c = at(s, i), c1 = at(s, i + 1), c2 = at(s, i + 2);
  return c == 0x0A || (c >= 0x20 && c <= 0x7E) || (c == 0xC2 && c1 >= 0xA0) || (c > 0xC2 && c < 0xED) ||
         (c == 0xED && c1 < 0xA0) || c == 0xEE ||
         (c == 0xEF && !(c1 == 0xBB && c2 == 0xBF) && !(c1 == 0xBF && (c2 == 0xBE || c2 == 0xBF)));
}
bool is_bom(std::string_view s, std::size_t i) { return at(s, i) == 0xEF && at(s, i + 1) == 0xBB && at(s, i + 2) == 0xBF; }

enum class Style { Plain, Single, Double, Literal };

struct Analysis {
  bool multiline = false;
  bool flow_plain_allowed = false;
  bool block_plain_allowed = true;
  bool single_quoted_allowed = true;
  bool block_allowed = false;
};

// yaml_emitter_analyze_scalar.
Analysis analyze(std::string_view v) {
  Analysis a;
  if (v.empty()) return a;
  bool block_ind = false, flow_ind = false, line_breaks = false, special = false, tabs = false;
  bool leading_space = false, leading_break = false, trailing_space = false, trailing_break = false;
  bool break_space = false, space_break = false, previous_space = false, previous_break = false;
  if (v.size() >= 3 && (v.substr(0, 3) == "---" || v.substr(0, 3) == "...")) {
    block_ind = true;
    flow_ind = true;
  }
  bool preceded_by_ws = true;
  for (std::size_t i = 0; i < v.size();) {
    std::size_t w = width_at(v, i);
    bool followed_by_ws = i + w >= v.size() || is_blank(v, i + w);
    char c = v[i];
    if (i == 0) {
      switch (c) {
        case '#': case ',': case '[': case ']': case '{': case '}': case '&': case '*': case '!':
        case '|': case '>': case '\'': case '"': case '%': case '@': case '`':
          flow_ind = block_ind = true;
          break;
        case '?': case ':':
          flow_ind = true;
          if (followed_by_ws) block_ind = true;
          break;
        case '-':
          if (followed_by_ws) flow_ind = block_ind = true;
          break;
        default:
          break;
      }
    } else {
      switch (c) {
        case ',': case '?': case '[': case ']': case '{': case '}':
          flow_ind = true;
          break;
        case ':':
          flow_ind = true;
          if (followed_by_ws) block_ind = true;
          break;
        case '#':
          if (preceded_by_ws) flow_ind = block_ind = true;
          break;
        default:
          break;
      }
    }
    if (c == '\t') {
      tabs = true;
    } else if (!is_printable(v, i)) {
      special = true;
    }
    if (is_space(v, i)) {
      if (i == 0) leading_space = true;
      if (i + w == v.size()) trailing_space = true;
      if (previous_break) break_space = true;
      previous_space = true;
      previous_break = false;
    } else if (is_break(v, i)) {
      line_breaks = true;
      if (i == 0) leading_break = true;
      if (i + w == v.size()) trailing_break = true;
      if (previous_space) space_break = true;
      previous_space = false;
      previous_break = true;
    } else {
      previous_space = false;
      previous_break = false;
    }
    preceded_by_ws = is_blankz(v, i);
    i += w;
  }
  a.multiline = line_breaks;
  a.flow_plain_allowed = a.block_plain_allowed = a.single_quoted_allowed = a.block_allowed = true;
  if (leading_space || leading_break || trailing_space || trailing_break) {
    a.flow_plain_allowed = a.block_plain_allowed = false;
  }
  if (trailing_space) a.block_allowed = false;
  if (break_space) a.flow_plain_allowed = a.block_plain_allowed = a.single_quoted_allowed = false;
  if (space_break || tabs || special) a.flow_plain_allowed = a.block_plain_allowed = a.single_quoted_allowed = false;
  if (space_break || special) a.block_allowed = false;
  if (line_breaks) a.flow_plain_allowed = a.block_plain_allowed = false;
  if (flow_ind) a.flow_plain_allowed = false;
  if (block_ind) a.block_plain_allowed = false;
  return a;
}

class Emitter {
 public:
  explicit Emitter(const DumpOptions& opts) : opts_(opts) {}

  std::string finish(const Node& root) {
    emit_node(root, /*mapping_ctx=*/false, /*simple_key=*/false);
    // Document end: finish the last line (yaml_emitter_emit_document_end).
    indent_ = -1;
    write_indent();
    return std::move(out_);
  }

 private:
  // --- low-level output, tracking the column in characters as go-yaml does.
  void put(char c) {
    out_ += c;
    ++column_;
  }
  void put_break() {
    out_ += '\n';
    column_ = 0;
    indention_ = true;
  }
  void write(std::string_view s, std::size_t& i) {
    std::size_t w = width_at(s, i);
    out_.append(s.substr(i, w));
    i += w;
    ++column_;
  }
  void write_break(std::string_view s, std::size_t& i) {
    if (s[i] == '\n') {
      put_break();
      ++i;
    } else {
      std::size_t w = width_at(s, i);
      out_.append(s.substr(i, w));
      i += w;
      column_ = 0;
      indention_ = true;
    }
  }
  void write_indent() {
    int indent = std::max(indent_, 0);
    if (!indention_ || column_ > indent || (column_ == indent && !whitespace_)) put_break();
    while (column_ < indent) put(' ');
    whitespace_ = true;
    indention_ = true;
  }
  void write_indicator(std::string_view ind, bool need_ws, bool is_ws, bool is_indention) {
    if (need_ws && !whitespace_) put(' ');
    for (std::size_t i = 0; i < ind.size();) write(ind, i);
    whitespace_ = is_ws;
    indention_ = indention_ && is_indention;
  }
  void increase_indent(bool flow, bool indentless) {
    indents_.push_back(indent_);
    if (indent_ < 0) {
      indent_ = flow ? kBestIndent : 0;
    } else if (!indentless) {
      indent_ += kBestIndent;
    }
  }
  void pop_indent() {
    indent_ = indents_.back();
    indents_.pop_back();
  }

  // --- nodes
  void emit_node(const Node& n, bool mapping_ctx, bool simple_key) {
    switch (n.kind()) {
      case NodeKind::Null:
        emit_scalar("null", Style::Plain, simple_key);
        return;
      case NodeKind::Scalar:
        emit_typed_scalar(n, simple_key);
        return;
      case NodeKind::List:
        if (n.items().empty()) {
          write_indicator("[", true, true, false);
          write_indicator("]", false, false, false);
          return;
        }
        // Under a map key a sequence is not indented (kubectl's `- name: x`).
        increase_indent(false, mapping_ctx && !indention_);
        for (const Node& item : n.items()) {
          write_indent();
          write_indicator("-", true, false, true);
          emit_node(item, false, false);
        }
        pop_indent();
        return;
      case NodeKind::Map:
        if (n.entries().empty()) {
          write_indicator("{", true, true, false);
          write_indicator("}", false, false, false);
          return;
        }
        increase_indent(false, false);
        for (const MapEntry* e : ordered(n)) {
          write_indent();
          if (is_simple_key(e->key)) {
            emit_string(e->key, /*simple_key=*/true);
            write_indicator(":", false, false, false);
          } else {
            write_indicator("?", true, false, true);
            emit_string(e->key, false);
            write_indent();
            write_indicator(":", true, false, true);
          }
          emit_node(e->value, true, false);
        }
        pop_indent();
        return;
    }
  }

  std::vector<const MapEntry*> ordered(const Node& n) const {
    std::vector<const MapEntry*> v;
    for (const auto& e : n.entries()) v.push_back(&e);
    if (opts_.sort_keys) {
      std::stable_sort(v.begin(), v.end(),
                       [](const MapEntry* a, const MapEntry* b) { return detail::go_key_less(a->key, b->key); });
    }
    return v;
  }

  // yaml_emitter_check_simple_key for a scalar key.
  static bool is_simple_key(std::string_view key) {
    if (!detail::valid_utf8(key)) return false;
    return key.size() <= 128 && !analyze(key).multiline;
  }

  void emit_typed_scalar(const Node& n, bool simple_key) {
    if (n.tag() == ScalarTag::Str) {
      emit_string(n.text(), simple_key);
    } else {
      emit_scalar(n.text(), Style::Plain, simple_key);
    }
  }

  // encode.go stringv: which style go-yaml asks for; the emitter may then
  // fall back to a quoted style.
  void emit_string(const std::string& s, bool simple_key) {
    if (!detail::valid_utf8(s)) {
      write_indicator("!!binary", true, false, false);
      emit_scalar(base64_encode(s), Style::Plain, simple_key);
      return;
    }
    Style style = Style::Double;
    // NEL, LS and PS are line breaks to YAML 1.1 readers (go-yaml) but not to
    // YAML 1.2 ones (yaml-cpp); go-yaml's emitter even re-indents after them,
    // changing the value. Escaping them in double quotes reads back the same
    // everywhere (a deliberate difference from kubectl).
    const bool odd_breaks = s.find("\xC2\x85") != std::string::npos || s.find("\xE2\x80\xA8") != std::string::npos ||
                            s.find("\xE2\x80\xA9") != std::string::npos;
    if (odd_breaks) {
      style = Style::Double;
    } else if (s.find('\n') != std::string::npos) {
      style = Style::Literal;
    } else if (!detail::plain_is_ambiguous(s)) {
      style = Style::Plain;
    }
    emit_scalar(s, style, simple_key);
  }

  // yaml_emitter_select_scalar_style + yaml_emitter_emit_scalar (block context).
  void emit_scalar(std::string_view v, Style style, bool simple_key) {
    Analysis a = analyze(v);
    if (simple_key && a.multiline) style = Style::Double;
    if (style == Style::Plain) {
      if (!a.block_plain_allowed) style = Style::Single;
      if (v.empty() && simple_key) style = Style::Single;
    }
    if (style == Style::Single && !a.single_quoted_allowed) style = Style::Double;
    if (style == Style::Literal && (!a.block_allowed || simple_key)) style = Style::Double;
    increase_indent(true, false);
    bool allow_breaks = !simple_key;
    switch (style) {
      case Style::Plain: write_plain(v, allow_breaks); break;
      case Style::Single: write_single(v, allow_breaks); break;
      case Style::Double: write_double(v, allow_breaks); break;
      case Style::Literal: write_literal(v); break;
    }
    pop_indent();
  }

  void write_plain(std::string_view v, bool allow_breaks) {
    if (!v.empty() && !whitespace_) put(' ');
    bool spaces = false;
    for (std::size_t i = 0; i < v.size();) {
      if (is_space(v, i)) {
        // Fold at a single space once past column 80, as go-yaml does.
        if (allow_breaks && !spaces && column_ > kBestWidth && !is_space(v, i + 1)) {
          write_indent();
          ++i;
        } else {
          write(v, i);
        }
        spaces = true;
      } else {
        write(v, i);
        indention_ = false;
        spaces = false;
      }
    }
    whitespace_ = false;
    indention_ = false;
  }

  void write_single(std::string_view v, bool allow_breaks) {
    write_indicator("'", true, false, false);
    bool spaces = false;
    bool breaks = false;
    for (std::size_t i = 0; i < v.size();) {
      if (is_space(v, i)) {
        if (allow_breaks && !spaces && column_ > kBestWidth && i > 0 && i < v.size() - 1 && !is_space(v, i + 1)) {
          write_indent();
          ++i;
        } else {
          write(v, i);
        }
        spaces = true;
      } else if (is_break(v, i)) {
        // Only U+2028/U+2029 get here: strings with \n go to literal or
        // double-quoted style. go-yaml re-indents the next line.
        if (!breaks && v[i] == '\n') put_break();
        write_break(v, i);
        breaks = true;
      } else {
        if (breaks) write_indent();
        if (v[i] == '\'') put('\'');
        write(v, i);
        indention_ = false;
        spaces = false;
        breaks = false;
      }
    }
    write_indicator("'", false, false, false);
    whitespace_ = false;
    indention_ = false;
  }

  void write_double(std::string_view v, bool allow_breaks) {
    static const char* hex = "0123456789ABCDEF";
    write_indicator("\"", true, false, false);
    bool spaces = false;
    for (std::size_t i = 0; i < v.size();) {
      if (!is_printable(v, i) || is_bom(v, i) || is_break(v, i) || v[i] == '"' || v[i] == '\\') {
        int len = 1;
        long cp = detail::decode_utf8(v, i, len);
        if (cp < 0) cp = static_cast<unsigned char>(v[i]);
        i += static_cast<std::size_t>(len);
        put('\\');
        switch (cp) {
          case 0x00: put('0'); break;
          case 0x07: put('a'); break;
          case 0x08: put('b'); break;
          case 0x09: put('t'); break;
          case 0x0A: put('n'); break;
          case 0x0B: put('v'); break;
          case 0x0C: put('f'); break;
          case 0x0D: put('r'); break;
          case 0x1B: put('e'); break;
          case 0x22: put('"'); break;
          case 0x5C: put('\\'); break;
          case 0x85: put('N'); break;
          case 0xA0: put('_'); break;
          case 0x2028: put('L'); break;
          case 0x2029: put('P'); break;
          default: {
            int digits = cp <= 0xFF ? 2 : cp <= 0xFFFF ? 4 : 8;
            put(digits == 2 ? 'x' : digits == 4 ? 'u' : 'U');
            for (int k = (digits - 1) * 4; k >= 0; k -= 4) put(hex[(cp >> k) & 0xF]);
          }
        }
        spaces = false;
      } else if (is_space(v, i)) {
        if (allow_breaks && !spaces && column_ > kBestWidth && i > 0 && i < v.size() - 1) {
          write_indent();
          if (is_space(v, i + 1)) put('\\');
          ++i;
        } else {
          write(v, i);
        }
        spaces = true;
      } else {
        write(v, i);
        spaces = false;
      }
    }
    write_indicator("\"", false, false, false);
    whitespace_ = false;
    indention_ = false;
  }

  void write_literal(std::string_view v) {
    write_indicator("|", true, false, false);
    // yaml_emitter_write_block_scalar_hints: an explicit indent when the text
    // starts with a space or break; chomping from the trailing breaks.
    if (is_space(v, 0) || is_break(v, 0)) write_indicator(std::string(1, static_cast<char>('0' + kBestIndent)), false, false, false);
    std::string chomp;
    if (v.empty()) {
      chomp = "-";
    } else {
      std::size_t i = v.size() - 1;
      while (i > 0 && (static_cast<unsigned char>(v[i]) & 0xC0) == 0x80) --i;
      if (!is_break(v, i)) {
        chomp = "-";
      } else if (i == 0) {
        chomp = "+";
      } else {
        --i;
        while (i > 0 && (static_cast<unsigned char>(v[i]) & 0xC0) == 0x80) --i;
        if (is_break(v, i)) chomp = "+";
      }
    }
    if (!chomp.empty()) write_indicator(chomp, false, false, false);
    put_break();
    whitespace_ = true;
    bool breaks = true;
    for (std::size_t i = 0; i < v.size();) {
      if (is_break(v, i)) {
        write_break(v, i);
        breaks = true;
      } else {
        if (breaks) write_indent();
        write(v, i);
        indention_ = false;
        breaks = false;
      }
    }
  }

  const DumpOptions& opts_;
  std::string out_;
  int column_ = 0;
  int indent_ = -1;
  std::vector<int> indents_;
  bool whitespace_ = true;
  bool indention_ = true;
};

// Go's encoding/json string escaping (HTML-safe, as json.Marshal does).
void json_string(std::string& out, std::string_view s) {
  static const char* hex = "0123456789abcdef";
  out += '"';
  for (std::size_t i = 0; i < s.size();) {
    auto c = static_cast<unsigned char>(s[i]);
    if (c < 0x80) {
      switch (c) {
        case '"': out += "\\\""; break;
        case '\\': out += "\\\\"; break;
        case '\n': out += "\\n"; break;
        case '\r': out += "\\r"; break;
        case '\t': out += "\\t"; break;
        default:
          if (c < 0x20 || c == '<' || c == '>' || c == '&') {
            out += "\\u00";
            out += hex[c >> 4];
            out += hex[c & 15];
          } else {
            out += static_cast<char>(c);
          }
      }
      ++i;
      continue;
    }
    int len = 1;
    long cp = detail::decode_utf8(s, i, len);
    if (cp < 0) {
      out += "\\ufffd";
    } else if (cp == 0x2028 || cp == 0x2029) {
      out += cp == 0x2028 ? "\\u2028" : "\\u2029";
    } else {
      out.append(s.substr(i, static_cast<std::size_t>(len)));
    }
    i += static_cast<std::size_t>(len);
  }
  out += '"';
}

void json_node(std::string& out, const Node& n) {
  switch (n.kind()) {
    case NodeKind::Null:
      out += "null";
      return;
    case NodeKind::Scalar:
      if (n.tag() == ScalarTag::Str) {
        json_string(out, n.text());
      } else if (n.tag() == ScalarTag::Float && (n.text() == ".inf" || n.text() == "-.inf" || n.text() == ".nan")) {
        out += "null";  // JSON has no infinities; Go's encoder would refuse
      } else {
        out += n.text();
      }
      return;
    case NodeKind::List: {
      out += '[';
      bool first = true;
      for (const Node& item : n.items()) {
        if (!first) out += ',';
        first = false;
        json_node(out, item);
      }
      out += ']';
      return;
    }
    case NodeKind::Map: {
      // encoding/json sorts map keys bytewise.
      std::vector<const MapEntry*> v;
      for (const auto& e : n.entries()) v.push_back(&e);
      std::stable_sort(v.begin(), v.end(), [](const MapEntry* a, const MapEntry* b) { return a->key < b->key; });
      out += '{';
      bool first = true;
      for (const MapEntry* e : v) {
        if (!first) out += ',';
        first = false;
        json_string(out, e->key);
        out += ':';
        json_node(out, e->value);
      }
      out += '}';
      return;
    }
  }
}

}  // namespace

std::string to_yaml(const Node& node, const DumpOptions& opts) { return Emitter(opts).finish(node); }

std::string to_yaml_stream(const std::vector<Node>& docs, const DumpOptions& opts) {
  std::string out;
  for (std::size_t i = 0; i < docs.size(); ++i) {
    if (i > 0) out += "---\n";
    out += to_yaml(docs[i], opts);
  }
  return out;
}

std::string to_json(const Node& node) {
  std::string out;
  json_node(out, node);
  return out;
}

std::string go_json_string(std::string_view s) {
  std::string out;
  json_string(out, s);
  return out;
}

}  // namespace gs::model
