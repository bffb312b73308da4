"""Check an uploaded file by its content, never its name, before anything parses it.

The checks answer one question — "is this really the kind of file we accept here, and is it safe to open?" —
and raise a ``ValidationError`` with a translated message and a stable ``code`` otherwise:

``empty``, ``too_large``, ``wrong_type`` (including a PDF or an image renamed ``.docx``, and a file that is
two kinds at once, such as a web page with ``%PDF-`` in a comment or an image with a ZIP appended),
``corrupt`` (unreadable, damaged, or an archive with unsafe member names), ``encrypted``
(password-protected), ``macros`` (a macro-enabled Office file, however it is named: see
docs/decisions/0014-macro-enabled-office-files.md) and ``archive_bomb`` (a ZIP-based file whose member
count, unpacked size, per-part size or compression ratio is absurd).

ZIP limits are checked against the sizes the archive declares. That is enough because Python's ``zipfile``
(which python-docx and openpyxl use) never returns more than the declared size of a member: a member that
inflates past it fails its CRC check instead of filling the memory. The per-part limit on XML
(``MAX_XML_PART_BYTES``) is what keeps the parsers' memory bounded: an XML tree in memory takes several
times the size of its text, so a 5 MB file whose ``word/document.xml`` unpacks to 199 MB (39:1, within
every other limit) is refused here, before any parser sees it.

``clean_upload_name`` gives the name to store for an accepted file: control characters dropped, the
extension that of the kind found.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Iterable
from typing import IO, Protocol, cast

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from rightstrack.core.text import clean_file_name

DEFAULT_MAX_BYTES = 20 * 1024 * 1024
MAX_ARCHIVE_MEMBERS = 2_000
MAX_UNCOMPRESSED_BYTES = 200 * 1024 * 1024
MAX_XML_PART_BYTES = 32 * 1024 * 1024  # one XML part (document, sheet) unpacked; parsed, it takes ~10× this
MAX_MEMBER_BYTES = 100 * 1024 * 1024  # any other part (an image, an embedded file) unpacked
MAX_COMPRESSION_RATIO = 100
RATIO_CHECK_MIN_BYTES = 1024 * 1024  # small members may compress far better than 100:1 (runs of spaces)
SNIFF_BYTES = 8 * 1024  # how much of the start of a file the type detection reads
MAX_CONTENT_TYPES_BYTES = 1024 * 1024  # [Content_Types].xml is a few KB; read at most this much of it
TEXT_MAX_CONTROL_RATIO = 0.01  # plain text with more control characters than this is binary
XML_SCAN_CHUNK = 1024 * 1024
PDF_TRAILER_BYTES = 1024  # a PDF ends with "%%EOF" within its last kilobyte (readers look no further)
ZIP_TAIL_BYTES = 65_557  # an appended ZIP's end record lies within this many bytes of the end

# Kinds this module can tell apart; only some are ever accepted (``allowed``), the rest name what a
# refused file really is.
DOCX = "docx"
XLSX = "xlsx"
PPTX = "pptx"
ODT = "odt"
ODS = "ods"
PDF = "pdf"
PNG = "png"
JPEG = "jpeg"
GIF = "gif"
WEBP = "webp"
TIFF = "tiff"
TXT = "txt"
RTF = "rtf"
ZIP = "zip"
OLE = "ole"  # Word 97-2003 .doc, Excel .xls, or a password-protected Office file: all are OLE containers
EXECUTABLE = "executable"
OFFICE_OTHER = "office"  # an Office Open XML package that is neither a document, a workbook nor slides
HTML = "html"
POLYGLOT = "polyglot"  # a file that reads as two kinds at once: never accepted

# What an accepted kind is served as, and the extensions its stored name may end with (the first is usual).
CONTENT_TYPES = {
    DOCX: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    XLSX: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    PPTX: "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    ODT: "application/vnd.oasis.opendocument.text",
    ODS: "application/vnd.oasis.opendocument.spreadsheet",
    PDF: "application/pdf",
    PNG: "image/png",
    JPEG: "image/jpeg",
    GIF: "image/gif",
    WEBP: "image/webp",
    TIFF: "image/tiff",
    TXT: "text/plain; charset=utf-8",
    RTF: "application/rtf",
}
EXTENSIONS = {
    DOCX: ("docx",),
    XLSX: ("xlsx",),
    PPTX: ("pptx",),
    ODT: ("odt",),
    ODS: ("ods",),
    PDF: ("pdf",),
    PNG: ("png",),
    JPEG: ("jpg", "jpeg"),
    GIF: ("gif",),
    WEBP: ("webp",),
    TIFF: ("tif", "tiff"),
    TXT: ("txt", "csv"),
    RTF: ("rtf",),
}

_WORDPROCESSING_MAIN = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
_SPREADSHEET_MAIN = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"
_PRESENTATION_MAIN = "application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml"
# Content types of the parts that carry macros or ActiveX controls; the part names say the same.
_MACRO_CONTENT_TYPE = re.compile(rb"(?i)macroEnabled|vbaProject|vbaData|ms-office\.activeX")
_MACRO_PART = re.compile(r"(?i)(^|/)(vbaProject\.bin|vbaData\.xml|activeX\d*\.(bin|xml))$")
_HTML_MARKERS = re.compile(
    rb"(?i)<\s*(!doctype\s+html|html[\s>]|head[\s>]|body[\s>]|script|svg|iframe|meta\s|object|embed)"
)
_ODF_MIMETYPES = {
    b"application/vnd.oasis.opendocument.text": ODT,
    b"application/vnd.oasis.opendocument.spreadsheet": ODS,
}
_OVERRIDE = re.compile(rb"<(?:\w+:)?Override\b[^>]*>")
_ATTRIBUTE = re.compile(rb"""(\w+)\s*=\s*["']([^"']*)["']""")
_DRIVE = re.compile(r"^[A-Za-z]:")
_ALLOWED_TEXT_CONTROLS = {"\t", "\n", "\r", "\f"}


class UploadLike(Protocol):
    """What ``check_upload`` needs: Django's ``UploadedFile`` and any seekable binary file qualify."""

    def read(self, size: int = ..., /) -> bytes: ...

    def seek(self, offset: int, whence: int = ..., /) -> int: ...


