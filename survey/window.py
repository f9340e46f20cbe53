"""The survey tablet's window: follows the counter, runs one visitor's survey, stores it.

Idle -> (finish at the counter) invite -> U1..U9 -> profile -> suggestion -> thanks -> idle.
A new call at the counter ends a survey politely (what was answered is kept); a visitor who
walks away is timed out the same way. Answers that cannot be stored (database away) stay
on the tablet and are sent when the database is back; the visitor is told so.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QStackedWidget, QVBoxLayout, QWidget

from shared.db import Database
from shared.errors import DatabaseError
from shared.qt.theme import NAVY
from shared.qt.worker import run_task
from shared.skm.counter_activity import FinishedHere
from shared.skm.questionnaire import PROFILE_CODES, Questionnaire
from shared.skm.responses import SurveyRefused, submit
from shared.words import say
from survey.outbox import Outbox, Unsent
from survey.pages import (
    STYLE,
    ChoicePage,
    InvitePage,
    MessagePage,
    QuestionPage,
    TextPage,
)
from survey.session import SUGGESTION, SurveySession
from survey.tracker import CounterTracker

log = logging.getLogger("antre.survey")


class SurveyWindow(QWidget):
    def __init__(self, db: Database, counter: int, questionnaire: Questionnaire, *,
                 lang: str = "id", idle_seconds: int = 60, thanks_seconds: int = 6,
                 interval_ms: int = 100, outbox: Path | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("survey")
        self.setStyleSheet(STYLE)
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground)
        self.db, self.counter, self.q, self.lang = db, counter, questionnaire, lang
        self.setWindowTitle(say(lang, "survey.window_title", counter=counter))
        self.session: SurveySession | None = None
        # Answers not stored yet (database away): sent when it is back, and kept in the
        # outbox file meanwhile so they survive a restart.
        self.outbox = Outbox(outbox) if outbox is not None else None
        self.pending: list[Unsent] = self.outbox.load() if self.outbox else []
        self._sending = False
        self.tracker = CounterTracker(db, counter, interval_ms=interval_ms, parent=self)
        self._build()
        self.idle_timer = self._timer(idle_seconds * 1000, self._walked_away)
        self.back_timer = self._timer(thanks_seconds * 1000, self.show_idle)
        self.retry_timer = self._timer(10_000, self._send_pending)
        self.retry_timer.setSingleShot(False)
        self.tracker.finished.connect(self.invite)
        self.tracker.called.connect(self._next_call)
        self.tracker.undone.connect(self._finish_undone)
        self.tracker.missing.connect(self._missing)
        self.tracker.present.connect(self._present)
        self.tracker.online.connect(self._online)
        self.show_idle()

    # --- building ----------------------------------------------------------------------

    def _timer(self, ms: int, slot: object) -> QTimer:
        timer = QTimer(self)
        timer.setSingleShot(True)
        timer.setInterval(ms)
        timer.timeout.connect(slot)
        return timer

    def _build(self) -> None:
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(0)
        header = QWidget()
        header.setStyleSheet(f"background: {NAVY}; color: #FFFFFF;")
        row = QHBoxLayout(header)
        row.setContentsMargins(32, 10, 24, 10)
        self.header = QLabel()
        self.header.setStyleSheet("color: #FFFFFF; font-size: 24px; font-weight: bold;")
        self.status = QLabel()
        self.status.setObjectName("status")
        self.status.setStyleSheet("color: #FFD54F; font-size: 20px;")
        self.lang_button = QPushButton()
        self.lang_button.setObjectName("language")
        self.lang_button.setStyleSheet(
            "QPushButton { min-height: 52px; font-size: 20px; color: #FFFFFF;"
            " background: transparent; border: 2px solid #FFFFFF; border-radius: 10px; }")
        self.lang_button.clicked.connect(self._toggle_language)
        row.addWidget(self.header, 1)
        row.addWidget(self.status)
        row.addWidget(self.lang_button)
        outer.addWidget(header)
        self.stack = QStackedWidget()
        outer.addWidget(self.stack, 1)
        self.idle_page = MessagePage("idle")
        self.invite_page = InvitePage()
        self.question_page = QuestionPage()
        self.choice_page = ChoicePage()
        self.text_page = TextPage()
        self.thanks_page = MessagePage("thanks")
        self.notice_page = MessagePage("notice")
        for page in (self.idle_page, self.invite_page, self.question_page, self.choice_page,
                     self.text_page, self.thanks_page, self.notice_page):
            self.stack.addWidget(page)
            page.installEventFilter(self)
        self.invite_page.start.connect(self._start)
        self.invite_page.decline.connect(self.show_idle)
        self.question_page.answered.connect(self._answer)
        self.choice_page.chosen.connect(self._answer)
        for page in (self.question_page, self.choice_page, self.text_page):
            page.back.connect(self._back)
            page.skip.connect(lambda: self._answer(None))
        self.text_page.send.connect(self._answer_text)
        self._retitle()

    # --- life ---------------------------------------------------------------------------

    def start(self) -> None:
        self.tracker.start()
        if self.pending:
            log.info("%d unsent survey answers from before; sending", len(self.pending))
            self._pending_status()
            self._send_pending()

    def shutdown(self) -> None:
        self.tracker.stop()
        if self.session is not None and self.session.answered_any:
            self._end_session()  # a last try; kept in `pending` (and the outbox) if it fails
        self.retry_timer.stop()
        if self.pending:
            log.warning("%d survey answers not stored at exit%s", len(self.pending),
                        f"; kept in {self.outbox.path}" if self.outbox else "")

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Any touch keeps the survey open."""
        if event.type() in (QEvent.Type.MouseButtonPress, QEvent.Type.KeyPress) and (
            self.session is not None
        ):
            self.idle_timer.start()
        return False

    # --- pages --------------------------------------------------------------------------

    def current_page(self) -> str:
        page = self.stack.currentWidget()
        return page.objectName().removeprefix("page-") if page is not None else ""

    def _retitle(self) -> None:
        self.header.setText(f"{self.q.text('title', self.lang)}  ·  "
                            f"{say(self.lang, 'survey.idle_title', counter=self.counter)}")
        self.lang_button.setText(say(self.lang, "survey.language"))
        self._pending_status()

    def show_idle(self) -> None:
        self.back_timer.stop()
        self.idle_timer.stop()
        self.session = None
        self.idle_page.show_text(say(self.lang, "survey.idle_title", counter=self.counter),
                                 say(self.lang, "survey.idle_text"))
        self.stack.setCurrentWidget(self.idle_page)

    def invite(self, ticket: FinishedHere) -> None:
        """A ticket was finished here: invite its visitor (ending any survey still open)."""
        if self.session is not None:
            self._end_session()
        self.session = SurveySession(ticket, self.q)
        self._show_invite()
        self.back_timer.stop()
        self.idle_timer.start()

    def _show_invite(self) -> None:
        assert self.session is not None
        t = self.session.ticket
        self.invite_page.show_for(self.q, self.lang, say(self.lang, "survey.ticket",
                                                         number=t.number, agency=t.agency_name))
        self.stack.setCurrentWidget(self.invite_page)

    def _start(self) -> None:
        self._show_step()

    def _show_step(self) -> None:
        s = self.session
        if s is None:
            return self.show_idle()
        code = s.current
        total = len(self.q.elements)
        first = s.step == 0
        if code.startswith("U"):
            progress = say(self.lang, "survey.progress", n=s.step + 1, total=total)
            element = self.q.elements[s.step]
            self.question_page.set_frame(self.q, self.lang, progress, first=first)
            self.question_page.show_element(element, self.lang, s.elements.get(code))
            self.stack.setCurrentWidget(self.question_page)
        elif code in PROFILE_CODES:
            self.choice_page.set_frame(self.q, self.lang, "", first=first)
            self.choice_page.show_field(self.q, self.q.field(code), self.lang, s.profile.get(code))
            self.stack.setCurrentWidget(self.choice_page)
        else:
            self.text_page.set_frame(self.q, self.lang, "", first=first)
            self.text_page.show_text(self.q, self.lang, s.suggestion)
            self.stack.setCurrentWidget(self.text_page)

    def _answer(self, value: int | str | None) -> None:
        s = self.session
        if s is None:
            return
        if s.current == SUGGESTION:  # "skip" on the last page sends without text
            return self._finish()
        s.answer(value)
        self._show_step()

    def _answer_text(self) -> None:
        if self.session is not None:
            self.session.set_suggestion(self.text_page.edit.toPlainText())
            self._finish()

    def _back(self) -> None:
        if self.session is not None:
            if self.session.current == SUGGESTION:
                self.session.set_suggestion(self.text_page.edit.toPlainText())
            self.session.back()
            self._show_step()

    def _toggle_language(self) -> None:
        self.lang = "en" if self.lang == "id" else "id"
        self._retitle()
        page = self.current_page()
        if page == "idle":
            self.show_idle()
        elif page == "invite":
            self._show_invite()
        elif page in ("question", "choice", "text"):
            if page == "text" and self.session is not None:
                self.session.set_suggestion(self.text_page.edit.toPlainText())
            self._show_step()

    # --- ending ---------------------------------------------------------------------------

    def _finish(self) -> None:
        """Sent by the visitor: store, thank, back to idle."""
        self._end_session()
        self._thank(self.q.text("thanks", self.lang), "")

    def _walked_away(self) -> None:
        if self.session is not None:
            self._end_session()
        self.show_idle()

    def _next_call(self) -> None:
        """The counter called someone else: close politely, keeping what was answered."""
        if self.session is None:
            return
        answered = self.session.answered_any
        self._end_session()
        key = "survey.ended_by_call" if answered else "survey.ended_by_call_empty"
        self._thank(self.q.text("thanks", self.lang) if answered else "", say(self.lang, key))

    def _finish_undone(self, ticket_id: int) -> None:
        """The staff took the finish back: that visitor is being served again, and no
        answer can be stored for an unfinished ticket. Back to idle; the next finish of
        the ticket invites again."""
        if self.session is not None and self.session.ticket.ticket_id == ticket_id:
            log.info("finish of %s taken back at the counter: survey withdrawn",
                     self.session.ticket.number)
            self.session = None
            self.show_idle()

    def _thank(self, title: str, body: str) -> None:
        self.thanks_page.show_text(title, body)
        self.stack.setCurrentWidget(self.thanks_page)
        self.idle_timer.stop()
        self.back_timer.start()

    def _end_session(self) -> None:
        s, self.session = self.session, None
        self.idle_timer.stop()
        if s is None or not s.answered_any:
            return
        s.close()
        assert s.finished_at is not None
        self.pending.append(Unsent(s.ticket, s.answers(), s.finished_at))
        self._persist()
        self._send_pending()

    # --- storing --------------------------------------------------------------------------

    def _send_pending(self) -> None:
        if self._sending or not self.pending:
            return
        self._sending = True
        first = self.pending[0]
        db, q = self.db, self.q

        def work() -> int:
            return submit(db, ticket_id=first.ticket.ticket_id, answers=first.answers,
                          channel="tablet", questionnaire=q, now=first.answered_at)

        run_task(work, on_success=lambda _id: self._sent(first, None),
                 on_failure=lambda error: self._sent(first, error), context=self)

    def _sent(self, session: Unsent, error: BaseException | None) -> None:
        self._sending = False
        if isinstance(error, DatabaseError):
            log.warning("survey for %s kept on the tablet: %s", session.ticket.number, error)
            self.retry_timer.start()
            if self.current_page() == "thanks":
                self.thanks_page.body.setText(say(self.lang, "survey.saved_later"))
            self._pending_status()
            return
        self.pending.remove(session)
        self._persist()
        if isinstance(error, SurveyRefused):
            log.info("survey for %s refused: %s", session.ticket.number, error)
            if self.current_page() == "thanks":
                self.thanks_page.body.setText(
                    say(self.lang, "survey.not_saved", reason=error.said.words(self.lang)))
        elif error is not None:
            log.error("storing the survey for %s failed", session.ticket.number, exc_info=error)
        else:
            log.info("survey for %s stored", session.ticket.number)
        self._pending_status()
        if self.pending:
            self._send_pending()
        else:
            self.retry_timer.stop()

    def _persist(self) -> None:
        if self.outbox is None:
            return
        try:
            self.outbox.save(self.pending)
        except OSError:
            log.exception("cannot keep unsent survey answers in %s", self.outbox.path)

    def _pending_status(self) -> None:
        offline = not self.tracker.watcher.is_online
        parts = [say(self.lang, "survey.offline")] if offline else []
        if self.pending:
            parts.append(say(self.lang, "survey.pending", n=len(self.pending)))
        self.status.setText("  ·  ".join(parts))

    # --- the counter and the database ---------------------------------------------------

    def _missing(self, detail: str) -> None:
        log.warning("counter %d: %s", self.counter, detail)
        if self.session is not None:
            self._end_session()
        self.notice_page.show_text("", say(self.lang, "survey.counter_missing",
                                           counter=self.counter))
        self.stack.setCurrentWidget(self.notice_page)

    def _present(self, name: str) -> None:
        if self.current_page() == "notice":
            self.show_idle()

    def _online(self, up: bool) -> None:
        self._pending_status()
        if up:
            self._send_pending()
