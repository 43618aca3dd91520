"""Write nginx's configuration for the front of this machine's gunicorn, and its 429 pages."""

from pathlib import Path

from django.core.management.base import BaseCommand

from ogptracker.frontproxy.config import FrontProxy


class Command(BaseCommand):
    help = (
        "Write FOLDER/ogptracker.conf (to include in nginx's http block) and the "
        "429 answers it serves: nginx in front of gunicorn serves the static files "
        "and refuses, before gunicorn, a client past its rate."
    )

    def add_arguments(self, parser):
        defaults = FrontProxy()
        parser.add_argument("folder", type=Path)
        parser.add_argument("--listen", default=defaults.listen, help="nginx's address or port")
        parser.add_argument("--upstream", default=defaults.upstream, help="gunicorn's address")
        parser.add_argument("--server-name", default=defaults.server_name)
        parser.add_argument(
            "--rate", type=int, default=defaults.rate, help="requests a second per address"
        )
        parser.add_argument(
            "--burst", type=int, default=defaults.burst, help="requests at once above the rate"
        )
        parser.add_argument(
            "--connections",
            type=int,
            default=defaults.connections,
            help="requests of one address in progress at once",
        )
        parser.add_argument(
            "--trusted-proxy",
            action="append",
            default=[],
            metavar="CIDR",
            help="a balancer in front whose X-Forwarded-For names the client (repeatable)",
        )

    def handle(self, folder, **options):
        proxy = FrontProxy(
            listen=options["listen"],
            upstream=options["upstream"],
            server_name=options["server_name"],
            rate=options["rate"],
            burst=options["burst"],
            connections=options["connections"],
            trusted_proxies=options["trusted_proxy"],
        )
        path = proxy.write(folder)
        self.stdout.write(f"Wrote {path}: include it in nginx's http block.")
