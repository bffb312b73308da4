"""Activities from a spreadsheet: the template to fill in, and the import (a dry run shows what would be
saved). The bridge between ``exchange`` (which reads any table) and ``services.activities_save_batch``
(which saves all rows or none): here the columns are named, kinds and audience groups are looked up, and
every problem is reported by the sheet's row and column."""

from __future__ import annotations

import datetime
from dataclasses import asdict, dataclass, field
from typing import IO, Any

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from rightstrack.activities import selectors
from rightstrack.activities.choices import ActivitiesJob, ActivityKind
from rightstrack.activities.models import Activity
from rightstrack.activities.services import (
    ActivityInput,
    BatchInvalid,
    activities_save_batch,
    audiences_by_name,
    check_batch,
)
from rightstrack.bodies.models import Body
from rightstrack.core.jobs.models import Job, JobState
from rightstrack.core.jobs.registry import Progress
from rightstrack.core.jobs.services import job_enqueue
from rightstrack.core.scope import ensure_can, get_scoped_or_404
from rightstrack.core.text import fold
from rightstrack.core.types import Actor
from rightstrack.exchange.uploads import XLSX, check_upload
from rightstrack.exchange.xlsx import Column, Sheet, sheet_to_xlsx
from rightstrack.exchange.xlsx_reader import CellError, InColumn, read_table

PROGRESS_EVERY = 200
# (key, Vietnamese header, English header, kind, required): the template's columns, in its order.
COLUMNS: tuple[InColumn, ...] = (
    InColumn("date", ("Ngày", "Date", "Từ ngày", "From"), "date", required=True),
    InColumn("date_end", ("Đến ngày", "Until", "To"), "date"),
    InColumn("kind", ("Loại hoạt động", "Kind", "Loại", "Type"), required=True),
    InColumn("topic", ("Chủ đề", "Topic", "Nội dung", "Subject"), required=True, max_chars=500),
    InColumn("topic_en", ("Chủ đề (tiếng Anh)", "Topic in English", "English topic"), max_chars=500),
    InColumn("participants", ("Số người tham dự", "Participants", "Số lượt người"), "whole", required=True),
    InColumn("officials_trained", ("Số cán bộ được tập huấn", "Officials trained"), "whole"),
    InColumn("audiences", ("Đối tượng", "Audience groups", "Audiences")),
    InColumn("place_text", ("Địa điểm", "Place"), max_chars=255),
    InColumn("notes", ("Ghi chú", "Notes")),
)
KIND_HEADERS = {
    ActivityKind.AWARENESS: ("Tuyên truyền", "Tuyên truyền, nâng cao nhận thức"),
    ActivityKind.TRAINING: ("Tập huấn", "Tập huấn, bồi dưỡng", "Đào tạo"),
    ActivityKind.LAW_DISSEMINATION: ("Phổ biến pháp luật", "Phổ biến, giáo dục pháp luật"),
    ActivityKind.OTHER: ("Khác", "Hoạt động khác"),
}


@dataclass
class ImportReport:
    """What an import found: the rows it read (as they would be saved), every problem by row and column,
    and whether it saved them (never with a problem; never on a dry run)."""

    file_rows: int = 0
    rows: list[dict[str, Any]] = field(default_factory=list)
    errors: list[dict[str, Any]] = field(default_factory=list)
    saved: bool = False
    dry_run: bool = True
    created: int = 0

    def as_json(self) -> dict[str, Any]:
        return asdict(self)

    @property
    def ok(self) -> bool:
        return not self.errors


def template_xlsx() -> bytes:
    """The spreadsheet to fill in: headers in Vietnamese and English, one example row."""
    headers = [f"{c.headers[0]} / {c.headers[1]}" for c in COLUMNS]
    example = [
        datetime.date(2026, 3, 15),
        None,
        "Tuyên truyền",
        "Tuyên truyền về quyền của người dân tộc thiểu số",
        "",
        120,
        0,
        "Người dân tộc thiểu số; Phụ nữ",
        "Xã Hải Châu",
        "",
    ]
    kinds = [c.kind for c in COLUMNS]
    sheet = Sheet(
        title=_("Activities"),
        columns=[
            Column(h, kind="date" if k == "date" else "number" if k == "whole" else "text")
            for h, k in zip(headers, kinds, strict=True)
        ],
        rows=[example],
        styled_header=True,
        workbook_title=_("Activities"),
    )
    return sheet_to_xlsx(sheet)


