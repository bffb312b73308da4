"""The shipped communes of 1 July 2025: the data file as built, and the loader (all or some provinces)."""

from __future__ import annotations

import datetime
import io
import json
import re
import unicodedata
from pathlib import Path
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command
from django.db import connection
from django.db.models import Count
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from rightstrack.accounts.models import User
from rightstrack.core.models import AuditEntry
from rightstrack.places.choices import UnitLevel
from rightstrack.places.models import AdministrativeUnit
from rightstrack.places.normalize import fold
from rightstrack.places.services import (
    COMMUNES_2025_FILE,
    DATA_FILE,
    communes_2025_data,
    communes_import,
    communes_load_2025,
)

DATA_DIR = COMMUNES_2025_FILE.parent
REFORM_DAY = datetime.date(2025, 7, 1)
KINDS = {"phường", "xã", "đặc khu"}


def data() -> dict[str, Any]:
    return communes_2025_data()


def communes() -> Any:
    return AdministrativeUnit.objects.filter(level=UnitLevel.COMMUNE, valid_from=REFORM_DAY)


# The data file ---------------------------------------------------------------------------------------------


def test_every_one_of_the_34_provinces_has_communes_and_no_other_province_does() -> None:
    provinces = {p["code"] for p in json.loads(DATA_FILE.read_text(encoding="utf-8"))["provinces_2025"]}
    rows = data()["communes"]
    per_province: dict[str, int] = {}
    for row in rows:
        per_province[row["province"]] = per_province.get(row["province"], 0) + 1
    assert len(provinces) == 34
    assert set(per_province) == provinces
    assert min(per_province.values()) >= 1
    assert per_province == data()["about"]["count_by_province"]


def test_codes_are_unique_five_digit_codes_and_names_are_clean() -> None:
    rows = data()["communes"]
    codes = [row["code"] for row in rows]
    assert len(set(codes)) == len(codes)
    assert all(re.fullmatch(r"\d{5}", code) for code in codes)
    for row in rows:
        assert row["kind"] in KINDS, row
        assert row["name"] == row["name"].strip() and row["name"], row
        assert unicodedata.is_normalized("NFC", row["name"]), row
        # The kind word lives in ``kind``, not at the head of the name.
        assert not any(row["name"].lower().startswith(k + " ") for k in KINDS), row


def test_the_total_is_the_packages_figure_recorded_at_build_time() -> None:
    """The README records what vietnamadminunits carried when the file was built; the file holds it all."""
    readme = (DATA_DIR / "README.md").read_text(encoding="utf-8")
    recorded = re.search(r"2025 \(34-province\) dataset: 34 provinces, (\d+) communes", readme)
    assert recorded is not None
    total = len(data()["communes"])
    assert total == int(recorded.group(1)) == data()["about"]["count"]
    assert f"holds the {total} communes" in readme


def test_source_licence_and_start_date_are_recorded_beside_the_data() -> None:
    about = data()["about"]
    assert about["valid_from"] == REFORM_DAY.isoformat()
    assert about["source"].startswith("vietnamadminunits ") and about["licence"] == "MIT"
    licence = (DATA_DIR / about["licence_file"]).read_text(encoding="utf-8")
    assert "MIT License" in licence and "Permission is hereby granted" in licence
    assert about["licence_file"] in (DATA_DIR / "README.md").read_text(encoding="utf-8")


# The loader -----------------------------------------------------------------------------------------------


def test_it_loads_every_commune_under_its_province(vietnam_communes: Any) -> None:
    about = data()["about"]
    assert vietnam_communes.created == about["count"] == communes().count()
    counted = dict(
        communes().values_list("parent__code").annotate(n=Count("pk")).values_list("parent__code", "n")
    )
    assert counted == about["count_by_province"]
    assert not communes().exclude(parent__level=UnitLevel.PROVINCE, parent__valid_from=REFORM_DAY).exists()
    assert set(communes().values_list("kind", flat=True)) == KINDS
    one = communes().first()
    assert one is not None and one.name_ascii == fold(one.name) and one.match_key


def test_a_second_load_changes_nothing_and_records_nothing(vietnam_communes: Any) -> None:
    before = AuditEntry.objects.count()
    again = communes_load_2025(actor=None)
    assert (again.created, again.updated) == (0, 0)
    assert again.unchanged == data()["about"]["count"]
    assert AuditEntry.objects.count() == before


