from django.urls import path

from kasam.kolada import views

app_name = "kolada"
urlpatterns = [
    path("", views.comparison_page, name="comparison"),
]
