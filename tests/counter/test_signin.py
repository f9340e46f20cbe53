"""Sign-in: right PIN, wrong PIN, lockout after five, sign out, idle lock."""

from __future__ import annotations

import hashlib
from collections.abc import Callable

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from counter.window import CounterWindow
from shared import staff
from shared.db import Database
from shared.staff import StaffInfo
from tests.counter.conftest import PIN, FakeClock, choose_name, sign_in, type_pin


def test_right_pin_opens_the_work_screen(
    qtbot: QtBot, make_window: Callable[..., CounterWindow], clerk: StaffInfo
) -> None:
    window = make_window(1)
    assert window.stack.currentWidget() is window.signin
    sign_in(qtbot, window)
    assert window.stack.currentWidget() is window.work
    assert window.staff == clerk
    assert "Siti Aminah" in window.work.staff_label.text()


def test_wrong_pin_says_so_and_stays(
    qtbot: QtBot, make_window: Callable[..., CounterWindow], clerk: StaffInfo
) -> None:
    window = make_window(1)
    type_pin(qtbot, window, "9999")
    qtbot.waitUntil(lambda: "PIN salah" in window.signin.message.text())
    assert "Sisa percobaan: 4" in window.signin.message.text()
    assert window.stack.currentWidget() is window.signin
    assert window.signin.pin.text() == ""


def test_five_wrong_pins_lock_for_a_minute(
    qtbot: QtBot,
    make_window: Callable[..., CounterWindow],
    clerk: StaffInfo,
    fake_clock: FakeClock,
) -> None:
    window = make_window(1)
    for _ in range(5):
        attempt(qtbot, window, "0000")
    assert "Coba lagi dalam 60 detik" in window.signin.message.text()
    attempt(qtbot, window, "1234")  # even the right PIN is refused while locked
    assert "Coba lagi dalam 60 detik" in window.signin.message.text()
    assert window.staff is None
    fake_clock.now += 30
    attempt(qtbot, window, "1234")
    assert "30 detik" in window.signin.message.text()
    fake_clock.now += 31
    sign_in(qtbot, window)
    assert window.staff == clerk


def attempt(qtbot: QtBot, window: CounterWindow, pin: str) -> None:
    """Types a PIN and waits for its answer (the check runs on a worker thread)."""
    type_pin(qtbot, window, pin)
    qtbot.waitUntil(lambda: window.signin.button.isEnabled(), timeout=30_000)


def test_sign_out_button(
    qtbot: QtBot, make_window: Callable[..., CounterWindow], clerk: StaffInfo
) -> None:
    window = make_window(1)
    sign_in(qtbot, window)
    qtbot.mouseClick(window.work.sign_out, Qt.MouseButton.LeftButton)
    assert window.stack.currentWidget() is window.signin
    assert window.staff is None


def test_idle_lock_after_the_configured_time(
    qtbot: QtBot, make_window: Callable[..., CounterWindow], clerk: StaffInfo
) -> None:
    window = make_window(1, idle_ms=300)
    sign_in(qtbot, window)
    assert window.idle.interval() == 300
    with qtbot.waitSignal(window.idle.timeout, timeout=3000):
        pass
    assert window.stack.currentWidget() is window.signin
    assert "tidak ada aktivitas" in window.signin.message.text()


def test_idle_lock_minutes_from_settings(make_window: Callable[..., CounterWindow]) -> None:
    window = make_window(1, lock_minutes=7)
    assert window.idle.interval() == 7 * 60_000


def test_lockout_survives_a_restarted_console(
    qtbot: QtBot,
    make_window: Callable[..., CounterWindow],
    clerk: StaffInfo,
    fake_clock: FakeClock,
    db: Database,
) -> None:
    window = make_window(1)
    for _ in range(5):
        attempt(qtbot, window, "0000")
    window.shutdown()
    window.close()
    reopened = Database(db.url)  # a restart: a new engine and window, nothing kept in memory
    restarted = CounterWindow(reopened, 1, lockout_clock=fake_clock)
    qtbot.addWidget(restarted)
    restarted.show()
    restarted.start()
    try:
        attempt(qtbot, restarted, "1234")
        assert "Coba lagi dalam 60 detik" in restarted.signin.message.text()
        assert restarted.staff is None
    finally:
        restarted.shutdown()
        reopened.dispose()


@pytest.fixture
def many_staff(db: Database) -> list[StaffInfo]:
    """Six staff members; the one who signs in is added last (the last hash to be tried
    when a sign-in tried the PIN against everyone's)."""
    return [staff.add_staff(db, name=f"Petugas {n}", pin=f"{n}{n}{n}{n}") for n in range(1, 6)] + [
        staff.add_staff(db, name="Siti Aminah", pin=PIN)]


def test_one_sign_in_costs_one_pin_hash_however_many_staff(
    qtbot: QtBot, make_window: Callable[..., CounterWindow], many_staff: list[StaffInfo],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    hashes: list[bytes] = []
    real_scrypt = hashlib.scrypt

    def counted(password: bytes, **options: object) -> bytes:
        hashes.append(password)
        return real_scrypt(password, **options)  # type: ignore[arg-type]

    window = make_window(1)
    names = window.signin.name
    qtbot.waitUntil(lambda: names.count() == 6)
    assert names.currentIndex() == -1  # six staff and none usual here: nobody is guessed
    monkeypatch.setattr(hashlib, "scrypt", counted)
    type_pin(qtbot, window, PIN)  # no name chosen: asked for it, nothing hashed
    qtbot.waitUntil(lambda: "Pilih nama Anda" in window.signin.message.text())
    assert hashes == []
    choose_name(qtbot, window, "Siti Aminah")
    type_pin(qtbot, window, "9999")
    qtbot.waitUntil(lambda: "PIN salah" in window.signin.message.text(), timeout=30_000)
    assert len(hashes) == 1
    sign_in(qtbot, window)
    assert window.staff == many_staff[-1]
    assert len(hashes) == 2  # one per sign-in, not one per staff member


def test_the_name_list_offers_whoever_last_worked_here(
    qtbot: QtBot, make_window: Callable[..., CounterWindow], many_staff: list[StaffInfo],
    db: Database,
) -> None:
    from shared import calling, presence
    from shared.tickets import issue_ticket

    budi = many_staff[1]
    presence.sign_in(db, counter=1, staff_id=budi.id, console="test")
    issue_ticket(db, service="DPMPTSP")
    calling.call_next(db, counter=1, staff_id=budi.id)
    presence.sign_out(db, counter=1, console="test")
    window = make_window(1)
    qtbot.waitUntil(lambda: window.signin.name.currentText() == budi.name)
    other = make_window(2)  # nobody worked at counter 2: nobody is offered
    qtbot.waitUntil(lambda: other.signin.name.count() == 6)
    assert other.signin.name.currentIndex() == -1


def test_a_staff_member_added_while_the_pin_screen_waits_is_in_the_list_when_it_opens(
    qtbot: QtBot, make_window: Callable[..., CounterWindow], clerk: StaffInfo, db: Database
) -> None:
    window = make_window(1)
    qtbot.waitUntil(lambda: window.signin.name.currentText() == clerk.name)
    staff.add_staff(db, name="Budi", pin="2468")
    names = window.signin.name
    qtbot.mouseClick(names, Qt.MouseButton.LeftButton)  # the list drops down: read again
    qtbot.waitUntil(lambda: names.findText("Budi") >= 0, timeout=10_000)
    names.hidePopup()
    assert names.currentText() == clerk.name  # the choice is kept
