"""Pin the exact number of queries a page or an export runs, at 1 row and at
20 rows.

"The count does not grow" (``many == few``) lets a page run a query per row
as long as it did so from the start, and lets a new query slip in unnoticed.
A pin states the number: any query added to the page fails the test, and
the same number at 1 and at 20 rows shows none runs per row (a query per
row would add 19; 20 rather than 50 halves the suite's slowest file). When a change
really needs another query, the pin is raised in the same commit, which a
reviewer sees. Every page and export is to get one (issue 14).

Usage::

    pin = QueryPin(url, grow=add_units, shown=changelist_rows)
    pin.check(client, expected=7)
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from dataclasses import dataclass

from django.db import connection
from django.http import HttpResponse
from django.test.utils import CaptureQueriesContext

SIZES = (1, 20)


@dataclass(frozen=True)
class Measured:
    """One GET: the rows it showed and the SQL it ran."""

    rows: int
    sql: tuple[str, ...]

    def report(self) -> str:
        return "\n".join(f"  {n}. {statement}" for n, statement in enumerate(self.sql, 1))


def measure(client, url: str, shown: Callable[[HttpResponse], int]) -> Measured:
    """Queries one GET of ``url`` runs (it must answer 200), streamed body
    included, and the number of rows it showed."""
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
        assert response.status_code == 200, url
        if response.streaming:
            # Consume the stream inside the capture (the export's queries run
            # as it streams), then hand the body back for ``shown``.
            response.streaming_content = [b"".join(response.streaming_content)]
    return Measured(
        rows=shown(response), sql=tuple(query["sql"] for query in captured.captured_queries)
    )


@dataclass(frozen=True)
class QueryPin:
    """A page whose query count is pinned.

    ``grow(n)`` adds ``n`` rows the page shows (it is called with 1, then
    with 19); ``shown(response)`` counts the rows the response shows, so a
    pin cannot pass on a page that quietly shows none."""

    url: str
    grow: Callable[[int], None]
    shown: Callable[[HttpResponse], int]

    def check(self, client, *, expected: int) -> None:
        rows = 0
        for size in SIZES:
            self.grow(size - rows)
            rows = size
            got = measure(client, self.url, self.shown)
            assert got.rows == size, f"{self.url}: {got.rows} rows shown, {size} expected"
            assert len(got.sql) == expected, (
                f"{self.url}: {len(got.sql)} queries with {size} rows, pinned at {expected}:\n"
                + got.report()
            )


# -- counting the rows of common responses -----------------------------------------------


def changelist_rows(response: HttpResponse) -> int:
    """Rows on an admin change list page."""
    return len(response.context["cl"].result_list)


def table_rows(response: HttpResponse) -> int:
    """Rows on the current page of a django-tables2 table."""
    return len(response.context["table"].paginated_rows)


def csv_rows(response: HttpResponse) -> int:
    """Data rows of a streamed CSV (UTF-8 with a byte order mark)."""
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    return sum(1 for _ in csv.DictReader(io.StringIO(text)))
