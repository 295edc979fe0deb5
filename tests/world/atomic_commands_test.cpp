// The property behind "every command checks everything before it changes
// anything": thousands of command lines — every shipped scenario's `run:`
// lines, one line per entry of the command table filled with the world's own
// names, and random mutations of both (words replaced, dropped, doubled,
// swapped; flags added; values and names bent) — run against worlds built
// from several shipped scenarios at several times. Each one that fails must
// leave World::fingerprint() (repositories, clusters and their Kubernetes
// Events, faults, app views, the event log) exactly as it was. Seeded, so a
// failure names a line that fails again; bounded to a few seconds.
#include <catch2/catch.hpp>

#include <fstream>
#include <set>
#include <sstream>

#include "sim/cluster/cluster.hpp"
#include "sim/core/rng.hpp"
#include "sim/git/repository.hpp"
#include "sim/scenario/loader.hpp"
#include "sim/session/runner.hpp"
#include "sim/world/command.hpp"
#include "sim/world/world.hpp"

using namespace gs;

namespace {

scenario::Scenario load(const std::string& name) {
  auto r = scenario::load_scenario_file(std::string(GS_SOURCE_DIR) + "/scenarios/" + name);
  REQUIRE(r.ok());
  return *r.scenario;
}

std::vector<std::string> shipped_scenarios() {
  return {"01-first-sync.yaml",     "02-polling-vs-webhook.yaml",       "03-drift-self-heal.yaml",
          "04-drift-without-self-heal.yaml", "05-prune.yaml",          "06-bad-image-and-revert.yaml",
          "07-manual-sync-and-rollback.yaml", "08-broken-manifest.yaml", "09-promotion.yaml",
          "10-push-vs-pull.yaml",   "11-hooks-and-waves.yaml",          "12-app-of-apps.yaml",
          "13-hotfix.yaml",         "14-sync-window.yaml",
          "15-pipeline-gates.yaml"};
}

std::vector<std::string> words_of(const std::string& line) {
  auto w = world::tokenize(line);
  return w ? *w : std::vector<std::string>{};
}

std::string join(const std::vector<std::string>& words) {
  std::string out;
  for (const auto& w : words) out += (out.empty() ? "" : " ") + world::quote_word(w);
  return out;
}

// Names the world knows, and near misses, for filling and bending commands.
struct Pool {
  std::vector<std::string> words;
  const std::string& pick(Rng& rng) const { return words[rng.below(words.size())]; }
};

Pool pool_of(const world::World& w) {
  std::set<std::string> s = {"nope", "", "-", "--", "@", "x=y", "x-", "=", "a/b/c", "UPPER", "-1", "0", "3",
                             "99999999999999999999", "5s", "1m", "3m", "2d", "99999d", "1h30m", "main", "HEAD~1",
                             "HEAD~99", "deadbeef", "develop", "staging", "v1", "web", "shop", "argocd", "default",
                             "deployment/web", "deploy/nope", "pod/x", "service/web", "configmap/nope",
                             "web=registry.example/shop/web:1.1.0", "nosuch=x", "web=UPPER:1", "*=x:1", "team=blue",
                             "team-", "a/b=c", "{\"spec\":{\"replicas\":2}}", "[1,2]", "{\"metadata\":{\"name\":\"x\"}}",
                             "push.yaml", "nope.yaml", "registry.example/shop/web:9.9.9", "automated", "none",
                             "spec.replicas=4", "spec..x=1", "a.txt", "base/deployment.yaml"};
  for (const auto& r : w.repos()) {
    s.insert(r.name);
    for (const auto& b : r.repo->branches()) {
      s.insert(r.name + "@" + b);
      s.insert(b);
    }
    s.insert(r.name + "@nope");
    s.insert(r.name + "@main:base/deployment.yaml");
  }
  for (const auto& c : w.clusters()) {
    s.insert(c.name);
    for (const auto& k : c.cluster->keys()) {
      s.insert(k.name);
      s.insert(k.kind + "/" + k.name);
      if (!k.ns.empty()) s.insert(k.ns);
    }
  }
  for (const auto& a : w.app_names()) s.insert(a);
  return Pool{std::vector<std::string>(s.begin(), s.end())};
}

const std::vector<std::string> kFlags = {
    "-n",        "--namespace", "--cluster", "--context", "-m",      "--author", "--replicas=2", "--replicas=-1",
    "-p",        "--type",      "merge",     "--prune",   "--dry-run", "--revision", "--hard",   "--timeout",
    "--timeout=30", "--timeout=90000", "--sync",  "--degraded", "--no-ff", "-f",     "-a",      "--force",
    "--oneline", "--decorate",  "--overwrite", "-o",      "yaml",    "--sync-policy", "--self-heal", "-A",
    "--append",  "--delete",    "--staged",  "-r",        "--exit-code"};

// One line per entry of the table, filled with names from the world.
std::vector<std::string> table_lines(const Pool& pool, Rng& rng) {
  std::vector<std::string> out;
  for (const auto& spec : world::command_table()) {
    std::vector<std::string> words = spec.path;
    for (const auto& a : spec.args) {
      if (a.optional && rng.chance(1, 2)) continue;
      words.push_back(a.kind == world::ValueKind::Duration ? "1m"
                      : a.kind == world::ValueKind::Speed  ? "60"
                      : !a.choices.empty()                 ? a.choices.front()
                                                           : pool.pick(rng));
    }
    for (const auto& f : spec.flags) {
      if (!f.required && rng.chance(2, 3)) continue;
      words.push_back("--" + f.name);
      if (f.takes_value) words.push_back(!f.choices.empty() ? f.choices.front() : pool.pick(rng));
    }
    out.push_back(join(words));
  }
  return out;
}

std::string mutate(const std::string& line, const Pool& pool, Rng& rng) {
  std::vector<std::string> w = words_of(line);
  if (w.empty()) return pool.pick(rng);
  const int edits = static_cast<int>(rng.between(1, 3));
  for (int k = 0; k < edits; ++k) {
    const std::size_t i = rng.below(w.size());
    switch (rng.below(7)) {
      case 0: w[i] = pool.pick(rng); break;                                    // a name or value bent
      case 1: if (w.size() > 1) w.erase(w.begin() + static_cast<std::ptrdiff_t>(i)); break;  // dropped
      case 2: w.insert(w.begin() + static_cast<std::ptrdiff_t>(i), w[i]); break;            // doubled
      case 3: std::swap(w[i], w[rng.below(w.size())]); break;                  // swapped
      case 4: w.push_back(kFlags[rng.below(kFlags.size())]); break;            // a flag added
      case 5: w.push_back(pool.pick(rng)); break;                              // an argument added
      case 6: if (!w[i].empty()) w[i].back() = "x-=/@:1"[rng.below(7)]; break;  // a character changed
    }
  }
  return join(w);
}

// Files a command may have staged beside it: a change, a deletion, and
// manifest streams for `kubectl apply -f push.yaml` (one with a bad document last).
std::vector<world::StagedFiles> staged_sets() {
  const std::string cm = "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: pushed}\ndata: {a: b}\n";
  const std::string bad = "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: broken}\nspec: {replicas: 1}\n";
  const std::string ns = "apiVersion: v1\nkind: Namespace\nmetadata: {name: pushed-ns}\n";
  const std::string in_ns = "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x, namespace: pushed-ns}\n";
  return {{},
          {{"a.txt", std::string("changed\n")}},
          {{"base/deployment.yaml", std::nullopt}},
          {{"push.yaml", cm + "---\n" + bad}},
          {{"push.yaml", cm + "---\n" + in_ns}},
          {{"push.yaml", cm + "---\n" + ns + "---\n" + in_ns}},
          {{"push.yaml", std::string("kind: [unclosed\n")}},
          {{"base/deployment.yaml", std::string("kind: [unclosed\n")}},
          {{"base/new.yaml", std::string("a: 1\n")}}};
}

}  // namespace

