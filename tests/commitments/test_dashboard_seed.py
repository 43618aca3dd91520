"""The public pages on the real plans and minutes of fixtures/, against hand-computed figures.

Loading the fixtures takes a while: each test checks several things of one load.
"""

from decimal import Decimal

from django.urls import reverse
from django.utils import translation

from commitments.models import Commitment, Institution


def url(name, language="ar", *args):
    with translation.override(language):
        return reverse(f"commitments:{name}", args=args)


def test_seed_first_plan_dashboard_figures(client, seed_data):
    pages = {
        language: client.get(url("plan_dashboard", language, 1)) for language in ("ar", "fr", "en")
    }

    summary = pages["ar"].context["summary"]
    # (100+100+65+64+100+89+100+88+91+98+100+14+26+63+88+81+48) / 17 = 1315 / 17 = 77.35…
    # Commitment 7 is not in the June 2020 table.
    assert (summary.rollup.percent, summary.rollup.reported, summary.rollup.not_reported) == (
        Decimal("77.4"),
        17,
        1,
    )
    displayed = {
        language: f'<span class="number">{figure}\u00a0%</span>' in pages[language].content.decode()
        for language, figure in (("ar", "77,4"), ("fr", "77,4"), ("en", "77.4"))
    }
    assert displayed == {"ar": True, "fr": True, "en": True}

    counts = summary.counts
    # Done: 1, 2, 5, 8, 12. Every other reported one ended before today: late.
    # «لا تقدم منذ الاجتماع الأخير»: 13, 14, 15, 16, 18. Platform «لا»: 4, 5, 10, 13, 17.
    assert (
        counts.done,
        counts.on_track,
        counts.late,
        counts.stalled,
        counts.no_report,
        counts.platform_not_updated,
    ) == (5, 0, 12, 5, 1, 5)
    stalled = [c.number for c in pages["ar"].context["commitments"] if "stalled" in c.flags]
    assert stalled == [13, 14, 15, 16, 18]

    by_name = {group.label: group.rollup.percent for group in pages["fr"].context["institutions"]}
    relations = Institution.objects.get(led_commitments__ogp_id="MO0013").name_fr
    assert (
        # 1, 2, 4, 6, 8, 9, 10, 18: (100+100+64+89+100+88+91+48) / 8 = 85.
        by_name["Ministère de la Réforme de l'Administration et de la Fonction Publique"],
        # 13 to 17: (14+26+63+88+81) / 5 = 54.4.
        by_name[relations],
        by_name["Instance Centrale de Prévention de la Corruption"],
    ) == (Decimal("85.0"), Decimal("54.4"), None)


def test_seed_home_and_third_plan_show_the_steering_committee_29_percent(client, seed_data):
    home = client.get(url("home", "en"))
    dashboard = client.get(url("plan_dashboard", "ar", 3))

    assert [
        (
            s.plan.number,
            s.rollup.percent,
            s.committee_record.percent if s.committee_record else None,
        )
        for s in home.context["summaries"]
    ] == [(3, None, 29), (2, None, None), (1, Decimal("77.4"), None)]
    assert (
        "النسبة التي سجلتها اللجنة: <strong>29\u00a0%</strong> في 18 مارس 2025 (لجنة الإشراف)."
        in dashboard.content.decode()
    )


def test_seed_plan_dashboard_says_what_the_plan_is(client, seed_data):
    pages = {
        language: client.get(url("plan_dashboard", language, 3)).content.decode()
        for language in ("ar", "fr", "zgh")
    }

    assert '<p class="plan-summary">الخطة الوطنية الثالثة' in pages["ar"]
    assert "quatre prometteurs" in pages["fr"]
    # No summary in Amazigh: the Arabic one, marked as Arabic.
    assert '<p class="plan-summary" lang="ar" dir="rtl">الخطة الوطنية الثالثة' in pages["zgh"]


def test_seed_commitment_pages(client, seed_data):
    pages = [
        url("commitment_detail", "ar", plan, number)
        for plan, number in Commitment.objects.values_list("plan__number", "number")
    ]
    archives = client.get(url("commitment_detail", "fr", 1, 3))

    assert {client.get(page).status_code for page in pages} == {200}
    assert len(pages) == 39
    assert [m.date.isoformat() for m in archives.context["meetings"]] == ["2020-06-17"]
    assert "Archives du Maroc" in archives.content.decode()
    assert "restructuration de la gestion des archives" in archives.content.decode()
