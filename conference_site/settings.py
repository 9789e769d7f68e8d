"""Settings for the conference site: what differs between machines comes from the environment."""

import datetime
from pathlib import Path

import environ
from csp.constants import NONE, SELF, UNSAFE_HASHES, UNSAFE_INLINE
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

DEBUG = env.bool("DEBUG", default=False)

# A development key is only acceptable while DEBUG is on; production must set its own.
_DEV_SECRET_KEY = "dev-only-insecure-key-do-not-use-in-production-8f2c1a7e"
SECRET_KEY = env.str("SECRET_KEY", default=_DEV_SECRET_KEY if DEBUG else "")
if not SECRET_KEY:
    raise ImproperlyConfigured("SECRET_KEY must be set in the environment when DEBUG is off.")

ALLOWED_HOSTS = env.list(
    "ALLOWED_HOSTS", default=["localhost", "127.0.0.1", "[::1]"] if DEBUG else []
)
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])
SITE_URL = env.str("SITE_URL", default="http://127.0.0.1:8000")

INSTALLED_APPS = [
    # modeltranslation must come before the admin so that its fields show side by side.
    "modeltranslation",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    # Django's own widget templates, for the form renderer below.
    "django.forms",
    "corsheaders",
    "django_countries",
    "post_office",
    "import_export",
    "csp",
    "axes",
    "django_ratelimit",
    # Organizers' changes in the admin, browsable and revertible (docs/operations.md).
    "simple_history",
    # Uploaded images at the sizes pages show them (events/models/image_sizes.py).
    "imagekit",
    # The task queue: Django 6's tasks API (django-tasks) with its database backend, whose
    # `manage.py db_worker` processes send the mail (attendees/tasks.py, docs/deployment.md).
    "django_tasks",
    "django_tasks_db",
    # The admin's rich-text editor: only its static files (events/admin/rich_text.py).
    "django_prose_editor",
    "conference_site",
    "events",
    "attendees",
    "cooperation",
]

MIDDLEWARE = [
    # First, so that even an early answer (a redirect, a 404) carries the CORS headers.
    "corsheaders.middleware.CorsMiddleware",
    "django.middleware.security.SecurityMiddleware",
    # ETags and 304 answers: outside every middleware that still changes the page.
    "django.middleware.http.ConditionalGetMiddleware",
    "conference_site.content_security.ContentSecurityPolicyMiddleware",
    "django_permissions_policy.PermissionsPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "conference_site.middleware.AdminLanguageMiddleware",
    # NUL bytes in the address, query string or a form field: a translated 400 before any view,
    # since PostgreSQL refuses them in every query (conference_site/nul_bytes.py).
    "conference_site.nul_bytes.RefuseNulBytesMiddleware",
    # A database that cannot be reached (a restart, a failover) gives a translated 503 with
    # Retry-After, not a 500 (conference_site/database_unavailable.py; handler500 covers errors
    # outside views). After the language middleware, so the page is in the visitor's language.
    "conference_site.database_unavailable.DatabaseUnavailableMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Records who made a change (after authentication, so that the user is known).
    "simple_history.middleware.HistoryRequestMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Inside the language middleware, so that the 429 page speaks the visitor's language.
    "django_ratelimit.middleware.RatelimitMiddleware",
    # Last, as django-axes asks: it answers a locked-out login with the lockout page.
    "axes.middleware.AxesMiddleware",
]

# The benchmark (bench/) serves the site plus its floor view through bench.urls.
ROOT_URLCONF = env.str("ROOT_URLCONF", default="conference_site.urls")

# The read-only JSON API (/api/) may be read from any site's JavaScript; nothing else may.
CORS_URLS_REGEX = r"^/api/.*$"
CORS_ALLOW_ALL_ORIGINS = True
CORS_ALLOW_METHODS = ["GET", "OPTIONS"]

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.template.context_processors.tz",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "events.context_processors.site",
            ],
        },
    },
    # The two long loops, the program's session listing and the country drop-down, are
    # Jinja2's (events/jinja_templates.py).
    {
        "BACKEND": "django.template.backends.jinja2.Jinja2",
        "DIRS": [BASE_DIR / "templates" / "jinja2"],
        "OPTIONS": {"environment": "events.jinja_templates.environment"},
    },
]

# Widgets render with the site's template settings, so a widget template of ours lives in
# templates/ beside the others (templates/jinja2/attendees/widgets/).
FORM_RENDERER = "django.forms.renderers.TemplatesSetting"

