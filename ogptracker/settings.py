"""Settings for ogptracker, all driven by environment variables.

Defaults give a local development site on SQLite; production sets
SECRET_KEY, DATABASE_URL, ALLOWED_HOSTS and friends in the environment.
"""

import datetime
import os
import subprocess
from importlib.metadata import version
from pathlib import Path

import dj_database_url
from django.conf.locale import LANG_INFO
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    lowered = value.strip().lower()
    if lowered in ("1", "true", "yes", "on"):
        return True
    if lowered in ("0", "false", "no", "off"):
        return False
    raise ValueError(f"{name} must be a boolean (true/false), got {value!r}")


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def env_int(name: str, default: int) -> int:
    value = os.environ.get(name, "").strip()
    if not value:
        return default
    try:
        return int(value)
    except ValueError:
        raise ValueError(f"{name} must be a whole number, got {value!r}") from None


DEBUG = env_bool("DEBUG", False)
SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        from django.core.exceptions import ImproperlyConfigured

        raise ImproperlyConfigured(
            "SECRET_KEY is not set. Set the SECRET_KEY environment variable "
            "(or DEBUG=true for local development)."
        )
    SECRET_KEY = "insecure-development-key-only-used-with-debug"

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]" if DEBUG else "")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

# HTTPS everywhere outside development. Behind a load balancer that ends TLS,
# SECURE_PROXY_SSL_HEADER=true trusts its X-Forwarded-Proto header (only set it
# when the balancer overwrites that header on every request).
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", not DEBUG)
# Load balancers probe over plain HTTP inside the private network.
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
if env_bool("SECURE_PROXY_SSL_HEADER", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SESSION_COOKIE_SECURE = env_bool("SESSION_COOKIE_SECURE", not DEBUG)
CSRF_COOKIE_SECURE = env_bool("CSRF_COOKIE_SECURE", not DEBUG)
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 0 if DEBUG else 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", False)
# Preloading binds the whole registrable domain (gov.ma, not one site under
# it) to HTTPS in every browser; only its owner can ask for it, hence opt-in.
SILENCED_SYSTEM_CHECKS = [] if SECURE_HSTS_PRELOAD else ["security.W021"]
X_FRAME_OPTIONS = "DENY"

INSTALLED_APPS = [
    # modeltranslation must come before the admin to patch its forms.
    "modeltranslation",
    "ogptracker.apps.TrackerAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "axes",
    "csp",
    "import_export",
    "simple_history",
    "django_tasks",
    "django_tasks_db",
    "django_htmx",
    "ogptracker.pagecache",
    "commitments",
    "meetings",
    "ogptracker.ogpcycle",
    "ogptracker.civilsociety",
    "ogptracker.participation",
    "ogptracker.publishing",
    "ogptracker.leads",
    "ogptracker.spreadsheets",
    "ogptracker.secretariat",
    "ogptracker.devdata",
    "ogptracker.frontproxy",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # A client refused a moment ago is refused again at once (ogptracker/throttle.py).
    "ogptracker.throttle.FairShareMiddleware",
    # Repeat anonymous visits of public pages, answered before the rest of the stack.
    "ogptracker.pagecache.recent.RecentPagesMiddleware",
    "csp.middleware.CSPMiddleware",
    # Odd parameters refused before sessions or views read them
    # (ogptracker/publishing/params.py); the page cache's copies, further out,
    # are only ever of answers that passed here.
    "ogptracker.publishing.params.QueryParametersMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    # The admin under a language it is not translated into answers in Arabic.
    "ogptracker.admin_languages.AdminLanguagesMiddleware",
    "django.middleware.common.CommonMiddleware",
    # `request.htmx`: the meeting workspace answers its grid's requests with a row.
    "django_htmx.middleware.HtmxMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "ogptracker.signed_in.SignedInNoStoreMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # Last, so it turns a refused login into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "ogptracker.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "ogptracker.publishing.params.canonical_url",
            ],
        },
    },
]

WSGI_APPLICATION = "ogptracker.wsgi.application"

