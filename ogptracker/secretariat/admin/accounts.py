"""Accounts, managed by the secretariat without being superuser.

The secretariat creates and deactivates accounts, gives project leads their
commitments, sends a set-password link and lifts a sign-in lockout. Roles are
groups (`commitments.roles`): the secretariat gives only those, staff status
follows the secretariat's role, and superuser accounts, superuser status,
individual permissions and passwords stay with superusers.
"""

from typing import Any

from axes.utils import reset as lift_lockout
from django import forms
from django.contrib import admin, messages
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin
from django.contrib.auth.forms import PasswordResetForm
from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.forms import ModelForm
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from commitments.models import Commitment
from commitments.roles import ROLE_GROUPS, SECRETARIAT_GROUP

User = get_user_model()

# What a secretariat member neither sees nor changes on an account.
SUPERUSER_ONLY = {"password", "is_staff", "is_superuser", "user_permissions"}

SET_PASSWORD_SUBJECT = "registration/set_password_subject.txt"
SET_PASSWORD_EMAIL = "registration/set_password_email.txt"


class AccountCreationForm(forms.ModelForm):
    """A new account without a password: its owner chooses one through the link."""

    class Meta:
        model = User
        fields = ["username", "first_name", "last_name", "email"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # The set-password link goes to this address.
        self.fields["email"].required = True

    def save(self, commit: bool = True) -> Any:
        user = super().save(commit=False)
        user.set_unusable_password()
        if commit:
            user.save()
        return user


class SetPasswordLinkForm(PasswordResetForm):
    """Django's password-reset e-mail, sent to the chosen accounts: Django's own
    form sends it only to accounts that already have a password."""

    def __init__(self, users: QuerySet, *args: Any, **kwargs: Any) -> None:
        self.users = users
        super().__init__({"email": "set-password@example.org"}, *args, **kwargs)

    def get_users(self, email: str) -> Any:
        return self.users.filter(is_active=True).exclude(email="")


def send_set_password_links(request: HttpRequest, users: QuerySet) -> int:
    form = SetPasswordLinkForm(users)
    form.is_valid()
    recipients = list(form.get_users(""))
    form.save(
        request=request,
        use_https=request.is_secure(),
        subject_template_name=SET_PASSWORD_SUBJECT,
        email_template_name=SET_PASSWORD_EMAIL,
        extra_email_context={"site_name": _("Open Government tracker")},
    )
    return len(recipients)


class LedCommitmentInline(admin.TabularInline):
    model = Commitment.leads.through
    extra = 0
    autocomplete_fields = ["commitment"]
    verbose_name = _("commitment led")
    verbose_name_plural = _("commitments led")


def _is_superuser(request: HttpRequest) -> bool:
    return request.user.is_superuser


class AccountAdmin(UserAdmin):
    add_form = AccountCreationForm
    add_fieldsets = ((None, {"fields": ["username", "first_name", "last_name", "email"]}),)
    list_display = ["username", "first_name", "last_name", "email", "is_active", "is_staff"]
    list_filter = ["is_active", "is_staff", "groups"]
    inlines = [LedCommitmentInline]
    actions = ["send_set_password_link", "deactivate", "lift_lockout"]

    def get_fieldsets(self, request: HttpRequest, obj: Any = None) -> Any:
        fieldsets = super().get_fieldsets(request, obj)
        if obj is None or _is_superuser(request):
            return fieldsets
        return [
            (name, {**options, "fields": [f for f in options["fields"] if f not in SUPERUSER_ONLY]})
            for name, options in fieldsets
        ]

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> Any:
        if _is_superuser(request):
            return super().get_readonly_fields(request, obj)
        return ["last_login", "date_joined"]

    def formfield_for_manytomany(
        self, db_field: Any, request: HttpRequest, **kwargs: Any
    ) -> forms.Field | None:
        if db_field.name == "groups" and not _is_superuser(request):
            kwargs["queryset"] = Group.objects.filter(name__in=ROLE_GROUPS)
        return super().formfield_for_manytomany(db_field, request, **kwargs)

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        # A superuser's account is out of the secretariat's reach: changing its
        # address or its password would hand over every permission.
        if obj is not None and obj.is_superuser and not _is_superuser(request):
            return False
        return super().has_change_permission(request, obj)

    def user_change_password(
        self, request: HttpRequest, id: str, form_url: str = ""
    ) -> HttpResponse:
        # The secretariat sends a link; only its owner chooses a password.
        if not _is_superuser(request):
            raise PermissionDenied
        return super().user_change_password(request, id, form_url)

    def save_model(self, request: HttpRequest, obj: Any, form: ModelForm, change: bool) -> None:
        super().save_model(request, obj, form, change)
        if not change and obj.email:
            send_set_password_links(request, User.objects.filter(pk=obj.pk))
            self.message_user(
                request,
                _("A link to choose a password was sent to %(email)s.") % {"email": obj.email},
            )

    def save_related(
        self, request: HttpRequest, form: ModelForm, formsets: Any, change: bool
    ) -> None:
        user = form.instance
        if _is_superuser(request):
            return super().save_related(request, form, formsets, change)
        # The form offers the roles only: groups outside them stay as they were.
        kept = list(user.groups.exclude(name__in=ROLE_GROUPS)) if change else []
        super().save_related(request, form, formsets, change)
        user.groups.add(*kept)
        # Staff status follows the secretariat's role, nothing else.
        is_staff = user.groups.filter(name=SECRETARIAT_GROUP).exists()
        if user.is_staff != is_staff:
            user.is_staff = is_staff
            user.save(update_fields=["is_staff"])

    def get_actions(self, request: HttpRequest) -> dict[str, Any]:
        actions = super().get_actions(request)
        if not _is_superuser(request):
            # Ticking a superuser's row must not reach it through an action either.
            actions = {
                name: action for name, action in actions.items() if name != "delete_selected"
            }
        return actions

    def _changeable(self, request: HttpRequest, queryset: QuerySet) -> QuerySet:
        if _is_superuser(request):
            return queryset
        return queryset.filter(is_superuser=False)

    @admin.action(description=_("Send a link to choose a password"), permissions=["change"])
    def send_set_password_link(self, request: HttpRequest, queryset: QuerySet) -> None:
        sent = send_set_password_links(request, self._changeable(request, queryset))
        self.message_user(
            request,
            ngettext(
                "A link to choose a password was sent to %(count)d account.",
                "A link to choose a password was sent to %(count)d accounts.",
                sent,
            )
            % {"count": sent},
        )

    @admin.action(description=_("Deactivate the selected accounts"), permissions=["change"])
    def deactivate(self, request: HttpRequest, queryset: QuerySet) -> None:
        users = self._changeable(request, queryset).exclude(pk=request.user.pk)
        count = users.update(is_active=False)
        self.message_user(
            request,
            ngettext(
                "%(count)d account deactivated: it can no longer sign in.",
                "%(count)d accounts deactivated: they can no longer sign in.",
                count,
            )
            % {"count": count},
        )

    @admin.action(description=_("Lift the sign-in lockout"), permissions=["change"])
    def lift_lockout(self, request: HttpRequest, queryset: QuerySet) -> None:
        for username in queryset.values_list("username", flat=True):
            lift_lockout(username=username)
        self.message_user(request, _("The accounts selected can sign in again."), messages.SUCCESS)


admin.site.unregister(User)
admin.site.register(User, AccountAdmin)
