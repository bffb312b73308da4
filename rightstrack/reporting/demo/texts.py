"""The words of the demo's reports: a bank of paragraphs per language (data/reporting_texts_*.json) and a
profile per province (data/reporting_provinces.json), composed into plausible sections and figures.

Pure composition: nothing here writes to the database (the benchmarks use ``compose_report`` on its own).
"""

from __future__ import annotations

import datetime
import functools
import json
import random
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

from rightstrack.bodies.models import Body

DATA_DIR = Path(__file__).resolve().parent / "data"
REFORM_DAY = datetime.date(2025, 7, 1)
SECTION_COUNT = {"results": (1, 1), "proposals": (2, 4)}  # paragraphs (or list items) per section: min, max


@functools.cache
def _data(name: str) -> dict[str, Any]:
    with open(DATA_DIR / name, encoding="utf-8") as handle:
        data: dict[str, Any] = json.load(handle)
    return data


def text_bank(lang: str) -> dict[str, Any]:
    return _data(f"reporting_texts_{lang}.json")


def _profile(code: str, *, current: bool) -> dict[str, Any]:
    profiles = _data("reporting_provinces.json")["current" if current else "legacy"]
    default = {"profile": "north", "size": 1.0, "flags": []}
    return dict(profiles.get(code, default))


def _lang(code: str) -> str:
    return "en" if code in _data("reporting_provinces.json")["english"] else "vi"


# Wording ------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Period:
    """How a report names its period: 'năm 2024' / '2024', or the first half of a year."""

    start: datetime.date
    end: datetime.date

    @property
    def months(self) -> int:
        return (self.end.year - self.start.year) * 12 + self.end.month - self.start.month + 1

    @property
    def era(self) -> str:
        return "after" if self.end >= REFORM_DAY else "before"

    def words(self, lang: str) -> dict[str, str]:
        year = self.start.year
        if self.months >= 12:
            if lang == "vi":
                return {"period": f"năm {year}", "Period": f"Năm {year}", "in_period": f"trong năm {year}"}
            return {"period": str(year), "Period": f"In {year}", "in_period": f"in {year}"}
        if lang == "vi":
            half = f"6 tháng đầu năm {year}"
            return {"period": half, "Period": f"Sáu tháng đầu năm {year}", "in_period": f"trong {half}"}
        half = f"the first half of {year}"
        return {"period": half, "Period": f"In {half}", "in_period": f"in {half}"}


def _voice(body: Body, lang: str) -> dict[str, str]:
    """The province's names as the report's sentences use them."""
    unit = body.unit
    name = unit.name if unit else body.name
    city = unit is not None and "thành phố" in (unit.kind or "").lower()
    if lang == "vi":
        kind = "thành phố" if city else "tỉnh"
        place = "Thành phố Hồ Chí Minh" if unit is not None and unit.code == "79" else f"{kind} {name}"
        committee = f"Ban Chỉ đạo nhân quyền {kind}"
        return {
            "place": place,
            "Place": place[0].upper() + place[1:],
            "committee": committee,
            "Committee": committee,
            "unit_word": kind,
        }
    name_en = (unit.name_en or name) if unit else (body.name_en or name)
    if name_en.endswith("City"):
        place = name_en
    else:
        place = f"{name_en} {'City' if city else 'Province'}"
    committee = f"the {'City' if city else 'Provincial'} Human Rights Steering Committee"
    return {
        "place": place,
        "Place": place,
        "committee": committee,
        "Committee": committee[0].upper() + committee[1:],
        "unit_word": "city" if city else "province",
    }


def _number(value: int | Decimal, lang: str) -> str:
    """12345 → '12.345' in Vietnamese, '12,345' in English; decimals with a comma in Vietnamese."""
    text = f"{value:,}"
    return text.translate(str.maketrans(",.", ".,")) if lang == "vi" else text


# Figures --------------------------------------------------------------------------------------------------

_POVERTY = {
    "highlands": (4.5, 9.5),
    "north_central": (2.5, 6.0),
    "coast": (1.2, 3.8),
    "mekong": (1.0, 4.0),
    "southeast": (0.2, 1.2),
    "north": (1.0, 6.0),
}


