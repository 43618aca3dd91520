from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from ogptracker.spreadsheets.backup import BackupError, import_all


class Command(BaseCommand):
    help = (
        "Restore a backup written by export_all into an empty database, all or nothing. "
        "--replace first deletes the tracker's data (users are kept and updated)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("directory", metavar="DIR")
        parser.add_argument(
            "--replace", action="store_true", help="replace the tracker data already there"
        )

    def handle(self, directory: str, replace: bool, **options: Any) -> None:
        try:
            counts = import_all(directory, replace=replace)
        except BackupError as error:
            details = "".join(f"\n  {problem}" for problem in error.problems)
            nothing = _("Nothing was restored.")
            raise CommandError(f"{error} {nothing}{details}") from error
        for name, rows in counts.items():
            self.stdout.write(f"{name}: {rows} rows")
        self.stdout.write(self.style.SUCCESS(f"Backup restored from {directory}"))