# Looked up, not built, on each call: a form's help text names every accepted kind (docs/benchmarks.md).
_KIND_LABELS = {
    DOCX: gettext_lazy("a Word document (.docx)"),
    XLSX: gettext_lazy("an Excel workbook (.xlsx)"),
    PPTX: gettext_lazy("a PowerPoint presentation (.pptx)"),
    ODT: gettext_lazy("an OpenDocument text (.odt)"),
    ODS: gettext_lazy("an OpenDocument spreadsheet (.ods)"),
    PDF: gettext_lazy("a PDF document"),
    PNG: gettext_lazy("a PNG image"),
    JPEG: gettext_lazy("a JPEG image"),
    GIF: gettext_lazy("a GIF image"),
    WEBP: gettext_lazy("a WebP image"),
    TIFF: gettext_lazy("a TIFF image"),
    TXT: gettext_lazy("a plain text file"),
    RTF: gettext_lazy("an RTF document"),
    ZIP: gettext_lazy("a ZIP archive"),
    OLE: gettext_lazy("an old-format Office file (.doc or .xls) or a password-protected Office file"),
    EXECUTABLE: gettext_lazy("a program"),
    OFFICE_OTHER: gettext_lazy("an Office file of another kind"),
    HTML: gettext_lazy("a web page (HTML)"),
    POLYGLOT: gettext_lazy("a file that is two kinds of file at once"),
}


def kind_label(kind: str) -> str:
    """The kind of a file as a user reads it ("a PDF document"), in the active language."""
    label = _KIND_LABELS.get(kind)
    return str(label) if label is not None else _("a file of an unknown kind")


