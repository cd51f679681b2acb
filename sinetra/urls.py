from django.conf import settings
from django.contrib import admin
from django.urls import include, path
from django_otp.admin import OTPAdminSite

from sinetra.api import api

if settings.REQUIRE_TWO_FACTOR:
    admin.site.__class__ = OTPAdminSite  # the admin also requires the second factor
admin.site.site_header = "Sinetra — administrasi"
admin.site.site_title = "Sinetra"

urlpatterns = [
    path("", include("core.urls")),
    path("akun/", include("accounts.urls")),
    path("wilayah/", include("regions.urls")),
    path("registri/", include("registry.urls")),
    path("pemilihan/", include("elections.urls")),
    path("pelanggaran/", include("acts.urls")),
    path("lapor/", include("reports.public_urls")),
    path("laporan/", include("reports.urls")),
    path("kasus/", include("cases.urls")),
    path("patroli/", include("patrol.urls")),
    path("api/v1/", api.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
]
