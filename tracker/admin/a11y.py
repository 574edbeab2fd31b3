"""Accessible names for the admin's tabular inlines (WCAG 1.3.1, 4.1.2).

Django's tabular inline shows each field's label once, as a column heading,
and renders the cells without a ``<label>``: a screen reader meets a row of
unnamed inputs. Each control is named here by its column heading and its row
(``责任单位（第1行）``), which keeps the visible heading in the name
(WCAG 2.5.3). Admin autocompletes in such rows pick this name up too
(``static/tracker/admin-autocomplete-names.js``).
"""

from __future__ import annotations

from django import forms
from django.contrib import admin
from django.forms.models import BaseInlineFormSet
from django.utils.translation import gettext as _


def _innermost(widget: forms.Widget) -> forms.Widget:
    # The admin wraps related fields (RelatedFieldWidgetWrapper), and the
    # wrapper's ``attrs`` is shared with the class-level widget: name the
    # per-form inner widget instead.
    while hasattr(widget, "widget"):
        widget = widget.widget
    return widget


class LabelledInlineFormSet(BaseInlineFormSet):
    def add_fields(self, form: forms.BaseForm, index: int | None) -> None:
        super().add_fields(form, index)
        row = _("新增行") if index is None else _("第%(number)s行") % {"number": index + 1}
        for field in form.fields.values():
            if field.widget.is_hidden:
                continue
            name = _("%(field)s（%(row)s）") % {"field": field.label, "row": row}
            _innermost(field.widget).attrs["aria-label"] = name


class LabelledTabularInline(admin.TabularInline):
    """A tabular inline whose every control has an accessible name."""

    formset = LabelledInlineFormSet
