from django.urls import path

from rightstrack.core import views

app_name = "core"
urlpatterns = [
    path("audit/", views.AuditLogView.as_view(), name="audit_log"),
    path(
        "history/<str:app_label>/<str:model_name>/<str:pk>/",
        views.ObjectHistoryView.as_view(),
        name="history",
    ),
]
