from django.urls import path

from kasam.sam import delegation_views, document_views, followup_views, views

app_name = "sam"
urlpatterns = [
    path("", views.overview, name="overview"),
    path("uppfoljning/", followup_views.followup_page, name="followup"),
    path("uppfoljning/pdf/", followup_views.followup_pdf, name="followup-pdf"),
    path("rutiner/", document_views.documents, name="documents"),
    path("rutiner/<int:document_id>/", document_views.document, name="document"),
    path("rutiner/<int:document_id>/ta-bort/", document_views.document_delete, name="document-delete"),
    path("enheter/<str:unit_id>/", views.unit_page, name="unit"),
    path("enheter/<str:unit_id>/skyddsrond/ny/", views.round_new, name="round-new"),
    path("enheter/<str:unit_id>/inspektion/", document_views.pack, name="pack"),
    path("skyddsrond/<int:round_id>/", views.round_page, name="round"),
    path("skyddsrond/<int:round_id>/svar/", views.round_answers, name="round-answers"),
    path("skyddsrond/<int:round_id>/risk/", views.risk_new, name="risk-new"),
    path("skyddsrond/<int:round_id>/signera/", views.round_sign, name="round-sign"),
    path("risk/<int:risk_id>/atgard/", views.risk_action, name="risk-action"),
    path("risk/<int:risk_id>/acceptera/", views.risk_accept, name="risk-accept"),
    path("enheter/<str:unit_id>/uppgift/ny/", delegation_views.delegation_new, name="delegation-new"),
    path("uppgift/<int:delegation_id>/", delegation_views.delegation_page, name="delegation"),
    path(
        "uppgift/<int:delegation_id>/acceptera/", delegation_views.delegation_accept, name="delegation-accept"
    ),
    path(
        "uppgift/<int:delegation_id>/returnera/", delegation_views.delegation_return, name="delegation-return"
    ),
]
