// The pair panel's view (pair_view.hpp).
#include "sim/ui/view/pair_view.hpp"

#include <algorithm>

#include "sim/classroom/fault_palette.hpp"
#include "sim/pair/prompts.hpp"

namespace gs::ui {
namespace {

struct PairText {
  const char* key;
  const char* en;
  const char* ko;
};

// The panel's own words: kept here (not in assets/i18n) beside the view
// that uses them.
constexpr PairText kPairTexts[] = {
    {"title", "Pair", "페어"},
    {"at_keys", "at the keyboard", "키보드 담당"},
    {"swap_in", "Swap in", "교대까지"},
    {"swap_now", "Swap now", "지금 교대"},
    {"ok", "OK", "확인"},
    {"asks", "asks:", "질문:"},
    {"vote_r1", "Vote, round 1: answer alone", "투표 1차: 각자 답하기"},
    {"vote_r2", "Vote, round 2: discuss, then answer again", "투표 2차: 토론한 뒤 다시 답하기"},
    {"vote_done", "Vote: both rounds answered", "투표: 두 차례 모두 답함"},
    {"hidden", "answered (hidden)", "답함 (가려짐)"},
    {"not_yet", "not yet", "아직"},
    {"chose", "chose", "선택"},
    {"round", "Round", "차"},
    {"right", "right answer", "정답"},
    {"right_share", "right", "정답"},
    {"break_fix", "Break-fix", "고장 내고 고치기"},
    {"start_fix", "Start break-fix", "고장 내고 고치기 시작"},
    {"next_round", "Swap and play again", "역할 바꿔 다시 하기"},
    {"give_up", "End this round", "이번 판 끝내기"},
    {"vote_in_pair", "Pair mode: vote in the Pair panel, each alone first.", "페어 모드: 페어 패널에서 각자 먼저 투표하세요."},
};

std::string countdown_words(std::int64_t ms) { return pair::countdown_text(ms); }

// A choice as the lesson panel letters it: A, B, C ...
std::string choice_letter(int i) { return std::string(1, static_cast<char>('A' + std::clamp(i, 0, 25))); }

const std::string& loc(const scenario::LocalizedText& t, Lang lang) { return lang == Lang::Ko ? t.ko : t.en; }

// "0:45 (virtual 2m)" / "0:45 (가상 2m)".
std::string times_text(std::int64_t wall_ms, std::int64_t virtual_ms, Lang lang) {
  return pair::countdown_text(wall_ms) + (lang == Lang::Ko ? " (가상 " : " (virtual ") +
         format_duration(Duration{virtual_ms}) + ")";
}

}  // namespace

const char* pair_label(std::string_view key, Lang lang) {
  for (const auto& t : kPairTexts) {
    if (key == t.key) return lang == Lang::Ko ? t.ko : t.en;
  }
  return "?";
}

std::vector<std::string> pair_texts(const pair::PairConfig& c, const lesson::Lesson* lesson) {
  // Every Hangul syllable in the Korean words of sim/pair and of this view
  // (the fonts need the glyphs, not the sentences).
  std::vector<std::string> t{c.names[0], c.names[1],
                             "가각게고교구군그금기까꿔끝나내널누는니닙다단담답당대됨두뒤드"
                             "든라러려령례로론르를릅린마만말맞먼명모문바배버번보복비살상서"
                             "선설세손스습시씁아았애앱어없에역요용운움원으은을이인일읽입자"
                             "작장저전정제중지직진질짐차추측치케클키택터토투틀판패페펴포표"
                             "하한할함합확"};
  for (const auto& x : kPairTexts) t.push_back(std::string(x.en) + x.ko);
  for (const auto& q : pair::discussion_questions()) t.push_back(q.en + q.ko);
  for (const auto& f : classroom::fault_palette()) t.push_back(f.label.en + f.label.ko);  // break-fix's choices
  if (lesson) {
    for (const auto& st : lesson->steps) {
      for (const auto& q : st.prompts) t.push_back(q.en + q.ko);
    }
  }
  return t;
}

PairView pair_view(const pair::PairRun& p, const lesson::LessonRun* lesson, Lang lang, std::int64_t wall_ms) {
  PairView v;
  const std::string lg = lang == Lang::Ko ? "ko" : "en";
  const pair::PairMode& m = p.mode();
  const pair::Activity a = p.activity(lesson);
  for (int who = 0; who < 2; ++who) {
    v.people[static_cast<std::size_t>(who)] = {m.name(who), std::string(pair::role_label(m.role_of(who, a), lg)),
                                               who == m.active()};
  }
  const std::int64_t left = m.remaining_ms(wall_ms);
  v.countdown = countdown_words(left);
  v.countdown_line = std::string(pair_label("swap_in", lang)) + " " + v.countdown;
  const auto every = static_cast<float>(std::max<std::int64_t>(1, m.config().swap_every_ms));
  v.elapsed_frac = std::clamp(1.0f - static_cast<float>(left) / every, 0.0f, 1.0f);
  if (auto s = m.banner(wall_ms)) v.banner = pair::swap_banner(m, *s, a, lg);

  // The navigator's (questioner's) prompts.
  const int other = 1 - m.active();
  const lesson::Step* step = lesson && !lesson->finished() ? &lesson->step() : nullptr;
  v.prompts_title = m.name(other) + " (" + std::string(pair::role_label(m.role_of(other, a), lg)) + ") " +
                    pair_label("asks", lang);
  for (const auto& t : pair::navigator_prompts(step)) v.prompts.push_back(loc(t, lang));

  if (const pair::PeerVote* vote = p.vote()) {
    v.vote = true;
    v.choices = vote->choices();
    v.vote_title = pair_label(vote->phase() == pair::PeerVote::Phase::Round1   ? "vote_r1"
                              : vote->phase() == pair::PeerVote::Phase::Round2 ? "vote_r2"
                                                                               : "vote_done",
                              lang);
    const bool done = vote->phase() == pair::PeerVote::Phase::Done;
    for (int who = 0; who < 2; ++who) {
      PairView::Voter& vt = v.voters[static_cast<std::size_t>(who)];
      vt.name = m.name(who);
      const auto mine = done ? vote->choice(2, who) : vote->choice(vote->round(), who);
      vt.can_vote = !done && !mine;
      if (!mine) {
        vt.state = pair_label("not_yet", lang);
      } else if (!done && !vote->revealed(vote->round())) {
        vt.state = pair_label("hidden", lang);
      } else {
        vt.state = std::string(pair_label("chose", lang)) + " " + choice_letter(*mine);
      }
    }
    for (int r = 1; r <= 2; ++r) {
      if (!vote->revealed(r)) continue;
      const auto counts = vote->counts(r);
      std::string line = lang == Lang::Ko ? std::to_string(r) + pair_label("round", lang) + ":"
                                          : std::string(pair_label("round", lang)) + " " + std::to_string(r) + ":";
      for (std::size_t c = 0; c < counts.size(); ++c) {
        line += (c ? "  · " : " ") + choice_letter(static_cast<int>(c)) + " " +
                (counts[c] ? std::string(static_cast<std::size_t>(counts[c]), '#') : std::string("-"));
      }
      const int right = counts[static_cast<std::size_t>(vote->answer())];
      line += "  (" + std::string(pair_label("right_share", lang)) + " " + std::to_string(right) + "/2)";
      v.vote_lines.push_back(line);
    }
    if (done) v.vote_lines.push_back(std::string(pair_label("right", lang)) + ": " + choice_letter(vote->answer()));
    for (int c = 0; c < v.choices; ++c) v.choice_labels.push_back(choice_letter(c));
  }

  const pair::BreakFix* bf = p.break_fix();
  v.can_start_fix = bf == nullptr;
  if (!bf) return v;
  const bool ko = lang == Lang::Ko;
  const std::string breaker = bf->name(bf->breaker()), fixer = bf->name(bf->fixer());
  v.fix_title = std::string(pair_label("break_fix", lang)) + (ko ? ", " + std::to_string(bf->round()) + "판"
                                                                 : ", round " + std::to_string(bf->round()));
  switch (bf->phase()) {
    case pair::BreakFix::Phase::Pick:
      v.fix = PairView::Fix::Pick;
      v.fix_line = ko ? pair::ko_subject(breaker) + " 고장을 하나 고릅니다(" + fixer + "은(는) 보지 마세요)"
                      : breaker + " picks a fault (" + fixer + ", look away)";
      break;
    case pair::BreakFix::Phase::Diagnose:
      v.fix = PairView::Fix::Diagnose;
      v.fix_line = ko ? pair::ko_subject(fixer) + " 읽기 전용 명령으로 진단하고 원인을 고릅니다"
                      : fixer + " diagnoses with read-only commands, then names the cause";
      if (bf->wrong_guesses() > 0) {
        v.fix_line += ko ? " (틀린 추측 " + std::to_string(bf->wrong_guesses()) + "번)"
                         : " (" + std::to_string(bf->wrong_guesses()) + " wrong)";
      }
      break;
    case pair::BreakFix::Phase::Fix:
      v.fix = PairView::Fix::Fix;
      v.fix_line = (ko ? "맞았습니다: " : "Right: ") + loc(bf->fault()->title, lang) +
                   (ko ? ". Git이나 Argo CD로 고치세요" : ". Fix it through Git or Argo CD");
      break;
    case pair::BreakFix::Phase::Restored:
      v.fix = PairView::Fix::Restored;
      v.fix_line = (ko ? "복구됨: 모든 앱이 Synced, Healthy입니다. 고장: " : "Restored: every app Synced and Healthy. The fault: ") +
                   loc(bf->fault()->title, lang);
      break;
  }
  for (const auto& f : bf->palette()) v.fix_choices.push_back(loc(f.title, lang));
  if (bf->diagnose_wall_ms()) {
    v.fix_times.push_back((ko ? "진단: " : "Diagnosed in ") + times_text(*bf->diagnose_wall_ms(), *bf->diagnose_virtual_ms(), lang));
  }
  if (bf->restore_wall_ms()) {
    v.fix_times.push_back((ko ? "복구: " : "Restored in ") + times_text(*bf->restore_wall_ms(), *bf->restore_virtual_ms(), lang));
  }
  for (const auto& h : bf->history()) {
    std::string line = std::to_string(h.round) + ". " + h.breaker + " → " + h.fixer + ": " + h.fault + ", ";
    line += h.diagnose_wall_ms ? pair::countdown_text(*h.diagnose_wall_ms) : std::string("-");
    line += " / ";
    line += h.restore_wall_ms ? pair::countdown_text(*h.restore_wall_ms) : std::string("-");
    v.fix_history.push_back(line);
  }
  return v;
}

}  // namespace gs::ui
