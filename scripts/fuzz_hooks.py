"""schemathesis hooks of scripts/api-fuzz.sh (loaded through SCHEMATHESIS_HOOKS).

Some of the API's rules are beyond what JSON Schema can say: a period's end after its
start, a QR payload's layout, a file's content. An operation with such rules lists them
in the document under `x-rules` (each with the code it answers and the `field` it
names: `*` for any field of a payload the tenant lays out, none for the problem as a
whole), and its 422 answer describes them. For those operations the fuzz
harness lets schemathesis's `positive_data_acceptance` check take a 422; this check
then holds that 422 to the document: every error it names must carry a code and a field
the operation declares in `x-rules`. A schema-valid request refused for any other reason
is still a failure.

With FUZZ_REFUSALS_LOG set, every 422 answered to schema-valid data is also appended
to that file as one JSON line (operation, codes), to see which rules a run met.
"""

from __future__ import annotations

import json
import os
import re

import schemathesis


def _field(name: str) -> str:
    """`applicants.4.name_kana` -> `applicants.name_kana`: rules name fields, not items."""
    return ".".join(part for part in name.split(".") if part and not re.fullmatch(r"\d+", part))


def _refusals(response) -> tuple[str, list[str]]:
    """The 422's problem code, and its errors as `code (field)`."""
    try:
        body = response.json()
    except Exception:  # noqa: BLE001 - a 422 that is not JSON is itself a finding
        return "", ["(not JSON)"]
    if not isinstance(body, dict):
        return "", ["(not an object)"]
    errors = [e for e in body.get("errors") or [] if isinstance(e, dict)]
    found = [f"{e.get('code', '?')} ({_field(str(e.get('field', '')))})" for e in errors]
    return str(body.get("code", "")), found or [f"{body.get('code', '?')} ()"]


@schemathesis.check
def refusals_are_declared_rules(ctx, response, case):
    """A 422 to schema-valid data names only rules the operation declares in `x-rules`."""
    meta = case.meta
    if meta is None or response.status_code != 422 or not meta.generation.mode.is_positive:
        return None
    problem, codes = _refusals(response)
    log = os.environ.get("FUZZ_REFUSALS_LOG")
    if log:
        entry = {"operation": case.operation.label, "problem": problem, "codes": codes}
        line = (json.dumps(entry, ensure_ascii=False) + "\n").encode("utf-8")
        # One write() to a file opened O_APPEND: lines of workers writing at once never tear.
        fd = os.open(log, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
        try:
            os.write(fd, line)
        finally:
            os.close(fd)
    rules = case.operation.definition.raw.get("x-rules") or []
    # A rule with no field is the problem as a whole: a file's lines, each error naming
    # its line and column, are all that rule.
    if any(not rule.get("field") and rule.get("code") == problem for rule in rules):
        return None
    declared = {f"{rule.get('code')} ({rule.get('field')})" for rule in rules}
    # A rule for `*` stands for every field of a payload the tenant lays out (a QR code's).
    anywhere = {f"{rule.get('code')}" for rule in rules if rule.get("field") == "*"}
    undeclared = sorted({code for code in codes if code not in declared and code.split(" (")[0] not in anywhere})
    if undeclared:
        raise AssertionError(
            f"Schema-valid data refused with {', '.join(undeclared)}, which the operation does not declare "
            f"in `x-rules` (declared: {', '.join(sorted(declared)) or 'none'})"
        )
    return None
