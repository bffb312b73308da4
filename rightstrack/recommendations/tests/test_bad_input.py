"""Bad files of recommendations, each a real file on disk, imported through the command line (the whole
path: size and content checks, reading, the dry run, the apply): the report says what is wrong and where
(row, column), in the user's language, and nothing is applied."""

from __future__ import annotations

import io
import tracemalloc
import zipfile
from pathlib import Path

import docx
import pytest
from django.core.exceptions import ValidationError
from django.core.files import File
from django.core.management import CommandError, call_command
from django.utils import translation

from rightstrack.core.jobs.models import Job
from rightstrack.exchange.tests.test_un_recommendations import HEADERS, ROWS, csv_text, to_cp1258, xlsx_bytes
from rightstrack.recommendations import services
from rightstrack.recommendations.models import Recommendation
from tests.world import World


def import_cli(path: Path, *args: str, language: str = "en") -> tuple[str, str]:
    """Run the import; (what it printed, why it refused); it must refuse."""
    out = io.StringIO()
    with translation.override(language), pytest.raises(CommandError) as caught:
        call_command("recommendations_import", str(path), *args, stdout=out, stderr=io.StringIO())
    return out.getvalue(), str(caught.value)


@pytest.fixture
def nothing_applied(world: World):  # type: ignore[no-untyped-def]
    before = Recommendation.objects.count()
    yield
    assert Recommendation.objects.count() == before


pytestmark = pytest.mark.usefixtures("nothing_applied")


def test_a_300_mb_file_is_refused_by_its_size_before_it_is_read(world: World, tmp_path: Path) -> None:
    huge = tmp_path / "uhri.csv"
    with huge.open("wb") as handle:  # sparse: 300 MB that take no disk
        handle.write(b"Text,Reccomending Body\n")
        handle.truncate(300 * 1024 * 1024)
    tracemalloc.start()
    printed, why = import_cli(huge, language="vi")
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert "300 MB" in why and "256 MB" in why and "Chưa nhập" in why
    assert peak < 20 * 1024 * 1024  # never read into memory
    jobs = Job.objects.count()
    with huge.open("rb") as handle, pytest.raises(ValidationError) as caught:
        services.import_start(
            actor=world.secretariat,
            file=File(handle, name="uhri.csv"),
            owner=world.national,
            max_bytes=64 << 20,
        )
    assert "300 MB" in caught.value.message_dict["file"][0]
    assert Job.objects.count() == jobs  # refused before any job


def test_a_workbook_with_a_broken_sheet_is_refused_as_damaged(world: World, tmp_path: Path) -> None:
    good = io.BytesIO(xlsx_bytes(HEADERS, ROWS))
    broken = io.BytesIO()
    with zipfile.ZipFile(good) as source, zipfile.ZipFile(broken, "w") as target:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                data = data[: len(data) // 2] + b'<row r="9"><c r="A9" t="s"><v>oops'  # cut off mid-row
            target.writestr(item, data)
    path = tmp_path / "uhri.xlsx"
    path.write_bytes(broken.getvalue())
    printed, why = import_cli(path, language="vi")
    assert "hỏng" in why  # "damaged", in Vietnamese


def test_renamed_columns_are_named_with_the_columns_found(world: World, tmp_path: Path) -> None:
    renamed = [{"Text": "Nội dung", "Reccomending Body": "Cơ quan"}.get(h, h) for h in HEADERS]
    path = tmp_path / "uhri.xlsx"
    path.write_bytes(xlsx_bytes(renamed, ROWS))
    printed, why = import_cli(path, language="vi")
    assert "Dòng 1, cột “Text”" in printed and "Nội dung" in printed
    assert "Reccomending Body" in printed and "Cơ quan" in printed
    assert "2 lỗi" in why or "2" in why


def test_a_windows_1258_csv_names_the_bad_cell_in_readable_vietnamese(world: World, tmp_path: Path) -> None:
    rows = [ROWS[0], [*ROWS[1][:6], "ngày mai", *ROWS[1][7:]]]
    path = tmp_path / "uhri.csv"
    path.write_bytes(to_cp1258(csv_text(HEADERS, rows)))
    printed, why = import_cli(path)
    assert "(Windows-1258)" in printed
    assert "Row 3, column “Document Publication Date”: “ngày mai” is not a date" in printed


def test_a_utf16_csv_with_one_id_twice_names_both_rows(world: World, tmp_path: Path) -> None:
    rows = [ROWS[0], [*ROWS[1][:10], "a1b2c3", *ROWS[1][11:]]]
    path = tmp_path / "uhri.csv"
    path.write_bytes(csv_text(HEADERS, rows).encode("utf-16"))
    printed, why = import_cli(path)
    assert "(UTF-16)" in printed
    assert "Row 3, column “OHCHR Annotation Id”: The id “a1b2c3” is also on row 2" in printed


def test_a_number_repeated_with_another_text_is_refused(world: World, tmp_path: Path) -> None:
    path = tmp_path / "list.md"
    path.write_text(
        "# 48th UPR session - Viet Nam - Thematic list\n\n"
        "140.9 Ratify the Convention (Chile);\nSource of position: A/HRC/58/6/Add.1 - Para. 3\nSupported\n"
        "- A12 Acceptance of international norms\n\n"
        "140.9 Strengthen legal aid (Peru);\nSource of position: A/HRC/58/6/Add.1 - Para. 3\nNoted\n"
        "- D7 Access to justice\n",
        encoding="utf-8",
    )
    printed, why = import_cli(path, "--session", "48")
    assert (
        "Row 8, column “Recommendation”: Recommendation 140.9 appears again with a different text" in printed
    )


def test_a_word_document_that_is_not_a_thematic_list_says_what_to_import(
    world: World, tmp_path: Path
) -> None:
    document = docx.Document()
    document.add_paragraph("Báo cáo kết quả công tác nhân quyền năm 2024")
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text, table.cell(0, 1).text = "Tỉnh", "Số lớp tập huấn"
    path = tmp_path / "bao-cao.docx"
    document.save(str(path))
    printed, why = import_cli(path, language="vi")
    assert "không phải" in why and "UHRI" in why


def test_a_file_with_only_its_header_holds_no_recommendation(world: World, tmp_path: Path) -> None:
    path = tmp_path / "uhri.csv"
    path.write_text(",".join(HEADERS) + "\n", encoding="utf-8")
    printed, why = import_cli(path)
    assert "The file holds no recommendation." in printed


def test_a_word_document_with_a_broken_body_is_refused_as_damaged(world: World, tmp_path: Path) -> None:
    document = docx.Document()
    document.add_paragraph("Thematic list of recommendations")
    good = io.BytesIO()
    document.save(good)
    broken = io.BytesIO()
    with zipfile.ZipFile(good) as source, zipfile.ZipFile(broken, "w") as target:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "word/document.xml":
                data = data[: len(data) // 2]
            target.writestr(item, data)
    path = tmp_path / "list.docx"
    path.write_bytes(broken.getvalue())
    printed, why = import_cli(path)
    assert "This Word document is damaged and cannot be read" in why


def test_a_csv_line_that_cannot_be_read_is_named_by_its_line(world: World, tmp_path: Path) -> None:
    rows = [ROWS[0], [*ROWS[1][:7], "x" * 200_000, *ROWS[1][8:]]]  # past the CSV reader's field limit
    path = tmp_path / "uhri.csv"
    path.write_text(csv_text(HEADERS, rows), encoding="utf-8")
    printed, why = import_cli(path)
    assert "Row 6: The CSV text cannot be read at line 6" in printed  # the first row spans lines 2–5
