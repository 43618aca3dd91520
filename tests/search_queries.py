"""Queries a reader types, with the results they expect, on the seed data (fixtures/).

Written from the plans' commitment titles (Arabic, French, English) and the two
seed minutes, by what a reader looking for the subject would want, not by what
the search finds. A commitment is named «plan.number», minutes by their date.
Used by tests/commitments/test_search_quality.py and bench/search.py.
"""

ACCESS_TO_INFORMATION = {"1.1", "1.2", "2.2", "2.21", "3.1"}
OPEN_DATA = {"1.4", "2.5", "2.10", "3.2"}
TRANSPARENCY = {"1.6", "1.11", "1.13", "2.1", "2.7", "2.18", "3.3"}
CIVIL_SOCIETY = {"1.13", "1.16", "1.17", "3.4"}
PUBLIC_SERVICES = {"1.8", "1.9", "1.10", "2.3", "3.6"}

COMMITMENTS = {
    "ar": [
        ("الحق في الحصول على المعلومات", ACCESS_TO_INFORMATION),
        ("الولوج إلى المعلومات", ACCESS_TO_INFORMATION),
        ("البيانات المفتوحة", OPEN_DATA),
        ("بوابة", {"1.6", "1.7", "2.9"}),
        ("النزاهة", {"1.7", "2.9"}),
        ("الشفافية", TRANSPARENCY),
        ("الميزانية", {"1.11", "2.1"}),
        ("المجتمع المدني", CIVIL_SOCIETY),
        ("الجمعيات", {"1.13", "2.18"}),
        ("المرافق العمومية", {"1.8", "1.10", "2.3"}),
        ("الخدمات العمومية", {"1.9", "3.6"}),
        ("المشاركة المواطنة", {"1.15", "2.19"}),
        ("التشاور", {"1.14", "2.19"}),
        ("الجماعات الترابية", {"3.12"}),
        ("المستوى الترابي", {"2.21", "2.22"}),
        ("العدالة", {"3.10"}),
        ("الأرشيف", {"1.3"}),
        ("القانون", {"1.12", "3.1"}),
        ("الصحافة", {"3.5"}),
        ("الأمازيغية", {"3.6"}),
        ("التنمية المستدامة", {"3.3"}),
        ("رقمنة", {"2.4"}),
        ("الشكايات", {"1.10"}),
        ("المنصة", {"1.15"}),
        ("تكوين", {"1.2", "1.16"}),
        ("130-13", {"1.12"}),
    ],
    "fr": [
        ("accès à l'information", ACCESS_TO_INFORMATION),
        ("données ouvertes", OPEN_DATA),
        ("transparence", TRANSPARENCY),
        ("transparence budgétaire", {"1.11", "2.1"}),
        ("société civile", CIVIL_SOCIETY),
        ("services publics", PUBLIC_SERVICES),
        ("portail", {"1.6", "1.7", "2.9"}),
        ("intégrité", {"1.7", "2.9"}),
        ("justice", {"3.10"}),
        ("participation citoyenne", {"1.15"}),
        ("archives", {"1.3"}),
        ('"loi organique"', {"1.12"}),
        ("collectivités territoriales", {"3.12"}),
        ("liberté de la presse", {"3.5"}),
    ],
    "en": [
        ("open data", OPEN_DATA),
        ("right to information", ACCESS_TO_INFORMATION),
        ("budget transparency", {"1.11", "2.1"}),
        ("civil society", CIVIL_SOCIETY),
        ("integrity portal", {"1.7", "2.9"}),
        ("the public services", PUBLIC_SERVICES),
        ("consultation", {"1.14", "2.19"}),
        ("sustainable development", {"3.3"}),
        ("press freedom", {"3.5"}),
        ("digitalization", {"2.4"}),
    ],
}

JUNE_2020, MARCH_2025 = "2020-06-17", "2025-03-18"
MINUTES = {
    "ar": [
        ("الأرشيف", {JUNE_2020}),
        ("مبدأ التناوب", {MARCH_2025}),
        ("الإعاقة", {MARCH_2025}),
        ("المنصة", set()),  # March 2025 holds «المنصوص», another word
    ],
    "fr": [("archives", {JUNE_2020})],
}

TOP = 10


def scores(ranked, expected):
    """(precision of the first TOP, recall) of a ranked list of names.

    Finding nothing where nothing is expected is right on both counts."""
    shown = ranked[:TOP]
    precision = len(set(shown) & expected) / len(shown) if shown else float(not expected)
    recall = len(set(ranked) & expected) / len(expected) if expected else float(not ranked)
    return precision, recall


def measure(queries, search):
    """{language: (queries, mean precision, mean recall)} and «all», where
    `search(query)` gives the ranked names."""
    table, every = {}, []
    for language, pairs in queries.items():
        rows = [scores(search(query), expected) for query, expected in pairs]
        every += rows
        table[language] = _means(rows)
    table["all"] = _means(every)
    return table


def _means(rows):
    return (
        len(rows),
        sum(precision for precision, _ in rows) / len(rows),
        sum(recall for _, recall in rows) / len(rows),
    )


def commitment_names(commitments):
    return [f"{commitment.plan.number}.{commitment.number}" for commitment in commitments]


def minutes_names(meetings):
    return [str(meeting.date) for meeting in meetings]
