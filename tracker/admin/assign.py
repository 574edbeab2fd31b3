"""The admin action that gives selected targets a responsible unit (lead
or support), after an intermediate page asks which (docs/attainment.md
section 9: the "unassigned" row is cleared here). It goes through
``tracker.services``, so it validates and audits like every other write, all or nothing.
"""

from __future__ import annotations

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import HttpRequest
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from tracker import services
from tracker.labels import choices
from tracker.models import Target, Unit
from tracker.vocabulary import ASSIGNMENT_ROLES


class AssignUnitForm(forms.Form):
    """Which unit, in which role, for the selected targets."""

    unit = forms.ModelChoiceField(label=gettext_lazy("责任单位"), queryset=Unit.objects.all())
    role = forms.ChoiceField(
        label=gettext_lazy("分工"),
        choices=choices(ASSIGNMENT_ROLES),
        initial="lead",
        widget=forms.RadioSelect,
    )


def _intermediate_page(
    model_admin, request, queryset, *, template: str, title: str, form: forms.Form, action: str
) -> TemplateResponse:
    context = {
        **model_admin.admin_site.each_context(request),
        "title": title,
        "opts": model_admin.model._meta,
        "targets": queryset,
        "form": form,
        "action": action,
        "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
    }
    return TemplateResponse(request, template, context)


@admin.action(
    description=gettext_lazy("为所选目标分配责任单位（牵头或配合）"), permissions=["assign"]
)
def assign_unit(
    model_admin, request: HttpRequest, queryset: QuerySet[Target]
) -> TemplateResponse | None:
    """Give the selected targets a responsible unit (lead or support): all or
    nothing, each assignment audited (``services.assignments_add``)."""
    form = AssignUnitForm(request.POST if "apply" in request.POST else None)
    if form.is_bound and form.is_valid():
        unit, role = form.cleaned_data["unit"], form.cleaned_data["role"]
        try:
            written = services.assignments_add(
                targets=queryset, unit=unit, role=role, actor=request.user, via="admin"
            )
        except ValidationError as error:
            model_admin.message_user(
                request,
                _("未分配：%(problems)s。没有写入任何数据。")
                % {"problems": "；".join(error.messages)},
                messages.ERROR,
            )
            return None
        model_admin.message_user(
            request,
            _("已将“%(unit)s”（%(role)s）分配给 %(count)d 个目标。")
            % {"unit": unit.name, "role": dict(choices(ASSIGNMENT_ROLES))[role], "count": written},
            messages.SUCCESS,
        )
        return None
    targets = queryset.select_related("plan").prefetch_related("assignments__unit")
    return _intermediate_page(
        model_admin,
        request,
        targets,
        template="admin/tracker/target/assign_unit.html",
        title=_("为所选目标分配责任单位"),
        form=form,
        action="assign_unit",
    )


def assign_permission(request: HttpRequest) -> bool:
    return request.user.has_perm("tracker.add_assignment") and request.user.has_perm(
        "tracker.change_assignment"
    )


__all__ = ["AssignUnitForm", "assign_permission", "assign_unit"]
