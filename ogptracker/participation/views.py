"""A citizen's pages: sign-up, verification, their questions and account; asking;
following by e-mail. None is cached: each is one visitor's, or changes something."""

from http import HTTPStatus

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login, logout
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST
from django_ratelimit.core import get_usage

from commitments.models import ActionPlan, Commitment, ProgressReport
from meetings.models import Committee
from ogptracker.throttle import client_ip

from . import steps, tokens
from .enums import FollowTarget, Moderation
from .forms import DeleteAccountForm, FollowForm, QuestionForm, SignUpForm
from .models import Citizen, Follow, Question

TARGETS = {
    FollowTarget.COMMITMENT: Commitment.objects.select_related("plan"),
    FollowTarget.PLAN: ActionPlan.objects.all(),
    FollowTarget.COMMITTEE: Committee.objects.select_related("plan"),
}


def _by_address(group, request):
    return f"address:{client_ip(request)}"


def _by_account(group, request):
    return f"user:{request.user.pk}"


def _spent(request, group, rate, key) -> bool:
    """Whether the client used up `rate` for `group`: one more would be past it."""
    usage = get_usage(request, group=group, key=key, rate=rate, increment=False)
    return usage is not None and usage["count"] >= usage["limit"]


def _count(request, group, rate, key) -> None:
    """One more use: only what succeeded counts (a mistyped form does not)."""
    get_usage(request, group=group, key=key, rate=rate, increment=True)


def _refused(request, template, context, message, status):
    """The form again, saying why nothing was done, in the visitor's language."""
    return render(request, template, context | {"refusal": message}, status=status)


def _citizen(request) -> Citizen:
    citizen = Citizen.objects.filter(user=request.user).first()
    if citizen is None:
        # The secretariat and leads answer; they do not ask as citizens.
        raise PermissionDenied
    return citizen


# Accounts ----------------------------------------------------------------------------


