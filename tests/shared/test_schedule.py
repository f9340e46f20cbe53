"""Opening hours, breaks, last-ticket time and quotas refuse tickets with a reason."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from shared import status, tickets
from shared.db import Database
from shared.errors import QueueError
from shared.setup import init_database

WIB = ZoneInfo("Asia/Jakarta")


def moment(day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(2026, 11, day, hour, minute, tzinfo=WIB)  # 23 = Monday, 27 = Friday


@pytest.mark.parametrize(
    ("when", "reason", "message", "english"),
    [
        (moment(23, 7, 59), "closed", "Buka pukul 08:00", "Opens at 08:00"),
        (moment(23, 12, 30), "break", "Istirahat siang sampai 13:00",
         "On a break (Istirahat siang) until 13:00"),
        (moment(27, 12, 0), "break", "Istirahat salat Jumat sampai 13:00",
         "On a break (Istirahat salat Jumat) until 13:00"),
        (moment(23, 14, 45), "last_ticket", "Pengambilan tiket ditutup pukul 14:30",
         "No more tickets after 14:30"),
        (moment(23, 15, 0), "closed", "Sudah tutup", "Closed for today"),
        (moment(29, 10, 0), "closed", "Tutup hari Minggu", "Closed on Sunday"),
        (moment(28, 10, 0), "closed", "Tutup hari Sabtu", "Closed on Saturday"),
    ],
)
def test_refusals_carry_reason_and_plain_message(
    jombang_db: Database, when: datetime, reason: str, message: str, english: str
) -> None:
    with pytest.raises(QueueError) as caught:
        tickets.issue_ticket(jombang_db, service="KPP", now=when)
    assert caught.value.reason == reason
    # A reason code with its data, put into words in either language.
    assert caught.value.words("id").startswith(f"KPP Pratama (Pajak): {message}")
    assert caught.value.words("en").startswith(f"KPP Pratama (Pajak): {english}")
    snap = status.snapshot(jombang_db, now=when)
    kpp = next(a for a in snap.agencies if a.code == "KPP")
    assert (kpp.open, kpp.state) == (False, reason)
    assert snap.tickets == []  # nothing was written, not even a number


def test_saturday_hours_of_one_agency(jombang_db: Database) -> None:
    issued = tickets.issue_ticket(jombang_db, service="DUKCAPIL", now=moment(28, 9))
    assert issued.ticket.number == "B001"


def test_quota_is_exact_and_refusal_takes_no_number(tmp_path: Path) -> None:
    site = tmp_path / "site.toml"
    site.write_text(
        '[site]\nname = "Uji"\n[[agencies]]\ncode = "KEMENAG"\nname = "Kemenag"\nprefix = "M"\n'
        'daily_quota = 3\nhours = { mon = "08:00-15:00" }\n[[counters]]\nnumber = 1\n'
        'agencies = ["KEMENAG"]\n', encoding="utf-8")
    db = Database(f"sqlite:///{tmp_path / 'q.db'}")
    init_database(db, site)
    numbers = [tickets.issue_ticket(db, service="KEMENAG", now=moment(23, 9, m)).ticket.number
               for m in range(3)]
    assert numbers == ["M001", "M002", "M003"]
    for m in range(2):
        with pytest.raises(QueueError) as caught:
            tickets.issue_ticket(db, service="KEMENAG", now=moment(23, 10, m))
        assert caught.value.reason == "quota"
        assert caught.value.words("id") == "Kemenag: Kuota hari ini (3) sudah habis"
        assert caught.value.words("en") == "Kemenag: Today's quota (3) is full"
    assert len(status.snapshot(db, now=moment(23, 11)).tickets) == 3
    db.dispose()
