#include "sim/lesson/terminal_text.hpp"

#include <iterator>
#include <cstddef>

namespace gs::lesson {

namespace {

constexpr std::size_t kMsgCount = static_cast<std::size_t>(Msg::Count_);

// English, in Msg's order.
constexpr std::string_view kEnglish[] = {
    "Type commands at the prompt, as in a shell; help lists them. The clock is paused: time passes only "
    "when you type play, advance T or a command that waits (sim advance 3m).",
    "Step {}/{}: {}",
    "Answer with answer N (1 to {}).",
    "When you are done, type next.",
    "Act or let time pass (play): the world finishes this step by itself.",
    "This step's time budget ({}) is over and its check does not hold yet. Stuck? Try hint, reset or solution.",
    "Step passed at {}.",
    "What did it: {}",
    "Right.",
    "Not quite: the answer is {}.",
    "Skipped: the solution ran for you (a skipped step does not count as passed).",
    "The solution ran, but the check does not hold yet: {}",
    "The solution stopped at a refused command.",
    "Hint {}/{}: {}",
    "No more hints for this step. Try solution, skip or reset.",
    "The solution (type it yourself, or type skip to have it run):",
    "This step has no solution to show.",
    "The check holds.",
    "Not yet. Still missing:",
    "the world shows: {}",
    "This step asks a question: answer N.",
    "This step has no check: type next when you are done.",
    "Reset: the world is as it was when this step started ({}).",
    "Undone: {} (the world is as it was before it).",
    "Time passes: {} to {}",
    "Nothing happened.",
    "The clock is paused; the world has work due at {}: type play to let time pass.",
    "… and {} more events.",
    "Note: {}",
    "Pause: {}",
    "Refused in this step: {}",
    "Lesson finished: {} of {} steps passed, {} skipped.",
    "Next lesson: gitops-sim lesson {}",
    "You have finished every lesson.",
    "Progress saved (profile {}).",
    "Progress not saved: {}",
    "Progress is not kept in this session.",
    "Bye.",
    "Type the file's lines, then {} on a line of its own.",
    "A here-document goes with git write REPO@BRANCH PATH <<EOF or kubectl apply -f PATH <<EOF.",
    "answer N: N is a choice's number, 1 to {}.",
    "advance T: T is a duration such as 30s, 3m or 1h.",
    "This step asks no question.",
    "Lesson verbs:",
    "help TOOL or help COMMAND shows their syntax and what they do, e.g. help git, help argocd app sync.",
    "Did you mean the lesson verb {}?",
    "show the next hint, one at a time",
    "what the step's check still misses, and what the world shows",
    "show the solution's commands, for you to type",
    "run the solution for you (the step counts as skipped, not passed)",
    "put the world back as it was when the step started",
    "as reset, then every command of this step again but the last",
    "go on to the next step (once this one is done, or it has no check)",
    "let time pass until the step's check holds (at most its budget)",
    "let T of virtual time pass, e.g. advance 3m",
    "answer the question with choice N",
    "this help; help COMMAND for one command",
    "save progress and leave (end of input does the same)",
    "[{} step {}/{}]",
    "Answer the question first: answer N.",
    "This step is not done yet: check shows what is missing; hint, reset and solution help.",
    "No command to undo since this step began.",
};

// Korean, in Msg's order.
constexpr std::string_view kKorean[] = {
    "셸처럼 프롬프트에 명령을 입력하세요. help를 입력하면 명령 목록이 나옵니다. 시계는 멈춰 있습니다. "
    "play, advance T 또는 기다리는 명령(sim advance 3m)을 입력할 때만 시간이 흐릅니다.",
    "단계 {}/{}: {}",
    "answer N으로 답하세요 (1~{}).",
    "다 했으면 next를 입력하세요.",
    "행동하거나 시간을 흘려보내세요(play). 이 단계는 세계가 스스로 마무리합니다.",
    "이 단계의 시간 예산({})이 지났는데 아직 확인 조건을 만족하지 않습니다. 막혔다면 hint, reset, solution을 써 보세요.",
    "{}에 단계를 통과했습니다.",
    "통과시킨 것: {}",
    "정답입니다.",
    "아쉽네요. 정답은 {}입니다.",
    "건너뛰었습니다. 해답이 대신 실행되었습니다 (건너뛴 단계는 통과로 세지 않습니다).",
    "해답을 실행했지만 아직 확인 조건을 만족하지 않습니다: {}",
    "해답이 거부된 명령에서 멈췄습니다.",
    "힌트 {}/{}: {}",
    "이 단계의 힌트를 모두 보았습니다. solution, skip, reset을 써 보세요.",
    "해답 (직접 입력하거나, skip을 입력하면 대신 실행합니다):",
    "이 단계에는 보여 줄 해답이 없습니다.",
    "확인 조건을 만족합니다.",
    "아직입니다. 남은 것:",
    "현재 세계: {}",
    "이 단계는 질문에 답하는 단계입니다: answer N.",
    "이 단계에는 확인 조건이 없습니다. 다 했으면 next를 입력하세요.",
    "초기화: 세계가 이 단계를 시작할 때({})로 돌아갔습니다.",
    "되돌림: {} (그 명령을 실행하기 전의 세계로 돌아갔습니다).",
    "시간이 흐릅니다: {} → {}",
    "아무 일도 일어나지 않았습니다.",
    "시계가 멈춰 있습니다. {}에 일어날 일이 있습니다. play를 입력해 시간을 흘려보내세요.",
    "… 이벤트 {}개 더.",
    "메모: {}",
    "일시 정지: {}",
    "이 단계에서는 거부됩니다: {}",
    "레슨 완료: 단계 {1}개 중 {0}개 통과, {2}개 건너뜀.",
    "다음 레슨: gitops-sim lesson {}",
    "모든 레슨을 마쳤습니다.",
    "진행 상황을 저장했습니다 (프로필 {}).",
    "진행 상황을 저장하지 못했습니다: {}",
    "이 세션에서는 진행 상황을 저장하지 않습니다.",
    "안녕히 가세요.",
    "파일 내용을 입력하고, 마지막에 {}만 있는 줄을 입력하세요.",
    "히어 도큐먼트는 git write REPO@BRANCH PATH <<EOF 또는 kubectl apply -f PATH <<EOF와 함께 씁니다.",
    "answer N: N은 보기 번호입니다 (1~{}).",
    "advance T: T는 30s, 3m, 1h 같은 시간입니다.",
    "이 단계에는 질문이 없습니다.",
    "레슨 명령:",
    "help 도구 또는 help 명령을 입력하면 문법과 설명이 나옵니다. 예: help git, help argocd app sync",
    "레슨 명령 {}을(를) 입력하려던 건가요?",
    "다음 힌트를 하나씩 보여 줍니다",
    "확인 조건에서 아직 빠진 것과 현재 세계의 모습을 보여 줍니다",
    "해답 명령을 보여 줍니다 (직접 입력하도록)",
    "해답을 대신 실행합니다 (이 단계는 통과가 아니라 건너뜀으로 셉니다)",
    "세계를 이 단계를 시작할 때로 되돌립니다",
    "reset 후 이 단계의 명령을 마지막 하나만 빼고 다시 실행합니다",
    "다음 단계로 갑니다 (이 단계를 마쳤거나 확인 조건이 없을 때)",
    "확인 조건을 만족할 때까지 시간을 흘려보냅니다 (최대 단계의 예산만큼)",
    "가상 시간을 T만큼 흘려보냅니다. 예: advance 3m",
    "질문에 보기 N으로 답합니다",
    "이 도움말. 명령 하나는 help 명령",
    "진행 상황을 저장하고 끝냅니다 (입력이 끝나도 같습니다)",
    "[{} 단계 {}/{}]",
    "먼저 질문에 답하세요: answer N.",
    "이 단계를 아직 마치지 않았습니다. check로 남은 것을 보고, hint, reset, solution을 써 보세요.",
    "이 단계를 시작한 뒤 되돌릴 명령이 없습니다.",
};

// Every message in both languages: a missing line fails the build.
static_assert(std::size(kEnglish) == kMsgCount);
static_assert(std::size(kKorean) == kMsgCount);

}  // namespace

std::string_view terminal_text(Msg id, std::string_view lang) {
  const auto i = static_cast<std::size_t>(id);
  if (i >= kMsgCount) return {};
  return lang == "ko" ? kKorean[i] : kEnglish[i];
}

}  // namespace gs::lesson
