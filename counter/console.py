"""The console's logic for one counter and one signed-in staff member: runs every action
and every refresh off the GUI thread, keeps the screen true to the database, and turns
refusals and outages into one plain line (never a dialog with a traceback)."""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import replace

from PySide6.QtCore import QObject, Signal

from counter.actions import BY_KEY, ActionSpec, Situation, disabled_reasons
from counter.strings import tr, tr_said
from counter.transfer_dialog import TransferDialog
from counter.undo_offer import UndoOffer
from counter.work_screen import WorkScreen
from shared import calling, clock
from shared.counter_queue import CounterState, counter_state, last_event_id
from shared.db import Database
from shared.errors import AntreError, DatabaseError, QueueError
from shared.qt.refresh import Refresher
from shared.qt.worker import run_task
from shared.staff import StaffInfo
from shared.undo import Undone, undo_last
from shared.views import CallResult

log = logging.getLogger("antre.counter")
QUEUE_MESSAGES = {"stale": "msg_stale", "taken": "msg_taken", "empty": "msg_empty"}


class _Unsure(Exception):
    """The database failed during an action: whether it committed is known only later."""

    def __init__(self, before: int, error: DatabaseError) -> None:
        super().__init__(str(error))
        self.before = before


class Console(QObject):
    state_shown = Signal()  # a refresh reached the screen
    action_done = Signal(str)  # an action finished (either way) and the screen shows it

    def __init__(self, db: Database, counter: int, screen: WorkScreen) -> None:
        super().__init__(screen)
        self.db, self.counter, self.screen = db, counter, screen
        self.staff: StaffInfo | None = None
        self.state: CounterState | None = None
        self.busy = False
        self.online = True
        self.reader = Refresher(self._read_work, on_success=self._refreshed,
                                on_failure=self._refresh_failed, parent=self)
        # Bumped when an action starts and ends: a refresh begun before the end may have read
        # the database before the action's commit, so it is outdated.
        self._action_edges = 0
        # (action, newest counter event id before it, or None: it surely did not happen)
        self._unsure: tuple[ActionSpec, int | None] | None = None
        # After a no-show or "finish and call next": the number an undo serves again.
        self.undo = UndoOffer(screen.buttons["undo"])
        self.undo.ended.connect(self.update_buttons)
        screen.action_requested.connect(self.request)
        screen.selection_moved.connect(self.update_buttons)
        self.update_buttons()

    # --- lifecycle and refresh -----------------------------------------------------------
    def start(self, staff: StaffInfo) -> None:
        self.staff = staff
        self.screen.staff_label.setText(tr("signed_in_as", name=staff.name))
        self.screen.show_message("")
        self.refresh()

    def stop(self) -> None:
        self.staff = None
        self.undo.withdraw()

    def refresh(self) -> None:
        """Re-reads the counter; refreshes asked for meanwhile are folded into one more."""
        if self.staff is None:  # signed out or shut down: nothing to show, no database to read
            return
        self.reader.request()

    def _read_work(self) -> Callable[[], tuple[CounterState, int]]:
        db, number, generation = self.db, self.counter, self._action_edges
        return lambda: (counter_state(db, counter=number), generation)

    def _refreshed(self, result: tuple[CounterState, int]) -> None:
        state, generation = result
        if generation != self._action_edges:  # read before an action's commit: read again
            self.refresh()
            return
        if not self.busy:  # an action's own result is shown first, then its refresh
            self.state = state
            self.screen.show_state(state, clock.now())
            if not state.agencies:
                self.screen.show_message(tr("no_agency_counter", counter=state.number), "warn")
        if self._unsure is not None:
            self._settle_unsure(state)
        self.set_online(True)
        self.update_buttons()
        self.state_shown.emit()

    def _refresh_failed(self, error: BaseException) -> None:
        if isinstance(error, DatabaseError):
            self.set_online(False)
        elif isinstance(error, AntreError):
            self.screen.show_message(tr_said(error.said), "warn")
        else:
            log.error("refresh failed", exc_info=error)
            self.screen.show_message(tr("msg_bug"), "warn")

    def set_online(self, online: bool) -> None:
        if online == self.online:
            return
        self.online = online
        if not online:
            self.screen.show_message(tr("msg_db_down"), "warn")
        else:
            self.refresh()
        self.update_buttons()

    def _settle_unsure(self, state: CounterState) -> None:
        assert self._unsure is not None
        spec, before = self._unsure
        self._unsure = None
        event = state.last_event
        recorded = (
            before is not None
            and event is not None
            and event.id > before
            and event.kind == spec.event_kind
            and self.staff is not None
            and event.staff_id == self.staff.id
        )
        log.info(
            "after the outage, the %s action was %srecorded", spec.key, "" if recorded else "not "
        )
        self.screen.show_message(tr("msg_recorded" if recorded else "msg_not_recorded"), "warn")

    def situation(self) -> Situation:
        return Situation(self.state, self.busy, self.online, self.screen.selected_number(),
                         self.undo.number)

    def update_buttons(self) -> None:
        self.screen.set_reasons(disabled_reasons(self.situation()))

    # --- actions ----------------------------------------------------------------------
    def request(self, key: str) -> None:
        if self.busy or self.state is None or self.staff is None:
            return
        reasons = disabled_reasons(self.situation())
        if reasons.get(key) is not None:
            return
        work = self._work_for(key)
        if work is not None:
            self._run(BY_KEY[key], work)

    def _work_for(self, key: str) -> Callable[[], CallResult | Undone] | None:
        assert self.state is not None and self.staff is not None
        db, counter, staff_id = self.db, self.counter, self.staff.id
        expected = self.state.current.number if self.state.current else None
        if key == "undo":
            number = self.undo.number or ""
            return lambda: undo_last(db, counter=counter, expected=number, staff_id=staff_id)
        if key == "call_next":
            return lambda: calling.call_next(db, counter=counter, staff_id=staff_id)
        if key == "call_this":
            number = self.screen.selected_number() or ""
            return lambda: calling.call_ticket(
                db, counter=counter, number=number, staff_id=staff_id
            )
        if key == "pause":
            op = calling.resume if self.state.paused else calling.pause
            return lambda: op(db, counter=counter, staff_id=staff_id)
        if key == "transfer":
            chosen = TransferDialog.ask(self.screen, expected or "", self.state.other_agencies)
            if chosen is None:
                return None
            target, note = chosen
            return lambda: calling.transfer(
                db, counter=counter, service=target, staff_id=staff_id, expected=expected,
                note=note,
            )
        op = {"recall": calling.recall, "no_show": calling.no_show, "done": calling.finish}[key]
        return lambda: op(db, counter=counter, staff_id=staff_id, expected=expected)

    def _run(self, spec: ActionSpec, work: Callable[[], CallResult | Undone]) -> None:
        self.undo.withdraw()  # any action ends the offer; an undo is made once
        self.busy = True
        self._action_edges += 1
        self.update_buttons()
        db, counter = self.db, self.counter

        def guarded() -> CallResult | Undone:
            try:
                before = last_event_id(db, counter=counter)
            except DatabaseError as error:
                raise _Unsure(-1, error) from error  # nothing was attempted
            try:
                return work()
            except DatabaseError as error:
                raise _Unsure(before, error) from error

        run_task(
            guarded,
            on_success=lambda result: self._succeeded(spec, result),
            on_failure=lambda error: self._failed(spec, error),
            context=self,
        )

    def _succeeded(self, spec: ActionSpec, outcome: CallResult | Undone) -> None:
        assert self.state is not None
        self._action_edges += 1
        paused = {"pause": not self.state.paused}.get(spec.key, self.state.paused)
        if isinstance(outcome, Undone):
            result = CallResult(outcome.counter, outcome.restored)
            text = _undone_text(outcome)
        else:
            result, text = outcome, self._success_text(spec.key, outcome, paused)
        number = result.ticket.number if result.ticket else None
        waiting = [t for t in self.state.waiting if t.number != number]
        self.state = replace(
            self.state,
            current=result.ticket,
            current_wait_seconds=None,
            paused=paused,
            waiting=waiting,
        )
        self.busy = False
        self.screen.panel.show_ticket(result.ticket, None, paused)
        self.screen.panel.tick(clock.now())
        self.screen.set_paused(paused)
        self.screen.show_message(text, "ok")
        if result.finished is not None and spec.key in ("no_show", "call_next"):
            self.undo.offer(result.finished.number)
        self.update_buttons()
        self.refresh()
        self.action_done.emit(spec.key)

    @staticmethod
    def _success_text(key: str, result: CallResult, paused: bool) -> str:
        shown = result.ticket or result.finished
        number = shown.number if shown else ""
        if key in ("call_next", "call_this"):
            if result.ticket and result.finished:  # what an undo would take back, said
                return tr("msg_done_called", finished=result.finished.number, number=number)
            return (
                tr("msg_called", number=number) if result.ticket else tr("msg_done", number=number)
            )
        if key == "pause":
            return tr("msg_paused" if paused else "msg_resumed")
        if key == "transfer":
            agency = result.finished.agency_name if result.finished else ""
            return tr("msg_transferred", number=number, agency=agency)
        return tr(
            {"recall": "msg_recalled", "no_show": "msg_no_show", "done": "msg_done"}[key],
            number=number,
        )

    def _failed(self, spec: ActionSpec, error: BaseException) -> None:
        self.busy = False
        self._action_edges += 1
        if isinstance(error, _Unsure):
            log.warning("database failed during %s: %s", spec.key, error)
            self._unsure = (spec, None if error.before < 0 else error.before)
            self.set_online(False)
            self.screen.show_message(tr("msg_db_down"), "warn")
        elif isinstance(error, QueueError):
            log.info("%s refused: %s (%s)", spec.key, error, error.reason)
            key = QUEUE_MESSAGES.get(error.reason)
            text = tr(key) if key else tr("msg_refused", detail=error.said)
            self.screen.show_message(text, "warn")
        elif isinstance(error, AntreError):
            log.warning("%s failed: %s", spec.key, error)
            self.screen.show_message(tr("msg_refused", detail=error.said), "warn")
        else:
            log.error("%s failed unexpectedly", spec.key, exc_info=error)
            self.screen.show_message(tr("msg_bug"), "warn")
        self.update_buttons()
        self.refresh()
        self.action_done.emit(spec.key)


def _undone_text(undone: Undone) -> str:
    number = undone.restored.number
    if undone.returned is None:
        return tr("msg_undone", number=number)
    return tr("msg_undone_returned", number=number, returned=undone.returned.number)
