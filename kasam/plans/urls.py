from django.urls import path

from kasam.plans import activity_views, area_views, factor_views, plan_views

app_name = "plans"

UNIT = "enheter/<str:unit_id>/"
PLAN = UNIT + "<int:year>/"

urlpatterns = [
    path("", plan_views.overview, name="overview"),
    path(UNIT, plan_views.unit_start, name="unit"),
    path(UNIT + "friskfaktorer/", factor_views.factors_page, name="factors"),
    path(UNIT + "friskfaktorer/ny/", factor_views.rating_new, name="rating-new"),
    path(PLAN, plan_views.plan_page, name="plan"),
    path(PLAN + "skapa/", plan_views.plan_create, name="plan-create"),
    path(PLAN + "pdf/", plan_views.plan_pdf, name="plan-pdf"),
    path(PLAN + "omraden/ny/", area_views.area_new, name="area-new"),
    path(PLAN + "omraden/fran-kalla/", area_views.area_from_source, name="area-from-source"),
    path(PLAN + "omraden/<int:area_id>/", area_views.area_edit, name="area-edit"),
    path(PLAN + "omraden/<int:area_id>/ta-bort/", area_views.area_delete, name="area-delete"),
    path(PLAN + "aktiviteter/ny/", activity_views.activity_new, name="activity-new"),
    path(PLAN + "aktiviteter/<int:activity_id>/", activity_views.activity_edit, name="activity-edit"),
    path(
        PLAN + "aktiviteter/<int:activity_id>/uppfoljning/",
        activity_views.activity_follow_up,
        name="activity-follow-up",
    ),
    path(PLAN + "aktiviteter/<int:activity_id>/dela/", activity_views.activity_share, name="activity-share"),
    path(
        PLAN + "aktiviteter/<int:activity_id>/status/", activity_views.activity_status, name="activity-status"
    ),
]
