"""Language for the pages outside the public site's language prefixes (the admin)."""

from django.conf import settings
from django.utils import translation


class AdminLanguageMiddleware:
    """Let the admin follow the organizer's language cookie or browser.

    With ``prefix_default_language=False``, Django's LocaleMiddleware serves every address
    without a language prefix in the default language; for the public site that is right
    (``/`` is English, ``/zh-hans/`` Chinese), but it would keep the admin English for Chinese
    organizers. Runs after LocaleMiddleware.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.prefixes = tuple(f"/{p.strip('/')}/" for p in settings.UNPREFIXED_LANGUAGE_PATHS)

    def __call__(self, request):
        if request.path_info.startswith(self.prefixes):
            language = translation.get_language_from_request(request, check_path=False)
            translation.activate(language)
            request.LANGUAGE_CODE = translation.get_language()
        return self.get_response(request)
