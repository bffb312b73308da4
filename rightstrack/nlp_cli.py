"""`rightstrack extract` and `rightstrack nlp evaluate-extract`: the meeting reader on files, wired in.

    rightstrack extract FILE... [--published YYYY-MM-DD] [--group] [--persons FILE]
    rightstrack nlp evaluate-extract DIR --facts FILE [--published YYYY-MM-DD]

``rightstrack.nlp`` imports no Django; this module is the adapter side: files are checked by the exchange
app's upload checks (type by content, size, ZIP bombs) and read (text, HTML through trafilatura, DOCX, PDF's
text layer); place names resolve through the places app (``places/resolve.py``) when the database holds the
administrative units, else through the same data file the places app loads; known persons are the people
the database holds (bodies' members), the names the Vietnamese articles of the same run write with
diacritics, and any ``--persons`` file (one name a line).
JSON goes to stdout; progress and errors to stderr. Exit status 1 when any file failed, 2 on bad usage.
"""

from __future__ import annotations

import argparse
import datetime
import io
import json
import os
import sys
import zipfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.utils.translation import gettext as _

from rightstrack.core.text import fold
from rightstrack.nlp.events import event_facts, group_meetings
from rightstrack.nlp.language import EN, UNKNOWN, VI, detect_language
from rightstrack.nlp.meeting import MeetingFacts, extract_meeting
from rightstrack.nlp.persons import NameList
from rightstrack.nlp.ports import PlaceMatch, Unit

MAX_FILE_BYTES = 20 * 1024 * 1024  # an article is kilobytes; a report, a few megabytes
MIN_TEXT_CHARS = 40  # less than this is not an article
MAX_PDF_PAGES = 300
PLACES_DATA = Path(__file__).resolve().parent / "places" / "data" / "vn_provinces.json"
REFORM_DAY = datetime.date(2025, 7, 1)


class BadFile(Exception):
    """A file that cannot be read as an article; the message says why and what to do."""


# Reading files -------------------------------------------------------------------------------------------


@dataclass
class Article:
    source: str
    text: str
    published: datetime.date | None = None


