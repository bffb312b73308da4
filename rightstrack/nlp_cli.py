"""`rightstrack extract` and `rightstrack nlp evaluate-extract`: the meeting reader on files, wired in.

    rightstrack extract FILE... [--published YYYY-MM-DD] [--group] [--persons FILE] [--addresses FILE]
    rightstrack nlp evaluate-extract DIR --facts FILE [--published YYYY-MM-DD] [--addresses FILE]

``rightstrack.nlp`` imports no Django; this module is the adapter side: files are checked by the exchange
app's upload checks (type by content, size, ZIP bombs) and read by the exchange app's one reader of
documents (``exchange/articles.py``: text, HTML through trafilatura, DOCX, PDF's text layer), the reader the
documents app ingests with; place names resolve through the places app's resolvers (``places/provinces.py``,
shared with the documents app) when the database holds the administrative units, else through the same
data file the places app loads; known persons are the people
the database holds (bodies' members), the names the Vietnamese articles of the same run write with
diacritics, and any ``--persons`` file (one name a line). A file's web address (``--addresses``: lines of
"FILE ADDRESS"; a web page's own canonical address otherwise) gives the meeting's kind when its text states
none (``nlp/address.py``); stderr then says so.
JSON goes to stdout; progress and errors to stderr. Exit status 1 when any file failed, 2 on bad usage.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import sys
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.utils.translation import gettext as _

from rightstrack.nlp.events import event_facts, group_meetings
from rightstrack.nlp.language import EN, UNKNOWN, VI, detect_language
from rightstrack.nlp.meeting import MeetingFacts, extract_meeting
from rightstrack.nlp.persons import NameList
from rightstrack.places.provinces import DataFileProvinceResolver, ProvinceResolver

MAX_FILE_BYTES = 20 * 1024 * 1024  # an article is kilobytes; a report, a few megabytes


class BadFile(Exception):
    """A file that cannot be read as an article; the message says why and what to do."""


# Reading files -------------------------------------------------------------------------------------------


@dataclass
class Article:
    source: str
    text: str
    published: datetime.date | None = None
    address: str = ""


def read_article(path: Path) -> Article:
    """The text of the article in ``path`` (.txt, .html, .docx, .pdf, by content), or ``BadFile``: the file is
    checked here (size, type by content) and read by the one reader the documents app ingests with
    (``exchange.articles.read_document``); its refusals are told in this command's words (``_reason``)."""
    from django.core.exceptions import ValidationError

    from rightstrack.exchange import uploads
    from rightstrack.exchange.articles import read_document

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
    try:
        read = read_document(data, kind)
    except ValidationError as error:
        raise BadFile(_reason(error, kind)) from error
    # Only a web page's metadata dates an article here: a Word file's "created" property is when the file
    # was made (python-docx's own template says 2013), not when the article was published.
    published = read.published if kind == uploads.HTML else None
    return Article(source=str(path), text=read.text, published=published, address=read.address)


def _reason(error: Any, kind: str) -> str:
    """A refusal of the reader, in this command's words (stderr says what is wrong with the file)."""
    from rightstrack.exchange import uploads

    code = getattr(error, "code", None)
    if code == "encoding":
        return str(_("the text is not UTF-8"))
    if code == "no_article":
        return str(_("the web page has no article in it (only menus, links or scripts)"))
    if code == "too_complex":
        return str(_("the Word document is too complex to read"))
    if code == "encrypted":
        return str(_("the PDF is password-protected"))
    if code == "no_text_layer":
        return str(
            _(
                "the PDF has no text layer (a scanned document?); OCR is not done here: "
                "give its text or a Word file"
            )
        )
    if code == "corrupt":
        if kind == uploads.PDF:
            return str(_("the PDF is damaged and cannot be read"))
        return str(_("the Word document is damaged; open it in Word and save it again"))
    if code == "no_text":
        return str(_("the file holds no article text"))
    return " ".join(error.messages)


# Places: the places app's resolvers (``places/provinces.py``), the database's or its data file's ---------

DatabasePlaceResolver = ProvinceResolver
DataFilePlaceResolver = DataFileProvinceResolver


def place_resolver(log: Any) -> ProvinceResolver | DataFileProvinceResolver:
    from django.db import DatabaseError

    try:
        resolver = ProvinceResolver()
        if resolver._names:
            return resolver
        log(_("the database holds no provinces (run `rightstrack load_places`): using the places data file"))
    except DatabaseError:
        log(_("the database is not set up (run `rightstrack migrate`): using the places data file"))
    return DataFileProvinceResolver()


# Extraction ----------------------------------------------------------------------------------------------


def read_addresses(path: Path) -> dict[str, str]:
    """An addresses file: one "FILE ADDRESS" a line (FILE as given on the command line or its name alone;
    blank lines and lines starting with "#" are skipped). A line without an http(s) address is an error."""
    addresses: dict[str, str] = {}
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        name, _sep, address = line.rpartition(" ")
        address = address.strip()
        if not name.strip() or not address.lower().startswith(("http://", "https://")):
            raise argparse.ArgumentTypeError(
                _("%(file)s, line %(line)d: write a file name, a space and its web address")
                % {"file": path, "line": number}
            )
        addresses[name.strip()] = address
    return addresses


def _address(path: Path, article: Article, addresses: Mapping[str, str]) -> str:
    return addresses.get(str(path)) or addresses.get(path.name) or article.address


def extract_files(
    paths: Sequence[Path],
    *,
    published: datetime.date | None,
    persons_file: Path | None,
    log: Any,
    addresses: Mapping[str, str] | None = None,
) -> tuple[list[MeetingFacts | None], int]:
    """Facts for each path (None for a file that failed, reported through ``log``) and the failure count.
    ``addresses`` maps a path (or a file name) to the web address the article was published at."""
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
            address=_address(paths[index], article, addresses or {}),
        )
        if "kind" in facts.from_address:
            log(
                _("%(file)s: the text does not state the meeting's kind; read from its web address")
                % {"file": article.source}
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


ADDRESSES_HELP = (
    "a file of 'FILE ADDRESS' lines: the web address each article was published at (its words give the "
    "meeting's kind when the text states none)"
)


def _addresses(value: str) -> dict[str, str]:
    path = Path(value)
    if not path.is_file():
        raise argparse.ArgumentTypeError(f"no such file: {value}")
    return read_addresses(path)


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
    parser.add_argument("--addresses", type=_addresses, help=ADDRESSES_HELP)
    args = parser.parse_args(argv)
    results, failed = extract_files(
        args.files, published=args.published, persons_file=args.persons, log=_log, addresses=args.addresses
    )
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
    parser.add_argument("--addresses", type=_addresses, help=ADDRESSES_HELP)
    args = parser.parse_args(argv)
    expected = load_expected(args.facts)
    paths = [args.folder / name for name in expected.files]
    missing = [str(p) for p in paths if not p.is_file()]
    if missing:
        _log(_("missing from the folder: %(files)s") % {"files": ", ".join(missing)})
        return 2
    results, failed = extract_files(
        paths, published=args.published, persons_file=None, log=_log, addresses=args.addresses
    )
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
