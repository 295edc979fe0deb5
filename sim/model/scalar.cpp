#include "sim/model/scalar.hpp"

#include <array>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <vector>

namespace gs::model::detail {
namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }

bool one_of(std::string_view s, std::initializer_list<std::string_view> set) {
  for (auto v : set) {
    if (s == v) return true;
  }
  return false;
}

// Go's strconv.ParseUint(s, 0, 64) on an unsigned body: 0x/0b/0o prefixes, a
// leading 0 means octal. Underscores were removed by the caller.
bool parse_go_uint(std::string_view s, std::uint64_t& out) {
  int base = 10;
  if (s.size() > 1 && s[0] == '0') {
    char p = s[1];
    if (p == 'x' || p == 'X') { base = 16; s.remove_prefix(2); }
    else if (p == 'b' || p == 'B') { base = 2; s.remove_prefix(2); }
    else if (p == 'o' || p == 'O') { base = 8; s.remove_prefix(2); }
    else { base = 8; s.remove_prefix(1); }
  }
  if (s.empty()) return false;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), out, base);
  return ec == std::errc() && p == s.data() + s.size();
}

// YAML-style float syntax go-yaml accepts: [-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?
bool yaml_style_float(std::string_view s) {
  std::size_t i = 0;
  if (i < s.size() && (s[i] == '+' || s[i] == '-')) ++i;
  std::size_t int_digits = 0;
  while (i < s.size() && is_digit(s[i])) { ++i; ++int_digits; }
  if (int_digits == 0) {
    if (i >= s.size() || s[i] != '.') return false;
    ++i;
    std::size_t frac = 0;
    while (i < s.size() && is_digit(s[i])) { ++i; ++frac; }
    if (frac == 0) return false;
  } else if (i < s.size() && s[i] == '.') {
    ++i;
    while (i < s.size() && is_digit(s[i])) ++i;
  }
  if (i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
    ++i;
    if (i < s.size() && (s[i] == '+' || s[i] == '-')) ++i;
    std::size_t exp = 0;
    while (i < s.size() && is_digit(s[i])) { ++i; ++exp; }
    if (exp == 0) return false;
  }
  return i == s.size();
}

// Go's strconv.FormatFloat(v, 'g', -1, 64), which go-yaml uses for floats:
// shortest round-trip digits, exponent form when exp < -4 or exp >= 6.
std::string go_format_g(double v) {
  std::array<char, 64> buf{};
  auto [end, ec] = std::to_chars(buf.data(), buf.data() + buf.size(), v, std::chars_format::scientific);
  (void)ec;
  std::string sci(buf.data(), end);  // e.g. "-1.2345e+06"
  std::string sign;
  if (!sci.empty() && sci[0] == '-') { sign = "-"; sci.erase(0, 1); }
  auto epos = sci.find('e');
  std::string mant = sci.substr(0, epos);
  int exp = std::stoi(sci.substr(epos + 1));
  if (exp < -4 || exp >= 6) return sign + sci;  // C++ prints e+06 like Go
  std::string digits;
  for (char c : mant) {
    if (c != '.') digits += c;
  }
  int dp = exp + 1;  // digits before the decimal point
  std::string out;
  if (dp <= 0) {
    out = "0." + std::string(static_cast<std::size_t>(-dp), '0') + digits;
  } else if (static_cast<std::size_t>(dp) >= digits.size()) {
    out = digits + std::string(static_cast<std::size_t>(dp) - digits.size(), '0');
  } else {
    out = digits.substr(0, static_cast<std::size_t>(dp)) + "." + digits.substr(static_cast<std::size_t>(dp));
  }
  return sign + out;
}

bool is_leap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

// Reads 1..max digits at s[i]; false when there are none.
bool read_num(std::string_view s, std::size_t& i, int max_digits, int& out) {
  std::size_t start = i;
  out = 0;
  while (i < s.size() && is_digit(s[i]) && static_cast<int>(i - start) < max_digits) {
    out = out * 10 + (s[i] - '0');
    ++i;
  }
  return i > start;
}

