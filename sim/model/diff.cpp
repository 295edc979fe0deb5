#include "sim/model/diff.hpp"

#include <algorithm>

#include "sim/model/path.hpp"
#include "sim/model/yaml.hpp"

namespace gs::model {
namespace {

void diff_into(const Node& a, const Node& b, FieldPath& at, std::vector<Change>& out) {
  if (a.is_map() && b.is_map()) {
    std::vector<std::string> keys;
    for (const auto& e : a.entries()) keys.push_back(e.key);
    for (const auto& e : b.entries()) {
      if (!a.contains(e.key)) keys.push_back(e.key);
    }
    std::sort(keys.begin(), keys.end());
    for (const std::string& k : keys) {
      const Node* x = a.find(k);
      const Node* y = b.find(k);
      at.steps.push_back(PathStep{k, std::nullopt});
      if (!x) {
        out.push_back(Change{ChangeOp::Added, at.text(), std::nullopt, *y});
      } else if (!y) {
        out.push_back(Change{ChangeOp::Removed, at.text(), *x, std::nullopt});
      } else {
        diff_into(*x, *y, at, out);
      }
      at.steps.pop_back();
    }
    return;
  }
  if (a.is_list() && b.is_list()) {
    const auto& xs = a.items();
    const auto& ys = b.items();
    for (std::size_t i = 0; i < std::max(xs.size(), ys.size()); ++i) {
      at.steps.push_back(PathStep{"", i});
      if (i >= xs.size()) {
        out.push_back(Change{ChangeOp::Added, at.text(), std::nullopt, ys[i]});
      } else if (i >= ys.size()) {
        out.push_back(Change{ChangeOp::Removed, at.text(), xs[i], std::nullopt});
      } else {
        diff_into(xs[i], ys[i], at, out);
      }
      at.steps.pop_back();
    }
    return;
  }
  if (!(a == b)) out.push_back(Change{ChangeOp::Changed, at.text(), a, b});
}

struct Lines {
  std::vector<std::string_view> lines;
  bool missing_final_newline = false;
};

Lines split_lines(std::string_view text) {
  Lines out;
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t nl = text.find('\n', start);
    if (nl == std::string_view::npos) {
      out.lines.push_back(text.substr(start));
      out.missing_final_newline = true;
      break;
    }
    out.lines.push_back(text.substr(start, nl - start));
    start = nl + 1;
  }
  return out;
}

enum class Op { Keep, Del, Ins };

// Myers' O(ND) shortest edit script (Myers 1986), with the common prefix and
// suffix trimmed first as GNU diff does. Within each run of changes, deletions
// are listed before insertions, the order `diff -u` prints them in.
std::vector<Op> edit_script(const std::vector<std::string_view>& a, const std::vector<std::string_view>& b) {
  std::size_t pre = 0;
  while (pre < a.size() && pre < b.size() && a[pre] == b[pre]) ++pre;
  std::size_t suf = 0;
  while (suf < a.size() - pre && suf < b.size() - pre && a[a.size() - 1 - suf] == b[b.size() - 1 - suf]) ++suf;
  const long n = static_cast<long>(a.size() - pre - suf);
  const long m = static_cast<long>(b.size() - pre - suf);
  auto A = [&](long i) { return a[pre + static_cast<std::size_t>(i)]; };
  auto B = [&](long j) { return b[pre + static_cast<std::size_t>(j)]; };

  std::vector<Op> middle;
  // Each round d keeps the slice of V it read (2d+3 entries) for the walk
  // back, so memory is O(D^2). Past this many entries the texts are mostly
  // different anyway: fall back to "delete all, insert all" for the middle.
  constexpr std::size_t kTraceLimit = 4'000'000;
  auto coarse = [&] {
    middle.assign(static_cast<std::size_t>(n), Op::Del);
    middle.insert(middle.end(), static_cast<std::size_t>(m), Op::Ins);
  };
  if (n == 0 || m == 0) {
    coarse();
  } else {
    const long max = n + m;
    const long offset = max + 1;
    std::vector<long> v(static_cast<std::size_t>(2 * max + 3), 0);
    auto V = [&](long k) -> long& { return v[static_cast<std::size_t>(offset + k)]; };
    std::vector<std::vector<long>> trace;  // trace[d][k + d + 1] = V(k) before round d
    std::size_t stored = 0;
    long found_d = -1;
    for (long d = 0; d <= max && found_d < 0; ++d) {
      stored += static_cast<std::size_t>(2 * d + 3);
      if (stored > kTraceLimit) break;
      trace.emplace_back(v.begin() + (offset - d - 1), v.begin() + (offset + d + 2));
      for (long k = -d; k <= d; k += 2) {
        long x = (k == -d || (k != d && V(k - 1) < V(k + 1))) ? V(k + 1)  // down: insertion
                                                              : V(k - 1) + 1;  // right: deletion
        long y = x - k;
        while (x < n && y < m && A(x) == B(y)) {
          ++x;
          ++y;
        }
        V(k) = x;
        if (x >= n && y >= m) {
          found_d = d;
          break;
        }
      }
    }
    if (found_d < 0) {
      coarse();
    } else {
      // Walk the trace back from (n, m).
      std::vector<Op> rev;
      long x = n, y = m;
      for (long d = found_d; d > 0; --d) {
        const std::vector<long>& slice = trace[static_cast<std::size_t>(d)];
        auto PV = [&](long k) { return slice[static_cast<std::size_t>(k + d + 1)]; };
        long k = x - y;
        long prev_k = (k == -d || (k != d && PV(k - 1) < PV(k + 1))) ? k + 1 : k - 1;
        long prev_x = PV(prev_k);
        long prev_y = prev_x - prev_k;
        while (x > prev_x && y > prev_y) {
          rev.push_back(Op::Keep);
          --x;
          --y;
        }
        rev.push_back(x == prev_x ? Op::Ins : Op::Del);
        x = prev_x;
        y = prev_y;
      }
      while (x > 0 && y > 0) {
        rev.push_back(Op::Keep);
        --x;
        --y;
      }
      middle.assign(rev.rbegin(), rev.rend());
    }
  }
  // Deletions before insertions inside each run of changes.
  for (std::size_t i = 0; i < middle.size();) {
    if (middle[i] == Op::Keep) {
      ++i;
      continue;
    }
    std::size_t j = i;
    while (j < middle.size() && middle[j] != Op::Keep) ++j;
    std::stable_partition(middle.begin() + static_cast<std::ptrdiff_t>(i), middle.begin() + static_cast<std::ptrdiff_t>(j),
                          [](Op o) { return o == Op::Del; });
    i = j;
  }
  std::vector<Op> ops(pre, Op::Keep);
  ops.insert(ops.end(), middle.begin(), middle.end());
  ops.insert(ops.end(), suf, Op::Keep);
  return ops;
}

// GNU's range format: "start,count", "start" when count is 1, and the line
// before when count is 0.
// The edit script between two texts' lines. A last line without its newline
// differs from the same line with one, as in diff.
std::vector<Op> line_script(const Lines& a, const Lines& b) {
  std::vector<std::string> a_keys(a.lines.begin(), a.lines.end()), b_keys(b.lines.begin(), b.lines.end());
  if (a.missing_final_newline) a_keys.back() += '\0';
  if (b.missing_final_newline) b_keys.back() += '\0';
  std::vector<std::string_view> ak(a_keys.begin(), a_keys.end()), bk(b_keys.begin(), b_keys.end());
  return edit_script(ak, bk);
}

std::string range(std::size_t start, std::size_t count) {
  if (count == 1) return std::to_string(start + 1);
  if (count == 0) return std::to_string(start) + ",0";
  return std::to_string(start + 1) + "," + std::to_string(count);
}

}  // namespace

