from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from ogptracker.devdata.synthetic import SyntheticData


class Command(BaseCommand):
    help = (
        "Add synthetic action plans (commitments, activities, progress reports, committee "
        "minutes) to measure the tracker at scale. Existing rows are kept."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--plans", type=int, default=10)
        parser.add_argument("--commitments", type=int, default=20, help="Per plan.")
        parser.add_argument("--reports", type=int, default=8, help="Published, per commitment.")
        parser.add_argument("--seed", type=int, help="Same seed, same rows.")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            generator = SyntheticData(
                options["plans"], options["commitments"], options["reports"], seed=options["seed"]
            )
        except ValueError as error:
            raise CommandError(error) from error
        counts = generator.generate()
        self.stdout.write(f"Created {counts.summary()}.")
