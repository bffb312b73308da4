"""One router for the API; each app's api/urls.py contributes its viewsets."""

from rest_framework.routers import DefaultRouter

from rightstrack.accounts.api.urls import register as register_accounts
from rightstrack.bodies.api.urls import register as register_bodies
from rightstrack.core.api.urls import register as register_core
from rightstrack.places.api.urls import register as register_places
from rightstrack.reporting.api.urls import register as register_reporting

router = DefaultRouter()
for register in (register_places, register_bodies, register_accounts, register_reporting, register_core):
    register(router)

urlpatterns = router.urls
