from django.urls import path

from kasam.pulse import programme_views, views

app_name = "pulse"
urlpatterns = [
    path("", views.overview, name="overview"),
    path("enheter/<str:unit_id>/", views.dashboard, name="dashboard"),
    path("program/", programme_views.programme_list, name="programmes"),
    path("program/ny/", programme_views.programme_edit, name="programme-new"),
    path("program/<int:programme_id>/", programme_views.programme_edit, name="programme-edit"),
]
