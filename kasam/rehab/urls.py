from django.urls import path

from kasam.rehab import outcome_views, plan_views, views

app_name = "rehab"
urlpatterns = [
    path("", views.case_list, name="list"),
    path("min-plan/", plan_views.mine, name="mine"),
    path("min-plan/<int:case_id>/<int:version>/pdf/", plan_views.mine_pdf, name="mine-pdf"),
    path("utfall/", outcome_views.outcomes_page, name="outcomes"),
    path("nytt/<str:person_id>/", views.open_case, name="open"),
    path("<int:case_id>/", views.case_detail, name="case"),
    # The step's note and the close reason are checked for medical detail first (kasam.rehab.medical).
    path("<int:case_id>/steg/", plan_views.step_done, name="step"),
    path("<int:case_id>/avsluta/", plan_views.close_case, name="close"),
    path("<int:case_id>/delegera/", views.delegate, name="delegate"),
    path("<int:case_id>/plan/", plan_views.plan_edit, name="plan-edit"),
    path("<int:case_id>/plan/<int:version>/pdf/", plan_views.plan_pdf, name="plan-pdf"),
    path("<int:case_id>/anpassning/ny/", plan_views.adjustment_new, name="adjustment-new"),
    path("<int:case_id>/anpassning/<int:adjustment_id>/", plan_views.adjustment_edit, name="adjustment-edit"),
    path("<int:case_id>/mote/", plan_views.meeting_new, name="meeting-new"),
]
