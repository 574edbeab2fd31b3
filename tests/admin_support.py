"""What the admin tests share: staff users of each role and the POST data a
person's browser would send back from a change form exactly as loaded."""

from __future__ import annotations

from typing import Any

from django.forms import MultiWidget
from django.test import Client

from tests import factories as make


def staff(role: str, username: str | None = None):
    """A staff user in one of the four roles (tracker.roles)."""
    return make.user(username or f"{role}-staff", groups=(role,), is_staff=True)


def logged_in(user) -> Client:
    """A browser of its own for one person (its own session and cookies)."""
    client = Client()
    client.force_login(user)
    return client


def _field_data(form, data: dict[str, Any]) -> None:
    for name, field in form.fields.items():
        if field.disabled:
            continue
        value = form[name].value()
        key = form.add_prefix(name)
        if isinstance(field.widget, MultiWidget):  # a date and a time, say
            parts = value if isinstance(value, list) else field.widget.decompress(value)
            for index, part in enumerate(parts):
                data[f"{key}_{index}"] = "" if part is None else str(part)
            continue
        if isinstance(value, bool):
            if value:
                data[key] = "on"
            continue
        if isinstance(value, list | tuple):
            data[key] = [str(item) for item in value]
            continue
        data[key] = "" if value is None else str(value)


def form_data(response, **changes: Any) -> dict[str, Any]:
    """The main form's and every inline's fields as the page rendered them
    (with the management forms), then ``changes`` on top: what submitting
    the page after editing a few fields sends."""
    context = response.context
    data: dict[str, Any] = {}
    _field_data(context["adminform"].form, data)
    for inline in context.get("inline_admin_formsets", []):
        formset = inline.formset
        _field_data(formset.management_form, data)
        for form in formset.forms:
            _field_data(form, data)
    data.update(changes)
    return data


def messages_of(response) -> list[str]:
    return [str(message) for message in response.context["messages"]]
