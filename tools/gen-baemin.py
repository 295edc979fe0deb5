#!/usr/bin/env python3
"""Writes scenarios/19-baemin-day.yaml (GitOps: image bot, pipelines with gates, Argo CD)
and scenarios/20-baemin-day-push.yaml (its "before GitOps" twin: push pipelines, manual
rollbacks). A Baemin-like food-delivery shop: 50 services over one virtual day.
The schedule is a fixed formula (no randomness), so the files are the same on every run:
    python3 tools/gen-baemin.py scenarios/cases
"""
import os
import sys

N = 50                       # services
CHANGES = 110                # releases over the day (GitOps)
ENVS = ["dev", "staging", "prod"]
NAMES = ["order", "menu", "cart", "payment", "delivery", "rider", "review", "search", "shop", "coupon",
         "point", "notify", "auth", "member", "gift", "ads", "ranking", "promo", "store", "settle",
         "invoice", "refund", "chat", "cs", "map", "eta", "dispatch", "kitchen", "pos", "catalog",
         "price", "stock", "event", "banner", "push", "mail", "sms", "image", "upload", "report",
         "audit", "config", "gateway", "bff", "feed", "like", "share", "voucher", "wallet", "tip"]
assert len(NAMES) == N


def svc(i):
    return NAMES[i]


def header(w, name, title, desc, end="24h"):
    w("apiVersion: gitops-sim/v1\nkind: Scenario\nmetadata:\n")
    w(f"  name: {name}\n  title:\n    en: \"{title[0]}\"\n    ko: \"{title[1]}\"\n")
    w(f"  description:\n    en: >-\n      {desc[0]}\n    ko: >-\n      {desc[1]}\n")
    w(f"seed: 19\nclock: {{start: \"2026-01-05T00:00:00Z\", end: {end}}}\n")


def registry(w, tags):
    w("registry:\n")
    for i in range(N):
        w(f"  - image: registry.example/baemin/{svc(i)}\n    tags: [{', '.join(chr(34)+t+chr(34) for t in tags)}]\n")


def repo_files(w, envs):
    for i in range(N):
        s = svc(i)
        w(f"          apps/{s}/base/kustomization.yaml: |\n            resources: [deployment.yaml]\n")
        w(f"          apps/{s}/base/deployment.yaml: |\n"
          f"            apiVersion: apps/v1\n            kind: Deployment\n"
          f"            metadata: {{name: {s}, labels: {{app: {s}}}}}\n"
          f"            spec:\n              replicas: 2\n              progressDeadlineSeconds: 120\n              selector: {{matchLabels: {{app: {s}}}}}\n"
          f"              template:\n                metadata: {{labels: {{app: {s}}}}}\n                spec:\n"
          f"                  containers:\n                    - name: {s}\n"
          f"                      image: registry.example/baemin/{s}:1.0.0\n")
        for e in envs:
            w(f"          apps/{s}/envs/{e}/kustomization.yaml: |\n            resources: [../../base]\n"
              f"            images:\n              - name: registry.example/baemin/{s}\n                newTag: \"1.0.0\"\n")


def fmt_t(sec):
    h, r = divmod(sec, 3600)
    m, s = divmod(r, 60)
    out = (f"{h}h" if h else "") + (f"{m}m" if m else "") + (f"{s}s" if s else "")
    return out or "0s"


DEPLOYMENT_EXTRA = "              progressDeadlineSeconds: 120\n"


def apps(w, envs, automated=True):
    w("applications:\n")
    for i in range(N):
        s = svc(i)
        for e in envs:
            w(f"  - apiVersion: argoproj.io/v1alpha1\n    kind: Application\n"
              f"    metadata: {{name: {s}-{e}, namespace: argocd}}\n    spec:\n      project: default\n"
              f"      source: {{repoURL: https://git.example/baemin/config.git, targetRevision: main, path: apps/{s}/envs/{e}}}\n"
              f"      destination: {{server: https://{e}.k8s.example, namespace: {s}}}\n"
              f"      syncPolicy: {{automated: {{prune: true, selfHeal: true}}, syncOptions: [CreateNamespace=true]}}\n")


