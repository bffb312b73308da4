"""A long PDF laid out in parts by worker processes, and the parts joined with their page numbers stamped on.

WeasyPrint lays out on one core. A long document's parts (``exchange.pdf``) do not depend on one another
except through their page numbers, so each is laid out without them, in as many processes as the machine and
``settings.PDF_WORKERS`` allow; once every part's page count is known, the numbers are laid out by WeasyPrint
too, from the document's own ``@page`` rules, on blank pages (cheap), and drawn over the parts' pages as
form XObjects while pypdf joins them. Imports no Django: a spawned worker loads WeasyPrint and nothing else.
"""

from __future__ import annotations

import io
import logging
import multiprocessing
import os
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import Future, ProcessPoolExecutor, as_completed
from concurrent.futures.process import BrokenProcessPool
from typing import Any

logger = logging.getLogger(__name__)

# The name a page's number goes by in its resources (a form XObject drawn over the page), with its rank.
NUMBER_XOBJECT = "/RtPageNumber"

_worker_fonts: Any = None  # a worker process's fonts, looked up once for every part it lays out


def _start_worker() -> None:
    from weasyprint.text.fonts import FontConfiguration

    global _worker_fonts
    _worker_fonts = FontConfiguration()


def lay_out(html: str, fonts: Any = None) -> tuple[bytes, int]:
    """One HTML page as a PDF, and how many pages it has, with ``fonts`` (a ``FontConfiguration``; a
    worker's own, else a new one: WeasyPrint's are not shared between threads). Runs in a worker process
    or in this one."""
    import weasyprint  # imported here: loading pango takes a moment and only PDF export needs it
    from weasyprint.text.fonts import FontConfiguration

    if fonts is None:
        fonts = _worker_fonts if _worker_fonts is not None else FontConfiguration()
    rendered = weasyprint.HTML(string=html, url_fetcher=no_fetching()).render(font_config=fonts)
    pages = len(rendered.pages)
    pdf = rendered.write_pdf()
    assert isinstance(pdf, bytes)
    return pdf, pages


def usable_cpus() -> int:
    """The CPUs this process may run on (a container's or a ``taskset``'s share, not the machine's)."""
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1


class Layout:
    """Lays out HTML pages, in ``workers`` processes when more than one (spawned, so a worker inherits no
    thread, lock or database connection from a web or task process). Use as a context manager."""

    def __init__(self, workers: int) -> None:
        self.workers = max(1, workers)
        self._pool: ProcessPoolExecutor | None = None
        self._fonts: Any = None  # this process's, for what it lays out itself

    def __enter__(self) -> Layout:
        if self.workers > 1:
            context = multiprocessing.get_context("spawn")
            self._pool = ProcessPoolExecutor(
                max_workers=self.workers, mp_context=context, initializer=_start_worker
            )
            for _worker in range(self.workers):  # the workers load WeasyPrint while the parts are written
                self._pool.submit(lay_out, "")
        return self

    def __exit__(self, *exc: object) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None

    def run(
        self,
        htmls: Sequence[str],
        done: Callable[[int], None] | None = None,
        *,
        costs: Sequence[int] | None = None,
    ) -> list[tuple[bytes, int]]:
        """Each page's PDF and page count, in the order given; ``done(index)`` as each is finished (in
        the order they finish). The costliest (``costs``, else the longest) are started first, so the
        workers finish together. If the pool breaks (a worker killed for memory, or a ``__main__`` that
        cannot be imported again), what is left is laid out in this process, one at a time."""
        results: dict[int, tuple[bytes, int]] = {}
        if self._pool is not None:
            cost = costs or [len(html) for html in htmls]
            order = sorted(range(len(htmls)), key=lambda i: -cost[i])
            futures: dict[Future[tuple[bytes, int]], int] = {}
            try:
                for index in order:
                    futures[self._pool.submit(lay_out, htmls[index])] = index
                for future in as_completed(futures):
                    results[futures[future]] = future.result()
                    if done is not None:
                        done(futures[future])
            except BrokenProcessPool:
                logger.warning("PDF workers lost; the rest is laid out in this process", exc_info=True)
                self._pool.shutdown(wait=False, cancel_futures=True)
                self._pool = None
            except BaseException:
                for future in futures:
                    future.cancel()
                raise
        for index, html in enumerate(htmls):
            if index not in results:
                if self._fonts is None:
                    from weasyprint.text.fonts import FontConfiguration

                    self._fonts = FontConfiguration()
                results[index] = lay_out(html, self._fonts)
                if done is not None:
                    done(index)
        return [results[index] for index in range(len(htmls))]


