"""One exact translation per language, Moroccan month names, and Amazigh's coverage:
every message of the public pages, the lead's pages and the e-mails in Tifinagh."""

import datetime
import gettext as gettext_module
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.utils import formats, translation
from django.utils.translation import gettext


@pytest.mark.parametrize(
    ("language", "expected"),
    [("ar", "الالتزامات"), ("fr", "engagements"), ("en", "commitments")],
)
def test_locale_smoke_translates_commitments(language, expected):
    with translation.override(language):
        assert gettext("commitments") == expected


def test_amazigh_menu_is_in_tifinagh():
    with translation.override("zgh"):
        assert gettext("National action plans") == "ⵉⵖⴰⵡⴰⵙⵏ ⵉⵏⴰⵎⵓⵔⵏ ⵏ ⵜⵉⴳⴰⵡⵜ"
        assert translation.get_language_bidi() is False
        assert translation.get_language_info("zgh")["name_local"] == "ⵜⴰⵎⴰⵣⵉⵖⵜ"


def test_amazigh_dates_take_cldr_month_and_weekday_names_with_western_digits():
    with translation.override("zgh"):
        assert formats.date_format(datetime.date(2020, 9, 18)) == "18 ⵛⵓⵜⴰⵏⴱⵉⵔ 2020"
        assert formats.date_format(datetime.date(2025, 3, 18), "l j F Y") == "ⴰⵙⵉⵏⴰⵙ 18 ⵎⴰⵕⵚ 2025"
        assert formats.time_format(datetime.time(14, 0)) == "14:00"


def test_an_admin_only_message_in_amazigh_falls_back_to_arabic():
    # Django's own fallback: the catalogue of LANGUAGE_CODE, then the English source.
    with translation.override("zgh"):
        assert gettext("commitments") == "الالتزامات"


def test_18_september_2020_renders_with_the_moroccan_month_name():
    with translation.override("ar"):
        assert formats.date_format(datetime.date(2020, 9, 18)) == "18 شتنبر 2020"


@pytest.mark.parametrize(
    ("month", "name"),
    [
        (1, "يناير"),
        (4, "أبريل"),
        (5, "ماي"),
        (7, "يوليوز"),
        (8, "غشت"),
        (11, "نونبر"),
        (12, "دجنبر"),
    ],
)
def test_every_moroccan_month_name_overrides_djangos_arabic(month, name):
    with translation.override("ar"):
        assert formats.date_format(datetime.date(2024, month, 1), "F") == name


def test_arabic_dates_keep_western_digits_and_24_hour_time():
    with translation.override("ar"):
        assert formats.date_format(datetime.date(2025, 3, 18), "l j F Y") == "الثلاثاء 18 مارس 2025"
        assert formats.time_format(datetime.time(14, 0)) == "14:00"


def test_french_dates_are_french():
    with translation.override("fr"):
        assert formats.date_format(datetime.date(2020, 9, 18)) == "18 septembre 2020"


PLACEHOLDER = re.compile(r"%\(\w+\)[sd]|\{\w+\}")
PLURAL_NUMBERS = {"%(count)d", "%(count)s", "%(counter)d", "%(counter)s"}
# A full stop, question or exclamation mark with a letter right after it.
GLUED_SENTENCE = re.compile(r"(?<!\.)[.!?؟](?=[^\W\d_])")


def catalogue(language):
    """The project's compiled translations: msgid, msgstr and whether it is a plural
    form (Arabic's forms for none, one and two say the number in words)."""
    path = Path(settings.BASE_DIR) / "locale" / language / "LC_MESSAGES" / "django.mo"
    with path.open("rb") as compiled:
        entries = gettext_module.GNUTranslations(compiled)._catalog
    for key, translated in entries.items():
        plural = isinstance(key, tuple)
        original = key[0] if plural else key
        if original:
            yield original.split("\x04")[-1], translated, plural


