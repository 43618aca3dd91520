"""The secretariat's admin: each module registers the pages of its models."""

from . import accounts, committees, ogpcycle, participation, plans  # noqa: F401
