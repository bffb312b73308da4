"""Helpers of the reporting API tests: Word files, a report's detail, uploads and jobs polled to the end."""

from __future__ import annotations

import io
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import TestCase
from docx import Document
from rest_framework.test import APIClient

from rightstrack.reporting.models import Report


def docx_bytes(*blocks: tuple[str, str]) -> bytes:
    """A Word document from (style, text) blocks, e.g. ("Heading 1", "Tình hình chung")."""
    document = Document()
    for style, text in blocks:
        if style.startswith("Heading"):
            document.add_heading(text, level=int(style.split()[-1]))
        else:
            document.add_paragraph(text)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


PROVINCIAL_REPORT = (
    ("Normal", "ỦY BAN NHÂN DÂN TỈNH — BÁO CÁO 6 THÁNG"),
    ("Heading 1", "I. Tình hình chung"),
    ("Normal", "Tình hình kinh tế - xã hội ổn định."),
    ("Heading 1", "II. Kết quả thực hiện"),
    ("Heading 2", "1. Giáo dục, đào tạo, tuyên truyền, nâng cao nhận thức về quyền con người"),
    ("Normal", "Tổ chức 45 buổi tuyên truyền cho 3.200 lượt người."),
    ("Heading 1", "III. Hạn chế, thiếu sót"),
    ("Normal", "Cán bộ cơ sở còn thiếu kinh nghiệm."),
    ("Heading 1", "Phụ lục ảnh hoạt động"),
    ("Normal", "Ảnh hội nghị tập huấn tháng 3."),
)


def detail(client: APIClient, report: Report) -> dict[str, Any]:
    response = client.get(f"/api/reports/{report.pk}/")
    assert response.status_code == 200, response.content
    return response.json()


def upload(client: APIClient, report: Report, data: bytes, **fields: Any) -> Any:
    payload = {"file": SimpleUploadedFile("Báo cáo 6 tháng.docx", data), **fields}
    with TestCase.captureOnCommitCallbacks(execute=True):  # a preview is a job: run it at once here
        return client.post(f"/api/reports/{report.pk}/import-docx/", payload, format="multipart")


def job_of(client: APIClient, started: Any) -> dict[str, Any]:
    """A preview answers 202 with its job at once; the job, polled at its URL."""
    assert started.status_code == 202, started.content
    job = client.get(started["Location"])
    assert job.status_code == 200
    return job.json()


def via_job(client: Any, url: str) -> Any:
    """A long export answers 202 with its job at once (the job runs at once here); poll it, then fetch."""
    with TestCase.captureOnCommitCallbacks(execute=True):
        started = client.get(url)
    assert started.status_code == 202 and started["Location"] == started.json()["url"], started.content
    job = client.get(started.json()["url"]).json()
    assert job["state"] == "succeeded" and job["percent"] == 100, job
    return client.get(job["result_url"])
