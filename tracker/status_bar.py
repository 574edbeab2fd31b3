"""The stacked bar of status counts the reports show beside a plan or a unit.

Server-made SVG, like the target chart (``tracker.charts``), split from it
because it is a different picture for a different page.
"""

from __future__ import annotations

from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from tracker.labels import label
from tracker.vocabulary import STATUSES

__all__ = ["status_bar"]


def status_bar(counts: dict[str, int], *, width: int = 180, height: int = 14) -> SafeString:
    """A stacked bar of status counts (each status its own colour, as the
    badges), with the counts in its accessible label."""
    total = sum(counts.get(status, 0) for status in STATUSES)
    summary = "，".join(
        f"{label(status)} {counts[status]}" for status in STATUSES if counts.get(status)
    )
    if not total:
        return format_html(
            '<svg class="status-bar" width="{w}" height="{h}" role="img" aria-label="{t}">'
            '<rect class="empty" width="{w}" height="{h}"/></svg>',
            w=width,
            h=height,
            t=_("暂无目标"),
        )
    x, rects = 0.0, []
    for status in STATUSES:
        count = counts.get(status, 0)
        if not count:
            continue
        share = width * count / total
        rects.append(
            format_html(
                '<rect class="st-{}" x="{}" width="{}" height="{}"><title>{} {}</title></rect>',
                status,
                round(x, 2),
                round(share, 2),
                height,
                label(status),
                count,
            )
        )
        x += share
    return format_html(
        '<svg class="status-bar" width="{}" height="{}" role="img" aria-label="{}">{}</svg>',
        width,
        height,
        summary,
        mark_safe("".join(rects)),  # noqa: S308 (format_html parts)
    )
