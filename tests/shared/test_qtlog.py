"""Qt's messages by logging category: optional backends (VA-API, sound servers, FFmpeg) go to
the log file, never to the terminal nor into a test failure; any other Qt warning still fails
a test. A call is played without FFmpeg opening it, so no per-file dump is printed."""

from __future__ import annotations

import logging
import os
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
from PySide6.QtCore import QLoggingCategory, qCWarning, qInstallMessageHandler, qWarning

from shared.logs import setup_logging
from shared.qt import qtlog

ROOT = Path(__file__).resolve().parents[2]
pytest_plugins = ["pytester"]

INNER_TESTS = '''
from PySide6.QtCore import QLoggingCategory, qCWarning, qWarning

VA = QLoggingCategory("qt.multimedia.symbolsresolver")
PULSE = QLoggingCategory("qt.multimedia.pulseaudio.output")


def test_backend_notices_pass(qtbot):
    qCWarning(VA, "Couldn't load va-x11 library")
    qCWarning(PULSE, "no sound server")
    qWarning("No audio device detected")


def test_our_warning_fails(qtbot):
    qWarning("QObject::connect: No such signal Ticket::called()")


def test_a_warning_in_our_category_fails(qtbot):
    qCWarning(QLoggingCategory("antre.display"), "tile out of range")
'''


def test_a_real_qt_warning_still_fails_a_test(pytester: pytest.Pytester) -> None:
    """The suite's own settings (pyproject + the conftest's rules), in a separate pytest run."""
    options = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    ini = options["tool"]["pytest"]["ini_options"]
    lines = ["[pytest]", f"qt_api = {ini['qt_api']}",
             f"qt_log_level_fail = {ini['qt_log_level_fail']}", "qt_log_ignore ="]
    pytester.makefile(".ini", pytest="\n".join(lines + [f"    {p}" for p in ini["qt_log_ignore"]]))
    pytester.makeconftest("""
        import os
        from shared.qt.qtlog import TEST_RULES
        os.environ["QT_LOGGING_RULES"] = ";".join(TEST_RULES)
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
        """)
    pytester.makepyfile(test_inner=INNER_TESTS)
    result = pytester.runpytest_subprocess("-p", "no:randomly", "-p", "no:cacheprovider")
    result.assert_outcomes(passed=1, failed=2)
    result.stdout.fnmatch_lines(["*test_our_warning_fails*", "*No such signal*"])


def test_backend_warnings_are_off_in_tests_others_on() -> None:
    assert not QLoggingCategory("qt.multimedia.symbolsresolver").isWarningEnabled()
    assert not QLoggingCategory("qt.multimedia.pipewire.registry").isWarningEnabled()
    assert QLoggingCategory("qt.qpa.xcb").isWarningEnabled()
    assert QLoggingCategory("default").isWarningEnabled()


@pytest.mark.parametrize(("category", "message", "backend"), [
    ("qt.multimedia.symbolsresolver", "Couldn't load va-drm library", True),
    ("qt.multimedia.ffmpeg.hwaccelvaapi", "VA-API is not available", True),
    ("qt.multimedia.pipewire", "no pipewire", True),
    ("default", "No audio device detected", True),
    ("default", "QWidget::setLayout: Attempting to set QLayout", False),
    ("qt.multimediax", "not a sub-category", False),
    ("antre.display", "No audio device detected", False),
])
def test_backend_notices_are_told_by_category(category: str, message: str, backend: bool) -> None:
    assert qtlog.is_backend_notice(category, message) is backend


def test_the_apps_send_backend_notices_to_the_log_file_only(
        capsys: pytest.CaptureFixture[str], app_logging: None) -> None:
    path = setup_logging("probe")
    assert path is not None
    previous = qInstallMessageHandler(qtlog._handler)  # what route_qt_messages installs
    try:
        qCWarning(QLoggingCategory("qt.multimedia.ffmpeg.streamdecoder"), "decoder notice")
        qWarning("a real problem")
    finally:
        qInstallMessageHandler(previous)
    for handler in logging.getLogger().handlers:
        handler.flush()
    terminal = capsys.readouterr().err
    logged = path.read_text(encoding="utf-8")
    assert "decoder notice" in logged and "decoder notice" not in terminal
    assert "a real problem" in logged and "a real problem" in terminal


PLAY_ONE_CALL = """
import sys
from PySide6.QtCore import QCoreApplication, QEventLoop
if sys.argv[1] == "routed":
    from shared.qt.qtlog import route_qt_messages
    route_qt_messages()
from shared.qt.announcer import Announcer
app = QCoreApplication([])
announcer = Announcer(enabled=True)  # with no sound card a timer stands in for the sink
loop = QEventLoop()
announcer.idle.connect(loop.quit)
announcer.announce("A001", 1)
loop.exec()
announcer.shutdown()
"""


def test_the_display_plays_a_call_without_ffmpeg_dumps(tmp_path: Path) -> None:
    """A call through QtMultimedia prints no FFmpeg per-file dump even without the apps'
    message routing (the PCM goes to an audio sink, no demuxer opens it; QMediaPlayer printed
    "Input #0, wav" for every call). FFmpeg is still QtMultimedia's backend and says so when
    it loads: with the routing, that and the backends' probes stay off the terminal."""
    env = {**os.environ, "ANTRE_HOME": str(tmp_path), "QT_QPA_PLATFORM": "offscreen"}
    env.pop("QT_LOGGING_RULES", None)  # as a user runs it

    def play(mode: str) -> str:
        result = subprocess.run([sys.executable, "-c", PLAY_ONE_CALL, mode], capture_output=True,
                                text=True, env=env, timeout=120)
        assert result.returncode == 0, result.stderr
        return result.stderr

    raw = play("raw")
    assert "Input #0" not in raw
    assert "Using Qt multimedia with FFmpeg" in raw  # Qt's default: the backend on the terminal
    routed = play("routed")
    assert "Input #0" not in routed and "FFmpeg" not in routed
    assert "symbolsresolver" not in routed and "Couldn't load" not in routed
