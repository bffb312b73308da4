"""The API layer every app's viewsets and serializers are built from (see ``viewsets`` and ``fields``)."""

from rightstrack.core.api.fields import ScopedPrimaryKeyRelatedField
from rightstrack.core.api.viewsets import (
    ScopedReadOnlyViewSet,
    ScopedViewSetMixin,
    ServiceCreateMixin,
    ServiceUpdateMixin,
    ServiceViewSet,
)

__all__ = [
    "ScopedPrimaryKeyRelatedField",
    "ScopedReadOnlyViewSet",
    "ScopedViewSetMixin",
    "ServiceCreateMixin",
    "ServiceUpdateMixin",
    "ServiceViewSet",
]
