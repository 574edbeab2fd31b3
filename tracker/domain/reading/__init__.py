"""Reading whole documents into suggestions (issue 13): a plan's text into
draft targets (``plans``), a later text into outcome drafts for open
targets (``outcomes``). Plain Python over the phrase readers in
``tracker.domain.phrases``; nothing here touches the database, and every
suggestion is for a person to confirm.
"""

from tracker.domain.reading.mentions import Mention, read_mentions
from tracker.domain.reading.outcomes import OpenTarget, Proposal, propose_outcomes
from tracker.domain.reading.plans import PlanReading, SuggestedTarget, Task, read_plan, split_units

__all__ = [
    "Mention",
    "OpenTarget",
    "PlanReading",
    "Proposal",
    "SuggestedTarget",
    "Task",
    "propose_outcomes",
    "read_mentions",
    "read_plan",
    "split_units",
]
