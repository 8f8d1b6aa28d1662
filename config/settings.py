"""Settings for the magazine, read from the environment (12-factor).

Development and production run this same module; only the environment differs. The defaults suit a
developer's machine (SQLite, local-memory cache); with DEBUG off the site refuses to start without a
real SECRET_KEY.
"""

import ipaddress
import sys
from pathlib import Path
from urllib.parse import urlsplit

import environ
from csp.constants import NONCE, NONE, SELF
from django.core.exceptions import ImproperlyConfigured

from config.media import S3_STORAGE, bucket_settings, origin

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()

DEBUG = env.bool("DEBUG", default=False)

# `manage.py makemigrations` reads only the code (models and migrations): it signs nothing and caches nothing,
# so it runs without production's secret and shared cache (a bare `makemigrations --check` in a review or CI).
# Serving, and every other command, still refuses to start without them.
READS_ONLY_THE_CODE = Path(sys.argv[0]).name == "manage.py" and sys.argv[1:2] == ["makemigrations"]

# A key Django itself would call insecure, or one too short to be a real secret, is refused in production.
_DEV_SECRET_KEY = "django-insecure-development-only-never-use-in-production"
SECRET_KEY = env.str("SECRET_KEY", default="")
if not DEBUG and not READS_ONLY_THE_CODE and (len(SECRET_KEY) < 32 or SECRET_KEY.startswith("django-insecure")):
    raise ImproperlyConfigured(
        "SECRET_KEY is missing or not a real secret while DEBUG is off. Set SECRET_KEY to a random string "
        "of at least 32 characters (python -c 'import secrets; print(secrets.token_urlsafe(50))'), "
        "or set DEBUG=1 for local development."
    )
SECRET_KEY = SECRET_KEY or _DEV_SECRET_KEY

SITE_URL = env.str("SITE_URL", default="http://127.0.0.1:8000").rstrip("/")
SITE_NAME = env.str("SITE_NAME", default="The Second Opinion")
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost", urlsplit(SITE_URL).hostname])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[SITE_URL])
SITE_ID = 1

INSTALLED_APPS = [
    "core.admin_config.MagazineAdminConfig",  # Django's admin, with optional two-factor login (STAFF_2FA)
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.contrib.postgres",  # full-text search; imports fine on SQLite, where search falls back to word matching
    "django.contrib.sites",
    "django.contrib.redirects",  # old WordPress links (wordpress/links.py); editors can add their own
    "core.apps_labels.CommentsConfig",  # django_comments_xtd; core/apps_labels.py names apps as editors do
    "core.apps_labels.CommentFlagsConfig",  # django_comments
    "django_ratelimit",
    "csp",
    "core.apps_labels.LoginLockoutConfig",  # axes
    "django_otp",
    "core.apps_labels.TwoFactorConfig",  # django_otp.plugins.otp_totp
    "core.apps_labels.TagsConfig",  # taggit
    "reversion",  # every saved version of an item, author and source (core.revisions)
    "imagekit",
    "django_prose_editor",
    "core",
    "comments",
    "blog",
    "interviews",
    "reviews",
    "cartoons",
    "wordpress",
]

MIDDLEWARE = [
    # First: a cached page is stored with every header the middleware below gave it, so a hit runs none of them.
    "core.cache.AnonymousPageCacheMiddleware",
    # Next: a page the cache stores was read under the write mark the cache read first (core/db_router.py).
    "core.db_router.ReplicaRoutingMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "core.middleware.AdminInputMiddleware",  # 400, not 500, for hand-made admin requests (NUL, bad action ids)
    "csp.middleware.CSPMiddleware",
    "django_permissions_policy.PermissionsPolicyMiddleware",
    "django.middleware.http.ConditionalGetMiddleware",  # 304 for pages not stored (the page cache answers its own)
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "wordpress.middleware.OldPostIdRedirectMiddleware",  # the page cache lets ?p= through to it
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django.contrib.redirects.middleware.RedirectFallbackMiddleware",  # a 404 may be an old address
    "axes.middleware.AxesMiddleware",  # last, as django-axes requires
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

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
                "core.context_processors.site",
            ],
        },
    },
]