def keeps_placeholders(original, translated, plural):
    kept, given = PLACEHOLDER.findall(original), PLACEHOLDER.findall(translated)
    if not plural:
        return sorted(given) == sorted(kept)
    # The catalogue keeps the singular text only; the plural's number may show.
    return {name for name in given if name not in PLURAL_NUMBERS} <= set(kept)


@pytest.mark.parametrize("language", ["ar", "fr", "zgh"])
def test_locale_translations_keep_placeholders_and_sentences(language):
    broken = [
        (original, translated)
        for original, translated, plural in catalogue(language)
        if not keeps_placeholders(original, translated, plural)
        or GLUED_SENTENCE.search(translated)
        and not GLUED_SENTENCE.search(original)
        or re.search(r"%\(\w+\)s[^\W\d_]", translated)
    ]

    assert broken == []
    assert len(list(catalogue(language))) > 500


# Where a message is used only by the secretariat: the admin's templates and modules,
# the spreadsheets' (imported and exported by the secretariat), the demo data, and
# the models' own names (verbose names, shown by the admin; the public and lead's
# pages name what they show in their templates and forms). The admin may stay in
# Arabic and French: in Amazigh such a message falls back to Arabic (docs/languages.md).
ADMIN_ONLY = (
    "templates/admin/",
    "templates/simple_history/",
    "ogptracker/secretariat/",
    "ogptracker/spreadsheets/",
    "ogptracker/devdata/",
    "ogptracker/pagecache/",
)


def admin_only(reference):
    path = reference.rsplit(":", 1)[0]
    return path.startswith(ADMIN_ONLY) or path.endswith(("/models.py", "/apps.py"))


def untranslated_entries(text):
    """(msgid, references) of each entry msgattrib printed (untranslated, or fuzzy:
    a near match gettext would not show)."""
    for block in text.split("\n\n"):
        references = [
            reference
            for line in block.splitlines()
            if line.startswith("#: ")
            for reference in line[3:].split()
        ]
        msgid = re.search(r'^msgid "(.*)"', block, re.MULTILINE)
        if msgid and msgid.group(1):
            yield msgid.group(1), references


def messages_left(language, tmp_path):
    """makemessages, run on a copy of the project, lists what the catalogue leaves
    untranslated and what it marks fuzzy (a near match from another message, which
    gettext would not show), each with where it is used."""
    root = Path(settings.BASE_DIR)
    for name in ["ogptracker", "commitments", "meetings", "templates", "locale"]:
        shutil.copytree(root / name, tmp_path / name, ignore=shutil.ignore_patterns("*.mo"))
    shutil.copy(root / "manage.py", tmp_path)
    subprocess.run(
        [sys.executable, "manage.py", "makemessages", "-l", language, "--no-obsolete", "-v0"],
        cwd=tmp_path,
        check=True,
    )
    catalogue = tmp_path / "locale" / language / "LC_MESSAGES" / "django.po"
    return [
        subprocess.run(
            ["msgattrib", "--no-wrap", option, str(catalogue)],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        for option in ("--untranslated", "--only-fuzzy")
    ]


@pytest.mark.parametrize("language", ["ar", "fr"])
def test_every_message_of_the_code_and_templates_is_translated(language, tmp_path):
    left = messages_left(language, tmp_path)
    assert left == ["", ""], "\n".join(left)


def test_amazigh_translates_every_message_outside_the_admin(tmp_path):
    untranslated, fuzzy = messages_left("zgh", tmp_path)
    missing = [
        (msgid, references)
        for msgid, references in [*untranslated_entries(untranslated), *untranslated_entries(fuzzy)]
        if not all(admin_only(reference) for reference in references)
    ]
    assert missing == []


def test_admin_only_rule_tells_public_and_admin_references_apart():
    assert admin_only("templates/admin/index.html:3")
    assert admin_only("commitments/models.py:120")
    assert not admin_only("templates/publishing/home.html:4")
    assert not admin_only("templates/commitments/notices/reminder.txt:2")
    assert not admin_only("commitments/enums.py:10")
