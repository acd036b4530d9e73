from django.urls import path

from kasam.rehab import outcome_views, views

app_name = "rehab"
urlpatterns = [
    path("", views.case_list, name="list"),
    path("utfall/", outcome_views.outcomes_page, name="outcomes"),
    path("nytt/<str:person_id>/", views.open_case, name="open"),
    path("<int:case_id>/", views.case_detail, name="case"),
    path("<int:case_id>/steg/", views.step_done, name="step"),
    path("<int:case_id>/avsluta/", views.close_case, name="close"),
    path("<int:case_id>/delegera/", views.delegate, name="delegate"),
]
