"""Every activity page's URL."""

from django.urls import URLPattern, path

from rightstrack.activities import views

app_name = "activities"
urlpatterns: list[URLPattern] = [
    path("", views.ActivityListView.as_view(), name="activity_list"),
    path("entry/", views.ActivityEntryView.as_view(), name="activity_entry"),
    path("<int:pk>/", views.ActivityEditView.as_view(), name="activity_edit"),
    path("<int:pk>/delete/", views.ActivityDeleteView.as_view(), name="activity_delete"),
    path("import/", views.ImportView.as_view(), name="import"),
    path("import/template.xlsx", views.ImportTemplateView.as_view(), name="import_template"),
    path("import/<int:pk>/", views.ImportResultView.as_view(), name="import_result"),
    path("import/<int:pk>/confirm/", views.ImportConfirmView.as_view(), name="import_confirm"),
    path("reports/<int:pk>/figures/", views.ReportFiguresView.as_view(), name="report_figures"),
    path("reports/<int:pk>/figures/accept/", views.AcceptFigureView.as_view(), name="report_figure_accept"),
]
