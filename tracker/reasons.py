"""The domain's reasons, said in the reader's language.

``tracker.domain`` is plain Python without Django, so its assessments carry
their reason as fixed English sentences (``compared pro rata: 305/366 days of
the period elapsed``); the CSV export keeps them verbatim for scripts. The
pages translate the known sentences here and show any other one as stored,
so a new reason is never hidden, only untranslated.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date

from django.utils.formats import date_format
from django.utils.translation import gettext as _

from tracker.labels import label

_DATE = r"(\d{4}-\d{2}-\d{2})"


def _day(text: str) -> str:
    return date_format(date.fromisoformat(text), "DATE_FORMAT")


def _units(match: re.Match[str]) -> str:
    return _("%(from)s（%(from_dim)s）无法换算为%(to)s（%(to_dim)s）") % {
        "from": match[1],
        "from_dim": match[2],
        "to": match[3],
        "to_dim": match[4],
    }


_RULES: list[tuple[re.Pattern[str], Callable[[re.Match[str]], str]]] = [
    (
        re.compile(rf"no figure; the period ended {_DATE}"),
        lambda m: _("没有报告值；考核期已于%(date)s结束") % {"date": _day(m[1])},
    ),
    (re.compile(r"no figure yet"), lambda m: _("尚无报告值")),
    (re.compile(r"later figure: indicative only"), lambda m: _("考核期之后的数据：仅供参考")),
    (
        re.compile(rf"only an interim figure \(to {_DATE}\); the period ended {_DATE}"),
        lambda m: (
            _("只有期中数据（截至%(to)s）；考核期已于%(end)s结束")
            % {"to": _day(m[1]), "end": _day(m[2])}
        ),
    ),
    (
        re.compile(
            r"an accumulating target needs a figure counted from the start of its period "
            rf"\({_DATE}\); this one starts {_DATE}"
        ),
        lambda m: (
            _("累计量目标须有从考核期起点（%(start)s）起算的数据；该数据起于%(begins)s")
            % {"start": _day(m[1]), "begins": _day(m[2])}
        ),
    ),
    (
        re.compile(r"compared pro rata: (\d+)/(\d+) days of the period elapsed"),
        lambda m: (
            _("按时间进度折算比较：考核期已过%(days)s/%(total)s天") % {"days": m[1], "total": m[2]}
        ),
    ),
    (
        re.compile(r"compared directly \(rate, share or stock\)"),
        lambda m: _("直接比较（增速、占比或存量）"),
    ),
    (
        re.compile(r"compared directly: multi-year target without a baseline"),
        lambda m: _("直接比较：多年目标没有基期值"),
    ),
    (
        re.compile(r"compared directly: the baseline figure is not a single number"),
        lambda m: _("直接比较：基期数据不是单一数值"),
    ),
    (
        re.compile(r"compared directly: baseline unusable \((.*)\)"),
        lambda m: _("直接比较：基期数据不可用（%(why)s）") % {"why": explain(m[1])},
    ),
    (
        re.compile(r"compared directly: the baseline is not earlier than the figure"),
        lambda m: _("直接比较：基期不早于该数据"),
    ),
    (
        re.compile(r"compared directly: the baseline already meets the target value"),
        lambda m: _("直接比较：基期值已达到目标值"),
    ),
    (re.compile(r"no progress required yet"), lambda m: _("尚不要求有进展")),
    (
        re.compile(rf"(linear|compound) path from (\S+) \({_DATE}\) to (\S+) \({_DATE}\)"),
        lambda m: (
            _("按%(growth)s路径比较：从%(base)s（%(base_date)s）到%(aim)s（%(end)s）")
            % {
                "growth": label(m[1]),
                "base": m[2],
                "base_date": _day(m[3]),
                "aim": m[4],
                "end": _day(m[5]),
            }
        ),
    ),
    (re.compile(r"(.+) \((\w+)\) cannot convert to (.+) \((\w+)\)"), _units),
    (
        re.compile(r"unknown unit '(.+)': not in the unit registry.*"),
        lambda m: _("未知计量单位“%(unit)s”：不在单位表中") % {"unit": m[1]},
    ),
]


def explain(reason: str) -> str:
    """The reason in the active language; an unknown sentence as stored."""
    for pattern, say in _RULES:
        match = pattern.fullmatch(reason)
        if match:
            return say(match)
    return reason
