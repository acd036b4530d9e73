from django.urls import path, re_path

from kasam.pulse import export_views, programme_views, round_views, translation_views, views

app_name = "pulse"
urlpatterns = [
    path("", views.overview, name="overview"),
    path("enheter/<str:unit_id>/", views.dashboard, name="dashboard"),
    re_path(
        r"^export/(?P<round_id>[0-9]{1,18})\.(?P<fmt>csv|xlsx)$", export_views.export_round, name="export"
    ),
    path("program/", programme_views.programme_list, name="programmes"),
    path("program/ny/", programme_views.programme_edit, name="programme-new"),
    path("program/<int:programme_id>/", programme_views.programme_edit, name="programme-edit"),
    path("program/<int:programme_id>/omgang/<int:round_id>/", round_views.round_page, name="round"),
    path(
        "program/<int:programme_id>/omgang/<int:round_id>/paminn/",
        round_views.send_reminders,
        name="round-remind",
    ),
    path("program/<int:programme_id>/omgang/<int:round_id>/qr/", round_views.qr_sheet, name="round-qr"),
    path("sprak/", translation_views.languages_page, name="translations"),
    path("sprak/<str:code>/", translation_views.language_page, name="translation-language"),
    path("sprak/<str:code>/granskad/", translation_views.mark_reviewed, name="translation-review"),
    path("sprak/<str:code>/<str:key>/", translation_views.edit_text, name="translation-edit"),
]
