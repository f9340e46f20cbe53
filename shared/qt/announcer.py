"""Plays call announcements one after another through QtMultimedia.

Each call is rendered (shared.voice.wavjoin) to a WAV in memory and played from a QBuffer by
one QMediaPlayer (no temporary files: nothing is left behind, even if the process is killed);
the next call starts only when the current one reaches EndOfMedia, fails, or overruns its
length (a watchdog), so calls never overlap. A recall is simply another `announce()`. Calls
that are stale by the time their turn comes are not spoken late: a call superseded by a newer
call at the same counter (the counter has moved on) or by the same ticket queued again (one
announcement is enough) is dropped, and so is a call older than `max_age` (a station
setting); each drop is logged and emitted as `dropped`. With `enabled=False` (--no-sound) the
same order without any sound. With no audio device the player still runs (QtMultimedia reaches
EndOfMedia without a device, so the pacing stays real) and one line is logged.
"""

from __future__ import annotations

import logging
from collections import deque
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from PySide6.QtCore import (
    QBuffer,
    QByteArray,
    QCoreApplication,
    QEventLoop,
    QIODevice,
    QObject,
    QTimer,
    QUrl,
    Signal,
)
from PySide6.QtMultimedia import QAudioOutput, QMediaDevices, QMediaPlayer

from shared import clock
from shared.voice.announcement import check_counter, parse_ticket_number
from shared.voice.wavjoin import VOICE_DIR, render_announcement, wav_duration

log = logging.getLogger("antre.voice")

Renderer = Callable[[str, int], bytes]
WATCHDOG_EXTRA_MS = 5000  # a call that has not ended this long after its length is skipped
DEFAULT_MAX_AGE = timedelta(minutes=2)


@dataclass(frozen=True)
class _Queued:
    number: str
    counter: int
    at: datetime  # when the call was made (aware)


def has_audio_output() -> bool:
    """True if Qt sees at least one audio output device."""
    return bool(QMediaDevices.audioOutputs())


