from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from ogptracker.spreadsheets.backup import export_all


class Command(BaseCommand):
    help = "Write a full backup of the tracker (CSV files, manifest, evidence) into DIR."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("directory", metavar="DIR")

    def handle(self, directory: str, **options: Any) -> None:
        manifest = export_all(directory)
        for entry in manifest["files"]:
            self.stdout.write(f"{entry['name']}: {entry['rows']} rows")
        self.stdout.write(self.style.SUCCESS(f"Backup written to {directory}"))
