"""The site-wide data version: replaced after every committed change to tracked data."""

import uuid

from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save

# Culling removes the keys that sort first: this one sorts after the pages.
DATA_VERSION_KEY = "version:data"
TRACKED_APPS = {"commitments", "meetings"}


def data_version():
    return cache.get(DATA_VERSION_KEY) or bump_data_version()


def bump_data_version():
    token = uuid.uuid4().hex
    cache.set(DATA_VERSION_KEY, token, timeout=None)
    return token


class _PendingBump:
    done = False

    def __call__(self):
        # Called once per row written in the transaction: only the first one bumps.
        if not self.done:
            self.done = True
            bump_data_version()


def data_changed():
    """Invalidate every cached page once the current transaction commits."""
    # After the commit, so no reader can store the data as it was before under the new
    # token. A rolled-back transaction drops its callbacks: its pending bump stays open
    # and the next transaction's commit runs it. Outside a transaction it runs at once.
    connection = transaction.get_connection()
    pending = getattr(connection, "_pending_page_cache_bump", None)
    if pending is None or pending.done:
        pending = connection._pending_page_cache_bump = _PendingBump()
    transaction.on_commit(pending)


def _on_change(sender, **kwargs):
    if sender._meta.app_label in TRACKED_APPS:
        data_changed()


def _on_m2m_change(sender, instance, action, **kwargs):
    if action.startswith("post_") and instance._meta.app_label in TRACKED_APPS:
        data_changed()


def connect_signals():
    post_save.connect(_on_change, dispatch_uid="pagecache-save")
    post_delete.connect(_on_change, dispatch_uid="pagecache-delete")
    m2m_changed.connect(_on_m2m_change, dispatch_uid="pagecache-m2m")
