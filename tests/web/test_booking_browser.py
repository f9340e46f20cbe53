"""Booking on a phone-sized page in a real headless Chromium (360x800): pick the agency, the
day and a slot, type name and phone, get the code and QR; cancel. Screenshots of each page."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from shared import bookings
from shared.db import Database
from shared.models import Booking
from tests.web.browser import PHONE, chromium, shots_dir
from tests.web.conftest import LiveServer
from tests.web.test_browser import wait_text

__all__ = ["chromium"]
pytestmark = pytest.mark.slow


def tap(driver: Any, css: str) -> None:
    """Scrolls the element to the middle of the screen, then taps it."""
    element = driver.find_element("css selector", css)
    driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", element)
    element.click()


def fits(driver: Any) -> None:
    assert driver.execute_script("return document.documentElement.scrollWidth") <= PHONE[0]


def test_book_on_a_phone(web_db: Database, live: LiveServer, chromium: Any,
                         tmp_path: Path) -> None:
    driver = chromium
    shots = shots_dir(tmp_path)
    driver.get(live.url + "/booking")
    wait_text(driver, "Dukcapil")
    fits(driver)
    driver.save_screenshot(str(shots / "booking-1-agencies.png"))
    driver.find_element("partial link text", "Dukcapil").click()
    wait_text(driver, "Pilih jam")
    days = driver.find_elements("css selector", "a.day")
    assert len(days) == 8  # today and 7 days ahead
    days[1].click()
    wait_text(driver, "Pilih jam")
    fits(driver)
    driver.save_screenshot(str(shots / "booking-2-day.png"))
    slot = driver.find_element("css selector", 'input[name="slot"][value="600"]')
    label = slot.find_element("xpath", "..")
    assert label.size["height"] >= 48  # a finger-sized target
    driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", label)
    label.click()
    assert slot.is_selected()
    driver.find_element("id", "name").send_keys("Siti Aminah")
    driver.find_element("id", "phone").send_keys("0812 3456 7890")
    driver.execute_script("arguments[0].scrollIntoView({block: 'center'})",
                          driver.find_element("id", "phone"))
    driver.save_screenshot(str(shots / "booking-3-form.png"))
    tap(driver, "button.send")
    wait_text(driver, "KODE PEMESANAN")
    fits(driver)
    with web_db.read() as session:
        code = session.scalars(select(Booking.code)).one()
    body = wait_text(driver, f"{code[:4]}-{code[4:]}")
    assert "Siti" not in body and "3456" not in body
    assert "/b/" in driver.current_url and "Siti" not in driver.current_url
    qr = driver.find_element("css selector", "svg.qr")
    assert qr.size["width"] >= 180  # scannable from a phone held to the kiosk
    driver.save_screenshot(str(shots / "booking-4-done.png"))
    tap(driver, "a.cancel-btn")
    wait_text(driver, "Batalkan pemesanan ini?")
    fits(driver)
    driver.save_screenshot(str(shots / "booking-5-cancel-ask.png"))
    tap(driver, "button.cancel-btn")
    wait_text(driver, "sudah dibatalkan")
    driver.save_screenshot(str(shots / "booking-6-cancelled.png"))
    assert bookings.find(web_db, token=driver.current_url.split("/b/")[1].split("?")[0])


def test_a_refused_booking_says_why_on_the_phone(web_db: Database, live: LiveServer,
                                                 chromium: Any, tmp_path: Path) -> None:
    driver = chromium
    shots = shots_dir(tmp_path)
    driver.get(live.url + "/booking/DUKCAPIL")
    wait_text(driver, "Pilih jam")
    label = driver.find_elements("css selector", "label.slot")[0]
    driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", label)
    label.click()
    driver.find_element("id", "name").send_keys("Budi")
    driver.find_element("id", "phone").send_keys("+1 415 555 0100")
    tap(driver, "button.send")
    wait_text(driver, "Nomor HP harus nomor Indonesia")
    assert driver.find_element("id", "name").get_attribute("value") == "Budi"
    fits(driver)
    driver.save_screenshot(str(shots / "booking-7-refused.png"))
    with web_db.read() as session:
        assert session.scalars(select(Booking)).first() is None
