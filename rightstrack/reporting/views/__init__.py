"""Reporting pages by concept: cycles, templates, dashboard, reports (reading, workflow), editor (writing),
revisions, attachments, imports (Word in) and exports (Word, PDF, ZIP, XLSX out). URLs are in ``urls.py``."""
