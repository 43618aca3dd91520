import datetime

import pytest

from ogptracker.civilsociety.models import Assessment, Forum
from tests.factories import make_commitment, make_plan, make_report, make_user


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def forum(db):
    return Forum.objects.create(name="المنتدى الوطني للمجتمع المدني")


@pytest.fixture
def forum_member(forum):
    member = make_user("amal", first_name="أمال", last_name="بناني", email="amal@example.org")
    forum.members.add(member)
    return member


@pytest.fixture
def refresh_plan(db):
    """A plan of the IRM's refresh era (from 2021), under way."""
    return make_plan(3, start=datetime.date(2024, 1, 1), planned_end=datetime.date(2027, 12, 31))


@pytest.fixture
def official(refresh_plan, owning_lead):
    """A commitment at 60 % officially, published on 10 March 2025."""
    commitment = make_commitment(plan=refresh_plan, number=1, title="الحق في الحصول على المعلومات")
    commitment.leads.add(owning_lead)
    make_report(commitment, percent=60, date=datetime.date(2025, 3, 10))
    return commitment


def make_assessment(forum, commitment, percent, period_end=datetime.date(2025, 6, 30), **fields):
    fields.setdefault("completion", "limited")
    fields.setdefault("narrative", "تقييم المنتدى")
    return Assessment.objects.create(
        forum=forum, commitment=commitment, period_end=period_end, percent=percent, **fields
    )
