"""Filters of the audit trail page (django-filter): by record (what kind,
which one), by person, by action, by entry point, and by date. Each narrows
the QuerySet in the database; the CSV export applies the same filters."""

from __future__ import annotations

import django_filters
from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from tracker.labels import choices
from tracker.models import AuditEvent
from tracker.selectors_audit import entity_choices
from tracker.vocabulary import AUDIT_ACTIONS, ENTRY_POINTS

_DATE = forms.DateInput(attrs={"type": "date"})


class AuditEventFilter(django_filters.FilterSet):
    entity = django_filters.ChoiceFilter(
        label=_("对象类型"), choices=entity_choices, empty_label=_("全部")
    )
    entity_id = django_filters.NumberFilter(
        label=_("对象编号"), min_value=1, max_value=2**63 - 1, widget=forms.NumberInput
    )
    actor = django_filters.ModelChoiceFilter(
        label=_("操作人"),
        queryset=get_user_model().objects.order_by("username"),
        empty_label=_("全部"),
    )
    action = django_filters.ChoiceFilter(
        label=_("操作"), choices=choices(AUDIT_ACTIONS), empty_label=_("全部")
    )
    via = django_filters.ChoiceFilter(
        label=_("途径"), choices=choices(ENTRY_POINTS), empty_label=_("全部")
    )
    since = django_filters.DateFilter(
        label=_("起始日期"), field_name="at", lookup_expr="date__gte", widget=_DATE
    )
    until = django_filters.DateFilter(
        label=_("截止日期"), field_name="at", lookup_expr="date__lte", widget=_DATE
    )

    class Meta:
        model = AuditEvent
        fields: list[str] = []
