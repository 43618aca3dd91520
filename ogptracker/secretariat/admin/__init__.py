"""The secretariat's admin: each module registers the pages of its models."""

from . import committees, plans  # noqa: F401