# Work done after a request rather than during it (a published meeting's PDFs,
# meetings/minutes_pdf.py), queued in the database and run by
# `manage.py db_worker`, which `make demo` and `make serve` start.
TASKS = {
    "default": {
        "BACKEND": os.environ.get("TASKS_BACKEND", "django_tasks_db.DatabaseBackend"),
    }
}

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
        conn_max_age=int(os.environ.get("DB_CONN_MAX_AGE", "60")),
        # A kept connection is tried before each request uses it: after the database
        # restarts, each worker's first request reconnects instead of answering 500.
        conn_health_checks=True,
    )
}
# What the planner takes a read out of order to cost, against 1 for a read in order.
# PostgreSQL's default, 4, is a spinning disk's; on SSDs or a database held in memory
# 1.1 is the usual figure, and with it the search looks the commitments it found up
# by their key instead of reading their table whole (docs/performance.md). Empty:
# the server's own setting.
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    # The demo's SQLite keeps the search's ranking index without its included
    # columns (commitments/models.py), which only PostgreSQL reads from an index.
    SILENCED_SYSTEM_CHECKS = [*SILENCED_SYSTEM_CHECKS, "models.W040"]
RANDOM_PAGE_COST = os.environ.get("POSTGRES_RANDOM_PAGE_COST", "1.1")
if DATABASES["default"]["ENGINE"].endswith("postgresql") and RANDOM_PAGE_COST:
    _options = DATABASES["default"].setdefault("OPTIONS", {})
    _cost = float(RANDOM_PAGE_COST)
    _options["options"] = f"{_options.get('options', '')} -c random_page_cost={_cost}".strip()
# Shared by every server process of every machine (rendered PDFs, cached pages): no
# process memory. Redis when REDIS_URL is set (redis://host:6379/0), else a table of
# the database.
REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL and not REDIS_URL.startswith(("redis://", "rediss://", "unix://")):
    raise ValueError(
        f"REDIS_URL must look like 'redis://host:6379/0' (or rediss://, unix://), got {REDIS_URL!r}"
    )
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": REDIS_URL,
            "TIMEOUT": None,
            "OPTIONS": {
                # A page waits at most this long on Redis, instead of gunicorn's timeout.
                "SOCKET_CONNECT_TIMEOUT": 5,
                "SOCKET_TIMEOUT": 5,
            },
        }
    }
    # Sessions read from Redis, written through to the database, which keeps them
    # when Redis restarts or evicts.
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "ogptracker_cache",
            "TIMEOUT": None,
            # Room for every public page in four languages before entries are culled: two
            # entries each, the page and the list of headers its address varies on.
            "OPTIONS": {"MAX_ENTRIES": 100000},
        }
    }
# Anonymous visits of public pages and API answers are served from that cache until the
# data changes (ogptracker/pagecache/), at most this many seconds; 0 turns it off.
PAGE_CACHE_SECONDS = env_int("PAGE_CACHE_SECONDS", 3600)

# OGP's minimum requirements, as the monitor checks them (docs/ogp-cycle.md):
# the forum meets, and the plan's pages are updated, at least this often; minutes
# are published within so many days of their meeting; a self-assessment report
# is due so many days after the plan's midpoint or end; the secretariat is
# warned so many days before a due date.
OGP_FORUM_EVERY_DAYS = env_int("OGP_FORUM_EVERY_DAYS", 183)
OGP_UPDATE_EVERY_DAYS = env_int("OGP_UPDATE_EVERY_DAYS", 183)
OGP_MINUTES_WITHIN_DAYS = env_int("OGP_MINUTES_WITHIN_DAYS", 30)
OGP_SELF_ASSESSMENT_WITHIN_DAYS = env_int("OGP_SELF_ASSESSMENT_WITHIN_DAYS", 90)
OGP_WARNING_DAYS = env_int("OGP_WARNING_DAYS", 30)


def git_commit() -> str:
    try:
        found = subprocess.run(
            ["git", "rev-parse", "--short=12", "HEAD"],
            cwd=BASE_DIR,
            capture_output=True,
            text=True,
            timeout=5,
        )
    except OSError:
        return ""
    return found.stdout.strip() if found.returncode == 0 else ""


