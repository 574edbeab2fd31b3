"""The four roles as Django groups, each with what its job needs and no more.

Created (and brought up to date) by ``manage.py migrate`` through a
``post_migrate`` handler, so every database has them, the test database too.

| role | job (docs/reports.md "Who sees what") |
| --- | --- |
| planner | enters plans, targets, units, documents, units of measure; locks; reads the audit |
| supervisor | logs and withdraws outcomes and their documents; reviews other people's |
| manager | reads the attainment reports |
| auditor | reads everything, the audit trail included, and exports CSV |

The report pages (``tracker.views``) follow from these permissions:

- every report page needs ``view_target`` (all four roles; the document
  view ``view_document``, which all four have too);
- CSV exports of the reports need ``export_attainment`` as well: auditors
  only. Managers read the pages (which print cleanly) and planners enter
  data; neither job needs bulk extracts of the evidence, so neither gets
  them ("what its job needs and no more"); a manager who needs a file asks
  an auditor, whose job is provenance;
- the audit trail page needs ``view_auditevent`` (auditors and planners);
  its CSV export also ``export_attainment`` (auditors);
- the review queue needs ``review_outcome`` or ``change_outcome``
  (supervisors); drafts and submitted outcomes are shown on target and
  document pages only to those same people.
- a document's outcome proposals (issue 13) need ``add_outcome`` and
  ``view_document`` (supervisors): accepting one enters a draft.
- a document's suggested targets and their draft plan file (issue 13) need
  ``add_target`` and ``view_document`` (planners): the file is theirs to
  correct and import.
"""

from __future__ import annotations

from django.contrib.auth.management import create_permissions

PLANNER = "planner"
SUPERVISOR = "supervisor"
MANAGER = "manager"
AUDITOR = "auditor"

_ALL = ("add", "change", "delete", "view")
_READ_REPORTS = (
    "view_plan",
    "view_target",
    "view_unit",
    "view_document",
    "view_assignment",
    "view_outcome",
)

# Targets, documents and outcomes are never deleted (docs/security.md):
# no role holds their delete permission.
_KEPT = {"target", "document", "outcome"}

ROLE_PERMISSIONS: dict[str, tuple[str, ...]] = {
    PLANNER: tuple(
        f"{action}_{model}"
        for model in (
            "plan",
            "target",
            "assignment",
            "unit",
            "unitalias",
            "document",
            "unitofmeasure",
        )
        for action in _ALL
        if not (action == "delete" and model in _KEPT)
    )
    + ("view_outcome", "lock_target", "view_auditevent"),
    SUPERVISOR: _READ_REPORTS
    + (
        "add_outcome",
        "change_outcome",
        "add_document",
        "change_document",
        "review_outcome",
    ),
    MANAGER: _READ_REPORTS,
    AUDITOR: _READ_REPORTS + ("view_auditevent", "view_unitalias", "export_attainment"),
}


def ensure_roles(*, using: str = "default") -> None:
    """Create or update the groups; permissions not listed are removed."""
    from django.apps import apps
    from django.contrib.auth.models import Group, Permission

    create_permissions(apps.get_app_config("tracker"), verbosity=0, using=using)
    for name, codenames in ROLE_PERMISSIONS.items():
        group, _ = Group.objects.using(using).get_or_create(name=name)
        permissions = Permission.objects.using(using).filter(
            content_type__app_label="tracker", codename__in=codenames
        )
        missing = set(codenames) - set(permissions.values_list("codename", flat=True))
        if missing:
            raise RuntimeError(f"Role {name}: unknown permissions {sorted(missing)}")
        group.permissions.set(permissions)


def on_post_migrate(sender, *, using: str = "default", **kwargs) -> None:
    ensure_roles(using=using)
