"""What every tracker admin shares: writes through the services, refusals
as messages on the form (never a 500), and all-or-nothing bulk actions.

- Saves and deletes call ``tracker.services``, so the admin validates and
  audits exactly like the imports do.
- A service refusal raised while saving (a stale version, a locked target,
  a duplicate, fixed evidence) rolls the whole save back, inlines included,
  and the page is shown again with the person's input and the refusal on
  the form. After a stale version the form carries the current version, so
  saving again is a decision made knowingly.
- Every editable row's ``version`` rides in a hidden field.
- Deleting is offered only where nothing is erased that evidence rests on;
  where a delete is refused, the confirmation page says why.
- A bulk action does all the selected rows or none.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.actions import delete_selected
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.http import HttpRequest, HttpResponseRedirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from tracker import services, validation
from tracker.admin.units import ReadUnitsOnceMixin
from tracker.models import Outcome

_REFUSAL = "_tracker_refusal"


def refusal_messages(error: ValidationError | PermissionDenied) -> list[str]:
    return list(getattr(error, "messages", [str(error)]))


def add_refusal(form: forms.BaseForm, error: ValidationError) -> None:
    """Put a service's refusal on the form: beside its field when the form
    has one, otherwise at the top."""
    if hasattr(error, "error_dict"):
        for name, errors in error.error_dict.items():
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(None, error)


class RefusedForm:
    """Mixed into the admin's form class when a save was refused: the
    re-validated form carries the refusal, so the page shows it."""

    refusal: ValidationError

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()  # type: ignore[misc]
        add_refusal(self, self.refusal)  # type: ignore[arg-type]
        return cleaned


def _carry_current_version(request: HttpRequest, error: services.StaleEdit, main: bool) -> None:
    """Let the re-shown form save over the newer version: the person has
    now seen the refusal naming who changed it."""
    data = request.POST.copy()
    if main:
        data["version"] = str(error.current)
    else:
        for key, value in request.POST.items():
            prefix = key.removesuffix("-id")
            if key.endswith("-id") and value == str(error.pk) and f"{prefix}-version" in data:
                data[f"{prefix}-version"] = str(error.current)
    request.POST = data


class VersionField:
    """The row's ``version`` as a hidden field, checked by the services. A
    page always sends it back; a request without it (a script) gets no
    conflict check, as it holds no version to compare."""

    def formfield_for_dbfield(self, db_field: models.Field, request: HttpRequest, **kwargs: Any):
        if db_field.name == "version":
            kwargs.update(widget=forms.HiddenInput, required=False)
        return super().formfield_for_dbfield(db_field, request, **kwargs)  # type: ignore[misc]


class ServiceAdmin(ReadUnitsOnceMixin, VersionField, admin.ModelAdmin):
    """A ModelAdmin whose writes go through the services."""

    show_full_result_count = False
    show_facets = admin.ShowFacets.NEVER

    # -- saving -------------------------------------------------------------

    def save_model(self, request, obj, form, change):
        services.entity_save(instance=obj, actor=request.user, via="admin")

    def save_formset(self, request, form, formset, change):
        instances = formset.save(commit=False)
        for obj in formset.deleted_objects:
            services.entity_delete(instance=obj, actor=request.user, via="admin")
        for obj in instances:
            if isinstance(obj, Outcome):
                save_outcome(request, obj)
            else:
                services.entity_save(instance=obj, actor=request.user, via="admin")
        formset.save_m2m()

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change, **kwargs)
        refusal = getattr(request, _REFUSAL, None)
        if refusal is None:
            return form
        return type(form.__name__, (RefusedForm, form), {"refusal": refusal})

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        try:
            return super().changeform_view(request, object_id, form_url, extra_context)
        except ValidationError as error:
            if request.method != "POST" or hasattr(request, _REFUSAL):
                raise
            refusal = error
        # Everything was rolled back; show the form again with the refusal.
        setattr(request, _REFUSAL, refusal)
        if isinstance(refusal, services.StaleEdit):
            main = refusal.model is self.model and str(refusal.pk) == unquote(object_id or "")
            _carry_current_version(request, refusal, main)
            messages.warning(
                request,
                _("您的输入保留在下方。请核对对方的修改；再次保存将以您的输入为准。"),
            )
        return super().changeform_view(request, object_id, form_url, extra_context)

    # -- deleting -----------------------------------------------------------

    def get_deleted_objects(self, objs, request):
        """Django's list, plus the rows the services would refuse to erase
        (so the confirmation page says why instead of failing)."""
        deleted, counts, perms_needed, protected = super().get_deleted_objects(objs, request)
        protected = list(protected)
        for obj in objs:
            for name in services.plan_deletion(obj).blocker_names():
                if name not in protected:
                    protected.append(name)
        return deleted, counts, perms_needed, protected

    def delete_model(self, request, obj):
        services.entity_delete(instance=obj, actor=request.user, via="admin")

    def delete_queryset(self, request, queryset):
        for obj in queryset:
            services.entity_delete(instance=obj, actor=request.user, via="admin")

    def delete_view(self, request, object_id, extra_context=None):
        try:
            return super().delete_view(request, object_id, extra_context)
        except ValidationError as error:
            for message in refusal_messages(error):
                self.message_user(request, message, messages.ERROR)
            opts = self.model._meta
            url = reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[object_id])
            return HttpResponseRedirect(url)

    def get_actions(self, request):
        actions = super().get_actions(request)
        if "delete_selected" in actions:
            _function, name, description = actions["delete_selected"]
            actions["delete_selected"] = (delete_selected_or_none, name, description)
        return actions


def delete_selected_or_none(modeladmin, request, queryset):
    """Django's "delete selected", all or nothing: a refusal of any row
    rolls back every row and says which and why."""
    try:
        with transaction.atomic():
            return delete_selected(modeladmin, request, queryset)
    except ValidationError as error:
        for message in refusal_messages(error):
            modeladmin.message_user(request, message, messages.ERROR)
        modeladmin.message_user(request, _("未删除任何记录。"), messages.WARNING)
        return None


delete_selected_or_none.allowed_permissions = ("delete",)
delete_selected_or_none.short_description = gettext_lazy("删除所选记录")


class _Refused(Exception):
    pass


def apply_all(
    model_admin: admin.ModelAdmin,
    request: HttpRequest,
    rows: Iterable[models.Model],
    service: Callable[[models.Model], Any],
) -> int:
    """Run a service on every selected row in one transaction: all of them,
    or none when any is refused (each refusal reported by name)."""
    refusals: list[str] = []
    done = 0
    try:
        with transaction.atomic():
            for row in rows:
                try:
                    service(row)
                    done += 1
                except (ValidationError, PermissionDenied) as error:
                    refusals += [f"{row}: {message}" for message in refusal_messages(error)]
            if refusals:
                raise _Refused
    except _Refused:
        for message in refusals:
            model_admin.message_user(request, message, messages.ERROR)
        model_admin.message_user(
            request,
            _("有 %(count)d 条被拒绝，所选记录均未处理。") % {"count": len(refusals)},
            messages.WARNING,
        )
        return 0
    return done


def outcome_fields(obj: Outcome) -> dict[str, Any]:
    return {name: getattr(obj, name) for name in services.outcomes.EDITABLE_FIELDS}


def save_outcome(request: HttpRequest, obj: Outcome) -> Outcome:
    """An outcome from an admin form: entered, or updated from the version
    the person loaded. The services return the row as stored; the form's
    object takes its values (key, state, version), so the admin's redirect
    ("save and continue") and its log name the saved row."""
    if obj.pk is None:
        saved = services.outcome_create(actor=request.user, via="admin", **outcome_fields(obj))
    else:
        saved = services.outcome_update(
            outcome=obj, actor=request.user, version=obj.version, via="admin", **outcome_fields(obj)
        )
    for field in Outcome._meta.concrete_fields:
        setattr(obj, field.attname, getattr(saved, field.attname))
    obj._state.adding = False
    # Kept, never refused: such a figure yields "incomparable" (DESIGN.md 3).
    warning = validation.incomparable_units_warning(saved.unit, saved.target.unit)
    if warning:
        messages.warning(
            request, _("%(outcome)s：%(warning)s") % {"outcome": saved, "warning": warning}
        )
    return saved
