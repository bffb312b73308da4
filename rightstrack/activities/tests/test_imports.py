"""Spreadsheet import, on real .xlsx files made with openpyxl: every bad input is reported by row and column
and nothing is saved; a dry run saves nothing; a correct file is saved whole."""

from __future__ import annotations

import datetime
import io
from collections.abc import Callable
from typing import Any

import openpyxl
import pytest
from django.core.exceptions import ValidationError

from rightstrack.activities.imports import activities_import_xlsx, template_xlsx
from rightstrack.activities.models import Activity
from rightstrack.activities.tests.conftest import HEADERS, good_row
from rightstrack.core.models import AuditEntry
from tests.world import Activities, World

Book = Callable[..., io.BytesIO]


def run(world: World, file: io.BytesIO, *, dry_run: bool = False, body: Any = None) -> Any:
    return activities_import_xlsx(
        actor=world.focal_a, body=body or world.committee_a, file=file, dry_run=dry_run
    )


def errors_at(report: Any) -> set[tuple[int, str]]:
    return {(e["row"], e["letter"]) for e in report.errors}


def test_a_correct_file_is_imported_whole(world: World, xlsx: Book) -> None:
    file = xlsx([good_row(topic=f"Buổi {n}", participants=n) for n in range(1, 31)])
    report = run(world, file)
    assert report.ok and report.saved and report.created == 30
    assert Activity.objects.filter(body=world.committee_a, topic__startswith="Buổi ").count() == 30
    saved = Activity.objects.get(topic="Buổi 7")
    assert saved.participants == 7 and saved.kind == "awareness"
    assert {g.code for g in saved.audiences.all()} == {"women", "children"}


def test_a_dry_run_shows_the_rows_and_saves_nothing(world: World, xlsx: Book) -> None:
    audit = AuditEntry.objects.count()
    report = run(world, xlsx([good_row(), good_row(topic="Khác")]), dry_run=True)
    assert report.ok and not report.saved
    assert [r["topic"] for r in report.rows] == ["Tuyên truyền pháp luật", "Khác"]
    assert report.rows[0]["date"] == "01/06/2025" and report.rows[0]["row"] == 2
    assert not Activity.objects.filter(topic="Khác").exists()
    assert AuditEntry.objects.count() == audit


def test_missing_columns_are_named_and_nothing_is_read(world: World, xlsx: Book) -> None:
    headers = [h for h in HEADERS if not h.startswith(("Chủ đề", "Số người"))]
    with pytest.raises(ValidationError) as refused:
        run(world, xlsx([["01/06/2025", None, "Tập huấn", 3, "", ""]], headers=headers))
    text = " ".join(refused.value.messages)
    assert "Chủ đề / Topic" in text and "Số người tham dự / Participants" in text
    assert "Row 1" in text


def test_headers_in_english_only_or_without_diacritics_are_found(world: World, xlsx: Book) -> None:
    headers = ["date", "KIND", "Chu de", "participants"]
    report = run(world, xlsx([[datetime.date(2025, 1, 9), "Training", "Tập huấn A", 12]], headers=headers))
    assert report.saved and Activity.objects.get(topic="Tập huấn A").kind == "training"


def test_text_in_number_columns_is_reported_by_row_and_column(world: World, xlsx: Book) -> None:
    rows = [good_row(), good_row(topic="B", participants="khoảng 50"), good_row(topic="C", participants=12.5)]
    rows[0][5] = "mười"
    report = run(world, xlsx(rows))
    assert errors_at(report) == {(2, "F"), (3, "E"), (4, "E")}
    assert "whole number" in report.errors[0]["message"]
    assert report.errors[0]["text"].startswith(
        "Row 2, column F (Số cán bộ được tập huấn / Officials trained)"
    )
    assert not report.saved and not Activity.objects.filter(topic__in=["B", "C"]).exists()


def test_grouped_thousands_in_text_are_numbers(world: World, xlsx: Book) -> None:
    report = run(world, xlsx([good_row(participants="1.200"), good_row(topic="B", participants="2 500")]))
    assert report.saved
    assert sorted(
        Activity.objects.filter(date=datetime.date(2025, 6, 1)).values_list("participants", flat=True)
    ) == [
        1200,
        2500,
    ]


