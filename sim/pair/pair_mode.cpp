// Pair mode's roles, swap timer and hand-over texts (pair_mode.hpp).
#include "sim/pair/pair_mode.hpp"

#include <algorithm>

#include "sim/core/duration.hpp"

namespace gs::pair {

std::string_view role_name(Role r) {
  switch (r) {
    case Role::Driver: return "driver";
    case Role::Navigator: return "navigator";
    case Role::Explainer: return "explainer";
    case Role::Questioner: return "questioner";
  }
  return "driver";
}

std::string_view role_label(Role r, std::string_view lang) {
  const bool ko = lang == "ko";
  switch (r) {
    case Role::Driver: return ko ? "드라이버" : "Driver";
    case Role::Navigator: return ko ? "내비게이터" : "Navigator";
    case Role::Explainer: return ko ? "설명자" : "Explainer";
    case Role::Questioner: return ko ? "질문자" : "Questioner";
  }
  return "";
}

namespace {

// A name a person can read on a banner: trimmed, printable, not too long.
Result<std::string> pair_name(std::string_view raw) {
  std::size_t b = 0, e = raw.size();
  while (b < e && raw[b] == ' ') ++b;
  while (e > b && raw[e - 1] == ' ') --e;
  std::string n(raw.substr(b, e - b));
  if (n.empty()) return Error("--pair: a name is empty; expected two names, e.g. --pair \"Mina,Joon\"");
  if (n.size() > 40) return Error("--pair: the name '" + n.substr(0, 40) + "...' is longer than 40 bytes");
  for (unsigned char c : n) {
    if (c < 0x20 || c == 0x7f) return Error("--pair: a name holds a control character");
    if (c == '=') return Error("--pair: the name '" + n + "' holds '='; expected a plain name");
  }
  return n;
}

}  // namespace

Result<PairConfig> parse_pair(std::string_view names, std::string_view swap) {
  PairConfig c;
  const auto comma = names.find(',');
  if (comma == std::string_view::npos || names.find(',', comma + 1) != std::string_view::npos) {
    return Error("--pair '" + std::string(names) + "': expected two names separated by a comma, e.g. \"Mina,Joon\"");
  }
  auto a = pair_name(names.substr(0, comma));
  if (!a) return a.error();
  auto b = pair_name(names.substr(comma + 1));
  if (!b) return b.error();
  if (*a == *b) return Error("--pair '" + std::string(names) + "': the two names are the same; give two people");
  // A name with a space would split the marks' "who=NAME" words: spaces become '_' there only.
  c.names = {*a, *b};
  if (!swap.empty()) {
    auto d = parse_duration(swap);
    if (!d) return Error("--swap '" + std::string(swap) + "': " + d.error().message + " (e.g. 3m, 90s)");
    if (d->ms < kMinSwapMs) return Error("--swap '" + std::string(swap) + "': at least 10s");
    if (d->ms > 24 * 3'600'000LL) return Error("--swap '" + std::string(swap) + "': at most 24h");
    c.swap_every_ms = d->ms;
  }
  return c;
}

PairMode::PairMode(PairConfig config, std::int64_t wall_start_ms)
    : config_(std::move(config)), next_swap_ms_(wall_start_ms + config_.swap_every_ms) {}

std::optional<int> PairMode::find(std::string_view n) const {
  for (int i = 0; i < 2; ++i) {
    if (name(i) == n) return i;
  }
  return std::nullopt;
}

Swap PairMode::do_swap(std::int64_t due_ms) {
  active_ = 1 - active_;
  ++swaps_;
  last_ = Swap{active_, due_ms, swaps_};
  return *last_;
}

std::vector<Swap> PairMode::update(std::int64_t wall_ms) {
  std::vector<Swap> out;
  // Bounded: a clock that jumps a year ahead gives at most this many.
  for (int guard = 0; wall_ms >= next_swap_ms_ && guard < 1000; ++guard) {
    out.push_back(do_swap(next_swap_ms_));
    next_swap_ms_ += config_.swap_every_ms;
  }
  if (wall_ms >= next_swap_ms_) next_swap_ms_ = wall_ms + config_.swap_every_ms;
  return out;
}

std::int64_t PairMode::remaining_ms(std::int64_t wall_ms) const { return std::max<std::int64_t>(0, next_swap_ms_ - wall_ms); }

Swap PairMode::swap_now(std::int64_t wall_ms) {
  next_swap_ms_ = wall_ms + config_.swap_every_ms;
  return do_swap(wall_ms);
}

std::optional<Swap> PairMode::banner(std::int64_t wall_ms) const {
  if (!last_ || acknowledged_ >= last_->number) return std::nullopt;
  if (wall_ms < last_->wall_ms || wall_ms - last_->wall_ms >= kBannerMs) return std::nullopt;
  return last_;
}

std::string ko_subject(std::string_view name) {
  // The last character, if it is a Hangul syllable (U+AC00..U+D7A3, three
  // bytes in UTF-8): a final consonant takes 이, none takes 가.
  if (name.size() >= 3) {
    const auto* p = reinterpret_cast<const unsigned char*>(name.data() + name.size() - 3);
    if ((p[0] & 0xF0) == 0xE0 && (p[1] & 0xC0) == 0x80 && (p[2] & 0xC0) == 0x80) {
      const unsigned cp = ((p[0] & 0x0Fu) << 12) | ((p[1] & 0x3Fu) << 6) | (p[2] & 0x3Fu);
      if (cp >= 0xAC00 && cp <= 0xD7A3) return std::string(name) + ((cp - 0xAC00) % 28 != 0 ? "이" : "가");
    }
  }
  return std::string(name) + "가";
}

std::string swap_banner(const PairMode& p, const Swap& s, Activity a, std::string_view lang) {
  const std::string& who = p.name(s.to);
  if (lang == "ko") {
    return "교대: 이제 " + ko_subject(who) + (a == Activity::HandsOn ? " 운전합니다" : " 설명합니다");
  }
  return "Swap: " + who + (a == Activity::HandsOn ? " drives now" : " explains now");
}

namespace {
// Marks are "key=value" words: a space in a name would split one.
std::string word(std::string s) {
  std::replace(s.begin(), s.end(), ' ', '_');
  return s;
}
}  // namespace

std::string swap_detail(const PairMode& p, const Swap& s, Activity a) {
  return "to=" + word(p.name(s.to)) + " from=" + word(p.name(1 - s.to)) + " roles=" +
         std::string(role_name(active_role(a))) + "/" + std::string(role_name(other_role(a))) +
         " n=" + std::to_string(s.number);
}

std::string countdown_text(std::int64_t ms) {
  const std::int64_t s = (std::max<std::int64_t>(0, ms) + 999) / 1000;  // 0.2s left still shows 0:01
  const std::int64_t m = s / 60;
  std::string ss = std::to_string(s % 60);
  if (ss.size() < 2) ss = "0" + ss;
  return std::to_string(m) + ":" + ss;
}

}  // namespace gs::pair
