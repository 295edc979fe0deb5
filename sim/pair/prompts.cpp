// The navigator's prompts (prompts.hpp). The discussion questions are the
// lecture's, in our own words.
#include "sim/pair/prompts.hpp"

namespace gs::pair {

const std::vector<LocalizedText>& discussion_questions() {
  static const std::vector<LocalizedText> q = {
      {"Adopting GitOps: if your team moved its deployments to GitOps, what would get easier, and what would be "
       "hard to change?",
       "GitOps 도입: 여러분 팀의 배포를 GitOps로 옮긴다면 무엇이 쉬워지고, 무엇을 바꾸기가 어려울까요?"},
      {"Environments: how would you lay out dev, staging and prod, and how does a change get promoted from one to "
       "the next?",
       "환경 전략: dev, staging, prod를 어떻게 나누고, 변경을 한 환경에서 다음 환경으로 어떻게 승격할까요?"},
      {"Choosing a tool: when would you pick Argo CD, when Flux, and when would a push pipeline such as Jenkins "
       "still do?",
       "도구 선택: 언제 Argo CD를, 언제 Flux를 고르고, 언제는 Jenkins 같은 푸시 파이프라인으로도 충분할까요?"},
  };
  return q;
}

Activity activity_of(const lesson::Step* step) {
  if (!step) return Activity::HandsOn;
  return step->check ? Activity::HandsOn : Activity::Discussion;
}

std::vector<LocalizedText> navigator_prompts(const lesson::Step* step) {
  if (step && !step->prompts.empty()) return step->prompts;
  if (activity_of(step) == Activity::Discussion) return discussion_questions();
  return {};
}

}  // namespace gs::pair
