from django.urls import URLPattern

app_name = "conferences"
urlpatterns: list[URLPattern] = []
