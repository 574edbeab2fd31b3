from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TrackerConfig(AppConfig):
    name = "tracker"
    verbose_name = _("目标跟踪")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from django.core import checks
        from django.db.models.signals import post_migrate

        from tracker import roles
        from tracker.checks import check_schema_drift

        post_migrate.connect(roles.on_post_migrate, sender=self, dispatch_uid="tracker-roles")
        checks.register(check_schema_drift, checks.Tags.models)
