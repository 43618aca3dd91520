"""Every query parameter the site reads, checked in one place before a view runs.

A value no page can use is refused with a 400 (JSON under /api/, a page in the
address's language elsewhere) instead of reaching the database: a control
character (PostgreSQL refuses a NUL in any text: «A string literal cannot
contain NUL»), a number past what an integer column holds, a word that is
none of the choices.

The page cache's views see only the parameters they read (PARAMETERS),
checked, in one order, without empty values or defaults: a shared link's
`?fbclid=…` or `?utm_source=…` reaches neither the view, nor the cache key,
nor the page's canonical link. Other views' parameters are left alone.
"""

import datetime
import re

from django.core.exceptions import BadRequest
from django.core.paginator import Paginator
from django.http import QueryDict
from django.utils.functional import SimpleLazyObject

from meetings.enums import CommitteeKind, NextStepStatus
from ogptracker.errors import error_response
from ogptracker.pagecache import declare_read_parameters

from .dashboard import DEFAULT_SORT, SORTS
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


def flag(name, raw):
    # Any value turns it on: one key for all of them.
    return "1"


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
    "commitments:search_minutes": {"q": text, **PAGE},
    "commitments:open_data": PAGE,
    "meetings:meeting_list": PAGE,
    "meetings:minutes_pdf": {"inline": flag},
    "sitemap_section": {"p": positive_integer},
    # Cached pages that read none: any parameter they are given is dropped.
    "commitments:commitment_detail": {},
    "commitments:plan_download": {},
    "commitments:plan_feed": {},
    "commitments:follow_feed": {},
    "commitments:plan_governance": {},
    "commitments:plan_revisions": {},
    "commitments:self_assessment": {},
    "commitments:self_assessment_pdf": {},
    "commitments:self_assessment_docx": {},
    "meetings:minutes": {},
    "meetings:minutes_feed": {},
    "sitemap": {},
    "api:index": {},
    "api:plan": {},
    "api:not_found": {},
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
    "api:plan_civil_society": {"commitment": positive_integer, **API_LIST},
    "api:plan_revisions": {"commitment": positive_integer, **API_LIST},
    "api:meetings": {
        "plan": positive_integer,
        "committee": choice(*CommitteeKind.values),
        "q": words,
        **API_LIST,
    },
}


DEFAULT_PAGE_SIZE = 50
# A value equal to what the view reads when the parameter is left out.
DEFAULTS = {"page": 1, "page_size": DEFAULT_PAGE_SIZE, "sort": DEFAULT_SORT}
# Every parameter some page reads: anything else can change no page.
READ = frozenset(name for checks in PARAMETERS.values() for name in checks)
# For the page cache's copies: a link's other parameters find the page's copy.
declare_read_parameters(READ)


def canonical_query(view_name, query):
    """The parameters of `query` (a QueryDict) that the view reads, as one canonical query
    string: checked (BadParameter otherwise), sorted by name, the last value of each (the
    one views read), without empty values or defaults."""
    checks = PARAMETERS.get(view_name, {})
    pairs = []
    for name in sorted(checks):
        raw = query.get(name, "")
        if raw == "":
            continue
        value = checks[name](name, raw)
        if value != DEFAULTS.get(name):
            pairs.append((name, str(value)))
    canonical = QueryDict(mutable=True)
    for name, value in pairs:
        canonical[name] = value
    return canonical.urlencode()


def page_of(request, objects, per_page):
    """The page of `objects` the `page` parameter asks for; a page past the last is a 400,
    so that no two numbers are one page under two cache keys."""
    paginator = Paginator(objects, per_page)
    number = cleaned(request, "page", 1)
    if number > paginator.num_pages:
        raise BadRequest(f"Page {number} does not exist: the last page is {paginator.num_pages}.")
    return paginator.page(number)


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
        view_name = request.resolver_match.view_name
        checks = PARAMETERS.get(view_name, {})
        for name, check in checks.items():
            for raw in request.GET.getlist(name):
                if raw == "":
                    continue
                try:
                    check(name, raw)
                except BadParameter as error:
                    return error_response(request, 400, str(error))
        if view_name in PARAMETERS:
            # What the view, the page cache's key (the full address) and the canonical
            # link read from here on.
            query = canonical_query(view_name, request.GET)
            request.META["QUERY_STRING"] = query
            request.GET = QueryDict(query)
        return None


def canonical_url(request):
    """For templates: the page's address with only what it reads, for `<link rel="canonical">`.

    Lazy: the minutes PDF is rendered from a request with no host, and prints no link."""
    match = request.resolver_match
    if match is None:
        return {}

    def address():
        query = request.GET.urlencode() if match.view_name in PARAMETERS else ""
        return request.build_absolute_uri(f"{request.path}?{query}" if query else request.path)

    return {"canonical_url": SimpleLazyObject(address)}
