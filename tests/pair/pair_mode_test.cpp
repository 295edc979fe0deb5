// Pair mode: parsing --pair and --swap, the swap timer, the hand-over
// banner, and the texts people read (en and ko).
#include <catch2/catch.hpp>

#include "sim/pair/pair_mode.hpp"
#include "sim/pair/prompts.hpp"

using namespace gs;
using namespace gs::pair;

TEST_CASE("pair: --pair takes two names and --swap a duration of at least 10s", "[pair]") {
  auto c = parse_pair(" Mina , Joon ", "90s");
  REQUIRE(c);
  CHECK(c->names[0] == "Mina");
  CHECK(c->names[1] == "Joon");
  CHECK(c->swap_every_ms == 90'000);
  CHECK(parse_pair("Mina,Joon")->swap_every_ms == kDefaultSwapMs);
  CHECK(!parse_pair("Mina"));
  CHECK(!parse_pair("Mina,Joon,Ari"));
  CHECK(!parse_pair("Mina,"));
  CHECK(!parse_pair("Mina,Mina"));
  CHECK(!parse_pair("Mina,Joon", "5s"));
  CHECK(!parse_pair("Mina,Joon", "soon"));
  CHECK(parse_pair("Mina,Joon", "soon").error().message.find("--swap 'soon'") == 0);
  CHECK(parse_pair("a=b,Joon").error().message.find("'='") != std::string::npos);
}

TEST_CASE("pair: the partners swap every interval of wall time and the countdown says how long is left", "[pair]") {
  PairMode p(*parse_pair("Mina,Joon", "3m"), 1000);
  CHECK(p.active() == 0);
  CHECK(p.remaining_ms(1000) == 180'000);
  CHECK(p.update(60'000).empty());
  CHECK(countdown_text(p.remaining_ms(60'000)) == "2:01");
  auto s = p.update(181'000);
  REQUIRE(s.size() == 1);
  CHECK(s[0].to == 1);
  CHECK(s[0].wall_ms == 181'000);
  CHECK(p.active() == 1);
  CHECK(p.role_of(1, Activity::HandsOn) == Role::Driver);
  CHECK(p.role_of(0, Activity::HandsOn) == Role::Navigator);
  CHECK(p.role_of(1, Activity::Discussion) == Role::Explainer);
  CHECK(p.role_of(0, Activity::Discussion) == Role::Questioner);
  // A window asleep for 7 minutes: one swap per interval passed, in order.
  auto many = p.update(181'000 + 7 * 60'000);
  REQUIRE(many.size() == 2);
  CHECK(many[0].to == 0);
  CHECK(many[1].to == 1);
  CHECK(many[1].number == 3);
}

TEST_CASE("pair: the hand-over banner shows until acknowledged or a few seconds pass", "[pair]") {
  PairMode p(*parse_pair("Mina,Joon", "1m"), 0);
  CHECK(!p.banner(0));
  p.update(60'000);
  REQUIRE(p.banner(60'000));
  CHECK(p.banner(60'000 + kBannerMs - 1));
  CHECK(!p.banner(60'000 + kBannerMs));
  p.update(120'000);
  REQUIRE(p.banner(121'000));
  p.acknowledge();
  CHECK(!p.banner(121'000));
  const Swap now = p.swap_now(130'000);
  CHECK(now.to == 1);
  CHECK(p.banner(130'000));
  CHECK(p.remaining_ms(130'000) == 60'000);
}

TEST_CASE("pair: the swap banner names who takes over in the role of the activity, in English and Korean", "[pair]") {
  PairMode p(*parse_pair("Joon,Mina"), 0);
  const Swap s = p.update(kDefaultSwapMs).at(0);
  CHECK(swap_banner(p, s, Activity::HandsOn, "en") == "Swap: Mina drives now");
  CHECK(swap_banner(p, s, Activity::HandsOn, "ko") == "교대: 이제 Mina가 운전합니다");
  CHECK(swap_banner(p, s, Activity::Discussion, "en") == "Swap: Mina explains now");
  CHECK(swap_detail(p, s, Activity::HandsOn) == "to=Mina from=Joon roles=driver/navigator n=1");
  PairMode k(*parse_pair("준,민아"), 0);
  const Swap ks = k.update(kDefaultSwapMs).at(0);
  CHECK(swap_banner(k, ks, Activity::HandsOn, "ko") == "교대: 이제 민아가 운전합니다");
  CHECK(ko_subject("준") == "준이");
  CHECK(role_label(Role::Navigator, "ko") == std::string_view("내비게이터"));
  CHECK(role_label(Role::Questioner, "en") == std::string_view("Questioner"));
}

TEST_CASE("pair: a question step is a discussion with the lecture's questions, a checked step hands-on with its own prompts",
          "[pair]") {
  lesson::Step question;
  question.question = lesson::Question{};
  CHECK(activity_of(&question) == Activity::Discussion);
  CHECK(navigator_prompts(&question).size() == 3);
  CHECK(navigator_prompts(&question)[1].ko.find("환경") != std::string::npos);
  lesson::Step hands;
  hands.check = scenario::Check{};
  CHECK(activity_of(&hands) == Activity::HandsOn);
  CHECK(navigator_prompts(&hands).empty());
  hands.prompts.push_back({"Why?", "왜?"});
  CHECK(navigator_prompts(&hands).size() == 1);
  CHECK(activity_of(nullptr) == Activity::HandsOn);
}
