"""Preparing the responsible units and their aliases: every label (a name
or an alias, of this import or stored) must name one unit, and a label
already stored stays with its unit. Returns the labels for the targets'
assignments.
"""

from __future__ import annotations

from django.utils.translation import gettext as _

from tracker.imports.prepare.collector import Collector
from tracker.imports.prepare.rows import _assign, _link, _unsaved
from tracker.imports.problems import Place
from tracker.imports.specs import UNIT_KEYS, PlanFile
from tracker.models import Unit, UnitAlias


class UnitSteps(Collector):
    """Units and aliases, and the label -> unit map the targets use."""

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
