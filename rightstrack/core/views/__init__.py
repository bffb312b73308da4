"""Core's pages and the generic view layer (``generic``) every app's pages are built from.

Import from the modules (``core.views.generic``, ``core.views.errors``, ``core.views.pages``): this package
imports nothing itself, so the API settings can use ``errors`` while Django is still loading.
"""
