"""Reporting forms by concept: cycles (and the dashboard filters), templates, reports, imports."""
