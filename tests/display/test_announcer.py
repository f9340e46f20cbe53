"""The Announcer speaks calls strictly in order, never overlapping, dropping none."""

from __future__ import annotations

import logging
import tempfile
from datetime import timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QElapsedTimer, QEvent
from PySide6.QtMultimedia import QAudioFormat, QAudioSink, QMediaPlayer, QtAudio
from pytestqt.qtbot import QtBot

from shared import clock
from shared.qt.announcer import WATCHDOG_EXTRA_MS, Announcer, Clip, has_audio_output
from shared.voice.announcement import AnnouncementError, clip_catalogue
from shared.voice.wavjoin import (
    CHANNELS,
    FRAME_RATE,
    frames_to_wav,
    render_announcement,
    silence,
    wav_duration,
)


def short_call(number: str, counter: int) -> bytes:
    """A 40 ms WAV: keeps a burst of calls quick while still going through the real playing."""
    return frames_to_wav(silence(40))


class Recorder:
    def __init__(self, announcer: Announcer) -> None:
        self.events: list[tuple[str, str, int]] = []
        self.idles = 0
        announcer.started.connect(lambda n, c: self.events.append(("started", n, c)))
        announcer.finished.connect(lambda n, c: self.events.append(("finished", n, c)))
        announcer.idle.connect(self._idle)

    def _idle(self) -> None:
        self.idles += 1

    def assert_in_order(self, calls: list[tuple[str, int]]) -> None:
        expected = [(kind, n, c) for n, c in calls for kind in ("started", "finished")]
        assert self.events == expected  # each finished comes before the next started


@pytest.fixture
def make_announcer(qtbot: QtBot):  # type: ignore[no-untyped-def]
    made: list[Announcer] = []

    def make(**kwargs: object) -> Announcer:
        announcer = Announcer(**kwargs)  # type: ignore[arg-type]
        made.append(announcer)
        return announcer

    yield make
    for announcer in made:
        announcer.shutdown()
        announcer.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def test_burst_plays_in_order_without_overlap(qtbot: QtBot, make_announcer) -> None:  # type: ignore[no-untyped-def]
    announcer = make_announcer(render=short_call)
    recorder = Recorder(announcer)
    calls = [(f"{'ABC'[i % 3]}{i + 1:03d}", i + 1) for i in range(20)]
    with qtbot.waitSignal(announcer.idle, timeout=60000):  # a sound server adds ~1 s a call
        for number, counter in calls:
            announcer.announce(number, counter)
    recorder.assert_in_order(calls)
    assert recorder.idles == 1
    assert not announcer.is_busy()
    assert announcer._buffer is None  # each call's sound is let go once it has played


def test_real_render_plays_without_temporary_files(  # type: ignore[no-untyped-def]
    qtbot: QtBot, make_announcer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    temp = tmp_path / "temp"
    temp.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(temp))  # where any temporary file would go
    for lang in ("id", "en"):
        (tmp_path / lang).mkdir()
        for name in clip_catalogue(lang):
            (tmp_path / lang / f"{name}.wav").write_bytes(frames_to_wav(b"\x10\x00" * 200))
    (tmp_path / "chime.wav").write_bytes(frames_to_wav(b"\x10\x00" * 500))
    announcer = make_announcer(clips_dir=tmp_path, langs=("id", "en"))
    recorder = Recorder(announcer)
    with qtbot.waitSignal(announcer.idle, timeout=20000):
        announcer.announce("A012", 3)
    recorder.assert_in_order([("A012", 3)])
    announcer.shutdown()
    assert list(temp.iterdir()) == []


def test_calls_during_playing_wait_their_turn(qtbot: QtBot, make_announcer) -> None:  # type: ignore[no-untyped-def]
    announcer = make_announcer(render=short_call)
    recorder = Recorder(announcer)
    with qtbot.waitSignal(announcer.started, timeout=5000):
        announcer.announce("A001", 1)
    announcer.announce("A002", 2)
    assert announcer.pending() == 1
    qtbot.waitUntil(lambda: recorder.idles == 1, timeout=10000)
    recorder.assert_in_order([("A001", 1), ("A002", 2)])


def test_no_sound_mode_keeps_signals_in_order(qtbot: QtBot, make_announcer) -> None:  # type: ignore[no-untyped-def]
    def must_not_render(number: str, counter: int) -> bytes:
        raise AssertionError("rendered with sound disabled")

    announcer = make_announcer(enabled=False, render=must_not_render)
    recorder = Recorder(announcer)
    calls = [(f"B{i:03d}", i) for i in range(1, 21)]
    with qtbot.waitSignal(announcer.idle, timeout=5000):
        for number, counter in calls:
            announcer.announce(number, counter)
    recorder.assert_in_order(calls)
    assert announcer._sink is None and announcer._buffer is None