def test_three_date_formats_and_real_dates_are_read(world: World, xlsx: Book) -> None:
    rows = [
        good_row(day="15/03/2025", topic="dd/mm/yyyy"),
        good_row(day="2025-03-16", topic="yyyy-mm-dd"),
        good_row(day=45733, topic="serial"),  # 17 March 2025 in Excel's count
        good_row(day="45734", topic="serial as text"),
        good_row(day=datetime.datetime(2025, 3, 19, 0, 0), topic="a date cell"),  # noqa: DTZ001 - Excel has no zones
    ]
    report = run(world, xlsx(rows))
    assert report.saved, report.errors
    days = dict(
        Activity.objects.filter(
            body=world.committee_a, date__month=3, date__year=2025, date__day__gte=15
        ).values_list("topic", "date")
    )
    assert days["dd/mm/yyyy"] == datetime.date(2025, 3, 15)
    assert days["yyyy-mm-dd"] == datetime.date(2025, 3, 16)
    assert days["serial"] == datetime.date(2025, 3, 17)
    assert days["serial as text"] == datetime.date(2025, 3, 18)
    assert days["a date cell"] == datetime.date(2025, 3, 19)


def test_other_date_formats_say_which_row_failed(world: World, xlsx: Book) -> None:
    rows = [good_row(), good_row(day="March 5, 2025", topic="B"), good_row(day="31/02/2025", topic="C")]
    report = run(world, xlsx(rows))
    assert errors_at(report) == {(3, "A"), (4, "A")}
    assert "dd/mm/yyyy" in report.errors[0]["message"]
    assert not report.saved and not Activity.objects.filter(topic="Tuyên truyền pháp luật").exists()


def test_duplicate_rows_in_the_file_are_reported(world: World, xlsx: Book) -> None:
    report = run(world, xlsx([good_row(), good_row(topic="B"), good_row()]))
    assert [(e["row"], e["letter"]) for e in report.errors] == [(4, "")]
    assert "row 1" in report.errors[0]["message"]
    assert not report.saved


def test_rows_already_recorded_are_reported(world: World, activities: Activities, xlsx: Book) -> None:
    existing = activities.a_training
    row = [existing.date.strftime("%d/%m/%Y"), None, "Tập huấn", existing.topic, 1, 1, "", ""]
    report = run(world, xlsx([good_row(), row]))
    assert [e["row"] for e in report.errors] == [3]
    assert "Already recorded" in report.errors[0]["message"]
    assert not Activity.objects.filter(topic="Tuyên truyền pháp luật").exists()


def test_unknown_kinds_audiences_and_empty_cells_are_reported(world: World, xlsx: Book) -> None:
    rows = [good_row(), good_row(topic="B"), good_row(topic="C"), good_row(topic="")]
    rows[0][2] = "Hội thảo"
    rows[1][6] = "Thanh niên"
    rows[2][0] = None
    report = run(world, xlsx(rows))
    assert errors_at(report) == {(2, "C"), (3, "G"), (4, "A"), (5, "D")}


def test_a_file_that_is_not_a_workbook_is_refused(world: World) -> None:
    file = io.BytesIO(b"%PDF-1.4\n%%EOF\n")
    with pytest.raises(ValidationError):
        run(world, file)


def test_a_body_outside_scope_is_not_found(world: World, xlsx: Book) -> None:
    from django.http import Http404

    with pytest.raises(Http404):
        run(world, xlsx([good_row()]), body=world.committee_b)


def test_the_template_reads_back_as_its_example(world: World) -> None:
    book = openpyxl.load_workbook(io.BytesIO(template_xlsx()))
    headers = [cell.value for cell in next(book.active.iter_rows(max_row=1))]  # type: ignore[union-attr]
    assert headers[0] == "Ngày / Date" and "Participants" in headers[5]
    report = run(world, io.BytesIO(template_xlsx()), dry_run=True)
    assert report.ok, report.errors
    assert report.rows[0]["participants"] == 120


def test_audience_groups_split_at_semicolons_and_commas_but_keep_names_with_commas(
    world: World, xlsx: Book
) -> None:
    rows = [good_row(topic="A"), good_row(topic="B"), good_row(topic="C")]
    rows[0][6] = "Cán bộ, công chức; Phụ nữ"
    rows[1][6] = "Phụ nữ, Trẻ em"
    rows[2][6] = "officials\nchildren"
    report = run(world, xlsx(rows))
    assert report.saved, report.errors
    codes = {
        a.topic: sorted(g.code for g in a.audiences.all()) for a in Activity.objects.filter(topic__in="ABC")
    }
    assert codes == {"A": ["officials", "women"], "B": ["children", "women"], "C": ["children", "officials"]}
