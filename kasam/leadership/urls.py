from django.urls import path

from kasam.leadership import views

app_name = "leadership"
urlpatterns = [
    path("", views.home, name="home"),
    path("mina-utbildningar/", views.own_training, name="own-training"),
    path("checklista/", views.checklist_page, name="checklist"),
    path("oversikt/", views.overview_page, name="overview"),
    path("ny-utbildning/", views.training_new, name="training-new"),
]
