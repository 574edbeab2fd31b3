"""Local development: the zero-setup default (``manage.py`` uses it)."""

from config.env import env_bool
from config.settings.base import *

DEBUG = env_bool("DEBUG", True)
# A fixed key is acceptable only here: local sessions on a developer machine.
SECRET_KEY = SECRET_KEY or "django-insecure-local-only-never-use-in-production"  # noqa: S105
# Demo users are made only against the default local SQLite file (README).
TRACKER_ALLOW_DEMO_USERS = True
