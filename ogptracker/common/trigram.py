"""A trigram index, for searches that look for words anywhere in a text column.

`LIKE '%word%'` cannot use an ordinary index; on PostgreSQL a GIN index of
the column's trigrams (the `pg_trgm` extension, shipped with PostgreSQL and
trusted, so the database's owner may add it) finds the rows holding a word
without reading them all. Other databases (SQLite, for the demo) get no index
and read every row, which is quick at their sizes.
"""

from typing import Any

from django.db.backends.base.schema import BaseDatabaseSchemaEditor
from django.db.migrations.operations.base import Operation
from django.db.migrations.state import ProjectState


class AddTrigramIndex(Operation):
    """Migration operation: a trigram index on `table.column`, PostgreSQL only."""

    reversible = True

    def __init__(self, table, column, name):
        self.table, self.column, self.name = table, column, name

    def state_forwards(self, app_label: str, state: ProjectState) -> None:
        """The index is the database's own business: models do not declare it."""

    def database_forwards(
        self,
        app_label: str,
        schema_editor: BaseDatabaseSchemaEditor,
        from_state: ProjectState,
        to_state: ProjectState,
    ) -> None:
        if schema_editor.connection.vendor == "postgresql":
            quote = schema_editor.quote_name
            schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
            schema_editor.execute(
                f"CREATE INDEX {quote(self.name)} ON {quote(self.table)} "
                f"USING gin ({quote(self.column)} gin_trgm_ops)"
            )

    def database_backwards(
        self,
        app_label: str,
        schema_editor: BaseDatabaseSchemaEditor,
        from_state: ProjectState,
        to_state: ProjectState,
    ) -> None:
        # The extension stays: other objects may use it.
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(f"DROP INDEX IF EXISTS {schema_editor.quote_name(self.name)}")

    def describe(self) -> str:
        return f"Trigram index {self.name} on {self.table}.{self.column} (PostgreSQL)"

    def deconstruct(self) -> tuple[str, list[str], dict[str, Any]]:
        return self.__class__.__name__, [self.table, self.column, self.name], {}
