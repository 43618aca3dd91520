"""The site's languages, the columns modeltranslation gives a translated field, and
which language a field is shown in.

A field empty in the page's language shows its Arabic text (modeltranslation's
fallback, the official text); it is then marked with its own `lang` and `dir`
(`language_attributes` on a block, `marked`/`shown` inline) so that its
punctuation stays where it belongs and its lines keep their order, on pages,
feeds and PDFs alike (docs/languages.md)."""

from django.conf import settings
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language, get_language_info

from .bidi import LEFT_TO_RIGHT_ISOLATE, POP_DIRECTIONAL_ISOLATE, RIGHT_TO_LEFT_ISOLATE

# ar, zgh, fr, en: Arabic first, the language of the committees' minutes.
CODES = tuple(code for code, _name in settings.LANGUAGES)


def translated(*names: str) -> list[str]:
    """The columns of the translated fields `names`, each in every language."""
    return [f"{name}_{code}" for name in names for code in CODES]


def direction(code: str) -> str:
    return "rtl" if get_language_info(code)["bidi"] else "ltr"


def shown_language(instance: object, name: str) -> str:
    """The language of the text `instance.name` shows on the current page: the page's
    own, or the fallback's (modeltranslation's MODELTRANSLATION_FALLBACK_LANGUAGES,
    Arabic, the official text) when the page's column is empty."""
    current = get_language() or settings.LANGUAGE_CODE
    if current not in CODES or getattr(instance, f"{name}_{current}", None):
        return current
    for code in (*settings.MODELTRANSLATION_FALLBACK_LANGUAGES, settings.LANGUAGE_CODE):
        if getattr(instance, f"{name}_{code}", None):
            return code
    return current


def language_attributes(instance: object, name: str) -> SafeString:
    """` lang="ar" dir="rtl"` for a field shown in another language than the page's,
    else ` dir="auto"` (typed text may start with either script)."""
    code = shown_language(instance, name)
    if code == (get_language() or settings.LANGUAGE_CODE):
        return mark_safe(' dir="auto"')
    return format_html(' lang="{}" dir="{}"', code, direction(code))


def fallback_attributes(instance: object, name: str) -> SafeString:
    """` lang="ar" dir="rtl"` for a field shown in another language than the page's,
    else nothing (for an element that isolates already, such as `bdi`)."""
    code = shown_language(instance, name)
    if code == (get_language() or settings.LANGUAGE_CODE):
        return mark_safe("")
    return format_html(' lang="{}" dir="{}"', code, direction(code))


def marked(text: str, code: str) -> SafeString:
    """`text` (escaped unless safe) in a `bdi` with its language and direction when
    `code` is not the page's language, isolated also by the characters that hold in
    composed lines and in the PDF (RLI or LRI … PDI)."""
    if code == (get_language() or settings.LANGUAGE_CODE):
        return conditional_escape(text)
    opening = RIGHT_TO_LEFT_ISOLATE if direction(code) == "rtl" else LEFT_TO_RIGHT_ISOLATE
    return format_html(
        '<bdi lang="{}" dir="{}">{}{}{}</bdi>',
        code,
        direction(code),
        mark_safe(opening),
        text,
        mark_safe(POP_DIRECTIONAL_ISOLATE),
    )


def plain(instance: object, name: str) -> str:
    """The field as plain text (a feed's title, an e-mail), between the isolating
    characters of its direction when it shows another language than the page's."""
    text = getattr(instance, name) or ""
    code = shown_language(instance, name)
    if not text or code == (get_language() or settings.LANGUAGE_CODE):
        return text
    opening = RIGHT_TO_LEFT_ISOLATE if direction(code) == "rtl" else LEFT_TO_RIGHT_ISOLATE
    return f"{opening}{text}{POP_DIRECTIONAL_ISOLATE}"


def plain_numbered(instance: object) -> str:
    """«3. title» as plain text, the title isolated as `plain` isolates it."""
    return f"{instance.number}. {plain(instance, 'title')}"


def shown(instance: object, name: str) -> SafeString:
    """The field `name` of `instance` as the page shows it, marked when it falls back."""
    return marked(getattr(instance, name) or "", shown_language(instance, name))
