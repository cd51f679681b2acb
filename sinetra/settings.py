"""Sinetra settings: one file, driven by environment variables (see .env.example).

A checkout works with no variables at all: SQLite in ./var, secrets generated into ./var on first use,
DEBUG off unless asked for. Production sets DEBUG=0, SECRET_KEY, FIELD_ENCRYPTION_KEYS, ALLOWED_HOSTS
and DATABASE_URL; `manage.py check --deploy` is clean with those.
"""

import base64
import os
import secrets
from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent


def env(name: str, default: str = "") -> str:
    """Read a setting; NAME_FILE (a path) wins, so secrets can come from files (Docker/systemd)."""
    path = os.environ.get(f"{name}_FILE")
    if path:
        return Path(path).read_text().strip()
    return os.environ.get(name, default)


def env_bool(name: str, default: bool = False) -> bool:
    return env(name, "1" if default else "0").lower() in {"1", "true", "yes", "on"}


def env_int(name: str, default: int) -> int:
    return int(env(name, str(default)))


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in env(name, default).split(",") if item.strip()]


DEBUG = env_bool("DEBUG")
VAR_DIR = Path(env("VAR_DIR", str(BASE_DIR / "var")))


def local_secret(name: str, generate) -> str:
    """A secret kept in VAR_DIR, made on first use, so a checkout works with no configuration.

    Deployments with more than one host must set the variable instead (see .env.example).
    """
    path = VAR_DIR / name
    if not path.exists():
        VAR_DIR.mkdir(parents=True, exist_ok=True)
        with os.fdopen(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600), "w") as handle:
            handle.write(generate())
    return path.read_text().strip()


SECRET_KEY = env("SECRET_KEY") or local_secret("secret_key", lambda: secrets.token_urlsafe(50))
# AES-256-GCM keys (32 bytes, url-safe base64), comma-separated: the first encrypts, all decrypt (rotation:
# see core/keys.py and `sinetra rotate-encryption-keys`).
FIELD_ENCRYPTION_KEYS = env_list("FIELD_ENCRYPTION_KEYS") or [
    local_secret("field_encryption_key", lambda: base64.urlsafe_b64encode(secrets.token_bytes(32)).decode())
]

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")
SITE_URL = env("SITE_URL", "http://127.0.0.1:8000")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "axes",
    "csp",
    "django_htmx",
    "ninja",  # serves Swagger UI from its own static files (no CDN)
    "template_partials",
    "django_tasks",
    "django_tasks_db",
    "core",
    "accounts",
    "regions",
    "registry",
    "elections",
    "acts",
    "reports",
    "cases",
    "patrol",
    "news",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "sinetra.urls"
WSGI_APPLICATION = "sinetra.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "core.context_processors.sinetra",
            ],
        },
    },
]

# --- Database: SQLite (WAL) by default, anything dj-database-url understands via DATABASE_URL.
DATABASES = {
    "default": dj_database_url.parse(
        env("DATABASE_URL", f"sqlite:///{VAR_DIR / 'sinetra.sqlite3'}"), conn_max_age=env_int("CONN_MAX_AGE", 0)
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets the web process read while an import writes; IMMEDIATE avoids "database is locked"
    # when a read transaction upgrades to a write.
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=5000;",
        "transaction_mode": "IMMEDIATE",
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Background work: django.tasks (backport) with its database backend; `sinetra db_worker` runs the tasks.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}

# --- Authentication: staff log in with a password plus a TOTP code; django-axes locks out brute force.
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "core:home"
LOGOUT_REDIRECT_URL = "core:home"
REQUIRE_TWO_FACTOR = env_bool("REQUIRE_TWO_FACTOR", True)
OTP_TOTP_ISSUER = "Sinetra"
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = env_int("AXES_COOLOFF_MINUTES", 30) / 60  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
AXES_VERBOSE = False

# --- Internationalisation: Bahasa Indonesia first, English second.
LANGUAGE_CODE = "id"
LANGUAGES = [("id", _("Bahasa Indonesia")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Jakarta"
USE_I18N = True
USE_TZ = True

# --- Files
STATIC_URL = "static/"
STATIC_ROOT = Path(env("STATIC_ROOT", str(VAR_DIR / "static")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
    # Evidence of reports: content-addressed, never served directly (staff views verify the hash), read-only files.
    "evidence": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {
            "location": env("EVIDENCE_ROOT", str(VAR_DIR / "evidence")),
            "file_permissions_mode": 0o440,
            "directory_permissions_mode": 0o750,
        },
    },
}
MEDIA_URL = "media/"
MEDIA_ROOT = Path(env("MEDIA_ROOT", str(VAR_DIR / "media")))
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
DATA_UPLOAD_MAX_MEMORY_SIZE = 10_485_760
IMPORT_MAX_UPLOAD_BYTES = env_int("IMPORT_MAX_UPLOAD_MB", 50) * 1_048_576
# Evidence attached to a public report (photos, screenshots, PDF, short videos).
EVIDENCE_MAX_FILES = env_int("EVIDENCE_MAX_FILES", 10)
EVIDENCE_MAX_IMAGE_BYTES = env_int("EVIDENCE_MAX_IMAGE_MB", 15) * 1_048_576
EVIDENCE_MAX_PDF_BYTES = env_int("EVIDENCE_MAX_PDF_MB", 15) * 1_048_576
EVIDENCE_MAX_VIDEO_BYTES = env_int("EVIDENCE_MAX_VIDEO_MB", 50) * 1_048_576
EVIDENCE_MAX_TOTAL_BYTES = env_int("EVIDENCE_MAX_TOTAL_MB", 100) * 1_048_576
EVIDENCE_MAX_IMAGE_PIXELS = env_int("EVIDENCE_MAX_IMAGE_MEGAPIXELS", 50) * 1_000_000

# --- Public intake limits (per client address; see core/ratelimit.py). Behind a reverse proxy, name the header
# that carries the client address as a META key, e.g. CLIENT_IP_HEADER=HTTP_X_REAL_IP.
CLIENT_IP_HEADER = env("CLIENT_IP_HEADER")
REPORT_SUBMIT_RATE = env("REPORT_SUBMIT_RATE", "10/h")
REPORT_STATUS_RATE = env("REPORT_STATUS_RATE", "30/h")

# --- Email
EMAIL_BACKEND = env(
    "EMAIL_BACKEND",
    "django.core.mail.backends.console.EmailBackend" if DEBUG else "django.core.mail.backends.smtp.EmailBackend",
)
EMAIL_HOST = env("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = env("EMAIL_HOST_USER")
EMAIL_HOST_PASSWORD = env("EMAIL_HOST_PASSWORD")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS")
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", "Sinetra <noreply@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# --- Security: strict by default outside DEBUG (see `manage.py check --deploy`).
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_AGE = env_int("SESSION_HOURS", 10) * 3600
if not DEBUG:
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31_536_000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True

# No inline script or style anywhere: every page must work under this policy.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
    }
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", "INFO")},
    "loggers": {"axes": {"level": "WARNING"}},
}
