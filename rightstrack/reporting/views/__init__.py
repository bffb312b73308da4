"""Reporting pages: cycles, templates and the dashboard (cycles.py); writing and reviewing reports (reports.py)."""
