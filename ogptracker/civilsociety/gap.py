"""The gap between civil society's figure and the official one, free of the database.

A gap of GAP_FLAGGED points or more, either way, is flagged on the commitment
page and the dashboard, beside both figures.
"""

from decimal import Decimal

GAP_FLAGGED = 20


def gap(civil_society: int | None, official: int | Decimal | None) -> int | Decimal | None:
    """Civil society's percent minus the official one; None if either is missing."""
    if civil_society is None or official is None:
        return None
    return civil_society - official


def is_flagged(difference: int | Decimal | None) -> bool:
    return difference is not None and abs(difference) >= GAP_FLAGGED