DATABASES = {"default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}")}
# Read replicas (core/db_router.py): anonymous readers' reads go to one of them, everything else to the primary.
for number, url in enumerate(env.list("DATABASE_REPLICA_URLS", default=[]), start=1):
    DATABASES[f"replica{number}"] = env.db_url_config(url.strip())
if len(DATABASES) > 1 and any(db["ENGINE"] != "django.db.backends.postgresql" for db in DATABASES.values()):
    # The router asks a replica how far it has replayed the primary's WAL before trusting it: PostgreSQL's.
    raise ImproperlyConfigured("DATABASE_REPLICA_URLS needs PostgreSQL, for the primary and every replica.")
DATABASE_ROUTERS = ["core.db_router.ReplicaRouter"]
# How long the reader of a request that wrote (a comment, a form) reads from the primary, replicas' lag aside.
REPLICA_PIN_SECONDS = env.int("REPLICA_PIN_SECONDS", default=10)
for database in DATABASES.values():
    # Persistent connections: a gunicorn worker serves one request at a time, so one kept connection per database
    # is all the pool it needs; CONN_HEALTH_CHECKS replaces a connection the server dropped before a request uses it.
    database["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=0 if DEBUG else 60)
    database["CONN_HEALTH_CHECKS"] = True
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Several gunicorn workers write at once (make serve without DATABASE_URL): with WAL, readers go on while
    # one writes; IMMEDIATE takes the write lock as a transaction starts, so two never deadlock upgrading a
    # read lock; and a writer waits up to `timeout` seconds for its turn instead of failing "database is locked".
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {"init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;", "transaction_mode": "IMMEDIATE",
         "timeout": 20}
    )  # fmt: skip
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# django-ratelimit lists only django-redis among Redis caches; Django's own RedisCache increments atomically too.
SILENCED_SYSTEM_CHECKS = ["django_ratelimit.W001"]
REDIS_URL = env.str("REDIS_URL", default="")
if not DEBUG and not REDIS_URL and not READS_ONLY_THE_CODE:
    # Several gunicorn workers each with a cache of their own would serve pages an edit has made stale, and
    # count rate limits apart: production shares one cache.
    raise ImproperlyConfigured(
        "REDIS_URL is not set while DEBUG is off. Production needs one cache shared by every worker and host "
        "(pages, rate limits): set REDIS_URL, e.g. redis://127.0.0.1:6379/0."
    )
if REDIS_URL:
    CACHES = {"default": {"BACKEND": "core.cache_backends.RedisCache", "LOCATION": REDIS_URL}}
    # Sessions are read from Redis and written through to the database, so flushing Redis logs nobody out.
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    # One process in development: a per-process cache is enough for rate limits. Production sets REDIS_URL.
    SILENCED_SYSTEM_CHECKS += ["django_ratelimit.E003"]

# Login lock-out (django-axes): after AXES_FAILURE_LIMIT failed logins for one account, or from one address,
# every further attempt is refused for the cool-off time, the right password included.
AUTHENTICATION_BACKENDS = ["axes.backends.AxesStandaloneBackend", "django.contrib.auth.backends.ModelBackend"]
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=10)
AXES_COOLOFF_TIME = env.float("AXES_COOLOFF_MINUTES", default=15.0) / 60  # hours, as django-axes counts them
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]  # either one alone locks
AXES_CLIENT_IP_CALLABLE = "core.clientip.client_ip"
AXES_LOCKOUT_TEMPLATE = "admin/locked_out.html"
AXES_RESET_ON_SUCCESS = True  # a successful login clears that account's earlier failures
AXES_VERBOSE = True  # each failure and lock-out is logged (logger "axes"), with the account and address tried:
AXES_SENSITIVE_PARAMETERS = []  # never the password