std::vector<Change> diff(const Node& before, const Node& after) {
  std::vector<Change> out;
  FieldPath at;
  diff_into(before, after, at, out);
  return out;
}

std::string unified_diff(std::string_view before_text, std::string_view after_text, std::string_view from_label,
                         std::string_view to_label, int context) {
  if (before_text == after_text) return "";
  const std::size_t ctx = static_cast<std::size_t>(std::max(context, 0));
  Lines a = split_lines(before_text);
  Lines b = split_lines(after_text);
  const std::vector<Op> ops = line_script(a, b);

  // Position of each op in both files.
  struct At {
    Op op;
    std::size_t ai, bi;
  };
  std::vector<At> seq;
  std::size_t ai = 0, bi = 0;
  for (Op o : ops) {
    seq.push_back(At{o, ai, bi});
    if (o != Op::Ins) ++ai;
    if (o != Op::Del) ++bi;
  }

  std::string out = "--- " + std::string(from_label) + "\n+++ " + std::string(to_label) + "\n";
  auto emit_line = [&](char mark, std::string_view line, bool no_newline) {
    out += mark;
    out.append(line);
    out += '\n';
    if (no_newline) out += "\\ No newline at end of file\n";
  };
  std::size_t i = 0;
  while (i < seq.size()) {
    if (seq[i].op == Op::Keep) {
      ++i;
      continue;
    }
    // A hunk: from ctx lines before this change to ctx lines after the last
    // change that is within 2*ctx unchanged lines of the previous one.
    std::size_t start = i >= ctx ? i - ctx : 0;  // never reaches back into the previous hunk
    std::size_t end = i;  // one past the last change
    std::size_t j = i;
    while (j < seq.size()) {
      if (seq[j].op != Op::Keep) {
        end = j + 1;
        ++j;
        continue;
      }
      std::size_t k = j;
      while (k < seq.size() && seq[k].op == Op::Keep) ++k;
      if (k == seq.size() || k - j > 2 * ctx) break;
      j = k;
    }
    std::size_t stop = std::min(seq.size(), end + ctx);
    std::size_t a_count = 0, b_count = 0;
    for (std::size_t k = start; k < stop; ++k) {
      if (seq[k].op != Op::Ins) ++a_count;
      if (seq[k].op != Op::Del) ++b_count;
    }
    out += "@@ -" + range(seq[start].ai, a_count) + " +" + range(seq[start].bi, b_count) + " @@\n";
    for (std::size_t k = start; k < stop; ++k) {
      const At& s = seq[k];
      if (s.op == Op::Keep) {
        emit_line(' ', a.lines[s.ai], a.missing_final_newline && s.ai + 1 == a.lines.size());
      } else if (s.op == Op::Del) {
        emit_line('-', a.lines[s.ai], a.missing_final_newline && s.ai + 1 == a.lines.size());
      } else {
        emit_line('+', b.lines[s.bi], b.missing_final_newline && s.bi + 1 == b.lines.size());
      }
    }
    i = stop;
  }
  return out;
}

