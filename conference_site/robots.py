"""robots.txt: crawl the public site, not the admin, the check-in desk or personal links."""

from django.http import HttpResponse
from django.urls import reverse
from django.views.decorators.http import require_GET

from common.absolute_urls import absolute_url

# Personal addresses carry a token and exist in both languages (/2022/registration/<token>/,
# /zh-hans/2022/confirm/<token>/); "*" matches any run of characters, slashes included.
DISALLOWED = [
    "/admin/",
    "/checkin/",
    "/*/checkin/",
    "/*/registration/",
    "/*/confirm/",
]


@require_GET
def robots_txt(request):
    lines = ["User-agent: *", *(f"Disallow: {path}" for path in DISALLOWED), "Allow: /", ""]
    lines.append(f"Sitemap: {absolute_url(reverse('sitemap'))}")
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")
