"""Routes Qt's own messages (qWarning and friends) into Python logging, by logging category.

Optional backends of QtMultimedia say what this machine lacks, not what is wrong with Antre:
VA-API for hardware video decoding (we play raw PCM), PipeWire or PulseAudio, and FFmpeg,
which is QtMultimedia's backend (it announces its version when it loads, even though the
announcer plays through a QAudioSink and never has FFmpeg open a file). Their messages go to
the log file (logger `antre.qt.backend`, which shared.logs keeps off the terminal); in tests
their warnings are switched off by category (TEST_RULES), so a warning of any other category
still fails a test.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QMessageLogContext, QtMsgType, qInstallMessageHandler

from shared.logs import FILE_ONLY_LOGGER

log = logging.getLogger("antre.qt")
backend_log = logging.getLogger(FILE_ONLY_LOGGER)
backend_log.addHandler(logging.NullHandler())  # no app logging set up (the CLI): dropped
_LEVELS = {
    QtMsgType.QtDebugMsg: logging.DEBUG,
    QtMsgType.QtInfoMsg: logging.INFO,
    QtMsgType.QtWarningMsg: logging.WARNING,
    QtMsgType.QtCriticalMsg: logging.ERROR,
    QtMsgType.QtFatalMsg: logging.CRITICAL,
}

# Logging categories of the optional backends (each also covers its sub-categories).
BACKEND_CATEGORIES = (
    "qt.multimedia.symbolsresolver",  # "Couldn't load va-x11 library", pipewire-0.3, ...
    "qt.multimedia.ffmpeg",
    "qt.multimedia.pulseaudio",
    "qt.multimedia.pipewire",
)
# QtMultimedia's audio layer reports a missing sound server or device in the "default"
# category, where a category cannot tell them from our own warnings: these exact texts only.
AUDIO_DEVICE_NOTICES = frozenset({
    "PulseAudioService: pa_context_connect() failed",
    "No audio device detected",
    "Failed to update audio output. No audio devices available.",
})
# Tests: the backends' warnings depend on the machine (VA-API, sound server), never on Antre.
TEST_RULES = (
    "qt.multimedia.symbolsresolver.warning=false",
    "qt.multimedia.ffmpeg.hwaccel*.warning=false",
    "qt.multimedia.pulseaudio*.warning=false",
    "qt.multimedia.pipewire*.warning=false",
)


def is_backend_notice(category: str, message: str) -> bool:
    """True for a message of an optional backend (see BACKEND_CATEGORIES)."""
    if category == "default":
        return message in AUDIO_DEVICE_NOTICES
    return any(category == c or category.startswith(c + ".") for c in BACKEND_CATEGORIES)


def _handler(kind: QtMsgType, context: QMessageLogContext, message: str) -> None:
    category = context.category or "default"
    level = _LEVELS.get(kind, logging.WARNING)
    if is_backend_notice(category, message):
        backend_log.log(level, "%s: %s", category, message)
    else:
        log.log(level, message)


def route_qt_messages() -> None:
    """Call in the apps' main(), not in tests (pytest-qt installs its own handler)."""
    qInstallMessageHandler(_handler)