// go-yaml's parseTimestamp formats: 2006-1-2, optionally followed by
// T/t/space 15:4:5[.frac] and (for T/t) a zone Z or +07:00. Sets date_only.
bool looks_like_timestamp(std::string_view s, bool& date_only) {
  std::size_t i = 0;
  int y = 0, mo = 0, d = 0;
  if (s.size() < 5) return false;
  for (; i < 4; ++i) {
    if (!is_digit(s[i])) return false;
    y = y * 10 + (s[i] - '0');
  }
  if (s[i++] != '-') return false;
  if (!read_num(s, i, 2, mo) || i >= s.size() || s[i++] != '-' || !read_num(s, i, 2, d)) return false;
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (mo < 1 || mo > 12 || d < 1) return false;
  if (d > kDays[mo - 1] + (mo == 2 && is_leap(y) ? 1 : 0)) return false;
  date_only = i == s.size();
  if (date_only) return true;
  char sep = s[i++];
  if (sep != 'T' && sep != 't' && sep != ' ') return false;
  int h = 0, mi = 0, se = 0;
  if (!read_num(s, i, 2, h) || i >= s.size() || s[i++] != ':' || !read_num(s, i, 2, mi) || i >= s.size() ||
      s[i++] != ':' || !read_num(s, i, 2, se)) {
    return false;
  }
  if (h > 23 || mi > 59 || se > 59) return false;
  if (i < s.size() && s[i] == '.') {
    ++i;
    int frac = 0;
    if (!read_num(s, i, 9, frac)) return false;
  }
  if (sep == ' ') return i == s.size();
  if (i < s.size() && s[i] == 'Z') return i + 1 == s.size();
  if (i < s.size() && (s[i] == '+' || s[i] == '-')) {
    ++i;
    int zh = 0, zm = 0;
    if (!read_num(s, i, 2, zh) || i >= s.size() || s[i++] != ':' || !read_num(s, i, 2, zm)) return false;
    return i == s.size();
  }
  return false;
}

// YAML 1.1 sexagesimal numbers (190:20:30), which go-yaml quotes on output.
bool is_base60_float(std::string_view s) {
  std::size_t i = 0;
  if (i < s.size() && (s[i] == '+' || s[i] == '-')) ++i;
  if (i >= s.size() || !is_digit(s[i])) return false;
  while (i < s.size() && (is_digit(s[i]) || s[i] == '_')) ++i;
  int groups = 0;
  while (i < s.size() && s[i] == ':') {
    ++i;
    std::size_t start = i;
    while (i < s.size() && is_digit(s[i]) && i - start < 2) ++i;
    if (i == start) return false;
    if (i - start == 2 && s[start] > '5') return false;
    ++groups;
  }
  if (groups == 0) return false;
  if (i < s.size() && s[i] == '.') {
    ++i;
    while (i < s.size() && (is_digit(s[i]) || s[i] == '_')) ++i;
  }
  return i == s.size();
}

bool is_old_bool(std::string_view s) {
  return one_of(s, {"y", "Y", "yes", "Yes", "YES", "n", "N", "no", "No", "NO", "true", "True", "TRUE",
                    "false", "False", "FALSE", "on", "On", "ON", "off", "Off", "OFF"});
}

bool is_letter(long r) {
  if (r < 0x80) return (r >= 'a' && r <= 'z') || (r >= 'A' && r <= 'Z');
  // Outside ASCII, treat letters broadly (Go's unicode.IsLetter); symbols
  // and punctuation there are rare in Kubernetes keys.
  return !(r >= 0x2000 && r <= 0x2BFF) && r != 0xA0 && !(r >= 0x80 && r < 0xC0);
}

bool is_rune_digit(long r) { return r >= '0' && r <= '9'; }

std::vector<long> runes(std::string_view s) {
  std::vector<long> out;
  for (std::size_t i = 0; i < s.size();) {
    int len = 1;
    long r = decode_utf8(s, i, len);
    out.push_back(r < 0 ? 0xFFFD : r);
    i += static_cast<std::size_t>(len);
  }
  return out;
}

}  // namespace

