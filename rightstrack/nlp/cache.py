"""Embedding caches: vectors by text digest and model version, in memory or in one SQLite file.

The SQLite adapter uses the standard library only (no Django, no database server): the command line and
jobs keep one file under ``var/`` and a second run over the same texts costs a lookup, not a model call.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterable, Mapping
from pathlib import Path

import numpy as np

from rightstrack.nlp.ports import Vector

_BATCH = 500  # keys per SELECT: SQLite allows 999 parameters in old builds


class MemoryEmbeddingCache:
    def __init__(self) -> None:
        self._vectors: dict[tuple[str, str], Vector] = {}

    def get_many(self, model_version: str, keys: Iterable[str]) -> Mapping[str, Vector]:
        vectors = self._vectors
        return {key: vectors[model_version, key] for key in keys if (model_version, key) in vectors}

    def put_many(self, model_version: str, items: Mapping[str, Vector]) -> None:
        for key, vector in items.items():
            self._vectors[model_version, key] = np.asarray(vector, dtype=np.float32)

    def __len__(self) -> int:
        return len(self._vectors)


class SqliteEmbeddingCache:
    """One table ``embedding(model, key, dim, vector)``; vectors as little-endian float32 bytes."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._lock = threading.Lock()
        self._db = sqlite3.connect(self.path, check_same_thread=False)
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.execute(
            "CREATE TABLE IF NOT EXISTS embedding (model TEXT NOT NULL, key TEXT NOT NULL,"
            " dim INTEGER NOT NULL, vector BLOB NOT NULL, PRIMARY KEY (model, key)) WITHOUT ROWID"
        )
        self._db.commit()

    def get_many(self, model_version: str, keys: Iterable[str]) -> Mapping[str, Vector]:
        wanted = list(keys)
        found: dict[str, Vector] = {}
        with self._lock:
            for start in range(0, len(wanted), _BATCH):
                chunk = wanted[start : start + _BATCH]
                marks = ",".join("?" * len(chunk))
                rows = self._db.execute(
                    f"SELECT key, dim, vector FROM embedding WHERE model = ? AND key IN ({marks})",
                    [model_version, *chunk],
                )
                for key, dim, blob in rows:
                    vector = np.frombuffer(blob, dtype="<f4")
                    if vector.shape == (dim,):
                        found[key] = vector.astype(np.float32)
        return found

    def put_many(self, model_version: str, items: Mapping[str, Vector]) -> None:
        rows = [
            (model_version, key, int(np.size(vector)), np.asarray(vector, dtype="<f4").tobytes())
            for key, vector in items.items()
        ]
        with self._lock:
            self._db.executemany("INSERT OR REPLACE INTO embedding VALUES (?, ?, ?, ?)", rows)
            self._db.commit()

    def __len__(self) -> int:
        with self._lock:
            return int(self._db.execute("SELECT count(*) FROM embedding").fetchone()[0])

    def close(self) -> None:
        with self._lock:
            self._db.close()