def _kind(text: str) -> str | None:
    wanted = fold(text, separators=True)
    for kind in ActivityKind:
        names = (kind.value, str(kind.label), *KIND_HEADERS.get(kind, ()))
        if wanted in {fold(n, separators=True) for n in names}:
            return kind.value
    return None


def _cell_error(table_columns: dict[str, str], row: int, key: str, message: str) -> CellError:
    column = next(c for c in COLUMNS if c.key == key)
    return CellError(row, column.label, table_columns.get(key, "?"), message)


def activities_import_xlsx(
    *,
    actor: Actor | None,
    body: Body,
    file: IO[bytes],
    dry_run: bool,
    progress: Progress | None = None,
) -> ImportReport:
    """Read the spreadsheet, check every row, and (unless ``dry_run``) save them all in one transaction.

    A file that cannot be read, or lacks a required column, raises ``ValidationError``; problems in cells
    and rows (text in a number column, a date in no known format, an unknown kind, a row entered twice in
    the file or already recorded) come back in the report, all of them, and nothing is saved."""
    table = read_table(file, COLUMNS)
    report = ImportReport(file_rows=len(table.rows), dry_run=dry_run)
    if progress is not None:
        progress.start(
            2 * len(table.rows) + 1, gettext_noop("Checking %(count)s rows…"), count=len(table.rows)
        )
    errors: list[CellError] = list(table.errors)
    audiences = audiences_by_name(selectors.audience_groups(active_only=False))
    inputs: list[ActivityInput] = []
    numbers: list[int] = []
    for index, (number, values) in enumerate(table.rows, start=1):
        if progress is not None and index % PROGRESS_EVERY == 0:
            progress.advance(PROGRESS_EVERY)
        kind = None
        if values.get("kind"):
            kind = _kind(values["kind"])
            if kind is None:
                errors.append(
                    _cell_error(
                        table.columns,
                        number,
                        "kind",
                        _("unknown kind “%(kind)s”: write one of %(kinds)s.")
                        % {
                            "kind": values["kind"],
                            "kinds": ", ".join(f"“{k.label}”" for k in ActivityKind),
                        },
                    )
                )
        groups = []
        for part, group in _audiences(values.get("audiences") or "", audiences):
            if group is None:
                errors.append(
                    _cell_error(
                        table.columns,
                        number,
                        "audiences",
                        _("unknown audience group “%(name)s”.") % {"name": part},
                    )
                )
            elif group not in groups:
                groups.append(group)
        for key in ("date", "kind", "topic", "participants"):
            if values.get(key) is None and not _already(errors, number, table.columns.get(key, "")):
                errors.append(_cell_error(table.columns, number, key, _("this cell is empty; fill it in.")))
        inputs.append(
            ActivityInput(
                date=values.get("date"),
                date_end=values.get("date_end"),
                kind=kind or "",
                topic=values.get("topic") or "",
                topic_en=values.get("topic_en") or "",
                participants=values.get("participants"),
                officials_trained=values.get("officials_trained"),
                audiences=groups,
                place_text=values.get("place_text") or "",
                notes=values.get("notes") or "",
            )
        )
        numbers.append(number)
        report.rows.append(_row_json(number, inputs[-1]))
    if progress is not None:
        progress.advance(len(table.rows) % PROGRESS_EVERY, gettext_noop("Looking for rows already recorded…"))
    problems = check_batch(actor=actor, body=body, rows=inputs)
    for index, fields in problems.items():
        for key, messages in fields.items():
            if key == "__all__":
                for message in messages:
                    errors.append(CellError(numbers[index], "", "", message))
                continue
            if _already(errors, numbers[index], table.columns.get(key, "")):
                continue  # the cell's own problem says it better than the model's "this field is required"
            for message in messages:
                errors.append(_cell_error(table.columns, numbers[index], key, message))
    errors.sort(key=lambda e: (e.row, e.letter))
    report.errors = [
        {"row": e.row, "column": e.column, "letter": e.letter, "message": e.message, "text": str(e)}
        if e.letter
        else {"row": e.row, "column": "", "letter": "", "message": e.message, "text": _row_text(e)}
        for e in errors
    ]
    if errors or dry_run:
        if progress is not None:
            progress.advance(len(table.rows) + 1)
        return report
    try:
        result = activities_save_batch(actor=actor, body=body, rows=inputs, labels=[str(n) for n in numbers])
    except BatchInvalid as error:  # a row recorded meanwhile: the same report, nothing saved
        report.errors = [
            {"row": 0, "column": "", "letter": "", "message": m, "text": m} for m in error.messages
        ]
        return report
    report.saved = True
    report.created = len(result.created)
    if progress is not None:
        progress.advance(len(table.rows) + 1)
    return report


