from django.urls import path

from kasam.targets import views

app_name = "targets"
urlpatterns = [
    path("", views.target_list, name="list"),
    path("ny/", views.target_edit, name="new"),
    path("<int:target_id>/", views.target_detail, name="detail"),
    path("<int:target_id>/andra/", views.target_edit, name="edit"),
]
