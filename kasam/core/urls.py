from django.urls import path

from kasam.core import views

app_name = "core"
urlpatterns = [
    path("", views.home, name="home"),
    path("halsa/", views.health, name="health"),
]
