"""Online booking's core on SQLite and PostgreSQL: slots from the Jombang site file, the
rules of booking, cancel, the kiosk's check-in window, no-shows and forgetting."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import func, select

from shared import booking_rules as rules
from shared import bookings, calling
from shared.db import Database
from shared.errors import BookingError
from shared.models import Booking, BookingStatus, Ticket
from shared.setup import init_database
from tests.conftest import JOMBANG_SITE

WIB = ZoneInfo("Asia/Jakarta")
MONDAY = date(2026, 11, 30)


def at(day: date, hour: int, minute: int = 0) -> datetime:
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=WIB)


SUNDAY_EVENING = at(date(2026, 11, 29), 19)


@pytest.fixture
def site(any_jombang_db: Database) -> Database:
    return any_jombang_db


def book(db: Database, *, agency: str = "DPMPTSP", day: date = MONDAY, slot: str = "08:00",
         name: str = "Siti Aminah", phone: str = "0812-3456-7890",
         now: datetime = SUNDAY_EVENING) -> bookings.BookingView:
    hour, minute = map(int, slot.split(":"))
    return bookings.book(db, agency=agency, day=day, slot_start=hour * 60 + minute, name=name,
                         phone=phone, now=now)


def count(db: Database) -> int:
    with db.read() as session:
        return int(session.scalar(select(func.count()).select_from(Booking)) or 0)


def refused(reason: str, fn: object, *args: object, **kwargs: object) -> BookingError:
    with pytest.raises(BookingError) as caught:
        fn(*args, **kwargs)  # type: ignore[operator]
    assert caught.value.reason == reason, caught.value
    return caught.value


def test_slots_follow_hours_breaks_last_ticket_and_capacity(site: Database) -> None:
    monday = bookings.offer(site, agency="DPMPTSP", day=MONDAY, now=SUNDAY_EVENING)
    assert [s.label[:5] for s in monday.slots] == [
        "08:00", "08:30", "09:00", "09:30", "10:00", "10:30", "11:00", "11:30",
        "13:00", "13:30", "14:00"]  # lunch 12-13, last ticket 14:30
    # 30 min x 2 counters / 12 min = 5 visitors a slot, 20 % bookable: 1; 20 % of 200 a day.
    assert {s.capacity for s in monday.slots} == {1}
    assert monday.day_cap == 40
    friday = bookings.offer(site, agency="DPMPTSP", day=date(2026, 12, 4), now=SUNDAY_EVENING)
    assert [s.label[:5] for s in friday.slots][-3:] == ["10:30", "11:00", "13:00"]
    # Dukcapil opens on Saturdays, DPMPTSP does not.
    saturday = date(2026, 12, 5)
    assert bookings.offer(site, agency="DUKCAPIL", day=saturday, now=SUNDAY_EVENING).slots
    refused("closed_day", bookings.offer, site, agency="DPMPTSP", day=saturday,
            now=SUNDAY_EVENING)


def test_today_offers_only_slots_not_yet_begun(site: Database) -> None:
    offer = bookings.offer(site, agency="DPMPTSP", day=MONDAY, now=at(MONDAY, 10, 40))
    assert offer.slots[0].label == "11:00–11:30"


def test_a_booking_gets_a_random_code_and_link_and_takes_the_place(site: Database) -> None:
    made = book(site)
    assert len(made.code) == 8 and not set(made.code) & set("01OIL")
    assert made.shown_code == f"{made.code[:4]}-{made.code[4:]}"
    assert len(made.token) >= 20 and made.status == "booked"
    assert bookings.find(site, token=made.token) == made
    assert bookings.find(site, token=made.token[:-1] + "x") is None
    with site.read() as session:
        row = session.scalars(select(Booking)).one()
        assert (row.name, row.phone) == ("Siti Aminah", "+6281234567890")
    slot = bookings.offer(site, agency="DPMPTSP", day=MONDAY, now=SUNDAY_EVENING).slot(480)
    assert slot is not None and slot.free == 0
    err = refused("full", book, site, phone="0813 1111 2222")
    assert "08:00" in err.words("id")


def test_one_active_booking_per_phone_agency_and_day(site: Database) -> None:
    book(site)
    refused("duplicate", book, site, slot="09:00", phone="+62 812 3456 7890")
    book(site, agency="DUKCAPIL", phone="6281234567890")  # another agency: fine
    book(site, day=date(2026, 12, 1), phone="081234567890")  # another day: fine
    assert count(site) == 3


@pytest.mark.parametrize(("kwargs", "reason"), [
    ({"name": "x" * 10_000}, "name_long"),
    ({"name": "😀😀😀"}, "name_chars"),
    ({"name": "Budi\x00"}, "name_chars"),
    ({"name": "   "}, "name_empty"),
    ({"phone": "+1 415 555 0100"}, "phone"),
    ({"phone": "021 1234567"}, "phone"),
    ({"phone": "0812"}, "phone"),
    ({"phone": "9" * 10_000}, "phone"),
    ({"day": date(2026, 11, 27)}, "past_day"),
    ({"day": date(2026, 12, 14)}, "too_far"),
    ({"day": date(2026, 12, 5)}, "closed_day"),
    ({"slot": "12:00"}, "no_slot"),
    ({"slot": "08:10"}, "no_slot"),
    ({"agency": "DPMPTSP", "day": date(2026, 12, 25), "now": at(date(2026, 12, 20), 9)},
     "closed_date"),
])
def test_absurd_input_is_refused_and_nothing_is_written(
        site: Database, kwargs: dict[str, object], reason: str) -> None:
    refused(reason, book, site, **kwargs)
    assert count(site) == 0


def test_cancel_frees_the_place_once(site: Database) -> None:
    made = book(site)
    assert bookings.cancel(site, token=made.token, now=SUNDAY_EVENING).status == "cancelled"
    refused("cancelled", bookings.cancel, site, token=made.token)
    refused("unknown", bookings.cancel, site, token="nope")
    again = book(site, phone="0813 1111 2222")
    assert again.status == "booked"
    book(site, day=date(2026, 12, 1))  # the first phone may book again: cancelled is not active


def test_check_in_window_and_typed_reasons(site: Database) -> None:
    made = book(site, slot="09:00")
    typed = made.shown_code.lower()
    refused("unknown", bookings.check_in, site, typed="ABCDEFGH", now=at(MONDAY, 9))
    refused("unknown", bookings.check_in, site, typed="not a code", now=at(MONDAY, 9))
    refused("wrong_day", bookings.check_in, site, typed=typed, now=at(date(2026, 12, 1), 9))
    early = refused("early", bookings.check_in, site, typed=typed, now=at(MONDAY, 8, 29))
    assert "08:30" in early.words("id")
    refused("late", bookings.check_in, site, typed=typed, now=at(MONDAY, 9, 16))
    done = bookings.check_in(site, typed=typed, now=at(MONDAY, 8, 30))
    assert done.issued.ticket.online and done.issued.ticket.number == "A001"
    assert done.booking.status == "checked_in" and done.booking.ticket_number == "A001"
    refused("used", bookings.check_in, site, typed=typed, now=at(MONDAY, 8, 31))
    assert bookings.find(site, token=made.token).ticket_number == "A001"  # type: ignore[union-attr]
    cancelled = book(site, slot="10:00", phone="0813 1111 2222")
    bookings.cancel(site, token=cancelled.token, now=SUNDAY_EVENING)
    refused("cancelled", bookings.check_in, site, typed=cancelled.code, now=at(MONDAY, 10))


def test_booked_tickets_interleave_like_priority_ones(site: Database, staffing: object) -> None:
    # Walk-ins A001, A002 came first; the booked visitor checks in at 08:40.
    from shared import tickets

    tickets.issue_ticket(site, service="DPMPTSP", now=at(MONDAY, 8, 5))
    tickets.issue_ticket(site, service="DPMPTSP", now=at(MONDAY, 8, 6))
    made = book(site, slot="09:00")
    done = bookings.check_in(site, typed=made.code, now=at(MONDAY, 8, 40))
    assert done.issued.ticket.priority == "online" and done.issued.people_ahead == 0
    call = calling.call_next(site, counter=1, now=at(MONDAY, 8, 41))
    assert call.ticket is not None and call.ticket.number == "A003" and call.ticket.online
    assert bookings.personal(site, ticket_id=call.ticket.id) == ("Siti Aminah", "0812-3456-7890")


@pytest.fixture
def staffing(site: Database) -> Iterator[object]:
    from tests.conftest import Staffing

    crew = Staffing(site)
    yield crew
    crew.stop()


def test_missed_bookings_become_no_shows_and_personal_data_is_forgotten(site: Database) -> None:
    made = book(site, slot="09:00")
    kept = book(site, slot="10:00", phone="0813 1111 2222")
    assert bookings.maintain(site, now=at(MONDAY, 9, 15)) == bookings.Upkeep(0, 0)
    assert bookings.maintain(site, now=at(MONDAY, 9, 16)) == bookings.Upkeep(1, 0)
    assert bookings.find(site, token=made.token).status == "no_show"  # type: ignore[union-attr]
    refused("over", bookings.cancel, site, token=made.token)
    # Thirty days after the day (the site's retention) names and phones are gone.
    assert bookings.maintain(site, now=at(date(2026, 12, 30), 9)) == bookings.Upkeep(1, 0)
    assert bookings.maintain(site, now=at(date(2026, 12, 31), 9)) == bookings.Upkeep(0, 2)
    with site.read() as session:
        rows = list(session.scalars(select(Booking)))
    assert [(r.name, r.phone) for r in rows] == [(None, None), (None, None)]
    assert {r.status for r in rows} == {BookingStatus.NO_SHOW}
    assert kept.code not in {r.name for r in rows}


def test_codes_are_random_not_sequential(site: Database) -> None:
    codes = [book(site, day=date(2026, 12, 1), slot=s, phone=f"0812 0000 00{i:02d}").code
             for i, s in enumerate(["08:00", "08:30", "09:00", "09:30"])]
    assert len(set(codes)) == 4
    # A code one step from a real one (the next in the alphabet) is not a booking.
    for code in codes:
        last = rules.CODE_ALPHABET.index(code[-1])
        neighbour = code[:-1] + rules.CODE_ALPHABET[(last + 1) % len(rules.CODE_ALPHABET)]
        if neighbour not in codes:
            refused("unknown", bookings.check_in, site, typed=neighbour, now=at(date(2026, 12, 1), 8))


def test_check_in_issues_nothing_when_refused(site: Database) -> None:
    made = book(site, slot="09:00")
    refused("early", bookings.check_in, site, typed=made.code, now=at(MONDAY, 8))
    with site.read() as session:
        assert session.scalar(select(func.count()).select_from(Ticket)) == 0


def test_reports_count_bookings_check_ins_and_no_shows(site: Database) -> None:
    from shared import reports

    used = book(site, slot="09:00")
    book(site, slot="10:00", phone="0813 1111 2222")
    gone = book(site, slot="11:00", phone="0813 3333 4444")
    book(site, agency="DUKCAPIL", slot="13:00")
    bookings.cancel(site, token=gone.token, now=SUNDAY_EVENING)
    bookings.check_in(site, typed=used.code, now=at(MONDAY, 9))
    bookings.maintain(site, now=at(MONDAY, 10, 30))  # 10:00 missed; Dukcapil's 13:00 open
    report = reports.build_report(site, date_from=MONDAY)
    by_key = {r.key: r for r in report.bookings}
    dpmptsp, total = by_key["DPMPTSP"], by_key["TOTAL"]
    assert (dpmptsp.booked, dpmptsp.checked_in, dpmptsp.no_show, dpmptsp.cancelled,
            dpmptsp.pending) == (3, 1, 1, 1, 0)
    assert (total.booked, total.pending) == (4, 1)
    text = reports.report_text(report)
    assert "Online bookings" in text and "Siti" not in text and "0812" not in text
    assert reports.build_report(site, date_from=date(2026, 12, 1)).bookings == []
    table = reports.report_csv(report).splitlines()
    assert table[0].endswith("booked,booking_checked_in,booking_no_show,booking_cancelled")
    assert next(r for r in table if ",DPMPTSP," in r).endswith(",3,1,1,1")
    assert next(r for r in table if ",DUKCAPIL," in r).endswith(",1,0,0,0")
    assert next(r for r in table if r.startswith("counter,")).endswith(",,,,")
    assert table[-1].endswith(",4,1,1,1")


def test_the_apps_day_upkeep_runs_the_booking_upkeep(site: Database) -> None:
    from shared import dayops

    made = book(site, slot="09:00")
    dayops.maintain(site, now=at(MONDAY, 9, 20))
    assert bookings.find(site, token=made.token).status == "no_show"  # type: ignore[union-attr]
    dayops.maintain(site, now=at(date(2026, 12, 31), 9))
    assert bookings.personal(site, ticket_id=0) is None
    with site.read() as session:
        assert session.scalars(select(Booking.phone)).one() is None


def test_walk_ins_leave_room_for_todays_bookings(tmp_path: Path) -> None:
    """A quota of 3 with one booking open: two walk-ins, then the kiosk says the quota is
    used up, the booked visitor still gets the third number, and the day holds 3 tickets."""
    from shared import status, tickets
    from shared.errors import QueueError

    text = JOMBANG_SITE.read_text(encoding="utf-8").replace("daily_quota = 200", "daily_quota = 3")
    site_file = tmp_path / "site.toml"
    site_file.write_text(text, encoding="utf-8")
    db = Database(f"sqlite:///{tmp_path / 'quota.db'}")
    init_database(db, site_file)
    try:
        made = book(db, slot="09:00")
        for minute in (1, 2):
            tickets.issue_ticket(db, service="DPMPTSP", now=at(MONDAY, 8, minute))
        with pytest.raises(QueueError) as caught:
            tickets.issue_ticket(db, service="DPMPTSP", now=at(MONDAY, 8, 3))
        assert caught.value.reason == "quota"
        board = status.snapshot(db, now=at(MONDAY, 8, 3), with_tickets=False)
        dpmptsp = next(a for a in board.agencies if a.code == "DPMPTSP")
        assert (dpmptsp.state, dpmptsp.issued) == ("quota", 2)
        done = bookings.check_in(db, typed=made.code, now=at(MONDAY, 8, 45))
        assert done.issued.ticket.number == "A003"
    finally:
        db.dispose()


def test_two_visitors_racing_for_the_last_place_one_wins(site: Database) -> None:
    """Eight threads at once: for one place in a slot, and one phone for several slots."""
    import threading

    def race(calls: list[dict[str, str]]) -> list[str]:
        barrier = threading.Barrier(len(calls))
        outcomes: list[str] = []

        def run(kwargs: dict[str, str]) -> None:
            barrier.wait()
            try:
                book(site, **kwargs)  # type: ignore[arg-type]
                outcomes.append("booked")
            except BookingError as refused_error:
                outcomes.append(refused_error.reason)

        threads = [threading.Thread(target=run, args=(c,)) for c in calls]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=60)
        return sorted(outcomes)

    one_place = race([{"phone": f"0812 0000 {i:04d}"} for i in range(4)])
    assert one_place == ["booked", "full", "full", "full"]
    one_phone = race([{"slot": s, "phone": "0813 9999 0000"}
                      for s in ("10:00", "10:30", "11:00", "11:30")])
    assert one_phone == ["booked", "duplicate", "duplicate", "duplicate"]
    assert count(site) == 2


def test_the_day_holds_the_bookable_share_of_the_quota(tmp_path: Path) -> None:
    """Dukcapil's quota 150 at 20 %: 30 a day; a quota of 5 at 20 %: one booking a day."""
    text = JOMBANG_SITE.read_text(encoding="utf-8").replace("daily_quota = 150", "daily_quota = 5")
    site_file = tmp_path / "site.toml"
    site_file.write_text(text, encoding="utf-8")
    db = Database(f"sqlite:///{tmp_path / 'cap.db'}")
    init_database(db, site_file)
    try:
        book(db, agency="DUKCAPIL", slot="08:00")
        offer = bookings.offer(db, agency="DUKCAPIL", day=MONDAY, now=SUNDAY_EVENING)
        assert offer.day_cap == 1 and offer.day_full
        refused("full", book, db, agency="DUKCAPIL", slot="13:00", phone="0813 1111 2222")
        assert count(db) == 1
    finally:
        db.dispose()