def _row_text(error: CellError) -> str:
    return _("Row %(row)s: %(message)s") % {"row": error.row, "message": error.message}


def _already(errors: list[CellError], row: int, letter: str) -> bool:
    return any(e.row == row and e.letter == letter for e in errors)


def _audiences(text: str, known: dict[str, Any]) -> list[tuple[str, Any]]:
    """The groups a cell names, separated by ";" or new lines; a part that names no group is tried again
    split at commas (a name may hold a comma: "Cán bộ, công chức")."""
    found: list[tuple[str, Any]] = []
    for part in (p.strip() for p in text.replace("\n", ";").split(";")):
        if not part:
            continue
        group = known.get(fold(part, separators=True))
        if group is not None:
            found.append((part, group))
            continue
        pieces = [p.strip() for p in part.split(",") if p.strip()]
        if len(pieces) > 1 and all(fold(p, separators=True) in known for p in pieces):
            found += [(p, known[fold(p, separators=True)]) for p in pieces]
        else:
            found.append((part, None))
    return found


def _row_json(number: int, row: ActivityInput) -> dict[str, Any]:
    return {
        "row": number,
        "date": row.date.strftime("%d/%m/%Y") if row.date else None,
        "date_end": row.date_end.strftime("%d/%m/%Y") if row.date_end else None,
        "kind": str(ActivityKind(row.kind).label) if row.kind else "",
        "topic": row.topic,
        "participants": row.participants or 0,
        "officials_trained": row.officials_trained or 0,
        "audiences": [group.display_name for group in row.audiences],
        "place_text": row.place_text,
    }


@transaction.atomic
def activities_import_start(*, actor: Actor, body: Body, file: Any, dry_run: bool) -> Job:
    """Queue the import of an uploaded spreadsheet (or its dry run) as a job; a file that is not a workbook
    is refused here, at once."""
    ensure_can(actor, "bodies.view_body", body)
    ensure_can(actor, "activities.add_activity", Activity(body=body))
    check_upload(file, allowed={XLSX})
    file.seek(0)
    return job_enqueue(
        actor=actor,
        kind=ActivitiesJob.IMPORT_XLSX.value,
        params={"body": body.pk, "dry_run": dry_run},
        idempotency_key="",  # every upload is new work
        input_file=file,
    )


@transaction.atomic
def activities_import_confirm(*, actor: Actor, job: Job) -> Job:
    """Import the rows a dry run showed, from the file it checked (the file is read again: whatever was
    recorded meanwhile is checked again)."""
    data = job.result_data or {}
    if (
        job.kind != ActivitiesJob.IMPORT_XLSX.value
        or job.state != JobState.SUCCEEDED
        or not data.get("dry_run")
        or data.get("errors")
        or not job.input_file
    ):
        raise ValidationError(
            _("This check cannot be imported any more. Upload the spreadsheet again."), code="stale"
        )
    body = get_scoped_or_404(actor, Body.objects.all(), pk=job.params.get("body"))
    ensure_can(actor, "activities.add_activity", Activity(body=body))
    with job.input_file.open("rb") as handle:
        content = handle.read()
    return job_enqueue(
        actor=actor,
        kind=ActivitiesJob.IMPORT_XLSX.value,
        params={"body": body.pk, "dry_run": False, "from_job": job.pk},
        input_file=ContentFile(content, name="activities.xlsx"),
    )
