"""Plays call announcements one after another through QtMultimedia's QAudioSink.

Each call is rendered (shared.voice.wavjoin) to PCM in memory and handed, in the format its
WAV header names (mono 16-bit 22050 Hz), to a QAudioSink that reads it from a QBuffer: no
decoder and no FFmpeg demuxer per call, whose memory grew with every call (no temporary files
either: nothing is left behind, even if the process is killed). A call ends when the sink has
played all of it (IdleState), when the sink stops with an error, or when it overruns its
length (a watchdog); only then does the next one start, so calls never overlap. With no audio
device (no sound card, no sound server) the sink cannot open: a timer as long as the clip
stands in for it, so the order and the gaps stay those of the real voice, and one line is
logged. A recall is simply another `announce()`. Calls that are stale by the time their turn
comes are not spoken late: a call superseded by a newer call at the same counter (the counter
has moved on) or by the same ticket queued again (one announcement is enough) is dropped, and
so is a call older than `max_age` (a station setting); each drop is logged and emitted as
`dropped`. With `enabled=False` (--no-sound) the same order without any sound.
"""

from __future__ import annotations

import io
import logging
import wave
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
    Qt,
    QTimer,
    Signal,
    Slot,
)
from PySide6.QtMultimedia import QAudioDevice, QAudioFormat, QAudioSink, QMediaDevices, QtAudio

from shared import clock
from shared.voice.announcement import check_counter, parse_ticket_number
from shared.voice.wavjoin import VOICE_DIR, render_announcement

log = logging.getLogger("antre.voice")

Renderer = Callable[[str, int], bytes]
WATCHDOG_EXTRA_MS = 5000  # a call that has not ended this long after its length is skipped
DEFAULT_MAX_AGE = timedelta(minutes=2)
NO_DEVICE = "No audio output device found: voice announcements are silent"
_SAMPLE_FORMATS = {
    1: QAudioFormat.SampleFormat.UInt8,
    2: QAudioFormat.SampleFormat.Int16,
    4: QAudioFormat.SampleFormat.Int32,
}


@dataclass(frozen=True)
class _Queued:
    number: str
    counter: int
    at: datetime  # when the call was made (aware)


@dataclass(frozen=True)
class Clip:
    """A rendered call as raw PCM: the frames and the format to play them in."""

    frames: bytes
    channels: int
    sample_width: int  # bytes
    rate: int

    @classmethod
    def from_wav(cls, data: bytes) -> Clip:
        """Reads a PCM WAV (what the renderer returns); raises ValueError for anything else."""
        try:
            with wave.open(io.BytesIO(data), "rb") as wav:
                clip = cls(wav.readframes(wav.getnframes()), wav.getnchannels(),
                           wav.getsampwidth(), wav.getframerate())
        except (EOFError, RuntimeError, wave.Error) as exc:  # wave's odd ways to say so
            raise ValueError(f"not a PCM WAV: {exc}") from None
        if clip.sample_width not in _SAMPLE_FORMATS or clip.rate <= 0:
            raise ValueError(f"unplayable WAV: {clip.sample_width * 8}-bit at {clip.rate} Hz")
        return clip

    @property
    def milliseconds(self) -> int:
        return len(self.frames) * 1000 // (self.channels * self.sample_width * self.rate)

    def audio_format(self) -> QAudioFormat:
        fmt = QAudioFormat()
        fmt.setSampleRate(self.rate)
        fmt.setChannelCount(self.channels)
        fmt.setSampleFormat(_SAMPLE_FORMATS[self.sample_width])
        return fmt


def default_output() -> QAudioDevice | None:
    """The audio output Qt would play to, or None when there is none."""
    device = QMediaDevices.defaultAudioOutput()
    return None if device.isNull() else device


def has_audio_output() -> bool:
    """True if Qt sees an audio output device."""
    return default_output() is not None


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
        self._sink: QAudioSink | None = None
        self._clip_ms = 0
        self._scheduled = False
        self._watchdog = self._single_shot(self._on_watchdog)
        self._pacer = self._single_shot(self._finish_current)  # the clip's length, no device
        self._silent = False
        if enabled and not has_audio_output():
            self._say_silent()

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
        self._current = None
        self._watchdog.stop()
        self._pacer.stop()
        self._let_go()

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

    def _single_shot(self, slot: Callable[[], None]) -> QTimer:
        timer = QTimer(self)
        timer.setSingleShot(True)
        timer.setTimerType(Qt.TimerType.PreciseTimer)  # never early: a call lasts its length
        timer.timeout.connect(slot)
        return timer

    def _say_silent(self) -> None:
        if not self._silent:
            log.warning(NO_DEVICE)
        self._silent = True

    def _play(self, data: bytes) -> None:
        clip = Clip.from_wav(data)
        self._clip_ms = clip.milliseconds
        self._watchdog.start(self._clip_ms + WATCHDOG_EXTRA_MS)
        device = default_output()
        if device is None:
            self._say_silent()
        elif clip.frames:
            self._silent = False
            self._buffer = QBuffer(self)
            self._buffer.setData(QByteArray(clip.frames))
            self._buffer.open(QIODevice.OpenModeFlag.ReadOnly)
            sink = self._sink = QAudioSink(device, clip.audio_format(), self)
            sink.stateChanged.connect(self._on_state)
            sink.start(self._buffer)  # pull mode: the sink reads the buffer as it plays
            if sink.error() == QtAudio.Error.NoError:
                return
            if not self._silent:  # once, not at every call of the day
                log.error("Cannot open the audio output %r (%s): voice announcements are silent",
                          device.description(), sink.error().name)
            self._silent = True
            self._let_go()
        self._pacer.start(self._clip_ms)  # silence as long as the voice: real pacing

    @Slot(QtAudio.State)  # declared: PySide 6.11 cannot pass QtAudio.State to a plain callable
    def _on_state(self, state: QtAudio.State) -> None:
        sink = self._sink
        if sink is None or self.sender() is not sink or self._current is None:
            return  # a sink already let go (its last signals may still be queued)
        error = sink.error()
        if state == QtAudio.State.IdleState and self._buffer is not None and self._buffer.atEnd():
            self._finish_current()  # all of it has been played
        elif state == QtAudio.State.StoppedState and error != QtAudio.Error.NoError:
            log.error("Playing the call %s failed: %s", self._current_number(), error.name)
            played_ms = sink.processedUSecs() // 1000
            self._let_go()
            self._pacer.start(max(0, self._clip_ms - played_ms))  # the rest of it, in silence

    def _current_number(self) -> str:
        return self._current[0] if self._current is not None else "-"

    def _let_go(self) -> None:
        """Stops the sink and frees the call's sound (the sink's later signals are ignored)."""
        sink, self._sink = self._sink, None
        if sink is not None:
            sink.stop()
            sink.deleteLater()
        if self._buffer is not None:
            self._buffer.close()
            self._buffer.deleteLater()
            self._buffer = None

    def _on_watchdog(self) -> None:
        if self._current is not None:
            log.error("The call %s did not finish playing; going on", self._current[0])
            self._finish_current()

    def _finish_current(self) -> None:
        if self._current is None:
            return
        number, counter = self._current
        self._watchdog.stop()
        self._pacer.stop()
        self._let_go()
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
