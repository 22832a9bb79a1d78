"""Root URL configuration."""

from django.conf import settings
from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from nastavnik.core.forms import LoginForm

admin.site.site_header = "«Наставник»: администрирование"
admin.site.site_title = "«Наставник»"
admin.site.index_title = "Управление данными"

urlpatterns = [
    path(
        "login/",
        auth_views.LoginView.as_view(template_name="registration/login.html", authentication_form=LoginForm),
        name="login",
    ),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("admin/", admin.site.urls),
    path("account/", include("nastavnik.accounts.urls")),
    path("organizations/", include("nastavnik.organizations.urls")),
    path("people/", include("nastavnik.people.urls")),
    path("roles/", include("nastavnik.access.urls")),
    path("bank/", include("nastavnik.bank.urls")),
    path("programs/", include("nastavnik.mentoring.urls")),
    path("matching/", include("nastavnik.matching.urls")),
    path("jobs/", include("nastavnik.jobs.urls")),
    path("documents/", include("nastavnik.documents.urls")),
    path("roadmaps/", include("nastavnik.roadmaps.urls")),
    path("development/", include("nastavnik.development.urls")),
    path("audit/", include("nastavnik.audit.urls")),
    path("monitoring/", include("nastavnik.monitoring.urls")),
    # Openness and recognition (issue 19): each part's module holds its public pages (without
    # sign-in: /o/, /mentors/, /practices/, /contests/) and its internal ones.
    path("", include("nastavnik.openness.urls_section_checks")),
    path("", include("nastavnik.openness.urls_sections")),
    path("", include("nastavnik.openness.urls_public_bank")),
    path("", include("nastavnik.practices.urls")),
    path("", include("nastavnik.contests.urls")),
    path("", include("nastavnik.incentives.urls")),
    # Mentoring of learners and the partners (issue 20).
    path("learners/", include("nastavnik.learners.urls")),
    path("partners/", include("nastavnik.partners.urls")),
    path("api/", include("nastavnik.api.urls")),
    path("", include("nastavnik.core.urls")),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
