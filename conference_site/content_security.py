"""Content-Security-Policy: the strict policy on every page, with the admin's few exceptions."""

from csp.middleware import CSPMiddleware, PolicyParts
from django.conf import settings
from django.http import HttpRequest, HttpResponseBase


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """django-csp's middleware, adding ``CONTENT_SECURITY_POLICY_ADMIN`` on the admin's pages.

    The public site writes no inline script or style at all; the admin and the apps that extend
    it (django-import-export, django-simple-history) write inline styles and one inline event
    handler, which the admin's addition allows there and only there.
    """

    def process_response(
        self, request: HttpRequest, response: HttpResponseBase
    ) -> HttpResponseBase:
        # A PDF runs no script of ours, and browsers show it in a viewer of their own that a
        # policy written for the site's HTML (object-src 'none') must not get in the way of.
        if response.get("Content-Type", "").startswith("application/pdf"):
            return response
        return super().process_response(request, response)

    def get_policy_parts(
        self, request: HttpRequest, response: HttpResponseBase, report_only: bool = False
    ) -> PolicyParts:
        parts = super().get_policy_parts(request, response, report_only)
        if not report_only and parts.update is None and _is_admin_page(request):
            parts.update = settings.CONTENT_SECURITY_POLICY_ADMIN
        return parts


def _is_admin_page(request: HttpRequest) -> bool:
    match = getattr(request, "resolver_match", None)
    return match is not None and "admin" in match.namespaces
