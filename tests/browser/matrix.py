"""Every page, for every role, in both languages, at every width: the matrix
the browser checks walk (axe here; screenshots can walk the same one).

- ``ROLES``: the four roles of docs/security.md "Roles", and ``anonymous``
  for the login pages.
- ``LANGUAGES``: the interface languages (the data stays Chinese).
- ``VIEWPORTS``: 1366 px (an office screen), the same screen at 200% zoom, and
  a 390 px phone. Chromium's zoom is emulated as zoom works: the layout
  viewport halves (683 CSS px) and each CSS pixel covers two device pixels.
- ``PAGES``: each page once, with the roles that may open it and a URL made
  from the world's rows (``tests.browser.world``).

``open_as`` (a fixture in ``conftest``) opens a browser context signed in as a
role, in a language, at a viewport; ``pages_for(role)`` lists what that role
visits. A page is visited once per role, language and viewport, and one
context serves all of a role's pages.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.urls import reverse

from tests.browser.world import World

ANONYMOUS = "anonymous"
READERS = ("planner", "supervisor", "manager", "auditor")
ROLES = (ANONYMOUS, *READERS)
LANGUAGES = ("zh-hans", "en")
# A demo reply with proposals left to decide (the demo enters outcomes from
# the others' every reported figure).
PROPOSALS_DOCUMENT = "pds-2019-reply-three-transformations"


@dataclass(frozen=True)
class Viewport:
    name: str
    width: int
    height: int
    scale: float = 1

    def context_options(self) -> dict:
        return {
            "viewport": {"width": self.width, "height": self.height},
            "device_scale_factor": self.scale,
        }


DESKTOP = Viewport("1366", 1366, 768)
ZOOM_200 = Viewport("1366-zoom200", 683, 384, 2)
PHONE = Viewport("390", 390, 844, 3)
VIEWPORTS = (DESKTOP, ZOOM_200, PHONE)


@dataclass(frozen=True)
class PageSpec:
    """A page: its name (artefact file names), who opens it, and its URL."""

    name: str
    roles: tuple[str, ...]
    url: Callable[[World], str]


def _admin(name: str, *args: Callable[[World], object]) -> Callable[[World], str]:
    return lambda w: reverse(f"admin:{name}", args=[arg(w) for arg in args])


# Admin pages go to the role whose job they are (planners: plans, targets,
# units, documents; supervisors: outcomes); the other staff role sees the
# same templates read-only.
PAGES: tuple[PageSpec, ...] = (
    PageSpec("login", (ANONYMOUS,), lambda w: reverse("login")),
    PageSpec("admin-login", (ANONYMOUS,), _admin("login")),
    PageSpec("plan-list", READERS, lambda w: reverse("tracker:plan-list")),
    PageSpec(
        "plan-report", READERS, lambda w: reverse("tracker:plan-report", args=[w.demo_plan.slug])
    ),
    PageSpec(
        "plan-report-statuses",
        READERS,
        lambda w: reverse("tracker:plan-report", args=[w.plan.slug]),
    ),
    PageSpec("unit-ranking", READERS, lambda w: reverse("tracker:unit-ranking")),
    PageSpec("unit-detail", READERS, lambda w: reverse("tracker:unit-detail", args=[w.unit.pk])),
    PageSpec(
        "target-detail", READERS, lambda w: reverse("tracker:target-detail", args=[w.target.pk])
    ),
    PageSpec(
        "document-plan",
        READERS,
        lambda w: reverse("tracker:document", args=[w.plan_document.slug]),
    ),
    PageSpec("document-reply", READERS, lambda w: reverse("tracker:document", args=[w.reply.slug])),
    # A document read by the machine (issue 13): the planner's draft targets
    # of the plan's own text, the supervisor's proposals from a reply.
    PageSpec(
        "document-targets",
        ("planner",),
        lambda w: reverse("tracker:document-targets", args=[w.plan_document.slug]),
    ),
    PageSpec(
        "document-proposals",
        ("supervisor",),
        lambda w: reverse("tracker:document-proposals", args=[PROPOSALS_DOCUMENT]),
    ),
    PageSpec("review-queue", ("supervisor",), lambda w: reverse("tracker:review-queue")),
    PageSpec("admin-index", ("planner", "supervisor"), _admin("index")),
    PageSpec("admin-outcomes", ("supervisor",), _admin("tracker_outcome_changelist")),
    PageSpec("admin-outcome-add", ("supervisor",), _admin("tracker_outcome_add")),
    PageSpec(
        "admin-outcome-change",
        ("supervisor",),
        _admin("tracker_outcome_change", lambda w: w.outcome.pk),
    ),
    PageSpec("admin-targets", ("planner",), _admin("tracker_target_changelist")),
    PageSpec("admin-target-add", ("planner",), _admin("tracker_target_add")),
    PageSpec(
        "admin-target-change", ("planner",), _admin("tracker_target_change", lambda w: w.target.pk)
    ),
    PageSpec("admin-plan-change", ("planner",), _admin("tracker_plan_change", lambda w: w.plan.pk)),
    PageSpec("admin-unit-change", ("planner",), _admin("tracker_unit_change", lambda w: w.unit.pk)),
    PageSpec(
        "admin-document-change",
        ("planner",),
        _admin("tracker_document_change", lambda w: w.reply.pk),
    ),
)


def pages_for(role: str) -> list[PageSpec]:
    return [spec for spec in PAGES if role in spec.roles]
