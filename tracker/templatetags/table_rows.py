"""The body of every report table, written in Python.

The template loop of ``tracker/table.html`` resolved each cell's column
attributes and heading through the template engine (about forty lookups per
cell), and django-tables2 inspected each ``render_*`` method's signature
again for every cell: at 50 rows of 16 columns that was most of a page's
time (the plan list and the unit ranking at 1M outcomes, docs/performance.md
section 8). This writes the same markup with what is fixed per column (its
``<td>`` attributes, its label, its render method's parameters) worked out
once per page; each cell is still the column's own ``render_*`` method,
link and ``empty_values``, as django-tables2 calls them
(``BoundRow._get_and_render_with``), and a column over a model field with
choices (``get_FOO_display``) is left to django-tables2 itself.
"""

from __future__ import annotations

from typing import Any

from django import template
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.utils.formats import localize
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.timezone import template_localtime
from django_tables2.columns import ManyToManyColumn
from django_tables2.utils import signature

register = template.Library()


class _Column:
    """What a column's cells share on one page."""

    def __init__(self, bound: Any) -> None:
        self.bound = bound
        self.name = bound.name
        self.column = bound.column
        self.accessor = bound.accessor
        self.render = bound.render
        self.args, self.catch_all = signature(bound.render)
        self.plain = not isinstance(bound.column, ManyToManyColumn)
        self.by_table: bool | None = None  # model choices: django-tables2's path
        declared = {**bound._table.attrs.get("td", {}), **bound.column.attrs.get("td", {})}
        self.fixed_attrs = (
            None
            if any(callable(value) for value in declared.values())
            else format_html('{} data-label="{}"', bound.attrs["td"].as_html(), bound.header)
        )

    def leave_to_table(self, record: Any) -> bool:
        """Whether django-tables2 must render this column's cells: not plain,
        or a model field with choices (shown through ``get_FOO_display``)."""
        if self.by_table is None:
            self.by_table = not self.plain
            if self.plain and isinstance(record, models.Model):
                penultimate, remainder = self.accessor.penultimate(record)
                if isinstance(penultimate, models.Model) and remainder:
                    try:
                        field = self.accessor.get_field(record)
                    except FieldDoesNotExist:
                        field = None
                    self.by_table = bool(getattr(field, "choices", None))
        return self.by_table

    def cell(self, row: Any) -> Any:
        record = row.record
        if self.leave_to_table(record):
            return row.get_cell(self.name)
        try:
            value = self.accessor.resolve(record)
        except Exception:  # noqa: BLE001 (as django-tables2: a column not over a field)
            value = None
        if value in self.column.empty_values:
            return self.bound.default
        given = {
            "value": value,
            "record": record,
            "column": self.column,
            "bound_column": self.bound,
            "bound_row": row,
            "table": row.table,
        }
        if self.catch_all:
            content = self.render(**given)
        elif all(name in given for name in self.args):
            content = self.render(**{name: given[name] for name in self.args})
        else:
            content = None
        return self.bound.link(content, **given) if self.bound.link else content

    def attrs(self, row: Any, cell: Any) -> str:
        if self.fixed_attrs is not None:
            return self.fixed_attrs
        self.bound.current_value, self.bound.current_record = cell, row.record
        return format_html(
            '{} data-label="{}"', self.bound.attrs["td"].as_html(), self.bound.header
        )


def _text(cell: Any, column: Any) -> str:
    """As ``{{ cell }}`` (or ``|localize`` / ``|unlocalize``) would print it."""
    if isinstance(cell, str):  # rendered markup or text: nothing to localize
        return conditional_escape(cell)
    use_l10n = None if column.localize is None else bool(column.localize)
    return conditional_escape(str(localize(template_localtime(cell), use_l10n=use_l10n)))


@register.simple_tag
def table_rows(table: Any) -> SafeString:
    """``<tr>`` elements of the page's rows, or the empty-table row."""
    columns = [_Column(bound) for bound in table.columns]
    parts: list[str] = []
    for row in table.paginated_rows:
        parts.append(f"<tr {row.attrs.as_html()}>")
        for column in columns:
            cell = column.cell(row)
            parts.append(
                f"<td {column.attrs(row, cell)}>"
                f'<div class="cell">{_text(cell, column.bound)}</div></td>'
            )
        parts.append("</tr>")
    if not parts and table.empty_text:
        parts.append(
            format_html(
                '<tr class="empty"><td colspan="{}">{}</td></tr>', len(columns), table.empty_text
            )
        )
    return mark_safe("\n".join(parts))  # noqa: S308 (escaped above)