# The deployed code's name, in the key of every cached page and PDF: a deploy leaves
# the old ones unused. Read once at start, the same in every process of a checkout.
RELEASE = os.environ.get("RELEASE") or "+".join(filter(None, [version("ogptracker"), git_commit()]))

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTHENTICATION_BACKENDS = [
    # Checks the lockout before the password is even looked at.
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Arabic first: the secretariat works in Arabic; Amazigh beside it (the
# Constitution's two official languages; organic law 26-16, article 26, asks
# public bodies' websites to carry it); French and English follow.
LANGUAGE_CODE = "ar"
LANGUAGES = [
    ("ar", _("Arabic")),
    ("zgh", _("Amazigh")),
    ("fr", _("French")),
    ("en", _("English")),
]
# Django knows no Standard Moroccan Amazigh: its name and direction are declared
# here, where `{% get_language_info %}` and `get_language_info()` read them. A
# Django release that adds it keeps its own (setdefault). Its catalogue is
# locale/zgh, its formats ogptracker/formats/zgh (docs/languages.md).
LANG_INFO.setdefault(
    "zgh",
    {
        "bidi": False,
        "code": "zgh",
        "name": "Standard Moroccan Amazigh",
        "name_local": "ⵜⴰⵎⴰⵣⵉⵖⵜ",
    },
)
MODELTRANSLATION_DEFAULT_LANGUAGE = "ar"
MODELTRANSLATION_FALLBACK_LANGUAGES = ("ar",)
LOCALE_PATHS = [BASE_DIR / "locale"]
# Moroccan date formats (no comma after the month, 24-hour time, Western digits).
FORMAT_MODULE_PATH = ["ogptracker.formats"]
TIME_ZONE = "Africa/Casablanca"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "staticfiles"))
MEDIA_URL = "media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))

# Uploaded evidence: in an S3-compatible bucket when S3_BUCKET is set (every machine
# reads the same files), else under MEDIA_ROOT. The keys are read by boto3 from
# AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (or the machine's role).
S3_BUCKET = os.environ.get("S3_BUCKET", "")
# With S3, evidence downloads are sent to the bucket by a signed address valid this
# many seconds, after the site's own checks; 0 streams them through the site instead.
S3_SIGNED_URL_SECONDS = env_int("S3_SIGNED_URL_SECONDS", 0)
if not 0 <= S3_SIGNED_URL_SECONDS <= 604800:
    raise ValueError(
        "S3_SIGNED_URL_SECONDS must be between 0 and 604800 (S3's limit of a week), "
        f"got {S3_SIGNED_URL_SECONDS}"
    )
if S3_BUCKET:
    DEFAULT_STORAGE = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": S3_BUCKET,
            "endpoint_url": os.environ.get("S3_ENDPOINT_URL") or None,
            "region_name": os.environ.get("S3_REGION") or None,
            "location": os.environ.get("S3_PREFIX", ""),
            # Two leads' files of the same name both kept, as on a disk.
            "file_overwrite": False,
            # Private objects: only the site, or a signed address, reads them.
            "default_acl": None,
            "querystring_auth": True,
            "signature_version": "s3v4",
            "querystring_expire": S3_SIGNED_URL_SECONDS or 60,
        },
    }
else:
    # File names under the names' rule for bidirectional controls (ogptracker/common/bidi.py).
    DEFAULT_STORAGE = {"BACKEND": "ogptracker.common.bidi.FileSystemStorage"}

# Hashed, compressed file names, served by WhiteNoise with far-future caching.
STORAGES = {
    "default": DEFAULT_STORAGE,
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}

# Spreadsheet import: all or nothing, and only for those who may change the rows.
IMPORT_EXPORT_USE_TRANSACTIONS = True
IMPORT_EXPORT_IMPORT_PERMISSION_CODE = "change"
IMPORT_EXPORT_EXPORT_PERMISSION_CODE = "view"

LOGIN_URL = "login"
# URL names, reversed in the language of the sign-in page: "/" would send a
# reader who signed in on /ar/ to the language of their browser instead.
LOGIN_REDIRECT_URL = "leads:my_commitments"
LOGOUT_REDIRECT_URL = "commitments:home"

# E-mail: password resets, and the review workflow's notices to the
# secretariat and the project leads. Development prints messages to the console.
EMAIL_BACKEND = os.environ.get(
    "EMAIL_BACKEND",
    "django.core.mail.backends.console.EmailBackend"
    if DEBUG
    else "django.core.mail.backends.smtp.EmailBackend",
)
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
EMAIL_USE_SSL = env_bool("EMAIL_USE_SSL", False)
# A page never waits long on a slow mail server.
EMAIL_TIMEOUT = env_int("EMAIL_TIMEOUT", 10)
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "ogptracker@localhost")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# The site's public address, for the links of e-mails the task worker sends (it has
# no request to take a host from): followers' notices, answers, verification links.
SITE_URL = os.environ.get("SITE_URL", "http://localhost:8000")
if not SITE_URL.startswith(("http://", "https://")):
    raise ValueError(f"SITE_URL must look like 'https://host', got {SITE_URL!r}")

