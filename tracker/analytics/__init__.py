"""Reads that outgrow the ORM, in SQLAlchemy Core on Django's connection."""
