"""What the filtered target reports share: the page (a django-tables2 table
over a django-filter FilterSet) and its CSV export, built from the same
QuerySet so the export holds exactly the rows the page filtered, as of the
same date (``tracker.views.asof``)."""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Mapping
from datetime import date
from typing import Any
from urllib.parse import urlencode

from django.db.models import QuerySet
from django.http import HttpRequest, StreamingHttpResponse
from django.utils import timezone
from django.views import View
from django_filters.views import FilterView

from tracker import selectors
from tracker.exports.attainment import COLUMNS, attainment_rows
from tracker.exports.csvstream import streaming_csv_response
from tracker.filters import TargetReportFilter
from tracker.models import Target, Unit
from tracker.selectors import AsOfAssessment
from tracker.views.access import EXPORT, ExportAccessMixin, ReportAccessMixin
from tracker.views.asof import AsOfMixin
from tracker.views.paging import BoundedTableMixin

# Sorting and paging do not change which targets an export holds.
_NOT_FILTERS = ("sort", "page", "per_page")


class FilteredTargetsMixin(AsOfMixin, ABC):
    """A page's base QuerySet, the filters it does not offer, and its
    statuses: stored (today) or computed as of the date asked for."""

    filter_omit: tuple[str, ...] = ()
    request: HttpRequest

    @abstractmethod
    def base_queryset(
        self, assessments: Mapping[int, AsOfAssessment] | None = None
    ) -> QuerySet[Target]:
        """Each concrete report supplies its own (plan, unit ...)."""

    def as_of_assessments(self) -> dict[int, AsOfAssessment] | None:
        """The statuses of the page's targets as of the date asked for (None:
        today's stored statuses)."""
        if not hasattr(self, "_as_of_assessments"):
            as_of = self.as_of()
            self._as_of_assessments = (
                None
                if as_of is None
                else selectors.assessments_as_of(
                    self.base_queryset().values_list("pk", flat=True), as_of
                )
            )
        return self._as_of_assessments

    def choice_targets(self) -> QuerySet[Target] | None:
        """The page's targets as a plain QuerySet (no status joins), for the
        filters' choices and the unfiltered row count; None: the report's."""
        return None

    def unit_choices(self) -> QuerySet[Unit] | None:
        """The units the page's targets have, when known without a join."""
        return None

    def report_queryset(self) -> QuerySet[Target]:
        return self.base_queryset(self.as_of_assessments())

    def filterset(self) -> TargetReportFilter:
        return TargetReportFilter(
            self.request.GET or None,
            queryset=self.report_queryset(),
            omit=self.filter_omit,
            as_of_assessments=self.as_of_assessments(),
            choice_targets=self.choice_targets(),
            unit_choices=self.unit_choices(),
        )


class TargetReportView(ReportAccessMixin, FilteredTargetsMixin, BoundedTableMixin, FilterView):
    """A filtered, sorted, paged table of targets; sorting and paging happen
    in the database (django-tables2 on the QuerySet)."""

    filterset_class = TargetReportFilter
    export_url_name = ""

    def get_queryset(self) -> QuerySet[Target]:
        return self.report_queryset()

    def get_filterset_kwargs(self, filterset_class: type) -> dict[str, Any]:
        kwargs = super().get_filterset_kwargs(filterset_class)
        kwargs["omit"] = self.filter_omit
        kwargs["as_of_assessments"] = self.as_of_assessments()
        kwargs["choice_targets"] = self.choice_targets()
        kwargs["unit_choices"] = self.unit_choices()
        return kwargs

    def known_row_count(self) -> int | None:
        """Unfiltered, the table's row count is a plain count of the page's
        targets (an index read), not a count over the status joins."""
        plain = self.choice_targets()
        if plain is None or self.filters_active():
            return None
        return plain.count()

    def get_table_kwargs(self) -> dict[str, Any]:
        return {"as_of": self.as_of(), "assessments": self.as_of_assessments()}

    def filters_active(self) -> bool:
        """Whether the reader narrowed the targets (sorting, paging and the
        as-of date are not filters)."""
        filterset = getattr(self, "filterset", None)
        if filterset is None or not filterset.is_bound:
            return False
        return any(self.request.GET.get(name) for name in filterset.filters)

    def filtered_ids(self) -> list[int] | None:
        """The targets the filters left (None: not filtered), for the
        summaries that follow the table (an invalid filter leaves none)."""
        if not self.filters_active():
            return None
        return list(self.object_list.values_list("pk", flat=True))

    def export_url(self) -> str:
        """The export link carries the page's filters (not its sort or page)."""
        filters = [(k, v) for k, v in self.request.GET.items() if k not in _NOT_FILTERS and v]
        query = f"?{urlencode(filters)}" if filters else ""
        return self.export_path() + query

    @abstractmethod
    def export_path(self) -> str:
        """Each concrete report supplies its own (plan, unit ...)."""

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context.update(self.as_of_context())
        if self.request.user.has_perm(EXPORT):
            context["export_url"] = self.export_url()
        return context


class TargetExportView(ExportAccessMixin, FilteredTargetsMixin, View):
    """The filtered targets as the attainment CSV (the columns of
    ``manage.py export_attainment``), streamed."""

    @abstractmethod
    def filename(self) -> str:
        """Each concrete report supplies its own (plan, unit ...)."""

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> StreamingHttpResponse:
        filterset = self.filterset()
        if filterset.is_bound and not filterset.is_valid():
            targets = filterset.queryset.none()
        else:
            targets = filterset.qs
        return export_targets(
            self.filename(), list(targets.values_list("pk", flat=True)), as_of=self.as_of()
        )


def export_targets(
    stem: str, target_ids: list[int], *, as_of: date | None = None
) -> StreamingHttpResponse:
    """Stream the attainment rows of these targets (BOM, formula-safe), as
    of ``as_of`` (default today)."""
    day = (as_of or timezone.localdate()).isoformat()
    return streaming_csv_response(
        f"{stem}-{day}.csv", COLUMNS, attainment_rows(target_ids=target_ids, as_of=as_of)
    )
