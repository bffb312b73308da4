"""Many runs of the `rightstrack` command, each a process of its own, for the price of one interpreter start.

``python -m tests.forkrun`` reads a JSON list of runs (``{"args": [...], "env": {...}, "cwd": "..."}``) on
stdin. It imports what every run imports before it reads its environment (``rightstrack.cli`` and the
modules ``django.setup()`` imports before the settings; not the settings, which read it), then forks one
child per run: the child takes the run's environment and working directory, writes its standard output and
error to files of its own, and calls the command's entry point as the console script does, exiting with the
command's status. The parent prints a JSON list of ``{"returncode", "stdout", "stderr"}``, one per run.

So each run starts as a fresh `rightstrack` process would, with no settings loaded, Django not set up and
no database opened, without the ~0.3 s of CPU that starting the interpreter and those imports cost (a fork:
~0.03 s). Anything the shared imports print (a warning) goes to the parent's standard error: ``run_many``
fails if there is any.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import traceback
from pathlib import Path
from typing import Any

CONSOLE = Path(sys.executable).with_name("rightstrack")


def _exit_code(exc: SystemExit) -> int:
    """What the interpreter would exit with for ``exc`` (printing a non-integer code, as it does)."""
    if exc.code is None:
        return 0
    if isinstance(exc.code, int):
        return exc.code
    print(exc.code, file=sys.stderr)
    return 1


def _child(run: dict[str, Any], out: int, err: int) -> int:
    from rightstrack import cli

    os.chdir(run["cwd"])
    os.environ.clear()
    os.environ.update(run["env"])
    os.dup2(out, 1)
    os.dup2(err, 2)
    sys.argv = [str(CONSOLE), *run["args"]]
    try:
        cli.main()
    except SystemExit as exc:
        return _exit_code(exc)
    except BaseException:
        traceback.print_exc()
        return 1
    return 0


def _run(run: dict[str, Any]) -> dict[str, Any]:
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        pid = os.fork()
        if pid == 0:  # pragma: no cover (the child)
            code = 1
            try:
                code = _child(run, out.fileno(), err.fileno())
            finally:
                sys.stdout.flush()
                sys.stderr.flush()
                os._exit(code)
        _, status = os.waitpid(pid, 0)
        texts = []
        for stream in (out, err):
            stream.seek(0)
            texts.append(stream.read().decode())
    return {"returncode": os.waitstatus_to_exitcode(status), "stdout": texts[0], "stderr": texts[1]}


def main() -> None:
    runs = json.load(sys.stdin)
    # What every run imports before its settings: the command's module and what django.setup() imports first.
    # None of it reads the settings (this process has no DJANGO_SETTINGS_MODULE: an access would fail here).
    import django.apps  # noqa: F401
    import django.urls  # noqa: F401
    import django.utils.log  # noqa: F401

    import rightstrack.cli  # noqa: F401

    results = [_run(run) for run in runs]
    sys.stdout.write(json.dumps(results))


def run_many(runs: list[dict[str, Any]], env: dict[str, str]) -> list[subprocess.CompletedProcess[str]]:
    """Each run (``args``, ``env``, ``cwd``) in a process of its own, forked from one driver started under
    ``env``; their results in order, as ``subprocess.run`` gives them."""
    driver = subprocess.run(
        [sys.executable, "-m", "tests.forkrun"],
        input=json.dumps(runs),
        env=env,
        cwd=Path(__file__).resolve().parent.parent,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert (driver.returncode, driver.stderr) == (0, ""), driver.stderr
    return [
        subprocess.CompletedProcess(["rightstrack", *run["args"]], r["returncode"], r["stdout"], r["stderr"])
        for run, r in zip(runs, json.loads(driver.stdout), strict=True)
    ]


if __name__ == "__main__":
    main()
