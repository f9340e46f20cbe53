"""The satisfaction index (IKM), computed by hand on a fixed data set, with the grade
boundaries 88.30/88.31, 76.60/76.61 and 64.99/65.00; on SQLite and on PostgreSQL."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from decimal import Decimal
from fractions import Fraction
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import select

from shared import calling, tickets
from shared.db import Database
from shared.models import Counter, Service, Site, SurveyResponse, Ticket, TicketStatus
from shared.skm.index import Grade, converted, grade_of
from shared.skm.output import skm_csv, skm_text
from shared.skm.report import build_skm_report
from shared.skm.responses import Answers, submit
from shared.skm.sample import minimum_sample

WIB = ZoneInfo("Asia/Jakarta")
MONDAY = datetime(2026, 11, 23, 8, 0, tzinfo=WIB)
DAY = date(2026, 11, 23)
CODES = [f"U{i}" for i in range(1, 10)]


# --- pure arithmetic ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("x25", "printed", "grade"),
    [
        # x25 is the converted value before rounding; the index itself is x25 / 25.
        (Fraction("88.305"), "88.31", Grade.A),  # half up: prints 88.31, an A
        (Fraction("88.30499"), "88.30", Grade.B),
        (Fraction("100"), "100.00", Grade.A),
        (Fraction("76.605"), "76.61", Grade.B),
        (Fraction("76.60499"), "76.60", Grade.C),
        (Fraction("64.995"), "65.00", Grade.C),
        (Fraction("64.99499"), "64.99", Grade.D),
        (Fraction("25"), "25.00", Grade.D),
    ],
)
def test_conversion_rounds_once_half_up_and_grades_the_printed_value(
    x25: Fraction, printed: str, grade: Grade
) -> None:
    value = converted(x25 / 25)
    assert str(value) == printed
    assert grade_of(value) == grade


def test_the_grade_boundaries_are_exact() -> None:
    assert [grade_of(Decimal(v)) for v in ("88.31", "88.30", "76.61", "76.60", "65.00",
                                            "64.99")] == ["A", "B", "B", "C", "C", "D"]


@pytest.mark.parametrize(
    ("population", "sample"),
    [(0, 0), (7, 7), (10, 10), (11, 14), (100, 80), (101, 86), (1000, 278), (2500, 335),
     (30_000, 379), (150_000, 384)],
)
def test_the_krejcie_morgan_minimum(population: int, sample: int) -> None:
    assert minimum_sample(population) == sample


# --- the fixed data set ------------------------------------------------------------------

# DUKCAPIL (loket 3): four visitors answered, one more was served and did not answer.
SHEETS = [
    [4, 4, 3, 3, 4, 3, 4, 2, 3],
    [3, 3, 3, 4, 3, 3, 4, 3, 3],
    [2, 3, 2, 4, 3, 3, 3, None, 3],  # skipped U8
    [4, 3, 3, 4, 4, 4, 4, 3, 2],
]
# By hand, element sums / respondents who answered it:
#   U1 13/4 = 3.250  U2 13/4 = 3.250  U3 11/4 = 2.750  U4 15/4 = 3.750  U5 14/4 = 3.500
#   U6 13/4 = 3.250  U7 15/4 = 3.750  U8  8/3 = 2.667  U9 11/4 = 2.750
# sum of NRRs = 26.25 + 8/3 = 347/12; IKM = (347/12) / 9 = 347/108 = 3.212963
# x 25 = 80.324 -> 80.32 -> B (Baik). Population 5 -> minimum sample 5 > 4 respondents.

# Boundary agencies: every respondent answers all nine, so IKM = (sum of all answers) / (9 n)
# and the converted value is 25 T / (9 n):
BOUNDARIES = {
    # agency: (counter, respondents n, fours, threes, twos) -> T, 25T/9n, printed, grade
    "BPJSKES": (4, 19, 91, 80, 0),  # T = 604, 88.3041 -> 88.30 B
    "BPJSTK": (5, 24, 115, 101, 0),  # T = 763, 88.3102 -> 88.31 A
    "ATRBPN": (6, 26, 15, 219, 0),  # T = 717, 76.6026 -> 76.60 C
    "KPP": (7, 19, 11, 160, 0),  # T = 524, 76.6082 -> 76.61 B
    "PUPR": (8, 5, 0, 27, 18),  # T = 117, 65.0000 -> 65.00 C
    "DINKES": (9, 38, 0, 205, 137),  # T = 889, 64.9854 -> 64.99 D
}
EXPECTED = {
    "BPJSKES": ("88.30", "B"), "BPJSTK": ("88.31", "A"), "ATRBPN": ("76.60", "C"),
    "KPP": ("76.61", "B"), "PUPR": ("65.00", "C"), "DINKES": ("64.99", "D"),
}


class Clock:
    def __init__(self) -> None:
        self.minutes = 0

    def tick(self) -> datetime:
        self.minutes += 1
        return MONDAY + timedelta(minutes=self.minutes)


def serve(db: Database, agency: str, counter: int, clock: Clock) -> int:
    ticket = tickets.issue_ticket(db, service=agency, now=clock.tick()).ticket
    calling.call_next(db, counter=counter, now=clock.tick())
    calling.finish(db, counter=counter, now=clock.tick())
    return ticket.id


def answer(db: Database, ticket_id: int, values: list[int | None], clock: Clock,
           suggestion: str = "") -> None:
    sheet = Answers(elements=dict(zip(CODES, values, strict=True)), suggestion=suggestion,
                    profile={"sex": "p" if ticket_id % 2 else "l"})
    submit(db, ticket_id=ticket_id, answers=sheet, channel="tablet", now=clock.tick())


def fixed_data_set(db: Database) -> None:
    clock = Clock()
    for n, sheet in enumerate(SHEETS):
        text = "Antrean lama.\nAC di ruang tunggu mati." if n == 2 else ""
        answer(db, serve(db, "DUKCAPIL", 3, clock), sheet, clock, text)
    serve(db, "DUKCAPIL", 3, clock)  # served, did not answer: in the population
    tickets.issue_ticket(db, service="DUKCAPIL", now=clock.tick())
    calling.call_next(db, counter=3, now=clock.tick())
    calling.no_show(db, counter=3, now=clock.tick())  # not served: not in the population


def boundary_data_set(db: Database) -> None:
    """131 served tickets and their answer sheets, written in one transaction (the rules of
    serving and answering are tested above; here only the arithmetic matters)."""
    start = datetime(2026, 11, 23, 1, 0)  # naive UTC, as stored
    with db.write() as session:
        services = {s.code: s.id for s in session.scalars(select(Service))}
        counters = {c.number: c.id for c in session.scalars(select(Counter))}
        for agency, (counter, n, fours, threes, twos) in BOUNDARIES.items():
            values = [4] * fours + [3] * threes + [2] * twos
            assert len(values) == 9 * n
            for r in range(n):
                ticket = Ticket(
                    issued_service_id=services[agency], service_id=services[agency], day=DAY,
                    seq=r + 1, number=f"X{r + 1:03d}", status=TicketStatus.DONE, front=1,
                    issued_at=start, queued_at=start, called_at=start, finished_at=start,
                    counter_id=counters[counter],
                )
                session.add(ticket)
                session.flush()
                sheet = values[9 * r: 9 * r + 9]
                session.add(SurveyResponse(
                    ticket_id=ticket.id, service_id=ticket.service_id,
                    counter_id=ticket.counter_id, day=DAY, issued_at=start, called_at=start,
                    finished_at=start, answered_at=start, channel="tablet", suggestion="",
                    **{code.lower(): value for code, value in zip(CODES, sheet, strict=True)},
                ))


def test_the_index_of_the_fixed_data_set_by_hand(any_db: Database) -> None:
    fixed_data_set(any_db)
    report = build_skm_report(any_db, date_from=DAY)
    (dukcapil,) = report.agencies
    assert dukcapil.key == "DUKCAPIL"
    assert (dukcapil.respondents, dukcapil.population, dukcapil.minimum_sample) == (4, 5, 5)
    assert dukcapil.below_sample
    nrr = [e.nrr for e in dukcapil.elements]
    assert nrr == [Fraction(13, 4), Fraction(13, 4), Fraction(11, 4), Fraction(15, 4),
                   Fraction(14, 4), Fraction(13, 4), Fraction(15, 4), Fraction(8, 3),
                   Fraction(11, 4)]
    assert [e.answered for e in dukcapil.elements] == [4, 4, 4, 4, 4, 4, 4, 3, 4]
    assert dukcapil.elements[0].weighted == Fraction(13, 36)
    assert dukcapil.ikm == Fraction(347, 108)
    assert str(dukcapil.converted) == "80.32" and dukcapil.grade == Grade.B
    assert [e.code for e in dukcapil.weakest()] == ["U8", "U3", "U9"]
    assert str(dukcapil.elements[7].converted) == "66.67"  # U8 alone would be a C
    # Loket 3 served all of them; the whole MPP is this one agency today.
    (loket3,) = report.counters
    assert (loket3.key, loket3.ikm, loket3.population) == ("3", Fraction(347, 108), 5)
    assert report.total.ikm == Fraction(347, 108) and report.total.key == "ALL"
    assert report.profile["sex"] == {"l": 2, "p": 2}
    assert report.profile["education"] == {None: 4}
    (comment,) = report.comments
    assert (comment.number, comment.agency_code, comment.counter) == ("B003", "DUKCAPIL", 3)
    assert comment.text == "Antrean lama.\nAC di ruang tunggu mati."
    assert comment.link is None  # the demo site has no status URL


def test_the_grade_boundaries_on_real_answer_sheets(any_db: Database) -> None:
    boundary_data_set(any_db)
    report = build_skm_report(any_db, date_from=DAY, date_to=DAY)
    got = {r.key: (str(r.converted), r.grade) for r in report.agencies}
    assert got == EXPECTED
    # Each counter serves one agency here: the same figures per counter.
    assert {r.key: str(r.converted) for r in report.counters} == {
        str(counter): EXPECTED[agency][0] for agency, (counter, *_rest) in BOUNDARIES.items()
    }
    # The whole MPP: all 131 sheets, T = 604+763+717+524+117+889 = 3614 over 9 x 131.
    assert report.total.respondents == 131 == report.total.population
    assert report.total.ikm == Fraction(3614, 9 * 131)
    assert str(report.total.converted) == "76.63"  # 25 x 3614 / 1179 = 76.6327
    assert report.total.minimum_sample == 103 and not report.total.below_sample  # row 140


def test_period_agency_filter_comments_and_outputs(any_db: Database) -> None:
    fixed_data_set(any_db)
    with any_db.write() as session:
        site = session.get(Site, 1)
        assert site is not None
        site.status_url = "https://mpp.example/t/{id}"
    clock = Clock()
    clock.minutes = 24 * 60  # the next service day
    ticket_id = serve(any_db, "DPMPTSP", 1, clock)
    answer(any_db, ticket_id, [1] * 9, clock, "Petugas tidak ada di loket")
    one_day = build_skm_report(any_db, date_from=DAY)
    assert one_day.total.respondents == 4
    two_days = build_skm_report(any_db, date_from=DAY, date_to=DAY + timedelta(days=1))
    assert two_days.total.respondents == 5
    assert [c.link for c in two_days.comments] == [
        f"https://mpp.example/t/{two_days.comments[0].ticket_id}",
        f"https://mpp.example/t/{ticket_id}",
    ]
    only = build_skm_report(any_db, date_from=DAY, date_to=DAY + timedelta(days=1),
                            agency="dpmptsp")
    assert [r.key for r in only.agencies] == ["DPMPTSP"] and only.total.respondents == 1
    assert [r.key for r in only.counters] == ["1"]
    assert str(only.total.converted) == "25.00" and only.total.grade == Grade.D
    assert [c.number for c in only.comments] == ["A001"]
    csv_text = skm_csv(two_days)
    assert csv_text.splitlines()[1].startswith("total,2026-11-23,2026-11-24,ALL,Seluruh MPP,5,")
    text = skm_text(one_day)
    assert "IKM 3.213 -> 80.32 B (Baik)" in text
    assert "Responden 4 dari minimal 5 (populasi 5, tabel Krejcie-Morgan)" in text
    assert "DUKCAPIL       U8 2.667, U3 2.750, U9 2.750" in text
    assert "B003 DUKCAPIL loket 3" in text and "Antrean lama. / AC di ruang" in text


def test_an_empty_period(db: Database) -> None:
    report = build_skm_report(db, date_from=DAY)
    assert report.empty and report.total.ikm is None and report.total.grade is None
    assert report.agencies == [] and report.comments == []
    assert "Belum ada jawaban survei pada periode ini." in skm_text(report)
