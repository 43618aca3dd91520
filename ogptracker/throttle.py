"""Where a request comes from, and how much of the site one client may have.

Login throttling is django-axes's (`lockout_response`). A client's *fair
share* of live work, the public pages, downloads, searches and API answers
the page cache does not hold (`fair_share`, applied by `cache_public_page`):

- a rate, per address for anonymous readers (FAIR_SHARE_ANONYMOUS) and per
  account for the signed-in secretariat and leads (FAIR_SHARE_SIGNED_IN),
  counted in the database in one statement (`counted`, the `ShareCount` table),
  which every process and machine shares;
- a few requests at a time (FAIR_SHARE_AT_ONCE), held as PostgreSQL advisory
  locks, which every process and machine sees and which a dead worker's
  connection gives back;
- a time limit on each query (PUBLIC_QUERY_TIMEOUT_MS, PostgreSQL's
  `statement_timeout`), past which the reader gets the 503 page and the
  event is logged.

A client past its share gets 429 with `Retry-After`. The process remembers
that answer until then (`FairShareMiddleware`), so the client's next
requests are refused before sessions, the cache or the database.
"""

import logging
import math
import re
import time
import zlib
from contextlib import contextmanager
from functools import lru_cache, wraps
from http import HTTPStatus

from django.conf import settings
from django.db import OperationalError, connection
from django.shortcuts import render
from psycopg2 import errorcodes

from .errors import error_response

logger = logging.getLogger(__name__)


def client_ip(request):
    # Behind TRUSTED_PROXY_COUNT proxies, each appends the address it saw to
    # X-Forwarded-For, so the client is that many entries from the right;
    # anything further left was written by the client and proves nothing.
    proxies = settings.TRUSTED_PROXY_COUNT
    if proxies:
        forwarded = [
            part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
        ]
        forwarded = [part for part in forwarded if part]
        if len(forwarded) >= proxies:
            return forwarded[-proxies]
    return request.META.get("REMOTE_ADDR")


def lockout_response(request, original_response=None, credentials=None):
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    return render(
        request,
        "registration/locked_out.html",
        {"minutes": minutes},
        status=HTTPStatus.TOO_MANY_REQUESTS,
    )


def _signed_in(request):
    user = getattr(request, "user", None)
    return user is not None and user.is_authenticated


def client_key(request):
    """Who a share belongs to: the account if signed in, else the address."""
    if _signed_in(request):
        return f"user:{request.user.pk}"
    return f"address:{client_ip(request)}"


def share_rate(request):
    """The client's rate, or None for no limit."""
    rate = settings.FAIR_SHARE_SIGNED_IN if _signed_in(request) else settings.FAIR_SHARE_ANONYMOUS
    return _parsed(rate) if rate else None


@lru_cache(maxsize=8)
def _parsed(text):
    # Asked for on every live request; the settings hold one or two rates.
    return Rate.parse(text)


class Rate:
    """«120/5m»: so many requests (`limit`) a window of `period` seconds; the period
    in s, m, h or d, with a count or not, as django-ratelimit writes rates."""

    PATTERN = re.compile(r"^(\d+)/(\d*)([smhd])$")
    UNITS = {"s": 1, "m": 60, "h": 3600, "d": 86400}

    def __init__(self, limit, period):
        self.limit, self.period = limit, period

    @classmethod
    def parse(cls, text):
        match = cls.PATTERN.match(text)
        if not match:
            raise ValueError(f"{text!r} is not a rate such as «120/5m».")
        limit, count, unit = match.groups()
        return cls(int(limit), int(count or 1) * cls.UNITS[unit])


# One statement counts a request: the client's row starts its window over, or
# counts one more in it. Both PostgreSQL and SQLite write it so.
COUNT_ONE_MORE = """
    INSERT INTO pagecache_sharecount (client, "window", count) VALUES (%s, %s, 1)
    ON CONFLICT (client) DO UPDATE SET
        count = CASE WHEN pagecache_sharecount."window" = excluded."window"
            THEN pagecache_sharecount.count + 1 ELSE 1 END,
        "window" = excluded."window"
    RETURNING count
"""


def counted(key, rate):
    """Count one request of the client `key` in its current window of `rate`:
    (its requests in the window so far, this one included; the window's seconds left).

    Windows are fixed, each client's starting at its own second (from its key),
    so that clients do not all start over at once."""
    now = int(time.time())
    offset = zlib.crc32(key.encode()) % rate.period
    window = now - (now - offset) % rate.period
    with connection.cursor() as cursor:
        cursor.execute(COUNT_ONE_MORE, [key, window])
        (count,) = cursor.fetchone()
    return count, window + rate.period - now