long decode_utf8(std::string_view s, std::size_t i, int& len) {
  len = 1;
  auto b = [&](std::size_t k) { return static_cast<unsigned char>(s[k]); };
  unsigned char c = b(i);
  if (c < 0x80) return c;
  int n = 0;
  long cp = 0;
  long min = 0;
  if ((c & 0xE0) == 0xC0) { n = 2; cp = c & 0x1F; min = 0x80; }
  else if ((c & 0xF0) == 0xE0) { n = 3; cp = c & 0x0F; min = 0x800; }
  else if ((c & 0xF8) == 0xF0) { n = 4; cp = c & 0x07; min = 0x10000; }
  else return -1;
  if (i + static_cast<std::size_t>(n) > s.size()) return -1;
  for (int k = 1; k < n; ++k) {
    unsigned char cc = b(i + static_cast<std::size_t>(k));
    if ((cc & 0xC0) != 0x80) return -1;
    cp = (cp << 6) | (cc & 0x3F);
  }
  // Overlong forms, surrogates and values past U+10FFFF are not UTF-8.
  if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return -1;
  len = n;
  return cp;
}

bool valid_utf8(std::string_view s) {
  for (std::size_t i = 0; i < s.size();) {
    int len = 1;
    if (decode_utf8(s, i, len) < 0) return false;
    i += static_cast<std::size_t>(len);
  }
  return true;
}

bool canonical_int(std::string_view text, Resolved& out) {
  std::string_view body = text;
  bool neg = false;
  if (!body.empty() && (body[0] == '+' || body[0] == '-')) {
    neg = body[0] == '-';
    body.remove_prefix(1);
  }
  std::uint64_t mag = 0;
  if (!parse_go_uint(body, mag)) return false;
  out.tag = ScalarTag::Int;
  if (!neg) {
    out.text = std::to_string(mag);  // ParseInt, else ParseUint: both decimal
    return true;
  }
  if (mag > (std::uint64_t{1} << 63)) return false;  // below int64: go-yaml tries float
  out.text = mag == 0 ? "0" : "-" + std::to_string(mag);
  return true;
}

bool canonical_float(std::string_view text, Resolved& out) {
  if (one_of(text, {".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF"})) {
    out = {ScalarTag::Float, ".inf"};
    return true;
  }
  if (one_of(text, {"-.inf", "-.Inf", "-.INF"})) {
    out = {ScalarTag::Float, "-.inf"};
    return true;
  }
  if (one_of(text, {".nan", ".NaN", ".NAN"})) {
    out = {ScalarTag::Float, ".nan"};
    return true;
  }
  if (!yaml_style_float(text)) return false;
  std::string_view body = text;
  if (body[0] == '+') body.remove_prefix(1);
  std::string buf(body);
  if (buf[0] == '.' || (buf[0] == '-' && buf.size() > 1 && buf[1] == '.')) {
    buf.insert(buf[0] == '-' ? 1 : 0, "0");  // from_chars wants a leading digit
  }
  double v = 0;
  auto [p, ec] = std::from_chars(buf.data(), buf.data() + buf.size(), v);
  if (p != buf.data() + buf.size()) return false;
  if (ec == std::errc::result_out_of_range) v = std::strtod(buf.c_str(), nullptr);  // inf or 0
  else if (ec != std::errc()) return false;
  if (std::isinf(v)) {
    out = {ScalarTag::Float, v > 0 ? ".inf" : "-.inf"};
    return true;
  }
  // kustomize passes objects through JSON: an integral float prints as
  // digits there and reads back as an int (1.0 -> 1, 1e3 -> 1000).
  if (v == std::floor(v) && std::fabs(v) < 1e21) {
    if (v >= -9223372036854775808.0 && v < 9223372036854775808.0) {
      auto i = static_cast<std::int64_t>(v);
      out = {ScalarTag::Int, std::to_string(i)};
      return true;
    }
    if (v > 0 && v < 18446744073709551616.0) {
      out = {ScalarTag::Int, std::to_string(static_cast<std::uint64_t>(v))};
      return true;
    }
  }
  out = {ScalarTag::Float, go_format_g(v)};
  return true;
}

