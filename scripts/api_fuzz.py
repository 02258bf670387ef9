#!/usr/bin/env python3
"""Helper of scripts/api-fuzz.sh (standard library only).

    api_fuzz.py login BASE TENANT LOGIN_ID PASSWORD      -> "<access_token> <expires_in>"
    api_fuzz.py create-user BASE TOKEN LOGIN_ID NAME PASSWORD ROLE
    api_fuzz.py probe-methods BASE SCHEMA OUT.md         -> how undeclared methods are answered
    api_fuzz.py summarise OUT_DIR                        -> OUT_DIR/summary.md, exit 1 on failures
    api_fuzz.py refusals REFUSALS.ndjson                 -> each operation's 422 codes, one line each
    api_fuzz.py rule-config SCHEMA [all]                 -> schemathesis.toml sections: 422 allowed
                                                            for operations with `x-rules` (or every one)

`summarise` reads the NDJSON events schemathesis wrote (OUT_DIR/<run>/events.ndjson)
and OUT_DIR/runs.tsv (run, exit code, seconds), groups the failed checks of every run
by kind (check, and the status answered), lists the operations of each kind with one
example request and response, writes OUT_DIR/summary.md and prints its headings.
"""

from __future__ import annotations

import json
import re
import sys
import urllib.error
import urllib.request
from collections import defaultdict
from pathlib import Path


def request(method: str, url: str, body: object | None = None, token: str | None = None) -> tuple[int, dict, bytes]:
    data = None if body is None else json.dumps(body).encode()
    req = urllib.request.Request(url, data=data, method=method)
    if data is not None:
        req.add_header("Content-Type", "application/json")
    if token:
        req.add_header("Authorization", f"Bearer {token}")
    try:
        with urllib.request.urlopen(req, timeout=30) as resp:
            return resp.status, dict(resp.headers), resp.read()
    except urllib.error.HTTPError as err:
        return err.code, dict(err.headers), err.read()


def login(base: str, tenant: str, login_id: str, password: str) -> int:
    status, _, body = request(
        "POST", f"{base}/api/v1/auth/login", {"tenant": tenant, "login_id": login_id, "password": password}
    )
    if status != 200:
        print(f"sign-in of {login_id} answered {status}: {body[:300]!r}", file=sys.stderr)
        return 1
    answer = json.loads(body)
    print(answer["access_token"], answer["expires_in"])
    return 0


def create_user(base: str, token: str, login_id: str, name: str, password: str, role: str) -> int:
    status, _, body = request(
        "POST",
        f"{base}/api/v1/admin/users",
        {"login_id": login_id, "name": name, "password": password, "roles": [role]},
        token,
    )
    if status == 201:
        print(f"created staff user {login_id} ({role})")
        return 0
    if status == 409:
        print(f"staff user {login_id} exists already")
        return 0
    print(f"creating {login_id} answered {status}: {body[:300]!r}", file=sys.stderr)
    return 1


def probe_methods(base: str, schema_path: str, out: str) -> int:
    """Sends every undeclared method of every path (path parameters filled with a dummy)
    and records the status and Allow header: 405 with Allow, or something else."""
    schema = json.loads(Path(schema_path).read_text())
    methods = ["get", "put", "post", "delete", "patch"]
    answers: dict[tuple[int, str], list[str]] = defaultdict(list)
    for path, item in schema["paths"].items():
        declared = [m for m in methods if m in item]
        url = base + re.sub(r"\{[^}]+\}", "00000000-0000-0000-0000-000000000000", path)
        for method in methods:
            if method in declared:
                continue
            status, headers, _ = request(method.upper(), url, {} if method in ("put", "post", "patch") else None)
            allow = next((v for k, v in headers.items() if k.lower() == "allow"), "-")
            answers[(status, allow)].append(f"{method.upper()} {path}")
    lines = ["| status | Allow header | count | examples |", "|---|---|---|---|"]
    for (status, allow), ops in sorted(answers.items(), key=lambda kv: -len(kv[1])):
        lines.append(f"| {status} | {allow} | {len(ops)} | {', '.join(ops[:4])} |")
    Path(out).write_text("\n".join(lines) + "\n")
    print("\n".join(lines))
    return 0