def test_number_is_normalised(qtbot: QtBot, make_announcer) -> None:  # type: ignore[no-untyped-def]
    announcer = make_announcer(enabled=False)
    with qtbot.waitSignal(announcer.finished, timeout=5000) as blocker:
        announcer.announce("a12", 3)
    assert blocker.args == ["A012", 3]


def test_bad_call_raises_at_once(make_announcer) -> None:  # type: ignore[no-untyped-def]
    announcer = make_announcer(enabled=False)
    with pytest.raises(AnnouncementError):
        announcer.announce("12A", 3)
    with pytest.raises(AnnouncementError):
        announcer.announce("A012", 0)
    assert not announcer.is_busy()


def _raising(number: str, counter: int) -> bytes:
    if number == "A001":
        raise RuntimeError("boom")
    return short_call(number, counter)


def _empty(number: str, counter: int) -> bytes:
    return b"" if number == "A001" else short_call(number, counter)


@pytest.mark.parametrize("render", [_raising, _empty], ids=["raises", "empty"])
def test_a_failed_render_does_not_stall(  # type: ignore[no-untyped-def]
    qtbot: QtBot, make_announcer, caplog: pytest.LogCaptureFixture, render
) -> None:
    """A call whose sound cannot be made (the renderer fails, or gives no bytes) is logged and
    skipped; the next call still plays."""
    announcer = make_announcer(render=render)
    recorder = Recorder(announcer)
    with (
        caplog.at_level(logging.ERROR, logger="antre.voice"),
        qtbot.waitSignal(announcer.idle, timeout=10000),
    ):
        announcer.announce("A001", 1)
        announcer.announce("A002", 2)
    recorder.assert_in_order([("A001", 1), ("A002", 2)])
    assert "Could not play the call A001" in caplog.text


def test_missing_clips_still_announce(
    qtbot: QtBot,
    make_announcer,
    tmp_path: Path,
    caplog: pytest.LogCaptureFixture,  # type: ignore[no-untyped-def]
) -> None:
    announcer = make_announcer(clips_dir=tmp_path)  # an empty folder: no clips at all
    recorder = Recorder(announcer)
    with (
        caplog.at_level(logging.ERROR, logger="antre.voice"),
        qtbot.waitSignal(announcer.idle, timeout=10000),
    ):
        announcer.announce("A012", 3)
    recorder.assert_in_order([("A012", 3)])
    assert "voice clip missing" in caplog.text


def test_no_audio_device_is_logged_once(
    qtbot: QtBot,
    make_announcer,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,  # type: ignore[no-untyped-def]
) -> None:
    monkeypatch.setattr("shared.qt.announcer.has_audio_output", lambda: False)
    with caplog.at_level(logging.WARNING, logger="antre.voice"):
        announcer = make_announcer(render=short_call)
        with qtbot.waitSignal(announcer.idle, timeout=10000):
            for i in range(1, 4):
                announcer.announce(f"A{i:03d}", i)
    lines = [r for r in caplog.records if "No audio output device" in r.getMessage()]
    assert len(lines) == 1


def test_stale_calls_are_dropped_not_spoken_late(qtbot: QtBot, make_announcer) -> None:  # type: ignore[no-untyped-def]
    """Superseded at the same counter, the same ticket queued twice, or too old: not spoken."""
    announcer = make_announcer(render=short_call, max_age=timedelta(minutes=2))
    recorder = Recorder(announcer)
    dropped: list[tuple[str, int, str]] = []
    announcer.dropped.connect(lambda n, c, why: dropped.append((n, c, why)))
    now = clock.now()
    with qtbot.waitSignal(announcer.started, timeout=5000):
        announcer.announce("A001", 1)  # speaking while the others queue up
    with qtbot.waitSignal(announcer.idle, timeout=10000):
        announcer.announce("B001", 3)
        announcer.announce("C001", 5, at=now - timedelta(minutes=10))  # missed long ago
        announcer.announce("B002", 3)  # loket 3 moved on: B001 is stale
        announcer.announce("D001", 7)
        announcer.announce("D001", 7)  # a recall before the call was spoken: once is enough
        announcer.announce("A001", 1)  # a recall after it was spoken: spoken again
    recorder.assert_in_order([("A001", 1), ("B002", 3), ("D001", 7), ("A001", 1)])
    assert sorted(dropped) == [
        ("B001", 3, "superseded"), ("C001", 5, "too_old"), ("D001", 7, "repeated")
    ]


