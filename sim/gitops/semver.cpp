#include "sim/gitops/semver.hpp"

#include <algorithm>
#include <cctype>

namespace gs::gitops {

namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_ident_char(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '-'; }

std::optional<std::uint64_t> number(std::string_view s) {
  if (s.empty() || s.size() > 19 || !std::all_of(s.begin(), s.end(), is_digit)) return std::nullopt;
  std::uint64_t v = 0;
  for (char c : s) v = v * 10 + static_cast<std::uint64_t>(c - '0');
  return v;
}

// Dot-separated identifiers of [0-9A-Za-z-]; prerelease numbers without
// leading zeros (validatePrerelease).
bool valid_identifiers(std::string_view s, bool prerelease) {
  if (s.empty()) return false;
  std::size_t i = 0;
  while (i <= s.size()) {
    const std::size_t j = std::min(s.find('.', i), s.size());
    const std::string_view id = s.substr(i, j - i);
    if (id.empty() || !std::all_of(id.begin(), id.end(), is_ident_char)) return false;
    if (prerelease && id.size() > 1 && id[0] == '0' && std::all_of(id.begin(), id.end(), is_digit)) return false;
    i = j + 1;
  }
  return true;
}

// Prerelease precedence (semver.org 11.4): identifiers left to right, numbers
// numerically and below words, a shorter list first when all else is equal.
int compare_prerelease(std::string_view a, std::string_view b) {
  if (a == b) return 0;
  if (a.empty()) return 1;
  if (b.empty()) return -1;
  std::size_t i = 0, j = 0;
  while (i <= a.size() && j <= b.size()) {
    const std::size_t ie = std::min(a.find('.', i), a.size()), je = std::min(b.find('.', j), b.size());
    const std::string_view x = a.substr(i, ie - i), y = b.substr(j, je - j);
    const auto nx = number(x), ny = number(y);
    if (nx && ny && *nx != *ny) return *nx < *ny ? -1 : 1;
    if (nx && !ny) return -1;
    if (!nx && ny) return 1;
    if (!nx && !ny && x != y) return x < y ? -1 : 1;
    i = ie + 1;
    j = je + 1;
    const bool a_done = i > a.size(), b_done = j > b.size();
    if (a_done || b_done) return a_done == b_done ? 0 : (a_done ? -1 : 1);
  }
  return 0;
}

bool is_x(std::string_view s) { return s == "x" || s == "X" || s == "*"; }

// One written version of a constraint, wildcards allowed: v?(N|x)(.(N|x))?(.(N|x))?(-pre)?(+meta)?
struct Written {
  std::string major, minor, patch, pre, meta;
};

std::optional<Written> read_written(std::string_view s, std::size_t& pos) {
  Written w;
  if (pos < s.size() && s[pos] == 'v') ++pos;
  auto part = [&](std::string& out) {
    const std::size_t start = pos;
    if (pos < s.size() && (s[pos] == 'x' || s[pos] == 'X' || s[pos] == '*')) {
      ++pos;
    } else {
      while (pos < s.size() && is_digit(s[pos])) ++pos;
    }
    out = std::string(s.substr(start, pos - start));
    return !out.empty();
  };
  if (!part(w.major)) return std::nullopt;
  for (std::string* p : {&w.minor, &w.patch}) {
    if (pos + 1 < s.size() && s[pos] == '.') {
      ++pos;
      if (!part(*p)) return std::nullopt;
    }
  }
  auto ident = [&](std::string& out) {
    const std::size_t start = ++pos;
    while (pos < s.size() && (is_ident_char(s[pos]) || s[pos] == '.')) ++pos;
    out = std::string(s.substr(start, pos - start));
    return valid_identifiers(out, false);
  };
  if (pos < s.size() && s[pos] == '-' && !ident(w.pre)) return std::nullopt;
  if (pos < s.size() && s[pos] == '+' && !ident(w.meta)) return std::nullopt;
  return w;
}

SemverConstraint::Term make_term(std::string op, const Written& w) {
  SemverConstraint::Term t;
  if (op == "=>") op = ">=";
  if (op == "=<") op = "<=";
  if (op == "~>") op = "~";
  t.op = op;
  std::string text;
  if (is_x(w.major)) {
    text = "0.0.0";
    t.dirty = true;
  } else if (w.minor.empty() || is_x(w.minor)) {
    text = w.major + ".0.0";
    t.dirty = t.minor_dirty = true;
  } else if (w.patch.empty() || is_x(w.patch)) {
    text = w.major + "." + w.minor + ".0";
    t.dirty = t.patch_dirty = true;
  } else {
    text = w.major + "." + w.minor + "." + w.patch;
  }
  if (!w.pre.empty()) text += "-" + w.pre;
  t.version = *parse_semver(text);
  return t;
}

std::string read_op(std::string_view s, std::size_t& pos) {
  for (const char* op : {"!=", ">=", "=>", "<=", "=<", "~>", ">", "<", "=", "~", "^"}) {
    const std::string_view o(op);
    if (s.substr(pos, o.size()) == o) {
      pos += o.size();
      return std::string(o);
    }
  }
  return "";
}

void skip_space(std::string_view s, std::size_t& pos) {
  while (pos < s.size() && std::isspace(static_cast<unsigned char>(s[pos]))) ++pos;
}

// One AND group: terms separated by spaces or a comma; `A - B` is `>=A, <=B`.
std::optional<std::vector<SemverConstraint::Term>> parse_group(std::string_view s) {
  std::vector<SemverConstraint::Term> terms;
  std::size_t pos = 0;
  skip_space(s, pos);
  if (pos == s.size()) return std::nullopt;
  while (pos < s.size()) {
    std::string op = read_op(s, pos);
    skip_space(s, pos);
    auto w = read_written(s, pos);
    if (!w) return std::nullopt;
    const std::size_t after = pos;
    skip_space(s, pos);
    if (op.empty() && pos > after && pos + 1 < s.size() && s[pos] == '-' &&
        std::isspace(static_cast<unsigned char>(s[pos + 1]))) {
      pos += 1;
      skip_space(s, pos);
      auto upper = read_written(s, pos);
      if (!upper) return std::nullopt;
      terms.push_back(make_term(">=", *w));
      terms.push_back(make_term("<=", *upper));
      const std::size_t end = pos;
      skip_space(s, pos);
      if (pos < s.size() && s[pos] != ',' && pos == end) return std::nullopt;
    } else {
      terms.push_back(make_term(op, *w));
      if (pos < s.size() && s[pos] != ',' && pos == after) return std::nullopt;  // needs a separator
    }
    if (pos < s.size() && s[pos] == ',') {
      ++pos;
      skip_space(s, pos);
      if (pos == s.size()) return std::nullopt;
    }
  }
  return terms;
}

bool check_term(const SemverConstraint::Term& c, const SemVersion& v) {
  // A prerelease matches only a constraint that names one (Masterminds issue 21).
  if (!v.prerelease.empty() && c.version.prerelease.empty()) return false;
  const SemVersion& con = c.version;
  const int cmp = v.compare(con);
  auto tilde = [&] {
    if (cmp < 0) return false;
    if (con.major == 0 && con.minor == 0 && con.patch == 0 && !c.minor_dirty && !c.patch_dirty) return true;
    if (v.major != con.major) return false;
    return v.minor == con.minor || c.minor_dirty;
  };
  if (c.op.empty() || c.op == "=") return c.dirty ? tilde() : cmp == 0;
  if (c.op == "~") return tilde();
  if (c.op == "!=") {
    if (!c.dirty) return cmp != 0;
    if (v.major != con.major) return true;
    if (c.minor_dirty) return false;
    if (v.minor != con.minor) return true;
    return false;  // patch dirty: same major and minor is equal
  }
  if (c.op == ">") {
    if (!c.dirty) return cmp > 0;
    if (v.major != con.major) return v.major > con.major;
    if (c.minor_dirty) return false;
    if (c.patch_dirty) return v.minor > con.minor;
    return cmp > 0;
  }
  if (c.op == "<") return cmp < 0;
  if (c.op == ">=") return cmp >= 0;
  if (c.op == "<=") {
    if (!c.dirty) return cmp <= 0;
    if (v.major > con.major) return false;
    return !(v.major == con.major && v.minor > con.minor && !c.minor_dirty);
  }
  if (c.op == "^") {
    if (cmp < 0) return false;
    if (con.major > 0 || c.minor_dirty) return v.major == con.major;
    if (v.major > 0) return false;
    if (con.minor > 0 || c.patch_dirty) return v.minor == con.minor;
    if (v.minor > 0) return false;
    return v.patch == con.patch;
  }
  return false;
}

}  // namespace