WSGI_APPLICATION = "conference_site.wsgi.application"

DATABASES = {"default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}")}
# Connections are kept between requests: opening one cost more than a cached page (see
# docs/performance.md); PostgreSQL's are checked before reuse (CONN_HEALTH_CHECKS below).
DATABASES["default"].setdefault("CONN_MAX_AGE", env.int("CONN_MAX_AGE", default=60))
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
    if not env.bool("POSTGRES_JIT", default=False):
        # The site's queries are short; PostgreSQL compiles a plan with LLVM when its estimated
        # cost passes jit_above_cost, and estimates of per-row subqueries run high: a search of
        # two Chinese characters spent 33 ms of its 37 compiling (docs/deployment.md).
        options = DATABASES["default"].setdefault("OPTIONS", {})
        options["options"] = f"{options.get('options', '')} -c jit=off".strip()
elif DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Take the write lock when a transaction begins, so concurrent registrations queue up
    # behind each other instead of failing with "database is locked" halfway through.
    DATABASES["default"].setdefault("OPTIONS", {}).setdefault("transaction_mode", "IMMEDIATE")
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

CACHES = {
    "default": env.cache("CACHE_URL", default="locmemcache://"),
    # The page cache's copies. In each process's own memory by default: a copy is checked against
    # the content version in the database on every hit, so per-process copies are never stale,
    # and reading local memory costs a fraction of a round trip to Redis (docs/caching.md).
    "pages": env.cache("PAGE_CACHE_URL", default="locmemcache://pages"),
}
if CACHES["pages"]["BACKEND"] == "django.core.cache.backends.locmem.LocMemCache":
    # Bounded by the bytes held, not only by a count: a copy of a large program weighs megabytes,
    # so no sequence of requests grows a process by more than PAGE_CACHE_MAX_BYTES (64 MiB).
    CACHES["pages"]["BACKEND"] = "conference_site.memory_cache.SizeBoundedMemoryCache"
    CACHES["pages"].setdefault("OPTIONS", {}).setdefault(
        "MAX_ENTRIES", env.int("PAGE_CACHE_MAX_ENTRIES", default=1000)
    )
    CACHES["pages"]["OPTIONS"].setdefault(
        "MAX_BYTES", env.int("PAGE_CACHE_MAX_BYTES", default=64 * 1024 * 1024)
    )
# A cache is an accelerator, never a dependency: on Redis, every error is logged and answered as
# a miss, so a stopped Redis slows pages down but fails no request (conference_site/cache.py).
FAILSAFE_REDIS_CACHE = "conference_site.cache.FailSafeRedisCache"
for _cache in CACHES.values():
    if _cache["BACKEND"] == "django.core.cache.backends.redis.RedisCache":
        _cache["BACKEND"] = FAILSAFE_REDIS_CACHE
# Anonymous public pages, exports and API answers are cached per language and never shown
# stale (conference_site/page_cache.py, events/versions.py); PAGE_CACHE_SECONDS bounds how long
# an unchanged copy is kept.
PAGE_CACHE = env.bool("PAGE_CACHE", default=True)
PAGE_CACHE_SECONDS = env.int("PAGE_CACHE_SECONDS", default=600)

vars().update(env.email("EMAIL_URL", default="consolemail://"))
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="conference@localhost")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
EMAIL_TIMEOUT = env.int("EMAIL_TIMEOUT", default=15)
# Attendee email goes through django-post-office's outbox: each message is stored with the
# change that caused it, and a task sends it from a worker of the task queue, never from the
# request (attendees/emails.py). A delivery that fails is tried again after 5 s, then twice as long
# each time up to EMAIL_RETRY_MAX_SECONDS (at most 60), so mail goes out within that delay once
# the server is back; after EMAIL_MAX_ATTEMPTS failures the message stays "failed" in the admin,
# which can send it again.
EMAIL_RETRY_FIRST_DELAY = datetime.timedelta(
    seconds=env.float("EMAIL_RETRY_FIRST_SECONDS", default=5)
)
EMAIL_RETRY_MAX_DELAY = datetime.timedelta(
    seconds=min(60.0, env.float("EMAIL_RETRY_MAX_SECONDS", default=30))
)
EMAIL_MAX_ATTEMPTS = env.int("EMAIL_MAX_ATTEMPTS", default=120)
POST_OFFICE = {
    # Only for `manage.py send_queued_mail`, kept as a manual tool: the same bounds.
    "MAX_RETRIES": EMAIL_MAX_ATTEMPTS,
    "RETRY_INTERVAL": EMAIL_RETRY_MAX_DELAY,
    "LOG_LEVEL": 2,
}

