from django.urls import path

from rightstrack.core.jobs.urls import urlpatterns as job_urlpatterns
from rightstrack.core.views import pages

app_name = "core"
urlpatterns = [
    path("audit/", pages.AuditLogView.as_view(), name="audit_log"),
    path(
        "history/<str:app_label>/<str:model_name>/<str:pk>/",
        pages.ObjectHistoryView.as_view(),
        name="history",
    ),
    *job_urlpatterns,
]
