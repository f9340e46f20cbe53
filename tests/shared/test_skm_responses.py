"""The survey's questionnaire file and its answer sheets: one per served ticket, in time,
cleaned; on SQLite and on a real PostgreSQL server."""

from __future__ import annotations

import tomllib
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import func, select

from shared import calling, staff, tickets
from shared.db import Database
from shared.errors import ConfigError
from shared.models import SurveyResponse
from shared.site_config import parse_site
from shared.skm import responses
from shared.skm.questionnaire import DEFAULT_FILE, load_questionnaire, parse_questionnaire
from shared.skm.responses import Answers, Refusal, SurveyRefused, clean_text, submit
from tests.conftest import DEMO_SITE

WIB = ZoneInfo("Asia/Jakarta")
T0 = datetime(2026, 11, 23, 9, 0, tzinfo=WIB)
ALL_GOOD = Answers(elements={f"U{i}": 3 for i in range(1, 10)})


def at(minutes: float) -> datetime:
    return T0 + timedelta(minutes=minutes)


def served_ticket(db: Database, *, counter: int = 3, agency: str = "DUKCAPIL") -> int:
    """Issued at 0, called at 5 by a signed-in staff member, finished at 12: its id."""
    member = staff.add_staff(db, name=f"Petugas {counter}", pin="1234")
    issued = tickets.issue_ticket(db, service=agency, now=at(0))
    calling.call_next(db, counter=counter, staff_id=member.id, now=at(5))
    calling.finish(db, counter=counter, staff_id=member.id, now=at(12))
    return issued.ticket.id


def refusal(call: Any) -> SurveyRefused:
    with pytest.raises(SurveyRefused) as caught:
        call()
    return caught.value


# --- the questionnaire file --------------------------------------------------------------


def test_the_shipped_questionnaire_has_the_annex_elements_and_answers() -> None:
    q = load_questionnaire()
    assert [e.code for e in q.elements] == [f"U{i}" for i in range(1, 10)]
    assert q.elements[0].name.id == "Persyaratan"
    assert [a.id for a in q.elements[3].answers] == ["Sangat mahal", "Cukup mahal", "Murah", "Gratis"]
    assert q.elements[7].name.id.startswith("Penanganan pengaduan")
    assert q.elements[8].answers[3].id == "Sangat baik"
    assert [f.code for f in q.profile] == ["age_group", "sex", "education", "occupation"]
    assert q.text("thanks", "en") == "Thank you for your answers."
    for element in q.elements:  # English is complete and differs from the source
        assert element.question.en and element.question.en != element.question.id


def _data() -> dict[str, Any]:
    return tomllib.loads(DEFAULT_FILE.read_text(encoding="utf-8"))


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda d: d["elements"].pop(), "elements: must list the nine elements U1..U9, found 8"),
        (lambda d: d["elements"][2].update(code="U4"), "elements[2].code: must be U3"),
        (lambda d: d["elements"][1]["answers"].pop(), "elements[1].answers: must list 4 answers"),
        (lambda d: d["elements"][0]["question"].pop("en"), "elements[0].question.en: is missing"),
        (lambda d: d["profile"].pop(), "profile: missing occupation"),
        (lambda d: d["profile"][1].update(code="religion"), "profile[1].code: must be one of"),
        (lambda d: d["survey"]["skip"].update(id="  "), "survey.skip.id: is missing or empty"),
        (lambda d: d["profile"][0]["options"][1].update(code="u20"), "'u20' appears twice"),
    ],
)
def test_a_broken_questionnaire_is_refused_with_the_key(change: Any, message: str) -> None:
    data = _data()
    change(data)
    with pytest.raises(ConfigError) as caught:
        parse_questionnaire(data, source="skm.toml")
    assert str(caught.value).startswith("questionnaire skm.toml: ")
    assert message in str(caught.value)


