"""Who is acting, from where, under which request id: set once per request, command or task.

Services read it when they write audit records, so a write made from the admin, the API, the CLI, an
import or a background task is attributed the same way as one made from a page.
"""

from __future__ import annotations

import contextlib
import uuid
from collections.abc import Iterator
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class ActionContext:
    source: str = "system"  # web, api, admin, cli, import, task, system
    request_id: str = ""
    actor: Any = None  # accounts.User or None


_NONE = ActionContext()
_current: ContextVar[ActionContext | None] = ContextVar("rightstrack_action_context", default=None)


def current() -> ActionContext:
    return _current.get() or _NONE


def new_request_id() -> str:
    return uuid.uuid4().hex


@contextlib.contextmanager
def action_context(
    *, source: str, actor: Any = None, request_id: str | None = None
) -> Iterator[ActionContext]:
    """Run a block as one attributed action (a CLI command, an import, a task)."""
    ctx = ActionContext(source=source, request_id=request_id or new_request_id(), actor=actor)
    token = _current.set(ctx)
    try:
        yield ctx
    finally:
        _current.reset(token)


def set_actor(actor: Any) -> None:
    ctx = current()
    _current.set(ActionContext(source=ctx.source, request_id=ctx.request_id, actor=actor))
