from typing import Any
from urllib.parse import urlsplit

from django.core.management.base import BaseCommand, CommandError, CommandParser

from ogptracker.leads.reminders import send_reminders


class Command(BaseCommand):
    help = (
        "E-mail each project lead the commitments of plans under way that wait for "
        "their progress report (run it from cron, or before a committee meets)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--site",
            required=True,
            help="The site's public address for the links, e.g. https://ogp.example.ma",
        )
        parser.add_argument("--plan", type=int, help="Only this plan's commitments.")
        parser.add_argument(
            "--dry-run", action="store_true", help="Say who would be reminded; send nothing."
        )

    def handle(self, site: str, plan: int | None, dry_run: bool, **options: Any) -> None:
        address = urlsplit(site)
        if address.scheme not in ("http", "https") or not address.netloc:
            raise CommandError(f"--site must be an address like https://ogp.example.ma: {site!r}")
        reminders = send_reminders(site.rstrip("/"), plan=plan, dry_run=dry_run)
        for reminder in reminders:
            numbers = ", ".join(
                f"{commitment.plan.number}.{commitment.number}"
                for commitment in reminder.commitments
            )
            self.stdout.write(f"{reminder.lead.email}: {numbers}")
        verb = "would be reminded (dry run)" if dry_run else "reminded"
        self.stdout.write(self.style.SUCCESS(f"{len(reminders)} leads {verb}."))
