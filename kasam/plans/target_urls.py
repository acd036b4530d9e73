from django.urls import path  # noqa: F401 - the target pages are added here

app_name = "targets"
urlpatterns: list = []
