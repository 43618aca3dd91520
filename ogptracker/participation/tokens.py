"""Signed links: an e-mail address verified, a follow confirmed, a follow ended.

Each is `django.core.signing` under its own salt, so that one kind of link
cannot stand for another. The verification link names the address it was
sent to: once the account's address changes, the old link proves nothing.
"""

from django.core import signing

VERIFY_SALT = "participation.verify-email"
CONFIRM_SALT = "participation.confirm-follow"
UNSUBSCRIBE_SALT = "participation.unsubscribe"

VERIFY_DAYS = 3
CONFIRM_DAYS = 7


def verification(user_pk: int, email: str) -> str:
    return signing.dumps([user_pk, email.lower()], salt=VERIFY_SALT, compress=True)


def verified_account(token: str) -> tuple[int, str] | None:
    """The (account id, address) a verification link was sent for, or None if it is
    forged or older than VERIFY_DAYS."""
    try:
        user_pk, email = signing.loads(token, salt=VERIFY_SALT, max_age=VERIFY_DAYS * 86400)
    except (signing.BadSignature, ValueError, TypeError):
        return None
    return int(user_pk), str(email)


def confirmation(follow_pk: int) -> str:
    return signing.dumps(follow_pk, salt=CONFIRM_SALT)


def confirmed_follow(token: str) -> int | None:
    try:
        return int(signing.loads(token, salt=CONFIRM_SALT, max_age=CONFIRM_DAYS * 86400))
    except (signing.BadSignature, ValueError, TypeError):
        return None


def unsubscription(follow_pk: int) -> str:
    return signing.dumps(follow_pk, salt=UNSUBSCRIBE_SALT)


def unsubscribed_follow(token: str) -> int | None:
    """The follow an unsubscribe link ends; it does not expire."""
    try:
        return int(signing.loads(token, salt=UNSUBSCRIBE_SALT))
    except (signing.BadSignature, ValueError, TypeError):
        return None
