from django.db import models
from django.utils.translation import gettext_lazy as _


class DataVersion(models.Model):
    """The site's one data version token (version.py), shared by every server process.

    A table of its own rather than a cache entry: reading it is a primary key
    lookup by a plain statement, and neither culling nor clearing the cache
    can lose it.
    """

    token = models.CharField(_("token"), max_length=32)

    class Meta:
        db_table = "pagecache_dataversion"
        verbose_name = _("data version")
        constraints = [models.CheckConstraint(condition=models.Q(id=1), name="one_data_version")]

    def __str__(self):
        return self.token


class ShareCount(models.Model):
    """One client's live requests in its current window of the fair share
    (ogptracker/throttle.py): a row a client, counted up in one statement.

    A table of its own rather than cache entries: on the database cache a count
    took up to eleven statements (a read, a write, the cache's size checks), and
    two workers counting at once could count once.
    """

    client = models.CharField(_("client"), max_length=150, primary_key=True)
    # Seconds since the epoch.
    window = models.BigIntegerField(_("window start"))
    count = models.PositiveIntegerField(_("requests counted"))

    class Meta:
        db_table = "pagecache_sharecount"
        verbose_name = _("fair share count")
        indexes = [models.Index(fields=["window"], name="sharecount_window_idx")]

    def __str__(self):
        return f"{self.client}: {self.count}"
