"""The words of each meeting's minutes, kept by PostgreSQL for the search of minutes.

The search of minutes (ogptracker/publishing/minutes_search.py) finds a word
in any part of a minutes: its title, an agenda item, a next step or a published
row of its status table, each a folded `search_text` column. Asked of those
tables, a common word («المنصة» is in thousands of agenda items and next steps)
made the database collect every part holding it before it could list the
latest minutes.

So each meeting keeps its minutes' words in one column the database fills
itself, `meetings_meeting.search_words` (a `tsvector` under a GIN index): every
end of every word of those texts (for «منصه»: «منصه», «نصه», «صه», «ه»), cut
to MAX_LENGTH letters. A word is a part of a text exactly when it begins one of
those ends, so the search asks for the word as a prefix (`'منصه':*`): the same
minutes as `LIKE '%منصه%'` on the parts, read from one index, latest first.
The ends that begin a word, but for Arabic ones, are kept a second time marked
with WORD_START («^formation»): a French or English word is looked for where a
word begins (ogptracker/common/matching.py), as `'^formation':*`.

The seed minutes keep 2,300 and 3,600 ends (28 KB each); PostgreSQL takes up
to 1 MB, minutes some thirty-five times as long.

Triggers keep the column: a meeting's title changed, an agenda item, next step
or status row added, changed, moved or removed, its meeting's words are
gathered again (the status rows only for their published ones). It is the
database's own business, like an index: the models do not declare it, Django
never reads or writes it, and other databases (SQLite, for the demo) go
without, the search asking the parts instead.
"""

from collections.abc import Sequence

from django.db.models.expressions import RawSQL

from commitments.enums import ReportStatus
from ogptracker.common.matching import anywhere
from ogptracker.common.stemming import ARABIC

# What marks an end that begins a word (the text's, or after a character not a
# letter, digit or «_»): a word in another script than Arabic is looked for
# there (ogptracker/common/matching.py).
WORD_START = "^"

# Words are cut to their first MAX_LENGTH letters, and so are the words looked
# for: a longer word (a link, say) finds the texts holding its beginning.
MAX_LENGTH = 100

PUBLISHED = ReportStatus.PUBLISHED.value

# The tables whose rows hold a meeting's words: what of a row, changed, changes
# them, and which rows hold them (SQL of a `row`). A status row's words are
# its meeting's once it is published: a lead's draft, a report under review,
# change them neither, and so wait for no other writer of the meeting.
PARTS = {
    "meetings_agendaitem": (["meeting_id", "search_text"], "TRUE"),
    "meetings_nextstep": (["meeting_id", "search_text"], "TRUE"),
    "commitments_progresssnapshot": (
        ["meeting_id", "search_text", "status"],
        f"{{row}}.status = '{PUBLISHED}'",
    ),
}

WORDS_OF_MEETING = f"""
CREATE FUNCTION meeting_search_words(meeting bigint) RETURNS tsvector
-- Compiling this short query (JIT) took a hundred times longer than running it.
LANGUAGE sql STABLE SET jit = off AS $$
    WITH words AS (
        SELECT DISTINCT word
        FROM (
            SELECT search_text FROM meetings_meeting WHERE id = meeting
            UNION ALL SELECT search_text FROM meetings_agendaitem WHERE meeting_id = meeting
            UNION ALL SELECT search_text FROM meetings_nextstep WHERE meeting_id = meeting
            UNION ALL SELECT search_text FROM commitments_progresssnapshot
                WHERE meeting_id = meeting AND status = '{PUBLISHED}'
        ) AS texts (text),
        regexp_split_to_table(text, '\\s+') AS word
        WHERE word <> ''
    )
    -- array_to_tsvector drops the ends found twice.
    SELECT array_to_tsvector(coalesce(array_agg(kept), '{{}}'))
    FROM (
        SELECT substr(word, start, {MAX_LENGTH})
        FROM words, generate_series(1, length(word)) AS start
        UNION ALL
        -- The starts of words, marked; an Arabic word is looked for anywhere.
        SELECT '{WORD_START}' || substr(word, start, {MAX_LENGTH})
        FROM words, generate_series(1, length(word)) AS start
        WHERE word !~ '^{ARABIC.pattern}+$'
            AND (start = 1 OR substr(word, start - 1, 1) ~ '\\W')
            AND substr(word, start, 1) !~ '{ARABIC.pattern}'
    ) AS ends (kept)
$$;

CREATE FUNCTION meeting_search_words_of_title() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    UPDATE meetings_meeting SET search_words = meeting_search_words(NEW.id) WHERE id = NEW.id;
    RETURN NULL;
END
$$;

CREATE TRIGGER meeting_search_words_inserted AFTER INSERT ON meetings_meeting
FOR EACH ROW EXECUTE FUNCTION meeting_search_words_of_title();

CREATE TRIGGER meeting_search_words_retitled AFTER UPDATE ON meetings_meeting
FOR EACH ROW WHEN (OLD.search_text IS DISTINCT FROM NEW.search_text)
EXECUTE FUNCTION meeting_search_words_of_title();
"""


