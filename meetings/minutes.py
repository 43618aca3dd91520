"""What the minutes say, composed from the tracked data.

Arabic wording that depends on grammar (ordinals agreeing with their noun,
the hour said in words) is built here; other languages go through gettext.
"""

import datetime
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from itertools import groupby
from typing import TYPE_CHECKING, Any

from django.utils import formats
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language, gettext, npgettext, override, pgettext

from commitments.enums import PlatformStatus, ReportStatus
from ogptracker.common.bidi import isolated
from ogptracker.common.languages import marked, shown_language

from .enums import Honorific, ParticipantRole

if TYPE_CHECKING:
    from commitments.models import Commitment, ProgressReport

    from .models import Meeting, Participant

ORDINALS_MASCULINE = [
    "الأول", "الثاني", "الثالث", "الرابع", "الخامس", "السادس", "السابع", "الثامن", "التاسع",
    "العاشر", "الحادي عشر", "الثاني عشر", "الثالث عشر", "الرابع عشر", "الخامس عشر",
    "السادس عشر", "السابع عشر", "الثامن عشر", "التاسع عشر", "العشرون",
]  # fmt: skip
ORDINALS_FEMININE = [
    "الأولى", "الثانية", "الثالثة", "الرابعة", "الخامسة", "السادسة", "السابعة", "الثامنة",
    "التاسعة", "العاشرة", "الحادية عشرة", "الثانية عشرة", "الثالثة عشرة", "الرابعة عشرة",
    "الخامسة عشرة", "السادسة عشرة", "السابعة عشرة", "الثامنة عشرة", "التاسعة عشرة", "العشرون",
]  # fmt: skip
# The hour is feminine in Arabic («الساعة الثانية»); 0 and 12 both read «الثانية عشرة».
HOURS = ["الثانية عشرة"] + ORDINALS_FEMININE[:11]
HOURS[1] = "الواحدة"


def arabic_ordinal(number: int | None, *, feminine: bool = False) -> str | None:
    """«الثاني» for 2, or «الثانية» for a feminine noun; None past twenty."""
    words = ORDINALS_FEMININE if feminine else ORDINALS_MASCULINE
    if number and 1 <= number <= len(words):
        return words[number - 1]
    return None


def meeting_name(sequence: int | None) -> str | None:
    """«الاجتماع الثاني» in Arabic, «meeting no. 2» elsewhere; None without a number."""
    if not sequence:
        return None
    if get_language() == "ar":
        ordinal = arabic_ordinal(sequence)
        return f"الاجتماع {ordinal}" if ordinal else f"الاجتماع رقم {sequence}"
    return gettext("meeting no. %(number)s") % {"number": sequence}


def with_li(name: str) -> str:
    """Arabic «ل» joined to a name: «لجنة» → «للجنة», «الخطة» → «للخطة», «اللجنة» → «للجنة»."""
    if name.startswith("ال"):
        rest = name[2:]
        return ("ل" if rest.startswith("ل") else "لل") + rest
    return "ل" + name


def minutes_title(meeting: "Meeting") -> str:
    name = meeting_name(meeting.sequence)
    committee = meeting.committee.name
    if get_language() == "ar":
        if name:
            return f"محضر {name} {with_li(committee)}"
        return f"محضر اجتماع {committee}"
    if name:
        return gettext("Minutes of %(meeting)s — %(committee)s") % {
            "meeting": name,
            "committee": committee,
        }
    return gettext("Minutes of the meeting — %(committee)s") % {"committee": committee}


def arabic_time(value: datetime.time) -> str:
    """«على الساعة الثانية بعد الزوال» for 14:00; digits when the minutes are uneven."""
    hour, minute = value.hour, value.minute
    if minute == 45:
        hour += 1
    if hour < 5 or hour >= 21:
        period = "ليلا"
    elif hour < 12:
        period = "صباحا"
    elif hour == 12:
        period = "زوالا"
    elif hour < 18:
        period = "بعد الزوال"
    else:
        period = "مساء"
    words = HOURS[hour % 12]
    fraction = {0: "", 15: " والربع", 30: " والنصف", 45: " إلا ربعا"}.get(minute)
    if fraction is None:
        return f"على الساعة {value:%H:%M}"
    return f"على الساعة {words}{fraction} {period}"


def meeting_time(value: datetime.time | None) -> str:
    if value is None:
        return ""
    if get_language() == "ar":
        return arabic_time(value)
    return gettext("at %(time)s") % {"time": formats.time_format(value)}


def no_progress_phrase() -> str:
    return gettext("No progress since the previous meeting")


def _says(text, phrase):
    return " ".join(phrase.split()) in " ".join(text.split())


