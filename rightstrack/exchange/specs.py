"""Plain descriptions of a document's outline and its figures, shared by the apps and the file formats.

A ``SectionSpec`` is a section as a template declares it (the Word reader matches headings against its titles
and aliases; the writers number and title it); an ``IndicatorSpec`` is a figure's column. Values only: no
Django, no database.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class SectionSpec:
    """A section in outline order; a section with a ``parent`` belongs to the top-level section ``parent``."""

    key: str
    title: str
    title_en: str = ""
    guidance: str = ""
    guidance_en: str = ""
    parent: str | None = None  # the key of the section this one belongs to (two levels at most)
    match_aliases: tuple[str, ...] = field(default_factory=tuple)  # other headings that name this section

    @property
    def level(self) -> int:
        return 2 if self.parent else 1


@dataclass(frozen=True)
class IndicatorSpec:
    """A figure every report gives; ``label``/``unit`` are what a writer prints (already in its language)."""

    key: str
    label: str
    label_en: str = ""
    unit: str = ""
    unit_en: str = ""
    sums_across_bodies: bool = True
    allow_negative: bool = False
    decimals: int = 0
