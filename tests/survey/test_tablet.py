"""The survey tablet at loket 3, driven like a visitor would, while the counter is worked
by the CLI in another process: a whole questionnaire, a next call that ends a survey, the
counter removed from the site, the database going away mid-survey."""

from __future__ import annotations

import json
import os
import shutil
import stat
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from shared import undo
from shared.db import Database
from shared.models import Counter, SurveyResponse
from shared.setup import init_database
from shared.skm.questionnaire import load_questionnaire
from survey.window import SurveyWindow
from tests.conftest import DEMO_SITE
from tests.pgserver import PostgresServer
from tests.rawsql import raw_sqlite
from tests.survey.conftest import Cli, Drive, drive_process

LEFT = Qt.MouseButton.LeftButton


def served_at_loket_3(drive: Drive, *, waiting_after: int = 0) -> None:
    drive(*["issue:DUKCAPIL"] * (1 + waiting_after), "call:3", "done:3")


def tap(qtbot: QtBot, button: QPushButton | object) -> None:
    qtbot.mouseClick(button, LEFT)  # type: ignore[arg-type]


def answer_faces(qtbot: QtBot, tablet: SurveyWindow, values: list[int | None]) -> None:
    for value in values:
        assert tablet.current_page() == "question"
        if value is None:
            tap(qtbot, tablet.question_page.skip_button)
        else:
            tap(qtbot, tablet.question_page.faces[value - 1])


def option(tablet: SurveyWindow, code: str) -> QPushButton:
    found = tablet.choice_page.findChild(QPushButton, f"option-{code}")
    assert found is not None, code
    return found


def responses(db: Database) -> list[SurveyResponse]:
    with db.read() as session:
        return list(session.scalars(select(SurveyResponse).order_by(SurveyResponse.id)))


def test_a_whole_questionnaire_after_a_finish_in_another_process(
    qtbot: QtBot, tablet: SurveyWindow, drive: Drive, db: Database
) -> None:
    assert tablet.current_page() == "idle"
    served_at_loket_3(drive)
    qtbot.waitUntil(lambda: tablet.current_page() == "invite", timeout=15_000)
    assert "B001" in tablet.invite_page.ticket.text()
    tap(qtbot, tablet.invite_page.start_button)
    answer_faces(qtbot, tablet, [4, 3, 2])
    tap(qtbot, tablet.question_page.back_button)  # change the third answer
    assert tablet.question_page.faces[1].isChecked()
    answer_faces(qtbot, tablet, [3, None, 4, 3, 4, 1, 3])  # U4 skipped
    assert tablet.current_page() == "choice"
    tap(qtbot, option(tablet, "60up"))
    tap(qtbot, option(tablet, "p"))
    tap(qtbot, tablet.choice_page.skip_button)
    tap(qtbot, tablet.choice_page.skip_button)
    assert tablet.current_page() == "text"
    qtbot.keyClicks(tablet.text_page.edit, "Kursi\ttunggu kurang.")
    tap(qtbot, tablet.text_page.send_button)
    assert tablet.current_page() == "thanks"
    qtbot.waitUntil(lambda: not tablet.pending and len(responses(db)) == 1, timeout=15_000)
    (row,) = responses(db)
    assert [row.u1, row.u2, row.u3, row.u4, row.u5, row.u6, row.u7, row.u8, row.u9] == [
        4, 3, 3, None, 4, 3, 4, 1, 3]
    assert (row.age_group, row.sex, row.education, row.occupation) == ("60up", "p", None, None)
    assert row.suggestion == "Kursi tunggu kurang."  # the tab cleaned to a space
    assert row.channel == "tablet"
    with db.read() as session:
        assert session.get(Counter, row.counter_id).number == 3  # type: ignore[union-attr]
    qtbot.waitUntil(lambda: tablet.current_page() == "idle", timeout=15_000)