# Two-factor login for staff (django-otp, TOTP authenticator apps): off by default; see core/admin_site.py.
STAFF_2FA = env.bool("STAFF_2FA", default=False)
OTP_TOTP_ISSUER = SITE_NAME

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-gb"
TIME_ZONE = env.str("TIME_ZONE", default="UTC")
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = env.path("STATIC_ROOT", default=BASE_DIR / "staticfiles")
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "media/"
MEDIA_ROOT = env.path("MEDIA_ROOT", default=BASE_DIR / "media")
# Media (uploads and their renditions) go to an S3-compatible bucket when one is named, so every host serving the
# site shares them; to MEDIA_ROOT otherwise. django-storages' own setting names, read from the environment.
AWS_STORAGE_BUCKET_NAME = env.str("AWS_STORAGE_BUCKET_NAME", default="")
if AWS_STORAGE_BUCKET_NAME:
    vars().update(
        bucket_settings(
            AWS_STORAGE_BUCKET_NAME,
            endpoint_url=env.str("AWS_S3_ENDPOINT_URL", default=""),  # blank: Amazon S3 itself
            region_name=env.str("AWS_S3_REGION_NAME", default=""),
            custom_domain=env.str("AWS_S3_CUSTOM_DOMAIN", default=""),  # e.g. a CDN in front of the bucket
            access_key_id=env.str("AWS_ACCESS_KEY_ID", default=""),  # blank: boto's own lookup (an IAM role...)
            secret_access_key=env.str("AWS_SECRET_ACCESS_KEY", default=""),
        )
    )
STORAGES = {
    "default": {"BACKEND": S3_STORAGE if AWS_STORAGE_BUCKET_NAME else "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}

# Uploads: images larger than this are refused with a message, before Pillow decodes them.
MAX_IMAGE_UPLOAD_BYTES = env.int("MAX_IMAGE_UPLOAD_BYTES", default=8 * 1024 * 1024)
MAX_IMAGE_PIXELS = env.int("MAX_IMAGE_PIXELS", default=40_000_000)
IMAGEKIT_CACHEFILE_DIR = "thumbnails"
# Renditions are made when their picture is saved; pages only link them, never look for them (core.pictures).
IMAGEKIT_DEFAULT_CACHEFILE_STRATEGY = "core.pictures.MadeOnSave"

TAGGIT_CASE_INSENSITIVE = True
# Editors separate tags with commas only, so "mental health" is one tag (core/tags.py).
TAGGIT_TAGS_FROM_STRING = "core.tags.parse_tags"
TAGGIT_STRING_FROM_TAGS = "core.tags.tags_as_text"
TAGGIT_STRIP_UNICODE_WHEN_SLUGIFYING = False  # a tag's URL keeps its own alphabet: /tags/santé-publique/

# Security headers go out in every mode, development included (docs/design.md).
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
X_FRAME_OPTIONS = "DENY"
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# A site whose public address is https:// is served over HTTPS only: redirect, secure cookies, HSTS for a year.
# Each can still be switched off by the environment (e.g. while the certificate is being set up).
SERVED_OVER_HTTPS = SITE_URL.startswith("https://")
SESSION_COOKIE_SECURE = env.bool("SESSION_COOKIE_SECURE", default=SERVED_OVER_HTTPS or not DEBUG)
CSRF_COOKIE_SECURE = env.bool("CSRF_COOKIE_SECURE", default=SERVED_OVER_HTTPS or not DEBUG)
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=SERVED_OVER_HTTPS)
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]  # load balancers check over plain HTTP
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=365 * 24 * 60 * 60 if SERVED_OVER_HTTPS else 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env.bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=SERVED_OVER_HTTPS)
SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=SERVED_OVER_HTTPS)
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"

# Media in a bucket are fetched from its host (or the custom domain's); over HTTPS when the site is.
MEDIA_ORIGINS = [origin(MEDIA_URL)] if AWS_STORAGE_BUCKET_NAME else []
if AWS_STORAGE_BUCKET_NAME and SERVED_OVER_HTTPS and not DEBUG and not MEDIA_URL.startswith("https://"):
    raise ImproperlyConfigured(
        f"The site is served over HTTPS but its media would be linked at {MEDIA_URL}: browsers block or mark "
        "such pictures. Give AWS_S3_ENDPOINT_URL (or AWS_S3_CUSTOM_DOMAIN) an https:// address."
    )

# Content-Security-Policy (django-csp): scripts, styles, fonts and images from our own origin only, never inline
# scripts or eval. Reader pages use no script at all; the admin and the rich-text editor load their own files.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],  # the nonce only when a page used it: the admin's editor (core.admin)
        "style-src": [SELF],
        "img-src": [SELF, "data:", *MEDIA_ORIGINS, *env.list("CSP_IMG_SRC", default=[])],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}
