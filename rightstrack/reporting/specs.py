"""A template's sections and indicators as plain specs (``exchange.specs``): what services build versions
from, and what the Word importer matches headings against."""

from __future__ import annotations

from rightstrack.exchange.specs import IndicatorSpec, SectionSpec
from rightstrack.reporting.models import ReportTemplate

__all__ = ["IndicatorSpec", "SectionSpec", "specs_of"]


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
