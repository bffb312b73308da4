"""Importing communes from a user's CSV: all rows or none, every problem reported with its line."""

from __future__ import annotations

import datetime
import io
from pathlib import Path

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import translation

from rightstrack.accounts.models import User
from rightstrack.core.context import action_context
from rightstrack.core.models import AuditEntry
from rightstrack.places.choices import UnitLevel
from rightstrack.places.models import AdministrativeUnit, UnitQuerySet, UnitSuccession
from rightstrack.places.services import CommuneImportError, communes_import, unit_create, unit_update

REFORM_DAY = datetime.date(2025, 7, 1)
GOOD = """code,name,province,kind,valid_from,valid_to,successor_codes,legal_basis
26734,Phường Bến Thành,Hồ Chí Minh,,2025-07-01,,,
26740,Sài Gòn,TP.HCM,phường,2025-07-01,,,
26500,Phường Vũng Tàu,Bà Rịa - Vũng Tàu,,01/01/2020,2025-06-30,26506,Nghị quyết 1685/NQ-UBTVQH15
26506,Phường Vũng Tàu,79,,2025-07-01,,,
"""


def communes() -> UnitQuerySet:
    return AdministrativeUnit.objects.filter(level=UnitLevel.COMMUNE)


def new_province(code: str) -> AdministrativeUnit:
    return AdministrativeUnit.objects.get(level=UnitLevel.PROVINCE, code=code, valid_from=REFORM_DAY)


def run_import(tmp_path: Path, text: str | bytes, *args: str) -> str:
    path = tmp_path / "communes.csv"
    path.write_bytes(text.encode("utf-8") if isinstance(text, str) else text)
    out = io.StringIO()
    with translation.override("en"):
        call_command("import_communes", str(path), *args, stdout=out)
    return out.getvalue()


def refused(tmp_path: Path, text: str | bytes, *args: str) -> str:
    audit_rows, units = AuditEntry.objects.count(), AdministrativeUnit.objects.count()
    with pytest.raises(CommandError) as caught:
        run_import(tmp_path, text, *args)
    assert AuditEntry.objects.count() == audit_rows, "an audit row was written"
    assert AdministrativeUnit.objects.count() == units, "a unit was created"
    message = str(caught.value)
    assert message.startswith("Nothing was imported")
    return message


def test_a_good_file_creates_communes_successions_and_audit_rows(vietnam: dict, tmp_path: Path) -> None:
    audit_rows = AuditEntry.objects.count()
    output = run_import(tmp_path, GOOD)
    assert "Imported 4 commune(s) and 1 succession(s)." in output
    ben_thanh = communes().get(code="26734")
    assert (ben_thanh.name, ben_thanh.kind, ben_thanh.parent) == ("Bến Thành", "phường", new_province("79"))
    old_vung_tau = communes().get(code="26500")
    assert old_vung_tau.valid_from == datetime.date(2020, 1, 1)
    assert old_vung_tau.parent is not None and old_vung_tau.parent.code == "77"  # the province of its time
    succession = UnitSuccession.objects.get(predecessor=old_vung_tau)
    assert succession.successor == communes().get(code="26506")
    assert succession.effective_on == REFORM_DAY and succession.legal_basis.startswith("Nghị quyết")
    created = AuditEntry.objects.filter(action="create", source="import").count()
    assert AuditEntry.objects.count() - audit_rows == created == 5


def test_a_dry_run_checks_everything_and_imports_nothing(vietnam: dict, tmp_path: Path) -> None:
    audit_rows = AuditEntry.objects.count()
    output = run_import(tmp_path, GOOD, "--dry-run")
    assert "Dry run: 4 commune(s) and 1 succession(s) would be imported" in output
    assert not communes().exists()
    assert AuditEntry.objects.count() == audit_rows


def test_valid_from_option_dates_rows_and_province_lookup(vietnam: dict, tmp_path: Path) -> None:
    run_import(
        tmp_path, "code,name,province\n27001,Xã Long Hải,Bà Rịa - Vũng Tàu\n", "--valid-from", "2024-01-01"
    )
    unit = communes().get(code="27001")
    assert unit.valid_from == datetime.date(2024, 1, 1) and unit.parent is not None
    assert unit.parent.valid_to == datetime.date(2025, 6, 30)


def test_semicolons_bom_and_extra_columns_are_accepted(vietnam: dict, tmp_path: Path) -> None:
    text = "\ufeffCode;Name;Province;Notes\n27002;Xã Bình Châu;79;ghi chú\n"
    output = run_import(tmp_path, text, "--valid-from", "2025-07-01")
    assert "Ignored column(s): notes" in output
    assert communes().filter(code="27002", name="Bình Châu", kind="xã").exists()


BAD_ROWS = {
    "unknown province": ("27100,Xã A,Tỉnh Không Có", "the province “Tỉnh Không Có” is unknown"),
    "province that had ended": ("27101,Xã B,Bà Rịa - Vũng Tàu", "did not exist on 2026-01-01"),
    "valid_to before valid_from": ("27102,Xã C,79,2026-01-01,2025-12-31", "cannot end before it starts"),
    "bad date": ("27103,Xã D,79,31-12-2025", "is not a date"),
    "missing name": ("27104,,79", "the name is missing"),
    "unknown province code": ("27105,Xã E,99", "no province has the code 99"),
    "successor without valid_to": ("27106,Xã F,79,,,27000", "successor_codes need a valid_to"),
}


