"""The ticket status page from the QR: found by its token, live through a console's calls."""

from __future__ import annotations

import re
import subprocess
import sys
import threading
from pathlib import Path

import httpx
import pytest

from shared import calling, migrate, tickets, weblinks
from shared.db import Database
from shared.setup import init_database
from tests.conftest import DEMO_SITE
from tests.web.conftest import (
    BASE_URL,
    LiveServer,
    Stream,
    site_with_base_url,
    start_server,
    wait_until,
)


def token_of(qr_payload: str) -> str:
    assert qr_payload.startswith(f"{BASE_URL}/t/"), qr_payload
    return qr_payload.rsplit("/", 1)[1]


def test_the_printed_qr_leads_to_the_page(web_db: Database, http: httpx.Client) -> None:
    tickets.issue_ticket(web_db, service="DUKCAPIL")
    issued = tickets.issue_ticket(web_db, service="DUKCAPIL")
    token = token_of(issued.qr_payload)
    assert weblinks.looks_like_token(token)
    page = http.get(f"/t/{token}")
    assert page.status_code == 200
    text = page.text
    assert "B002" in text and "Dukcapil" in text
    assert re.search(r"Antrean di depan Anda</dt><dd>1</dd>", text)
    assert "± 8 menit" in text  # one person ahead, 8 service minutes, one counter
    english = http.get(f"/t/{token}?lang=en")
    assert "People ahead of you</dt><dd>1</dd>" in english.text
    assert english.cookies.get("lang") == "en"
    # The language sticks (cookie) until switched back.
    assert "Queue number" in http.get(f"/t/{token}").text
    assert "Nomor antrean" in http.get(f"/t/{token}?lang=id").text


def test_secure_headers_and_no_inline_script(web_db: Database, http: httpx.Client) -> None:
    issued = tickets.issue_ticket(web_db, service="DUKCAPIL")
    for path in (f"/t/{token_of(issued.qr_payload)}", "/", "/t/AAAAAAAAAAAAAAAA"):
        response = http.get(path)
        csp = response.headers["content-security-policy"]
        assert "script-src 'self'" in csp and "unsafe-inline" not in csp
        assert response.headers["referrer-policy"] == "no-referrer"
        assert response.headers["x-content-type-options"] == "nosniff"
        assert response.headers["x-frame-options"] == "DENY"
        assert response.headers["cache-control"] == "no-store"
        assert "<script>" not in response.text
        assert not re.search(r"<[^>]+\son[a-z]+=", response.text)  # no inline handlers
        assert not re.search(r"<[^>]+\sstyle=", response.text)  # no inline styles
        assert "http://" not in response.text and "https://" not in response.text  # no CDN


def test_page_weight_stays_small(web_db: Database, http: httpx.Client) -> None:
    issued = tickets.issue_ticket(web_db, service="DUKCAPIL")
    total = sum(len(http.get(p).content) for p in (f"/t/{token_of(issued.qr_payload)}",
                                                  "/static/style.css", "/static/app.js"))
    assert total < 60_000
    board = sum(len(http.get(p).content) for p in ("/", "/static/style.css", "/static/app.js"))
    assert board < 60_000


def test_unknown_tokens_are_not_found(web_db: Database, http: httpx.Client) -> None:
    """Neither ids, numbers, sequences nor random tokens of the right shape open a page."""
    issued = [tickets.issue_ticket(web_db, service="DUKCAPIL") for _ in range(5)]
    real = {token_of(i.qr_payload) for i in issued}
    guesses = [str(i.ticket.id) for i in issued] + [i.ticket.number for i in issued]
    guesses += [f"{'A' * 15}{c}" for c in "ABCDEFG234567"]
    guesses += [weblinks.ticket_token("wrong secret", ticket_id=i.ticket.id,
                                      day=i.issued_local.date()) for i in issued]
    guesses += [weblinks.ticket_token(weblinks.new_secret(), ticket_id=1, day=issued[0]
                                      .issued_local.date()) for _ in range(20)]
    guesses += ["../../etc/passwd", "x" * 500, "%00", "ÄÖÜ"]
    for guess in guesses:
        assert guess not in real
        response = http.get(f"/t/{guess}")
        assert response.status_code == 404, guess
        assert "Tiket tidak ditemukan" in response.text
        assert http.get(f"/api/tickets/{guess}").status_code in (404, 422)


