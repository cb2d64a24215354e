"""Root URL configuration. The programme core's own routes live in ``collider.app_urls``."""

from allauth.account.decorators import secure_admin_login
from django.conf import settings
from django.contrib import admin
from django.urls import include, path
from django.utils.translation import gettext_lazy as _

from .views import pages

admin.site.site_header = _("Collider administration")
admin.site.site_title = _("Collider admin")
# The admin signs in through allauth's login, so its rate limits and the second factor apply.
admin.site.login = secure_admin_login(admin.site.login)

handler403 = "collider.views.pages.permission_denied"

urlpatterns = [
    path("", pages.home, name="home"),
    path("dashboard/", pages.dashboard_view, name="dashboard"),
    path("healthz", pages.healthz, name="healthz"),
    path("accounts/", include("allauth.urls")),
    path("i18n/setlang/", pages.language_set, name="set_language"),
    path("admin/", admin.site.urls),
    path("", include("collider.app_urls")),
    # Phase apps: programme-scoped pages live under /p/<slug>/<area>/, public ones where the
    # app's URLconf says. Each app has its own namespace.
    path("", include("tandems.urls")),
    path("", include("outreach.urls")),
    path("", include("training.urls")),
    path("", include("challenges.urls")),
    path("", include("matchmaking.urls")),
    path("", include("followup.urls")),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