def gitops_day(path):
    out = []
    w = out.append
    header(w, "baemin-day",
           ("A Baemin-like day: 50 services, 100+ deploys through gated pipelines",
            "배민 같은 하루: 서비스 50개, 게이트가 있는 파이프라인으로 하루 100번 넘게 배포"),
           ("A food-delivery shop with 50 services on dev, staging and prod. CI builds an image, the image bot "
            "writes its tag into dev's folder, Argo CD syncs it, and each service's pipeline promotes it to "
            "staging and, after a soak, to prod. One release breaks in prod and is reverted within minutes. "
            "Open the metrics panel: lead time, deploys per day, change fail rate and recovery time.",
            "서비스 50개가 dev, staging, prod에 있는 배달 앱입니다. CI가 이미지를 빌드하면 이미지 봇이 태그를 dev "
            "폴더에 쓰고, Argo CD가 동기화하며, 서비스마다 파이프라인이 staging으로, soak 후 prod로 승격합니다. "
            "한 릴리스가 prod에서 깨지고 몇 분 안에 되돌려집니다. 지표 패널에서 리드 타임, 하루 배포 수, 변경 실패율, "
            "복구 시간을 보세요."))
    w("clusters:\n" + "".join(f"  - {{name: {e}, server: https://{e}.k8s.example}}\n" for e in ENVS))
    registry(w, ["1.0.0"])
    w("repos:\n  - name: baemin-config\n    url: https://git.example/baemin/config.git\n    webhook: true\n"
      "    commits:\n      - branch: main\n        author: \"Platform Team <platform@baemin.example>\"\n"
      "        message: \"50 services: base and dev, staging, prod folders\"\n        files:\n")
    repo_files(w, ENVS)
    apps(w, ENVS)
    w("ci:\n  imageAutomation:\n")
    for i in range(N):
        s = svc(i)
        w(f"    - {{name: {s}, image: registry.example/baemin/{s}, interval: 1m, policy: {{semver: {{range: \">=1.0.0\"}}}}, "
          f"repo: baemin-config, branch: main, path: apps/{s}/envs/dev}}\n")
    w("pipelines:\n")
    for i in range(N):
        s = svc(i)
        w(f"  - name: {s}\n    repo: baemin-config\n    strategy: folder-per-environment\n    branch: main\n    stages:\n"
          f"      - {{env: dev, app: {s}-dev, folder: apps/{s}/envs/dev}}\n"
          f"      - {{env: staging, app: {s}-staging, folder: apps/{s}/envs/staging}}\n"
          f"      - env: prod\n        app: {s}-prod\n        folder: apps/{s}/envs/prod\n"
          f"        gates:\n          - {{name: {s}-staging-soak, soak: 1m}}\n")
    w("timeline:\n")
    start = 8 * 3600
    spacing = (14 * 3600) // CHANGES
    version = [0] * N
    failing = CHANGES // 2
    for k in range(CHANGES):
        i = (k * 7) % N
        s = svc(i)
        version[i] += 1
        tag = f"1.0.{version[i]}"
        t = start + k * spacing
        w(f"  - at: {fmt_t(t)}\n    run: ci build registry.example/baemin/{s} --tag {tag}\n")
        w(f"  - at: {fmt_t(t + 150)}\n    run: promote {s} --from dev --to staging\n")
        if k == failing:
            w(f"  - at: {fmt_t(t + 230)}\n    run: fault image-pull registry.example/baemin/{s}:{tag}\n"
              f"    note: {{en: \"{s} {tag}: prod's registry mirror serves a broken layer; prod cannot pull it\", "
              f"ko: \"{s} {tag}: prod 레지스트리 미러의 레이어가 깨져 prod가 이미지를 받지 못합니다\"}}\n")
        w(f"  - at: {fmt_t(t + 240)}\n    run: promote {s} --from staging --to prod\n")
        if k == failing:
            fail_svc, fail_t = s, t
            w(f"  - at: {fmt_t(t + 240 + 150)}\n    run: 'git revert baemin-config@main --author \"On-call <oncall@baemin.example>\"'\n"
              f"    note: {{en: \"{s} is Degraded in prod: on-call reverts the promotion commit\", "
              f"ko: \"prod의 {s}가 Degraded입니다: 당번이 승격 커밋을 되돌립니다\"}}\n")
    w("expect:\n")
    w(f"  - by: 24h\n    event: Promoted\n    atLeast: {2 * CHANGES}\n")
    w("  - never: true\n    event: GateFailed\n")
    w(f"  - by: 24h\n    event: ImageUpdated\n    atLeast: {CHANGES}\n")
    w(f"  - by: {fmt_t(fail_t + 389)}\n    from: {fmt_t(fail_t + 240)}\n    app: {fail_svc}-prod\n    health: Degraded\n")
    w(f"  - at: {fmt_t(fail_t + 240 + 150 + 240)}\n    app: {fail_svc}-prod\n    sync: Synced\n    health: Healthy\n")
    w("  - at: 24h\n    app: order-prod\n    sync: Synced\n    health: Healthy\n")
    with open(path, "w") as f:
        f.write("".join(out))


PUSH_CHANGES = 40
TRAINS = [11 * 3600, 15 * 3600, 19 * 3600]