def test_the_next_call_ends_a_survey_politely_and_keeps_its_answers(
    qtbot: QtBot, tablet: SurveyWindow, drive: Drive, db: Database
) -> None:
    served_at_loket_3(drive, waiting_after=2)
    qtbot.waitUntil(lambda: tablet.current_page() == "invite", timeout=15_000)
    tap(qtbot, tablet.invite_page.start_button)
    answer_faces(qtbot, tablet, [2, 1])
    drive("call:3")  # the next visitor (B002) is called
    qtbot.waitUntil(lambda: tablet.current_page() == "thanks", timeout=15_000)
    assert "memanggil antrean berikutnya" in tablet.thanks_page.body.text()
    qtbot.waitUntil(lambda: len(responses(db)) == 1, timeout=15_000)
    (row,) = responses(db)
    assert (row.u1, row.u2, row.u3) == (2, 1, None)
    qtbot.waitUntil(lambda: tablet.current_page() == "idle", timeout=15_000)
    # "Done" alone (B002 is being served) invites B002; the visitor declines; nothing stored.
    drive("done:3")
    qtbot.waitUntil(lambda: tablet.current_page() == "invite", timeout=15_000)
    assert "B002" in tablet.invite_page.ticket.text()
    tap(qtbot, tablet.invite_page.decline_button)
    assert tablet.current_page() == "idle" and len(responses(db)) == 1


def test_finish_and_call_next_still_invites_the_visitor_just_served(
    qtbot: QtBot, tablet: SurveyWindow, drive: Drive, db: Database
) -> None:
    """Space on the console finishes B001 and calls B002 in one go: B001's visitor, who is
    at the tablet, is invited all the same; B002's recall does not end that survey; the
    next "finish and call next" ends it (answers kept) and invites B002."""
    drive("issue:DUKCAPIL", "issue:DUKCAPIL", "issue:DUKCAPIL", "call:3")
    seen = tablet.tracker._seen_call
    qtbot.waitUntil(lambda: tablet.tracker._seen_call > seen, timeout=15_000)
    assert tablet.current_page() == "idle"  # a call alone invites nobody
    drive("call:3")  # finish B001 and call B002
    qtbot.waitUntil(lambda: tablet.current_page() == "invite", timeout=15_000)
    assert "B001" in tablet.invite_page.ticket.text()
    tap(qtbot, tablet.invite_page.start_button)
    answer_faces(qtbot, tablet, [4, 3])
    with qtbot.waitSignal(tablet.tracker.watcher.changed, timeout=15_000):
        drive("recall:3")  # B002 has not come yet
    qtbot.waitUntil(lambda: not tablet.tracker._busy, timeout=15_000)
    assert tablet.current_page() == "question" and tablet.session is not None
    answer_faces(qtbot, tablet, [4])
    drive("call:3")  # finish B002 and call B003: B001's visitor has long gone
    qtbot.waitUntil(lambda: tablet.current_page() == "invite", timeout=15_000)
    assert "B002" in tablet.invite_page.ticket.text()
    qtbot.waitUntil(lambda: len(responses(db)) == 1, timeout=15_000)
    (row,) = responses(db)
    assert (row.u1, row.u2, row.u3, row.u4) == (4, 3, 4, None)
    with db.read() as session:
        from shared.models import Ticket

        assert session.get(Ticket, row.ticket_id).number == "B001"  # type: ignore[union-attr]
    tap(qtbot, tablet.invite_page.start_button)
    answer_faces(qtbot, tablet, [2] * 9)
    for _ in range(4):
        tap(qtbot, tablet.choice_page.skip_button)
    tap(qtbot, tablet.text_page.send_button)
    qtbot.waitUntil(lambda: len(responses(db)) == 2, timeout=15_000)
    assert responses(db)[1].u9 == 2


def test_a_finish_taken_back_at_the_console_withdraws_the_invitation(
    qtbot: QtBot, tablet: SurveyWindow, drive: Drive, db: Database
) -> None:
    """Space (finish B001, call B002), then undo within its 10 s: B001 is served again, so
    its invitation is withdrawn; finishing B001 again invites again, and it is stored once."""
    drive("issue:DUKCAPIL", "issue:DUKCAPIL", "call:3")
    seen = tablet.tracker._seen_call
    qtbot.waitUntil(lambda: tablet.tracker._seen_call > seen, timeout=15_000)
    drive("call:3")
    qtbot.waitUntil(lambda: tablet.current_page() == "invite", timeout=15_000)
    tap(qtbot, tablet.invite_page.start_button)
    answer_faces(qtbot, tablet, [4])
    # The undo in this process: a second interpreter's start-up on a loaded machine could
    # take the step past its 10 s.
    undo.undo_last(db, counter=3, expected="B001")
    qtbot.waitUntil(lambda: tablet.current_page() == "idle", timeout=15_000)
    assert tablet.session is None and not tablet.pending and responses(db) == []
    drive("done:3")  # B001 finished for good this time
    qtbot.waitUntil(lambda: tablet.current_page() == "invite", timeout=15_000)
    assert "B001" in tablet.invite_page.ticket.text()
    tap(qtbot, tablet.invite_page.start_button)
    answer_faces(qtbot, tablet, [3] * 9)
    for _ in range(4):
        tap(qtbot, tablet.choice_page.skip_button)
    tap(qtbot, tablet.text_page.send_button)
    qtbot.waitUntil(lambda: len(responses(db)) == 1 and not tablet.pending, timeout=15_000)
    assert responses(db)[0].u1 == 3


