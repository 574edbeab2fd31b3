"""The tracker's one reader of Chinese figures, changes and periods.

Plain Python, split by job:

- ``figures``: ``[qualifier] number [万|亿|万亿] unit [suffix]`` (Arabic and
  Chinese numerals, ``三成``), with offsets;
- ``unit_tokens``: where a unit token ends; the caller's unit registry
  (``units=``) decides which units exist, never this package;
- ``changes``: signed changes (``增长``, ``下降4%`` is -4, ``提高…个百分点``,
  ``从X下降到Y``, ``由X跃升至Y``);
- ``periods``: ``2023年``, ``2022年1~10月``, ``上半年``, ``至2023年底``,
  ``“十四五”以来``, ``今年`` ... resolved against the document's date;
- ``targets``: a whole target statement (comparator, commitment, decline);
- ``direction``: a *suggested* direction from the indicator's name;
- ``quotes``: whether a quote states a figure (sign-aware), and what an
  outcome's quote says (figure and period) to fill the admin's form.
"""

from tracker.domain.phrases.changes import Change, find_changes
from tracker.domain.phrases.direction import (
    LOWER_IS_BETTER_CUES,
    DirectionSuggestion,
    suggest_direction,
)
from tracker.domain.phrases.figures import (
    Figure,
    FigureMatch,
    UnparsableFigure,
    find_figures,
    parse_figure,
)
from tracker.domain.phrases.periods import Period, PeriodMatch, find_periods, parse_period
from tracker.domain.phrases.quotes import (
    QuoteReading,
    quote_states_value,
    read_quote,
    stated_values,
)
from tracker.domain.phrases.targets import TargetPhrase, parse_target_phrase
from tracker.domain.phrases.unit_tokens import UnitLexicon, lexicon_of

__all__ = [
    "LOWER_IS_BETTER_CUES",
    "Change",
    "DirectionSuggestion",
    "Figure",
    "FigureMatch",
    "Period",
    "PeriodMatch",
    "TargetPhrase",
    "UnitLexicon",
    "UnparsableFigure",
    "find_changes",
    "find_figures",
    "find_periods",
    "lexicon_of",
    "parse_figure",
    "parse_period",
    "parse_target_phrase",
    "QuoteReading",
    "quote_states_value",
    "read_quote",
    "stated_values",
    "suggest_direction",
]
