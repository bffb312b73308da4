"""The API documentation page: Swagger UI from the drf-spectacular-sidecar wheel in the site's own layout.

drf-spectacular's stock page has no ``lang``, no way back to the site and method badges of 2:1 contrast;
this page is the site's (translated header, language switch, footer) and boots the same vendored Swagger UI
from a static script (no inline code). Why this and not another renderer: docs/decisions/ (API docs page).
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.templatetags.static import static
from django.urls import reverse
from django.views.generic import TemplateView

SWAGGER_UI = "drf_spectacular_sidecar/swagger-ui-dist/"


class ApiDocsView(TemplateView):
    """Public, like the schema it shows: reading about the API needs no account, calling it does."""

    template_name = "core/api_docs.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        header = settings.CSRF_HEADER_NAME.removeprefix("HTTP_").replace("_", "-")
        return super().get_context_data(**kwargs) | {
            "swagger_ui_css": static(SWAGGER_UI + "swagger-ui.css"),
            "swagger_ui_bundle": static(SWAGGER_UI + "swagger-ui-bundle.js"),
            "schema_url": reverse("api-schema"),
            "api_root_url": reverse("api-root"),
            "csrf_header": header,
        }