def test_antre_expire_runs_the_booking_upkeep(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    from shared.cli.main import main

    url = f"sqlite:///{tmp_path / 'cli.db'}"
    db = Database(url)
    init_database(db, JOMBANG_SITE)
    try:
        made = book(db, slot="09:00")
        monkeypatch.setenv("ANTRE_NOW", "2026-12-31T09:00:00+07:00")
        assert main(["--db", url, "expire"]) == 0
        out = capsys.readouterr().out
        assert "1 bookings missed their check-in" in out
        assert "1 bookings' names and phone numbers removed" in out
        assert "Siti" not in out and made.code not in out
    finally:
        db.dispose()


def test_the_pdf_report_has_the_bookings_table(jombang_db: Database, tmp_path: Path,
                                               qapp: object) -> None:
    import subprocess

    from shared import reports
    from shared.qt.report_pdf import write_report_pdf

    used = book(jombang_db, slot="09:00")
    book(jombang_db, slot="10:00", phone="0813 1111 2222")
    bookings.check_in(jombang_db, typed=used.code, now=at(MONDAY, 9))
    bookings.maintain(jombang_db, now=at(MONDAY, 10, 30))
    pdf = tmp_path / "laporan.pdf"
    write_report_pdf(reports.build_report(jombang_db, date_from=MONDAY), pdf)
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True,
                          text=True, check=True).stdout
    assert "Antrean online per instansi" in text
    line = next(x for x in text.splitlines() if "DPMPTSP (Perizinan)" in x and "Lapor" not in x
                and x.split()[-5:] == ["2", "1", "1", "0", "0"])
    assert line
    assert "Siti" not in text and "0812" not in text
