from django.urls import path  # noqa: F401 - the health-plan and health-factor pages are added here

app_name = "plans"
urlpatterns: list = []
