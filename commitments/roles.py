"""The two roles of the tracker: the committee secretariat and project leads.

The secretariat is a group holding every model permission of the tracker's
apps, and may look up (not change) user accounts; project leads hold no admin
permission and reach only the commitments they lead (`Commitment.leads`).
"""

from typing import Any

from django.contrib.auth.base_user import AbstractBaseUser as User
from django.contrib.auth.models import AnonymousUser, Group, Permission
from django.db.models import Q

SECRETARIAT_GROUP = "secretariat"
SECRETARIAT_APPS = ("commitments", "meetings", "ogpcycle")


def ensure_secretariat_group(**kwargs: Any) -> Group:
    group, _ = Group.objects.get_or_create(name=SECRETARIAT_GROUP)
    # Seeing accounts (not changing them) is what the admin's user search asks
    # before it lets the secretariat pick a commitment's leads or a report's author.
    group.permissions.set(
        Permission.objects.filter(
            Q(content_type__app_label__in=SECRETARIAT_APPS)
            | Q(content_type__app_label="auth", codename="view_user")
        )
    )
    return group


def is_secretariat(user: User | AnonymousUser) -> bool:
    if not user.is_authenticated:
        return False
    if user.is_superuser:
        return True
    # Cached on the user object: checked on every page of a request.
    if not hasattr(user, "_is_secretariat"):
        user._is_secretariat = user.groups.filter(name=SECRETARIAT_GROUP).exists()
    return user._is_secretariat
