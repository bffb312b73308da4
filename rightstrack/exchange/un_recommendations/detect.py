"""Which format a file is, found by its content (never by its name), after its size: a ZIP package is a Word
document or an Excel workbook (checked by ``uploads.check_upload``), text starting with ``[``/``{`` is JSON,
text with numbered recommendations followed by "Source of position" lines is a thematic list, any other
text is CSV."""

from __future__ import annotations

import io
import re
from collections.abc import Mapping
from typing import IO, Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from rightstrack.exchange.un_recommendations.mapping import preview_table, read_mapped, table_preview
from rightstrack.exchange.un_recommendations.rows import (
    MAPPED_CSV,
    MAPPED_JSON,
    MAPPED_XLSX,
    MAX_IMPORT_BYTES,
    THEMATIC_DOCX,
    THEMATIC_MARKDOWN,
    UHRI_CSV,
    UHRI_JSON,
    UHRI_XLSX,
    ParsedFile,
)
from rightstrack.exchange.un_recommendations.tables import read_json_table
from rightstrack.exchange.un_recommendations.text import decode_text
from rightstrack.exchange.un_recommendations.thematic_list import read_thematic_docx, read_thematic_markdown
from rightstrack.exchange.un_recommendations.uhri import read_uhri_csv, read_uhri_rows, read_uhri_xlsx
from rightstrack.exchange.uploads import DOCX, XLSX, check_upload


def _size(file: IO[bytes]) -> int:
    size = getattr(file, "size", None)
    if isinstance(size, int):
        return size
    position = file.tell()
    file.seek(0, io.SEEK_END)
    end = file.tell()
    file.seek(position)
    return end


def check_size(file: IO[bytes], *, max_bytes: int = MAX_IMPORT_BYTES) -> int:
    """Refuse an empty or oversized file by its size, before anything reads it."""
    size = _size(file)
    if size <= 0:
        raise ValidationError(_("The file is empty. Choose the file again and upload it."), code="empty")
    if size > max_bytes:
        raise ValidationError(
            _(
                "The file is %(size)s MB; files of recommendations of at most %(limit)s MB can be imported. "
                "Split it (for instance by mechanism or year) and import the parts."
            )
            % {"size": f"{size / 1024 / 1024:.0f}", "limit": f"{max_bytes // 1024 // 1024}"},
            code="too_large",
        )
    return size


def _looks_like_thematic_text(text: str) -> bool:
    head = text[:200_000]
    numbered = len(re.findall(r"(?m)^\s*\d{1,4}\.\d{1,4}\s+\S", head))
    sources = len(re.findall(r"(?mi)^\s*source of position\s*:", head))
    return numbered > 0 and sources > 0


def _binary(data: bytes) -> bool:
    return data.startswith(b"PK\x03\x04") or data.startswith(b"PK\x05\x06")


_BINARY_STARTS = (
    b"%PDF",
    b"\xd0\xcf\x11\xe0",
    b"MZ",
    b"\x7fELF",
    b"\x89PNG",
    b"\xff\xd8\xff",
    b"GIF8",
    b"{\\rtf",
)


def check_file(file: IO[bytes], *, max_bytes: int = MAX_IMPORT_BYTES) -> None:
    """The quick checks an upload gets before it is queued: its size, and that it is a Word document, an
    Excel workbook or text (a PDF, an old .doc/.xls or a program is refused here, named for what it is)."""
    check_size(file, max_bytes=max_bytes)
    file.seek(0)
    head = file.read(8)
    file.seek(0)
    if _binary(head) or head.startswith(_BINARY_STARTS):
        check_upload(file, allowed={DOCX, XLSX}, max_bytes=max_bytes)
    file.seek(0)


def detect(file: IO[bytes], *, name: str = "") -> tuple[str, bytes]:
    """(the format, the file's bytes): checked by content, after the size."""
    check_size(file)
    file.seek(0)
    head = file.read(8)
    file.seek(0)
    if _binary(head):
        kind = check_upload(file, allowed={DOCX, XLSX}, max_bytes=MAX_IMPORT_BYTES)
        data = file.read()
        return (THEMATIC_DOCX if kind == DOCX else UHRI_XLSX), data
    if head.startswith(_BINARY_STARTS):
        check_upload(file, allowed={DOCX, XLSX}, max_bytes=MAX_IMPORT_BYTES)  # names what it is instead
    data = file.read()
    text, _encoding = decode_text(data)
    stripped = text.lstrip("\ufeff \t\r\n")
    if stripped.startswith(("[", "{")):
        return UHRI_JSON, data
    if _looks_like_thematic_text(text):
        return THEMATIC_MARKDOWN, data
    return UHRI_CSV, data


def read_file(
    file: IO[bytes], *, name: str = "", mapping: Mapping[str, Any] | None = None, mechanism: str = ""
) -> ParsedFile:
    """Detect the format and read the rows (``ValidationError`` when the file cannot be read at all).

    With ``mapping`` ({field: column}, see ``mapping``), a CSV, XLSX or JSON file is read with those columns
    (a JSON object's keys) instead of UHRI's. It also gets ``table``: its headers, first rows and the columns
    chosen (or guessed), for the page where the user chooses them."""
    kind, data = detect(file, name=name)
    if kind == UHRI_JSON:  # read whole once, for the rows and the preview
        table = read_json_table(data)
        if table.problems:
            return ParsedFile(format=UHRI_JSON, problems=table.problems, encoding=table.encoding)
        if mapping is not None:
            parsed = read_mapped(data, MAPPED_JSON, mapping, mechanism=mechanism, table=table)
        else:
            parsed = read_uhri_rows(table.headers, table.rows, UHRI_JSON, table.encoding)
        parsed.table = table_preview(table, MAPPED_JSON, mapping=mapping, mechanism=mechanism)
        return parsed
    if mapping is not None:
        if kind not in (UHRI_CSV, UHRI_XLSX):
            raise ValidationError(
                _(
                    "Columns can be chosen only for a CSV file, an Excel workbook or a JSON list of objects; "
                    "this file is %(kind)s. Import it without choosing columns."
                )
                % {"kind": _KIND_NAMES.get(kind, kind)},
                code="not_a_table",
            )
        fmt = MAPPED_XLSX if kind == UHRI_XLSX else MAPPED_CSV
        parsed = read_mapped(data, fmt, mapping, mechanism=mechanism)
        parsed.table = preview_table(data, fmt, mapping=mapping, mechanism=mechanism)
        return parsed
    if kind == THEMATIC_DOCX:
        return read_thematic_docx(data)
    if kind == THEMATIC_MARKDOWN:
        return read_thematic_markdown(data)
    if kind == UHRI_XLSX:
        parsed = read_uhri_xlsx(data)
        parsed.table = preview_table(data, MAPPED_XLSX)
        return parsed
    parsed = read_uhri_csv(data)
    parsed.table = preview_table(data, MAPPED_CSV)
    return parsed


_KIND_NAMES = {
    THEMATIC_DOCX: gettext_lazy("a Word document"),
    THEMATIC_MARKDOWN: gettext_lazy("a text document"),
}