def test_a_ticket_printed_before_the_web_service_gets_a_link(tmp_path: Path) -> None:
    """A database from before this feature: the migration makes the secret, the site file
    gives the base URL, and the tickets already issued today have working links."""
    db = Database(f"sqlite:///{tmp_path / 'old.db'}")
    init_database(db, DEMO_SITE)
    migrate.downgrade(db, "0007")
    migrate.upgrade(db)
    old = tickets.issue_ticket(db, service="DUKCAPIL")
    assert old.qr_payload.startswith("ANTRE:")  # no base URL yet: the old payload
    init_database(db, site_with_base_url(tmp_path))
    reprint = tickets.find_ticket(db, number=old.ticket.number)
    token = token_of(reprint.qr_payload)
    server = start_server(db)
    try:
        page = httpx.get(f"{server.url}/t/{token}", timeout=30)
        assert page.status_code == 200 and old.ticket.number in page.text
    finally:
        server.stop()
        db.dispose()


def test_the_page_follows_the_ticket_live(web_db: Database, live: LiveServer,
                                          http: httpx.Client) -> None:
    """Waiting -> called at LOKET 3 -> recalled -> transferred -> called -> done."""
    first = tickets.issue_ticket(web_db, service="DUKCAPIL")
    mine = tickets.issue_ticket(web_db, service="DUKCAPIL")
    stream = Stream(http, f"/t/{token_of(mine.qr_payload)}/events")
    try:
        assert "Antrean di depan Anda</dt><dd>1</dd>" in str(stream.next_event()["html"])
        calling.call_next(web_db, counter=3)  # serves DUKCAPIL: calls the first ticket
        assert "<dd>0</dd>" in str(stream.wait_for("Antrean di depan Anda</dt><dd>0")["html"])
        calling.call_next(web_db, counter=3)  # finishes the first, calls mine
        called = stream.wait_for("Silakan menuju")
        assert called["status"] == "called" and "LOKET 3" in str(called["html"])
        calling.recall(web_db, counter=3)
        assert stream.wait_for("Dipanggil ulang")["recalls"] == 1
        calling.transfer(web_db, counter=3, service="BPJSKES")
        moved = stream.wait_for("Dipindahkan dari Dukcapil ke BPJS Kesehatan")
        assert moved["status"] == "waiting" and "Menunggu dipanggil" in str(moved["html"])
        calling.call_next(web_db, counter=4)  # BPJS Kesehatan's counter
        assert "LOKET 4" in str(stream.wait_for("Silakan menuju")["html"])
        calling.finish(web_db, counter=4)
        assert stream.wait_for("Layanan selesai")["status"] == "done"
    finally:
        stream.close()
    assert first.ticket.number == "B001"


def test_no_show_and_expiry_say_what_happened(web_db: Database, http: httpx.Client) -> None:
    absent = tickets.issue_ticket(web_db, service="DUKCAPIL")
    late = tickets.issue_ticket(web_db, service="DPMPTSP")
    calling.call_next(web_db, counter=3)
    calling.no_show(web_db, counter=3)
    calling.expire_stale(web_db, include_today=True)
    page = http.get(f"/t/{token_of(absent.qr_payload)}").text
    assert "tidak hadir" in page
    assert "tidak berlaku lagi" in http.get(f"/t/{token_of(late.qr_payload)}").text
    assert http.get(f"/api/tickets/{token_of(late.qr_payload)}").json()["status"] == "expired"


def test_a_call_by_another_process_reaches_many_pages_through_one_watcher(
        web_db: Database, live: LiveServer, http: httpx.Client) -> None:
    issued = [tickets.issue_ticket(web_db, service="KPP") for _ in range(3)]
    streams = [Stream(http, f"/t/{token_of(i.qr_payload)}/events") for i in issued for _ in
               range(4)]
    try:
        for stream in streams:
            stream.next_event()
        hub = live.app.state.hub  # type: ignore[attr-defined]
        assert hub.pages == 12
        before = hub.refreshes
        subprocess.run([sys.executable, "-c",
                        "from shared.db import Database; from shared import calling;"
                        f"calling.call_next(Database({web_db.url!r}), counter=7)"],
                       check=True, timeout=120)
        for stream in streams[:4]:
            assert "LOKET 7" in str(stream.wait_for("Silakan menuju")["html"])
        for stream in streams[4:8]:
            stream.wait_for("Antrean di depan Anda</dt><dd>0</dd>")
        for stream in streams[8:]:
            stream.wait_for("Antrean di depan Anda</dt><dd>1</dd>")
        # One refresh for the commit, whatever the number of pages.
        assert hub.refreshes - before <= 2
        watchers = [t for t in threading.enumerate() if t.name == "antre-web-watcher"]
        assert len(watchers) == 1
    finally:
        for stream in streams:
            stream.close()
    # Closed pages unsubscribe: the hub stops computing their tickets.
    wait_until(lambda: hub.pages == 0)
    wait_until(lambda: not hub.states)


