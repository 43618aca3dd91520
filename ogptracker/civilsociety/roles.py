"""The civil-society forum's members: a role held by belonging to a forum.

A member records the forum's assessments on the forum's pages
(`ogptracker/civilsociety/views.py`) and holds no admin permission: the
official reports stay the project leads' and the secretariat's.
"""

from django.contrib.auth.base_user import AbstractBaseUser as User
from django.contrib.auth.models import AnonymousUser


def is_forum_member(user: User | AnonymousUser) -> bool:
    if not user.is_authenticated:
        return False
    if not hasattr(user, "_is_forum_member"):
        user._is_forum_member = user.forums.exists()
    return user._is_forum_member
