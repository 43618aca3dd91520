"""The secretariat's admin: each module registers the pages of its models."""

from . import accounts, civilsociety, committees, ogpcycle, plans  # noqa: F401
