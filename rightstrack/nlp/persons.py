"""Known persons: who an English text means by a name written without diacritics.

``NameList`` is the in-memory adapter of ``ports.PersonDirectory``: names with diacritics, looked up by their
folded form. A folded name that two different spellings share ("Nguyễn Văn Thành", "Nguyễn Văn Thanh") is
ambiguous and finds nobody: a spelling is never guessed.
"""

from __future__ import annotations

from collections.abc import Iterable

from rightstrack.core.text import fold
from rightstrack.nlp.ports import KnownPerson


class NameList:
    def __init__(self, names: Iterable[str] = ()) -> None:
        self._spellings: dict[str, set[str]] = {}
        self.add(names)

    def add(self, names: Iterable[str]) -> None:
        for name in names:
            name = " ".join(name.split())
            if name and not name.isascii():  # only a spelling with diacritics teaches anything
                self._spellings.setdefault(fold(name, separators=True), set()).add(name)

    def find(self, name_folded: str) -> KnownPerson | None:
        spellings = self._spellings.get(fold(name_folded, separators=True), set())
        return KnownPerson(name=next(iter(spellings))) if len(spellings) == 1 else None

    def __len__(self) -> int:
        return len(self._spellings)