def read_article(path: Path) -> Article:
    """The text of the article in ``path`` (.txt, .html, .docx, .pdf, by content), or ``BadFile``."""
    from django.core.exceptions import ValidationError

    from rightstrack.exchange import uploads

    try:
        size = path.stat().st_size
    except OSError as error:
        raise BadFile(_("cannot open the file (%(reason)s)") % {"reason": error.strerror}) from error
    if not path.is_file():
        raise BadFile(_("not a file"))
    if size == 0:
        raise BadFile(_("the file is empty"))
    if size > MAX_FILE_BYTES:
        raise BadFile(
            _("the file is %(size)d MB; articles of at most %(limit)d MB are read")
            % {"size": round(size / 2**20), "limit": MAX_FILE_BYTES // 2**20}
        )
    data = path.read_bytes()
    allowed = {uploads.TXT, uploads.HTML, uploads.DOCX, uploads.PDF}
    try:
        kind = uploads.check_bytes(data, allowed=allowed, max_bytes=MAX_FILE_BYTES)
    except ValidationError as error:
        raise BadFile(" ".join(error.messages)) from error
    published = None
    if kind == uploads.TXT:
        text = data.decode("utf-8", errors="strict")
    elif kind == uploads.HTML:
        text, published = _html_text(data)
    elif kind == uploads.DOCX:
        text = _docx_text(data)
    else:
        text = _pdf_text(data)
    if len(text.strip()) < MIN_TEXT_CHARS:
        raise BadFile(_("the file holds no article text"))
    return Article(source=str(path), text=text, published=published)


def _html_text(data: bytes) -> tuple[str, datetime.date | None]:
    import trafilatura

    html = data.decode("utf-8", errors="replace")
    text = trafilatura.extract(html, include_comments=False, include_tables=False, favor_precision=True)
    if not text or len(text.strip()) < MIN_TEXT_CHARS:
        raise BadFile(_("the web page has no article in it (only menus, links or scripts)"))
    metadata = trafilatura.extract_metadata(html)
    title = (metadata.title or "").strip() if metadata else ""
    published = None
    if metadata and metadata.date:
        try:
            published = datetime.date.fromisoformat(metadata.date[:10])
        except ValueError:
            published = None
    if title and not text.startswith(title):
        text = f"{title}\n\n{text}"
    return text, published


def _docx_text(data: bytes) -> str:
    import docx

    from rightstrack.exchange.docx_reader import MAX_ELEMENTS
    from rightstrack.exchange.uploads import check_xml_budget

    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        if not check_xml_budget(archive, MAX_ELEMENTS):
            raise BadFile(_("the Word document is too complex to read"))
    try:
        document = docx.Document(io.BytesIO(data))
    except Exception as error:  # noqa: BLE001 - python-docx and lxml fail in many ways on damaged files
        raise BadFile(_("the Word document is damaged; open it in Word and save it again")) from error
    return "\n".join(paragraph.text for paragraph in document.paragraphs)


def _pdf_text(data: bytes) -> str:
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            raise BadFile(_("the PDF is password-protected"))
        pages = reader.pages[:MAX_PDF_PAGES]
        text = "\n".join(page.extract_text() or "" for page in pages)
    except BadFile:
        raise
    except (PdfReadError, ValueError, KeyError, TypeError, OSError) as error:
        raise BadFile(_("the PDF is damaged and cannot be read")) from error
    if len(text.strip()) < MIN_TEXT_CHARS:
        raise BadFile(
            _(
                "the PDF has no text layer (a scanned document?); OCR is not done here: "
                "give its text or a Word file"
            )
        )
    return text


# Places --------------------------------------------------------------------------------------------------


class DatabasePlaceResolver:
    """The places app's resolver (``places/resolve.py``) on the units in the database, at province level."""

    def __init__(self) -> None:
        from rightstrack.places.choices import UnitLevel
        from rightstrack.places.models import AdministrativeUnit, UnitAlias

        self._level = UnitLevel.PROVINCE
        units = AdministrativeUnit.objects.filter(level=UnitLevel.PROVINCE)
        names: list[str] = []
        for name, name_en in units.values_list("name", "name_en"):
            names += [name, name_en]
        names += UnitAlias.objects.filter(unit__level=UnitLevel.PROVINCE).values_list("alias", flat=True)
        self._names = [name for name in names if name]

    def names(self) -> Iterable[str]:
        return self._names

    def resolve(self, name: str, *, on: datetime.date | None = None) -> PlaceMatch | None:
        from django.utils import timezone

        from rightstrack.places.resolve import RESOLVED, resolve_place

        today = timezone.localdate()
        result = resolve_place(name, level=self._level, on=on or today)
        if result.status != RESOLVED or result.unit is None:
            return None
        current = result.unit.current_successors(today)
        return PlaceMatch(
            unit=Unit(code=result.unit.code, name=result.unit.name),
            current=Unit(code=current[0].code, name=current[0].name) if len(current) == 1 else None,
        )


class DataFilePlaceResolver:
    """The provinces before and after 1 July 2025 from the places app's data file, for a database that has
    not loaded them (``rightstrack load_places``): same names, same codes, same successors."""

    def __init__(self, path: Path = PLACES_DATA) -> None:
        data = json.loads(path.read_text(encoding="utf-8"))
        self._new = {p["code"]: p for p in data["provinces_2025"]}
        self._by_key: dict[str, list[tuple[str, dict[str, Any]]]] = {}
        for period, rows in (("legacy", data["provinces_legacy"]), ("2025", data["provinces_2025"])):
            for row in rows:
                for spelling in (row["name"], row.get("name_en", ""), *row.get("aliases", [])):
                    if spelling:
                        self._by_key.setdefault(_place_key(spelling), []).append((period, row))
        self._names = [s for rows in (data["provinces_legacy"], data["provinces_2025"]) for r in rows
                       for s in (r["name"], r.get("name_en", ""), *r.get("aliases", [])) if s]  # fmt: skip

    def names(self) -> Iterable[str]:
        return self._names

    def resolve(self, name: str, *, on: datetime.date | None = None) -> PlaceMatch | None:
        found = {
            (period, row["code"]): (period, row) for period, row in self._by_key.get(_place_key(name), [])
        }
        if not found:
            return None
        day = on or datetime.datetime.now(datetime.UTC).date()
        wanted = "legacy" if day < REFORM_DAY else "2025"
        matches = [m for m in found.values() if m[0] == wanted] or list(found.values())
        if len({m[1]["code"] for m in matches}) != 1:
            return None
        period, row = matches[0]
        current = self._new.get(row["successor"]) if period == "legacy" else row
        return PlaceMatch(
            unit=Unit(code=row["code"], name=row["name"]),
            current=Unit(code=current["code"], name=current["name"]) if current else None,
        )


def _place_key(name: str) -> str:
    from rightstrack.places.normalize import split_kind_words

    key, _levels = split_kind_words(fold(name, separators=True))
    return key.replace(" ", "")


def place_resolver(log: Any) -> DatabasePlaceResolver | DataFilePlaceResolver:
    from django.db import DatabaseError

    try:
        resolver = DatabasePlaceResolver()
        if resolver._names:
            return resolver
        log(_("the database holds no provinces (run `rightstrack load_places`): using the places data file"))
    except DatabaseError:
        log(_("the database is not set up (run `rightstrack migrate`): using the places data file"))
    return DataFilePlaceResolver()


# Extraction ----------------------------------------------------------------------------------------------


def extract_files(
    paths: Sequence[Path], *, published: datetime.date | None, persons_file: Path | None, log: Any
) -> tuple[list[MeetingFacts | None], int]:
    """Facts for each path (None for a file that failed, reported through ``log``) and the failure count."""
    places = place_resolver(log)
    articles: list[Article | None] = []
    failed = 0
    for number, path in enumerate(paths, start=1):
        try:
            articles.append(read_article(path))
        except (BadFile, UnicodeDecodeError) as error:
            reason = _("the text is not UTF-8") if isinstance(error, UnicodeDecodeError) else str(error)
            log(f"{path}: {reason}")
            articles.append(None)
            failed += 1
        if number % 50 == 0:
            log(_("read %(done)d of %(total)d files") % {"done": number, "total": len(paths)})
    # Vietnamese articles first: the names they write with diacritics spell the English articles' names.
    people = NameList(_known_people(log))
    if persons_file:
        people.add(persons_file.read_text(encoding="utf-8").splitlines())
    languages = [detect_language(a.text) if a else UNKNOWN for a in articles]
    results: list[MeetingFacts | None] = [None] * len(articles)
    for index in sorted(range(len(articles)), key=lambda i: languages[i] != VI):
        article = articles[index]
        if article is None:
            continue
        if languages[index] == UNKNOWN:
            log(
                _("%(file)s: the language is neither Vietnamese nor English; read as English")
                % {"file": article.source}
            )
        facts = extract_meeting(
            article.text,
            source=article.source,
            published=published or article.published,
            places=places,
            persons=people,
            language=languages[index] if languages[index] != UNKNOWN else EN,
        )
        facts.language = languages[index]
        if languages[index] == VI:
            people.add(_people_as_written(article.text, facts))
        results[index] = facts
    return results, failed


def _known_people(log: Any) -> list[str]:
    """The people the database knows (bodies' members), for the Vietnamese spelling of English names."""
    from django.db import DatabaseError

    from rightstrack.bodies.models import Person

    try:
        return list(Person.objects.values_list("full_name", flat=True))
    except DatabaseError:
        return []


def _people_as_written(text: str, facts: MeetingFacts) -> list[str]:
    from rightstrack.nlp.mentions import find_people
    from rightstrack.nlp.text import normalize

    return [p.name for p in find_people(normalize(text))]


def _published(value: str) -> datetime.date:
    try:
        return datetime.date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date: {value!r} (write YYYY-MM-DD)") from None


def _log(message: str) -> None:
    print(f"rightstrack: {message}", file=sys.stderr, flush=True)


def extract_main(argv: Sequence[str]) -> int:
    parser = argparse.ArgumentParser(
        prog="rightstrack extract",
        description="Read the facts of a meeting from news articles or reports (.txt, .html, .docx, .pdf); "
        "one JSON object per file on stdout (JSON Lines), or with --group the meetings they report.",
    )
    parser.add_argument("files", nargs="+", type=Path, metavar="FILE")
    parser.add_argument("--published", type=_published, help="publication date YYYY-MM-DD (gives the year)")
    parser.add_argument("--group", action="store_true", help="group articles that report the same meeting")
    parser.add_argument("--persons", type=Path, help="a file of known names with diacritics, one a line")
    args = parser.parse_args(argv)
    results, failed = extract_files(args.files, published=args.published, persons_file=args.persons, log=_log)
    out = sys.stdout
    if args.group:
        done = [(path, facts) for path, facts in zip(args.files, results, strict=True) if facts is not None]
        groups = group_meetings([facts for _path, facts in done])
        events = [
            {"files": [str(done[i][0]) for i in group], **event_facts([done[i][1] for i in group])}
            for group in groups
        ]
        out.write(json.dumps({"events": events}, ensure_ascii=False) + "\n")
    else:
        for path, facts in zip(args.files, results, strict=True):
            if facts is not None:
                out.write(json.dumps({**facts.as_contract(), "source": str(path)}, ensure_ascii=False) + "\n")
    out.flush()
    _log(_("%(read)d read, %(failed)d failed") % {"read": len(args.files) - failed, "failed": failed})
    return 1 if failed else 0


def evaluate_main(argv: Sequence[str]) -> int:
    from rightstrack.nlp.evaluate import evaluate, format_report, load_expected

    parser = argparse.ArgumentParser(
        prog="rightstrack nlp evaluate-extract",
        description="Accuracy of `extract` per field, and the same-event grouping's pairwise precision and "
        "recall, over a folder of articles with a facts file read by hand.",
    )
    parser.add_argument("folder", type=Path, metavar="DIR")
    parser.add_argument("--facts", type=Path, required=True, help="the expected facts (JSON)")
    parser.add_argument("--published", type=_published)
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args(argv)
    expected = load_expected(args.facts)
    paths = [args.folder / name for name in expected.files]
    missing = [str(p) for p in paths if not p.is_file()]
    if missing:
        _log(_("missing from the folder: %(files)s") % {"files": ", ".join(missing)})
        return 2
    results, failed = extract_files(paths, published=args.published, persons_file=None, log=_log)
    facts = {path.name: f for path, f in zip(paths, results, strict=True) if f is not None}
    report = evaluate(expected, facts)
    print(json.dumps(report, ensure_ascii=False, indent=1) if args.json else format_report(report))
    return 1 if failed else 0


def main(argv: Sequence[str]) -> int:
    """Entry from ``rightstrack.cli``: ``argv`` starts with "extract" or "nlp"."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "rightstrack.settings")
    from rightstrack.bootstrap import prepare

    prepare()
    import django

    django.setup()
    if argv[:1] == ["extract"]:
        return extract_main(argv[1:])
    if argv[:2] == ["nlp", "evaluate-extract"]:
        return evaluate_main(argv[2:])
    print(
        "usage: rightstrack extract FILE... | rightstrack nlp evaluate-extract DIR --facts FILE",
        file=sys.stderr,
    )
    return 2
