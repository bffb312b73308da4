"""Plain descriptions of a template's sections and indicators: what services build versions from."""

from __future__ import annotations

from dataclasses import dataclass, field

from rightstrack.reporting.models import ReportTemplate


@dataclass(frozen=True)
class SectionSpec:
    key: str
    title: str
    title_en: str = ""
    guidance: str = ""
    guidance_en: str = ""
    parent: str | None = None  # the key of the section this one belongs to (two levels at most)
    match_aliases: tuple[str, ...] = field(default_factory=tuple)


@dataclass(frozen=True)
class IndicatorSpec:
    key: str
    label: str
    label_en: str = ""
    unit: str = ""
    unit_en: str = ""
    sums_across_bodies: bool = True
    allow_negative: bool = False
    decimals: int = 0


def specs_of(template: ReportTemplate) -> tuple[list[SectionSpec], list[IndicatorSpec]]:
    """The specs that would rebuild ``template``: the starting point of a revision."""
    sections = list(template.sections.select_related("parent").order_by("order"))
    indicators = list(template.indicators.order_by("order"))
    return (
        [
            SectionSpec(
                key=s.key,
                title=s.title,
                title_en=s.title_en,
                guidance=s.guidance,
                guidance_en=s.guidance_en,
                parent=s.parent.key if s.parent else None,
                match_aliases=tuple(s.match_aliases or ()),
            )
            for s in sections
        ],
        [
            IndicatorSpec(
                key=i.key,
                label=i.label,
                label_en=i.label_en,
                unit=i.unit,
                unit_en=i.unit_en,
                sums_across_bodies=i.sums_across_bodies,
                allow_negative=i.allow_negative,
                decimals=i.decimals,
            )
            for i in indicators
        ],
    )
