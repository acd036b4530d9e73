from django.urls import path

from kasam.pulse import views

app_name = "pulse"
urlpatterns = [
    path("", views.overview, name="overview"),
    path("enheter/<str:unit_id>/", views.dashboard, name="dashboard"),
]
