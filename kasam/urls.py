from allauth.account.decorators import secure_admin_login
from django.contrib import admin
from django.urls import include, path

from kasam.accounts.urls import allauth_urlpatterns
from kasam.core.views import favicon
from kasam.org import urls as org_urls
from kasam.site import urls as site_urls

# The admin logs in through Kasam's login page: the same lockout and second factor as everywhere.
admin.site.login = secure_admin_login(admin.site.login)

urlpatterns = [
    path("", include("kasam.site.urls")),
    path("konto/", include("kasam.accounts.urls")),
    path("konto/", include(allauth_urlpatterns)),
    # The organisation's pages, with the import page the site composes (kasam.site.urls), as "org:…".
    path("organisation/", include(([*org_urls.urlpatterns, *site_urls.org_urlpatterns], "org"))),
    path("sjukfranvaro/", include("kasam.absence.urls")),
    path("svara/", include("kasam.pulse.answer_urls")),
    path("puls/", include("kasam.pulse.urls")),
    path("medarbetarenkat/", include("kasam.survey.urls")),
    path("mal/", include("kasam.targets.urls")),
    path("halsoplaner/", include("kasam.plans.urls")),
    path("dialoger/", include("kasam.dialogs.urls")),
    path("ekonomi/", include("kasam.economy.urls")),
    path("ledarskap/", include("kasam.leadership.urls")),
    path("kolada/", include("kasam.kolada.urls")),
    path("rapporter/", include("kasam.reports.urls")),
    path("utvardering/", include("kasam.evaluation.urls")),
    path("logg/", include("kasam.audit.urls")),
    path("publicera/", include("kasam.releases.urls")),
    path("gdpr/", include("kasam.gdpr.urls")),
    path("min-arbetsplats/", include("kasam.workplace.urls")),
    path("halsokolumn/", include("kasam.workplace.column_urls")),
    path("rehabilitering/", include("kasam.rehab.urls")),
    path("arbetsmiljo/", include("kasam.sam.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
    # Browsers and feed readers ask for /favicon.ico whatever the page says.
    path("favicon.ico", favicon),
]

handler400 = "kasam.core.views.bad_request"
handler403 = "kasam.core.views.permission_denied"
handler404 = "kasam.core.views.page_not_found"
handler500 = "kasam.core.views.server_error"
