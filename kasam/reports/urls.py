from django.urls import path

from kasam.reports import views

app_name = "reports"
urlpatterns = [
    path("", views.reports, name="list"),
    path("<int:report_id>/hamta/", views.download, name="download"),
]
