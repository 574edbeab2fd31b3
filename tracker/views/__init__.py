"""The report pages and the review queue, one module per subject.

Every page needs a login and a read permission (``access``); report pages
bring the stored statuses up to date first (``ensure_fresh``), so a status
never lags the calendar.
"""
