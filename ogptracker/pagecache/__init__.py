"""Public pages cached in the shared cache, invalidated by any change to the data.

Every save, delete or many-to-many change of a tracked model replaces a
site-wide *data version* token (version.py, a one-row table); a cached page is
served only while the token it was rendered under is still the current one.
`cache_public_page` keeps pages in the shared cache (pages.py), for every
server process; `RecentPagesMiddleware` answers repeat visits from this
process's own copies before the rest of the middleware runs (recent.py),
reading only the token.
Writers that bypass model signals (bulk_create, QuerySet.update) call
`data_changed()` themselves. Pages also expire after `PAGE_CACHE_SECONDS`, a
bound on staleness should a writer forget.
"""

from .pages import cache_public_page
from .version import bump_data_version, data_changed, data_version

__all__ = ["bump_data_version", "cache_public_page", "data_changed", "data_version"]
