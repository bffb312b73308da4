from rightstrack.reporting.views import cycles, reports

app_name = "reporting"
urlpatterns = cycles.urlpatterns + reports.urlpatterns