# Citizens' questions (ogptracker/participation): read by the secretariat before
# they are published ("before") or published at once and taken down if need be
# ("after").
PARTICIPATION_MODERATION = os.environ.get("PARTICIPATION_MODERATION", "before")
if PARTICIPATION_MODERATION not in ("before", "after"):
    raise ValueError(
        f"PARTICIPATION_MODERATION must be 'before' or 'after', got {PARTICIPATION_MODERATION!r}"
    )
# How often one may act, as django-ratelimit rates ("number/period"): questions per
# account, sign-ups and follows per address (each follow also per e-mail address).
PARTICIPATION_QUESTION_RATE = os.environ.get("PARTICIPATION_QUESTION_RATE", "5/h")
PARTICIPATION_SIGN_UP_RATE = os.environ.get("PARTICIPATION_SIGN_UP_RATE", "5/h")
PARTICIPATION_FOLLOW_RATE = os.environ.get("PARTICIPATION_FOLLOW_RATE", "10/h")

# A less guessable admin address, e.g. ADMIN_URL=office-7f3a/ (must end with "/").
ADMIN_URL = os.environ.get("ADMIN_URL", "admin/")
if not ADMIN_URL.endswith("/") or ADMIN_URL.startswith("/"):
    raise ValueError(f"ADMIN_URL must look like 'office/', got {ADMIN_URL!r}")

# Brute-force protection: after AXES_FAILURE_LIMIT wrong passwords for one
# username from one address, that pair is locked out for AXES_COOLOFF_MINUTES.
# Attempts live in the database, so every server behind the balancer sees them.
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = datetime.timedelta(minutes=env_int("AXES_COOLOFF_MINUTES", 30))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "ogptracker.throttle.lockout_response"
AXES_CLIENT_IP_CALLABLE = "ogptracker.throttle.client_ip"
# How many proxies in front of the site append to X-Forwarded-For; 0 means
# clients connect directly and REMOTE_ADDR is their address.
TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", 0)

# No inline script or style anywhere: templates use classes, scripts are files.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}
if os.environ.get("CSP_REPORT_URI"):
    CONTENT_SECURITY_POLICY["DIRECTIVES"]["report-uri"] = [os.environ["CSP_REPORT_URI"]]

# A client's fair share of live work: what the page cache does not answer (a page
# rendered for the first time, a new search, a spreadsheet, an API page), so that
# one client cannot slow the site for everyone (ogptracker/throttle.py). Counted
# in the database per address for anonymous readers, per account for the
# signed-in; "number/period", period s, m, h or d, optionally with a count
# ("120/5m"); empty for no limit.
FAIR_SHARE_ANONYMOUS = os.environ.get("FAIR_SHARE_ANONYMOUS", "120/5m") or None
FAIR_SHARE_SIGNED_IN = os.environ.get("FAIR_SHARE_SIGNED_IN", "600/5m") or None
# Requests of one client running at once; 0 for no limit.
FAIR_SHARE_AT_ONCE = env_int("FAIR_SHARE_AT_ONCE", 2)
# Each query of a public page or API answer, in milliseconds; past it the reader
# gets the 503 page and the worker is free again. 0 for no limit.
PUBLIC_QUERY_TIMEOUT_MS = env_int("PUBLIC_QUERY_TIMEOUT_MS", 5000)
# django-ratelimit's counts (questions, sign-ups, follows: PARTICIPATION_*_RATE) live in
# the default cache, which every process shares; its increments are a read and a
# write, not atomic, so actions counted at the same moment by several workers can
# count once.
RATELIMIT_USE_CACHE = "default"

# Errors go to standard error, where gunicorn and the service manager collect
# them (Django alone would only e-mail them, and only with ADMINS set).
LOG_LEVEL = os.environ.get("LOG_LEVEL", "WARNING")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": LOG_LEVEL},
    "loggers": {"django": {"handlers": ["console"], "level": LOG_LEVEL, "propagate": False}},
}
