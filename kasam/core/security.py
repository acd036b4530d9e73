"""Response headers Django's SecurityMiddleware does not set: a Content Security Policy and a
Permissions-Policy (hardening).

Kasam's pages need nothing from elsewhere and run no inline code: one stylesheet and one script (the
facilitator's screen) from /static/, charts drawn on the server as inline SVG without style
attributes, and the pulse answer page without any script at all. The policy therefore allows only
Kasam's own origin, with no 'unsafe-inline' and no 'unsafe-eval' anywhere (not even for style
attributes: no template or chart has one). Images may also be `data:` URIs, which cannot run script.

SecurityMiddleware already sends Referrer-Policy (SECURE_REFERRER_POLICY), Cross-Origin-Opener-Policy
(SECURE_CROSS_ORIGIN_OPENER_POLICY, same-origin by default), X-Content-Type-Options and, over HTTPS,
Strict-Transport-Security; XFrameOptionsMiddleware sends X-Frame-Options: DENY for older browsers.

A view that needs another policy sets its own header; this middleware keeps it (setdefault). The login
pages (under /konto/) may also send a form on to the identity providers configured for single sign-on
(kasam.accounts.sso): their origins are added to `form-action` there, and only there. The accounts app
registers the function that names them in FORM_TARGETS (its AppConfig.ready): the kit at the bottom
imports no app.
"""

from collections.abc import Callable

LOGIN_PAGES = "/konto/"
# Functions request → origins a login page may send its form to (kasam.accounts.sso.provider_origins).
FORM_TARGETS: list[Callable[[object], list[str]]] = []


def content_security_policy(form_targets: list[str] = ()) -> str:
    return "; ".join(
        [
            "default-src 'self'",
            "script-src 'self'",
            "style-src 'self'",
            "img-src 'self' data:",
            "font-src 'self'",
            "connect-src 'self'",
            " ".join(["form-action 'self'", *form_targets]),
            "frame-ancestors 'none'",
            "base-uri 'self'",
            "object-src 'none'",
        ]
    )


CONTENT_SECURITY_POLICY = content_security_policy()

# Browser features no Kasam page uses, switched off for the page and anything it could embed.
PERMISSIONS_POLICY = ", ".join(
    f"{feature}=()"
    for feature in (
        "accelerometer",
        "camera",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "payment",
        "usb",
    )
)


class SecurityHeadersMiddleware:
    """Adds Content-Security-Policy and Permissions-Policy to every response (pages, errors, files)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        policy = CONTENT_SECURITY_POLICY
        if request.path_info.startswith(LOGIN_PAGES) and response.get("Content-Type", "").startswith(
            "text/html"
        ):
            policy = content_security_policy([origin for names in FORM_TARGETS for origin in names(request)])
        response.headers.setdefault("Content-Security-Policy", policy)
        response.headers.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        return response