int SemVersion::compare(const SemVersion& o) const {
  if (major != o.major) return major < o.major ? -1 : 1;
  if (minor != o.minor) return minor < o.minor ? -1 : 1;
  if (patch != o.patch) return patch < o.patch ? -1 : 1;
  return compare_prerelease(prerelease, o.prerelease);
}

std::optional<SemVersion> parse_semver(std::string_view text) {
  SemVersion v;
  v.original = std::string(text);
  std::size_t pos = 0;
  auto w = read_written(text, pos);
  if (!w || pos != text.size() || is_x(w->major) || is_x(w->minor) || is_x(w->patch)) return std::nullopt;
  const auto major = number(w->major);
  const auto minor = w->minor.empty() ? std::optional<std::uint64_t>(0) : number(w->minor);
  const auto patch = w->patch.empty() ? std::optional<std::uint64_t>(0) : number(w->patch);
  if (!major || !minor || !patch) return std::nullopt;
  if (!w->pre.empty() && !valid_identifiers(w->pre, true)) return std::nullopt;
  v.major = *major;
  v.minor = *minor;
  v.patch = *patch;
  v.prerelease = w->pre;
  v.metadata = w->meta;
  return v;
}

std::optional<SemverConstraint> SemverConstraint::parse(std::string_view text) {
  SemverConstraint c;
  std::size_t i = 0;
  while (i <= text.size()) {
    const std::size_t j = std::min(text.find("||", i), text.size());
    auto group = parse_group(text.substr(i, j - i));
    if (!group) return std::nullopt;
    c.any_of_.push_back(std::move(*group));
    i = j + 2;
  }
  return c;
}

bool SemverConstraint::check(const SemVersion& v) const {
  return std::any_of(any_of_.begin(), any_of_.end(), [&](const std::vector<Term>& all) {
    return std::all_of(all.begin(), all.end(), [&](const Term& t) { return check_term(t, v); });
  });
}

bool is_semver_constraint(std::string_view text) {
  return !parse_semver(text) && SemverConstraint::parse(text).has_value();
}

std::optional<std::string> max_satisfying(std::string_view constraint, const std::vector<std::string>& tags) {
  const auto c = SemverConstraint::parse(constraint);
  if (!c) return std::nullopt;
  std::optional<SemVersion> best;
  for (const auto& tag : tags) {
    const auto v = parse_semver(tag);
    if (!v || !c->check(*v)) continue;
    if (!best || v->compare(*best) > 0) best = v;
  }
  if (!best) return std::nullopt;
  return best->original;
}

}  // namespace gs::gitops
