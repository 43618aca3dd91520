"""A commitment's version: what keeps two people's saves from overwriting each other.

Whoever edits a commitment's report or activities (a lead's form, the
secretariat's admin forms and inlines, the review queue) loaded them at one
version. Saving claims the next one (`UPDATE … WHERE version = loaded`): a save
from a stale form changes nothing and raises `StaleUpdate`, and the form shows
what moved since it was loaded. Changes that no form holds (a decision of the
review queue, a publication, an import) only bump the version, so that any
form still open on the commitment is stale.
"""

from collections.abc import Iterable

from django.db.models import F
from django.utils import timezone

from .models import Commitment


class StaleUpdate(Exception):
    """Someone saved this commitment after the form was loaded."""


def claim(commitment_id: int, loaded_version: int) -> int:
    """Move the commitment from `loaded_version` to the next; return the new version.

    Raise StaleUpdate if it is no longer at `loaded_version`.
    """
    updated = Commitment.objects.filter(pk=commitment_id, version=loaded_version).update(
        version=F("version") + 1, updated_at=timezone.now()
    )
    if updated != 1:
        raise StaleUpdate
    return loaded_version + 1


def bump(commitment_ids: Iterable[int]) -> None:
    """Make every form still open on these commitments stale."""
    ids = set(commitment_ids)
    if ids:
        Commitment.objects.filter(pk__in=ids).update(
            version=F("version") + 1, updated_at=timezone.now()
        )
