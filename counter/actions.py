"""The console's actions: their keys, shortcuts, and when each makes sense (pure logic)."""

from __future__ import annotations

from dataclasses import dataclass

from counter.strings import tr
from shared.counter_queue import CounterState


@dataclass(frozen=True)
class ActionSpec:
    key: str  # also the name of the label in the catalogue
    shortcuts: tuple[str, ...]
    event_kind: str  # the event the action writes (to tell whether it got recorded)


ACTIONS: tuple[ActionSpec, ...] = (
    ActionSpec("call_next", ("F1", "Space"), "call"),
    ActionSpec("recall", ("F2",), "recall"),
    ActionSpec("no_show", ("F3",), "no_show"),
    ActionSpec("done", ("F4",), "finish"),
    ActionSpec("transfer", ("F5",), "transfer"),
    ActionSpec("pause", ("F6",), "pause"),  # reads "Lanjut" (resume) while on a break
    ActionSpec("call_this", ("F7",), "call"),
    # Shown only for a few seconds after a no-show or "finish and call next" (UndoOffer).
    ActionSpec("undo", ("Ctrl+Z",), "undo"),
)
BY_KEY = {spec.key: spec for spec in ACTIONS}


@dataclass(frozen=True)
class Situation:
    """What the enabled states depend on."""

    state: CounterState | None
    busy: bool
    online: bool
    selected: str | None
    undo_for: str | None = None  # the number an undo would serve again (None: no offer)


def disabled_reasons(s: Situation) -> dict[str, str | None]:
    """For each action key: None when it can be used now, else why not (for the tooltip)."""
    common = _blocked(s)
    if common is not None:
        return {spec.key: common for spec in ACTIONS}
    state = s.state
    assert state is not None
    serving = state.current is not None
    no_ticket = None if serving else tr("why_idle")
    reasons: dict[str, str | None] = {
        "recall": no_ticket,
        "no_show": no_ticket,
        "done": no_ticket,
        "transfer": no_ticket or (None if state.other_agencies else tr("why_no_target")),
        "pause": tr("why_busy_serving") if serving and not state.paused else None,
        "undo": None if s.undo_for else tr("why_no_undo"),
    }
    if state.paused:
        reasons["call_next"] = reasons["call_this"] = tr("why_paused")
    else:
        reasons["call_next"] = None if serving or state.waiting else tr("why_empty")
        reasons["call_this"] = None if s.selected else tr("why_no_selection")
    return reasons


def _blocked(s: Situation) -> str | None:
    if not s.online:
        return tr("why_offline")
    if s.busy or s.state is None:
        return tr("why_busy")
    if not s.state.agencies:
        return tr("why_no_agency")
    return None
