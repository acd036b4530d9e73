from django.conf import settings
from django.utils import translation
from django.utils.cache import patch_vary_headers


class LanguageMiddleware:
    """Swedish unless the user has chosen otherwise. Unlike Django's LocaleMiddleware this ignores
    the browser's Accept-Language: many Swedish care workers have phones set to English and should
    still meet Kasam in Swedish. The choice made with the language form is kept in a cookie."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.supported = {code for code, _name in settings.LANGUAGES}

    def __call__(self, request):
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        language = chosen if chosen in self.supported else settings.LANGUAGE_CODE
        with translation.override(language):
            request.LANGUAGE_CODE = language
            response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        patch_vary_headers(response, ["Cookie"])
        return response


class NoStoreMiddleware:
    """Health data is never kept in a cache: every response to a signed-in user and every download
    (an attachment, whoever asks) says `Cache-Control: private, no-store`, so neither a shared proxy
    nor the browser of a shared computer keeps a page of figures, a person's data or a report.
    Static files never reach this middleware (WhiteNoise answers them first, cacheable)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        user = getattr(request, "user", None)
        signed_in = user is not None and user.is_authenticated
        download = response.get("Content-Disposition", "").lower().startswith("attachment")
        if signed_in or download:
            response["Cache-Control"] = "private, no-store"
        return response
