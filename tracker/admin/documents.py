"""The admin's "add document" page: a file or a paste, then confirmation.

Step 1 takes a file (.txt, .html, .docx, .pdf) or pasted text and extracts
the text (``tracker.ingest``); a bad file is refused there with its reason
and nothing is stored. Step 2 shows the extracted text read-only beside the
document's fields, with the date, issuer and title suggested from the text
and marked as suggestions; saving goes through ``services.entity_save``
(validated, audited, with the file's name, checksum and extractor in the
audit comment). The text travels between the steps in a signed token, so
what is saved is exactly what was extracted. The slug may be left blank:
it is then made from the title (``services.documents.slug_from_title``,
Chinese kept, unique).
"""

from __future__ import annotations

import dataclasses
from typing import Any

from django import forms
from django.conf import settings
from django.contrib.admin import ModelAdmin
from django.contrib.admin.options import IS_POPUP_VAR, TO_FIELD_VAR
from django.core import signing
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from tracker import services
from tracker.ingest import (
    Extracted,
    ExtractionError,
    extract_file,
    extract_pasted,
    suggest_issuer,
    suggest_published_on,
    suggest_title,
)
from tracker.models import Document
from tracker.services.documents import slug_from_title

__all__ = ["DocumentConfirmForm", "DocumentSourceForm", "document_add_view"]

CONFIRM_FIELDS = ["title", "slug", "kind", "issuer", "published_on", "url"]
_SALT = "tracker.admin.documents.extracted"
_TOKEN_MAX_AGE = 24 * 60 * 60
DEFAULT_MAX_BYTES = 20 * 1024 * 1024


def max_bytes() -> int:
    return int(getattr(settings, "TRACKER_DOCUMENT_MAX_BYTES", DEFAULT_MAX_BYTES))


