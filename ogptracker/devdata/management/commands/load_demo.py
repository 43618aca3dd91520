from typing import Any

from django.apps import apps
from django.core.management.base import BaseCommand, CommandParser
from django.utils import translation

from ogptracker.devdata.demo import ensure_demo_accounts, load_seed_data
from ogptracker.pagecache import data_changed

COUNTED_MODELS = (
    "commitments.Institution",
    "commitments.ActionPlan",
    "commitments.Axis",
    "commitments.Commitment",
    "commitments.ProgressReport",
    "commitments.PlanProgress",
    "meetings.Committee",
    "meetings.Meeting",
    "meetings.Participant",
    "meetings.AgendaItem",
    "meetings.NextStep",
)


class Command(BaseCommand):
    help = (
        "Load the action plans, commitments and committee minutes from fixtures/ and "
        "create the demo accounts, printing their passwords. Running it again changes nothing."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--reset-passwords",
            action="store_true",
            help="Give existing demo accounts new passwords too.",
        )
        parser.add_argument(
            "--without-accounts",
            action="store_true",
            help="Load the reference data only, e.g. into a production database.",
        )

    def handle(
        self,
        *args: Any,
        reset_passwords: bool = False,
        without_accounts: bool = False,
        **options: Any,
    ) -> None:
        load_seed_data()
        accounts = [] if without_accounts else ensure_demo_accounts(reset_passwords)
        # Leads are linked through their tables directly, which sends no model signals.
        data_changed()
        # Read in a terminal, where right-to-left text comes out garbled.
        with translation.override("en"):
            self._print_counts()
            if accounts:
                self._print_accounts(accounts)

    def _print_counts(self):
        self.stdout.write("Reference data:")
        for label in COUNTED_MODELS:
            model = apps.get_model(label)
            self.stdout.write(f"  {model.objects.count():4d} {model._meta.verbose_name_plural}")

    def _print_accounts(self, accounts):
        self.stdout.write("Demo accounts:")
        for account in accounts:
            password = account.password or "unchanged"
            line = f"  {account.username:<15} password {password}"
            if account.superuser:
                line += "  superuser"
            if account.role:
                line += f"  {account.role}"
            if account.commitments:
                numbers = ", ".join(str(c.number) for c in account.commitments)
                plan = account.commitments[0].plan.number
                line += f"  leads commitments {numbers} of action plan {plan}"
            self.stdout.write(line)
