"""The database refuses a status row (or a plan's figure) of another plan than its meeting's.

The models check it too (`ProgressSnapshot.clean`, `PlanProgress.clean`); these
PostgreSQL triggers hold it for every writer, bulk ones included, and for the
changes that could break it afterwards: a meeting moved to another committee, a
committee or a commitment to another plan. A committee without a plan serves
every plan. SQLite, for the demo, keeps the models' check only.
"""

from django.db import migrations

from ogptracker.common.postgresql import on_postgresql

PLAN_OF_MEETING = """
    SELECT committee.plan_id FROM meetings_meeting meeting
    JOIN meetings_committee committee ON committee.id = meeting.committee_id
    WHERE meeting.id = {meeting}
"""

FORWARDS = f"""
CREATE FUNCTION meetings_row_in_meeting_plan() RETURNS trigger AS $$
DECLARE meeting_plan bigint;
BEGIN
    IF NEW.meeting_id IS NULL THEN RETURN NEW; END IF;
    {PLAN_OF_MEETING.format(meeting="NEW.meeting_id").strip()} INTO meeting_plan;
    IF meeting_plan IS NOT NULL AND meeting_plan <> (
        SELECT plan_id FROM commitments_commitment WHERE id = NEW.commitment_id
    ) THEN
        RAISE EXCEPTION 'commitment % is not of the plan of meeting %',
            NEW.commitment_id, NEW.meeting_id USING ERRCODE = 'check_violation';
    END IF;
    RETURN NEW;
END $$ LANGUAGE plpgsql;

CREATE TRIGGER row_in_meeting_plan
    BEFORE INSERT OR UPDATE OF commitment_id, meeting_id ON commitments_progresssnapshot
    FOR EACH ROW EXECUTE FUNCTION meetings_row_in_meeting_plan();

CREATE FUNCTION meetings_figure_in_meeting_plan() RETURNS trigger AS $$
DECLARE meeting_plan bigint;
BEGIN
    IF NEW.meeting_id IS NULL THEN RETURN NEW; END IF;
    {PLAN_OF_MEETING.format(meeting="NEW.meeting_id").strip()} INTO meeting_plan;
    IF meeting_plan IS NOT NULL AND meeting_plan <> NEW.plan_id THEN
        RAISE EXCEPTION 'plan % is not the plan of meeting %', NEW.plan_id, NEW.meeting_id
            USING ERRCODE = 'check_violation';
    END IF;
    RETURN NEW;
END $$ LANGUAGE plpgsql;

CREATE TRIGGER figure_in_meeting_plan
    BEFORE INSERT OR UPDATE OF plan_id, meeting_id ON commitments_planprogress
    FOR EACH ROW EXECUTE FUNCTION meetings_figure_in_meeting_plan();

CREATE FUNCTION meetings_rows_keep_their_plan() RETURNS trigger AS $$
BEGIN
    IF EXISTS (
        SELECT 1 FROM commitments_progresssnapshot row
        JOIN commitments_commitment commitment ON commitment.id = row.commitment_id
        JOIN meetings_meeting meeting ON meeting.id = row.meeting_id
        JOIN meetings_committee committee ON committee.id = meeting.committee_id
        WHERE committee.plan_id IS NOT NULL AND committee.plan_id <> commitment.plan_id
          AND CASE TG_TABLE_NAME
                WHEN 'meetings_meeting' THEN meeting.id = NEW.id
                WHEN 'meetings_committee' THEN committee.id = NEW.id
                ELSE commitment.id = NEW.id
              END
    ) THEN
        RAISE EXCEPTION 'a status row would belong to another plan than its meeting''s'
            USING ERRCODE = 'check_violation';
    END IF;
    RETURN NEW;
END $$ LANGUAGE plpgsql;

CREATE CONSTRAINT TRIGGER meeting_keeps_rows_plan
    AFTER UPDATE OF committee_id ON meetings_meeting
    FOR EACH ROW EXECUTE FUNCTION meetings_rows_keep_their_plan();
CREATE CONSTRAINT TRIGGER committee_keeps_rows_plan
    AFTER UPDATE OF plan_id ON meetings_committee
    FOR EACH ROW EXECUTE FUNCTION meetings_rows_keep_their_plan();
CREATE CONSTRAINT TRIGGER commitment_keeps_rows_plan
    AFTER UPDATE OF plan_id ON commitments_commitment
    FOR EACH ROW EXECUTE FUNCTION meetings_rows_keep_their_plan();
"""

BACKWARDS = """
DROP TRIGGER IF EXISTS commitment_keeps_rows_plan ON commitments_commitment;
DROP TRIGGER IF EXISTS committee_keeps_rows_plan ON meetings_committee;
DROP TRIGGER IF EXISTS meeting_keeps_rows_plan ON meetings_meeting;
DROP FUNCTION IF EXISTS meetings_rows_keep_their_plan();
DROP TRIGGER IF EXISTS figure_in_meeting_plan ON commitments_planprogress;
DROP FUNCTION IF EXISTS meetings_figure_in_meeting_plan();
DROP TRIGGER IF EXISTS row_in_meeting_plan ON commitments_progresssnapshot;
DROP FUNCTION IF EXISTS meetings_row_in_meeting_plan();
"""


class Migration(migrations.Migration):
    dependencies = [
        ("meetings", "0003_search_trigram_indexes"),
        ("commitments", "0008_strip_bidirectional_controls"),
    ]

    operations = [on_postgresql(FORWARDS, BACKWARDS)]
