"""`rightstrack report import-docx` and `rightstrack report export` from the command line."""

from __future__ import annotations

import io
import sys
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connections
from django.utils import translation
from docx import Document
from openpyxl import load_workbook

from rightstrack import cli
from rightstrack.core.models import AuditEntry
from rightstrack.reporting.choices import RevisionReason
from rightstrack.reporting.models import Report, ReportingCycle, ReportRevision
from rightstrack.reporting.services import report_save

from .api_helpers import PROVINCIAL_REPORT, docx_bytes
from .conftest import World


def run(*args: str) -> str:
    out = io.StringIO()
    with translation.override("en"):
        call_command(*args, stdout=out)
    return out.getvalue()


@pytest.fixture
def word_file(tmp_path: Path) -> Path:
    path = tmp_path / "Báo cáo Hà Nội.docx"
    path.write_bytes(docx_bytes(*PROVINCIAL_REPORT))
    return path


def state(report: Report) -> tuple[Any, ...]:
    report.refresh_from_db()
    sections = dict(report.sections.values_list("section__key", "html"))
    return (
        report.version,
        report.unplaced_html,
        sections,
        ReportRevision.objects.filter(report=report).count(),
    )


def test_the_console_command_maps_report_subcommands() -> None:
    assert cli._translate(["report", "import-docx", "a.docx", "--body", "x"]) == [
        "report_import_docx",
        "a.docx",
        "--body",
        "x",
    ]
    assert cli._translate(["report", "export", "--all"]) == ["report_export", "--all"]


# Import ------------------------------------------------------------------------------------------------


def test_a_dry_run_prints_the_plan_and_changes_nothing(
    world: World, cycle: ReportingCycle, report: Report, word_file: Path
) -> None:
    before, audit_rows = state(report), AuditEntry.objects.count()
    out = run(
        "report_import_docx", str(word_file), "--body", "bcd-hanoi", "--cycle", str(cycle.pk), "--dry-run"
    )
    assert "General situation ← I. Tình hình chung" in out
    assert "Education, training and public awareness of human rights ← 1. Giáo dục" in out
    assert "not placed ← Phụ lục ảnh hoạt động" in out
    assert "3 section(s) filled; 2 part(s) not placed" in out
    assert "Dry run: nothing was saved." in out
    assert state(report) == before and AuditEntry.objects.count() == audit_rows


def test_an_import_saves_the_sections_and_keeps_what_it_could_not_place(
    world: World, cycle: ReportingCycle, report: Report, word_file: Path
) -> None:
    out = run(
        "report_import_docx",
        str(word_file),
        "--body",
        "bcd-hanoi",
        "--cycle",
        str(cycle.pk),
        "--as",
        "hanoi",
    )
    assert "now at version 2" in out
    version, unplaced, sections, revisions = state(report)
    assert version == 2 and revisions == 1
    assert sections["situation"] == "<p>Tình hình kinh tế - xã hội ổn định.</p>"
    assert "3.200 lượt người" in sections["results-education"]
    assert sections["lessons"] == ""
    assert "ỦY BAN NHÂN DÂN TỈNH" in unplaced and "<h3>Phụ lục ảnh hoạt động</h3>" in unplaced
    revision = ReportRevision.objects.get(report=report)
    assert revision.reason == RevisionReason.IMPORT and revision.created_by == world.focal_hanoi
    entry = AuditEntry.objects.get(action="imported")
    assert entry.source == "import" and entry.actor_id == world.focal_hanoi.pk


def test_moves_send_parts_to_other_sections(
    world: World, cycle: ReportingCycle, report: Report, word_file: Path
) -> None:
    run(
        "report_import_docx",
        str(word_file),
        "--body",
        "bcd-hanoi",
        "--cycle",
        str(cycle.pk),
        "--move",
        "part-6=results-international",
    )
    _, unplaced, sections, _ = state(report)
    assert "Ảnh hội nghị tập huấn" in sections["results-international"]
    assert "Phụ lục" not in unplaced and "ỦY BAN NHÂN DÂN TỈNH" in unplaced


