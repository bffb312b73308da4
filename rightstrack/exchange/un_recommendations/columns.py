"""The UHRI export's columns: our field names, the headers seen in the wild for each, and the header row
matched against them (folded), with a problem for each required column missing."""

from __future__ import annotations

from django.utils.translation import gettext as _

from rightstrack.core.text import fold
from rightstrack.exchange.un_recommendations.fields import clean
from rightstrack.exchange.un_recommendations.rows import Problem

# UHRI export columns: our name -> the headers seen in the wild (the misspelt ones included).
UHRI_COLUMNS: dict[str, tuple[str, ...]] = {
    "text": ("Text", "Recommendation", "Recommendation Text"),
    "countries": ("Countries Concerned", "Country Concerned", "Countries"),
    "regions": ("Regions Concerned",),
    "body": ("Reccomending Body", "Recommending Body", "Body", "Mechanism"),
    "type": ("Type", "Annotation Type"),
    "symbol": ("Document Symbol", "Symbol"),
    "date": ("Document Publication Date", "Publication Date", "Date"),
    "themes": ("Themes", "Theme"),
    "persons": ("Affected Persons", "Groups of Persons"),
    "sdgs": ("Sdgs", "SDGs", "SDG"),
    "id": ("OHCHR Annotation Id", "Annotation Id", "Id", "External Id"),
    "session": ("UPR Session", "Session"),
    "states": ("UPR Reccomending States", "UPR Recommending States", "Recommending States"),
    "position": ("UPR Position", "Position"),
    "number": ("Number", "Recommendation Number", "Paragraph"),
    "response": ("Response", "Government Response"),
}
REQUIRED_COLUMNS = ("text", "body")


def header_map(headers: list[str]) -> tuple[dict[str, int], list[Problem]]:
    """Our field → column index, from the file's headers (matched folded); problems for missing columns."""
    folded = {fold(clean(h), separators=True): index for index, h in enumerate(headers) if clean(h)}
    found: dict[str, int] = {}
    for name, aliases in UHRI_COLUMNS.items():
        for alias in aliases:
            index = folded.get(fold(alias, separators=True))
            if index is not None:
                found[name] = index
                break
    problems = []
    for name in REQUIRED_COLUMNS:
        if name in found:
            continue
        expected = UHRI_COLUMNS[name][0] if name != "body" else "Reccomending Body / Recommending Body"
        unknown = [clean(h) for i, h in enumerate(headers) if clean(h) and i not in found.values()]
        problems.append(
            Problem(
                _(
                    "The column “%(column)s” is missing (the columns found are: %(found)s). Rename the "
                    "column that holds it, or export the file from UHRI again with this column."
                )
                % {"column": expected, "found": ", ".join(unknown) or "—"},
                row=1,
                column=expected,
                code="missing_column",
            )
        )
    return found, problems


def column_name(name: str) -> str:
    return UHRI_COLUMNS[name][0] if name != "body" else "Reccomending Body"
