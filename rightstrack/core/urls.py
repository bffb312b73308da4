from django.urls import path

from rightstrack.core import views
from rightstrack.core.jobs.urls import urlpatterns as job_urlpatterns

app_name = "core"
urlpatterns = [
    path("audit/", views.AuditLogView.as_view(), name="audit_log"),
    path(
        "history/<str:app_label>/<str:model_name>/<str:pk>/",
        views.ObjectHistoryView.as_view(),
        name="history",
    ),
    *job_urlpatterns,
]
