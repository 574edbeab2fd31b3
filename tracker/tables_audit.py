"""The audit trail's tables (django-tables2): the trail, newest first, and
one record's history, oldest first, each event with its old and new values.
Sorting and paging happen in the database."""

from __future__ import annotations

import django_tables2 as tables
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString
from django.utils.translation import gettext_lazy as _

from tracker.formatting import EMPTY
from tracker.labels import label
from tracker.models import AuditEvent
from tracker.selectors_audit import ValueNames, changes_of, entity_label
from tracker.services.concurrency import person_name

# Changes listed in a row of the trail before "… N more" (the record's
# history page shows them all).
_LISTED = 4


def changes_cell(event: AuditEvent, names: ValueNames, *, limit: int | None = None) -> SafeString:
    # The row's own key says nothing the "record" column does not, and a
    # field created empty says nothing at all.
    changes = [
        change
        for change in changes_of(event)
        if change.field != "id" and not (change.old in (None, "") and change.new in (None, ""))
    ]
    if not changes:
        return format_html('<span class="muted">{}</span>', EMPTY)
    shown = changes if limit is None else changes[:limit]
    items = format_html_join(
        "",
        '<li><span class="field">{}</span> <del>{}</del> → <ins>{}</ins></li>',
        (
            (c.label, names.text(event, c.field, c.old), names.text(event, c.field, c.new))
            for c in shown
        ),
    )
    more = ""
    if limit is not None and len(changes) > limit:
        more = format_html(
            '<li class="muted">{}</li>', _("另有 %(count)d 项") % {"count": len(changes) - limit}
        )
    return format_html('<ul class="changes">{}{}</ul>', items, more)


class AuditEventTable(tables.Table):
    at = tables.DateTimeColumn(verbose_name=_("时间"), format="Y-m-d H:i:s", order_by=("at", "id"))
    actor = tables.Column(verbose_name=_("操作人"), order_by=("actor__username", "id"))
    action = tables.Column(verbose_name=_("操作"), order_by=("action", "id"))
    record = tables.Column(
        verbose_name=_("对象"), accessor="entity_id", order_by=("entity", "entity_id", "id")
    )
    via = tables.Column(verbose_name=_("途径"), order_by=("via", "id"))
    comment = tables.Column(verbose_name=_("说明"), orderable=False)
    changes = tables.Column(verbose_name=_("变更（原值 → 新值）"), accessor="pk", orderable=False)

    class Meta:
        model = AuditEvent
        fields = ()
        sequence = ("at", "actor", "action", "record", "via", "comment", "changes")
        per_page = 50
        order_by = ("-at",)
        attrs = {"class": "report audit"}
        empty_text = _("没有符合条件的审计记录。")

    def render_actor(self, record: AuditEvent) -> str:
        return person_name(record.actor)

    def render_action(self, record: AuditEvent) -> str:
        return label(record.action)

    def render_via(self, record: AuditEvent) -> str:
        return label(record.via) if record.via else EMPTY

    def render_record(self, record: AuditEvent) -> SafeString:
        url = reverse("tracker:audit-record", args=[record.entity, record.entity_id])
        return format_html(
            '<a href="{}">{} #{}</a>', url, entity_label(record.entity), record.entity_id
        )

    def value_names(self) -> ValueNames:
        """Names for the current page's values, looked up once per page."""
        if not hasattr(self, "_value_names"):
            rows = self.page.object_list if hasattr(self, "page") else self.rows
            self._value_names = ValueNames(row.record for row in rows)
        return self._value_names

    def render_changes(self, record: AuditEvent) -> SafeString:
        return changes_cell(record, self.value_names(), limit=_LISTED)


class RecordHistoryTable(AuditEventTable):
    """One record's events, oldest first, every change listed."""

    class Meta(AuditEventTable.Meta):
        sequence = ("at", "actor", "action", "via", "comment", "changes")
        exclude = ("record",)
        per_page = 100
        order_by = ("at",)

    def render_changes(self, record: AuditEvent) -> SafeString:
        return changes_cell(record, self.value_names())
