from django.urls import path

from kasam.dialogs import library_views, meeting_views, reach_views, record_views, views

app_name = "dialogs"
urlpatterns = [
    path("", views.library, name="library"),
    path("registrera/", record_views.record, name="record"),
    path("planera/", meeting_views.plan_meeting, name="plan-meeting"),
    path("rackvidd/", reach_views.overview, name="reach"),
    path("rackvidd/<str:unit_id>/", reach_views.unit_reach, name="unit-reach"),
    path("nytt-program/", library_views.edit_programme, name="programme-new"),
    path("program/<slug:slug>/", views.programme, name="programme"),
    path("program/<slug:slug>/andra/", library_views.edit_programme, name="programme-edit"),
    path("program/<slug:slug>/utvardering/", record_views.evaluate, name="evaluate"),
    path("program/<slug:slug>/nytt-tema/", library_views.edit_theme, name="theme-new"),
    path("program/<slug:slug>/<slug:theme_slug>/", views.theme, name="theme"),
    path("program/<slug:slug>/<slug:theme_slug>/leda/", views.facilitator, name="facilitator"),
    path("program/<slug:slug>/<slug:theme_slug>/andra/", library_views.edit_theme, name="theme-edit"),
]