def check_upload(
    file: UploadLike, *, allowed: set[str], max_bytes: int = DEFAULT_MAX_BYTES, name: str | None = None
) -> str:
    """Return the detected kind of ``file`` (one of ``allowed``) or raise ``ValidationError``.

    ``file`` is a Django ``UploadedFile`` or any seekable binary file object; its size is taken from
    ``.size`` when it has one (so an oversized upload is refused before it is read), else by seeking to the
    end. The file is left positioned at its start.

    ``name``: the name the file came with. Where accepting several kinds (attachments), a file whose name
    claims one kind and whose content is another (a PDF named ``.docx``) is refused with the message a
    one-kind upload gives ("This file is a PDF document, not a Word document (.docx)…"): the person meant to
    send something else, and would otherwise find a different document attached than the one they named.
    """
    size = size_of(file)
    if size <= 0:
        raise ValidationError(_("The file is empty. Choose the file again and upload it."), code="empty")
    if size > max_bytes:
        raise ValidationError(
            _("The file is %(size)s; files of at most %(limit)s can be uploaded here.")
            % {"size": _megabytes(size), "limit": _megabytes(max_bytes)},
            code="too_large",
        )
    try:
        file.seek(0)
        head = file.read(SNIFF_BYTES)
        kind = _sniff(head, whole=size <= SNIFF_BYTES)
        if kind == ZIP:
            file.seek(0)
            kind = _inspect_zip(cast(IO[bytes], file))
        elif kind in allowed:  # what is refused anyway is named for what it starts as
            kind = _check_structure(file, kind, size)
    finally:
        file.seek(0)
    if kind not in allowed:
        raise ValidationError(_wrong_type_message(kind, allowed), code="wrong_type")
    claimed = kind_of_name(name or "")
    if claimed is not None and claimed != kind:
        raise ValidationError(_wrong_type_message(kind, [claimed]), code="wrong_type")
    return kind


def kind_of_name(name: str) -> str | None:
    """The kind a file name's extension claims (``report.docx`` → docx), or None for an unknown one."""
    stem, dot, extension = name.strip().rpartition(".")
    if not dot or not stem:
        return None
    extension = extension.lower()
    return next((kind for kind, extensions in EXTENSIONS.items() if extension in extensions), None)


def check_bytes(data: bytes, *, allowed: set[str], max_bytes: int = DEFAULT_MAX_BYTES) -> str:
    """``check_upload`` for content already in memory."""
    return check_upload(io.BytesIO(data), allowed=allowed, max_bytes=max_bytes)


# Detection ------------------------------------------------------------------------------------------------


def _sniff(head: bytes, *, whole: bool) -> str:
    """The kind of file that starts with ``head`` (``whole``: ``head`` is the entire file)."""
    if head.startswith(b"PK\x03\x04") or head.startswith(b"PK\x05\x06"):
        return ZIP
    if head.startswith(b"%PDF-"):
        return POLYGLOT if _HTML_MARKERS.search(head[:1024]) else PDF
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return PNG
    if head.startswith(b"\xff\xd8\xff"):
        return JPEG
    if head.startswith((b"GIF87a", b"GIF89a")):
        return GIF
    if head.startswith(b"RIFF") and head[8:12] == b"WEBP":
        return WEBP
    if head.startswith((b"II*\x00", b"MM\x00*")):
        return TIFF
    if head.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        return OLE
    if head.startswith((b"MZ", b"\x7fELF", b"\xcf\xfa\xed\xfe", b"\xfe\xed\xfa\xce")):
        return EXECUTABLE
    if head.startswith(b"{\\rtf"):
        return RTF
    if _looks_like_text(head, whole=whole):
        return HTML if _HTML_MARKERS.search(head) else TXT
    return ""


def _looks_like_text(head: bytes, *, whole: bool) -> bool:
    """UTF-8 (a character cut at the end of the sample is fine) without NULs and with few control chars."""
    if b"\x00" in head:
        return False
    try:
        text = head.decode("utf-8")
    except UnicodeDecodeError as error:
        if whole or error.start < len(head) - 3:
            return False
        text = head[: error.start].decode("utf-8")
    if not text.strip():
        return False
    controls = sum(1 for ch in text if ord(ch) < 32 and ch not in _ALLOWED_TEXT_CONTROLS)
    return controls <= len(text) * TEXT_MAX_CONTROL_RATIO


def _check_structure(file: UploadLike, kind: str, size: int) -> str:
    """A PDF must end as a PDF does; a PDF or an image must not also be a ZIP archive (a polyglot)."""
    if kind not in (PDF, PNG, JPEG, GIF, WEBP, TIFF):
        return kind
    file.seek(max(0, size - ZIP_TAIL_BYTES))
    tail = file.read(ZIP_TAIL_BYTES)
    if b"PK\x05\x06" in tail:
        file.seek(0)
        if zipfile.is_zipfile(file):  # type: ignore[arg-type]
            return POLYGLOT
    if kind == PDF and b"%%EOF" not in tail[-PDF_TRAILER_BYTES:]:
        raise _corrupt()
    return kind


