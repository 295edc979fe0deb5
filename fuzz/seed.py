#!/usr/bin/env python3
"""Seed inputs for the fuzz harnesses, taken from the repository itself.

    fuzz/seed.py OUT_DIR

writes OUT_DIR/<harness>/<name> for every harness: scenario files (shipped and
test), YAML test data, `run:` command lines of scenarios and the command lines
the tests use, and the kustomize fixtures packed in fuzz_kustomize's input
format (see fuzz/fuzz_kustomize.cpp). fuzz/run.sh merges them into
fuzz/corpus/<harness>/ with libFuzzer's -merge=1, which keeps only inputs that
add coverage. Only the standard library: no YAML parser is needed.
"""
import hashlib
import pathlib
import re
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent


def save(out: pathlib.Path, harness: str, data: bytes) -> None:
    d = out / harness
    d.mkdir(parents=True, exist_ok=True)
    (d / hashlib.sha1(data).hexdigest()).write_bytes(data)


def yaml_files(*dirs):
    for d in dirs:
        for p in sorted((ROOT / d).rglob("*")):
            if p.is_file() and p.suffix in (".yaml", ".yml"):
                yield p


def unquote(v: str) -> str:
    v = v.strip()
    if len(v) >= 2 and v[0] == v[-1] == "'":
        return v[1:-1].replace("''", "'")
    if len(v) >= 2 and v[0] == v[-1] == '"':
        return v[1:-1].replace('\\"', '"').replace("\\\\", "\\")
    return v


def command_lines():
    run = re.compile(r"^\s*(?:- )?run:\s*(.+)$")
    for p in yaml_files("scenarios", "tests/data/scenario"):
        for line in p.read_text(encoding="utf-8", errors="replace").splitlines():
            if m := run.match(line):
                yield unquote(m.group(1))
    call = re.compile(r'(?:apply_text|parse_command|tokenize)\(\s*"((?:[^"\\]|\\.)*)"')
    for p in sorted((ROOT / "tests").rglob("*.cpp")):
        for m in call.finditer(p.read_text(encoding="utf-8", errors="replace")):
            yield m.group(1).encode().decode("unicode_escape")


def kustomize_case(case: pathlib.Path) -> bytes:
    """overlay/kustomization.yaml first, then every other file under a marker."""
    files = sorted(p for p in case.rglob("*") if p.is_file() and p.name not in ("expected.yaml", "expected-error.txt"))
    first = case / "overlay" / "kustomization.yaml"
    out = first.read_bytes() if first.exists() else b""
    for p in files:
        if p == first:
            continue
        body = p.read_bytes()
        if not body.endswith(b"\n"):
            body += b"\n"
        out += b"@@ " + str(p.relative_to(case)).encode() + b"\n" + body
    return out


def main() -> int:
    if len(sys.argv) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    out = pathlib.Path(sys.argv[1])
    for p in yaml_files("scenarios", "tests/data/scenario"):
        save(out, "scenario", p.read_bytes())
    for p in yaml_files("tests/data/model", "tests/data/cluster", "tests/data/render", "scenarios"):
        save(out, "yaml", p.read_bytes())
    for line in command_lines():
        save(out, "command", line.encode())
    for case in sorted((ROOT / "tests/data/render/kustomize").iterdir()):
        if (case / "overlay").is_dir():
            save(out, "kustomize", kustomize_case(case))
    return 0


if __name__ == "__main__":
    sys.exit(main())
