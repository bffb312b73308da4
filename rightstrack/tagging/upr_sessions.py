"""The UN's thematic lists of UPR sessions as labelled data for ``rightstrack nlp evaluate``: which files of a
data folder are lists and of which session, their rows, and their theme and group names read as one term
across the versions of UHRI's lists (``THEME_RENAMED``), each theme with the description the product ships."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

from rightstrack.nlp.tagging import Example, Term
from rightstrack.tagging.taxonomies import UHRI_THEME, described, name_code

# An OHCHR thematic list of one UPR session (``.docx`` as OHCHR issues it, or its text as ``.md``), named
# by its session ("UPR48_..."): every one in ``upr/`` is read, so a session added there is measured unseen.
UPR_LIST = re.compile(r"thematic[ _-]*list", re.I)
UPR_SESSION = re.compile(r"upr[ _-]*(\d+)", re.I)
# UHRI renamed some themes between the versions of its theme list the sessions use (the 2nd, 3rd and 4th
# UPR cycles' lists): the evaluation across sessions reads them as one term (coded as in the latest list).
# Only renames (the same theme under a new name), never merges of different themes.
THEME_RENAMED = {  # an earlier name: the latest
    "Prohibition of slavery, trafficking": "Human trafficking & contemporary forms of slavery",
    "Right to work": "Labour rights and right to work",
    "Right to work and to just & favorable conditions of work & labour rights": (
        "Labour rights and right to work"
    ),
    "Human Rights & drinking water and sanitation": "Safe drinking water & sanitation",
    "Acceptance of international norms": "Ratification of & accession to international instruments",
    "Right to an effective remedy": "Access to justice & remedy",
    "Right to effective remedy & reparations": "Access to justice & remedy",
    "Legal, institutional & policy framework": "Institutions & policies - General",
    "Sexual & other forms of gender-based violence": "Sexual & gender-based violence",
    "National Plans of Action on Human Rights (or specific areas)": (
        "National Human Rights Action Plans (or specific areas) / implementation plans"
    ),
    "Right to participate in public affairs & right to vote": (
        "Right to participation in public affairs & right to vote"
    ),
    "Cooperation & Follow up with Treaty Bodies": "Cooperation with treaty bodies",
    "Freedom of opinion & expression & right to information": (
        "Freedom of opinion and expression & access to information"
    ),
    "Inter-State cooperation & development or humanitarian assistance": (
        "Inter-State cooperation & development assistance"
    ),
    "Cooperation and meaningful consultation with civil society & participation": (
        "Cooperation & consultation with civil society"
    ),
    "Statistics, indicators & disaggregated data": "Statistics and indicators",
    "Access to sexual & reproductive health & services": "Sexual & reproductive health and rights",
}


def _plain_code(name: str) -> str:
    """A name's code with '&' read as 'and', 'and' and a trailing '- General' dropped."""
    text = re.sub(r"\s*-\s*general\s*$", "", name.strip(), flags=re.I)
    return "-".join(word for word in name_code(text.replace("&", " and ")).split("-") if word != "and")


THEME_RENAMES = {_plain_code(earlier): _plain_code(latest) for earlier, latest in THEME_RENAMED.items()}


def canonical(name: str) -> str:
    """The code a UN theme or group name has across sessions: its plain code, then UHRI's renames
    (``THEME_RENAMED``)."""
    code = _plain_code(name)
    return THEME_RENAMES.get(code, code)


def session_files(folder: Path) -> dict[str, Path]:
    """The thematic lists in ``folder/upr`` by session ("UPR20"), in the sessions' order; of two files of
    one session, the first by name."""
    found: dict[str, Path] = {}
    for path in sorted((folder / "upr").glob("*")) if (folder / "upr").is_dir() else []:
        if path.suffix.lower() in (".docx", ".md") and UPR_LIST.search(path.name):
            number = UPR_SESSION.search(path.name)
            found.setdefault(f"UPR{int(number.group(1))}" if number else path.stem, path)
    return dict(sorted(found.items(), key=lambda item: (len(item[0]), item[0])))


def session_rows(folder: Path) -> dict[str, list[Any]]:
    """Each session's rows as the product's reader reads its list (``exchange.un_recommendations``)."""
    from rightstrack.exchange.un_recommendations import read_file

    rows = {}
    for session, path in session_files(folder).items():
        with path.open("rb") as handle:
            rows[session] = read_file(handle, name=path.name).rows
    return rows


def canonical_examples(key: str, rows: Sequence[Any]) -> tuple[list[Example], dict[str, str]]:
    """The rows' texts labelled with their themes' (or groups') ``canonical`` codes, and a UN name for each
    code (the first met)."""
    names: dict[str, str] = {}
    out = []
    for row in rows:
        labels = set()
        for name in row.themes if key == UHRI_THEME else row.affected_persons:
            names.setdefault(canonical(name), name)
            labels.add(canonical(name))
        if labels and row.text.strip():
            out.append((row.text, frozenset(labels)))
    return out, names


def session_term(key: str, code: str, name: str) -> Term:
    """A term of the sessions' taxonomy (``canonical`` code), a UHRI theme with the description the product
    ships for its UN name (what a database that imported that name would give it)."""
    if key != UHRI_THEME:
        return Term(code, name)
    return replace(described(Term(name_code(name), name)), code=code)
