"""Synthetic national-scale data (issue 11): plans, targets, assignments,
documents and outcomes made up by rule, loaded straight into an empty
database (``manage.py generate_synthetic``; docs/performance.md).

``scenarios`` makes the rows (plain Python, seeded, so a run reproduces);
``load`` writes them: ``COPY`` on PostgreSQL, ``executemany`` on SQLite.
"""
