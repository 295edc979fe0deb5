// Behaviour stays: every shipped scenario's event stream hashes to the value
// it had before the engine-core rework (commit 1b3cb81), unless a row below
// says which Argo CD behaviour changed it on purpose, and why.
#include <catch2/catch.hpp>

#include <fstream>
#include <sstream>
#include <string>

#include "sim/scenario/loader.hpp"
#include "sim/session/runner.hpp"
#include "sim/world/world.hpp"

using namespace gs;

TEST_CASE("Scenarios: every shipped scenario's event hash is the pinned one", "[scenario][shipped][hash]") {
  struct Row {
    const char* file;
    const char* hash;
  };
  const Row rows[] = {
      {"01-first-sync.yaml", "8cb7b3ed63312da0a41ed6102632b5f908c474097fb94b578d55509bbb965446"},
      {"02-polling-vs-webhook.yaml", "c0bdbe10720610103d7e69a2ddbc0fb6de1600c62b2d8992604368087b926975"},
      {"03-drift-self-heal.yaml", "23b37518ea1887402cf0ce3f51443d059f684dee61873e4900f49bda057042da"},
      {"04-drift-without-self-heal.yaml", "f79f06334caddcc05e6ef22cdd3c04f0702b273dd2583233a0a56d4f24e822f5"},
      {"05-prune.yaml", "8772a327928ed7737df951d39440b13328cabc003dc56aba3d55701f8ad96615"},
      {"06-bad-image-and-revert.yaml", "182cd7a6b9294defeedcbfc75728234c19f712c9428f36e067bbdc3ad08bad09"},
      {"07-manual-sync-and-rollback.yaml", "f2468e52819b92c4169cea750e168f39420289fe9d2f0ef81b9caf5bee8ed6d1"},
      {"08-broken-manifest.yaml", "335061c4406a504a2f2e87266eda1457e067a1c20b59aaa3bb4b8c1a25f7f83b"},
      {"09-promotion.yaml", "ea749a300bb0c3b705753e387bc7309744634f719efdd929190c4aef7b350a2e"},
      {"10-push-vs-pull.yaml", "2629de4c9a3537bd2d7d76f9688b2e52ea35e4b70d6c2e767b4a1d7ecccff8a6"},
      // 11: the wave-0 Deployment starts 2 s after the wave -1 ConfigMap (Argo CD's
      // delayBetweenSyncWaves, controller/sync.go), so everything after it is 2 s later;
      // at 4m the PreSync Job left by the first sync is deleted and created anew
      // (BeforeHookCreation, gitops-engine hook/delete_policy.go) instead of failing the
      // dry run as "field is immutable": the migration itself runs, fails at 4m24s,
      // and the SyncFail hook follows it; the operation stays Running until that
      // hook completed (gitops-engine sync_context.go executeSyncFailPhase): SyncFailed
      // comes at 4m29s400ms, not 4m24s400ms.
      {"11-hooks-and-waves.yaml", "2844e9f11de2ac82340218569d48c03fd7eacfb14f4b083771b4a5403c4ecf00"},
      // 12: the argocd namespace exists where Argo CD runs, so the root's sync no longer
      // creates it (its CreateNamespace=true finds it there): every later event of the
      // first sync comes one applyLatency (200 ms) earlier.
      {"12-app-of-apps.yaml", "1b2b9b5f8accfd8b8b95171d9851a4e0aee7ba6170b56143c6a89947c719dd69"},
      {"13-hotfix.yaml", "b4c06b501a7cc3cc5c884e8ead0701b10d9b7c3a8ec0f57f035a01495c5dd164"},
      // Changed on purpose (engine-core, commands never half-applied): the
      // manual sync at 15m that the freeze window refuses no longer leaves an
      // Action event before its ActionFailed (was 5319d0c8...); a refused
      // command changes nothing, its log included. Every later id is one less.
      {"14-sync-window.yaml", "d4b2c84a154a0482d6cd41ebcd89d7914167021f567e989c6286a87dafc7748f"},
      {"15-pipeline-gates.yaml", "91f6bdc370e022f4f4b790817fb1fcb20a156d2814f2b6598a037a43b92cff3e"},
      // ci (issue 12): image automation, and a push pipeline.
      {"16-image-automation.yaml", "cd7955d26c5f05ef090cfa0732e2143265aab20300d05ed0a47f3e55cd2cb901"},
      {"17-push-pipeline.yaml", "683bde616d8f689d5bf2cc27bcc2abc69285fae8b5677c0292986b3e717172c1"},
  };
  for (const Row& row : rows) {
    const std::string file = std::string(GS_SCENARIO_DIR) + "/" + row.file;
    CAPTURE(file);
    // Loaded under its bare name: positions in events (an ActionFailed's
    // source) must not depend on where the checkout lives.
    std::ifstream in(file);
    std::stringstream text;
    text << in.rdbuf();
    auto loaded = scenario::load_scenario_text(text.str(), row.file);
    REQUIRE(loaded.ok());
    auto run = session::run_scenario(*loaded.scenario);
    REQUIRE(run.ok());
    CHECK(run->hash == row.hash);
  }
}
