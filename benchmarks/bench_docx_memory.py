"""Peak memory and time of the Word importer on crafted and honest documents, each in a fresh process.

    .venv/bin/python benchmarks/bench_docx_memory.py [--quick]

Builds the files in a scratch folder (the crafted file of issue 8: word/document.xml unpacking to ~199 MB at
~39:1; a sibling within the per-part limit but over the parsing budget; an honest ~60 MB report), then parses
each with ``exchange.import_plan.import_docx`` in a child process and prints the child's peak RSS over its
RSS before parsing (Linux's VmHWM, reset through /proc/self/clear_refs), the time, and the outcome.
"""

from __future__ import annotations

import argparse
import json
import os
import secrets
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "rightstrack.settings")
os.environ.setdefault("RIGHTSTRACK_VAR_DIR", tempfile.mkdtemp(prefix="rt-bench-"))
os.environ.setdefault("SECRET_KEY", secrets.token_urlsafe(50))  # a throw-away key: settings need one

CHILD = """
import json, sys, time
import django
django.setup()
from django.core.exceptions import ValidationError
from rightstrack.exchange.import_plan import import_docx
from rightstrack.exchange.tests.files import SECTIONS
data = open(sys.argv[1], "rb").read()
def rss(field):
    for line in open("/proc/self/status"):
        if line.startswith(field):
            return int(line.split()[1])
open("/proc/self/clear_refs", "w").write("5")  # the peak (VmHWM) starts again from here
before = rss("VmRSS:")
start = time.monotonic()
try:
    plan = import_docx(data, SECTIONS, max_bytes=100 * 1024 * 1024)
    outcome = f"imported, {len(plan.parts)} parts"
except ValidationError as error:
    outcome = f"refused: {error.code}"
seconds = time.monotonic() - start
peak = rss("VmHWM:")
print(json.dumps({"peak_mb": (peak - before) / 1024, "seconds": seconds, "outcome": outcome}))
"""


def measure(path: Path) -> dict[str, object]:
    """Parse ``path`` in a fresh interpreter; its peak RSS above what it had once Django was loaded."""
    result = subprocess.run(
        [sys.executable, "-c", CHILD, str(path)], capture_output=True, text=True, check=True, cwd=ROOT
    )
    return json.loads(result.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="skip the 199 MB crafted file")
    arguments = parser.parse_args()
    import django

    django.setup()
    from rightstrack.exchange.tests import files

    folder = Path(tempfile.mkdtemp(prefix="rt-docx-"))
    cases = {
        "honest report, 600 pages + images": lambda: files.honest_long_report(
            pages=600, image_bytes=55 * 2**20
        ),
        "crafted sibling: 31 MB XML, 1 paragraph of 400,000 runs": lambda: files.many_runs(
            paragraphs=1, runs=400_000
        ),
        "crafted sibling: 360,000 elements, 90,000 runs": lambda: files.many_runs(paragraphs=9, runs=10_000),
        "crafted sibling: 880,000 elements, 220,000 runs": lambda: files.many_runs(
            paragraphs=22, runs=10_000
        ),
    }
    cases["crafted sibling: 940,000 empty elements"] = lambda: files.docx_with_body(
        lambda: iter(
            [b"<w:p><w:r><w:t>x</w:t></w:r>"]
            + [f'<w:bookmarkEnd w:id="{n * 7919 % 1_000_003}"/>'.encode() for n in range(940_000)]
            + [b"</w:p>"]
        )
    )
    if not arguments.quick:
        cases["crafted (issue 8): 199 MB XML"] = lambda: files.many_runs(paragraphs=200, runs=21_000)
    for name, build in cases.items():
        path = folder / (name.split(":")[0].replace(" ", "-") + ".docx")
        path.write_bytes(build())
        result = measure(path)
        size = path.stat().st_size / 2**20
        print(
            f"{name}: file {size:.1f} MB; peak +{result['peak_mb']:.0f} MB; "
            f"{result['seconds']:.1f} s; {result['outcome']}"
        )


if __name__ == "__main__":
    main()
