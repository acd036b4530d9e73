from django.urls import path

from kasam.workplace import views

app_name = "workplace"

urlpatterns = [
    path("", views.page, name="page"),
    path("lank/<str:token>/", views.open_link, name="link"),
    path("svara/", views.answer, name="answer"),
    path("stang-lankar/", views.revoke, name="revoke"),
    path("offline/", views.offline, name="offline"),
    path("manifest.webmanifest", views.manifest, name="manifest"),
    path("sw.js", views.service_worker, name="service-worker"),
]
