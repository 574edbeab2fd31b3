"""Why a file gives no text, as a code with parameters and a message."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

__all__ = ["ExtractionError"]


def _messages(code: str, params: dict[str, Any]) -> str:
    if code == "too_large":
        return _("文件过大（%(size)s）：上限为 %(limit)s。请拆分文件或只上传正文。") % params
    if code == "wrong_extension":
        return (
            _(
                "不支持的文件类型“%(suffix)s”：请上传 .txt、.html、.docx 或 .pdf 文件"
                "（旧版 Word 的 .doc 请先另存为 .docx）。"
            )
            % params
        )
    if code == "empty_file":
        return _("文件是空的（0 字节）。")
    if code == "no_text":
        return _("文件中没有文字。")
    if code == "pdf_encrypted":
        return _("PDF 文件已加密（需要密码才能打开），无法提取文字：请上传未加密的版本。")
    if code == "pdf_no_text_layer":
        return (
            ngettext(
                "PDF 没有文字层（共 %(pages)d 页，可能是扫描件），无法提取文字："
                "请先做文字识别（OCR）或上传文字版。",
                "PDF 没有文字层（共 %(pages)d 页，可能是扫描件），无法提取文字："
                "请先做文字识别（OCR）或上传文字版。",
                params["pages"],
            )
            % params
        )
    if code == "unreadable":
        return _("无法读取文件：它不是有效的 %(kind)s 文件，或已损坏（%(detail)s）。") % params
    if code == "undecodable":
        return _("无法识别文件的文字编码：请另存为 UTF-8 后再上传。")
    raise KeyError(code)


class ExtractionError(Exception):
    """A file that gives no honest text; ``code`` is stable, ``message``
    is rendered in the active language."""

    def __init__(self, code: str, **params: Any) -> None:
        self.code = code
        self.params = params
        super().__init__(code)

    @property
    def message(self) -> str:
        return _messages(self.code, self.params)
