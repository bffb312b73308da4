"""Job kinds: each app declares what its long operations are, who may start them and what they are called.

An app lists its kinds in its ``Contribution(jobs=[...])`` (``core.registry``, from ``apps.py``); the
callables are dotted paths imported on first use, so ``ready()`` imports none of the work.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import IO, TYPE_CHECKING, Any, Protocol

from rightstrack.core import registry

if TYPE_CHECKING:
    from rightstrack.core.jobs.models import Job


class Progress(Protocol):
    """What a running job reports through: the web (a row the page polls) and the CLI (a bar on stderr)."""

    def start(self, total: int, message: str = "", **params: Any) -> None: ...

    def advance(self, step: int = 1, message: str = "", **params: Any) -> None: ...


@dataclass(frozen=True)
class JobOutput:
    """What a job produced: a file to download, and/or data for the page that follows (e.g. a preview).
    A large file comes as ``file`` (open, read from its start, closed once stored) instead of ``content``,
    so that it is never held in memory whole."""

    content: bytes | None = None
    name: str = ""
    content_type: str = "application/octet-stream"
    data: Any = None
    file: IO[bytes] | None = None


def _callable(value: Callable[..., Any] | str | None) -> Callable[..., Any] | None:
    return registry.resolve(value) if isinstance(value, str) else value


@dataclass(frozen=True)
class JobKind:
    """A registered operation. ``run(job, progress) -> JobOutput | None`` does the work and may raise
    ValidationError, whose messages are shown to the user; any other exception is logged and shown as a
    generic failure. ``run``, ``success_url`` and ``present`` are callables or their dotted paths."""

    name: str
    run: Callable[[Job, Progress], JobOutput | None] | str
    label: Any  # a lazy translatable string
    permission: str  # a model-level permission the actor needs to start it (object checks are the app's)
    # Where a finished job leads (``f(job) -> url``; an import's preview); None: the download.
    success_url: Callable[[Job], str] | str | None = None
    # What the API shows as a finished job's ``result`` (``f(job)``; an import's plan); None: only the file.
    present: Callable[[Job], Any] | str | None = None

    def runner(self) -> Callable[[Job, Progress], JobOutput | None]:
        function = _callable(self.run)
        assert function is not None
        return function

    def success_url_for(self, job: Job) -> str | None:
        function = _callable(self.success_url)
        return None if function is None else function(job)

    def presenter(self) -> Callable[[Job], Any] | None:
        return _callable(self.present)


def job_kind(name: str) -> JobKind:
    try:
        return registry.job_kinds()[name]
    except KeyError:
        raise LookupError(f"no job kind {name!r}: list it in its app's Contribution(jobs=...)") from None


def kind_or_none(name: str) -> JobKind | None:
    return registry.job_kinds().get(name)


def label_of(name: str) -> str:
    kind = kind_or_none(name)
    return str(kind.label) if kind is not None else name


def registered_kinds() -> list[JobKind]:
    return sorted(registry.job_kinds().values(), key=lambda k: k.name)
