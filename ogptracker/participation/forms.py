"""The forms a visitor fills in: sign-up, a question, a follow; and the lead's answer."""

from django import forms
from django.contrib.auth import get_user_model, password_validation
from django.utils.translation import gettext_lazy as _

from commitments.models import ProgressReport

from .models import ANSWER_MAX_LENGTH, QUESTION_MAX_LENGTH
from .steps import clean_text


class HoneypotForm(forms.Form):
    """A field people do not see (the stylesheet moves it off screen) and programs fill in."""

    website = forms.CharField(
        label=_("Leave this field empty"),
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("website"):
            raise forms.ValidationError(
                _("This form was filled in a field meant to stay empty: it was not sent."),
                code="honeypot",
            )
        return cleaned

    @property
    def caught(self) -> bool:
        return any(error.code == "honeypot" for error in self.non_field_errors().as_data())


class SignUpForm(HoneypotForm):
    email = forms.EmailField(
        label=_("E-mail address"),
        help_text=_("Never shown: we write to it to verify it, and when you are answered."),
        # An address reads left to right on the Arabic pages too.
        widget=forms.EmailInput(attrs={"dir": "ltr", "autocomplete": "email"}),
    )
    name = forms.CharField(
        label=_("Public name"), max_length=100, help_text=_("Shown with your questions.")
    )
    organisation = forms.CharField(
        label=_("Organisation"),
        max_length=200,
        required=False,
        help_text=_("The association you speak for, if any."),
    )
    password1 = forms.CharField(
        label=_("Password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=password_validation.password_validators_help_text_html(),
    )
    password2 = forms.CharField(
        label=_("Password again"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def clean_email(self) -> str:
        email = self.cleaned_data["email"].strip().lower()
        users = get_user_model().objects
        if (
            users.filter(username__iexact=email).exists()
            or users.filter(email__iexact=email).exists()
        ):
            raise forms.ValidationError(
                _("An account already uses this address: sign in, or reset its password.")
            )
        return email

    def clean_name(self) -> str:
        name = clean_text(self.cleaned_data["name"])
        if not name:
            raise forms.ValidationError(_("This field is required."))
        return name

    def clean(self):
        cleaned = super().clean()
        first, second = cleaned.get("password1"), cleaned.get("password2")
        if first and second and first != second:
            self.add_error("password2", _("The two passwords differ."))
        elif first:
            user = get_user_model()(username=cleaned.get("email", ""), email=cleaned.get("email"))
            try:
                password_validation.validate_password(first, user)
            except forms.ValidationError as error:
                self.add_error("password1", error)
        return cleaned


class QuestionForm(HoneypotForm):
    report = forms.ModelChoiceField(
        label=_("About the report of"),
        queryset=ProgressReport.objects.none(),
        required=False,
        empty_label=_("The commitment as a whole"),
    )
    text = forms.CharField(
        label=_("Your question or comment"),
        max_length=QUESTION_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("Published under your public name, with the answer."),
    )

    def __init__(self, *args, reports=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["report"].queryset = (
            reports if reports is not None else self.fields["report"].queryset
        )
        self.fields["report"].label_from_instance = lambda report: (
            f"{report.date:%Y-%m-%d} · {report.percent} %"
        )

    def clean_text(self) -> str:
        text = clean_text(self.cleaned_data["text"])
        if not text:
            raise forms.ValidationError(_("This field is required."))
        return text


class AnswerForm(forms.Form):
    text = forms.CharField(
        label=_("Answer"),
        max_length=ANSWER_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 6}),
    )

    def clean_text(self) -> str:
        text = clean_text(self.cleaned_data["text"])
        if not text:
            raise forms.ValidationError(_("This field is required."))
        return text


class FollowForm(HoneypotForm):
    email = forms.EmailField(
        label=_("E-mail address"),
        help_text=_("We send a link to confirm it; every message has a link to stop."),
        widget=forms.EmailInput(attrs={"dir": "ltr", "autocomplete": "email"}),
    )


class DeleteAccountForm(forms.Form):
    password = forms.CharField(
        label=_("Your password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_password(self) -> str:
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise forms.ValidationError(_("This is not your password."))
        return password