def words_of_parts(table: str, columns: list[str], holding: str) -> str:
    """SQL: the triggers gathering again the words of the meetings whose rows of
    `table` that hold words (`holding`, of a `row`) were added, removed or
    changed in `columns`."""
    changed = " OR ".join(f"n.{column} IS DISTINCT FROM o.{column}" for column in columns)
    function = f"{table}_search_words"

    def holds(row):
        return holding.format(row=row)

    return f"""
CREATE FUNCTION {function}() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        UPDATE meetings_meeting SET search_words = meeting_search_words(id)
        WHERE id IN (SELECT r.meeting_id FROM new_rows AS r WHERE {holds("r")});
    ELSIF TG_OP = 'DELETE' THEN
        UPDATE meetings_meeting SET search_words = meeting_search_words(id)
        WHERE id IN (SELECT r.meeting_id FROM old_rows AS r WHERE {holds("r")});
    ELSE
        UPDATE meetings_meeting SET search_words = meeting_search_words(id)
        WHERE id IN (
            SELECT unnest(ARRAY[n.meeting_id, o.meeting_id])
            FROM new_rows AS n JOIN old_rows AS o USING (id)
            WHERE ({holds("n")} OR {holds("o")}) AND ({changed})
        );
    END IF;
    RETURN NULL;
END
$$;

CREATE TRIGGER {function}_inserted AFTER INSERT ON {table}
REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION {function}();

CREATE TRIGGER {function}_deleted AFTER DELETE ON {table}
REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION {function}();

CREATE TRIGGER {function}_updated AFTER UPDATE ON {table}
REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
FOR EACH STATEMENT EXECUTE FUNCTION {function}();
"""


# What migration 0009 runs, read from here when it runs: the column, function
# and triggers it left in a database change only through a migration of their
# own, so a change to the SQL above is one too.
FORWARDS = "\n".join(
    [
        "ALTER TABLE meetings_meeting ADD COLUMN search_words tsvector;",
        WORDS_OF_MEETING,
        *(words_of_parts(table, *part) for table, part in PARTS.items()),
        "UPDATE meetings_meeting SET search_words = meeting_search_words(id);",
        "CREATE INDEX meeting_search_words ON meetings_meeting USING gin (search_words);",
        # The planner knows how common a word is from the column's most common
        # ends: 1,000 by default, fewer than a meeting alone holds; 10,000 here.
        "ALTER TABLE meetings_meeting ALTER COLUMN search_words SET STATISTICS 1000;",
    ]
)

BACKWARDS = "\n".join(
    [
        *(f"DROP FUNCTION {table}_search_words() CASCADE;" for table in PARTS),
        "DROP FUNCTION meeting_search_words_of_title() CASCADE;",
        "DROP FUNCTION meeting_search_words(bigint);",
        "ALTER TABLE meetings_meeting DROP COLUMN search_words;",
    ]
)


def meetings_holding(terms: Sequence[Sequence[str]]) -> RawSQL:
    """SQL for `pk__in`: the ids of the meetings whose minutes hold each of `terms`,
    each a choice of strings without spaces, any of which a text must hold."""
    query = " & ".join("(" + " | ".join(map(_beginning, term)) + ")" for term in terms)
    return RawSQL("SELECT id FROM meetings_meeting WHERE search_words @@ %s::tsquery", [query])


def _beginning(text: str) -> str:
    """tsquery: an end of a word beginning with `text`; for a `text` not in Arabic,
    an end that begins a word."""
    quoted = text[:MAX_LENGTH].replace("\\", "\\\\").replace("'", "''")
    mark = "" if anywhere(text) else WORD_START
    return f"'{mark}{quoted}':*"
