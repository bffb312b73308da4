"""What this package needs from outside, as protocols: adapters implement them, the project wires them.

Nothing here knows Django. ``PlaceResolver`` and ``PersonDirectory`` are answered by the places app and the
people the database knows (wired in ``rightstrack/nlp_commands.py``); ``Embedder`` and ``EmbeddingCache`` have
adapters in this package (``embeddings.py``, ``cache.py``).
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Literal, Protocol

import numpy as np
import numpy.typing as npt

Vector = npt.NDArray[np.float32]
Matrix = npt.NDArray[np.float32]
EmbeddingKind = Literal["query", "passage"]


@dataclass(frozen=True)
class Unit:
    """An administrative unit as the extraction reports it."""

    code: str
    name: str

    def as_dict(self) -> dict[str, str]:
        return {"code": self.code, "name": self.name}


@dataclass(frozen=True)
class PlaceMatch:
    """What a place name means: the unit it names and the unit holding that territory today (the same unit
    when it still exists)."""

    unit: Unit
    current: Unit | None


class PlaceResolver(Protocol):
    def names(self) -> Iterable[str]:
        """Every spelling of every province-level unit, past and present ("Bà Rịa - Vũng Tàu", "BRVT",
        "Ho Chi Minh City"): the names the reader looks for in a text."""
        ...

    def resolve(self, name: str, *, on: datetime.date | None = None) -> PlaceMatch | None:
        """The unit ``name`` named on ``on`` (default today) and the unit holding its territory today; None
        when unknown or ambiguous: a place is never guessed."""
        ...


@dataclass(frozen=True)
class KnownPerson:
    name: str  # with diacritics, as the person writes it


class PersonDirectory(Protocol):
    def find(self, name_folded: str) -> KnownPerson | None:
        """The one known person whose folded name is ``name_folded``; None when none or several match."""
        ...


class Embedder(Protocol):
    """A text embedding model. ``model_version`` names the model and its weights exactly: cached vectors and
    stored suggestions carry it."""

    model_version: str

    @property
    def dim(self) -> int: ...

    def embed(self, texts: Sequence[str], *, kind: EmbeddingKind = "passage") -> Matrix:
        """One L2-normalised row per text, in order. ``kind`` is the e5 prefix: "query" for what is searched
        with or classified, "passage" for what is searched in."""
        ...


class EmbeddingCache(Protocol):
    def get_many(self, model_version: str, keys: Iterable[str]) -> Mapping[str, Vector]:
        """The cached vectors among ``keys`` for ``model_version``; missing keys are absent."""
        ...

    def put_many(self, model_version: str, items: Mapping[str, Vector]) -> None: ...