# Permissions-Policy (django-permissions-policy): the site uses none of these browser features.
PERMISSIONS_POLICY = {
    feature: []
    for feature in (
        "accelerometer", "autoplay", "camera", "display-capture", "encrypted-media", "fullscreen", "geolocation",
        "gyroscope", "magnetometer", "microphone", "midi", "payment", "picture-in-picture", "publickey-credentials-get",
        "screen-wake-lock", "usb", "xr-spatial-tracking",
    )
}  # fmt: skip

LOGIN_URL = "admin:login"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
}

# E-mail: printed to the console in development; EMAIL_URL (e.g. smtp+tls://user:pass@host:587) in production.
vars().update(env.email_url("EMAIL_URL", default="consolemail://"))  # django-environ's documented idiom
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default=f"{SITE_NAME} <noreply@{urlsplit(SITE_URL).hostname}>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Comments (django-comments-xtd on django-contrib-comments); see comments/ and docs/comments.md.
COMMENTS_APP = "django_comments_xtd"
COMMENTS_XTD_MAX_THREAD_LEVEL = 2  # three levels: a comment, a reply, a reply to the reply
COMMENTS_XTD_LIST_ORDER = ("thread_id", "order")
COMMENTS_XTD_FORM_CLASS = "comments.forms.CommentForm"
# No e-mail round trip before a comment counts: first-time commenters are held for a moderator instead.
COMMENTS_XTD_CONFIRM_EMAIL = False
COMMENTS_XTD_SEND_HTML_EMAIL = False
COMMENTS_XTD_THREADED_EMAILS = False  # send in the request, so a failure is logged, not lost in a thread
COMMENTS_XTD_SALT = env.str("COMMENTS_XTD_SALT", default="magazine-comments").encode()
COMMENTS_XTD_FROM_EMAIL = DEFAULT_FROM_EMAIL
COMMENTS_XTD_CONTACT_EMAIL = DEFAULT_FROM_EMAIL
COMMENT_MAX_LENGTH = env.int("COMMENT_MAX_LENGTH", default=3000)
COMMENTS_TIMEOUT = 2 * 60 * 60  # how long a comment form stays valid (django-contrib-comments' default)
COMMENTS_CLOSE_AFTER_DAYS = env.int("COMMENTS_CLOSE_AFTER_DAYS", default=None)  # None: threads never close alone
COMMENTS_HOLD_FIRST_TIME = env.bool("COMMENTS_HOLD_FIRST_TIME", default=True)  # as WordPress
COMMENTS_HOLD_MAX_LINKS = env.int("COMMENTS_HOLD_MAX_LINKS", default=2)  # held when it has more links than this
COMMENTS_PER_PAGE = env.int("COMMENTS_PER_PAGE", default=50)  # threads per comments page, as WordPress pages
COMMENTS_RATE_LIMIT = env.str("COMMENTS_RATE_LIMIT", default="5/m")  # comments per IP address
# Readers' reports (comments.Report): how many an address may send, and after how many readers a comment is hidden
# until a moderator decides.
COMMENTS_REPORT_RATE_LIMIT = env.str("COMMENTS_REPORT_RATE_LIMIT", default="10/h")
COMMENTS_HIDE_AFTER_REPORTS = env.int("COMMENTS_HIDE_AFTER_REPORTS", default=3)
# A returning commenter goes back to moderation when more than this share of their last N decided comments was
# removed by a moderator.
COMMENTS_REJECTION_WINDOW = env.int("COMMENTS_REJECTION_WINDOW", default=10)
COMMENTS_REJECTION_RATE = env.float("COMMENTS_REJECTION_RATE", default=0.5)
# How long a reader may edit or delete their own comment, from the browser that posted it or their account.
COMMENTS_EDIT_MINUTES = env.int("COMMENTS_EDIT_MINUTES", default=10)
# Proxies (addresses or networks) whose X-Forwarded-For is believed when finding a reader's address: the load
# balancer, nginx, Varnish. Nothing by default: REMOTE_ADDR is the client (core.clientip).
TRUSTED_PROXIES = env.list("TRUSTED_PROXIES", default=[])
try:
    [ipaddress.ip_network(proxy, strict=False) for proxy in TRUSTED_PROXIES]
