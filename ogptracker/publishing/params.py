"""Every query parameter the site reads, checked in one place before a view runs.

A value no page can use is refused with a 400 (JSON under /api/, a page in the
address's language elsewhere) instead of reaching the database: a control
character (PostgreSQL refuses a NUL in any text: «A string literal cannot
contain NUL»), a number past what an integer column holds, a word that is
none of the choices. Parameters a page does not read are left alone.
"""

import datetime
import re

from meetings.enums import CommitteeKind, NextStepStatus
from ogptracker.errors import error_response

from .dashboard import SORTS
from .search import MAX_WORDS

# PostgreSQL's `integer`, the smallest integer column a number is compared with.
MAX_INTEGER = 2**31 - 1
# Longer than any search anyone types; the site's search reads the first 200 characters.
MAX_TEXT = 1000
# C0 and C1 control characters and DEL, but tab, line feed and carriage return.
CONTROL_CHARACTERS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


class BadParameter(ValueError):
    pass


def positive_integer(name, raw):
    # isascii: str.isdigit() also accepts digits such as «²» that int() refuses.
    if not (raw.isascii() and raw.isdigit()) or not raw.strip("0"):
        raise BadParameter(f"`{name}` must be a positive integer, got {raw!r}.")
    # Digits counted before int(), which refuses strings of more than 4,300 of them.
    if len(raw.lstrip("0")) > len(str(MAX_INTEGER)) or int(raw) > MAX_INTEGER:
        raise BadParameter(f"`{name}` must be at most {MAX_INTEGER}.")
    return int(raw)


def iso_date(name, raw):
    try:
        return datetime.date.fromisoformat(raw)
    except ValueError:
        raise BadParameter(f"`{name}` must be a date as YYYY-MM-DD, got {raw!r}.") from None


def choice(*values):
    def check(name, raw):
        if raw not in values:
            raise BadParameter(f"`{name}` must be one of {', '.join(values)}, got {raw!r}.")
        return raw

    return check


def text(name, raw):
    if len(raw) > MAX_TEXT:
        raise BadParameter(f"`{name}` takes at most {MAX_TEXT} characters.")
    return raw


def words(name, raw):
    text(name, raw)
    if len(raw.split()) > MAX_WORDS:
        raise BadParameter(f"`{name}` takes at most {MAX_WORDS} words.")
    return raw


PAGE = {"page": positive_integer}
API_LIST = {"page": positive_integer, "page_size": positive_integer}

# By URL name: the parameters each view reads, and how each is checked.
PARAMETERS = {
    "commitments:home": PAGE,
    "commitments:plan_dashboard": {"sort": choice(*SORTS)},
    "commitments:institution_detail": PAGE,
    "commitments:search": {"q": text, **PAGE},
    "commitments:open_data": PAGE,
    "meetings:meeting_list": PAGE,
    "meetings:minutes_pdf": {"inline": text},
    "sitemap_section": {"p": positive_integer},
    "api:plans": API_LIST,
    "api:plan_commitments": {"q": words, **API_LIST},
    "api:plan_activities": {"commitment": positive_integer, **API_LIST},
    "api:plan_reports": {"commitment": positive_integer, "date": iso_date, **API_LIST},
    "api:plan_next_steps": {
        "status": choice(*NextStepStatus.values),
        "meeting": positive_integer,
        **API_LIST,
    },
    "api:plan_irm": {"commitment": positive_integer, **API_LIST},
    "api:meetings": {
        "plan": positive_integer,
        "committee": choice(*CommitteeKind.values),
        "q": words,
        **API_LIST,
    },
}


def cleaned(request, name, default=None):
    """The checked value of a parameter a view reads (see PARAMETERS), or `default` if empty."""
    raw = request.GET.get(name, "")
    if raw == "":
        return default
    return PARAMETERS[request.resolver_match.view_name][name](name, raw)


class QueryParametersMiddleware:
    """Refuse control characters in any parameter, then check those the view reads."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        # Before a session, a view or the database reads them.
        for name, values in request.GET.lists():
            if any(CONTROL_CHARACTERS.search(item) for item in (name, *values)):
                return error_response(request, 400, "Parameters may not hold control characters.")
        return self.get_response(request)

    def process_view(self, request, view, args, kwargs):
        checks = PARAMETERS.get(request.resolver_match.view_name, {})
        for name, check in checks.items():
            for raw in request.GET.getlist(name):
                if raw == "":
                    continue
                try:
                    check(name, raw)
                except BadParameter as error:
                    return error_response(request, 400, str(error))
        return None
