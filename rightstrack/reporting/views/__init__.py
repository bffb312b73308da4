"""Reporting pages: cycles, templates, dashboard (cycles.py); writing and reviewing reports (reports.py)."""
