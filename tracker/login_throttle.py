"""django-axes (login throttling) as an installed app, under a name the
admin's readers know. Its failed-login records are listed and unlocked
(audited) in ``tracker.admin.logins``; the settings are in
``config/settings/base.py``. Its own module: Django picks an app's config
class from ``apps.py`` only when that module holds exactly one.
"""

from axes.apps import AppConfig as AxesAppConfig
from django.utils.translation import gettext_lazy as _


class LoginThrottleConfig(AxesAppConfig):
    verbose_name = _("登录锁定")
