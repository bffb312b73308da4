"""Files out: `?format=` picks the renderer, as everywhere in DRF; errors still answer as JSON."""

from __future__ import annotations

from typing import Any

from rest_framework.renderers import BaseRenderer, JSONRenderer
from rest_framework.response import Response

from rightstrack.exchange.uploads import CONTENT_TYPES, DOCX, PDF, XLSX


class FileRenderer(BaseRenderer):
    """Passes a file's bytes through; anything else (an error) is written as JSON."""

    charset = None
    render_style = "binary"

    def render(
        self, data: Any, accepted_media_type: str | None = None, renderer_context: Any = None
    ) -> bytes:
        if isinstance(data, bytes):
            return data
        response = (renderer_context or {}).get("response")
        if response is not None:
            response["Content-Type"] = "application/json"
        return JSONRenderer().render(data)


class DocxRenderer(FileRenderer):
    media_type = CONTENT_TYPES[DOCX]
    format = "docx"


class PdfRenderer(FileRenderer):
    media_type = CONTENT_TYPES[PDF]
    format = "pdf"


class XlsxRenderer(FileRenderer):
    media_type = CONTENT_TYPES[XLSX]
    format = "xlsx"


class ZipRenderer(FileRenderer):
    media_type = "application/zip"
    format = "zip"


def file_response(content: bytes, renderer: type[FileRenderer], name: str) -> Response:
    return Response(
        content,
        content_type=renderer.media_type,
        headers={"Content-Disposition": f'attachment; filename="{name}"'},
    )
