"""The admin of the unit registry: planners add the units their plans and
reports use (docs/attainment.md section 1: the units are data).

A new unit counts at once in the target and outcome forms and in imports
(they read the table). Built-in units are shown, not edited: they mirror
the code's seed. Writes go through ``tracker.services.units``; a unit that
stored figures are written in cannot be renamed or deleted.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin
from django.db.models import OuterRef, QuerySet, Subquery
from django.http import HttpRequest
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _

from tracker import services
from tracker.analytics.units import registry_scope
from tracker.labels import dimension_label
from tracker.models import UnitOfMeasure


class ReadUnitsOnceMixin:
    """A change form validates every inline row's unit: read the unit table
    once per request, not once per row."""

    def changeform_view(self, *args: Any, **kwargs: Any):
        with registry_scope():
            return super().changeform_view(*args, **kwargs)  # type: ignore[misc]


class DatalistInput(forms.TextInput):
    """A text input offering the dimensions that exist, while allowing a new one."""

    def __init__(self, options: list[tuple[str, str]], attrs: dict[str, Any] | None = None):
        super().__init__(attrs)
        self.options = options

    def render(self, name: str, value: Any, attrs: dict[str, Any] | None = None, renderer=None):
        list_id = f"{name}-choices"
        attrs = {**(attrs or {}), "list": list_id}
        field = super().render(name, value, attrs, renderer)
        items = format_html_join(
            "", '<option value="{}">{}</option>', ((code, text) for code, text in self.options)
        )
        return format_html('{}<datalist id="{}">{}</datalist>', field, list_id, items)


def _dimension_options() -> list[tuple[str, str]]:
    dimensions = UnitOfMeasure.objects.values_list("dimension", flat=True).distinct()
    return [(code, dimension_label(code)) for code in sorted(set(dimensions))]


class UnitOfMeasureForm(forms.ModelForm):
    class Meta:
        model = UnitOfMeasure
        fields = ["name", "dimension", "factor", "notes"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if "dimension" in self.fields:  # not on a built-in unit's read-only page
            self.fields["dimension"].widget = DatalistInput(_dimension_options())

    def clean_name(self) -> str:
        """Figures are stored as text in a unit's name: a unit in use keeps it."""
        name = self.cleaned_data["name"]
        stored = self.instance.pk and UnitOfMeasure.objects.filter(pk=self.instance.pk).first()
        if stored and stored.name != name:
            services.units.refuse_if_in_use(stored.name, action="rename")
        return name


class DimensionFilter(admin.SimpleListFilter):
    """The dimensions that exist, by their label (质量（mass）)."""

    title = _("量纲")
    parameter_name = "dimension"

    def lookups(self, request: HttpRequest, model_admin: Any) -> list[tuple[str, str]]:
        return [(code, _labelled(code)) for code, _label in _dimension_options()]

    def queryset(self, request: HttpRequest, queryset: QuerySet) -> QuerySet:
        value = self.value()
        return queryset.filter(dimension=value) if value else queryset


def _labelled(code: str) -> str:
    label = dimension_label(code)
    return code if label == code else f"{label}（{code}）"


@admin.register(UnitOfMeasure)
class UnitOfMeasureAdmin(admin.ModelAdmin):
    form = UnitOfMeasureForm
    list_display = ["name", "dimension_name", "factor_text", "base_unit", "builtin"]
    list_filter = ["builtin", DimensionFilter]
    search_fields = ["name", "dimension"]
    ordering = ["dimension", "factor", "name"]
    show_full_result_count = False
    show_facets = admin.ShowFacets.NEVER
    readonly_fields = ["builtin", "magnitudes", "usage"]
    fields = ["name", "magnitudes", "dimension", "factor", "notes", "builtin", "usage"]

    def get_queryset(self, request: HttpRequest) -> QuerySet[UnitOfMeasure]:
        base = UnitOfMeasure.objects.filter(dimension=OuterRef("dimension"), factor=1).order_by(
            "-builtin", "name"
        )
        return super().get_queryset(request).annotate(base_name=Subquery(base.values("name")[:1]))

    def get_fields(self, request: HttpRequest, obj: UnitOfMeasure | None = None) -> list[str]:
        if obj is None:  # a new unit is the planner's, and nothing uses it yet
            return ["name", "magnitudes", "dimension", "factor", "notes"]
        return list(self.fields)

    @admin.display(description=_("量纲"), ordering="dimension")
    def dimension_name(self, obj: UnitOfMeasure) -> str:
        return _labelled(obj.dimension)

    @admin.display(description=_("换算系数"), ordering="factor")
    def factor_text(self, obj: UnitOfMeasure) -> str:
        return format(obj.factor.normalize(), "f")

    @admin.display(description=_("本量纲基准单位"))
    def base_unit(self, obj: UnitOfMeasure) -> str:
        return getattr(obj, "base_name", None) or "—"

    @admin.display(description=_("使用情况"))
    def usage(self, obj: UnitOfMeasure) -> str:
        if obj.pk is None:
            return "—"
        count = len(services.units.targets_using(obj.name))
        if not count:
            return _("没有目标或完成情况使用该单位。")
        return _("%(count)d 个目标（或其完成情况）使用该单位：不能改名或删除。") % {"count": count}

    @admin.display(description=_("可写作"))
    def magnitudes(self, obj: UnitOfMeasure) -> str:
        if not obj.name:
            return _("名称前可加万、亿、万亿（如 1.3万亿斤）。")
        return "、".join(f"{prefix}{obj.name}" for prefix in ("", "万", "亿", "万亿"))

    def has_change_permission(self, request: HttpRequest, obj: UnitOfMeasure | None = None):
        if obj is not None and obj.builtin:
            return False
        return super().has_change_permission(request, obj)

    def has_delete_permission(self, request: HttpRequest, obj: UnitOfMeasure | None = None):
        # Built-in units, and units figures are written in, are never deleted.
        if obj is not None and (obj.builtin or services.units.targets_using(obj.name)):
            return False
        return super().has_delete_permission(request, obj)

    def get_actions(self, request: HttpRequest) -> dict[str, Any]:
        # One at a time, from the change page: the service refuses a unit
        # in use, and a bulk delete could not say which.
        actions = super().get_actions(request)
        actions.pop("delete_selected", None)
        return actions

    def save_model(self, request, obj, form, change) -> None:
        services.unit_of_measure_save(instance=obj, actor=request.user, via="admin")

    def delete_model(self, request, obj) -> None:
        services.unit_of_measure_delete(instance=obj, actor=request.user, via="admin")