# The task queue (docs/deployment.md). The database backend needs nothing beside the database:
# a task enqueued during a request is a row written in the request's own transaction, so it
# exists exactly when the change that asked for it was saved. Workers: `manage.py db_worker`.
TASKS = {
    "default": {
        "BACKEND": env.str("TASKS_BACKEND", default="django_tasks_db.DatabaseBackend"),
        # "email" has its own queue so that workers can be given to it alone: a mail server
        # that hangs must not hold up other work, nor other work the mail.
        "QUEUES": ["default", "email"],
    }
}

# django-axes first: it refuses a locked-out login before the password is even checked.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en"
LANGUAGES = [("en", _("English")), ("zh-hans", _("Simplified Chinese"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
# Country names as a Chinese university publishes them, and fixes for django-countries' own
# Chinese catalogue (typos and a truncated name) until upstream corrects them.
COUNTRIES_OVERRIDE = {
    "TW": _("Taiwan, China"),
    "HK": _("Hong Kong SAR, China"),
    "MO": _("Macao SAR, China"),
    "NP": _("Nepal"),
    "TJ": _("Tajikistan"),
    "BA": _("Bosnia and Herzegovina"),
    "AS": _("American Samoa"),
}
# Addresses outside the language prefixes that follow the visitor's language cookie or browser.
UNPREFIXED_LANGUAGE_PATHS = ["admin"]
TIME_ZONE = env.str("TIME_ZONE", default="Asia/Shanghai")
USE_I18N = True
USE_TZ = True

MODELTRANSLATION_DEFAULT_LANGUAGE = "en"
MODELTRANSLATION_LANGUAGES = ("en", "zh-hans")
# Each language falls back to the other, so a text entered in only one language still shows.
MODELTRANSLATION_FALLBACK_LANGUAGES = {"default": ("en", "zh-hans")}

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "media/"
MEDIA_ROOT = Path(env.str("MEDIA_ROOT", default=str(BASE_DIR / "media")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if env.bool("STATIC_MANIFEST", default=not DEBUG)
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
# Resized copies of uploads are made when the upload is saved, so pages link them without
# checking that they exist (events/models/image_sizes.py).
IMAGEKIT_DEFAULT_CACHEFILE_STRATEGY = "events.models.image_sizes.MadeOnSave"
IMAGEKIT_CACHEFILE_DIR = "sizes"
# Uploaded logos and photos are served by the app itself unless a proxy takes over.
SERVE_MEDIA = env.bool("SERVE_MEDIA", default=True)

LOGIN_URL = "admin:login"

# Exports from the admin (django-import-export) are personal data in bulk: they need their own
# permission, "export_<model>" (e.g. attendees.export_registration), beyond viewing the list.
IMPORT_EXPORT_EXPORT_PERMISSION_CODE = "export"

# Registration: how long the link in the "confirm your email" message stays valid; unconfirmed
# registrations older than that are removed by `manage.py cleanup_unconfirmed`.
ATTENDEES_CONFIRMATION_MAX_AGE = datetime.timedelta(
    hours=env.int("ATTENDEES_CONFIRMATION_HOURS", default=72)
)
# Retention: `manage.py anonymize_registrations` erases the personal data of registrations this
# many days after their edition's last day (statistics keep counting them).
ATTENDEES_RETENTION_DAYS = env.int("ATTENDEES_RETENTION_DAYS", default=365)

# Security: on by default whenever DEBUG is off.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=not DEBUG)
SESSION_COOKIE_SECURE = env.bool("SESSION_COOKIE_SECURE", default=not DEBUG)
CSRF_COOKIE_SECURE = env.bool("CSRF_COOKIE_SECURE", default=not DEBUG)
SESSION_COOKIE_HTTPONLY = True
# No script reads the CSRF cookie: forms carry the token.
CSRF_COOKIE_HTTPONLY = True
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=0 if DEBUG else 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = not DEBUG
SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=not DEBUG)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
if not DEBUG:
    # Health checks from the proxy hit plain HTTP on the loopback address.
    SECURE_REDIRECT_EXEMPT = [r"^healthz/$"]
# Content-Security-Policy (django-csp): scripts, styles, fonts and frames from the site itself
# only, never inline; images also as data: URIs. CSP_EXTRA_IMG_SRC adds image hosts (e.g. a CDN
# that news articles link images from).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:", *env.list("CSP_EXTRA_IMG_SRC", default=[])],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}
# Added on the admin's pages only (conference_site/content_security.py): the admin's templates
# and django-import-export's and django-simple-history's carry inline style attributes, and
# import-export's "select all" box one inline handler, allowed by its hash; no inline script.
CONTENT_SECURITY_POLICY_ADMIN = {
    "style-src": [UNSAFE_INLINE],
    "script-src-attr": [
        UNSAFE_HASHES,
        "'sha256-wid4zL8fR53ZYy1ljOepzR77Dn6vWUUxuNnnWWBP3I8='",  # onSelectToggleChange(event)
    ],
}
# Powerful browser features are off everywhere; the check-in desk turns the camera back on for
# itself (attendees/views/checkin.py) to scan tickets.
PERMISSIONS_POLICY = {
    "accelerometer": [],
    "camera": [],
    "display-capture": [],
    "geolocation": [],
    "gyroscope": [],
    "magnetometer": [],
    "microphone": [],
    "payment": [],
    "usb": [],
}

# Behind a reverse proxy, the number of proxies whose X-Forwarded-For entries are trusted (see
# conference_site/client_ip.py); 0 trusts none and uses the connection's address.
TRUSTED_PROXY_COUNT = env.int("TRUSTED_PROXY_COUNT", default=0)

# Login lockout (django-axes) for the admin and the check-in desk, which logs in through it:
# after AXES_FAILURE_LIMIT failed attempts for one username from one address, that pair is
# refused for AXES_COOLOFF_MINUTES. Superusers see lockouts in the admin ("Access attempts");
# `manage.py axes_reset_username NAME` or `axes_reset` lifts them (docs/security.md).
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = datetime.timedelta(minutes=env.int("AXES_COOLOFF_MINUTES", default=30))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
# And after AXES_ACCOUNT_FAILURE_LIMIT failures for one username from any addresses within the
# cool-off, the account itself is locked (guessing spread over many addresses); higher than the
# per-address limit, so that a user who mistypes from one address is never locked this way.
AXES_ACCOUNT_FAILURE_LIMIT = env.int("AXES_ACCOUNT_FAILURE_LIMIT", default=20)
AXES_HANDLER = "conference_site.login_lockout.AccountLockoutHandler"
AXES_USERNAME_CALLABLE = "conference_site.login_lockout.username"
AXES_RESET_ON_SUCCESS = True
AXES_CLIENT_IP_CALLABLE = "conference_site.client_ip.client_ip"
AXES_LOCKOUT_CALLABLE = "conference_site.errors.locked_out"

# Rate limits (django-ratelimit) on the public forms that send email or look documents up
# (attendees/ratelimits.py): "N/s", "N/m", "N/h" or "N/d". Counters live in the cache, so they
# are shared by every process only when CACHE_URL is Redis, as production must use.
RATE_LIMITS = {
    # Per address: a university behind one NAT address registers many people in an hour.
    "attendees.register": env.str("RATE_LIMIT_REGISTER", default="20/h"),
    # Per address and email: the form sends the link again to an address already registered.
    "attendees.resend_link": env.str("RATE_LIMIT_RESEND_LINK", default="5/h"),
    "attendees.verify": env.str("RATE_LIMIT_VERIFY", default="60/m"),
    # Per attendee: enough to ask every partner one came for, not to write to the whole board.
    "cooperation.meeting_request": env.str("RATE_LIMIT_MEETING_REQUEST", default="10/h"),
}
RATELIMIT_IP_META_KEY = "conference_site.client_ip.client_ip"
RATELIMIT_VIEW = "conference_site.errors.too_many_requests"
if CACHES["default"]["BACKEND"] == "django.core.cache.backends.locmem.LocMemCache":
    # django-ratelimit refuses the local-memory cache because each process counts on its own.
    # That is right for the single development process; production sets CACHE_URL to Redis.
    SILENCED_SYSTEM_CHECKS = ["django_ratelimit.E003", "django_ratelimit.W001"]
elif CACHES["default"]["BACKEND"] == FAILSAFE_REDIS_CACHE:
    # Django's own Redis cache increments atomically; django-ratelimit only lists django-redis.
    SILENCED_SYSTEM_CHECKS = ["django_ratelimit.W001"]
# While the cache is unavailable the counters cannot be read: let requests through rather than
# refuse every form (the cache backend logs the outage as a warning).
RATELIMIT_FAIL_OPEN = True

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="WARNING")},
}
