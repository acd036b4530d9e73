from django.urls import path, re_path

from kasam.survey import export_views, import_views, views

app_name = "survey"
urlpatterns = [
    path("", views.overview, name="overview"),
    path("import/", import_views.import_survey, name="import"),
    path("<int:survey_id>/", views.overview, name="survey"),
    path("<int:survey_id>/enheter/<str:unit_id>/", views.unit_page, name="unit"),
    re_path(
        r"^(?P<survey_id>[0-9]{1,18})/export\.(?P<fmt>csv|xlsx)$", export_views.export_survey, name="export"
    ),
]