def sign_up(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated:
        return redirect("participation:account")
    form = SignUpForm(request.POST or None)
    rate = settings.PARTICIPATION_SIGN_UP_RATE
    template, context = "participation/sign_up.html", {"form": form}
    if request.method == "POST":
        if _spent(request, "sign-up", rate, _by_address):
            return _refused(
                request,
                template,
                context,
                _("Too many accounts were opened from your address lately: try again in an hour."),
                HTTPStatus.TOO_MANY_REQUESTS,
            )
        if form.is_valid():
            _count(request, "sign-up", rate, _by_address)
            citizen = steps.sign_up(
                email=form.cleaned_data["email"],
                password=form.cleaned_data["password1"],
                name=form.cleaned_data["name"],
                organisation=form.cleaned_data["organisation"],
                language=get_language(),
            )
            login(request, citizen.user, backend="django.contrib.auth.backends.ModelBackend")
            messages.success(
                request,
                _("Your account is open. We sent you a link: follow it to verify your address."),
            )
            return redirect("participation:account")
        if form.caught:
            return render(request, template, context, status=HTTPStatus.BAD_REQUEST)
    return render(request, template, context)


def verify(request: HttpRequest, token: str) -> HttpResponse:
    found = tokens.verified_account(token)
    citizen = None
    if found is not None:
        user_pk, email = found
        citizen = (
            Citizen.objects.select_related("user")
            .filter(user_id=user_pk, user__email__iexact=email)
            .first()
        )
    if citizen is None:
        return render(request, "participation/link_expired.html", status=HTTPStatus.BAD_REQUEST)
    steps.verify_email(citizen)
    messages.success(request, _("Your e-mail address is verified: you may ask questions."))
    if request.user.is_authenticated:
        return redirect("participation:account")
    return redirect("login")


@login_required
def account(request: HttpRequest) -> HttpResponse:
    citizen = Citizen.objects.filter(user=request.user).first()
    if citizen is None:
        return redirect("leads:my_commitments")
    questions = (
        Question.objects.filter(author=request.user)
        .with_answers()
        .select_related("commitment__plan")
    )
    return render(
        request,
        "participation/account.html",
        {
            "citizen": citizen,
            "questions": questions,
            "delete_form": DeleteAccountForm(user=request.user),
        },
    )


@login_required
@require_POST
def resend_verification(request: HttpRequest) -> HttpResponse:
    citizen = _citizen(request)
    if _count(request, "verify", settings.PARTICIPATION_SIGN_UP_RATE, _by_account):
        messages.error(
            request, _("We sent several links lately: wait an hour before asking again.")
        )
    elif not citizen.verified:
        steps.notices.queue(steps.notices.send_verification, request.user.pk)
        messages.success(request, _("We sent you a new link."))
    return redirect("participation:account")


@login_required
def delete_account(request: HttpRequest) -> HttpResponse:
    if not steps.may_delete_account(request.user):
        raise PermissionDenied
    form = DeleteAccountForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        user = request.user
        logout(request)
        kept = steps.delete_account(user)
        messages.success(
            request,
            _(
                "Your account and your personal data are deleted. "
                "Your questions stay, without your name."
            )
            if kept
            else _("Your account and your personal data are deleted."),
        )
        return redirect("commitments:home")
    return render(request, "participation/delete_account.html", {"form": form})


# Questions ---------------------------------------------------------------------------


@login_required
def ask(request: HttpRequest, plan_number: int, number: int) -> HttpResponse:
    commitment = get_object_or_404(
        Commitment.objects.select_related("plan"), plan__number=plan_number, number=number
    )
    citizen = _citizen(request)
    reports = ProgressReport.objects.published().filter(commitment=commitment, meeting=None)
    form = QuestionForm(request.POST or None, reports=reports.order_by("-date", "-pk"))
    template = "participation/ask.html"
    context = {
        "commitment": commitment,
        "plan": commitment.plan,
        "citizen": citizen,
        "form": form,
        "moderated_before": steps.moderation() == Moderation.BEFORE,
    }
    if not citizen.verified:
        return render(request, template, context)
    if request.method == "POST":
        rate = settings.PARTICIPATION_QUESTION_RATE
        if _spent(request, "question", rate, _by_account):
            return _refused(
                request,
                template,
                context,
                _("You asked several questions lately: wait an hour before asking another."),
                HTTPStatus.TOO_MANY_REQUESTS,
            )
        if form.is_valid():
            _count(request, "question", rate, _by_account)
            question = steps.ask(
                citizen,
                commitment,
                form.cleaned_data["text"],
                report=form.cleaned_data["report"],
                language=get_language(),
            )
            if question.is_published:
                messages.success(request, _("Your question is published; the lead is told."))
            else:
                messages.success(
                    request,
                    _(
                        "Your question is held until the secretariat reads it: it is "
                        "published then, and the lead is told. You will find it under "
                        "«My questions»."
                    ),
                )
            return redirect("participation:account")
        if form.caught:
            return render(request, template, context, status=HTTPStatus.BAD_REQUEST)
    return render(request, template, context)


# Follows -----------------------------------------------------------------------------


def _target(kind, pk):
    if kind not in FollowTarget.values:
        raise Http404("Nothing of that kind is followed.")
    kind = FollowTarget(kind)
    return kind, get_object_or_404(TARGETS[kind], pk=pk)


def follow(request: HttpRequest, kind: str, pk: int) -> HttpResponse:
    kind, target = _target(kind, pk)
    form = FollowForm(request.POST or None)
    template = "participation/follow.html"
    context = {"form": form, "kind": kind, "target": target}
    if request.method == "POST":
        rate = settings.PARTICIPATION_FOLLOW_RATE
        if _spent(request, "follow", rate, _by_address) or _spent(
            request, "follow", rate, "post:email"
        ):
            return _refused(
                request,
                template,
                context,
                _(
                    "Too many follows were asked lately from your address or for this "
                    "e-mail address: try again in an hour."
                ),
                HTTPStatus.TOO_MANY_REQUESTS,
            )
        if form.is_valid():
            _count(request, "follow", rate, _by_address)
            _count(request, "follow", rate, "post:email")
            steps.follow(form.cleaned_data["email"], {kind.value: target}, get_language())
            return render(request, "participation/follow_sent.html", context)
        if form.caught:
            return render(request, template, context, status=HTTPStatus.BAD_REQUEST)
    return render(request, template, context)


def follow_confirm(request: HttpRequest, token: str) -> HttpResponse:
    pk = tokens.confirmed_follow(token)
    found = Follow.objects.filter(pk=pk).first() if pk is not None else None
    if found is None:
        return render(request, "participation/link_expired.html", status=HTTPStatus.BAD_REQUEST)
    steps.confirm(found)
    return render(
        request,
        "participation/follow_confirmed.html",
        {"follow": found, "unsubscribe": tokens.unsubscription(found.pk)},
    )


# Mail programs post here without a form token (RFC 8058 one-click): the signed
# token in the address is what authorises the request.
@csrf_exempt
def unsubscribe(request: HttpRequest, token: str) -> HttpResponse:
    pk = tokens.unsubscribed_follow(token)
    if pk is None:
        raise Http404("No such follow.")
    found = Follow.objects.filter(pk=pk).first()
    if request.method == "POST":
        if found is not None:
            steps.unsubscribe(found)
        return render(request, "participation/unsubscribed.html")
    if found is None:
        return render(request, "participation/unsubscribed.html")
    return render(request, "participation/unsubscribe.html", {"follow": found})
