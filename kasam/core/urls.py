from django.urls import path

from kasam.core import health, views

app_name = "core"
urlpatterns = [
    path("", views.home, name="home"),
    path("halsa/", health.health, name="health"),
]
