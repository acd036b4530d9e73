from django.urls import path

from kasam.gdpr import views

app_name = "gdpr"
urlpatterns = [
    path("", views.person, name="person"),
    path("personer/<str:person_id>/export.json", views.export, name="export"),
]
