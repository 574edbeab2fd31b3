"""Exports for auditors: streamed, Excel-friendly, formula-safe CSV.

``csvstream`` is the shared writer (the ``export_attainment`` command and the
report pages both use it); ``attainment`` builds the attainment rows.
"""

from tracker.exports.csvstream import (
    csv_cell,
    csv_chunks,
    format_cell,
    streaming_csv_response,
)

__all__ = ["csv_cell", "csv_chunks", "format_cell", "streaming_csv_response"]
