"""Plays call announcements one after another through QtMultimedia.

Each call is rendered (shared.voice.wavjoin) to a WAV in memory and played from a QBuffer by
one QMediaPlayer (no temporary files: nothing is left behind, even if the process is killed); the next call starts only when the current one reaches EndOfMedia, fails,
or overruns its length (a watchdog), so calls never overlap and none is dropped. A recall is
simply another `announce()`. With `enabled=False` (--no-sound) the same signals come in the
same order without any sound. With no audio device the player still runs (QtMultimedia reaches
EndOfMedia without a device, so the pacing stays real) and one line is logged.
"""

from __future__ import annotations

import logging
from collections import deque
from collections.abc import Callable, Sequence
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

from shared.voice.announcement import check_counter, parse_ticket_number
from shared.voice.wavjoin import VOICE_DIR, render_announcement, wav_duration

log = logging.getLogger("antre.voice")

Renderer = Callable[[str, int], bytes]
WATCHDOG_EXTRA_MS = 5000  # a call that has not ended this long after its length is skipped


def has_audio_output() -> bool:
    """True if Qt sees at least one audio output device."""
    return bool(QMediaDevices.audioOutputs())


class Announcer(QObject):
    """Queues calls and speaks them strictly in order, never overlapping."""

    started = Signal(str, int)
    finished = Signal(str, int)
    idle = Signal()

    def __init__(
        self,
        parent: QObject | None = None,
        *,
        enabled: bool = True,
        langs: Sequence[str] = ("id",),
        clips_dir: Path = VOICE_DIR,
        render: Renderer | None = None,
    ) -> None:
        super().__init__(parent)
        self._enabled = enabled
        self._langs = tuple(langs)
        self._clips_dir = clips_dir
        self._render: Renderer = render or self._render_default
        self._queue: deque[tuple[str, int]] = deque()
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

    def announce(self, number: str, counter: int) -> None:
        """Queues one call; raises AnnouncementError at once for a bad number or counter."""
        letter, value = parse_ticket_number(number)
        self._queue.append((f"{letter}{value:03d}", check_counter(counter)))
        self._schedule_next()

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
        if not self._queue:
            self.idle.emit()
            return
        self._current = number, counter = self._queue.popleft()
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