def _values(rng: random.Random, profile: dict[str, Any], months: int) -> dict[str, int | Decimal]:
    """Plausible figures for one province and period, scaled by its size and the period's length."""
    scale = float(profile["size"]) * months / 12

    def count(low: float, high: float, step: int = 1) -> int:
        return max(step, round(rng.uniform(low, high) * scale / step) * step)

    def decimal(low: float, high: float, places: int = 1) -> Decimal:
        return Decimal(str(round(rng.uniform(low, high), places)))

    low, high = (0.1, 0.9) if "city" in profile["flags"] else _POVERTY[profile["profile"]]
    poverty = decimal(low, high, 2)
    sessions = count(180, 650)
    issued, reviewed = rng.randint(12, 45), rng.randint(40, 180)
    staff = count(300, 1400)
    return {
        "growth": decimal(5.2, 9.6),
        "sessions": sessions,
        "participants": sessions * rng.randint(45, 110),
        "staff": staff,
        "issued_docs": issued,
        "reviewed_docs": reviewed,
        "documents": issued + reviewed,
        "households": count(1500, 9000) * (2 if profile["profile"] == "highlands" else 1),
        "poverty_rate": poverty,
        "poverty_prev": (poverty * Decimal(str(round(rng.uniform(1.12, 1.45), 2)))).quantize(Decimal("0.01")),
        "houses": count(150, 1200),
        "leaflets": count(8000, 60000, 100),
        "clubs": count(40, 300),
        "legal_aid": count(150, 1500),
        "access_pct": decimal(80, 98.5),
        "insurance_pct": decimal(88, 96.5),
        "ontime_pct": decimal(96, 99.8),
        "elderly": count(10000, 70000, 10),
        "disabled": count(4000, 20000, 10),
        "gifts": count(20000, 150000, 100),
        "jobs": count(10000, 50000, 10),
        "meetings": max(1, round(rng.randint(2, 6) * months / 12)),
        "inspections": max(1, round(rng.randint(3, 12) * months / 12)),
        "petitions": count(1500, 12000),
        "resolved_pct": decimal(88, 98),
        "delegations": rng.randint(15, 60) if "city" in profile["flags"] else rng.randint(3, 25),
        "ngos": rng.randint(5, 40),
        "ngo_value": decimal(1.5, 18),
        "proposals_sent": rng.randint(2, 9),
        "sessions_commune": round(sessions * rng.uniform(0.55, 0.8)),
        "participants_minority": count(2000, 15000, 10),
        "training_pct": rng.randint(55, 80),
        "courses": rng.randint(2, 8),
        "staff_commune": count(120, 600),
    }


def _indicator_values(values: dict[str, int | Decimal]) -> dict[str, int | Decimal]:
    """The template's indicators (default_template.DEFAULT_INDICATORS), from the same figures as the text."""
    return {
        "awareness-sessions": values["sessions"],
        "awareness-participants": values["participants"],
        "staff-trained": values["staff"],
        "legal-documents": values["documents"],
        "households-supported": values["households"],
        "poverty-rate": values["poverty_rate"],
    }


# Texts ----------------------------------------------------------------------------------------------------


def _pick(
    entries: list[dict[str, Any]], tags: set[str], era: str, count: int, rng: random.Random
) -> list[str]:
    """The 'always' paragraphs, then up to two that fit the province's profile, then common ones, up to
    ``count``; kept in the bank's order so the section reads in sequence."""
    eligible = [e for e in entries if e.get("era", era) == era and e.get("for", "common") in tags]
    chosen = [e for e in eligible if e.get("always")]
    specific = [e for e in eligible if not e.get("always") and e.get("for", "common") != "common"]
    common = [e for e in eligible if not e.get("always") and e.get("for", "common") == "common"]
    rng.shuffle(specific)
    rng.shuffle(common)
    count = max(count, len(chosen) + (1 if specific else 0))  # what sets a province apart always shows
    for entry in [*specific[:2], *common]:
        if len(chosen) >= count:
            break
        chosen.append(entry)
    return [_wording(e["t"], rng) for e in sorted(chosen, key=eligible.index)]


def _wording(text: str | list[str], rng: random.Random) -> str:
    """One wording of a point: the bank gives some points in several wordings (the shortcomings, lessons
    and proposals), so provinces that make the same point say it in their own words."""
    return text if isinstance(text, str) else str(rng.choice(text))


@dataclass
class Content:
    lang: str
    sections: dict[str, str]
    figures: dict[str, int | Decimal]
    words: dict[str, str]  # every placeholder, formatted for the report's language


def compose_report(
    body: Body,
    *,
    period: Period,
    rng: random.Random,
    profile: dict[str, Any] | None = None,
    only: Sequence[str] | None = None,
    paragraphs: tuple[int, int] | None = None,
) -> Content:
    """A report's sections (HTML by section key) and figures for ``body``, in its province's language.

    ``only`` limits the sections written (a draft in progress); ``paragraphs`` overrides how many paragraphs
    each section gets (the benchmarks ask for longer reports).
    """
    code = body.unit.code if body.unit else ""
    profile = profile or _profile(code, current=body.dissolved_on is None)
    lang = _lang(code)
    bank = text_bank(lang)
    values = _values(rng, profile, period.months)
    words = {
        **{key: _number(value, lang) for key, value in values.items()},
        **_voice(body, lang),
        **period.words(lang),
    }
    tags = {"common", profile["profile"], *profile["flags"]}
    sections: dict[str, str] = {}
    for key, entries in bank["sections"].items():
        if only is not None and key not in only:
            continue
        low, high = paragraphs or SECTION_COUNT.get(key, (1, 3))
        picked = [
            text.format_map(words) for text in _pick(entries, tags, period.era, rng.randint(low, high), rng)
        ]
        intro = bank["list_intro"].get(key)
        if intro:
            items = "".join(f"<li>{text}</li>" for text in picked)
            sections[key] = f"<p>{intro.format_map(words)}</p>\n<ol>{items}</ol>"
        else:
            sections[key] = "\n".join(f"<p>{text}</p>" for text in picked)
    return Content(lang=lang, sections=sections, figures=_indicator_values(values), words=words)


def amended_section(content: Content, section_key: str) -> str:
    """The section as the province rewrote it after a return: the reviewer's point answered."""
    addition = text_bank(content.lang)["amendments"][section_key].format_map(content.words)
    html = content.sections[section_key]
    if html.endswith("</ol>"):
        return html[: -len("</ol>")] + f"<li>{addition}</li></ol>"
    return f"{html}\n<p>{addition}</p>"
