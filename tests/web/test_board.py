"""The phone's hall board reads its calls and counters at one moment of the database."""

from __future__ import annotations

from shared import calling
from shared.db import Database
from shared.tickets import issue_ticket
from shared.undo import undo_last
from tests.between import write_after_first_select
from web.board import board_view


def test_the_board_never_mixes_a_call_list_and_counters_from_two_moments(
    any_db: Database,
) -> None:
    for _ in range(3):
        issue_ticket(any_db, service="DPMPTSP")
    calling.call_next(any_db, counter=1)
    calling.call_next(any_db, counter=1)  # A001 done, A002 called

    def undo(other: Database) -> None:  # another console, while the page reads
        undo_last(other, counter=1, expected="A001")

    with write_after_first_select(any_db, undo):
        view = board_view(any_db)
    serving = next(c.current for c in view.counters if c.number == 1)
    assert (serving, [c.number for c in view.calls]) == ("A002", ["A002", "A001"])
    view = board_view(any_db)
    serving = next(c.current for c in view.counters if c.number == 1)
    assert (serving, [c.number for c in view.calls]) == ("A001", ["A001"])
