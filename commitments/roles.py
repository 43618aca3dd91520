"""The two roles of the tracker: the committee secretariat and project leads.

The secretariat is a group holding every model permission of the tracker's
apps, and manages accounts: it adds and changes them (the admin keeps it to
the roles, `ogptracker/secretariat/admin/accounts.py`), never deletes them,
and lifts sign-in lockouts; project leads hold no admin permission and reach
only the commitments they lead (`Commitment.leads`).
"""

from typing import Any

from django.contrib.auth.base_user import AbstractBaseUser as User
from django.contrib.auth.models import AnonymousUser, Group, Permission
from django.db.models import Q

SECRETARIAT_GROUP = "secretariat"
SECRETARIAT_APPS = ("commitments", "meetings", "ogpcycle", "civilsociety")
# The groups the secretariat may give; project leads are named on commitments.
ROLE_GROUPS = (SECRETARIAT_GROUP,)
ACCOUNT_PERMISSIONS = {
    "auth": ("add_user", "change_user", "view_user"),
    # A lockout is lifted by deleting its access attempt.
    "axes": ("view_accessattempt", "delete_accessattempt"),
}


def ensure_secretariat_group(**kwargs: Any) -> Group:
    group, _ = Group.objects.get_or_create(name=SECRETARIAT_GROUP)
    accounts = Q()
    for app_label, codenames in ACCOUNT_PERMISSIONS.items():
        accounts |= Q(content_type__app_label=app_label, codename__in=codenames)
    group.permissions.set(
        Permission.objects.filter(Q(content_type__app_label__in=SECRETARIAT_APPS) | accounts)
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