def join(parts: Iterable[bytes], numbers: Iterable[bytes], metadata: dict[str, str]) -> bytes:
    """The parts' PDFs as one, their outlines (bookmarks) kept, each page with the page of ``numbers`` of
    the same rank drawn over it (both run 1…N; a numbers page with nothing on it is left out)."""
    from pypdf import PdfReader, PdfWriter
    from pypdf.generic import ArrayObject, DecodedStreamObject, DictionaryObject, NameObject

    writer = PdfWriter()
    for part in parts:
        writer.append(io.BytesIO(part))
    number_pages = [page for data in numbers for page in PdfReader(io.BytesIO(data)).pages]
    if len(number_pages) != len(writer.pages):
        raise ValueError(f"{len(number_pages)} page numbers for {len(writer.pages)} pages")

    def stream(data: bytes) -> Any:
        content = DecodedStreamObject()
        content.set_data(data)
        return writer._add_object(content)  # pypdf has no public name for adding an indirect object

    # The page's own drawing leaves its transformation in place (WeasyPrint does not wrap it): save the
    # graphics state before it (one stream for every page) and restore it before the number is drawn.
    save = stream(b"q\n")
    for index, (page, number) in enumerate(zip(writer.pages, number_pages, strict=True)):
        drawing = number.get_contents()
        if drawing is None or b"BT" not in drawing.get_data():
            continue  # a page without a number (the first page of an administrative document)
        form = DecodedStreamObject()
        form.set_data(drawing.get_data())
        form.update(
            {
                NameObject("/Type"): NameObject("/XObject"),
                NameObject("/Subtype"): NameObject("/Form"),
                NameObject("/BBox"): ArrayObject(number.mediabox),
                NameObject("/Resources"): number.raw_get("/Resources").clone(writer),
            }
        )
        # Named in the resources the part's pages share (WeasyPrint writes one dictionary a document).
        name = NameObject(f"{NUMBER_XOBJECT}{index + 1}")
        resources = page["/Resources"].get_object()
        assert isinstance(resources, DictionaryObject)
        xobjects = resources.setdefault(NameObject("/XObject"), DictionaryObject()).get_object()
        assert isinstance(xobjects, DictionaryObject)
        xobjects[name] = writer._add_object(form.flate_encode())
        contents = page.raw_get("/Contents")  # a reference to a stream, or an array of them
        own = list(contents.get_object()) if isinstance(contents.get_object(), ArrayObject) else [contents]
        number_drawn = stream(b"Q\nq " + name.encode() + b" Do Q\n")
        page[NameObject("/Contents")] = ArrayObject([save, *own, number_drawn])
    writer.add_metadata(metadata)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def no_fetching() -> Any:
    """A URL fetcher that refuses everything but data: URLs (pictures inside the document), for WeasyPrint
    versions with and without ``URLFetcher``."""
    import weasyprint.urls

    fetcher_class = getattr(weasyprint.urls, "URLFetcher", None)
    if fetcher_class is None:

        def refuse(url: str, *args: Any, **kwargs: Any) -> Any:
            if url.startswith("data:"):  # an image inside the document itself (a chart)
                return weasyprint.urls.default_url_fetcher(url)
            raise ValueError(f"fetching {url} is not allowed")

        return refuse

    class Refusing(fetcher_class):  # type: ignore[misc, valid-type]
        def fetch(self, url: str, headers: Any = None) -> Any:
            if url.startswith("data:"):  # an image inside the document itself (a chart)
                return super().fetch(url, headers)
            raise ValueError(f"fetching {url} is not allowed")

    return Refusing()
