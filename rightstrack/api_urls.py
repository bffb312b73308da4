"""One router for the API; each app's registered ``register(router)`` (its api/urls.py) adds its viewsets."""

from rest_framework.routers import DefaultRouter

from rightstrack.core import registry

router = DefaultRouter()
for register in registry.api_registrars():
    register(router)

urlpatterns = router.urls
