"""Preparing outcomes (from a plan file or an outcome CSV): each checked by
the project's rules, its quote found in its document (warnings when the
figure is not written in it, or the unit cannot convert to the target's),
and matched to a stored outcome by its natural key (target, document,
period, quote). Stored outcomes of the plans imported that no file mentions
are reported.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from tracker import validation
from tracker.domain.display import format_decimal
from tracker.domain.phrases import quote_states_value
from tracker.imports.prepare.changes import OUTCOME_KEY_FIELDS, Missing
from tracker.imports.prepare.collector import Collector, _Target
from tracker.imports.prepare.rows import _assign
from tracker.imports.problems import Place
from tracker.imports.specs import OUTCOME_KEYS, OutcomeSpec, PlanFile
from tracker.models import Outcome


def _digits_in(value: Decimal | None, quote: str) -> bool:
    """Whether the figure is written in the quote (6.4 in '增长6.4%'; -4 in
    '下降4%', since a decline is entered as a negative change)."""
    if value is None:
        return True
    return quote_states_value(value, quote)


class OutcomeSteps(Collector):
    """Outcomes, matched by their natural key."""

    def outcomes_of(self, files: list[PlanFile]) -> None:
        for plan_file in files:
            for spec in plan_file.outcomes:
                if not spec.code:
                    continue
                target = self.targets.get((spec.plan, spec.code)) or self.stored_target(
                    spec.plan, spec.code
                )
                if target is None:
                    self.problems.error(
                        spec.place,
                        "target",
                        _("目标“%(code)s”不在规划“%(plan)s”中（本次导入的文件和数据库都没有）")
                        % {"code": spec.code, "plan": spec.plan},
                    )
                self.outcome(spec, plan_file.name, target)
        # Stored outcomes of the plans imported that no file mentions.
        stored_plans = [plan for plan in self.plans.values() if plan.pk is not None]
        if stored_plans:
            rest = (
                Outcome.objects.filter(target__plan__in=stored_plans)
                .exclude(state="withdrawn")
                .exclude(pk__in=self.matched_outcomes)
                .select_related("target__plan")
                .order_by("target__plan__slug", "target__code", "period_end", "id")
            )
            for outcome in rest:
                self.missing.append(
                    Missing(
                        self.plan_files[outcome.target.plan.slug],
                        "outcome",
                        f"#{outcome.pk} {outcome.target.plan.slug}:{outcome.target.code} "
                        f"{format_decimal(outcome.value)}{outcome.unit} "
                        f"{outcome.period_start}..{outcome.period_end}",
                    )
                )

    def outcome(self, spec: OutcomeSpec, file: str, target: _Target | None) -> None:
        """Validate one outcome (from a plan file or a CSV row) and match it
        to a stored one by its natural key."""
        fields = spec.fields
        place = spec.place
        probe = Outcome(**fields)
        self.rules(
            place,
            (validation.check_period, fields["period_start"], fields["period_end"]),
            (
                validation.check_range,
                fields["qualifier"],
                fields["value"],
                fields["value_high"],
                {"field": "value_high"},
            ),
            keys=OUTCOME_KEYS,
        )
        self.clean(probe, place, exclude=["target", "document"], keys=OUTCOME_KEYS)
        self.rules(
            place,
            (validation.check_proxy_indicator, fields["is_proxy"], fields["reported_indicator"]),
            keys=OUTCOME_KEYS,
        )
        if target is not None and fields["unit"] and not self.problems.has_error(place, "unit"):
            # Stored and shown, never refused: it yields "incomparable"
            # (docs/attainment.md section 1).
            warning = validation.incomparable_units_warning(fields["unit"], target.unit)
            if warning:
                self.problems.warn(place, "unit", warning)
        document = self.document(spec.document) if spec.document else None
        if spec.document and document is None:
            self.problems.error(
                place,
                "document",
                _("文件“%(slug)s”在本次导入的文件和数据库中都不存在") % {"slug": spec.document},
            )
        quote = fields["quote"]
        if document is not None and document.usable and quote:
            self._check_quote(place, fields, document.text)
        if target is None or document is None:
            return
        key = (id(target.instance), id(document.instance), *(fields[k] for k in OUTCOME_KEY_FIELDS))
        if key in self.outcome_keys:
            self.problems.error(
                place,
                "quote",
                _("与 %(place)s 是同一条完成情况（目标、文件、统计期和引述都相同）")
                % {"place": self.outcome_keys[key]},
            )
            return
        self.outcome_keys[key] = place
        stored: list[Outcome] = []
        if target.instance.pk is not None and document.instance.pk is not None:
            stored = self.stored_outcomes.matching(target.instance.pk, document.instance.pk, fields)
        if len(stored) > 1:
            self.problems.error(
                place,
                "",
                _("数据库中有多条完成情况与之对应（#%(ids)s），无法确定更新哪一条")
                % {"ids": ", #".join(str(o.pk) for o in stored)},
            )
            return
        links = {"target": target.instance, "document": document.instance}
        label = f"{spec.plan}:{spec.code} {quote[:20]}"
        if stored:
            outcome = stored[0]
            self.matched_outcomes.add(outcome.pk)
            changed = _assign(
                outcome, {k: v for k, v in fields.items() if k not in OUTCOME_KEY_FIELDS}
            )
            if target.locked and changed:
                self._locked(place, target.instance)
            self.record("outcome", file, place, label, outcome, new=False, changed=changed)
        else:
            if target.locked:
                self._locked(place, target.instance)
            self.record("outcome", file, place, label, probe, new=True, links=links)

    def _check_quote(self, place: Place, fields: dict[str, Any], text: str) -> None:
        quote = fields["quote"]
        try:
            validation.locate_quote(quote, text)
        except ValidationError as error:
            self.problems.validation(place, error, keys=OUTCOME_KEYS)
            return
        count = text.count(quote)
        if count > 1:
            self.problems.warn(
                place,
                "quote",
                _("引述在文件中出现 %(count)d 次，位置取第一次") % {"count": count},
            )
        if "\n" in quote:
            self.problems.warn(place, "quote", _("引述跨行"))
        for key in ("value", "value_high"):
            if not _digits_in(fields[key], quote):
                self.problems.warn(
                    place,
                    key,
                    _("数值 %(value)s 没有写在引述中（请确认是从原文读出，而非推算）")
                    % {"value": fields[key]},
                )
