"""How right ``extract`` is: accuracy per field against facts read by hand, and the same-event grouping's
pairwise precision and recall.

The facts file (JSON): ``{"files": {NAME: {field: expected, ...}}, "groups": [[NAME, ...], ...]}`` with the
contract's shape (see rightstrack/nlp/tests/data/articles-facts.json). Text fields compare folded, with
punctuation as spaces and a leading article dropped ("the Standing Office" = "Standing Office"); a list under
``kind`` accepts any of its values; units compare by code; presenting units as a set of codes (none when left
out); any other field a file's entry leaves out is not judged for that file.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from itertools import combinations
from pathlib import Path
from typing import Any

from rightstrack.core.text import fold
from rightstrack.nlp.events import group_meetings
from rightstrack.nlp.meeting import MeetingFacts


@dataclass
class Expected:
    files: dict[str, dict[str, Any]]
    groups: list[list[str]]


def load_expected(path: Path) -> Expected:
    data = json.loads(path.read_text(encoding="utf-8"))
    return Expected(files=dict(data["files"]), groups=[list(g) for g in data.get("groups", [])])


def _text(value: Any) -> Any:
    if not isinstance(value, str):
        return value
    words = fold(value, separators=True).split()
    return " ".join(words[1:] if words[:1] in (["the"], ["a"], ["an"]) else words)


def _get(data: Mapping[str, Any], path: str) -> Any:
    value: Any = data
    for key in path.split("."):
        value = value.get(key) if isinstance(value, Mapping) else None
    return value


def _states(data: Mapping[str, Any], path: str) -> bool:
    """Whether the facts file states ``path`` (a null is stated: "not in the text")."""
    value: Any = data
    for key in path.split("."):
        if not isinstance(value, Mapping) or key not in value:
            return False
        value = value[key]
    return True


def _code(unit: Any) -> Any:
    return unit.get("code") if isinstance(unit, Mapping) else unit


def _same(path: str, expected: Any, got: Any) -> bool:
    if path == "kind" and isinstance(expected, list):
        return got in expected
    if path.endswith("unit"):
        return _code(expected) == _code(got)
    if path == "presenting_units":
        return {_code(u.get("unit")) if isinstance(u, Mapping) else u for u in expected} == {
            _code(u.get("unit")) for u in got
        }
    if path == "date":
        return all(expected.get(k) == got.get(k) for k in ("year", "month", "day"))
    if path == "chair.name":
        return (expected or None) == (got or None)  # with its diacritics, exactly
    return _text(expected) == _text(got)


FIELDS = (
    "language", "kind", "title", "date", "place.unit", "place.current_unit", "chair.name", "chair.position",
    "organiser", "participants.count_units", "participants.count_people", "presenting_units",
)  # fmt: skip


def evaluate(expected: Expected, facts: Mapping[str, MeetingFacts]) -> dict[str, Any]:
    fields: dict[str, dict[str, Any]] = {}
    for path in FIELDS:
        right, wrong, total = 0, [], 0
        for name, wanted in expected.files.items():
            if path != "presenting_units" and not _states(wanted, path):
                continue  # a field the facts file leaves out is not judged
            total += 1
            got_facts = facts.get(name)
            got = _get(got_facts.as_contract(), path) if got_facts else None
            want = _get(wanted, path) if path != "presenting_units" else wanted.get("presenting_units", [])
            if got_facts is not None and _same(
                path, want, got if got is not None or path != "presenting_units" else []
            ):
                right += 1
            else:
                wrong.append({"file": name, "expected": want, "got": got})
        fields[path] = {
            "right": right,
            "total": total,
            "accuracy": right / total if total else 0.0,
            "wrong": wrong,
        }
    names = [name for name in expected.files if name in facts]
    groups = [[names[i] for i in group] for group in group_meetings([facts[n] for n in names])]
    grouping = pairwise(expected.groups, groups)
    overall = sum(f["right"] for f in fields.values()) / max(1, sum(f["total"] for f in fields.values()))
    return {"fields": fields, "overall": overall, "grouping": {**grouping, "groups": groups}}


def pairwise(expected: list[list[str]], found: list[list[str]]) -> dict[str, float]:
    """Pairwise precision and recall: of the pairs put together, how many belong together, and of the pairs
    that belong together, how many were put together. No pairs at all counts as 1.0."""

    def pairs(groups: list[list[str]]) -> set[frozenset[str]]:
        return {frozenset(pair) for group in groups for pair in combinations(group, 2)}

    want, got = pairs(expected), pairs(found)
    precision = len(want & got) / len(got) if got else 1.0
    recall = len(want & got) / len(want) if want else 1.0
    return {"precision": precision, "recall": recall, "pairs_expected": len(want), "pairs_found": len(got)}


def format_report(report: dict[str, Any], *, show: Callable[[Any], str] = json.dumps) -> str:
    lines = [f"{'field':<28} {'right':>5} {'of':>4} {'accuracy':>9}"]
    for path, figures in report["fields"].items():
        lines.append(f"{path:<28} {figures['right']:>5} {figures['total']:>4} {figures['accuracy']:>9.1%}")
    lines.append(f"{'all fields':<28} {'':>5} {'':>4} {report['overall']:>9.1%}")
    grouping = report["grouping"]
    lines.append(
        f"same-event grouping: pairwise precision {grouping['precision']:.1%}, "
        f"recall {grouping['recall']:.1%} "
        f"({grouping['pairs_found']} pairs found, {grouping['pairs_expected']} expected)"
    )
    for path, figures in report["fields"].items():
        for miss in figures["wrong"]:
            lines.append(
                f"  wrong {path} in {miss['file']}: "
                f"expected {show(miss['expected'])}, got {show(miss['got'])}"
            )
    return "\n".join(lines)
