from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.contrib.sitemaps import views as sitemaps_views
from django.urls import include, path
from django.utils.translation import gettext_lazy as _

from ogptracker.publishing.sitemaps import SITEMAPS, robots_txt

from .accounts import PasswordResetView
from .health import healthz
from .icons import favicon
from .pagecache import cache_public_page

admin.site.site_header = _("Open Government tracker — administration")
admin.site.site_title = _("Open Government tracker")
admin.site.index_title = _("Action plans, commitments and committee meetings")

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("i18n/", include("django.conf.urls.i18n")),
    # Browsers ask for /favicon.ico on every page, the admin's included.
    path("favicon.ico", favicon, name="favicon"),
    path("api/", include("ogptracker.publishing.api_urls")),
    # An index of sections, each in pages of SitemapPages.limit addresses.
    path(
        "sitemap.xml",
        cache_public_page(sitemaps_views.index),
        {"sitemaps": SITEMAPS, "sitemap_url_name": "sitemap_section"},
        name="sitemap",
    ),
    path(
        "sitemap-<section>.xml",
        cache_public_page(sitemaps_views.sitemap),
        {"sitemaps": SITEMAPS},
        name="sitemap_section",
    ),
    path("robots.txt", robots_txt, name="robots_txt"),
]

urlpatterns += i18n_patterns(
    path(settings.ADMIN_URL, admin.site.urls),
    path("accounts/password_reset/", PasswordResetView.as_view(), name="password_reset"),
    path("accounts/", include("django.contrib.auth.urls")),
    path("meetings/", include("ogptracker.publishing.minutes_urls")),
    path("", include("ogptracker.leads.urls")),
    path("", include("ogptracker.civilsociety.urls")),
    path("", include("ogptracker.publishing.urls")),
)

# JSON under /api/, the address's language elsewhere; a database away is a 503.
handler400 = "ogptracker.errors.bad_request"
handler404 = "ogptracker.errors.page_not_found"
handler500 = "ogptracker.errors.server_error"
