from django.urls import path

from kasam.economy import views

app_name = "economy"
urlpatterns = [
    path("", views.overview, name="overview"),
    path("kostnadsmodell/", views.cost_model, name="cost-model"),
]
