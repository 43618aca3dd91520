"""The questions citizens asked on a lead's commitments, and the lead's answers.

The secretariat sees every commitment's and answers for the committee; a lead
answers for the commitment's lead institution (ogptracker/participation/steps.py).
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Exists, OuterRef
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from commitments.roles import is_secretariat
from ogptracker.participation import steps
from ogptracker.participation.forms import AnswerForm
from ogptracker.participation.models import Answer, Question


def _questions_for(user):
    return (
        Question.objects.for_answerer(user)
        .annotate(answered=Exists(Answer.objects.filter(question=OuterRef("pk"))))
        .with_answers()
        .select_related("commitment__plan")
        # Those still waiting first, the oldest of them first.
        .order_by("answered", "published_at", "pk")
    )


@login_required
def questions(request: HttpRequest) -> HttpResponse:
    found = list(_questions_for(request.user))
    return render(
        request,
        "leads/questions.html",
        {
            "questions": found,
            "waiting": sum(not question.answered for question in found),
            "is_secretariat": is_secretariat(request.user),
            "form": AnswerForm(),
        },
    )


@login_required
@require_POST
def answer(request: HttpRequest, pk: int) -> HttpResponse:
    # Another lead's question is a 404, as if it did not exist.
    question = get_object_or_404(_questions_for(request.user), pk=pk)
    form = AnswerForm(request.POST)
    if not form.is_valid():
        found = list(_questions_for(request.user))
        for item in found:
            item.bound_form = form if item.pk == question.pk else None
        return render(
            request,
            "leads/questions.html",
            {
                "questions": found,
                "waiting": sum(not item.answered for item in found),
                "is_secretariat": is_secretariat(request.user),
                "form": AnswerForm(),
            },
        )
    steps.answer(question, request.user, form.cleaned_data["text"])
    messages.success(request, _("Your answer is published; the person who asked is told."))
    return redirect("leads:questions")
