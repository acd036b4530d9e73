from django.urls import path  # noqa: F401 - the survey pages are added here

app_name = "survey"
urlpatterns: list = []
