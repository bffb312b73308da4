"""Ingest N mixed documents (text, web pages, Word, PDF) from one ZIP as a background job: wall and CPU
time, peak memory; then the full-text search over them.

    .venv/bin/python benchmarks/bench_documents.py [--documents 1000] [--pdf-share 0.05]

In a scratch SQLite database with Viet Nam's provinces loaded (so places resolve as in production). The
documents are the development articles (../shared/data/articles, when present; else a built-in article)
each made distinct by a numbered paragraph, as .txt, .html (a news page with menu and footer), .docx and a
share of .pdf (WeasyPrint, made before the clock starts). The job runs in this process (TASKS_BACKEND
immediate), exactly as a worker runs it: check the ZIP, then each file in its own transaction.
"""

from __future__ import annotations

import argparse
import io
import os
import random
import resource
import sys
import tempfile
import time
import zipfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("RIGHTSTRACK_VAR_DIR", tempfile.mkdtemp(prefix="rt-bench-"))
os.environ.setdefault("DATABASE_URL", f"sqlite:///{os.environ['RIGHTSTRACK_VAR_DIR']}/bench.sqlite3")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "rightstrack.settings")
os.environ["SECURE_SSL"] = "0"
os.environ.setdefault("TASKS_BACKEND", "immediate")

import django  # noqa: E402

from rightstrack import bootstrap  # noqa: E402

bootstrap.prepare()
django.setup()

from django.core.files.uploadedfile import SimpleUploadedFile  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from rightstrack.accounts.models import User  # noqa: E402
from rightstrack.bodies.choices import BodyKind, BodyLevel  # noqa: E402
from rightstrack.bodies.models import Body  # noqa: E402
from rightstrack.core.jobs.models import Job  # noqa: E402
from rightstrack.core.jobs.services import job_enqueue  # noqa: E402
from rightstrack.documents.models import Document  # noqa: E402
from rightstrack.documents.selectors import search  # noqa: E402
from rightstrack.documents.tests.files import ARTICLE_VI, docx_bytes, html_page, pdf_bytes  # noqa: E402

ARTICLES = Path(__file__).resolve().parent.parent.parent / "shared" / "data" / "articles"


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def texts() -> list[str]:
    found = sorted(ARTICLES.glob("*.txt")) if ARTICLES.is_dir() else []
    return [p.read_text(encoding="utf-8") for p in found] or [ARTICLE_VI]


def make_zip(count: int, pdf_share: float) -> tuple[bytes, dict[str, int]]:
    rng = random.Random(11)
    bank = texts()
    kinds = {"txt": 0, "html": 0, "docx": 0, "pdf": 0}
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for n in range(count):
            text = bank[n % len(bank)] + (
                f"\n\nTin số {n}: ghi chép thêm về công tác nhân quyền, mục {rng.randint(1, 10**9)}, "
                f"lần {n * 7919 % 104729}."
            )
            title, body = (text.split("\n", 1) + [""])[:2]
            roll = rng.random()
            if roll < pdf_share:
                kind, data = "pdf", pdf_bytes(title, body)
            elif roll < 0.35:
                kind, data = "html", html_page(title, body)
            elif roll < 0.6:
                kind, data = "docx", docx_bytes(title, [p for p in body.split("\n") if p.strip()] or [body])
            else:
                kind, data = "txt", text.encode()
            kinds[kind] += 1
            archive.writestr(f"docs/{n:05d}.{kind}", data)
    return buffer.getvalue(), kinds


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--documents", type=int, default=1000)
    parser.add_argument("--pdf-share", type=float, default=0.05)
    args = parser.parse_args()
    call_command("migrate", verbosity=0)
    call_command("load_places", stdout=io.StringIO())
    body = Body.objects.create(code="national", name="Ban Chỉ đạo", kind=BodyKind.NATIONAL_COMMITTEE,
                               level=BodyLevel.NATIONAL)  # fmt: skip
    actor = User.objects.create_superuser("bench", password="x" * 20, body=body, role="admin")
    made = time.perf_counter()
    data, kinds = make_zip(args.documents, args.pdf_share)
    print(f"made {args.documents} documents {kinds} in a {len(data) / 2**20:.1f} MB ZIP "
          f"({time.perf_counter() - made:.1f} s, not counted)")  # fmt: skip
    before_peak = peak_mb()
    wall, cpu = time.perf_counter(), time.process_time()
    job = job_enqueue(actor=actor, kind="documents.ingest", params={"body": body.pk, "kind": "article"},
                      idempotency_key="", input_file=SimpleUploadedFile("docs.zip", data))  # fmt: skip
    job = Job.objects.get(pk=job.pk)
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    result = job.result_data or {}
    print(f"job {job.state}: {result.get('added')} kept, {result.get('duplicates')} duplicates, "
          f"{result.get('refused')} refused; error: {job.error or '-'}")  # fmt: skip
    print(f"ingestion: wall {wall:.1f} s ({args.documents / wall:.1f} documents/s), CPU {cpu:.1f} s, "
          f"peak RSS {peak_mb():.0f} MB (before the job {before_peak:.0f} MB)")  # fmt: skip
    near = Document.objects.filter(near_duplicate_of__isnull=False).count()
    print(f"near duplicates flagged: {near} (every document shares an article's text with others)")
    for query in ("tap huan nhan quyen", "Đắk Nông", "hoi nghi 2023"):
        start = time.perf_counter()
        with CaptureQueriesContext(connection) as queries:
            hits = list(search(Document.objects.all(), query).values_list("pk", flat=True)[:50])
        print(f"search {query!r}: {len(hits)} shown, {len(queries)} query, "
              f"{(time.perf_counter() - start) * 1000:.0f} ms")  # fmt: skip


if __name__ == "__main__":
    main()
