"""Logins: django-allauth's pages under /konto/, with Kasam's own paths for the two everyone uses."""

from allauth.account import views as allauth_views
from django.urls import include, path

from kasam.accounts import views

app_name = "accounts"
urlpatterns = [
    path("andra-faktor-kravs/", views.second_factor_required, name="second_factor_required"),
]

# allauth's names are global (account_login, mfa_index, ...); the two Swedish paths come last, so
# that reverse() gives them rather than allauth's English ones (Django reverses to the last match).
# A person's e-mail address is HR's data (it matches single sign-ons to persons): allauth's page for
# changing one's addresses is shadowed by "not found". So is the page where a login without a password
# (one through single sign-on) would set one: it would outlive the account at the identity provider.
# Links to an identity provider are made by Kasam's matching at the first sign-on, never by hand.
allauth_urlpatterns = [
    path("email/", views.not_found),
    path("password/set/", views.not_found),
    path("3rdparty/", views.not_found),
    path("", include("allauth.urls")),
    path("logga-in/", allauth_views.login, name="account_login"),
    path("logga-ut/", allauth_views.logout, name="account_logout"),
]