def push_day(path):
    out = []
    w = out.append
    header(w, "baemin-day-push",
           ("Before GitOps: the same shop deployed by push pipelines",
            "GitOps 이전: 같은 가게를 푸시 파이프라인으로 배포"),
           ("The Baemin-like day's twin before GitOps: developers commit new versions, and a Jenkins-like "
            "job per service runs kubectl apply against prod at three release trains a day. A broken release "
            "is noticed by a person and rolled back by hand; a hand-made change in prod is never noticed. "
            "Compare its metrics with 19-baemin-day.",
            "배민 같은 하루의 GitOps 이전 쌍둥이입니다. 개발자가 새 버전을 커밋하면, 서비스마다 Jenkins 같은 잡이 "
            "하루 세 번의 릴리스 트레인에서 prod에 kubectl apply를 실행합니다. 깨진 릴리스는 사람이 알아차리고 손으로 "
            "되돌립니다. prod에서 손으로 바꾼 것은 아무도 알아차리지 못합니다. 19-baemin-day의 지표와 비교해 보세요."))
    w("clusters:\n  - {name: prod, server: https://prod.k8s.example}\n")
    registry(w, ["1.0.0"])
    w("repos:\n  - name: baemin-config\n    url: https://git.example/baemin/config.git\n"
      "    commits:\n      - branch: main\n        author: \"Platform Team <platform@baemin.example>\"\n"
      "        message: \"50 services: base and the prod folder\"\n        files:\n")
    repo_files(w, ["prod"])
    w("ci:\n  pushPipelines:\n")
    for i in range(N):
        s = svc(i)
        w(f"    - {{name: {s}, repo: baemin-config, branch: main, path: apps/{s}/envs/prod, kubeconfig: [prod], rolloutTimeout: 5m}}\n")
    entries = []  # (t, text)
    # 00:00: every job runs once, as Argo CD syncs every app at time 0 in the GitOps day.
    for i in range(N):
        entries.append((10 * i, f"run: ci deploy {svc(i)}"))
    version = [0] * N
    good = ["1.0.0"] * N
    changed_since_train = []
    bad = {PUSH_CHANGES * j // 8 for j in (1, 3, 5, 7)}  # 4 of 40: typed by hand, a tag is wrong now and then
    start, end = 9 * 3600, 18 * 3600
    spacing = (end - start) // PUSH_CHANGES
    train_i = 0
    pending = []
    for k in range(PUSH_CHANGES):
        i = (k * 11) % N
        s = svc(i)
        t = start + k * spacing
        version[i] += 1
        tag = f"1.0.{version[i]}"
        if k in bad:
            tag_written = f"1.0.{version[i]}0"   # a typo: a tag nobody built
            entries.append((t, f"run: 'git edit baemin-config@main apps/{s}/envs/prod/kustomization.yaml images[0].newTag=\"{tag_written}\" -m \"{s} {tag}\" --author \"Dev <dev@baemin.example>\"'\n"
                               f"    note: {{en: \"A typo: {s}'s new tag is {tag_written}, which nobody built\", ko: \"오타: {s}의 새 태그가 아무도 빌드하지 않은 {tag_written}입니다\"}}"))
        else:
            entries.append((t, f"run: ci build registry.example/baemin/{s} --tag {tag}"))
            entries.append((t + 30, f"run: 'git edit baemin-config@main apps/{s}/envs/prod/kustomization.yaml images[0].newTag=\"{tag}\" -m \"{s} {tag}\" --author \"Dev <dev@baemin.example>\"'"))
        pending.append((i, k in bad))
    # release trains: deploy every service changed before the train
    k_time = lambda k: start + k * spacing
    done = 0
    failed = []
    for train in TRAINS:
        batch = [(k, p) for k, p in enumerate(pending) if done <= k and k_time(k) + 60 < train]
        done += len(batch)
        seen = []
        for j, (k, (i, is_bad)) in enumerate(batch):
            if i in seen:
                continue
            seen.append(i)
            tt = train + 60 * len(seen)
            entries.append((tt, f"run: ci deploy {svc(i)}"))
            if is_bad:
                failed.append((svc(i), tt))
                fix = tt + 120 * 60
                entries.append((fix, f"run: 'git edit baemin-config@main apps/{svc(i)}/envs/prod/kustomization.yaml images[0].newTag=\"1.0.0\" -m \"Roll back {svc(i)} to 1.0.0\" --author \"On-call <oncall@baemin.example>\"'\n"
                                 f"    note: {{en: \"Two hours later customer complaints reach on-call: {svc(i)} is down; roll back by hand\", ko: \"두 시간 뒤 고객 문의가 당번에게 닿습니다: {svc(i)}가 멈췄습니다. 손으로 되돌립니다\"}}"))
                entries.append((fix + 60, f"run: ci deploy {svc(i)}"))
    entries.sort(key=lambda e: e[0])
    w("timeline:\n")
    for t, text in entries:
        w(f"  - at: {fmt_t(t)}\n    {text}\n")
    w("expect:\n")
    w(f"  - by: 24h\n    event: PushDeployed\n    where: {{result: Succeeded}}\n    atLeast: {N + PUSH_CHANGES - len(bad)}\n")
    for name, tt in failed:
        w(f"  - by: {fmt_t(tt + 10 * 60)}\n    from: {fmt_t(tt)}\n    event: PushDeployed\n    where: {{pipeline: {name}, result: Failed}}\n")
        w(f"  - by: {fmt_t(tt + 122 * 60 + 300)}\n    from: {fmt_t(tt + 120 * 60)}\n    event: PushDeployed\n    where: {{pipeline: {name}, result: Succeeded}}\n")
    w("  - never: true\n    event: SyncStarted\n")
    with open(path, "w") as f:
        f.write("".join(out))


if __name__ == "__main__":
    d = sys.argv[1] if len(sys.argv) > 1 else "scenarios/cases"
    gitops_day(os.path.join(d, "19-baemin-day.yaml"))
    push_day(os.path.join(d, "20-baemin-day-push.yaml"))
