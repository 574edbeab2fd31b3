"""Validate an import completely and work out what it would change.

Nothing is written here. Every spec read from the files is matched to the
row it would create or update (by natural key), checked with the project's
own rules (the models' ``full_clean``, so field sizes, words in their sets,
period order, ranges and known units come from ``tracker/models.py`` and
``tracker/validation.py``; quotes through ``tracker.validation``), and
every problem is collected with its place; a figure whose unit cannot
convert to its target's is a warning (it is stored and yields
``incomparable``), never an error. The
result is a ``ChangeSet`` the writer applies in one transaction, or
``ImportFailed`` listing every problem.

Natural keys: plan by slug, document by slug, unit by name or alias, alias by
its text, target by (plan, code), assignment by (target, unit), outcome by
(target, document, period_start, period_end, quote): the figure, its
qualifier, unit, proxy flag and note are what a correction changes, while
the sentence quoted and the period it covers say *which* reported figure it
is. Changing the quote or the period therefore makes a new outcome, and the
old one is reported as not in the file.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext as _

from tracker import validation
from tracker.analytics.units import registry_scope
from tracker.domain.phrases import quote_states_value
from tracker.imports.planfile import read_plan_files
from tracker.imports.problems import ImportFailed, Place, Problem, Problems
from tracker.imports.specs import (
    OUTCOME_KEYS,
    TARGET_KEYS,
    UNIT_KEYS,
    OutcomeSpec,
    PlanFile,
    PlanSpec,
)
from tracker.imports.stored import StoredOutcomes, stored_targets
from tracker.models import (
    Assignment,
    Document,
    Outcome,
    Plan,
    Target,
    Unit,
    UnitAlias,
)
from tracker.services.documents import text_change_refusal

# Write order: whatever a row refers to is written before it.
ENTITIES = ("document", "unit", "unitalias", "plan", "target", "assignment", "outcome")
MODELS: dict[str, type[models.Model]] = {
    "document": Document,
    "unit": Unit,
    "unitalias": UnitAlias,
    "plan": Plan,
    "target": Target,
    "assignment": Assignment,
    "outcome": Outcome,
}
# Fields of an outcome that make up its natural key (never updated in place).
OUTCOME_KEY_FIELDS = ("period_start", "period_end", "quote")


@dataclass
class Change:
    """One row an import creates, updates or finds unchanged."""

    entity: str
    action: str  # "create", "update" or "unchanged"
    file: str
    place: Place
    label: str
    instance: models.Model
    links: dict[str, models.Model] = field(default_factory=dict)
    changed: tuple[str, ...] = ()


@dataclass
class Missing:
    """A stored row of a plan in the import that no file mentions: reported,
    never deleted (see docs/plan-files.md, "Importing")."""

    file: str
    entity: str
    label: str


@dataclass
class ChangeSet:
    files: list[str]
    changes: list[Change]
    missing: list[Missing] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    notes: dict[str, str] = field(default_factory=dict)

    def counts(self, file: str) -> dict[str, Counter]:
        """``{entity: Counter(create=…, update=…, unchanged=…)}`` for one file."""
        result: dict[str, Counter] = {}
        for change in self.changes:
            if change.file == file:
                result.setdefault(change.entity, Counter())[change.action] += 1
        return {entity: result[entity] for entity in ENTITIES if entity in result}

    @property
    def writes(self) -> list[Change]:
        return [change for change in self.changes if change.action != "unchanged"]


@dataclass
class _Doc:
    instance: Document
    text: str
    usable: bool  # False when its text could not be read: skip quote checks


@dataclass
class _Target:
    instance: Target
    unit: str
    locked: bool
    file: str


def _choices(model: type[models.Model]) -> dict[str, list[str]]:
    return {
        f.name: [str(value) for value, _label in f.choices]
        for f in model._meta.concrete_fields
        if f.choices
    }


def _assign(instance: models.Model, values: dict[str, Any]) -> list[str]:
    """Set the values that differ from the row's; return their names.
    Decimals compare by value, so "2.1" equals a stored 2.100000."""
    changed = []
    for name, value in values.items():
        if getattr(instance, name) != value:
            setattr(instance, name, value)
            changed.append(name)
    return changed


def _link(instance: models.Model, name: str, related: models.Model | None) -> bool:
    """Point a foreign key at ``related`` (possibly not yet saved); True when
    that changes the row. Unsaved rows are linked again at write time."""
    attname = instance._meta.get_field(name).attname
    current = getattr(instance, attname)
    if related is None:
        if current is not None:
            setattr(instance, name, None)
            return True
        return False
    if related.pk is None:
        return True
    if current != related.pk:
        setattr(instance, name, related)
        return True
    return False


def _unsaved(links: dict[str, models.Model | None]) -> list[str]:
    return [name for name, related in links.items() if related is not None and related.pk is None]


def _digits_in(value: Decimal | None, quote: str) -> bool:
    """Whether the figure is written in the quote (6.4 in '增长6.4%'; -4 in
    '下降4%', since a decline is entered as a negative change)."""
    if value is None:
        return True
    return quote_states_value(value, quote)


class Preparer:
    """Collects changes and problems for one import run."""

    def __init__(self, problems: Problems) -> None:
        self.problems = problems
        self.changes: dict[str, list[Change]] = {entity: [] for entity in ENTITIES}
        self.missing: list[Missing] = []
        self.documents: dict[str, _Doc] = {}
        self.plans: dict[str, Plan] = {}
        self.plan_files: dict[str, str] = {}
        self.plan_texts: dict[str, _Doc | None] = {}
        self.targets: dict[tuple[str, str], _Target] = {}
        self.outcome_keys: dict[tuple[Any, ...], Place] = {}
        self.matched_outcomes: set[int] = set()
        self._db_targets: dict[tuple[str, str], _Target | None] = {}
        self.stored_outcomes = StoredOutcomes(OUTCOME_KEY_FIELDS)

    # ------------------------------------------------------------ helpers

    def clean(
        self,
        instance: models.Model,
        place: Place,
        *,
        exclude: Iterable[str] = (),
        keys: dict[str, str] | None = None,
    ) -> None:
        """The model's own rules (fields, ``clean()``, constraints)."""
        try:
            instance.full_clean(exclude=list(exclude))
        except ValidationError as error:
            self.problems.validation(place, error, keys=keys, choices=_choices(type(instance)))

    def rules(self, place: Place, *checks: Any, keys: dict[str, str] | None = None) -> None:
        """Each rule of ``tracker.validation`` on its own (a model's
        ``clean()`` stops at the first), so every problem shows in one run.
        Each check is ``(rule, *args)`` or ``(rule, *args, {kwargs})``."""
        for rule, *args in checks:
            kwargs = args.pop() if args and isinstance(args[-1], dict) else {}
            try:
                rule(*args, **kwargs)
            except ValidationError as error:
                self.problems.validation(place, error, keys=keys)

    def record(
        self,
        entity: str,
        file: str,
        place: Place,
        label: str,
        instance: models.Model,
        *,
        new: bool,
        changed: Iterable[str] = (),
        links: dict[str, models.Model | None] | None = None,
    ) -> Change:
        changed = tuple(changed)
        action = "create" if new else ("update" if changed else "unchanged")
        change = Change(
            entity=entity,
            action=action,
            file=file,
            place=place,
            label=label,
            instance=instance,
            links={name: rel for name, rel in (links or {}).items() if rel is not None},
            changed=changed,
        )
        self.changes[entity].append(change)
        return change

    def document(self, slug: str) -> _Doc | None:
        """A document of this import, else the stored one."""
        if slug not in self.documents:
            stored = Document.objects.filter(slug=slug).first()
            if stored is None:
                return None
            self.documents[slug] = _Doc(stored, stored.text, True)
        return self.documents[slug]

    def preload_targets(self, keys: Iterable[tuple[str, str]]) -> None:
        """Read many stored targets (and their outcomes) at once, so that
        ``stored_target`` and ``outcome`` query nothing per row."""
        keys = [key for key in keys if key not in self._db_targets]
        found = stored_targets(keys)
        for key in keys:
            stored = found.get(key)
            self._db_targets[key] = (
                _Target(stored, stored.unit, stored.locked_at is not None, "")
                if stored is not None
                else None
            )
        self.stored_outcomes.preload(target.pk for target in found.values())

    def stored_target(self, plan: str, code: str) -> _Target | None:
        key = (plan, code)
        if key not in self._db_targets:
            stored = (
                Target.objects.filter(plan__slug=plan, code=code).select_related("plan").first()
            )
            self._db_targets[key] = (
                _Target(stored, stored.unit, stored.locked_at is not None, "")
                if stored is not None
                else None
            )
        return self._db_targets[key]

    def change_set(self, files: list[str]) -> ChangeSet:
        ordered = [change for entity in ENTITIES for change in self.changes[entity]]
        return ChangeSet(
            files=files,
            changes=ordered,
            missing=self.missing,
            warnings=self.problems.warnings,
        )

    # ---------------------------------------------------------- documents

    def documents_of(self, files: list[PlanFile]) -> None:
        defined: dict[str, Place] = {}
        for plan_file in files:
            for spec in plan_file.documents:
                if not spec.slug:
                    continue
                if spec.slug in defined:
                    self.problems.error(
                        spec.place,
                        "slug",
                        _("文件标识重复：已在 %(place)s 定义") % {"place": defined[spec.slug]},
                    )
                    continue
                defined[spec.slug] = spec.place
                stored = Document.objects.filter(slug=spec.slug).first()
                instance = stored or Document()
                changed = _assign(instance, spec.fields)
                self.clean(instance, spec.place)
                usable = bool(spec.fields["text"]) and not self.problems.has_error(
                    spec.place, "text_file"
                )
                if stored is not None and "text" in changed:
                    refusal = text_change_refusal(stored.pk)
                    if refusal is not None:
                        self.problems.error(spec.place, "text", refusal)
                self.documents[spec.slug] = _Doc(instance, spec.fields["text"], usable)
                self.record(
                    "document",
                    plan_file.name,
                    spec.place,
                    spec.slug,
                    instance,
                    new=stored is None,
                    changed=changed,
                )

    # -------------------------------------------------------------- units

    def units_of(self, files: list[PlanFile]) -> dict[str, Unit]:
        """Units and aliases; returns every label (name or alias) of this
        import or the database -> its unit."""
        by_pk = {unit.pk: unit for unit in Unit.objects.all()}  # one object per unit
        stored_labels: dict[str, Unit] = {unit.name: unit for unit in by_pk.values()}
        stored_aliases: dict[int, set[str]] = {}
        for alias, unit_id in UnitAlias.objects.values_list("alias", "unit_id"):
            stored_labels[alias] = by_pk[unit_id]
            stored_aliases.setdefault(unit_id, set()).add(alias)

        owner: dict[str, str] = {}  # label -> unit name in this import
        units: dict[str, Unit] = {}  # unit name in this import -> row
        collective: dict[str, tuple[bool, Place]] = {}
        known: dict[str, set[str]] = {}  # unit name -> labels it has or will have
        labels: dict[str, Unit] = dict(stored_labels)
        for plan_file in files:
            local: set[str] = set()
            for spec in plan_file.units:
                if not spec.name:
                    continue
                names = [("name", spec.name)] + [("aliases", alias) for alias in spec.aliases]
                clash = False
                for key, label in names:
                    if label in local:
                        self.problems.error(
                            spec.place, key, _("“%(label)s”在本文件中出现两次") % {"label": label}
                        )
                    local.add(label)
                    if owner.setdefault(label, spec.name) != spec.name:
                        clash = True
                        self.problems.error(
                            spec.place,
                            key,
                            _("“%(label)s”已是单位“%(unit)s”的名称或别名")
                            % {"label": label, "unit": owner[label]},
                        )
                if clash:
                    continue
                if spec.name in units:
                    first_collective, first_place = collective[spec.name]
                    if first_collective != spec.collective:
                        self.problems.error(
                            spec.place,
                            "collective",
                            _("与 %(place)s 中的定义不一致") % {"place": first_place},
                        )
                    unit = units[spec.name]
                    self.record("unit", plan_file.name, spec.place, spec.name, unit, new=False)
                else:
                    matches = {
                        stored_labels[label].pk: stored_labels[label]
                        for _key, label in names
                        if label in stored_labels
                    }
                    if len(matches) > 1:
                        self.problems.error(
                            spec.place,
                            "name",
                            _("名称和别名分属数据库中的多个单位：%(units)s")
                            % {"units": "、".join(sorted(u.name for u in matches.values()))},
                        )
                        continue
                    stored = next(iter(matches.values()), None)
                    unit = stored or Unit(name=spec.name)
                    changed = _assign(unit, {"is_collective": spec.collective})
                    self.clean(unit, spec.place, keys=UNIT_KEYS)
                    units[spec.name] = unit
                    collective[spec.name] = (spec.collective, spec.place)
                    known[spec.name] = {unit.name} | stored_aliases.get(unit.pk, set())
                    self.record(
                        "unit",
                        plan_file.name,
                        spec.place,
                        spec.name,
                        unit,
                        new=stored is None,
                        changed=changed,
                    )
                for _key, label in names:
                    labels[label] = unit
                    if label == unit.name:
                        continue
                    if label in known[spec.name]:
                        # Already the unit's alias (stored, or added by an earlier file).
                        self.record(
                            "unitalias",
                            plan_file.name,
                            spec.place,
                            label,
                            UnitAlias(alias=label),
                            new=False,
                        )
                        continue
                    known[spec.name].add(label)
                    alias = UnitAlias(alias=label)
                    links = {"unit": unit}
                    _link(alias, "unit", unit)
                    self.clean(
                        alias, spec.place, exclude=_unsaved(links), keys={"alias": "aliases"}
                    )
                    self.record(
                        "unitalias",
                        plan_file.name,
                        spec.place,
                        label,
                        alias,
                        new=True,
                        links=links,
                    )
        return labels

    # -------------------------------------------------------------- plans

    def plans_of(self, files: list[PlanFile]) -> None:
        specs: list[tuple[PlanFile, PlanSpec]] = []
        for plan_file in files:
            spec = plan_file.plan
            if spec is None or not spec.slug:
                continue
            if spec.slug in self.plans:
                self.problems.error(
                    spec.place,
                    "slug",
                    _("规划标识重复：%(file)s 中也有") % {"file": self.plan_files[spec.slug]},
                )
                continue
            stored = Plan.objects.filter(slug=spec.slug).first()
            self.plans[spec.slug] = stored or Plan()
            self.plan_files[spec.slug] = plan_file.name
            specs.append((plan_file, spec))

        parents: dict[str, str] = {}
        for plan_file, spec in specs:
            plan = self.plans[spec.slug]
            stored = plan.pk is not None
            changed = _assign(plan, spec.fields)
            parent = None
            if spec.parent:
                parents[spec.slug] = spec.parent
                if spec.parent == spec.slug:
                    self.problems.error(spec.place, "parent", _("规划不能是自己的上位规划"))
                else:
                    parent = (
                        self.plans.get(spec.parent) or Plan.objects.filter(slug=spec.parent).first()
                    )
                    if parent is None:
                        self.problems.error(
                            spec.place,
                            "parent",
                            _("上位规划“%(slug)s”在本次导入的文件和数据库中都不存在")
                            % {"slug": spec.parent},
                        )
            document = None
            self.plan_texts[spec.slug] = None
            if spec.document:
                found = self.document(spec.document)
                if found is None:
                    self.problems.error(
                        spec.place,
                        "document",
                        _("文件“%(slug)s”在本次导入的文件和数据库中都不存在")
                        % {"slug": spec.document},
                    )
                else:
                    document = found.instance
                    self.plan_texts[spec.slug] = found
            links = {"parent": parent, "document": document}
            for name, related in links.items():
                if _link(plan, name, related):
                    changed.append(name)
            self.clean(plan, spec.place, exclude=_unsaved(links))
            self.record(
                "plan",
                plan_file.name,
                spec.place,
                spec.slug,
                plan,
                new=not stored,
                changed=changed,
                links=links,
            )
        self._check_cycles(specs, parents)
        self._parents_first()

    def _check_cycles(
        self, specs: list[tuple[PlanFile, PlanSpec]], parents: dict[str, str]
    ) -> None:
        def parent_of(slug: str) -> str:
            if slug in parents or slug in self.plans:
                return parents.get(slug, "")
            stored = Plan.objects.filter(slug=slug).values_list("parent__slug", flat=True).first()
            return stored or ""

        for _plan_file, spec in specs:
            seen = [spec.slug]
            slug = parent_of(spec.slug)
            while slug and slug not in seen and len(seen) < 100:
                seen.append(slug)
                slug = parent_of(slug)
            if slug == spec.slug and len(seen) > 1:
                self.problems.error(
                    spec.place,
                    "parent",
                    _("上位规划形成循环：%(chain)s") % {"chain": " → ".join([*seen, slug])},
                )

    def _parents_first(self) -> None:
        """Order plan writes so a parent made by this import is saved before
        its children."""
        changes = self.changes["plan"]
        by_slug = {change.label: change for change in changes}
        ordered: list[Change] = []

        def visit(change: Change, depth: int = 0) -> None:
            if change in ordered or depth > len(changes):
                return
            parent = change.links.get("parent")
            if parent is not None:
                parent_change = by_slug.get(getattr(parent, "slug", ""))
                if parent_change is not None:
                    visit(parent_change, depth + 1)
            ordered.append(change)

        for change in changes:
            visit(change)
        self.changes["plan"] = ordered

    # ------------------------------------------------------------ targets

    def targets_of(self, files: list[PlanFile], labels: dict[str, Unit]) -> None:
        for plan_file in files:
            spec_plan = plan_file.plan
            slug = spec_plan.slug if spec_plan else ""
            plan = self.plans.get(slug) if self.plan_files.get(slug) == plan_file.name else None
            plan_doc = self.plan_texts.get(slug)
            codes: dict[str, Place] = {}
            for spec in plan_file.targets:
                if spec.code in codes:
                    self.problems.error(
                        spec.place,
                        "code",
                        _("编号在本规划中重复（另见 %(place)s）") % {"place": codes[spec.code]},
                    )
                    continue
                if spec.code:
                    codes[spec.code] = spec.place
                stored = None
                if plan is not None and plan.pk is not None and spec.code:
                    stored = Target.objects.filter(plan=plan, code=spec.code).first()
                target = stored or Target()
                changed = _assign(target, spec.fields)
                links: dict[str, models.Model | None] = {"plan": plan}
                if _link(target, "plan", plan):
                    changed.append("plan")
                exclude = _unsaved(links) if plan is not None else ["plan"]
                values = spec.fields
                self.rules(
                    spec.place,
                    (validation.check_period, values["period_start"], values["period_end"]),
                    (
                        validation.check_range,
                        values["comparator"],
                        values["value"],
                        values["value_high"],
                        {"field": "value_high"},
                    ),
                    (
                        validation.check_baseline_pair,
                        values["baseline_value"],
                        values["baseline_date"],
                    ),
                    (validation.check_baseline_date, values["baseline_date"], values["period_end"]),
                    (validation.check_tolerance, values["tolerance"]),
                    (validation.check_unit_known, values["unit"]),
                    keys=TARGET_KEYS,
                )
                self.clean(target, spec.place, exclude=exclude, keys=TARGET_KEYS)
                self._check_statement(
                    spec.place,
                    spec.fields,
                    plan_doc,
                    has_document=bool(spec_plan and spec_plan.document),
                )
                locked = stored is not None and stored.locked_at is not None
                if locked and changed:
                    self._locked(spec.place, stored)
                if plan is None or not spec.code:
                    continue
                self.targets[(slug, spec.code)] = _Target(
                    target, spec.fields["unit"], locked, plan_file.name
                )
                self.record(
                    "target",
                    plan_file.name,
                    spec.place,
                    f"{slug}:{spec.code}",
                    target,
                    new=stored is None,
                    changed=changed,
                    links=links,
                )
                self._assignments(plan_file.name, spec.place, target, spec.units, labels, locked)
            if plan is not None and plan.pk is not None:
                for code in (
                    Target.objects.filter(plan=plan)
                    .exclude(code__in=list(codes))
                    .order_by("code")
                    .values_list("code", flat=True)
                ):
                    self.missing.append(Missing(plan_file.name, "target", f"{slug}:{code}"))

    def _locked(self, place: Place, target: Target) -> None:
        self.problems.error(
            place,
            "",
            _("目标“%(target)s”的考核期已锁定：须先解锁才能修改") % {"target": target},
        )

    def _check_statement(
        self, place: Place, fields: dict[str, Any], plan_doc: _Doc | None, *, has_document: bool
    ) -> None:
        statement, source_quote = fields["statement"], fields["source_quote"]
        if not has_document:
            if source_quote:
                self.problems.error(
                    place, "source_quote", _("给出了 source_quote，但规划没有指定 document")
                )
            return
        if plan_doc is None or not plan_doc.usable:
            return
        for key, quote in (("statement", statement), ("source_quote", source_quote)):
            if not quote or self.problems.has_error(place, key):
                continue
            try:
                validation.locate_quote(quote, plan_doc.text)
            except ValidationError as error:
                self.problems.validation(place, error, keys={"quote": key})
        if statement and source_quote and statement not in source_quote:
            self.problems.warn(place, "statement", _("statement 不在 source_quote 之内"))

    def _assignments(
        self,
        file: str,
        place: Place,
        target: Target,
        names: list[str],
        labels: dict[str, Unit],
        locked: bool,
    ) -> None:
        """First unit listed = lead, the others support, position = order."""
        stored = {a.unit_id: a for a in target.assignments.all()} if target.pk else {}
        seen: set[int] = set()
        units: list[Unit] = []
        for name in names:
            unit = labels.get(name)
            if unit is None:
                self.problems.error(
                    place,
                    "units",
                    _("责任单位“%(name)s”不是本次导入或数据库中任何单位的名称或别名")
                    % {"name": name},
                )
                continue
            if id(unit) in seen:
                self.problems.error(
                    place,
                    "units",
                    _("同一单位列了两次（名称与别名？）：%(name)s") % {"name": name},
                )
                continue
            seen.add(id(unit))
            units.append(unit)
        listed: set[int] = set()
        for position, unit in enumerate(units):
            existing = stored.get(unit.pk) if unit.pk is not None else None
            if existing is not None:
                listed.add(existing.pk)
            assignment = existing or Assignment()
            changed = _assign(
                assignment, {"role": "lead" if position == 0 else "support", "position": position}
            )
            links = {"target": target, "unit": unit}
            for name, related in links.items():
                if _link(assignment, name, related):
                    changed.append(name)
            self.clean(assignment, place, exclude=_unsaved(links))
            if locked and (existing is None or changed):
                self._locked(place, target)
            self.record(
                "assignment",
                file,
                place,
                f"{target.code} · {unit.name}",
                assignment,
                new=existing is None,
                changed=changed,
                links=links,
            )
        for assignment in stored.values():
            if assignment.pk not in listed:
                self.missing.append(
                    Missing(
                        file, "assignment", f"{target.plan.slug}:{target.code} · {assignment.unit}"
                    )
                )

    # ----------------------------------------------------------- outcomes

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
                        f"{format(outcome.value.normalize(), 'f')}{outcome.unit} "
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


def prepare_plan_import(paths: Iterable[Path]) -> ChangeSet:
    """Read and validate plan files together (documents, units and plans may
    be defined in one file and used in another, or already be stored);
    raise ``ImportFailed`` with every problem, or return the changes."""
    problems = Problems()
    files = read_plan_files(paths, problems)
    preparer = Preparer(problems)
    with registry_scope():  # the units are read once, not per row
        preparer.documents_of(files)
        labels = preparer.units_of(files)
        preparer.plans_of(files)
        preparer.targets_of(files, labels)
        preparer.outcomes_of(files)
    if problems.errors:
        raise ImportFailed(problems.errors)
    return preparer.change_set([plan_file.name for plan_file in files])