# schemathesis's default for positive_data_acceptance, and 422 besides.
WITH_RULES = ["2xx", "3xx", "401", "403", "404", "409", "422", "429", "5xx"]


def rule_config(schema_path: str, every: bool) -> int:
    """`[[operations]]` sections letting `positive_data_acceptance` take a 422 from each
    operation that declares rules beyond the schema (`x-rules`); fuzz_hooks.py then
    checks that such a 422 names only declared rules. With `every`, from every
    operation (to survey which rules a run meets, with FUZZ_REFUSALS_LOG)."""
    schema = json.loads(Path(schema_path).read_text())
    statuses = ", ".join(f'"{s}"' for s in WITH_RULES)
    for item in schema["paths"].values():
        for method in ("get", "put", "post", "delete", "patch"):
            operation = item.get(method)
            if operation and (every or operation.get("x-rules")):
                print(f'\n[[operations]]\ninclude-operation-id = "{operation["operationId"]}"')
                print(f"checks.positive_data_acceptance.expected-statuses = [{statuses}]")
    return 0


def refusals(path: str) -> int:
    """What fuzz_hooks.py logged: the codes (and problem) each operation's 422s named."""
    seen: dict[str, set[str]] = defaultdict(set)
    torn = 0
    for line in Path(path).read_text(encoding="utf-8", errors="replace").splitlines():
        try:
            event = json.loads(line)
        except json.JSONDecodeError:
            # A survey, not a check: a line a crashed worker left half written is counted.
            torn += 1
            continue
        seen[event["operation"]].update(event["codes"])
        seen[event["operation"]].add(f"problem {event.get('problem', '?')}")
    for operation in sorted(seen):
        print(f"- {operation}: {', '.join(sorted(seen[operation]))}")
    if torn:
        print(f"- ({torn} unreadable lines left out)")
    return 0


def failures_of_run(events: Path) -> tuple[set[str], list[dict], list[str]]:
    """From schemathesis's NDJSON events: the operations tested, every failed check
    (with its request and response) and the errors (network errors and the like)."""
    tested: set[str] = set()
    found: list[dict] = []
    errors: list[str] = []
    for line in events.read_text().splitlines():
        event = json.loads(line)
        if "NonFatalError" in event:
            info = event["NonFatalError"]
            label = info.get("label", "?")
            title = (info.get("info") or {}).get("title") or info.get("value", {}).get("title") or "error"
            errors.append(f"{label}: {title}")
            continue
        finished = event.get("ScenarioFinished")
        if not finished:
            continue
        recorder = finished.get("recorder") or {}
        tested.add(recorder.get("label", "?"))
        for case_id, checks in (recorder.get("checks") or {}).items():
            for check in checks:
                if check.get("status") != "failure":
                    continue
                failure = (check.get("failure_info") or {}).get("failure") or {}
                interaction = (recorder.get("interactions") or {}).get(case_id) or {}
                found.append(
                    {
                        "operation": failure.get("operation") or recorder.get("label", "?"),
                        "check": check.get("name", "?"),
                        "code": failure.get("code", ""),
                        "title": failure.get("title", ""),
                        "message": failure.get("message", ""),
                        "request": interaction.get("request") or {},
                        "response": interaction.get("response") or {},
                    }
                )
    return tested, found, errors


def decode(content: object) -> str:
    if isinstance(content, dict) and "$base64" in content:
        import base64

        return base64.b64decode(content["$base64"]).decode("utf-8", "replace")
    return "" if content is None else str(content)


