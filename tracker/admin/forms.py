"""Forms of the admin's own pages (the reason a bulk action asks for)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _


class ReasonForm(forms.Form):
    """Unlocking a target or withdrawing an outcome: the reason is required
    and kept in the audit trail."""

    reason = forms.CharField(label=_("理由"), widget=forms.Textarea(attrs={"rows": 3}), strip=True)


def ask_reason(
    model_admin: admin.ModelAdmin,
    request: Any,
    queryset: Any,
    *,
    action: str,
    title: str,
    intro: str,
    button: str,
) -> tuple[str | None, TemplateResponse | None]:
    """The intermediate page of an action that needs a reason: returns the
    reason once given, else the page to show (again, with its errors)."""
    form = ReasonForm(request.POST if "apply" in request.POST else None)
    if form.is_bound and form.is_valid():
        return form.cleaned_data["reason"], None
    context = {
        **model_admin.admin_site.each_context(request),
        "title": title,
        "intro": intro,
        "button": button,
        "action": action,
        "opts": model_admin.model._meta,
        "rows": queryset,
        "form": form,
        "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
    }
    return None, TemplateResponse(request, "admin/tracker/reason_action.html", context)