except ValueError as error:
    raise ImproperlyConfigured(f"TRUSTED_PROXIES: {error}") from error
RATELIMIT_IP_META_KEY = "core.clientip.client_ip"

# Anonymous readers' pages are kept this many seconds (0: off); any content change starts afresh (core/cache.py).
PAGE_CACHE_SECONDS = env.int("PAGE_CACHE_SECONDS", default=600)
# How long browsers and CDNs may reuse a page without asking again; 0 means they revalidate (ETag) every time.
PAGE_CACHE_BROWSER_SECONDS = env.int("PAGE_CACHE_BROWSER_SECONDS", default=0)

# Front caches (Varnish, Fastly, Cloudflare) that keep pages under their dependency keys and are purged by key
# after each write commits (core/frontcache.py). Each is on when its variables are set; none by default.
VARNISH_PURGE_URLS = env.list("VARNISH_PURGE_URLS", default=[])  # each Varnish, e.g. http://10.0.0.5:6081/
FASTLY_SERVICE_ID = env.str("FASTLY_SERVICE_ID", default="")
FASTLY_API_TOKEN = env.str("FASTLY_API_TOKEN", default="")
CLOUDFLARE_ZONE_ID = env.str("CLOUDFLARE_ZONE_ID", default="")
CLOUDFLARE_API_TOKEN = env.str("CLOUDFLARE_API_TOKEN", default="")
for _url in VARNISH_PURGE_URLS:
    if urlsplit(_url).scheme not in ("http", "https") or not urlsplit(_url).hostname:
        raise ImproperlyConfigured(f"VARNISH_PURGE_URLS: {_url!r} is not an http:// or https:// address.")
if bool(FASTLY_SERVICE_ID) != bool(FASTLY_API_TOKEN):
    raise ImproperlyConfigured("FASTLY_SERVICE_ID and FASTLY_API_TOKEN go together: set both, or neither.")
if bool(CLOUDFLARE_ZONE_ID) != bool(CLOUDFLARE_API_TOKEN):
    raise ImproperlyConfigured("CLOUDFLARE_ZONE_ID and CLOUDFLARE_API_TOKEN go together: set both, or neither.")
FRONT_CACHE_BACKENDS = [
    *(["core.frontcache.Varnish"] if VARNISH_PURGE_URLS else []),
    *(["core.frontcache.Fastly"] if FASTLY_SERVICE_ID else []),
    *(["core.frontcache.Cloudflare"] if CLOUDFLARE_ZONE_ID else []),
    *env.list("FRONT_CACHE_BACKENDS", default=[]),  # dotted paths of core.frontcache.FrontCache subclasses
]
# With a front cache that is purged, how long it may keep a page (s-maxage), cut short at the next scheduled
# publish time; browsers still revalidate every time (PAGE_CACHE_BROWSER_SECONDS).
FRONT_CACHE_SECONDS = env.int("FRONT_CACHE_SECONDS", default=24 * 60 * 60)
# Seconds a purge request may take before it is given up (and logged): writes wait for their purges.
FRONT_CACHE_PURGE_TIMEOUT = env.float("FRONT_CACHE_PURGE_TIMEOUT", default=2.0)

# How many items a list page shows.
ENTRIES_PER_PAGE = env.int("ENTRIES_PER_PAGE", default=10)

# Which address a republished item gives search engines as canonical: the partner's "original" post, or "ours".
SYNDICATED_CANONICAL = env.str("SYNDICATED_CANONICAL", default="original")
if SYNDICATED_CANONICAL not in ("original", "ours"):
    raise ImproperlyConfigured('SYNDICATED_CANONICAL must be "original" or "ours".')
# Seconds a list's total may be kept in the cache instead of counted on every request (core.pagination); any
# write that changes the list files it anew at once, so this bounds memory, not staleness.
LIST_COUNT_CACHE_SECONDS = env.int("LIST_COUNT_CACHE_SECONDS", default=24 * 60 * 60)