class DocumentSourceForm(forms.Form):
    """Step 1: where the text comes from (exactly one of a file or a paste)."""

    upload = forms.FileField(
        label=gettext_lazy("上传文件"),
        required=False,
        allow_empty_file=True,  # the extractor says "empty" in its own words
        help_text=gettext_lazy("支持 .txt、.html、.docx、.pdf（有文字层的 PDF）。"),
    )
    pasted = forms.CharField(
        label=gettext_lazy("或粘贴全文"),
        required=False,
        strip=False,  # the text is the basis of quotes: keep it as pasted
        widget=forms.Textarea(attrs={"rows": 12, "cols": 80}),
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        upload, pasted = data.get("upload"), data.get("pasted") or ""
        if upload and pasted.strip():
            raise ValidationError(_("请上传文件或粘贴全文，二者择一。"), code="both_sources")
        try:
            if upload:
                data["extracted"] = extract_file(
                    name=upload.name, size=upload.size, stream=upload, max_bytes=max_bytes()
                )
            elif pasted:
                data["extracted"] = extract_pasted(pasted)
            else:
                raise ValidationError(_("请上传文件或粘贴全文。"), code="no_source")
        except ExtractionError as error:
            problem = ValidationError(error.message, code=error.code)
            raise ValidationError({"upload" if upload else "pasted": problem}) from None
        return data


def _sign(extracted: Extracted) -> str:
    return signing.dumps(dataclasses.asdict(extracted), salt=_SALT, compress=True)


def _unsign(token: str) -> Extracted:
    payload = signing.loads(token, salt=_SALT, max_age=_TOKEN_MAX_AGE)
    payload["normalised"] = tuple(payload["normalised"])
    payload["notes"] = tuple(tuple(note) for note in payload["notes"])
    return Extracted(**payload)


class DocumentConfirmForm(forms.ModelForm):
    """Step 2: the document's fields; the text comes from the signed token."""

    token = forms.CharField(widget=forms.HiddenInput)
    url = forms.URLField(
        label=gettext_lazy("网址"), required=False, max_length=500, assume_scheme="https"
    )

    class Meta:
        model = Document
        fields = CONFIRM_FIELDS

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        slug = self.fields["slug"]
        slug.required = False
        slug.help_text = _("留空则由标题生成（保留汉字，如“关于技改投资的答复”）；可修改。")

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if not data.get("slug") and data.get("title"):
            data["slug"] = slug_from_title(data["title"])
        return data

    def clean_token(self) -> str:
        token = self.cleaned_data["token"]
        try:
            self.extracted = _unsign(token)
        except (signing.BadSignature, KeyError, TypeError) as error:
            raise ValidationError(
                _("提取的全文已过期或被改动：请重新上传文件或粘贴全文。"), code="token_invalid"
            ) from error
        return token


def provenance(extracted: Extracted) -> str:
    """The audit comment: where the text came from and what was changed."""
    changes = "、".join(extracted.normalised) or _("无")
    if extracted.source_format == "pasted":
        return _("全文为粘贴文本（规范化：%(changes)s）") % {"changes": changes}
    return _(
        "全文提取自文件 %(name)s（%(format)s，%(extractor)s，SHA-256 %(sha)s；规范化：%(changes)s）"
    ) % {
        "name": extracted.source_name,
        "format": extracted.source_format,
        "extractor": extracted.extractor,
        "sha": extracted.source_sha256,
        "changes": changes,
    }


def _suggestions(extracted: Extracted) -> tuple[dict[str, Any], dict[str, Any]]:
    """Initial values and the hints shown beside them."""
    hints = {
        "published_on": suggest_published_on(extracted.text),
        "issuer": suggest_issuer(extracted.text),
        "title": suggest_title(extracted.text),
    }
    initial = {name: hint.value for name, hint in hints.items() if hint is not None}
    return initial, {name: hint for name, hint in hints.items() if hint is not None}


def _render(request, model_admin, step: int, form, **context) -> TemplateResponse:
    opts = model_admin.model._meta
    return TemplateResponse(
        request,
        "admin/tracker/document/add_from_source.html",
        {
            **model_admin.admin_site.each_context(request),
            "opts": opts,
            "title": _("添加文件：第 %(step)d 步，共 2 步") % {"step": step},
            "step": step,
            "form": form,
            "media": model_admin.media + form.media,
            "popup": {
                name: request.GET.get(name) or request.POST.get(name)
                for name in (IS_POPUP_VAR, TO_FIELD_VAR)
                if request.GET.get(name) or request.POST.get(name)
            },
            **context,
        },
    )


def document_add_view(model_admin: ModelAdmin, request: HttpRequest) -> HttpResponse:
    """The add page of ``DocumentAdmin`` (see the module docstring)."""
    if not model_admin.has_add_permission(request):
        raise PermissionDenied
    confirm_form = model_admin.get_form(
        request, None, change=False, fields=CONFIRM_FIELDS, form=DocumentConfirmForm
    )
    if request.method == "POST" and "token" in request.POST:
        form = confirm_form(request.POST)
        if form.is_valid():
            document = form.save(commit=False)
            document.text = form.extracted.text
            try:
                services.entity_save(
                    instance=document,
                    actor=request.user,
                    via="admin",
                    comment=provenance(form.extracted),
                )
            except ValidationError as error:
                form.add_error(None, error.messages)
            else:
                # The admin's own answer: the change page, or closing a popup
                # opened from a plan's document field.
                return model_admin.response_add(request, document)
        extracted = getattr(form, "extracted", None)
        return _render(request, model_admin, 2, form, extracted=extracted, hints={})
    source = DocumentSourceForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and source.is_valid():
        extracted = source.cleaned_data["extracted"]
        initial, hints = _suggestions(extracted)
        form = confirm_form(initial={**initial, "token": _sign(extracted)})
        return _render(request, model_admin, 2, form, extracted=extracted, hints=hints)
    return _render(request, model_admin, 1, source, max_mb=max_bytes() // (1024 * 1024))
