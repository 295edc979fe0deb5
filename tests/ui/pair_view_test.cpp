// The pair panel's view: roles and countdown, the banner at a swap, a vote
// whose round-1 answers stay hidden until both answered, break-fix hiding
// the fault until named; and every Hangul syllable it shows in Korean is
// among pair_texts (the fonts' glyphs).
#include <catch2/catch.hpp>

#include <set>

#include "sim/lesson/loader.hpp"
#include "sim/pair/palette.hpp"
#include "sim/ui/view/pair_view.hpp"

using namespace gs;
using namespace gs::ui;

namespace {

std::unique_ptr<lesson::LessonRun> lesson02() {
  auto loaded = lesson::load_lesson_file(std::string(GS_SOURCE_DIR) + "/lessons/02-drift-and-self-heal.yaml");
  REQUIRE(loaded.ok());
  auto run = lesson::LessonRun::start(std::move(*loaded.lesson), "en");
  REQUIRE(run);
  return std::move(run.value());
}

// Hangul syllables of a UTF-8 text.
std::set<char32_t> hangul(const std::string& s) {
  std::set<char32_t> out;
  for (std::size_t i = 0; i + 2 < s.size(); ++i) {
    const auto c = static_cast<unsigned char>(s[i]);
    if ((c & 0xF0) != 0xE0) continue;
    const char32_t cp = ((c & 0x0Fu) << 12) | ((static_cast<unsigned char>(s[i + 1]) & 0x3Fu) << 6) |
                        (static_cast<unsigned char>(s[i + 2]) & 0x3Fu);
    if (cp >= 0xAC00 && cp <= 0xD7A3) out.insert(cp);
  }
  return out;
}

std::string all_text(const PairView& v) {
  std::string t = v.countdown_line + v.prompts_title + v.vote_title + v.fix_title + v.fix_line + v.banner.value_or("");
  for (const auto& p : v.people) t += p.name + p.role;
  for (const auto& x : v.prompts) t += x;
  for (const auto& x : v.voters) t += x.name + x.state;
  for (const auto& x : v.vote_lines) t += x;
  for (const auto& x : v.fix_choices) t += x;
  for (const auto& x : v.fix_times) t += x;
  for (const auto& x : v.fix_history) t += x;
  return t;
}

}  // namespace

TEST_CASE("ui: the pair view shows roles, the countdown, the banner at a swap, and hides round-1 votes", "[ui][pair]") {
  auto run = lesson02();
  pair::PairRun p(*pair::parse_pair("민아,준", "3m"), 0);
  p.update(run->session(), run.get(), 0);
  PairView v = pair_view(p, run.get(), Lang::Ko, 19'000);
  CHECK(v.people[0].name == "민아");
  CHECK(v.people[0].role == "설명자");  // the first step is a question: a discussion
  CHECK(v.people[0].active);
  CHECK(v.people[1].role == "질문자");
  CHECK(v.countdown_line == "교대까지 2:41");
  CHECK(!v.banner);
  CHECK(v.prompts.size() == 3);  // the lecture's questions
  REQUIRE(v.vote);
  CHECK(v.choices == 3);
  CHECK(v.voters[0].can_vote);
  REQUIRE(p.cast(run->session(), run.get(), 0, 2));
  v = pair_view(p, run.get(), Lang::En, 20'000);
  CHECK(!v.voters[0].can_vote);
  CHECK(v.voters[0].state == "answered (hidden)");
  CHECK(v.vote_lines.empty());
  REQUIRE(p.cast(run->session(), run.get(), 1, 1));
  v = pair_view(p, run.get(), Lang::En, 21'000);
  CHECK(v.vote_title == "Vote, round 2: discuss, then answer again");
  CHECK(v.voters[0].can_vote);
  REQUIRE(v.vote_lines.size() == 1);
  CHECK(v.vote_lines[0] == "Round 1: A -  · B #  · C #  (right 1/2)");
  CHECK(v.choice_labels == std::vector<std::string>{"A", "B", "C"});
  p.update(run->session(), run.get(), 180'000);
  v = pair_view(p, run.get(), Lang::Ko, 181'000);
  REQUIRE(v.banner);
  CHECK(*v.banner == "교대: 이제 준이 설명합니다");
  CHECK(v.people[1].active);
  CHECK(v.prompts_title == "민아 (질문자) 질문:");
}

TEST_CASE("ui: the pair view's break-fix hides the fault until it is named, then shows the times", "[ui][pair]") {
  auto run = lesson02();
  REQUIRE(run->answer(1));
  REQUIRE(run->next());
  run->advance(Duration::minutes(3));
  pair::PairRun p(*pair::parse_pair("Mina,Joon"), 0);
  auto palette = pair::default_palette(run->world());
  std::size_t outage = palette.size();
  for (std::size_t i = 0; i < palette.size(); ++i) {
    if (palette[i].id == "cluster-outage") outage = i;
  }
  REQUIRE(outage < palette.size());
  p.start_break_fix(palette);
  PairView v = pair_view(p, run.get(), Lang::En, 1000);
  CHECK(v.fix == PairView::Fix::Pick);
  CHECK(v.fix_line == "Joon picks a fault (Mina, look away)");
  REQUIRE(p.pick_fault(run->session(), run.get(), outage, 2000));
  v = pair_view(p, run.get(), Lang::En, 3000);
  CHECK(v.fix == PairView::Fix::Diagnose);
  for (const auto& f : palette) CHECK(v.fix_line.find(f.title.en) == std::string::npos);  // hidden from the fixer
  CHECK(v.fix_choices.size() == palette.size());
  REQUIRE(p.diagnose(run->session(), run.get(), outage, 47'000));
  v = pair_view(p, run.get(), Lang::Ko, 48'000);
  CHECK(v.fix == PairView::Fix::Fix);
  REQUIRE(v.fix_times.size() == 1);
  CHECK(v.fix_times[0] == "진단: 0:45 (가상 0s)");
  // Every syllable shown in Korean has a glyph to draw it with.
  std::set<char32_t> have;
  for (const auto& t : pair_texts(p.mode().config(), &run->lesson())) {
    const auto h = hangul(t);
    have.insert(h.begin(), h.end());
  }
  for (char32_t c : hangul(all_text(v))) CHECK(have.count(c) == 1);
  p.next_break_fix_round(run->session(), run.get());
  v = pair_view(p, run.get(), Lang::Ko, 50'000);
  for (char32_t c : hangul(all_text(v))) CHECK(have.count(c) == 1);
  REQUIRE(v.fix_history.size() == 1);
  CHECK(v.fix_history[0] == "1. Joon → Mina: cluster-outage, 0:45 / -");
}
