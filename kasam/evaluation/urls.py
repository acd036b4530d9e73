from django.urls import path

from kasam.evaluation import views

app_name = "evaluation"
urlpatterns = [
    path("", views.overview, name="overview"),
    path("infor-start/", views.power, name="power"),
    path("utrullning/ny/", views.new_rollout, name="rollout-new"),
]
