"""An Atom feed of the committees' published minutes, newest first.

Each entry's author is its committee; the feed's, the secretariat that publishes.
"""

import datetime

from django.contrib.syndication.views import Feed
from django.db.models import QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from meetings.models import Meeting
from ogptracker.common import languages

from .feeds import publisher

ITEMS = 20


class MinutesFeed(Feed):
    feed_type = Atom1Feed
    # Each entry's summary: the plan and the agenda, as HTML for feed readers.
    description_template = "publishing/feed_entry.html"

    def title(self) -> str:
        return _("Minutes of the Open Government committees")

    def subtitle(self) -> str:
        return _("The latest minutes published by the execution and steering committees.")

    def link(self) -> str:
        return reverse("meetings:meeting_list")

    def author_name(self) -> str:
        return publisher()

    def items(self) -> QuerySet[Meeting]:
        return (
            Meeting.objects.published()
            .select_related("committee__plan")
            .prefetch_related("agenda_items")
            .order_by("-date", "-pk")[:ITEMS]
        )

    def item_title(self, meeting: Meeting) -> str:
        name = languages.plain(meeting.committee, "name")
        return f"{name} — {date_format(meeting.date, 'j F Y')}"

    def item_author_name(self, meeting: Meeting) -> str:
        """The committee that met and adopted the minutes."""
        return meeting.committee.name

    def item_link(self, meeting: Meeting) -> str:
        return reverse("meetings:minutes", args=[meeting.pk])

    def item_pubdate(self, meeting: Meeting) -> datetime.datetime:
        return timezone.make_aware(datetime.datetime.combine(meeting.date, datetime.time()))

    def item_updateddate(self, meeting: Meeting) -> datetime.datetime:
        return meeting.updated_at
