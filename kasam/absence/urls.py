from django.urls import path

from kasam.absence import views

app_name = "absence"
urlpatterns = [
    path("", views.overview, name="overview"),
    path("arsredovisning/", views.annual_report, name="annual-report"),
    path("enheter/<str:unit_id>/", views.unit_page, name="unit"),
    path("signaler/", views.early_signals_start, name="early-signals-start"),
    path("signaler/<str:unit_id>/", views.early_signals, name="early-signals"),
    path("signaler/<str:unit_id>/uppfoljning/", views.follow_up_signal, name="follow-up-signal"),
]
