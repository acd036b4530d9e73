from django.urls import path

from kasam.workplace import column_views

app_name = "column"

urlpatterns = [
    path("", column_views.columns, name="list"),
    path("utkast/", column_views.draft_now, name="draft"),
    path("<int:pk>/", column_views.edit, name="edit"),
    path("<int:pk>/nyhetsbrev/", column_views.snippet, name="snippet"),
]