std::string normal_diff(std::string_view before_text, std::string_view after_text) {
  if (before_text == after_text) return "";
  Lines a = split_lines(before_text);
  Lines b = split_lines(after_text);
  const std::vector<Op> ops = line_script(a, b);
  // GNU diff's default output: "LcR", "LdR", "LaR" commands with 1-based
  // line ranges, "< " old lines, "---", "> " new lines.
  auto lines_range = [](std::size_t first, std::size_t count) {
    return count <= 1 ? std::to_string(first) : std::to_string(first) + "," + std::to_string(first + count - 1);
  };
  std::string out;
  auto emit = [&](const char* mark, const Lines& l, std::size_t i) {
    out += mark;
    out.append(l.lines[i]);
    out += '\n';
    if (l.missing_final_newline && i + 1 == l.lines.size()) out += "\\ No newline at end of file\n";
  };
  std::size_t ai = 0, bi = 0, k = 0;
  while (k < ops.size()) {
    if (ops[k] == Op::Keep) {
      ++ai;
      ++bi;
      ++k;
      continue;
    }
    std::size_t dels = 0, ins = 0;
    while (k < ops.size() && ops[k] != Op::Keep) {
      (ops[k] == Op::Del ? dels : ins) += 1;
      ++k;
    }
    if (dels && ins) {
      out += lines_range(ai + 1, dels) + "c" + lines_range(bi + 1, ins) + "\n";
    } else if (dels) {
      out += lines_range(ai + 1, dels) + "d" + std::to_string(bi) + "\n";
    } else {
      out += std::to_string(ai) + "a" + lines_range(bi + 1, ins) + "\n";
    }
    for (std::size_t i = 0; i < dels; ++i) emit("< ", a, ai + i);
    if (dels && ins) out += "---\n";
    for (std::size_t i = 0; i < ins; ++i) emit("> ", b, bi + i);
    ai += dels;
    bi += ins;
  }
  return out;
}

std::string unified_yaml_diff(const Node& before, const Node& after, std::string_view from_label,
                              std::string_view to_label) {
  return unified_diff(to_yaml(before), to_yaml(after), from_label, to_label);
}

}  // namespace gs::model