def kind_of(failure: dict) -> str:
    """The key failures are grouped by: the check, and for statuses the status."""
    status = (failure["response"] or {}).get("status_code")
    if failure["check"] in ("status_code_conformance", "not_a_server_error", "unsupported_method",
                            "negative_data_rejection", "positive_data_acceptance", "missing_required_header",
                            "ignored_auth", "allow_header_conformance"):
        return f"{failure['check']} ({failure['code']} {failure['title']}): answered {status}"
    return f"{failure['check']} ({failure['code']} {failure['title']})"


def example(failure: dict) -> str:
    request, response = failure["request"], failure["response"]
    headers = " ".join(
        f"-H '{name}: {values[0] if isinstance(values, list) and values else values}'"
        for name, values in (request.get("headers") or {}).items()
        if name.lower() in ("content-type", "authorization")
    )
    body = decode(request.get("body"))[:200]
    data = f" -d '{body}'" if body else ""
    answer = decode(response.get("content"))[:240].replace("\n", " ")
    message = failure["message"].replace("\n", "; ")[:240]
    return (
        f"`curl -X {request.get('method', '?')} {headers}{data} '{request.get('uri', '?')}'` → "
        f"{response.get('status_code', '?')} `{answer}` ({message})"
    )


def summarise(out_dir: str) -> int:
    root = Path(out_dir)
    runs = []
    runs_file = root / "runs.tsv"
    if runs_file.exists():
        for line in runs_file.read_text().splitlines():
            name, code, seconds = line.split("\t")
            runs.append((name, int(code), seconds))
    lines = ["# schemathesis against madoguchi", ""]
    lines += ["| run | exit | seconds | operations tested | failed checks | distinct kinds | errors |", "|---|---|---|---|---|---|---|"]
    kinds: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    examples: dict[str, str] = {}
    all_errors: dict[str, set[str]] = defaultdict(set)
    failed = False
    for name, code, seconds in runs:
        events = root / name / "events.ndjson"
        tested, found, errors = failures_of_run(events) if events.exists() else (set(), [], [])
        failed = failed or code != 0 or bool(found) or bool(errors)
        run_kinds = {kind_of(f) for f in found}
        lines.append(f"| {name} | {code} | {seconds} | {len(tested)} | {len(found)} | {len(run_kinds)} | {len(errors)} |")
        for failure in found:
            kind = kind_of(failure)
            kinds[kind][failure["operation"]].add(name)
            examples.setdefault(kind, example(failure))
        for error in errors:
            all_errors[error].add(name)
    lines += ["", f"## Failures by kind ({len(kinds)})", ""]
    for kind, ops in sorted(kinds.items(), key=lambda kv: (-len(kv[1]), kv[0])):
        lines.append(f"### {kind} — {len(ops)} operation(s)")
        lines.append(f"- example: {examples[kind]}")
        for operation, names in sorted(ops.items()):
            lines.append(f"- {operation} ({', '.join(sorted(names))})")
        lines.append("")
    if all_errors:
        lines += [f"## Errors ({len(all_errors)})", ""]
        for error, names in sorted(all_errors.items()):
            lines.append(f"- {error} ({', '.join(sorted(names))})")
    text = "\n".join(lines) + "\n"
    (root / "summary.md").write_text(text)
    # The terminal gets the tables and the kinds, not every operation.
    print("\n".join(line for line in lines if not line.startswith("- ")))
    return 1 if failed else 0


def main(argv: list[str]) -> int:
    if len(argv) < 2:
        print(__doc__, file=sys.stderr)
        return 2
    command, args = argv[1], argv[2:]
    if command == "login" and len(args) == 4:
        return login(*args)
    if command == "create-user" and len(args) == 6:
        return create_user(*args)
    if command == "probe-methods" and len(args) == 3:
        return probe_methods(*args)
    if command == "summarise" and len(args) == 1:
        return summarise(*args)
    if command == "refusals" and len(args) == 1:
        return refusals(*args)
    if command == "rule-config" and len(args) in (1, 2):
        return rule_config(args[0], args[1:] == ["all"])
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv))
