from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TrackerConfig(AppConfig):
    name = "tracker"
    verbose_name = _("目标跟踪")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from django.contrib.auth import get_user_model
        from django.core import checks
        from django.db.models.signals import post_migrate, pre_delete

        from tracker import roles
        from tracker.checks import check_schema_drift
        from tracker.services.users import refuse_delete

        post_migrate.connect(roles.on_post_migrate, sender=self, dispatch_uid="tracker-roles")
        # A user whom tracker rows name is deactivated, never deleted.
        pre_delete.connect(
            refuse_delete, sender=get_user_model(), dispatch_uid="tracker-user-delete-guard"
        )
        checks.register(check_schema_drift, checks.Tags.models)
