"""A progress bar on stderr for commands that run a job in the foreground (stdout stays for results)."""

from __future__ import annotations

import sys
import time
from typing import Any, TextIO

from django.utils.translation import gettext

BAR_WIDTH = 30


class ConsoleProgress:
    """Draws ``[#####.....]  12/63  message`` on one line of a terminal; on a pipe or file it writes a line
    at most every ``interval`` seconds and at the end, so logs stay readable."""

    def __init__(self, stream: Any = None, *, interval: float = 1.0) -> None:
        """``stream``: a text stream (default sys.stderr), e.g. a command's ``self.stderr._out``."""
        self.stream: TextIO = stream if stream is not None else sys.stderr
        self.tty = bool(getattr(self.stream, "isatty", lambda: False)())
        self.interval = interval
        self.total = 0
        self.done = 0
        self.message = ""
        self._last = 0.0

    def start(self, total: int, message: str = "", **params: Any) -> None:
        self.total, self.done = max(0, total), 0
        self._say(message, params)
        self._draw(force=True)

    def advance(self, step: int = 1, message: str = "", **params: Any) -> None:
        self.done = min(self.done + step, self.total or self.done + step)
        self._say(message, params)
        finished = bool(self.total) and self.done >= self.total
        self._draw(force=finished)
        if finished:
            self.stream.write("\n")
            self.stream.flush()

    def _say(self, message: str, params: dict[str, Any]) -> None:
        if message:
            text = gettext(message)
            self.message = text % params if params else text

    def _draw(self, *, force: bool) -> None:
        now = time.monotonic()
        if not force and not self.tty and now - self._last < self.interval:
            return
        self._last = now
        filled = BAR_WIDTH * self.done // self.total if self.total else 0
        line = f"[{'#' * filled}{'.' * (BAR_WIDTH - filled)}] {self.done}/{self.total} {self.message}"
        if self.tty:
            self.stream.write("\r\033[K" + line)
        else:
            self.stream.write(line + ("" if force and self.done >= self.total and self.total else "\n"))
        self.stream.flush()