def _inspect_zip(file: IO[bytes]) -> str:
    """Refuse a damaged, encrypted or bomb-like archive; then tell which kind of package it is."""
    try:
        with zipfile.ZipFile(file) as archive:
            members = archive.infolist()
            _check_members(members)
            names = {m.filename for m in members}
            kind = _package_kind(archive, names)
            if kind in (DOCX, XLSX, PPTX, OFFICE_OTHER):
                _refuse_macros(archive, names)
            return kind
    except ValidationError:
        raise
    except Exception as error:  # noqa: BLE001 - a hostile archive can make zipfile fail in many ways
        raise _corrupt() from error


def _check_members(members: list[zipfile.ZipInfo]) -> None:
    if len(members) > MAX_ARCHIVE_MEMBERS:
        raise ValidationError(
            _(
                "This file holds %(count)s parts once unpacked; at most %(limit)s are accepted. It may be a "
                "damaged or malicious file: open it in your office software and save it again."
            )
            % {"count": len(members), "limit": MAX_ARCHIVE_MEMBERS},
            code="archive_bomb",
        )
    names: set[str] = set()
    total = 0
    for member in members:
        name = member.filename
        if not _safe_member_name(name) or name in names:
            raise _corrupt()
        names.add(name)
        if member.flag_bits & 0x1:
            raise ValidationError(
                _("This file is password-protected. Remove the password, save it and upload it again."),
                code="encrypted",
            )
        if member.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
            raise _corrupt()
        total += member.file_size
        inflates_too_much = member.file_size > RATIO_CHECK_MIN_BYTES and (
            member.compress_size <= 0 or member.file_size > member.compress_size * MAX_COMPRESSION_RATIO
        )
        part_limit = MAX_XML_PART_BYTES if name.lower().endswith((".xml", ".rels")) else MAX_MEMBER_BYTES
        if member.file_size > part_limit:
            raise ValidationError(
                _(
                    "One part of this file unpacks to %(size)s; at most %(limit)s can be opened. Split the "
                    "document into smaller files, or save it again without embedded large files, and upload "
                    "it again."
                )
                % {"size": _megabytes(member.file_size), "limit": _megabytes(part_limit)},
                code="archive_bomb",
            )
        if total > MAX_UNCOMPRESSED_BYTES or inflates_too_much:
            raise ValidationError(
                _(
                    "This file would unpack to an unreasonable size (more than %(limit)s, or parts "
                    "compressed more than %(ratio)s to 1), so it was not opened. Save it again from your "
                    "office software, without embedded large files, and upload it again."
                )
                % {"limit": _megabytes(MAX_UNCOMPRESSED_BYTES), "ratio": MAX_COMPRESSION_RATIO},
                code="archive_bomb",
            )


def _safe_member_name(name: str) -> bool:
    if not name or "\x00" in name or name.startswith(("/", "\\")) or _DRIVE.match(name):
        return False
    return ".." not in re.split(r"[/\\]", name)


def _package_kind(archive: zipfile.ZipFile, names: set[str]) -> str:
    """docx/xlsx/pptx by the main part's content type (and that the part exists and reads), odt/ods by
    ``mimetype``, else a plain ZIP."""
    if "[Content_Types].xml" in names:
        with archive.open("[Content_Types].xml") as handle:
            content_types = handle.read(MAX_CONTENT_TYPES_BYTES)
        for kind, content_type, default_part in (
            (DOCX, _WORDPROCESSING_MAIN, "word/document.xml"),
            (XLSX, _SPREADSHEET_MAIN, "xl/workbook.xml"),
            (PPTX, _PRESENTATION_MAIN, "ppt/presentation.xml"),
        ):
            parts = _override_parts(content_types, content_type)
            if parts or default_part in names:
                main = next((part for part in parts if part in names), default_part)
                if main not in names:
                    raise _corrupt()
                _read_through(archive, main)  # a damaged main part fails its CRC check here
                return kind
        return OFFICE_OTHER
    if "mimetype" in names:
        with archive.open("mimetype") as handle:
            odf_kind = _ODF_MIMETYPES.get(handle.read(100).strip())
        if odf_kind:
            _read_through(archive, "content.xml")
            return odf_kind
    return ZIP


