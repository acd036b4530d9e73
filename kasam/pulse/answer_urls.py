"""The answer page's addresses, under /svara/ (kasam/urls.py). No login: the link's token is the key."""

from django.urls import path

from kasam.pulse import answer_views

app_name = "pulse_answer"

urlpatterns = [
    path("tack/", answer_views.thanks, name="thanks"),
    path("tack/<str:language>/", answer_views.thanks, name="thanks-in"),
    path("<str:token>/", answer_views.answer, name="answer"),
]