@dataclass
class StatusRow:
    report: object
    no_progress_note: str = ""
    platform: list = field(default_factory=list)

    @property
    def commitment(self) -> "Commitment":
        return self.report.commitment

    @property
    def is_draft(self) -> bool:
        return self.report.status != ReportStatus.PUBLISHED


def status_row(report: "ProgressReport") -> StatusRow:
    note = ""
    if report.no_progress:
        phrase = no_progress_phrase()
        with override("ar"):
            arabic_phrase = no_progress_phrase()
        if not (_says(report.narrative, phrase) or _says(report.narrative, arabic_phrase)):
            note = phrase
    platform = []
    if report.platform_status:
        platform.append(PlatformStatus(report.platform_status).label)
    if report.platform_note:
        platform.append(report.platform_note)
    return StatusRow(report=report, no_progress_note=note, platform=platform)


def list_separator() -> str:
    # Translators: between the items of a short list, e.g. commitment numbers «1، 2، 8».
    return pgettext("list separator", ", ")


def participant_line(participant: "Participant") -> SafeString:
    """«السيد حاتم مورادي، رئيس المشروع المكلف بالالتزامات 1، 2، 8», the function said once.

    HTML: a function or organisation shown in another language than the page's (its
    Arabic, when the page's is empty) is marked with its language and direction.
    """
    separator = list_separator()
    # What was typed is isolated (ogptracker/common/bidi.py): a control in a name stops at its end.
    head = conditional_escape(isolated(participant.name))
    if participant.honorific:
        head = format_html("{} {}", Honorific(participant.honorific).label, head)
    parts = [head]
    function = participant.function
    if function:
        parts.append(typed(participant, "function"))
    elif participant.role != ParticipantRole.MEMBER:
        parts.append(conditional_escape(ParticipantRole(participant.role).label))
    if participant.organisation and participant.organisation not in function:
        parts.append(typed(participant, "organisation"))
    numbers = [c.number for c in getattr(participant, "commitments_in_charge", [])]
    named = {int(n) for n in re.findall(r"\d+", function)}
    if numbers and not set(numbers) <= named:
        parts.append(conditional_escape(in_charge_of(numbers, participant.honorific, separator)))
    return mark_safe(conditional_escape(separator).join(parts))


def typed(instance: object, name: str) -> SafeString:
    """A translated field as typed, isolated, marked when it shows another language."""
    return marked(isolated(getattr(instance, name)) or "", shown_language(instance, name))


def in_charge_of(numbers: Sequence[int], honorific: str, separator: str) -> str:
    listed = separator.join(str(number) for number in numbers)
    count = len(numbers)
    if honorific == Honorific.MS:
        text = npgettext(
            "in charge, woman",
            "in charge of commitment %(numbers)s",
            "in charge of commitments %(numbers)s",
            count,
        )
    elif honorific == Honorific.MR:
        text = npgettext(
            "in charge, man",
            "in charge of commitment %(numbers)s",
            "in charge of commitments %(numbers)s",
            count,
        )
    else:
        text = npgettext(
            "in charge",
            "in charge of commitment %(numbers)s",
            "in charge of commitments %(numbers)s",
            count,
        )
    return text % {"numbers": listed}


def participant_groups(
    participants: Iterable["Participant"],
) -> list[tuple[str, list[SafeString]]]:
    """Consecutive participants under the same heading, in their order."""
    groups = []
    for heading, members in groupby(participants, key=lambda p: p.group):
        members = list(members)
        # The heading in the language the group's first participant shows it in.
        marked_heading = typed(members[0], "group") if heading else heading
        groups.append((marked_heading, [participant_line(p) for p in members]))
    return groups


def minutes_context(meeting: "Meeting", *, preview: bool) -> dict[str, Any]:
    """Everything the minutes template prints, from a meeting loaded `for_minutes()`."""
    from .models import NextStep

    place = meeting.place
    if place == str(meeting.get_format_display()):
        place = ""
    # A typed title that names the committee restates the heading built above it.
    restates = meeting.committee.name.casefold() in meeting.title.casefold()
    subtitle = "" if restates else meeting.title
    return {
        "meeting": meeting,
        "place": place,
        "subtitle": subtitle,
        "preview": preview,
        "separator": list_separator(),
        "title": minutes_title(meeting),
        "time_text": meeting_time(meeting.start_time),
        "participant_groups": participant_groups(meeting.participant_list),
        # Numbered by position, as in the agenda above them.
        "discussed_items": [
            (number, item)
            for number, item in enumerate(meeting.agenda, 1)
            if item.body or item.bullet_list
        ],
        "status_rows": [status_row(s) for s in meeting.status_rows],
        "open_steps": list(NextStep.objects.open_before(meeting, include_drafts=preview)),
    }
