"""The pages' "as of a date" choice (docs/attainment.md section 6).

Viewing a plan as of 2020-09-03 shows what a supervisor could have known
that day: statuses are computed for that date from the figures published by
then (``tracker.domain.periods.known_on``), never read from the stored
statuses, which are today's. Without a date (or with today's) a page shows
the stored statuses, filtered, sorted and paged in the database.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django import forms
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from tracker.analytics.evidence import today

PARAM = "as_of"


class AsOfForm(forms.Form):
    """A past date, or nothing for today."""

    as_of = forms.DateField(
        label=_("截至日期"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        input_formats=["%Y-%m-%d"],
        help_text=_("只计当日已发布的数据；留空为今天。"),
    )

    def clean_as_of(self) -> date | None:
        chosen = self.cleaned_data.get("as_of")
        if chosen is not None and chosen > today():
            raise forms.ValidationError(
                _("截至日期不能晚于今天。"), code="future", params={"date": chosen}
            )
        return chosen


class AsOfMixin:
    """``as_of()``: the date asked for, or None for today's stored statuses
    (an empty, invalid or current date). The form carries its own errors."""

    request: HttpRequest

    def as_of_form(self) -> AsOfForm:
        if not hasattr(self, "_as_of_form"):
            data = {PARAM: self.request.GET.get(PARAM, "")}
            self._as_of_form = AsOfForm(data)
        return self._as_of_form

    def as_of(self) -> date | None:
        form = self.as_of_form()
        if not form.is_valid():
            return None
        chosen = form.cleaned_data.get(PARAM)
        return None if chosen is None or chosen == today() else chosen

    def as_of_context(self) -> dict[str, Any]:
        return {"as_of": self.as_of(), "as_of_form": self.as_of_form()}
