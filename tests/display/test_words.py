"""The English display shows no Indonesian catalogue text: tiles in every state (serving,
idle, on a break, closed), the big panel on a recall, history rows, waiting chips (an agency
closed), the header offline."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime

from pytestqt.qtbot import QtBot

from display.i18n import Words
from display.live import Update
from display.window import DisplayWindow
from tests.display.conftest import RecordingAnnouncer
from tests.display.test_layout import event, snap
from tests.words_check import indonesian_in, visible_texts


def test_the_english_display_shows_no_indonesian(qtbot: QtBot, fonts: None) -> None:
    window = DisplayWindow(words=Words("en"), announcer=RecordingAnnouncer())
    qtbot.addWidget(window)
    window.resize(1920, 1080)
    base = snap(12)
    counters = [
        replace(c, state="closed", presence=None, staff=None) if c.number in (6, 11) else c
        for c in base.counters
    ]
    counters = [replace(c, paused_since=datetime.now(UTC)) if c.number == 4 else c
                for c in counters]
    state = replace(base, counters=counters)
    window.apply_update(Update([], state, initial=True))
    calls = [event(1, "B801", 2), event(2, "B802", 5), event(3, "B802", 5, "recall")]
    window.apply_update(Update(calls, replace(state, counters=[
        replace(c, current="B802", state="serving") if c.number == 5 else c for c in counters])))
    window.set_online(False)
    window.show()
    qtbot.waitExposed(window)
    texts = visible_texts(window)
    assert "Closed" in texts and "On a break" in texts  # the states are shown, in English
    assert indonesian_in(texts) == []
    # The same board in Indonesian does show Indonesian: the check can see it.
    window_id = DisplayWindow(words=Words("id"), announcer=RecordingAnnouncer())
    qtbot.addWidget(window_id)
    window_id.resize(1920, 1080)
    window_id.apply_update(Update([], state, initial=True))
    window_id.show()
    qtbot.waitExposed(window_id)
    assert indonesian_in(visible_texts(window_id)) != []