def _refuse_macros(archive: zipfile.ZipFile, names: set[str]) -> None:
    """An Office package with a macro project or ActiveX controls, or declared macro-enabled, is refused."""
    macros = any(_MACRO_PART.search(name) for name in names)
    if not macros and "[Content_Types].xml" in names:
        with archive.open("[Content_Types].xml") as handle:
            macros = bool(_MACRO_CONTENT_TYPE.search(handle.read(MAX_CONTENT_TYPES_BYTES)))
    if macros:
        raise ValidationError(
            _(
                "This Office file contains macros, which cannot be uploaded. Save it in your office software "
                "as a document without macros (.docx or .xlsx) and upload it again."
            ),
            code="macros",
        )


def _override_parts(content_types: bytes, content_type: str) -> list[str]:
    parts = []
    for element in _OVERRIDE.findall(content_types):
        attributes = {key.lower(): value for key, value in _ATTRIBUTE.findall(element)}
        if attributes.get(b"contenttype", b"").decode("utf-8", "replace") == content_type:
            parts.append(attributes.get(b"partname", b"").decode("utf-8", "replace").lstrip("/"))
    return parts


def _read_through(archive: zipfile.ZipFile, name: str) -> None:
    with archive.open(name) as handle:
        while handle.read(1024 * 1024):
            pass


# Budget for parsers ---------------------------------------------------------------------------------------


def check_xml_budget(archive: zipfile.ZipFile, max_elements: int) -> bool:
    """Whether the package's XML parts hold at most ``max_elements`` elements in all, counted on the unpacked
    bytes as they stream by (no tree, no parser: flat memory, about a second for 200 MB). Every element
    starts with "<" not followed by "/", "?" or "!", whatever its namespace prefix, so the count cannot be
    dodged by renaming; it may overcount (a "<" in a comment), never undercount."""
    elements = 0
    for info in archive.infolist():
        if not info.filename.lower().endswith((".xml", ".rels")):
            continue
        previous = b""
        with archive.open(info) as handle:
            while chunk := handle.read(XML_SCAN_CHUNK):
                joined = previous + chunk  # a "</" split between two chunks is seen whole
                elements += chunk.count(b"<") - sum(joined.count(mark) for mark in (b"</", b"<?", b"<!"))
                if elements > max_elements:
                    return False
                previous = chunk[-1:]
    return True


# Names ---------------------------------------------------------------------------------------------------


def clean_upload_name(name: str, kind: str) -> str:
    """The name to store for an accepted file of ``kind``: see ``core.text.clean_file_name``."""
    return clean_file_name(name or "", extensions=EXTENSIONS.get(kind, ()))


# Helpers -------------------------------------------------------------------------------------------------


def size_of(file: UploadLike) -> int:
    """Its ``.size`` where it has one (an upload's, known before it is read), else by seeking to its end."""
    size = getattr(file, "size", None)
    if isinstance(size, int):
        return size
    end = file.seek(0, io.SEEK_END)
    file.seek(0)
    return end


def _megabytes(size: int) -> str:
    return _("%(number)s MB") % {"number": f"{size / (1024 * 1024):.1f}".rstrip("0").rstrip(".")}


def _corrupt() -> ValidationError:
    return ValidationError(
        _(
            "This file is damaged or unreadable. "
            "Open it in your office software, save it again and upload it."
        ),
        code="corrupt",
    )


def _wrong_type_message(kind: str, allowed: Iterable[str]) -> str:
    accepted = sorted(allowed)
    found = kind_label(kind) if kind else ""
    if len(accepted) == 1:
        if not found:
            return _("This file is not %(expected)s. Save it in that format and upload it again.") % {
                "expected": kind_label(accepted[0])
            }
        return _("This file is %(found)s, not %(expected)s. Save it in that format and upload it again.") % {
            "found": found,
            "expected": kind_label(accepted[0]),
        }
    accepted_labels = ", ".join(kind_label(k) for k in accepted)
    if not found:
        return _("This kind of file cannot be uploaded here. Accepted: %(accepted)s.") % {
            "accepted": accepted_labels
        }
    return _("This file is %(found)s, which cannot be uploaded here. Accepted: %(accepted)s.") % {
        "found": found,
        "accepted": accepted_labels,
    }
