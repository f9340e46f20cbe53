"""Ticket links: tokens, what the ticket prints, the site file's base URL, and the state a
status page shows (the same people-ahead figure as the kiosk's)."""

from __future__ import annotations

import random
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path

import pytest

from shared import calling, clock, tickets, weblinks
from shared.db import Database
from shared.errors import ConfigError
from shared.live_status import ticket_states
from shared.models import PRIORITY_KINDS
from shared.printing.render import render_bytes
from shared.printing.ticket_layout import TextLine, TicketPrint, build_layout
from shared.site_config import load_site
from tests.conftest import DEMO_SITE
from tests.escpos_decode import decode
from tests.web.conftest import BASE_URL


def test_tokens_are_stable_secret_dependent_and_url_safe() -> None:
    day = date(2026, 11, 27)
    secret = weblinks.new_secret()
    token = weblinks.ticket_token(secret, ticket_id=42, day=day)
    assert token == weblinks.ticket_token(secret, ticket_id=42, day=day)
    assert weblinks.looks_like_token(token) and len(token) == weblinks.TOKEN_LENGTH
    others = {weblinks.ticket_token(secret, ticket_id=43, day=day),
              weblinks.ticket_token(secret, ticket_id=42, day=day + timedelta(days=1)),
              weblinks.ticket_token(weblinks.new_secret(), ticket_id=42, day=day)}
    assert token not in others and len(others) == 3
    assert not weblinks.looks_like_token(token.lower())
    assert not weblinks.looks_like_token(token[:-1])


def test_the_site_file_gives_the_base_url(tmp_path: Path) -> None:
    text = DEMO_SITE.read_text(encoding="utf-8")
    good = tmp_path / "good.toml"
    good.write_text(text + '\n[web]\nbase_url = "https://antre.jombangkab.go.id/"\n')
    assert load_site(good).web_base_url == "https://antre.jombangkab.go.id"
    for bad in ("antre.example", "ftp://x", "http://a b", "javascript:alert(1)"):
        path = tmp_path / "bad.toml"
        path.write_text(text + f'\n[web]\nbase_url = "{bad}"\n')
        with pytest.raises(ConfigError, match=r"web\.base_url: must be an http\(s\) address"):
            load_site(path)


@pytest.mark.parametrize("paper_mm", [58, 80])
def test_the_ticket_prints_the_short_url_under_the_qr(web_db: Database, paper_mm: int) -> None:
    issued = tickets.issue_ticket(web_db, service="DUKCAPIL")
    assert issued.qr_payload.startswith(f"{BASE_URL}/t/")
    ticket = TicketPrint(
        site_name=issued.site_name, agency_code="DUKCAPIL", agency_name="Dukcapil",
        number=issued.ticket.number, issued_at=issued.issued_local, people_ahead=0,
        estimated_wait_minutes=0, priority_label=None, qr_payload=issued.qr_payload,
        footer=issued.footer)
    decoded = decode(render_bytes(ticket, paper_mm=paper_mm))
    assert decoded.qr_payloads == [issued.qr_payload]
    printed = "".join("".join(decoded.texts).split())
    assert weblinks.short_form(issued.qr_payload) in printed
    assert "http://" not in printed
    # Without a web address the ticket prints no URL line.
    plain = build_layout(replace(ticket, qr_payload="ANTRE:2026-11-27:B001:1"), paper_mm=paper_mm,
                         lang="id")
    assert not any("/t/" in i.text for i in plain if isinstance(i, TextLine))


def test_live_states_agree_with_the_kiosks_people_ahead(db: Database) -> None:
    """A busy morning with priorities and transfers: every waiting ticket's figures match
    what tickets.find_ticket (the kiosk and reprints) computes one by one."""
    rng = random.Random(7)
    for _ in range(40):
        service = rng.choice(["DUKCAPIL", "BPJSKES"])
        priority = rng.choice([None, None, None, *PRIORITY_KINDS])
        tickets.issue_ticket(db, service=service, priority=priority)
    calling.call_next(db, counter=3)
    calling.transfer(db, counter=3, service="BPJSKES")
    calling.call_next(db, counter=3)
    calling.call_next(db, counter=3)
    calling.transfer(db, counter=3, service="BPJSKES")
    moment = clock.now()
    with db.read() as session:
        from shared.models import Ticket

        ids = [t.id for t in session.query(Ticket)]
        states = ticket_states(session, ids, moment)
    assert len(states) == 40
    waiting = [s for s in states.values() if s.status == "waiting"]
    assert any(s.transferred for s in waiting)
    for state in waiting:
        expected = tickets.find_ticket(db, number=state.number, now=moment)
        assert state.people_ahead == expected.people_ahead, state.number
        assert state.wait_minutes == expected.estimated_wait_minutes, state.number
    assert sorted(s.people_ahead for s in waiting if s.agency_code == "BPJSKES") == list(
        range(sum(1 for s in waiting if s.agency_code == "BPJSKES")))
