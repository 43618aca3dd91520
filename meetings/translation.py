"""Translated fields (ar default, fr, en) and change history; see commitments/translation.py."""

from modeltranslation.translator import TranslationOptions, register
from simple_history import register as register_history

from .models import AgendaItem, Committee, Meeting, Membership, NextStep, Participant


@register(Committee)
class CommitteeTranslation(TranslationOptions):
    fields = ("name",)


@register(Meeting)
class MeetingTranslation(TranslationOptions):
    fields = ("title", "place")


@register(Participant)
class ParticipantTranslation(TranslationOptions):
    fields = ("group", "function", "organisation")


@register(Membership)
class MembershipTranslation(TranslationOptions):
    fields = ("group", "function", "organisation")


@register(AgendaItem)
class AgendaItemTranslation(TranslationOptions):
    fields = ("title", "body", "bullets")


@register(NextStep)
class NextStepTranslation(TranslationOptions):
    fields = ("text",)


for model in (Committee, Participant, Membership):
    register_history(model)
for model in (Meeting, AgendaItem, NextStep):
    register_history(model, excluded_fields=["search_text"])
