"""The site's languages, and the columns modeltranslation gives a translated field."""

from django.conf import settings

# ar, fr, en: Arabic first, the language of the committees' minutes.
CODES = tuple(code for code, _name in settings.LANGUAGES)


def translated(*names: str) -> list[str]:
    """The columns of the translated fields `names`, each in every language."""
    return [f"{name}_{code}" for name in names for code in CODES]
