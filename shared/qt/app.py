"""The start every Antre app shares: its log file, bugs logged with tracebacks, Qt's own
messages in the log, the shipped font and theme."""

from __future__ import annotations

from PySide6.QtCore import QThreadPool
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication

from shared.files import use_private_umask
from shared.logs import install_excepthook, setup_logging
from shared.qt.interrupt import quit_on_signals
from shared.qt.qtlog import route_qt_messages
from shared.qt.theme import apply_theme

BACKGROUND_GRACE_MS = 5000


def start_app(name: str, *, dark: bool = False) -> QApplication:
    """Sets up logging for app `name` and returns the (possibly existing) QApplication.

    The app is called `antre-<name>` (kiosk, display, counter; later apps the same way): its
    X11 WM_CLASS and Wayland app id, so a kiosk shell or a window manager rule can find it.
    Ctrl+C and SIGTERM end it cleanly (exit status 130 / 143).
    """
    use_private_umask()  # the database, its WAL/SHM files and the logs: owner only
    setup_logging(name)
    install_excepthook(name)
    route_qt_messages()
    app_id = f"antre-{name}"
    existing = QApplication.instance()
    # argv[0] is X11's WM_CLASS instance name, applicationName its class name.
    app = existing if isinstance(existing, QApplication) else QApplication([app_id])
    app.setApplicationName(app_id)
    QGuiApplication.setDesktopFileName(app_id)
    apply_theme(app, dark=dark)
    quit_on_signals(app)
    app.aboutToQuit.connect(_finish_background_work)
    return app


def _finish_background_work() -> None:
    """Lets tasks on the shared pool end while the windows they report to still exist
    (else a late result meets a deleted window: "Signal source has been deleted")."""
    QThreadPool.globalInstance().waitForDone(BACKGROUND_GRACE_MS)
