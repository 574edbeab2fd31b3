"""Reading one table of a plan file, or one row of a CSV, key by key.

Only the shape of a value is checked here (a figure is a plain decimal
written as a string, a date is ``YYYY-MM-DD``, a flag is a boolean); what the
value may be (period order, ranges, units, words in their sets, lengths)
is the project's rules, checked later by the models' ``full_clean`` and
``tracker.validation``, so no rule has a second copy here.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from django.utils.translation import gettext as _

from tracker.imports.problems import Place, Problems

_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
# Control characters no field of the tracker holds (tab, newline and
# carriage return are text). NUL above all: PostgreSQL refuses it in text.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def control_character(value: str) -> str | None:
    """A message naming the first control character in ``value`` (and where
    it is), or None when there is none."""
    found = _CONTROL.search(value)
    if found is None:
        return None
    return _("含有控制字符 U+%(code)04X（第 %(position)d 个字符处），须删除") % {
        "code": ord(found.group()),
        "position": found.start() + 1,
    }


_PLAIN_NUMBER = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)$")


def _type_name(value: Any) -> str:
    names = {bool: _("布尔值"), int: _("整数"), float: _("浮点数"), list: _("列表"), dict: _("表")}
    return names.get(type(value), type(value).__name__)


class Fields:
    """One TOML table: every key read through a typed accessor, unknown and
    missing keys reported against ``place``."""

    def __init__(
        self,
        data: Mapping[str, Any],
        *,
        place: Place,
        problems: Problems,
        keys: Mapping[str, bool],
    ) -> None:
        self.data = data
        self.place = place
        self.problems = problems
        self.keys = keys
        for key, required in keys.items():
            if required and key not in data:
                self.error(key, _("缺少必填项"))
        for key in data:
            if key not in keys:
                self.error(
                    key,
                    _("未知的键（可用：%(keys)s）") % {"keys": ", ".join(keys)},
                )

    def error(self, key: str, message: str) -> None:
        self.problems.error(self.place, key, message)

    def _raw(self, key: str) -> Any:
        return self.data.get(key, "")

    def text(self, key: str) -> str:
        """A string; empty when absent. Required keys must not be blank."""
        value = self._raw(key)
        if not isinstance(value, str):
            self.error(
                key,
                _("须为字符串，此处为%(type)s %(value)r")
                % {"type": _type_name(value), "value": value},
            )
            return ""
        bad = control_character(value)
        if bad is not None:
            self.error(key, bad)
            return ""
        if self.keys.get(key) and key in self.data and not value.strip():
            self.error(key, _("不能为空"))
        return value

    def figure(self, key: str) -> Decimal | None:
        """An exact decimal written as a string ("7", "1.0"); "" means not
        given. A TOML number is refused: it would arrive as a float or an int
        and ``0.1`` is not exactly 0.1."""
        value = self._raw(key)
        if isinstance(value, int | float) and not isinstance(value, bool):
            self.error(
                key,
                _('数值须写成字符串（如 %(key)s = "%(value)s"），不能写成%(type)s %(value)s：')
                % {"key": key, "value": value, "type": _type_name(value)}
                + _("数值一律写成字符串，以免浮点数带来误差"),
            )
            return None
        text = self.text(key)
        if text == "":
            return None
        if not _PLAIN_NUMBER.match(text):
            self.error(
                key,
                _("“%(value)s”不是纯数字：不写单位、%%、万/亿、千分位逗号或空格") % {"value": text},
            )
            return None
        try:
            return Decimal(text)
        except InvalidOperation:  # pragma: no cover (the pattern admits only numbers)
            self.error(key, _("“%(value)s”不是数字") % {"value": text})
            return None

    def day(self, key: str) -> date | None:
        """A date written as the string "YYYY-MM-DD"; "" means not given."""
        value = self._raw(key)
        if isinstance(value, date):
            self.error(
                key,
                _('日期须写成带引号的字符串 "YYYY-MM-DD"，不能写成 TOML 日期 %(value)s')
                % {"value": value},
            )
            return None
        text = self.text(key)
        if text == "":
            return None
        if not _DATE.match(text):
            self.error(key, _("“%(value)s”不是 YYYY-MM-DD 格式的日期") % {"value": text})
            return None
        try:
            return date.fromisoformat(text)
        except ValueError:
            self.error(key, _("“%(value)s”不是有效日期") % {"value": text})
            return None

    def flag(self, key: str, *, default: bool = False) -> bool:
        value = self.data.get(key, default)
        if not isinstance(value, bool):
            self.error(key, _("须为 true 或 false，此处为 %(value)r") % {"value": value})
            return default
        return value

    def strings(self, key: str) -> list[str]:
        value = self.data.get(key, [])
        if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
            self.error(key, _("须为字符串列表"))
            return []
        if any(not item.strip() for item in value):
            self.error(key, _("含有空字符串"))
        for item in value:
            bad = control_character(item)
            if bad is not None:
                self.error(key, bad)
                return []
        if len(set(value)) != len(value):
            self.error(key, _("同一名称列了两次"))
        return [item for item in value if item.strip()]


# Words a spreadsheet user may type for yes and no.
_TRUE = {"true", "1", "yes", "y", "是"}
_FALSE = {"", "false", "0", "no", "n", "否"}


class CsvFields(Fields):
    """One CSV row: every cell is text, so flags are words."""

    def flag(self, key: str, *, default: bool = False) -> bool:
        text = self.text(key).strip().lower()
        if text in _TRUE:
            return True
        if text in _FALSE:
            return default if text == "" else False
        self.error(key, _("“%(value)s”须为 true 或 false（或留空）") % {"value": text})
        return default