def test_a_counter_removed_from_the_site_is_said_plainly(
    qtbot: QtBot, tablet: SurveyWindow, cli: Cli, tmp_path: Path
) -> None:
    text = DEMO_SITE.read_text(encoding="utf-8")
    without = text.replace('[[counters]]\nnumber = 3\nagencies = ["DUKCAPIL"]\n', "")
    assert without != text
    site = tmp_path / "tanpa-loket-3.toml"
    site.write_text(without, encoding="utf-8")
    cli("init", "--site", str(site))
    qtbot.waitUntil(lambda: tablet.current_page() == "notice", timeout=15_000)
    assert tablet.notice_page.body.text().startswith("Loket 3 tidak ada di pengaturan MPP.")
    cli("init", "--site", str(DEMO_SITE))
    qtbot.waitUntil(lambda: tablet.current_page() == "idle", timeout=15_000)


def test_the_database_going_away_mid_survey_keeps_the_answers(
    qtbot: QtBot, pg_server: PostgresServer
) -> None:
    """The LAN's PostgreSQL server stops while a visitor answers: the answers stay on the
    tablet, the visitor is told so, and they are stored when the server is back."""
    url = pg_server.create_database()
    db = Database(url)
    init_database(db, DEMO_SITE)
    tablet = SurveyWindow(db, 3, load_questionnaire(), thanks_seconds=1, interval_ms=50)
    qtbot.addWidget(tablet)
    tablet.resize(1280, 800)
    tablet.show()
    tablet.start()
    try:
        qtbot.waitUntil(lambda: tablet.tracker._seen_finish is not None, timeout=10_000)
        drive_process(url, "issue:DUKCAPIL", "call:3", "done:3")
        qtbot.waitUntil(lambda: tablet.current_page() == "invite", timeout=15_000)
        tap(qtbot, tablet.invite_page.start_button)
        answer_faces(qtbot, tablet, [4, 4, 4, 4, 4, 4, 4, 4, 3])
        for _ in range(4):
            tap(qtbot, tablet.choice_page.skip_button)
        pg_server.stop_server()
        try:
            qtbot.waitUntil(lambda: not tablet.tracker.watcher.is_online, timeout=15_000)
            tap(qtbot, tablet.text_page.send_button)
            qtbot.waitUntil(
                lambda: "disimpan di tablet ini" in tablet.thanks_page.body.text(),
                timeout=15_000)
            assert len(tablet.pending) == 1
            assert "1 jawaban menunggu dikirim" in tablet.status.text()
        finally:
            pg_server.start_server()
        qtbot.waitUntil(lambda: not tablet.pending, timeout=30_000)
        (row,) = responses(db)
        assert (row.u1, row.u9) == (4, 3) and row.answered_at >= row.finished_at
        qtbot.waitUntil(lambda: tablet.status.text() == "", timeout=15_000)
    finally:
        tablet.shutdown()
        db.dispose()


