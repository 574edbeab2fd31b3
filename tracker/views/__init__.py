"""The report pages and the review queue, one module per subject.

Every page needs a login and a read permission (``access``); report pages
read the stored statuses and say the date they are valid for when the daily
refresh (``manage.py refresh_statuses``) has not yet run today.
"""