@pytest.mark.parametrize("lang", ["id", "en"])
def test_the_board_page(web_db: Database, http: httpx.Client, lang: str) -> None:
    tickets.issue_ticket(web_db, service="DUKCAPIL")
    calling.call_next(web_db, counter=3)
    page = http.get(f"/?lang={lang}").text
    assert "B001" in page and ("LOKET 3" if lang == "id" else "COUNTER 3") in page


def test_guessing_links_is_rate_limited_per_client(web_db: Database) -> None:
    issued = tickets.issue_ticket(web_db, service="DUKCAPIL")
    token = token_of(issued.qr_payload)
    server = start_server(web_db, link_misses_per_minute=5)
    try:
        with httpx.Client(base_url=server.url, timeout=30) as client:
            # A visitor reloading a real page is never limited.
            for _ in range(10):
                assert client.get(f"/t/{token}").status_code == 200
            for n in range(5):
                assert client.get(f"/t/{'B' * 15}{'ABCDE'[n]}").status_code == 404
            refused = client.get(f"/t/{'C' * 16}")
            assert refused.status_code == 429 and refused.headers["retry-after"] == "60"
            assert "Terlalu banyak permintaan" in refused.text
            assert client.get(f"/api/tickets/{'D' * 16}").status_code == 429
            # Once limited, the client waits (a minute) even for a real link.
            assert client.get(f"/t/{token}").status_code == 429
    finally:
        server.stop()


def test_a_change_recomputes_only_the_tickets_it_can_touch(web_db: Database, live: LiveServer,
                                                           http: httpx.Client) -> None:
    kpp = [tickets.issue_ticket(web_db, service="KPP") for _ in range(3)]
    other = tickets.issue_ticket(web_db, service="DUKCAPIL")
    streams = [Stream(http, f"/t/{token_of(i.qr_payload)}/events") for i in [*kpp, other]]
    try:
        for stream in streams:
            stream.next_event()
        hub = live.app.state.hub  # type: ignore[attr-defined]
        calling.call_next(web_db, counter=7)  # KPP
        streams[2].wait_for("Antrean di depan Anda</dt><dd>1</dd>")
        before = hub.recomputed
        calling.call_next(web_db, counter=7)
        streams[2].wait_for("Antrean di depan Anda</dt><dd>0</dd>")
        wait_until(lambda: hub.recomputed > before)
        assert hub.recomputed - before <= 3  # the KPP tickets, not the Dukcapil one
        # A wide event (a counter pauses: open counters change) recomputes every page.
        before = hub.recomputed
        calling.pause(web_db, counter=3)
        wait_until(lambda: hub.recomputed - before >= 4)
    finally:
        for stream in streams:
            stream.close()


def test_a_change_wakes_only_the_pages_it_changes(web_db: Database, live: LiveServer,
                                                  http: httpx.Client) -> None:
    """With 2,000 pages open, waking every page after each call to find that most had
    nothing new cost hundreds of milliseconds: only the changed pages read their state."""
    kpp = [tickets.issue_ticket(web_db, service="KPP") for _ in range(3)]
    others = [tickets.issue_ticket(web_db, service="DUKCAPIL") for _ in range(5)]
    hub = live.app.state.hub  # type: ignore[attr-defined]
    reads: dict[int, int] = {}
    read_state = hub.ticket_state

    async def counted(ticket_id: int) -> object:
        reads[ticket_id] = reads.get(ticket_id, 0) + 1
        return await read_state(ticket_id)

    hub.ticket_state = counted
    streams = [Stream(http, f"/t/{token_of(i.qr_payload)}/events") for i in [*kpp, *others]]
    try:
        for stream in streams:
            stream.next_event()
        opened = dict(reads)
        calling.call_next(web_db, counter=7)  # KPP: its three pages change
        streams[0].wait_for("Silakan menuju")
        streams[2].wait_for("Antrean di depan Anda</dt><dd>1</dd>")
        calling.call_next(web_db, counter=7)
        streams[1].wait_for("Silakan menuju")
        streams[2].wait_for("Antrean di depan Anda</dt><dd>0</dd>")
        assert all(reads[i.ticket.id] > opened[i.ticket.id] for i in kpp)
        assert {i.ticket.id: reads[i.ticket.id] for i in others} == \
            {i.ticket.id: opened[i.ticket.id] for i in others}
        # Going offline and back changes every page (the notice): all of them are woken.
        assert web_db.path is not None
        moved = web_db.path.with_suffix(".away")
        web_db.dispose()
        web_db.path.rename(moved)
        for stream in streams[3:]:
            stream.wait_for("tidak dapat membaca")
        moved.rename(web_db.path)
        for stream in streams[3:]:
            stream.wait_for("Menunggu dipanggil")
    finally:
        for stream in streams:
            stream.close()
