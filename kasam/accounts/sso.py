"""Where a login form may send the browser: Kasam itself and the identity providers configured (by
environment or in the admin). The login page's form posts to Kasam, which redirects to the provider, and
browsers hold that redirect to the page's Content-Security-Policy `form-action`."""

from urllib.parse import urlsplit

from allauth.socialaccount.adapter import get_adapter


def _origin(url: str) -> str | None:
    parts = urlsplit(url or "")
    return f"{parts.scheme}://{parts.netloc}" if parts.scheme in {"https", "http"} and parts.netloc else None


def provider_origins(request) -> list[str]:
    """The origins of every configured provider's login address, sorted."""
    origins = set()
    for app in get_adapter().list_apps(request):
        settings = app.settings or {}
        if app.provider == "openid_connect":
            origins.add(_origin(settings.get("server_url", "")))
        elif app.provider == "saml":
            origins.add(_origin(settings.get("idp", {}).get("sso_url", "")))
    return sorted(origin for origin in origins if origin)
