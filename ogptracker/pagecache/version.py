"""The site-wide data version: replaced after every committed change to tracked data."""

import uuid

from django.db import connection, transaction
from django.db.models.signals import m2m_changed, post_delete, post_save

TRACKED_APPS = {"commitments", "meetings", "ogpcycle", "civilsociety"}
# The package is imported before the models are ready; its table name is known anyway.
_READ = "SELECT token FROM pagecache_dataversion WHERE id = 1"


def data_version():
    # Read on every cached visit: one plain statement, without the ORM's compiling.
    with connection.cursor() as cursor:
        cursor.execute(_READ)
        row = cursor.fetchone()
    return row[0] if row else bump_data_version()


def bump_data_version():
    from .models import DataVersion

    token = uuid.uuid4().hex
    DataVersion.objects.bulk_create(
        [DataVersion(id=1, token=token)],
        update_conflicts=True,
        unique_fields=["id"],
        update_fields=["token"],
    )
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
