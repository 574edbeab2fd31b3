"""The language of the data, marked where it differs from the page's.

Plans, targets, units, quotes and documents are Chinese whatever language a
reader chose for the interface. On an English page, a screen reader would
read ``郑州市…`` with an English voice (or skip it) unless the text says it is
Chinese (WCAG 3.1.2, language of parts). Every place that shows data marks
it through this module: ``zh`` for text (the ``|zh`` template filter and the
table columns), ``DataSelect`` for the options of a select. On a Chinese page
nothing is added: the page's own ``lang`` already says it.
"""

from __future__ import annotations

from typing import Any

import django_tables2 as tables
from django import forms
from django.conf import settings
from django.utils import translation
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import SafeString

#: BCP 47 tag of the tracker's data: Chinese in simplified script.
DATA_LANGUAGE = "zh-Hans"


def page_is_in_data_language() -> bool:
    """Whether the active interface language is already Chinese."""
    active = translation.get_language() or settings.LANGUAGE_CODE
    return active.lower().startswith("zh")


def page_language() -> str:
    """The active interface language as a ``lang`` value (``zh-hans``, ``en``)."""
    return translation.get_language() or settings.LANGUAGE_CODE


def zh(value: Any) -> SafeString:
    """The value escaped, and on a non-Chinese page inside ``<span lang="zh-Hans">``.

    Safe strings (already built markup, such as a highlighted document) are
    wrapped as they are, never escaped twice."""
    if value is None or value == "":
        return SafeString("")
    if page_is_in_data_language():
        return conditional_escape(value)
    return format_html('<span lang="{}">{}</span>', DATA_LANGUAGE, value)


def _attrs(attrs: dict[str, Any]) -> SafeString:
    # As django/forms/widgets/attrs.html: False leaves the attribute out,
    # True writes its bare name (names are the widget's own, not data).
    return SafeString(
        "".join(
            f" {name}" if value is True else format_html(' {}="{}"', name, str(value))
            for name, value in attrs.items()
            if value is not False
        )
    )


class DataSelect(forms.Select):
    """A select whose options are data (plans, units): each option but the
    empty one ("全部") carries ``lang`` on a non-Chinese page.

    Written in Python, not through Django's widget templates (one template
    include per option): a plan's unit filter lists hundreds of units, and
    the includes were a third of the plan page's time at 1M outcomes. The
    markup is that of ``django/forms/widgets/select.html``."""

    def render(
        self,
        name: str,
        value: Any,
        attrs: dict[str, Any] | None = None,
        renderer: Any = None,
    ) -> SafeString:
        widget = self.get_context(name, value, attrs)["widget"]
        parts = [format_html('<select name="{}"{}>', widget["name"], _attrs(widget["attrs"]))]
        for group_name, options, _index in widget["optgroups"]:
            if group_name:
                parts.append(format_html('\n  <optgroup label="{}">', group_name))
            for option in options:
                parts.append(
                    format_html(
                        '\n  <option value="{}"{}>{}</option>\n',
                        str(option["value"]),
                        _attrs(option["attrs"]),
                        option["label"],
                    )
                )
            if group_name:
                parts.append("\n  </optgroup>")
        parts.append("\n</select>")
        return SafeString("".join(parts))

    def create_option(
        self,
        name: str,
        value: Any,
        label: Any,
        selected: bool,
        index: int,
        subindex: int | None = None,
        attrs: dict[str, Any] | None = None,
    ) -> dict[str, Any]:
        option = super().create_option(name, value, label, selected, index, subindex, attrs)
        if str(value) != "" and value is not None and not page_is_in_data_language():
            option["attrs"]["lang"] = DATA_LANGUAGE
        return option


class DataColumn(tables.Column):
    """A column of Chinese data (codes, indicators, titles, names): marked
    ``lang`` on English pages (``tracker.datalang``)."""

    def render(self, value: Any) -> SafeString:
        return zh(value)
