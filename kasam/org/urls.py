from django.urls import path

from kasam.org import views

app_name = "org"
urlpatterns = [
    path("enheter/<str:unit_id>/", views.unit_detail, name="unit-detail"),
    path("personer/<str:person_id>/", views.person_detail, name="person-detail"),
]
