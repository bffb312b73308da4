"""Every directive and task page's URL."""

from django.urls import URLPattern, path

from rightstrack.followup import views

app_name = "followup"
urlpatterns: list[URLPattern] = [
    path("directives/", views.DirectiveListView.as_view(), name="directive_list"),
    path("directives/new/", views.DirectiveCreateView.as_view(), name="directive_create"),
    path("directives/<int:pk>/", views.DirectiveDetailView.as_view(), name="directive_detail"),
    path("directives/<int:pk>/edit/", views.DirectiveEditView.as_view(), name="directive_edit"),
    path("directives/<int:pk>/assign/", views.DirectiveAssignView.as_view(), name="directive_assign"),
    path("tasks/", views.TaskListView.as_view(), name="task_list"),
    path("tasks/overdue/", views.OverdueListView.as_view(), name="task_overdue"),
    path("tasks/<int:pk>/", views.TaskDetailView.as_view(), name="task_detail"),
    path("tasks/<int:pk>/update/", views.TaskUpdateView.as_view(), name="task_update"),
    path("tasks/<int:pk>/evidence/<int:evidence_pk>/", views.EvidenceDownloadView.as_view(), name="evidence"),
    path("kinds/", views.DirectiveKindListView.as_view(), name="kind_list"),
    path("kinds/new/", views.DirectiveKindCreateView.as_view(), name="kind_create"),
    path("kinds/<int:pk>/edit/", views.DirectiveKindEditView.as_view(), name="kind_edit"),
]
