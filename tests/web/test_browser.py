"""End to end in a real headless Chromium at 360x800: a ticket from the real kiosk app,
its page open on a "phone", a real counter console (another process) calls it, and the
page turns to "Silakan menuju LOKET 3" by itself. Screenshots of each page."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from shared import staff, weblinks
from shared.db import Database
from shared.models import Ticket
from tests.e2e.test_lan_postgres import Driven
from tests.web.browser import PHONE, chromium, shots_dir
from tests.web.conftest import LiveServer

__all__ = ["chromium"]
pytestmark = pytest.mark.slow


def wait_text(driver: Any, text: str, timeout: float = 60) -> str:
    """Waits until the page shows `text`. A page being replaced (a form's answer arriving)
    makes the body just read stale: that is "not yet", not an error."""
    from selenium.common.exceptions import StaleElementReferenceException
    from selenium.webdriver.support.ui import WebDriverWait

    WebDriverWait(driver, timeout, ignored_exceptions=(StaleElementReferenceException,)).until(
        lambda d: text in d.find_element("tag name", "body").text)
    body: str = driver.find_element("tag name", "body").text
    return body


def link_of(db: Database, number: str) -> str:
    with db.read() as session:
        from shared import lookups

        ticket = session.query(Ticket).filter_by(number=number).one()
        secret = lookups.site(session).link_secret
        return "/t/" + weblinks.ticket_token(secret, ticket_id=ticket.id, day=ticket.day)


def test_phone_page_turns_to_the_call(web_db: Database, live: LiveServer, chromium: Any,
                                      tmp_path: Path) -> None:
    driver = chromium
    shots = shots_dir(tmp_path)
    staff.add_staff(web_db, name="Siti", pin="1234")
    with Driven("kiosk", "--db", web_db.url, "--tap", "DUKCAPIL") as kiosk:
        number = kiosk.wait_for("ticket")["number"]
    assert number == "B001"
    driver.get(live.url + link_of(web_db, number))
    body = wait_text(driver, "Menunggu dipanggil")
    assert "B001" in body and "Dukcapil" in body
    assert driver.execute_script("return document.documentElement.scrollWidth") <= PHONE[0]
    driver.save_screenshot(str(shots / "ticket-waiting.png"))
    with Driven("counter", "--db", web_db.url, "--counter", "3", "--pin", "1234",
                "--call-when-waiting") as console:
        console.wait_for("serving")
        body = wait_text(driver, "LOKET 3")
    assert "Silakan menuju" in body
    driver.save_screenshot(str(shots / "ticket-called.png"))
    assert driver.get_log("browser") == []  # no CSP violation, no script error

    driver.get(live.url + link_of(web_db, number) + "?lang=en")
    assert "COUNTER 3" in wait_text(driver, "Please go to")
    assert driver.execute_script("return document.documentElement.scrollWidth") <= PHONE[0]
    driver.save_screenshot(str(shots / "ticket-called-en.png"))
    driver.get(live.url + "/?lang=id")
    board = wait_text(driver, "SEDANG DIPANGGIL")  # h2 is uppercased by the CSS
    assert "B001" in board and "LOKET 3" in board
    assert driver.execute_script("return document.documentElement.scrollWidth") <= PHONE[0]
    driver.save_screenshot(str(shots / "board.png"))
    driver.get(live.url + "/t/AAAAAAAAAAAAAAAA")
    wait_text(driver, "Tiket tidak ditemukan")
    driver.save_screenshot(str(shots / "not-found.png"))
    # The only message: the browser noting the 404 status of the page itself.
    assert [e["message"] for e in driver.get_log("browser")
            if "/t/AAAAAAAAAAAAAAAA" not in e["message"]] == []
