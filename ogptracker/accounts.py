"""Account pages that differ from Django's own."""

from django.contrib.auth import views as auth_views
from django.contrib.auth.forms import PasswordResetForm
from django.http import HttpResponse
from django.utils.translation import gettext_lazy as _


class PasswordResetView(auth_views.PasswordResetView):
    """Django's, naming the site in the e-mail, with its link on the scheme of the
    request (https in production)."""

    extra_email_context = {"site_name": _("Open Government tracker")}

    def form_valid(self, form: PasswordResetForm) -> HttpResponse:
        self.use_https = self.request.is_secure()
        return super().form_valid(form)
