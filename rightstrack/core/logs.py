"""JSON log lines for a log collector (LOG_FORMAT=json): one object a line, with the request id.

Loaded by the logging configuration before the apps are ready, so it imports no model.
"""

from __future__ import annotations

import datetime
import json
import logging
import traceback
from typing import Any


class JsonLogFormatter(logging.Formatter):
    """time (UTC, ms), level, logger, message, request_id (null outside a request), pid, and any traceback."""

    def format(self, record: logging.LogRecord) -> str:
        request_id = getattr(record, "request_id", None)
        entry: dict[str, Any] = {
            "time": datetime.datetime.fromtimestamp(record.created, tz=datetime.UTC).isoformat(
                timespec="milliseconds"
            ),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
            "request_id": None if request_id in (None, "", "-") else request_id,
            "pid": record.process,
        }
        if record.exc_info:
            entry["exception"] = "".join(traceback.format_exception(*record.exc_info))
        elif record.stack_info:
            entry["stack"] = record.stack_info
        return json.dumps(entry, ensure_ascii=False, default=str)
