from django.urls import path

from kasam.releases import views

app_name = "releases"
urlpatterns = [path("", views.releases, name="list")]
