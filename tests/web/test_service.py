"""antre-web as a process, and what the pages do while the database is away."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import httpx

from shared import calling, tickets
from shared.db import Database
from tests.web.conftest import LiveServer, Stream, wait_until


def test_pages_say_when_the_database_is_away_and_recover(web_db: Database, live: LiveServer,
                                                         http: httpx.Client) -> None:
    issued = tickets.issue_ticket(web_db, service="DUKCAPIL")
    token = issued.qr_payload.rsplit("/", 1)[1]
    stream = Stream(http, f"/t/{token}/events")
    try:
        assert "Menunggu dipanggil" in str(stream.next_event()["html"])
        assert web_db.path is not None
        moved = web_db.path.with_suffix(".away")
        web_db.dispose()
        web_db.path.rename(moved)
        assert "tidak dapat membaca data antrean" in str(stream.wait_for("tidak dapat membaca")
                                                       ["html"])
        moved.rename(web_db.path)
        calling.call_next(web_db, counter=3)
        called = stream.wait_for("Silakan menuju")
        assert "tidak dapat membaca" not in str(called["html"])
    finally:
        stream.close()


def test_a_page_whose_state_is_not_kept_says_the_database_is_away(
        web_db: Database, live: LiveServer, http: httpx.Client) -> None:
    """The hub may hold no state for an open page (a refresh that began before the page
    opened replaced them, seen once on Debian 13): the database going away then must still
    reach the page as a notice, not end its stream."""
    issued = tickets.issue_ticket(web_db, service="DUKCAPIL")
    token = issued.qr_payload.rsplit("/", 1)[1]
    stream = Stream(http, f"/t/{token}/events")
    try:
        assert "Menunggu dipanggil" in str(stream.next_event()["html"])
        live.app.state.hub.states.clear()  # type: ignore[attr-defined]
        assert web_db.path is not None
        moved = web_db.path.with_suffix(".away")
        web_db.dispose()
        web_db.path.rename(moved)
        away = stream.wait_for("tidak dapat membaca")
        assert "Menunggu dipanggil" in str(away["html"])  # still the ticket, marked offline
        moved.rename(web_db.path)
        calling.call_next(web_db, counter=3)
        assert "tidak dapat membaca" not in str(stream.wait_for("Silakan menuju")["html"])
    finally:
        stream.close()


def test_antre_web_serves_and_stops(web_db: Database, tmp_path: Path) -> None:
    env = {**os.environ, "ANTRE_HOME": str(tmp_path)}
    process = subprocess.Popen(
        [sys.executable, "-m", "web", "--db", web_db.url, "--host", "127.0.0.1", "--port", "0"],
        stderr=subprocess.PIPE, text=True, env=env)
    try:
        assert process.stderr is not None
        url = ""
        for line in process.stderr:
            if "Uvicorn running on" in line:
                url = line.split("running on ")[1].split()[0]
                break
        assert url.startswith("http://127.0.0.1:"), url
        page = httpx.get(f"{url}/", timeout=30)
        assert page.status_code == 200 and "Sedang dipanggil" in page.text
        process.send_signal(signal.SIGINT)
        process.wait(timeout=60)
        assert process.returncode == 0
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
        if process.stderr is not None:
            process.stderr.close()


def test_antre_web_refuses_a_database_that_is_not_set_up(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "web", "--db", f"sqlite:///{tmp_path / 'empty.db'}"],
        capture_output=True, text=True, timeout=120,
        env={**os.environ, "ANTRE_HOME": str(tmp_path)})
    assert result.returncode == 2
    assert "run `antre init` first" in result.stderr
    assert "Traceback" not in result.stderr


def test_closed_pages_leave_the_hub(web_db: Database, live: LiveServer,
                                    http: httpx.Client) -> None:
    hub = live.app.state.hub  # type: ignore[attr-defined]
    stream = Stream(http, "/events")
    stream.next_event()
    assert hub.pages == 1
    stream.close()
    wait_until(lambda: hub.pages == 0)