@pytest.mark.parametrize("case", sorted(BAD_ROWS))
def test_one_bad_row_refuses_the_whole_file_and_names_its_line(
    vietnam: dict, tmp_path: Path, case: str
) -> None:
    row, expected = BAD_ROWS[case]
    text = "code,name,province,valid_from,valid_to,successor_codes\n27001,Xã Tốt,79,2026-01-01\n" + row + "\n"
    if row.count(",") == 2:
        text = text.replace(row, row + ",2026-01-01")
    message = refused(tmp_path, text)
    assert "Line 3" in message and expected in message
    assert "Line 2" not in message


def test_a_duplicate_code_in_the_file_is_refused_at_its_line(vietnam: dict, tmp_path: Path) -> None:
    text = "code,name,province\n27200,Xã G,79\n27201,Xã H,79\n27200,Xã G bis,79\n"
    message = refused(tmp_path, text, "--valid-from", "2025-07-01")
    assert "Line 4 (code 27200)" in message and "already uses this code in the same period" in message


def test_a_code_already_in_the_database_is_refused(vietnam: dict, tmp_path: Path) -> None:
    unit_create(
        code="27300", name="Có sẵn", level=UnitLevel.COMMUNE, parent=new_province("79"), valid_from=REFORM_DAY
    )
    message = refused(tmp_path, "code,name,province\n27300,Xã I,79\n", "--valid-from", "2025-07-01")
    assert "Line 2 (code 27300)" in message


def test_every_problem_is_reported_at_once(vietnam: dict, tmp_path: Path) -> None:
    text = "code,name,province\n27400,Xã J,Nowhere\n27401,Xã K,79\n,Xã L,79\n"
    message = refused(tmp_path, text, "--valid-from", "2025-07-01")
    assert "2 problem(s)" in message and "Line 2" in message and "Line 4" in message


def test_a_file_that_is_not_utf8_is_refused_with_the_line(vietnam: dict, tmp_path: Path) -> None:
    text = "code,name,province\n27500,Xa M,79\n27501,Xã Tân Phú,79\n".encode("cp1252")  # an old Excel export
    message = refused(tmp_path, text, "--valid-from", "2025-07-01")
    assert "Line 3" in message and "not UTF-8" in message


def test_a_missing_column_is_refused_on_line_1(vietnam: dict, tmp_path: Path) -> None:
    message = refused(tmp_path, "code,name\n27600,Xã N\n")
    assert "Line 1" in message and "missing column(s): province" in message


def test_empty_files_and_overlong_lines_are_refused(vietnam: dict, tmp_path: Path) -> None:
    assert "the file is empty" in refused(tmp_path, "")
    assert "the file has a header but no communes" in refused(tmp_path, "code,name,province\n\n")
    assert "Line 2" in refused(tmp_path, "code,name,province\n27700,Xã O,79,extra\n")


def test_an_unreadable_path_is_a_clear_error(db: None, tmp_path: Path) -> None:
    with translation.override("en"), pytest.raises(CommandError, match="Cannot read"):
        call_command("import_communes", str(tmp_path / "missing.csv"))


def test_the_service_reports_structured_errors(vietnam: dict) -> None:
    with pytest.raises(CommuneImportError) as caught:
        communes_import(data=b"code,name,province\n1,A,Nowhere\n2,B,Nowhere\n", valid_from=REFORM_DAY)
    assert [e.line for e in caught.value.errors] == [2, 3]
    assert [e.code for e in caught.value.errors] == ["1", "2"]


def test_importing_needs_the_administrators_permission(vietnam: dict, focal_point: User) -> None:
    with pytest.raises(PermissionDenied):
        communes_import(data=b"code,name,province\n1,A,79\n", actor=focal_point)


def test_unit_create_refuses_a_duplicate_code_and_changes_nothing(vietnam: dict, admin_user: User) -> None:
    audit_rows, units = AuditEntry.objects.count(), AdministrativeUnit.objects.count()
    with pytest.raises(ValidationError) as caught:
        unit_create(
            actor=admin_user,
            code="79",
            name="Hồ Chí Minh 2",
            level=UnitLevel.PROVINCE,
            valid_from=datetime.date(2026, 1, 1),
        )
    with translation.override("en"):
        assert "already uses this code in the same period" in str(caught.value.message_dict["code"])
    with translation.override("vi"):
        assert "cùng thời kỳ" in str(caught.value.message_dict["code"])
    assert (AuditEntry.objects.count(), AdministrativeUnit.objects.count()) == (audit_rows, units)


def test_unit_create_and_update_are_audited_and_permission_checked(
    vietnam: dict, admin_user: User, focal_point: User
) -> None:
    with pytest.raises(PermissionDenied):
        unit_create(actor=focal_point, code="28000", name="X", level=UnitLevel.COMMUNE)
    with action_context(source="web"):
        unit = unit_create(
            actor=admin_user,
            code="28000",
            name="Xã Mới",
            level=UnitLevel.COMMUNE,
            parent=new_province("79"),
            valid_from=REFORM_DAY,
        )
        unit_update(actor=admin_user, unit=unit, name_en="New Commune")
        unit_update(actor=admin_user, unit=unit, name_en="New Commune")  # no change, no record
    entries = AuditEntry.objects.filter(object_id=str(unit.pk), actor=admin_user, source="web")
    assert list(entries.order_by("pk").values_list("action", flat=True)) == ["create", "update"]
    with pytest.raises(PermissionDenied):
        unit_update(actor=focal_point, unit=unit, name="Khác")
    with pytest.raises(TypeError):
        unit_update(actor=admin_user, unit=unit, match_key="x")
