from django.urls import path

from kasam.core import health
from kasam.site import outbox_views, views

# The URL names stay "core:…" (templates, tests and the navigation name them so); the views live here.
app_name = "core"
urlpatterns = [
    path("", views.home, name="home"),
    path("halsa/", health.health, name="health"),
    path("utkorg/", outbox_views.outbox, name="outbox"),
]

# The import page keeps its name "org:import-file" under /organisation/: kasam.urls adds it to the
# organisation's own patterns (kasam.org.urls), which cannot name the site above them.
org_urlpatterns = [
    path("import/", views.import_file, name="import-file"),
]
