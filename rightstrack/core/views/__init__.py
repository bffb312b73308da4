"""Core's pages and the generic view layer (``generic``) every app's pages are built from.

Import from the modules (``core.views.generic``, ``core.views.errors``, ``core.views.pages``): this package
imports nothing itself, so the API settings can use ``errors`` while Django is still loading.
"""

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from rightstrack.core.views.legacy import (
        PermissionMixin,
        ScopedDetailView,
        ScopedListView,
        ServiceFormView,
    )

    __all__ = ["PermissionMixin", "ScopedDetailView", "ScopedListView", "ServiceFormView"]

_LEGACY = {"PermissionMixin", "ScopedListView", "ScopedDetailView", "ServiceFormView"}


def __getattr__(name: str) -> Any:
    """TRANSITIONAL: reporting's views import these until they are ported onto ``generic``."""
    if name in _LEGACY:
        from rightstrack.core.views import legacy

        return getattr(legacy, name)
    raise AttributeError(name)
