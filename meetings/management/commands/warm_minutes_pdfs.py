from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from meetings.minutes_pdf import warm_minutes_pdfs
from ogptracker.common.languages import CODES


class Command(BaseCommand):
    help = (
        "Render the public minutes PDF of every published meeting that the cache does not "
        "hold yet, so that no visitor waits for it (run after each release)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--language",
            action="append",
            dest="languages",
            metavar="CODE",
            help="Only this language (repeatable); every language by default.",
        )
        parser.add_argument(
            "--latest",
            type=int,
            metavar="N",
            help="Only the N most recent published meetings; all of them by default.",
        )

    def handle(
        self, languages: list[str] | None = None, latest: int | None = None, **options: Any
    ) -> None:
        unknown = sorted(set(languages or []) - set(CODES))
        if unknown:
            raise CommandError(
                f"Unknown language {', '.join(unknown)}; choose from {', '.join(sorted(CODES))}."
            )
        if latest is not None and latest < 1:
            raise CommandError("--latest takes a number of meetings, 1 or more.")
        warmed = warm_minutes_pdfs(languages, latest)
        self.stdout.write(
            f"{warmed.rendered} PDF rendered, {warmed.already_cached} already cached, "
            f"in {warmed.seconds:.1f} s."
        )