def forget_idle_clients(seconds=86400):
    """Delete the counts of the clients not counted for `seconds` (a day): how
    many. Any client's window is shorter: a client still counting keeps its row.
    In one statement: a queryset's delete would load every row to signal it."""
    with connection.cursor() as cursor:
        cursor.execute(
            'DELETE FROM pagecache_sharecount WHERE "window" < %s', [int(time.time()) - seconds]
        )
        return cursor.rowcount


class Refusals:
    """This process's 429s still running, by client: the next ones cost nothing."""

    MAX_CLIENTS = 10000

    def __init__(self):
        self.until = {}

    def refuse(self, key, seconds):
        if len(self.until) >= self.MAX_CLIENTS:
            now = time.monotonic()
            self.until = {k: t for k, t in self.until.items() if t > now}
        self.until[key] = time.monotonic() + seconds

    def seconds_left(self, key):
        until = self.until.get(key)
        left = until - time.monotonic() if until is not None else 0
        if left <= 0:
            self.until.pop(key, None)
            return 0
        return math.ceil(left)

    def clear(self):
        self.until.clear()


refusals = Refusals()


def too_many_requests(request, seconds):
    response = error_response(request, 429)
    response["Retry-After"] = str(seconds)
    return response


def _lock_ids(key):
    # pg_try_advisory_lock(int, int): the client's CRC-32 and a slot, as signed integers.
    return zlib.crc32(key.encode()) - 2**31


@contextmanager
def one_of_few(key):
    """Whether the client may start another request now: one of FAIR_SHARE_AT_ONCE slots."""
    slots = settings.FAIR_SHARE_AT_ONCE
    if not slots or connection.vendor != "postgresql":
        yield True
        return
    client = _lock_ids(key)
    taken = None
    with connection.cursor() as cursor:
        for slot in range(slots):
            cursor.execute("SELECT pg_try_advisory_lock(%s, %s)", [client, slot])
            if cursor.fetchone()[0]:
                taken = slot
                break
    try:
        yield taken is not None
    finally:
        if taken is not None:
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_advisory_unlock(%s, %s)", [client, taken])


@contextmanager
def query_time_limit(milliseconds):
    if not milliseconds or connection.vendor != "postgresql":
        yield
        return
    with connection.cursor() as cursor:
        cursor.execute("SELECT set_config('statement_timeout', %s, false)", [f"{milliseconds}ms"])
    try:
        yield
    finally:
        # The connection serves the worker's next requests, the admin's among them.
        with connection.cursor() as cursor:
            cursor.execute("RESET statement_timeout")


def _timed_out(error):
    return getattr(error.__cause__, "pgcode", None) == errorcodes.QUERY_CANCELED


def fair_share(view):
    """Run `view` within the client's share of live work, else answer 429."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        key = client_key(request)
        seconds = refusals.seconds_left(key)
        if seconds:
            return too_many_requests(request, seconds)
        rate = share_rate(request)
        if rate:
            count, seconds = counted(key, rate)
            if count > rate.limit:
                seconds = max(1, seconds)
                refusals.refuse(key, seconds)
                return too_many_requests(request, seconds)
        with one_of_few(key) as admitted:
            if not admitted:
                # Its other requests are still running: a moment is enough.
                refusals.refuse(key, 1)
                return too_many_requests(request, 1)
            try:
                with query_time_limit(settings.PUBLIC_QUERY_TIMEOUT_MS):
                    return view(request, *args, **kwargs)
            except OperationalError as error:
                if not _timed_out(error):
                    raise
                logger.warning(
                    "A query of %s took more than %d ms: cancelled, 503 for %s.",
                    request.get_full_path(),
                    settings.PUBLIC_QUERY_TIMEOUT_MS,
                    key,
                )
                return error_response(request, 503, "The request took too long; try again later.")

    return wrapper


class FairShareMiddleware:
    """Refuse early, without the database, a client this process refused a moment ago.

    Only by address: before sessions, nobody is known to be signed in, so a
    visit with a session cookie goes on to `fair_share`, which knows.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if settings.SESSION_COOKIE_NAME not in request.COOKIES:
            seconds = refusals.seconds_left(f"address:{client_ip(request)}")
            if seconds:
                return too_many_requests(request, seconds)
        return self.get_response(request)
