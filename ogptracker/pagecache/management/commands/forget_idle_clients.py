from django.core.management.base import BaseCommand

from ogptracker.throttle import forget_idle_clients


class Command(BaseCommand):
    help = (
        "Delete the fair share's counts of the clients not seen for a day "
        "(nightly from cron, and at each release)."
    )

    def handle(self, *args, **options):
        forgotten = forget_idle_clients()
        self.stdout.write(f"{forgotten} idle clients forgotten.")