def test_a_pdf_renamed_docx_is_refused_with_a_non_zero_exit_and_nothing_changes(
    world: World, cycle: ReportingCycle, report: Report, tmp_path: Path, monkeypatch: Any, capsys: Any
) -> None:
    fake = tmp_path / "report.docx"
    fake.write_bytes(b"%PDF-1.7\n1 0 obj\n<<>>\nendobj\n%%EOF\n")
    before, audit_rows = state(report), AuditEntry.objects.count()
    monkeypatch.setattr(connections, "close_all", lambda: None)  # keep the test's transaction open
    monkeypatch.setattr(
        sys,
        "argv",
        ["rightstrack", "report", "import-docx", str(fake), "--body", "bcd-hanoi", "--cycle", str(cycle.pk)],
    )
    with translation.override("en"), pytest.raises(SystemExit) as exited:
        cli.main()
    assert exited.value.code not in (0, None)
    error = capsys.readouterr().err
    assert "Nothing was imported from report.docx" in error and "PDF" in error
    assert "Traceback" not in error
    assert state(report) == before and AuditEntry.objects.count() == audit_rows


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--body", "no-such-body"], "no body with the code"),
        (["--body", "bcd-quang-tri"], "has no report in cycle"),
        (["--body", "bcd-hanoi", "--as", "nobody"], "no active user"),
        (["--body", "bcd-hanoi", "--as", "hue"], "may not change the report"),
        (["--body", "bcd-hanoi", "--as", "reviewer"], "may not change the report"),
    ],
)
def test_wrong_bodies_users_and_permissions_are_refused(
    world: World, cycle: ReportingCycle, report: Report, word_file: Path, args: list[str], message: str
) -> None:
    before = state(report)
    with pytest.raises(CommandError, match=message):
        run("report_import_docx", str(word_file), "--cycle", str(cycle.pk), *args)
    assert state(report) == before


def test_a_submitted_report_is_not_overwritten(
    world: World, cycle: ReportingCycle, report: Report, word_file: Path
) -> None:
    from rightstrack.reporting.services import report_submit

    report_save(
        actor=world.focal_hanoi,
        report=report,
        expected_version=1,
        sections={"situation": "<p>Gửi.</p>"},
        figures={},
    )
    report_submit(actor=world.focal_hanoi, report=report)
    before = state(report)
    with pytest.raises(CommandError, match="can no longer be edited"):
        run("report_import_docx", str(word_file), "--body", "bcd-hanoi", "--cycle", str(cycle.pk))
    assert state(report) == before


# Export ------------------------------------------------------------------------------------------------


def test_export_writes_real_files_in_every_format(
    world: World, cycle: ReportingCycle, report: Report, hue_report: Report, tmp_path: Path
) -> None:
    report_save(
        actor=world.focal_hanoi,
        report=report,
        expected_version=1,
        sections={"situation": "<p>Tình hình ổn định.</p>"},
        figures={"awareness-sessions": "45", "poverty-rate": "2,5"},
    )
    report_save(
        actor=world.focal_hue,
        report=hue_report,
        expected_version=1,
        sections={},
        figures={"awareness-sessions": 7},
    )
    folder = tmp_path / "out" / "nested"  # created if missing

    out = run(
        "report_export", "--cycle", str(cycle.pk), "--format", "docx", "-o", str(folder), "--language", "en"
    )
    # Named in the site's words, whatever the labels' language.
    word = folder / "bao-cao-nhan-quyen-2025-01-2025-06-ha-noi.docx"
    assert f"Wrote {word}" in out and "2 file(s) written" in out
    errors = io.StringIO()  # the progress bar goes to stderr, the list of files to stdout
    with translation.override("en"):
        call_command(
            "report_export", "--cycle", str(cycle.pk), "--format", "docx", "-o", str(folder), stderr=errors
        )
    bar = errors.getvalue().splitlines()
    assert bar[0].startswith("[" + "." * 30 + "] 0/2 Writing 2 files…")
    assert bar[-1].startswith("[" + "#" * 30 + "] 2/2 Written: bcd-hue")
    texts = [p.text for p in Document(str(word)).paragraphs]
    assert "Tình hình ổn định." in texts and any("General situation" in t for t in texts)

    run("report_export", "--cycle", str(cycle.pk), "--format", "pdf", "-o", str(folder))
    for place in ("ha-noi", "hue"):
        assert (folder / f"bao-cao-nhan-quyen-2025-01-2025-06-{place}.pdf").read_bytes().startswith(b"%PDF")

    out = run("report_export", "--all", "--format", "xlsx", "-o", str(folder))
    workbook = folder / "bao-cao-nhan-quyen-2025-01-2025-06-so-lieu.xlsx"
    assert f"Wrote {workbook}" in out
    rows = list(load_workbook(workbook).active.iter_rows(values_only=True))
    by_code = {row[1]: row for row in rows[1:]}
    assert set(by_code) >= {"bcd-hanoi", "bcd-hue"}
    assert 45 in by_code["bcd-hanoi"] and 7 in by_code["bcd-hue"]
    total = rows[-1]
    assert 52 in total  # awareness sessions add up across provinces


def test_export_refuses_an_unknown_cycle_and_needs_a_choice(tmp_path: Path, db: Any) -> None:
    with pytest.raises(CommandError, match="no reporting cycle 999"):
        run("report_export", "--cycle", "999", "--format", "docx", "-o", str(tmp_path))
    with pytest.raises(CommandError):
        run("report_export", "--format", "docx", "-o", str(tmp_path))
    assert not any(tmp_path.iterdir())
