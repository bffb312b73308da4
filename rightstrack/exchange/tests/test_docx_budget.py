"""No Word file can take a worker down: the reader refuses what is over its budget before or while parsing,
with a clear message, and the memory it takes stays bounded (measured in a fresh process)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from rightstrack.exchange import docx_reader
from rightstrack.exchange.docx_reader import parse_docx
from rightstrack.exchange.tests import files

MB = 1024 * 1024
ROOT = Path(__file__).resolve().parents[3]

# Parses the file named on the command line and prints the peak RSS above the RSS before parsing (Linux's
# VmHWM, reset through /proc/self/clear_refs: the project runs on Linux), so what the test process did
# before cannot hide a peak.
_CHILD = """
import json, sys
import django
django.setup()
from django.core.exceptions import ValidationError
from rightstrack.exchange.docx_reader import parse_docx

def kilobytes(field):
    for line in open("/proc/self/status"):
        if line.startswith(field):
            return int(line.split()[1])

data = open(sys.argv[1], "rb").read()
open("/proc/self/clear_refs", "w").write("5")
before = kilobytes("VmRSS:")
try:
    outcome = f"{len(parse_docx(data).blocks)} blocks"
except ValidationError as error:
    outcome = error.code
print(json.dumps({"peak_mb": (kilobytes("VmHWM:") - before) / 1024, "outcome": outcome}))
"""


def _peak(data: bytes, tmp_path: Path) -> dict[str, Any]:
    path = tmp_path / "document.docx"
    path.write_bytes(data)
    result = subprocess.run(
        [sys.executable, "-c", _CHILD, str(path)], capture_output=True, text=True, check=True, cwd=ROOT
    )
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_a_crafted_document_is_refused_with_flat_memory(tmp_path: Path) -> None:
    """A 1.5 MB file whose document part is 31 MB of 400,000 tiny bold runs in one paragraph (the shape of
    the file of issue 8, under the per-part limit): refused by the streaming count, memory barely moves."""
    crafted = files.many_runs(paragraphs=1, runs=400_000)
    assert len(crafted) < 2 * MB
    measured = _peak(crafted, tmp_path)
    assert measured["outcome"] == "too_complex"
    assert measured["peak_mb"] < 40  # parsed whole, the same file took ~350 MB before the budget


def test_a_large_document_within_the_budget_is_read_in_bounded_memory(tmp_path: Path) -> None:
    large = files.many_runs(paragraphs=5, runs=10_000)  # 50,000 runs, 200,000 elements
    measured = _peak(large, tmp_path)
    assert measured["outcome"] == "6 blocks"  # the heading and five paragraphs
    assert measured["peak_mb"] < 100


def test_the_limits_on_paragraphs_runs_and_characters_hold_while_walking(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    data = files.many_runs(paragraphs=3, runs=50)
    for limit, value in (("MAX_PARAGRAPHS", 2), ("MAX_RUNS", 100), ("MAX_CHARACTERS", 300)):
        with monkeypatch.context() as patch:
            patch.setattr(docx_reader, limit, value)
            with pytest.raises(ValidationError) as error:
                parse_docx(data)
            assert error.value.code == "too_complex"
    assert len(parse_docx(data).blocks) == 4


def test_the_walk_stops_at_its_time_limit(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(docx_reader, "PARSE_SECONDS", -1.0)
    monkeypatch.setattr(docx_reader, "_CHECK_EVERY", 1)
    with pytest.raises(ValidationError) as error:
        parse_docx(files.many_runs(paragraphs=2, runs=10))
    assert error.value.code == "too_complex"


def test_the_refusal_says_what_to_do() -> None:
    with translation.override("en"), pytest.raises(ValidationError) as error:
        parse_docx(files.many_runs(paragraphs=1, runs=400_000))
    assert "Split it into smaller documents" in error.value.messages[0]
