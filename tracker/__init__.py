"""The tracker: plans, targets, responsible units, documents and outcomes."""
