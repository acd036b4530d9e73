from django.urls import path

from kasam.core import health, outbox_views, views

app_name = "core"
urlpatterns = [
    path("", views.home, name="home"),
    path("halsa/", health.health, name="health"),
    path("utkorg/", outbox_views.outbox, name="outbox"),
]