class Announcer(QObject):
    """Queues calls and speaks them strictly in order, never overlapping."""

    started = Signal(str, int)
    finished = Signal(str, int)
    dropped = Signal(str, int, str)  # number, counter, reason: superseded | repeated | too_old
    idle = Signal()

    def __init__(
        self,
        parent: QObject | None = None,
        *,
        enabled: bool = True,
        langs: Sequence[str] = ("id",),
        clips_dir: Path = VOICE_DIR,
        render: Renderer | None = None,
        max_age: timedelta = DEFAULT_MAX_AGE,
    ) -> None:
        super().__init__(parent)
        self._enabled = enabled
        self._langs = tuple(langs)
        self._clips_dir = clips_dir
        self._render: Renderer = render or self._render_default
        self._max_age = max_age
        self._queue: deque[_Queued] = deque()
        self._current: tuple[str, int] | None = None
        self._buffer: QBuffer | None = None
        self._scheduled = False
        self._count = 0
        self._player: QMediaPlayer | None = None
        self._output: QAudioOutput | None = None
        self._watchdog = QTimer(self)
        self._watchdog.setSingleShot(True)
        self._watchdog.timeout.connect(self._on_watchdog)
        if enabled and not has_audio_output():
            log.warning("No audio output device found: voice announcements are silent")

    @property
    def enabled(self) -> bool:
        return self._enabled

    def pending(self) -> int:
        """Calls waiting, not counting the one being spoken."""
        return len(self._queue)

    def is_busy(self) -> bool:
        return self._current is not None or bool(self._queue)

    def announce(self, number: str, counter: int, *, at: datetime | None = None) -> None:
        """Queues one call made `at` (default: now); raises AnnouncementError at once for a
        bad number or counter. Queued calls it makes stale are dropped."""
        letter, value = parse_ticket_number(number)
        call = _Queued(f"{letter}{value:03d}", check_counter(counter), at or clock.now())
        for old in list(self._queue):
            if old.number == call.number:
                self._drop(old, "repeated")
            elif old.counter == call.counter:
                self._drop(old, "superseded")
        self._queue.append(call)
        self._schedule_next()

    def withdraw(self, number: str, counter: int) -> None:
        """A call taken back at its console (shared/undo.py) before its turn is not spoken
        (one being spoken now finishes: cutting a sentence off confuses more)."""
        for old in list(self._queue):
            if (old.number, old.counter) == (number.upper(), counter):
                self._drop(old, "undone")

    def _drop(self, call: _Queued, reason: str) -> None:
        self._queue.remove(call)
        log.info("not announcing %s at loket %d: %s", call.number, call.counter, reason)
        self.dropped.emit(call.number, call.counter, reason)

    def shutdown(self) -> None:
        """Stops playing and forgets queued calls."""
        self._queue.clear()
        self._watchdog.stop()
        if self._player is not None:
            self._player.stop()
            self._player.setSource(QUrl())
            self._player.deleteLater()
            self._player = None
        if self._output is not None:
            self._output.deleteLater()
            self._output = None
        self._current = None
        self._release_buffer()

    # -- internals ---------------------------------------------------------------------------

    def _render_default(self, number: str, counter: int) -> bytes:
        return render_announcement(number, counter, langs=self._langs, clips_dir=self._clips_dir)

    def _schedule_next(self) -> None:
        if self._current is None and not self._scheduled:
            self._scheduled = True
            QTimer.singleShot(0, self, self._next)

    def _next(self) -> None:
        self._scheduled = False
        if self._current is not None:
            return
        limit = clock.now() - self._max_age
        while self._queue and self._queue[0].at < limit:
            self._drop(self._queue[0], "too_old")
        if not self._queue:
            self.idle.emit()
            return
        call = self._queue.popleft()
        self._current = number, counter = call.number, call.counter
        self.started.emit(number, counter)
        if not self._enabled:
            QTimer.singleShot(0, self, self._finish_current)
            return
        try:
            self._play(self._render(number, counter))
        except Exception:  # a bug must not stall the queue: log it and go on
            log.exception("Could not play the call %s at loket %d", number, counter)
            QTimer.singleShot(0, self, self._finish_current)

    def _ensure_player(self) -> QMediaPlayer:
        if self._player is None:
            self._output = QAudioOutput(self)
            self._player = QMediaPlayer(self)
            self._player.setAudioOutput(self._output)
            self._player.mediaStatusChanged.connect(self._on_status)
            self._player.errorOccurred.connect(self._on_error)
        return self._player

    def _play(self, data: bytes) -> None:
        player = self._ensure_player()
        self._count += 1
        self._release_buffer()
        self._buffer = QBuffer(self)
        self._buffer.setData(QByteArray(data))
        self._buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        self._watchdog.start(int(wav_duration(data) * 1000) + WATCHDOG_EXTRA_MS)
        # The URL only names the format for the backend; the sound comes from the buffer.
        player.setSourceDevice(self._buffer, QUrl(f"call-{self._count}.wav"))
        player.play()

    def _release_buffer(self) -> None:
        if self._buffer is not None:
            self._buffer.close()
            self._buffer.deleteLater()
            self._buffer = None

    def _on_status(self, status: QMediaPlayer.MediaStatus) -> None:
        if status in (QMediaPlayer.MediaStatus.EndOfMedia, QMediaPlayer.MediaStatus.InvalidMedia):
            self._finish_current()

    def _on_error(self, error: QMediaPlayer.Error, message: str) -> None:
        if error != QMediaPlayer.Error.NoError and self._current is not None:
            log.error("Playing the call %s failed: %s", self._current[0], message or error.name)
            self._finish_current()

    def _on_watchdog(self) -> None:
        if self._current is not None:
            log.error("The call %s did not finish playing; going on", self._current[0])
            self._finish_current()

    def _finish_current(self) -> None:
        if self._current is None:
            return
        number, counter = self._current
        self._watchdog.stop()
        if self._player is not None:
            self._player.stop()
            self._player.setSource(QUrl())
        self._release_buffer()
        self._current = None
        self.finished.emit(number, counter)
        self._schedule_next()


def play_once(number: str, counter: int, *, langs: tuple[str, ...], clips_dir: Path) -> bool:
    """Plays one call through the speakers and returns when it ends (`antre announce`).

    Returns False when there is no audio device (then nothing is heard).
    """
    app = QCoreApplication.instance() or QCoreApplication([])
    enabled = has_audio_output()
    announcer = Announcer(enabled=enabled, langs=langs, clips_dir=clips_dir)
    loop = QEventLoop()
    announcer.idle.connect(loop.quit)
    announcer.announce(number, counter)
    loop.exec()
    announcer.shutdown()
    del app
    return enabled