def test_a_missing_or_invalid_file_is_one_plain_line(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="not found"):
        load_questionnaire(tmp_path / "none.toml")
    bad = tmp_path / "bad.toml"
    bad.write_text("[survey\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="not valid TOML"):
        load_questionnaire(bad)


def test_a_questionnaire_that_is_not_a_regular_file_is_refused_at_once(tmp_path: Path) -> None:
    """`antre-survey --questionnaire FIFO` hung the start on the read; /dev/zero filled memory."""
    import os
    import threading

    fifo = tmp_path / "skm.fifo"
    os.mkfifo(fifo)
    for path in (fifo, Path("/dev/zero")):
        caught: list[BaseException] = []

        def load(path: Path = path, caught: list[BaseException] = caught) -> None:
            try:
                load_questionnaire(path)
            except BaseException as error:
                caught.append(error)

        thread = threading.Thread(target=load, daemon=True)
        thread.start()
        thread.join(timeout=20)
        assert caught, f"load_questionnaire({path}) did not return"
        assert isinstance(caught[0], ConfigError)
        assert str(caught[0]) == f"questionnaire {path}: not a regular file"


def test_the_window_is_a_site_setting() -> None:
    data = tomllib.loads(DEMO_SITE.read_text(encoding="utf-8"))
    assert parse_site(data).survey_window_minutes == 120
    data["survey"] = {"window_minutes": 30}
    assert parse_site(data).survey_window_minutes == 30
    data["survey"] = {"window_minutes": 0}
    with pytest.raises(ConfigError, match=r"survey\.window_minutes: must be 1 to 10080"):
        parse_site(data)


# --- answer sheets -----------------------------------------------------------------------


def test_an_answer_records_agency_counter_staff_and_times(any_db: Database) -> None:
    ticket_id = served_ticket(any_db)
    answers = Answers(
        elements={"U1": 4, "U2": 3, "U3": None, "U9": 1},
        profile={"sex": "p", "age_group": "60up"},
        suggestion="Antrean cepat, tapi kursi kurang.",
    )
    response_id = submit(any_db, ticket_id=ticket_id, answers=answers, channel="tablet",
                         questionnaire=load_questionnaire(), now=at(20))
    with any_db.read() as session:
        row = session.get(SurveyResponse, response_id)
        assert row is not None
        ticket = row.ticket_id
        assert (row.u1, row.u2, row.u3, row.u4, row.u9) == (4, 3, None, None, 1)
        assert (row.sex, row.age_group, row.education) == ("p", "60up", None)
        assert row.suggestion == "Antrean cepat, tapi kursi kurang."
        assert row.channel == "tablet"
        assert row.counter_id is not None and row.staff_id is not None
        assert row.day.isoformat() == "2026-11-23"
        assert row.called_at == datetime(2026, 11, 23, 2, 5)  # stored as naive UTC
        assert row.finished_at == datetime(2026, 11, 23, 2, 12)
        assert row.answered_at == datetime(2026, 11, 23, 2, 20)
    assert ticket == ticket_id


def test_only_a_served_ticket_may_be_answered(any_db: Database) -> None:
    waiting = tickets.issue_ticket(any_db, service="DUKCAPIL", now=at(0)).ticket.id
    gone = refusal(lambda: submit(any_db, ticket_id=waiting, answers=ALL_GOOD, channel="web",
                                  now=at(1)))
    assert gone.reason == Refusal.NOT_FINISHED
    calling.call_next(any_db, counter=3, now=at(2))
    called = refusal(lambda: submit(any_db, ticket_id=waiting, answers=ALL_GOOD, channel="web",
                                    now=at(3)))
    assert called.reason == Refusal.NOT_FINISHED
    calling.no_show(any_db, counter=3, now=at(4))
    absent = refusal(lambda: submit(any_db, ticket_id=waiting, answers=ALL_GOOD, channel="web",
                                    now=at(5)))
    assert absent.reason == Refusal.NOT_FINISHED
    unknown = refusal(lambda: submit(any_db, ticket_id=99999, answers=ALL_GOOD, channel="web"))
    assert unknown.reason == Refusal.NO_TICKET
    assert _count(any_db) == 0


def test_answered_once_within_the_window(any_db: Database) -> None:
    ticket_id = served_ticket(any_db)
    # The window (120 minutes in the demo site) is counted from the finish at minute 12.
    late = refusal(lambda: submit(any_db, ticket_id=ticket_id, answers=ALL_GOOD, channel="web",
                                  now=at(12 + 120 + 1)))
    assert late.reason == Refusal.WINDOW_CLOSED
    assert late.words("id") == (
        "Waktu mengisi survei untuk tiket B001 sudah habis (120 menit setelah selesai dilayani)."
    )
    open_ticket = responses.survey_ticket(any_db, ticket_id=ticket_id, now=at(12 + 120))
    assert open_ticket.number == "B001" and open_ticket.agency_code == "DUKCAPIL"
    submit(any_db, ticket_id=ticket_id, answers=ALL_GOOD, channel="web", now=at(12 + 120))
    twice = refusal(lambda: submit(any_db, ticket_id=ticket_id, answers=ALL_GOOD,
                                   channel="tablet", now=at(13)))
    assert twice.reason == Refusal.ALREADY_ANSWERED
    assert twice.words("en") == "The survey for ticket B001 was already answered. Thank you."
    assert refusal(lambda: responses.survey_ticket(any_db, ticket_id=ticket_id)).reason == (
        Refusal.ALREADY_ANSWERED
    )
    assert _count(any_db) == 1


def test_two_screens_sending_at_once_store_one_answer(
    any_db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The unique ticket_id decides a race that both screens' checks passed."""
    ticket_id = served_ticket(any_db)
    submit(any_db, ticket_id=ticket_id, answers=ALL_GOOD, channel="web", now=at(13))
    real = responses._open_ticket

    def blind(session: Any, tid: int, when: datetime) -> Any:  # the check of the other screen
        from shared.models import Ticket

        return session.get(Ticket, tid) or real(session, tid, when)

    monkeypatch.setattr(responses, "_open_ticket", blind)
    second = refusal(lambda: submit(any_db, ticket_id=ticket_id, answers=ALL_GOOD,
                                    channel="tablet", now=at(14)))
    assert second.reason == Refusal.ALREADY_ANSWERED
    assert _count(any_db) == 1


@pytest.mark.parametrize(
    ("answers", "reason"),
    [
        (Answers(elements={"U1": 5}), Refusal.BAD_ANSWER),
        (Answers(elements={"U1": 0}), Refusal.BAD_ANSWER),
        (Answers(elements={"U1": True}), Refusal.BAD_ANSWER),  # type: ignore[dict-item]
        (Answers(elements={"U1": "4"}), Refusal.BAD_ANSWER),  # type: ignore[dict-item]
        (Answers(elements={"U10": 4}), Refusal.BAD_ANSWER),
        (Answers(elements={}), Refusal.NO_ANSWERS),
        (Answers(elements={"U1": None, "U2": None}), Refusal.NO_ANSWERS),
        (Answers(elements={"U1": 4}, profile={"religion": "x"}), Refusal.BAD_PROFILE),
        (Answers(elements={"U1": 4}, profile={"sex": "x"}), Refusal.BAD_PROFILE),
    ],
)
def test_bad_answers_are_refused_and_nothing_is_written(
    db: Database, answers: Answers, reason: Refusal
) -> None:
    ticket_id = served_ticket(db)
    error = refusal(lambda: submit(db, ticket_id=ticket_id, answers=answers, channel="web",
                                   questionnaire=load_questionnaire(), now=at(13)))
    assert error.reason == reason
    assert error.words("id") and error.words("en")
    assert _count(db) == 0


def test_free_text_is_cleaned_and_bounded(db: Database) -> None:
    assert clean_text("  Bagus\x00\x07 sekali\r\n\tkursi\u200b kurang\x1b[31m  ") == (
        "Bagus sekali\n kursi kurang[31m"
    )
    assert clean_text("e\u0301") == "é"  # NFC
    ticket_id = served_ticket(db)
    huge = Answers(elements={"U1": 4}, suggestion="x" * 10_240)
    error = refusal(lambda: submit(db, ticket_id=ticket_id, answers=huge, channel="web",
                                   now=at(13)))
    assert error.reason == Refusal.TEXT_TOO_LONG
    assert error.words("id") == "Saran terlalu panjang: paling banyak 2000 huruf."
    assert _count(db) == 0
    # Control characters do not count against the limit: they are removed first.
    padded = Answers(elements={"U1": 4}, suggestion="y" * 2000 + "\x00" * 5000)
    submit(db, ticket_id=ticket_id, answers=padded, channel="web", now=at(13))
    with db.read() as session:
        assert session.scalar(select(SurveyResponse.suggestion)) == "y" * 2000


def _count(db: Database) -> int:
    with db.read() as session:
        return int(session.scalar(select(func.count()).select_from(SurveyResponse)) or 0)
