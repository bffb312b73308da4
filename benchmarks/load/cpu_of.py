"""CPU seconds (user + system) that process trees have used so far: each root, its live descendants, and
the children it has already reaped (a gunicorn master's old workers, a PostgreSQL postmaster's finished
backends). Linux only (/proc).

Read it before and after a locust run and divide by the requests: the server's CPU per request, Django and
PostgreSQL apart, whatever else the machine runs (docs/benchmarks.md, "Load"):

    python benchmarks/load/cpu_of.py GUNICORN_MASTER_PID POSTMASTER_PID     # prints: 812.41 95.02
"""

from __future__ import annotations

import os
import sys

TICKS = os.sysconf("SC_CLK_TCK")


def _stat(pid: int) -> tuple[int, list[int]]:
    """The parent and (utime, stime, cutime, cstime) of a process."""
    with open(f"/proc/{pid}/stat", encoding="ascii", errors="replace") as handle:
        text = handle.read()
    fields = text[text.rindex(")") + 2 :].split()
    return int(fields[1]), [int(value) for value in fields[11:15]]


def tree_cpu(root: int) -> float:
    processes: dict[int, tuple[int, list[int]]] = {}
    for name in os.listdir("/proc"):
        if name.isdigit():
            try:
                processes[int(name)] = _stat(int(name))
            except (OSError, ValueError):  # gone meanwhile
                pass
    children: dict[int, list[int]] = {}
    for pid, (parent, _) in processes.items():
        children.setdefault(parent, []).append(pid)
    total, pending = sum(processes[root][1]), list(children.get(root, []))
    while pending:
        pid = pending.pop()
        total += sum(processes[pid][1])
        pending += children.get(pid, [])
    return total / TICKS


if __name__ == "__main__":
    print(" ".join(f"{tree_cpu(int(pid)):.2f}" for pid in sys.argv[1:]))
