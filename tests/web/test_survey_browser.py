"""The phone survey in a real headless Chromium at 360x800: the status page offers it when the
ticket is finished (live), the visitor taps through it and sends it; it works with scripts
off too. Screenshots of the form and the thank-you page."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from shared import calling, tickets
from shared.db import Database
from shared.models import SurveyResponse
from tests.web.browser import PHONE, chromium, shots_dir
from tests.web.conftest import LiveServer
from tests.web.test_browser import wait_text

__all__ = ["chromium"]
pytestmark = pytest.mark.slow


def path_of(qr_payload: str) -> str:
    return "/t/" + qr_payload.rsplit("/", 1)[1]


def stored(db: Database) -> list[SurveyResponse]:
    with db.read() as session:
        return list(session.scalars(select(SurveyResponse).order_by(SurveyResponse.id)))


def tap_answers(driver: Any, values: list[int]) -> None:
    """Taps each answer's label (the whole row is the touch target)."""
    for number, value in enumerate(values, start=1):
        label = driver.find_element(
            "css selector", f'input[name="U{number}"][value="{value}"]').find_element(
            "xpath", "..")
        assert label.size["height"] >= 48 and label.size["width"] >= 300  # big touch target
        driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", label)
        label.click()
        assert driver.find_element(
            "css selector", f'input[name="U{number}"][value="{value}"]').is_selected()


def test_phone_survey_after_done(web_db: Database, live: LiveServer, chromium: Any,
                                 tmp_path: Path) -> None:
    driver = chromium
    shots = shots_dir(tmp_path)
    issued = tickets.issue_ticket(web_db, service="DUKCAPIL")
    calling.call_next(web_db, counter=3)
    driver.get(live.url + path_of(issued.qr_payload))
    wait_text(driver, "LOKET 3")
    calling.finish(web_db, counter=3)
    wait_text(driver, "Isi survei kepuasan")  # the live page offers it by itself
    driver.save_screenshot(str(shots / "survey-offer.png"))
    driver.find_element("css selector", "a.survey-link").click()
    wait_text(driver, "Survei Kepuasan Masyarakat")
    assert driver.execute_script("return document.documentElement.scrollWidth") <= PHONE[0]
    driver.save_screenshot(str(shots / "survey-form-top.png"))
    tap_answers(driver, [4, 3, 4, 4, 3, 4, 4, 2, 3])
    driver.save_screenshot(str(shots / "survey-form-answers.png"))
    from selenium.webdriver.support.ui import Select

    Select(driver.find_element("id", "p-age_group")).select_by_index(2)
    Select(driver.find_element("id", "p-sex")).select_by_value("p")
    text = driver.find_element("id", "suggestion")
    text.send_keys("Antrean tertib, tetapi kursi kurang.")
    driver.save_screenshot(str(shots / "survey-form-bottom.png"))
    driver.find_element("css selector", "button.send").click()
    wait_text(driver, "Terima kasih atas penilaian Anda.")
    driver.save_screenshot(str(shots / "survey-thanks.png"))
    [row] = stored(web_db)
    assert (row.channel, row.u1, row.u8, row.sex) == ("web", 4, 2, "p")
    assert row.suggestion == "Antrean tertib, tetapi kursi kurang."
    assert driver.get_log("browser") == []  # no CSP violation, no script error
    # Back on the status page: the offer is gone; the survey page says it was answered.
    driver.back()
    driver.get(live.url + path_of(issued.qr_payload) + "/survey")
    wait_text(driver, "sudah diisi")


def test_phone_survey_without_javascript(web_db: Database, live: LiveServer,
                                         chromium: Any, tmp_path: Path) -> None:
    driver = chromium
    issued = tickets.issue_ticket(web_db, service="DUKCAPIL")
    calling.call_next(web_db, counter=3)
    calling.finish(web_db, counter=3)
    driver.execute_cdp_cmd("Emulation.setScriptExecutionDisabled", {"value": True})
    driver.get(live.url + path_of(issued.qr_payload) + "?lang=en")
    wait_text(driver, "Answer the satisfaction survey")
    driver.find_element("css selector", "a.survey-link").click()
    wait_text(driver, "Public Satisfaction Survey")
    for number in range(1, 10):
        driver.find_element("css selector", f'input[name="U{number}"][value="3"]').find_element(
            "xpath", "..").click()
    driver.find_element("css selector", "button.send").click()
    wait_text(driver, "Thank you for your answers.")
    driver.save_screenshot(str(shots_dir(tmp_path) / "survey-thanks-en-nojs.png"))
    [row] = stored(web_db)
    assert row.channel == "web" and row.u5 == 3
