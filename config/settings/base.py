"""Settings shared by every environment.

Everything that differs between machines comes from the environment; the
defaults here are safe for local use. Reference:
https://docs.djangoproject.com/en/5.2/ref/settings/
"""

from datetime import timedelta
from pathlib import Path

from django.utils.translation import gettext_lazy as _

from config.env import env_bool, env_list, env_str, primary_database, replica_database

BASE_DIR = Path(__file__).resolve().parent.parent.parent

# SECURITY
# ------------------------------------------------------------------------------
# https://docs.djangoproject.com/en/5.2/ref/settings/#secret-key
# Each environment module decides how a missing SECRET_KEY is handled.
SECRET_KEY = env_str("SECRET_KEY", "")
# https://docs.djangoproject.com/en/5.2/ref/settings/#debug
DEBUG = env_bool("DEBUG", False)
# https://docs.djangoproject.com/en/5.2/ref/settings/#allowed-hosts
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["localhost", "127.0.0.1", "[::1]"])
# https://docs.djangoproject.com/en/5.2/ref/settings/#csrf-trusted-origins
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

# DATABASES
# ------------------------------------------------------------------------------
# https://docs.djangoproject.com/en/5.2/ref/settings/#databases
# DATABASE_URL, e.g. postgresql://postgres@127.0.0.1:5432/tracker; the
# zero-setup default is a SQLite file in the project folder, whose
# transactions take the write lock as they begin (config/env.py
# primary_database; docs/deployment.md, "SQLite or PostgreSQL").
DEFAULT_SQLITE_PATH = BASE_DIR / "db.sqlite3"
DATABASES = {
    "default": primary_database(env_str("DATABASE_URL", f"sqlite:///{DEFAULT_SQLITE_PATH}")),
}
# DATABASE_REPLICA_URL: a PostgreSQL read replica (streaming replication of
# the primary) for the report pages; tracker/dbrouters.py, docs/deployment.md.
if env_str("DATABASE_REPLICA_URL", ""):
    DATABASES["replica"] = replica_database(env_str("DATABASE_REPLICA_URL", ""))
    DATABASE_ROUTERS = ["tracker.dbrouters.ReplicaRouter"]
# https://docs.djangoproject.com/en/5.2/ref/settings/#default-auto-field
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
# The tracker's tables are owned by SQLAlchemy + Alembic (tracker/schema/,
# migrations/): Django must never make a migration for the app.
MIGRATION_MODULES = {"tracker": None}

# APPS
# ------------------------------------------------------------------------------
# ``tracker`` comes first so that its ``migrate`` command (Django's, then the
# Alembic head) wins over Django's own.
INSTALLED_APPS = [
    "tracker",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_tables2",
    "django_filters",
    # Login throttling (django-axes, below): failed attempts in its own tables.
    "tracker.login_throttle.LoginThrottleConfig",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Static files from the app server itself (compressed, cached forever
    # under hashed names in production): docs/deployment.md.
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "tracker.middleware.ChosenLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Report pages read from the replica when one is configured (one
    # snapshot per request); a no-op otherwise. tracker/dbrouters.py.
    "tracker.dbrouters.ReportReadsMiddleware",
    # Last, as django-axes asks: turns a lockout into its 429 page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

# AUTHENTICATION
# ------------------------------------------------------------------------------
# https://docs.djangoproject.com/en/5.2/ref/settings/#auth-password-validators
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
# django-axes' backend comes first: it refuses a locked-out login before
# Django checks the password.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "tracker:plan-list"
LOGOUT_REDIRECT_URL = "login"

# LOGIN THROTTLING (django-axes)
# ------------------------------------------------------------------------------
# https://django-axes.readthedocs.io/en/latest/4_configuration.html
# After AXES_FAILURE_LIMIT failed logins for one username, or from one
# address, further logins are refused for the cool-off (or until an
# administrator unlocks them in the admin's "登录锁定" list). Both the site's
# login page and the admin's are covered. docs/security.md.
AXES_FAILURE_LIMIT = int(env_str("LOGIN_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = timedelta(minutes=int(env_str("LOGIN_COOLOFF_MINUTES", "15")))
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_RESET_ON_SUCCESS = True
# Our page (tracker/views/login.py): translated, says how long to wait.
AXES_LOCKOUT_CALLABLE = "tracker.views.login.lockout_response"
# Our own admin list (tracker/admin/logins.py: Chinese, audited unlock).
AXES_ENABLE_ADMIN = False
# Behind a reverse proxy every request comes from the proxy's address: say
# how many proxies there are, so the client's own address is the one counted.
if env_str("PROXY_COUNT", ""):
    AXES_IPWARE_PROXY_COUNT = int(env_str("PROXY_COUNT", "1"))
    AXES_IPWARE_META_PRECEDENCE_ORDER = ("HTTP_X_FORWARDED_FOR", "REMOTE_ADDR")

# INTERNATIONALISATION
# ------------------------------------------------------------------------------
# https://docs.djangoproject.com/en/5.2/topics/i18n/
LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", _("简体中文")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "tracker" / "locale"]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True
# Django's zh-hans date input format ("%Y年%n月%j日") is not valid for Python:
# our own format modules fix it (docs/architecture.md section 7).
FORMAT_MODULE_PATH = ["config.formats"]

# STATIC FILES
# ------------------------------------------------------------------------------
# https://docs.djangoproject.com/en/5.2/ref/settings/#static-files
STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
# Production's (config/settings/production.py): hashed names and gzip copies
# made once by ``collectstatic``, served by whitenoise with a one-year cache.
# https://whitenoise.readthedocs.io/en/stable/django.html
PRODUCTION_STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

# TABLES
# ------------------------------------------------------------------------------
# https://django-tables2.readthedocs.io/en/latest/pages/custom-rendering.html
# Our own template over django-tables2's plain one, styled by
# tracker/static/tracker/tracker.css: no CSS framework, no CDN (works offline).
DJANGO_TABLES2_TEMPLATE = "tracker/table.html"

# LOGGING
# ------------------------------------------------------------------------------
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "WARNING")},
}

# THE TRACKER
# ------------------------------------------------------------------------------
# Demo users (README) may only ever be made where this is True.
TRACKER_ALLOW_DEMO_USERS = False
# Largest file accepted when a document is added from a file (admin); larger
# files are refused before they are read. Pasted text is bounded by
# https://docs.djangoproject.com/en/5.2/ref/settings/#data-upload-max-memory-size
TRACKER_DOCUMENT_MAX_BYTES = int(env_str("TRACKER_DOCUMENT_MAX_BYTES", str(20 * 1024 * 1024)))
