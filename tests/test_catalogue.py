"""The Vietnamese catalogue is complete, free of fuzzy entries, and its compiled .mo matches the .po.

Users may install rightstrack without gettext, so the compiled catalogue is committed; these tests catch a
.po that was edited (or refreshed with makemessages) without translating and recompiling.
"""

from __future__ import annotations

import ast
import gettext
import re
import shutil
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

import pytest

LOCALE = Path(__file__).resolve().parent.parent / "rightstrack" / "locale" / "vi" / "LC_MESSAGES"
PO, MO = LOCALE / "django.po", LOCALE / "django.mo"
PLACEHOLDER = re.compile(r"%\(\w+\)[sdif]|%[sdif]|\{\{\s*\w+\s*\}\}")


@dataclass
class Entry:
    flags: set[str] = field(default_factory=set)
    msgctxt: str | None = None
    msgid: str = ""
    msgid_plural: str | None = None
    msgstr: dict[int, str] = field(default_factory=dict)
    obsolete: bool = False
    line: int = 0


def parse_po(path: Path) -> list[Entry]:
    """A tiny PO reader: enough for the files makemessages writes (no multi-domain tricks)."""
    entries: list[Entry] = []
    entry = Entry()
    target: tuple[str, int] | None = None

    def flush() -> None:
        nonlocal entry, target
        if entry.msgstr or entry.msgid or entry.msgid_plural is not None:
            entries.append(entry)
        entry, target = Entry(), None

    for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        line = raw.strip()
        if line.startswith("#~"):
            entry.obsolete = True
            continue
        if not line:
            flush()
            continue
        if line.startswith("#,"):
            if entry.msgstr:  # a new entry starts without a blank line
                flush()
            entry.flags.update(flag.strip() for flag in line[2:].split(","))
            continue
        if line.startswith("#"):
            continue
        keyword, _, rest = line.partition(" ")
        if line.startswith('"'):
            keyword, rest = "", line
        value = ast.literal_eval(rest) if rest else ""
        if keyword in {"msgctxt", "msgid"} and entry.msgstr:
            flush()
        if keyword == "msgctxt":
            entry.msgctxt, target = value, ("msgctxt", 0)
        elif keyword == "msgid":
            entry.msgid, entry.line, target = value, number, ("msgid", 0)
        elif keyword == "msgid_plural":
            entry.msgid_plural, target = value, ("msgid_plural", 0)
        elif keyword.startswith("msgstr"):
            index = int(keyword[7:-1]) if keyword.startswith("msgstr[") else 0
            entry.msgstr[index], target = value, ("msgstr", index)
        elif keyword == "" and target is not None:
            name, index = target
            if name == "msgstr":
                entry.msgstr[index] += value
            else:
                setattr(entry, name, (getattr(entry, name) or "") + value)
    flush()
    return entries


@pytest.fixture(scope="module")
def entries() -> list[Entry]:
    assert PO.exists(), f"{PO} is missing: run makemessages -l vi"
    return parse_po(PO)


def _messages(entries: list[Entry]) -> list[Entry]:
    return [e for e in entries if e.msgid and not e.obsolete]


def _where(e: Entry) -> str:
    return f"line {e.line}: {e.msgid!r}"


def test_header_declares_vietnamese_with_one_plural_form(entries: list[Entry]) -> None:
    header = next(e for e in entries if e.msgid == "" and not e.obsolete)
    assert "Language: vi\n" in header.msgstr[0]
    assert "Plural-Forms: nplurals=1; plural=0;" in header.msgstr[0]
    assert "charset=UTF-8" in header.msgstr[0]
    assert "fuzzy" not in header.flags


def test_every_message_is_translated(entries: list[Entry]) -> None:
    messages = _messages(entries)
    assert len(messages) > 100, "the catalogue looks truncated"
    untranslated = [
        _where(e) for e in messages if not e.msgstr or any(not s.strip() for s in e.msgstr.values())
    ]
    assert not untranslated, "untranslated:\n" + "\n".join(untranslated)


def test_no_message_is_fuzzy(entries: list[Entry]) -> None:
    fuzzy = [_where(e) for e in _messages(entries) if "fuzzy" in e.flags]
    assert not fuzzy, "fuzzy (check, fix and remove the flag):\n" + "\n".join(fuzzy)


def test_no_obsolete_entries_linger(entries: list[Entry]) -> None:
    assert not [e for e in entries if e.obsolete], "run makemessages with --no-obsolete"


def test_plural_messages_have_exactly_one_form(entries: list[Entry]) -> None:
    wrong = [_where(e) for e in _messages(entries) if e.msgid_plural is not None and sorted(e.msgstr) != [0]]
    assert not wrong, "Vietnamese has one plural form (msgstr[0] only):\n" + "\n".join(wrong)


def test_placeholders_survive_translation(entries: list[Entry]) -> None:
    wrong = []
    for e in _messages(entries):
        expected = sorted(PLACEHOLDER.findall(e.msgid))
        for translation in e.msgstr.values():
            if sorted(PLACEHOLDER.findall(translation)) != expected:
                if e.msgid_plural is not None and sorted(PLACEHOLDER.findall(translation)) == sorted(
                    PLACEHOLDER.findall(e.msgid_plural)
                ):
                    continue
                wrong.append(f"{_where(e)} -> {translation!r}")
    assert not wrong, "placeholders differ:\n" + "\n".join(wrong)


def test_compiled_catalogue_matches_the_po(entries: list[Entry]) -> None:
    assert MO.exists(), f"{MO} is missing: run compilemessages"
    with MO.open("rb") as handle:
        compiled = gettext.GNUTranslations(handle)
    stale = []
    for e in _messages(entries):
        if e.msgid_plural is not None:
            key: object = (e.msgid if e.msgctxt is None else f"{e.msgctxt}\x04{e.msgid}", 0)
        else:
            key = e.msgid if e.msgctxt is None else f"{e.msgctxt}\x04{e.msgid}"
        if compiled._catalog.get(key) != e.msgstr[0]:  # type: ignore[attr-defined]
            stale.append(_where(e))
    assert not stale, "django.mo is out of date (run compilemessages):\n" + "\n".join(stale)
    in_po = len(_messages(entries))
    in_mo = len({k[0] if isinstance(k, tuple) else k for k in compiled._catalog if k != ""})  # type: ignore[attr-defined]
    assert in_mo == in_po, f"django.mo holds {in_mo} messages, django.po {in_po}: run compilemessages"


@pytest.mark.skipif(shutil.which("msgfmt") is None, reason="gettext's msgfmt is not installed")
def test_msgfmt_accepts_the_po() -> None:
    result = subprocess.run(
        ["msgfmt", "--check", "--statistics", "-o", "/dev/null", str(PO)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "untranslated" not in result.stderr and "fuzzy" not in result.stderr, result.stderr
