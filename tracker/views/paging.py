"""Paging parameters read defensively: ``per_page`` between 1 and 200, any
other value (negative, zero, huge, not a number) falls back to the table's
default; a page past the end shows the last page, a page that is not a
number the first. Never an error, never a 20 MB page (docs/security.md).

django-tables2's ``RequestConfig`` trusts ``per_page``; ``BoundedRequestConfig``
replaces it for every table of the site (``BoundedTableMixin`` for the
single-table views).
"""

from __future__ import annotations

import re
from typing import Any

from django.core.paginator import EmptyPage, PageNotAnInteger
from django.http import HttpRequest
from django_tables2 import RequestConfig, Table
from django_tables2.views import SingleTableMixin

MAX_PER_PAGE = 200
# A sort key is a column name, "-" for descending; anything else is dropped
# before django-tables2 sees it.
_SORT_KEY = re.compile(r"-?[A-Za-z_][A-Za-z0-9_]*\Z")


def bounded_int(raw: str | None, *, low: int, high: int | None = None) -> int | None:
    """``raw`` as an int within [low, high], else None."""
    if raw is None:
        return None
    try:
        value = int(raw.strip())
    except ValueError:
        return None
    if value < low or (high is not None and value > high):
        return None
    return value


class BoundedRequestConfig(RequestConfig):
    """Sorting from the request as django-tables2 does; paging bounded."""

    def configure(self, table: Table) -> Table:
        request: HttpRequest = self.request
        table.request = request
        order_by = [
            key
            for value in request.GET.getlist(table.prefixed_order_by_field)
            for key in value.split(",")
            if _SORT_KEY.match(key)
        ]
        if order_by:
            table.order_by = order_by
        if not self.paginate:
            return table
        kwargs: dict[str, Any] = dict(self.paginate) if hasattr(self.paginate, "items") else {}
        kwargs.pop("silent", None)
        per_page = bounded_int(
            request.GET.get(table.prefixed_per_page_field), low=1, high=MAX_PER_PAGE
        )
        if per_page is not None:
            kwargs["per_page"] = per_page
        elif kwargs.get("per_page", 0) > MAX_PER_PAGE:
            kwargs["per_page"] = MAX_PER_PAGE
        page = bounded_int(request.GET.get(table.prefixed_page_field), low=1)
        kwargs["page"] = page or 1
        try:
            table.paginate(**kwargs)
        except PageNotAnInteger:
            table.page = table.paginator.page(1)
        except EmptyPage:
            table.page = table.paginator.page(table.paginator.num_pages)
        return table


class BoundedTableMixin(SingleTableMixin):
    """``SingleTableMixin`` with bounded paging."""

    def known_row_count(self) -> int | None:
        """The table's row count when the view has it cheaper than a
        ``COUNT(*)`` over the table's query (None: let the table count)."""
        return None

    def get_table(self, **kwargs: Any) -> Table:
        table = self.get_table_class()(data=self.get_table_data(), **kwargs)
        known = self.known_row_count()
        if known is not None:
            table.data._length = known  # what TableQuerysetData caches its count in
        paginate = self.get_table_pagination(table)
        return BoundedRequestConfig(self.request, paginate=paginate).configure(table)
