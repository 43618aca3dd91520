"""The two roles of the tracker: the committee secretariat and project leads.

The secretariat is a group holding every model permission of the tracker's
apps; project leads hold no admin permission and reach only the commitments
they lead (`Commitment.leads`).
"""

from django.contrib.auth.models import Group, Permission

SECRETARIAT_GROUP = "secretariat"
SECRETARIAT_APPS = ("commitments", "meetings")


def ensure_secretariat_group(**kwargs):
    group, _ = Group.objects.get_or_create(name=SECRETARIAT_GROUP)
    group.permissions.set(Permission.objects.filter(content_type__app_label__in=SECRETARIAT_APPS))
    return group


def is_secretariat(user):
    if not user.is_authenticated:
        return False
    if user.is_superuser:
        return True
    # Cached on the user object: checked on every page of a request.
    if not hasattr(user, "_is_secretariat"):
        user._is_secretariat = user.groups.filter(name=SECRETARIAT_GROUP).exists()
    return user._is_secretariat