def test_each_commune_created_has_its_audit_record(vietnam: dict[str, int]) -> None:
    before = AuditEntry.objects.filter(action="create").count()
    result = communes_load_2025(actor=None, provinces=["79"])
    assert result.created == data()["about"]["count_by_province"]["79"]
    assert AuditEntry.objects.filter(action="create").count() - before == result.created


def test_some_provinces_only_and_codes_written_as_numbers(vietnam: dict[str, int]) -> None:
    result = communes_load_2025(actor=None, provinces=["79", "1"])  # "1" is Hà Nội's "01"
    counts = data()["about"]["count_by_province"]
    assert result.provinces == ["79", "01"]
    assert result.created == counts["79"] + counts["01"] == communes().count()


def test_an_unknown_province_refuses_the_whole_load(vietnam: dict[str, int]) -> None:
    with translation.override("en"), pytest.raises(ValidationError, match="Unknown province code"):
        communes_load_2025(actor=None, provinces=["79", "63"])  # 63 is no province after 2025
    assert not communes().exists()


def test_the_provinces_must_be_loaded_first(db: None) -> None:
    with translation.override("en"), pytest.raises(ValidationError, match="not loaded yet"):
        communes_load_2025(actor=None, provinces=["79"])


def test_only_an_administrator_loads(vietnam: dict[str, int], focal_point: User, admin_user: User) -> None:
    with pytest.raises(PermissionDenied):
        communes_load_2025(actor=focal_point, provinces=["79"])
    assert not communes().exists()
    assert communes_load_2025(actor=admin_user, provinces=["79"]).created > 0
    assert AuditEntry.objects.filter(actor=admin_user, action="create").count() > 0


def test_a_code_already_used_by_an_imported_commune_is_refused(vietnam: dict[str, int]) -> None:
    code = next(row["code"] for row in data()["communes"] if row["province"] == "79")
    communes_import(data=f"code,name,province\n{code},Phường Thử,79\n".encode(), valid_from=None)
    with pytest.raises(ValidationError, match=code):
        communes_load_2025(actor=None, provinces=["79"])
    assert not communes().exists()


def test_a_rebuilt_file_updates_what_changed_and_records_before_and_after(
    vietnam: dict[str, int], tmp_path: Path
) -> None:
    communes_load_2025(actor=None, provinces=["48"])
    changed = json.loads(COMMUNES_2025_FILE.read_text(encoding="utf-8"))
    rows = [row for row in changed["communes"] if row["province"] == "48"]
    old_name = rows[0]["name"]
    rows[0]["name"] = old_name + " Mới"
    changed["communes"] = rows
    new_file = tmp_path / "communes.json"
    new_file.write_text(json.dumps(changed, ensure_ascii=False), encoding="utf-8")
    result = communes_load_2025(actor=None, provinces=["48"], data_file=new_file)
    assert (result.created, result.updated, result.unchanged) == (0, 1, len(rows) - 1)
    unit = communes().get(code=rows[0]["code"])
    assert unit.name == old_name + " Mới" and unit.name_ascii == fold(unit.name)
    entry = AuditEntry.objects.filter(action="update", object_id=str(unit.pk)).get()
    assert entry.before is not None and entry.before["name"] == old_name


def test_the_queries_are_a_few_per_batch_of_rows_not_per_commune(vietnam: dict[str, int]) -> None:
    """Bulk writes: a fixed cost a province plus one INSERT per batch (SQLite batches by its parameter
    limit, about 90 units or 75 audit records; PostgreSQL by 500), never one query per commune."""
    counts = data()["about"]["count_by_province"]
    small, large = min(counts, key=counts.get), max(counts, key=counts.get)
    measured = []
    for code in (small, large):
        with CaptureQueriesContext(connection) as queries:
            communes_load_2025(actor=None, provinces=[code])
        measured.append(len(queries))
    assert counts[large] > 3 * counts[small]
    assert measured[1] - measured[0] <= 2 * (counts[large] // 75 + 1), measured
    assert measured[1] < counts[large] / 10, measured


def test_the_command_reports_progress_on_stderr(vietnam: dict[str, int]) -> None:
    counts = data()["about"]["count_by_province"]
    with translation.override("en"):
        out, err = io.StringIO(), io.StringIO()
        call_command("load_communes", "--province", "79", "48", stdout=out, stderr=err)
        assert "[1/2]" in err.getvalue() and "[2/2]" in err.getvalue()
        assert f"{counts['79'] + counts['48']} created" in out.getvalue()
        out = io.StringIO()
        call_command("load_communes", "--province", "79", stdout=out, stderr=io.StringIO())
        assert "0 created, 0 updated" in out.getvalue()
