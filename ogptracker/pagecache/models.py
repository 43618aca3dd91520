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
