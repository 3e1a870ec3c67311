"""Stage 2 for procedures: the steps must join up into a graph that can be followed.

The model has already checked each step alone. Here the steps are checked together:
ids are unique, every next, branch and role points at something that exists, every
step can be reached from the first one, and from every step an end can be reached.
Each problem is reported at the line of the field that causes it.
"""

from __future__ import annotations

import difflib

from generator.errors import ContentError
from generator.messages import content as msg
from generator.model.procedure import Procedure
from generator.yaml_source import YamlDocument


def check_procedure(procedure: Procedure, doc: YamlDocument) -> list[ContentError]:
    """Every graph and reference problem of one procedure, each at its line."""
    errors = _check_roles(procedure, doc)
    link_errors = _check_step_ids(procedure, doc) + _check_links(procedure, doc)
    errors += link_errors + _check_branches(procedure, doc)
    # With a broken link the graph is incomplete, and reachability errors would only
    # repeat the same mistake in other words: fix the links first.
    if not link_errors:
        errors += _check_reachable(procedure, doc)
        errors += _check_ends(procedure, doc)
    return errors


# --- ids and links -------------------------------------------------------------------


def _check_roles(procedure: Procedure, doc: YamlDocument) -> list[ContentError]:
    errors = _duplicates(doc, "roles", [role.id for role in procedure.roles], msg.ROLE_ID)
    role_ids = [role.id for role in procedure.roles]
    for index, step in enumerate(procedure.steps):
        if step.role not in role_ids:
            errors.append(
                doc.error(
                    ("steps", index, "role"),
                    msg.NO_SUCH_ROLE.format(id=step.role, hint=_hint(step.role, role_ids)),
                )
            )
    return errors


def _check_step_ids(procedure: Procedure, doc: YamlDocument) -> list[ContentError]:
    return _duplicates(doc, "steps", [step.id for step in procedure.steps], msg.STEP_ID)


def _check_links(procedure: Procedure, doc: YamlDocument) -> list[ContentError]:
    step_ids = [step.id for step in procedure.steps]
    errors = []
    if procedure.start not in step_ids:
        hint = _hint(procedure.start, step_ids)
        message = msg.NO_SUCH_PROCEDURE_STEP.format(id=procedure.start, hint=hint)
        errors.append(doc.error(("start",), message))
    for index, step in enumerate(procedure.steps):
        for loc, target in _targets(index, step):
            if target == step.id:
                errors.append(doc.error(loc, msg.NEXT_IS_ITSELF))
            elif target not in step_ids:
                hint = _hint(target, step_ids)
                message = msg.NO_SUCH_PROCEDURE_STEP.format(id=target, hint=hint)
                errors.append(doc.error(loc, message))
    return errors


def _check_branches(procedure: Procedure, doc: YamlDocument) -> list[ContentError]:
    """Two answers of one question must differ, both in wording and in where they lead."""
    errors = []
    for index, step in enumerate(procedure.steps):
        labels: dict[str, int] = {}
        targets: dict[str, int] = {}
        for number, branch in enumerate(step.branches):
            loc = ("steps", index, "branches", number)
            if branch.label in labels:
                errors.append(
                    doc.error(
                        loc + ("label",),
                        msg.DUPLICATE_BRANCH_LABEL.format(
                            label=branch.label, line=labels[branch.label]
                        ),
                    )
                )
            if branch.next in targets:
                errors.append(
                    doc.error(
                        loc + ("next",),
                        msg.BRANCHES_SAME_TARGET.format(
                            line=targets[branch.next], step=branch.next
                        ),
                    )
                )
            labels.setdefault(branch.label, doc.locate(loc + ("label",))[0])
            targets.setdefault(branch.next, doc.locate(loc + ("next",))[0])
    return errors


def _duplicates(doc: YamlDocument, key: str, ids: list[str], what: str) -> list[ContentError]:
    errors, first_line = [], {}
    for index, item_id in enumerate(ids):
        loc = (key, index, "id")
        if item_id in first_line:
            message = msg.DUPLICATE_ID.format(what=what, id=item_id, line=first_line[item_id])
            errors.append(doc.error(loc, message))
        else:
            first_line[item_id] = doc.locate(loc)[0]
    return errors


def _targets(index: int, step) -> list[tuple[tuple, str]]:
    """Where a step can lead, each with the location of the field that says so."""
    return [(("steps", index, *exit.field), exit.target) for exit in step.exits]


def _hint(wrong: str, known: list[str]) -> str:
    known = list(dict.fromkeys(known))  # a duplicated id is reported on its own
    guess = difflib.get_close_matches(wrong, known, n=1)
    if guess:
        return msg.DID_YOU_MEAN.format(guess=guess[0])
    if known and len(known) <= 12:
        return msg.HINT_KNOWN.format(ids=msg.LIST_SEPARATOR.join(known))
    return ""


# --- the graph -----------------------------------------------------------------------


def successors(procedure: Procedure) -> dict[str, list[str]]:
    """Each step id → the step ids it leads to, in the order written."""
    return {step.id: step.targets for step in procedure.steps}


def _walk(starts: list[str], edges: dict[str, list[str]]) -> set[str]:
    seen, pending = set(starts), list(starts)
    while pending:
        for target in edges.get(pending.pop(), []):
            if target not in seen:
                seen.add(target)
                pending.append(target)
    return seen


def _check_reachable(procedure: Procedure, doc: YamlDocument) -> list[ContentError]:
    edges = successors(procedure)
    reached = _walk([procedure.start], edges)
    errors = []
    for index, step in enumerate(procedure.steps):
        if step.id in reached:
            continue
        sources = [source for source, targets in edges.items() if step.id in targets]
        if sources:
            why = msg.UNREACHABLE_SOURCES.format(sources=msg.LIST_SEPARATOR.join(sources))
        else:
            why = msg.UNREACHABLE_NOTHING
        message = msg.UNREACHABLE.format(start=procedure.start, why=why)
        errors.append(doc.error(("steps", index, "id"), message))
    return errors


def _check_ends(procedure: Procedure, doc: YamlDocument) -> list[ContentError]:
    """From every step the procedure must be able to finish: a loop needs a way out."""
    ends = [step.id for step in procedure.steps if step.kind == "end"]
    if not ends:
        return [doc.error(("steps",), msg.NO_END, key=True)]
    edges = successors(procedure)
    reverse: dict[str, list[str]] = {}
    for source, targets in edges.items():
        for target in targets:
            reverse.setdefault(target, []).append(source)
    finishing = _walk(ends, reverse)
    trapped = _walk([procedure.start], edges) - finishing
    errors = []
    for index, step in enumerate(procedure.steps):
        # Report each trap once, where the flow falls into it, not at every step inside.
        entered_from_outside = step.id == procedure.start or any(
            source not in trapped for source in reverse.get(step.id, [])
        )
        if step.id in trapped and entered_from_outside:
            inside = _walk([step.id], edges)
            loop = msg.LIST_SEPARATOR.join(s.id for s in procedure.steps if s.id in inside)
            errors.append(doc.error(("steps", index, "id"), msg.TRAPPED.format(loop=loop)))
    return errors