def test_the_sqlite_file_removed_mid_survey_keeps_the_answers_on_disk(
    qtbot: QtBot, db: Database, drive: Drive, tmp_path: Path
) -> None:
    """The database file is taken away while a visitor answers (a restore gone wrong): the
    answer is not written into the removed file, the visitor is told, the answer waits in a
    private file that survives a restart of the tablet, and is stored once when the file
    is back."""
    outbox = tmp_path / "data" / "survey-unsent-loket-3.json"
    tablet = SurveyWindow(db, 3, load_questionnaire(), thanks_seconds=1, interval_ms=50,
                          outbox=outbox)
    qtbot.addWidget(tablet)
    tablet.show()
    tablet.start()
    qtbot.waitUntil(lambda: tablet.tracker._seen_finish is not None, timeout=10_000)
    drive("issue:DUKCAPIL", "call:3", "done:3")
    qtbot.waitUntil(lambda: tablet.current_page() == "invite", timeout=15_000)
    tap(qtbot, tablet.invite_page.start_button)
    answer_faces(qtbot, tablet, [3, 3, 3, 3, 3, 3, 3, 3, 4])
    tap(qtbot, tablet.choice_page.skip_button)  # age group
    tap(qtbot, option(tablet, "l"))
    for _ in range(2):
        tap(qtbot, tablet.choice_page.skip_button)
    qtbot.keyClicks(tablet.text_page.edit, "Parkir sempit")
    assert db.path is not None
    copy = tmp_path / "copy.db"
    with raw_sqlite(db.path) as source, raw_sqlite(copy) as target:
        source.backup(target)
    for suffix in ("", "-wal", "-shm"):
        db.path.with_name(db.path.name + suffix).unlink(missing_ok=True)
    qtbot.waitUntil(lambda: not tablet.tracker.watcher.is_online, timeout=15_000)
    tap(qtbot, tablet.text_page.send_button)
    qtbot.waitUntil(lambda: "disimpan di tablet ini" in tablet.thanks_page.body.text(),
                    timeout=15_000)
    assert len(tablet.pending) == 1 and not db.path.exists()
    assert stat.S_IMODE(outbox.stat().st_mode) == 0o600
    kept = json.loads(outbox.read_text(encoding="utf-8"))["unsent"]
    assert kept[0]["number"] == "B001" and kept[0]["suggestion"] == "Parkir sempit"
    # The tablet is restarted while the file is still away: the answer comes back from disk.
    tablet.shutdown()
    tablet.close()
    again = SurveyWindow(db, 3, load_questionnaire(), thanks_seconds=1, interval_ms=50,
                         outbox=outbox)
    qtbot.addWidget(again)
    again.show()
    again.start()
    try:
        assert len(again.pending) == 1
        qtbot.waitUntil(lambda: "1 jawaban menunggu dikirim" in again.status.text(),
                        timeout=15_000)
        # The file is back, put in place whole as `antre restore` or a `mv` does: a copy
        # written in place can be opened half-written by the tablet's next poll.
        shutil.copyfile(copy, tmp_path / "back.db")
        os.replace(tmp_path / "back.db", db.path)
        qtbot.waitUntil(lambda: not again.pending, timeout=30_000)
        (row,) = responses(db)
        assert (row.u1, row.u9, row.sex, row.suggestion) == (3, 4, "l", "Parkir sempit")
        assert not outbox.exists()
        qtbot.waitUntil(lambda: again.status.text() == "", timeout=15_000)
    finally:
        again.shutdown()
    assert len(responses(db)) == 1


def test_a_visitor_who_walks_away_is_timed_out_and_their_answers_kept(
    qtbot: QtBot, db: Database, drive: Drive
) -> None:
    tablet = SurveyWindow(db, 3, load_questionnaire(), idle_seconds=3, thanks_seconds=1,
                          interval_ms=50)
    qtbot.addWidget(tablet)
    tablet.show()
    tablet.start()
    try:
        qtbot.waitUntil(lambda: tablet.tracker._seen_finish is not None, timeout=10_000)
        drive("issue:DUKCAPIL", "call:3", "done:3")
        qtbot.waitUntil(lambda: tablet.current_page() == "invite", timeout=15_000)
        tap(qtbot, tablet.invite_page.start_button)
        answer_faces(qtbot, tablet, [3])
        qtbot.waitUntil(lambda: tablet.current_page() == "idle", timeout=15_000)
        qtbot.waitUntil(lambda: len(responses(db)) == 1, timeout=15_000)
        (row,) = responses(db)
        assert (row.u1, row.u2) == (3, None)
        # An invitation nobody answers goes back to idle and stores nothing.
        drive("issue:DUKCAPIL", "call:3", "done:3")
        qtbot.waitUntil(lambda: tablet.current_page() == "invite", timeout=15_000)
        qtbot.waitUntil(lambda: tablet.current_page() == "idle", timeout=15_000)
        assert len(responses(db)) == 1
    finally:
        tablet.shutdown()
