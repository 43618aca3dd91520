"""Public pages in Django's cache, invalidated by any change to the data or the code.

Every save, delete or many-to-many change of a tracked model replaces a
site-wide *data version* token (version.py, a one-row table).
`cache_public_page` (pages.py) is Django's `cache_page` with a key prefix
computed per request from `settings.RELEASE`, that token and the local date:
a page rendered before a change or a deploy is never looked up again.
`RecentPagesMiddleware` answers repeat visits from this process's copies of
those pages before the rest of the middleware runs (recent.py), reading only
the token: without it, cached pages reach a third of a static file's
throughput instead of two thirds (docs/performance.md).
Writers that bypass model signals (bulk_create, QuerySet.update) call
`data_changed()` themselves. Pages also expire after `PAGE_CACHE_SECONDS`, a
bound on staleness should a writer forget.
"""

from .pages import cache_public_page
from .recent import declare_read_parameters
from .version import bump_data_version, data_changed, data_version

__all__ = [
    "bump_data_version",
    "cache_public_page",
    "data_changed",
    "data_version",
    "declare_read_parameters",
]