Resolved resolve_plain(std::string_view s) {
  if (one_of(s, {"", "~", "null", "Null", "NULL"})) return {ScalarTag::Null, ""};
  if (one_of(s, {"true", "True", "TRUE"})) return {ScalarTag::Bool, "true"};
  if (one_of(s, {"false", "False", "FALSE"})) return {ScalarTag::Bool, "false"};
  Resolved r;
  char c = s[0];
  if (c == '.') {
    if (canonical_float(s, r)) return r;
  } else if (is_digit(c) || c == '+' || c == '-') {
    bool date_only = false;
    if (looks_like_timestamp(s, date_only)) {
      // JSON prints a time.Time as RFC 3339; only the date-only form changes.
      if (!date_only) return {ScalarTag::Str, std::string(s)};
      std::size_t i = 5;
      int mo = 0, d = 0;
      read_num(s, i, 2, mo);
      ++i;
      read_num(s, i, 2, d);
      auto two = [](int v) { return std::string{static_cast<char>('0' + v / 10), static_cast<char>('0' + v % 10)}; };
      return {ScalarTag::Str, std::string(s.substr(0, 4)) + "-" + two(mo) + "-" + two(d) + "T00:00:00Z"};
    }
    std::string plain;
    for (char ch : s) {
      if (ch != '_') plain += ch;
    }
    if (canonical_int(plain, r)) return r;
    if (canonical_float(plain, r)) return r;
  } else if (one_of(s, {".inf", ".Inf", ".INF", ".nan", ".NaN", ".NAN"})) {
    canonical_float(s, r);
    return r;
  }
  return {ScalarTag::Str, std::string(s)};
}

bool plain_is_ambiguous(std::string_view s) {
  if (s == "<<") return true;  // the merge key
  Resolved r = resolve_plain(s);
  if (r.tag != ScalarTag::Str || r.text != s) return true;
  bool date_only = false;
  if (!s.empty() && looks_like_timestamp(s, date_only)) return true;
  return is_base60_float(s) || is_old_bool(s);
}

namespace {

// The number a run of digits at `from` spells, as go-yaml's keyList.Less
// reads it (after a non-zero digit, a run starting at '0' counts from 1), as
// decimal text without leading zeros; `end` is where the run stops. Go adds
// the digits into an int64 that wraps past 19 digits, which makes its order
// cyclic: "x2a" < "x27777777777777777777s" < "x<" < "x2a". Comparing the
// exact values keeps every shorter run ordered as Go orders it.
std::string digit_run(const std::vector<long>& r, std::size_t from, bool lead, std::size_t& end) {
  std::string value = lead ? "1" : "";
  for (end = from; end < r.size() && is_rune_digit(r[end]); ++end) value += static_cast<char>(r[end]);
  const auto nz = value.find_first_not_of('0');
  return nz == std::string::npos ? std::string() : value.substr(nz);
}

bool less_number(const std::string& a, const std::string& b) {
  return a.size() != b.size() ? a.size() < b.size() : a < b;
}

}  // namespace

bool go_key_less(std::string_view a_text, std::string_view b_text) {
  std::vector<long> ar = runes(a_text), br = runes(b_text);
  bool digits = false;
  for (std::size_t i = 0; i < ar.size() && i < br.size(); ++i) {
    if (ar[i] == br[i]) {
      digits = is_rune_digit(ar[i]);
      continue;
    }
    bool al = is_letter(ar[i]), bl = is_letter(br[i]);
    if (al && bl) return ar[i] < br[i];
    if (al || bl) return digits ? al : bl;
    bool lead = false;
    if (ar[i] == '0' || br[i] == '0') {
      for (std::size_t j = i; j-- > 0 && is_rune_digit(ar[j]);) {
        if (ar[j] != '0') {
          lead = true;
          break;
        }
      }
    }
    std::size_t ai = i, bi = i;
    const std::string an = digit_run(ar, i, lead, ai), bn = digit_run(br, i, lead, bi);
    if (an != bn) return less_number(an, bn);
    if (ai != bi) return ai < bi;
    return ar[i] < br[i];
  }
  return ar.size() < br.size();
}

}  // namespace gs::model::detail
