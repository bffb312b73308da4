"""Job kinds: each app registers what its long operations are, who may start them and what they are called."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Protocol

if TYPE_CHECKING:
    from rightstrack.core.jobs.models import Job


class Progress(Protocol):
    """What a running job reports through: the web (a row the page polls) and the CLI (a bar on stderr)."""

    def start(self, total: int, message: str = "", **params: Any) -> None: ...

    def advance(self, step: int = 1, message: str = "", **params: Any) -> None: ...


@dataclass(frozen=True)
class JobOutput:
    """What a job produced: a file to download, and/or data for the page that follows (e.g. a preview)."""

    content: bytes | None = None
    name: str = ""
    content_type: str = "application/octet-stream"
    data: Any = None


@dataclass(frozen=True)
class JobKind:
    """A registered operation. ``run(job, progress)`` does the work and may raise ValidationError, whose
    messages are shown to the user; any other exception is logged and shown as a generic failure."""

    name: str
    run: Callable[[Job, Progress], JobOutput | None]
    label: Any  # a lazy translatable string
    permission: str  # a model-level permission the actor needs to start it (object checks are the app's)
    success_url: Callable[[Job], str] | None = None
    # What the API shows as a finished job's ``result`` (an import's plan); None: nothing but the file.
    present: Callable[[Job], Any] | None = None


_KINDS: dict[str, JobKind] = {}


def register_job_kind(kind: JobKind) -> JobKind:
    if kind.name in _KINDS and _KINDS[kind.name] != kind:
        raise ValueError(f"job kind {kind.name!r} is registered twice")
    _KINDS[kind.name] = kind
    return kind


def job_kind(name: str) -> JobKind:
    try:
        return _KINDS[name]
    except KeyError:
        raise LookupError(f"no job kind {name!r}: register it from its app's apps.py or jobs.py") from None


def kind_or_none(name: str) -> JobKind | None:
    return _KINDS.get(name)


def label_of(name: str) -> str:
    kind = _KINDS.get(name)
    return str(kind.label) if kind is not None else name


def registered_kinds() -> list[JobKind]:
    return sorted(_KINDS.values(), key=lambda k: k.name)