def test_a_call_taken_back_before_its_turn_is_not_spoken(  # type: ignore[no-untyped-def]
    qtbot: QtBot, make_announcer
) -> None:
    announcer = make_announcer(render=short_call)
    recorder = Recorder(announcer)
    dropped: list[tuple[str, int, str]] = []
    announcer.dropped.connect(lambda n, c, why: dropped.append((n, c, why)))
    with qtbot.waitSignal(announcer.started, timeout=5000):
        announcer.announce("A001", 1)  # speaking: it finishes
    with qtbot.waitSignal(announcer.idle, timeout=10000):
        announcer.announce("A002", 1)
        announcer.announce("B001", 3)
        announcer.withdraw("a002", 1)  # an undo at loket 1 while A002 waits its turn
        announcer.withdraw("A001", 1)  # already being spoken: nothing to drop
    recorder.assert_in_order([("A001", 1), ("B001", 3)])
    assert dropped == [("A002", 1, "undone")]


def test_a_call_is_played_without_a_media_player(qtbot: QtBot, make_announcer) -> None:  # type: ignore[no-untyped-def]
    """QMediaPlayer opened an FFmpeg demuxer for every call and the display grew by ~7 KB a
    call; the announcer hands its own PCM to an audio sink instead."""
    announcer = make_announcer(render=short_call)
    with qtbot.waitSignal(announcer.started, timeout=5000):
        announcer.announce("A001", 1)
    assert announcer.findChildren(QMediaPlayer) == []
    qtbot.waitUntil(lambda: not announcer.is_busy(), timeout=10000)
    assert announcer.findChildren(QMediaPlayer) == []
    assert announcer.findChildren(QAudioSink) == []  # each call's sink is let go


CLIP_MS = {"A001": 300, "B002": 120, "C003": 400}


def test_each_call_lasts_as_long_as_its_voice(qtbot: QtBot, make_announcer) -> None:  # type: ignore[no-untyped-def]
    """With or without a sound card a call takes the length of its clip, so the hall hears the
    order and the gaps of the real voice, and no call starts before the one before it ended."""
    announcer = make_announcer(render=lambda n, c: frames_to_wav(silence(CLIP_MS[n])))
    elapsed = QElapsedTimer()
    elapsed.start()
    times: list[tuple[str, str, int]] = []
    announcer.started.connect(lambda n, c: times.append(("started", n, elapsed.elapsed())))
    announcer.finished.connect(lambda n, c: times.append(("finished", n, elapsed.elapsed())))
    with qtbot.waitSignal(announcer.idle, timeout=20000):
        for counter, number in enumerate(CLIP_MS, start=1):
            announcer.announce(number, counter)
    assert [t[:2] for t in times] == [(kind, n) for n in CLIP_MS for kind in ("started", "finished")]
    early = 0 if not has_audio_output() else 50  # a sound server's clock runs in blocks
    for (_, number, start), (_, _, end) in zip(times[::2], times[1::2], strict=True):
        assert CLIP_MS[number] - early <= end - start < CLIP_MS[number] + WATCHDOG_EXTRA_MS


def test_the_sink_gets_the_format_the_voice_is_rendered_in() -> None:
    data = render_announcement("A012", 3, langs=("id", "en"))
    clip = Clip.from_wav(data)
    fmt = clip.audio_format()
    assert (fmt.sampleRate(), fmt.channelCount()) == (FRAME_RATE, CHANNELS)
    assert fmt.sampleFormat() == QAudioFormat.SampleFormat.Int16
    assert abs(clip.milliseconds - wav_duration(data) * 1000) < 1
    assert len(clip.frames) == len(data) - 44  # all of it but the header
    with pytest.raises(ValueError, match="not a PCM WAV"):
        Clip.from_wav(b"RIFF....WAVEnot really")


def test_a_real_audio_output_plays_the_whole_call(qtbot: QtBot, make_announcer) -> None:  # type: ignore[no-untyped-def]
    """Runs only where Qt sees an audio output (a sound card or a sound server's null sink):
    the call goes to a QAudioSink and ends when the sink has played all of it."""
    if not has_audio_output():
        pytest.skip("no audio output device on this machine")
    announcer = make_announcer(render=lambda n, c: frames_to_wav(silence(300)))
    elapsed = QElapsedTimer()
    with qtbot.waitSignal(announcer.finished, timeout=5000):
        with qtbot.waitSignal(announcer.started, timeout=5000):
            announcer.announce("A001", 1)
        elapsed.start()
        sinks = announcer.findChildren(QAudioSink)
        assert len(sinks) == 1 and sinks[0].error() == QtAudio.Error.NoError
    assert elapsed.elapsed() >= 250  # played, not cut short (the sink buffers a little ahead)
    qtbot.waitUntil(lambda: announcer.findChildren(QAudioSink) == [], timeout=5000)
