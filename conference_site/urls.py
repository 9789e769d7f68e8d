from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.http import HttpResponse
from django.urls import include, path, re_path
from django.utils.translation import gettext_lazy as _
from django.views.i18n import set_language
from django.views.static import serve

admin.site.site_header = _("Conference administration")
admin.site.site_title = _("Conference administration")
admin.site.index_title = _("Organize the conference")


def healthz(request):
    return HttpResponse("ok", content_type="text/plain")


urlpatterns = [
    path("admin/", admin.site.urls),
    path("i18n/setlang/", set_language, name="set_language"),
    path("healthz/", healthz, name="healthz"),
]
if settings.SERVE_MEDIA:
    media_prefix = settings.MEDIA_URL.strip("/")
    urlpatterns.append(
        re_path(rf"^{media_prefix}/(?P<path>.*)$", serve, {"document_root": settings.MEDIA_ROOT})
    )
urlpatterns += i18n_patterns(
    # Registration first: its addresses (/checkin/, /2022/register/) would otherwise be taken
    # for organizer-written pages by events' catch-all slug pattern.
    path("", include("attendees.urls")),
    path("", include("events.urls")),
    prefix_default_language=False,
)

handler404 = "events.views.errors.page_not_found"
handler500 = "events.views.errors.server_error"