TEST_CASE("World: thousands of random and mutated command lines: each that fails leaves the world and its log "
          "byte-identical",
          "[world][commands][property]") {
  std::vector<std::string> corpus = {
      // The half-applies this property was written against.
      "kubectl set image deployment/web web=registry.example/shop/web:1.1.0 nosuch=x -n shop --cluster dev",
      "kubectl label deployment/web a=1 b=2 app=other -n shop --cluster dev",
      "kubectl annotate deployment/web a=1 _b=2 -n shop --cluster dev",
      "kubectl apply -f push.yaml -n shop --cluster dev",
      "fault image-pull registry.example/shop/web",
      "argocd app sync shop-prod",
  };
  for (const auto& name : shipped_scenarios()) {
    for (const auto& e : load(name).timeline) {
      if (e.run) corpus.push_back(*e.run);
    }
  }
  const auto files = staged_sets();
  struct Where {
    const char* scenario;
    std::int64_t at_ms;
  };
  const Where worlds[] = {{"03-drift-self-heal.yaml", 4 * 60'000 + 1'500}, {"06-bad-image-and-revert.yaml", 5 * 60'000},
                          {"09-promotion.yaml", 7 * 60'000},              {"10-push-vs-pull.yaml", 3 * 60'000},
                          {"11-hooks-and-waves.yaml", 60'000},             {"12-app-of-apps.yaml", 6 * 60'000 + 500},
                          {"13-hotfix.yaml", 3 * 60'000},                  {"14-sync-window.yaml", 15 * 60'000},
                          {"15-pipeline-gates.yaml", 3 * 60'000 + 30'000}};
  Rng rng(20260105);
  int failed = 0, ran = 0, staged_ok = 0;
  for (const Where& where : worlds) {
    auto session = session::run_to(load(where.scenario), TimePoint{where.at_ms});
    REQUIRE(session);
    world::World& w = (*session)->world();
    const Pool pool = pool_of(w);
    std::vector<std::string> lines = corpus;
    for (auto& l : table_lines(pool, rng)) lines.push_back(std::move(l));
    // The index's commands on this world's own branches, so some of them run
    // (and later ones meet a staged index).
    for (const auto& r : w.repos()) {
      for (const auto& b : r.repo->branches()) {
        const std::string ref = r.name + "@" + b;
        for (const std::string& line : std::vector<std::string>{"git write " + ref + " base/deployment.yaml", "git write " + ref + " base/new.yaml",
                                        "git rm " + ref + " base/deployment.yaml", "git rm -r " + ref + " base",
                                        "git restore --staged " + ref + " base/deployment.yaml",
                                        "git commit " + ref + " -m staged", "git status " + ref, std::string("git diff"),
                                        "git edit " + ref + " base/deployment.yaml --append spec.x=1 --delete spec.replicas -m e"}) {
          lines.push_back(line);
        }
      }
    }
    std::string fingerprint = w.fingerprint();
    for (int i = 0; i < 400; ++i) {
      const std::string& base = lines[rng.below(lines.size())];
      const std::string line = rng.chance(1, 5) ? base : mutate(base, pool, rng);
      // A git write mostly gets content for one of its paths, so some stage.
      const bool write = base.rfind("git write ", 0) == 0 && rng.chance(2, 3);
      const world::StagedFiles& staged = write ? files[files.size() - 1 - rng.below(2)] : files[rng.below(files.size())];
      auto out = w.apply_text(line, staged);
      const std::string after = w.fingerprint();
      if (out.ok()) {
        ++ran;
        if (line.rfind("git write ", 0) == 0 || line.rfind("git rm ", 0) == 0) ++staged_ok;
        fingerprint = after;
        continue;
      }
      ++failed;
      if (after != fingerprint) {
        CAPTURE(where.scenario, where.at_ms, line, staged.size(), out.error().message);
        FAIL("a command that failed changed the world");
      }
    }
  }
  // Both kinds happened, and plenty of each.
  CHECK(failed > 1500);
  CHECK(ran > 150);
  CHECK(staged_ok > 10);  // the index's commands ran, and later lines met a staged index
}
