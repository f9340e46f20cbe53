"""The kiosk's look: big type for arm's length, strong contrast, scaled to the screen.

Sizes are written for a 1080-pixel short side (1920x1080 landscape or 1080x1920 portrait)
and scaled by `screen_scale()` for smaller or larger screens.
"""

from __future__ import annotations

from shared.qt.theme import ACCENT, INK, MUTED, NAVY, OK_GREEN, PAPER, WARN_RED

#: Pixel sizes at scale 1.0.
SIZES = {
    "site": 42,
    "time": 46,
    "date": 24,
    "language": 26,
    "marker": 22,
    "title": 50,
    "question": 28,
    "priority": 30,
    "notice": 28,
    "tap_again": 30,
    "agency_name": 32,
    "agency_waiting": 28,
    "agency_state": 24,
    "empty": 38,
    "caption": 38,
    "number": 250,
    "confirm_agency": 38,
    "confirm_priority": 32,
    "confirm_line": 36,
    "print_state": 32,
    "hint": 26,
    "back": 30,
    "pin": 44,
    "code": 64,
    "code_key": 36,
}


def screen_scale(width: int, height: int) -> float:
    """1.0 for 1920x1080 either way round, limited to 0.6..1.6.

    Mostly the short side decides; a squarer screen (1280x1024) also shrinks with its long
    side, so four columns of agency names still fit.
    """
    short, long = min(width, height), max(width, height)
    return max(0.6, min(1.6, short / 1080, long / 1920 * 1.2))


def stylesheet(scale: float = 1.0) -> str:
    s = {k: max(12, round(v * scale)) for k, v in SIZES.items()}
    return f"""
QWidget#kiosk {{ background: {PAPER}; }}
QWidget#header {{ background: {NAVY}; }}
QLabel#siteName {{ color: #FFFFFF; font-size: {s["site"]}px; font-weight: bold; }}
QLabel#headerTime {{ color: #FFFFFF; font-size: {s["time"]}px; font-weight: bold; }}
QLabel#headerDate {{ color: #FFFFFF; font-size: {s["date"]}px; }}
QPushButton#languageButton {{ background: {ACCENT}; color: {INK}; font-size: {s["language"]}px;
    font-weight: bold; border-radius: 12px; padding: 0 28px; }}
QLabel#printerMarker {{ background: {ACCENT}; color: {INK}; font-size: {s["marker"]}px;
    font-weight: bold; border-radius: 8px; padding: 6px 12px; }}
QLabel#chooseTitle {{ color: {INK}; font-size: {s["title"]}px; font-weight: bold; }}
QLabel#tapAgain {{ background: #FDECEA; color: {WARN_RED}; font-size: {s["tap_again"]}px;
    font-weight: bold; border: 3px solid {WARN_RED}; border-radius: 10px; }}
QLabel#priorityQuestion {{ color: {INK}; font-size: {s["question"]}px; }}
QPushButton[kioskRole="priority"] {{ background: #FFFFFF; color: {INK};
    font-size: {s["priority"]}px; font-weight: bold; border: 4px solid {NAVY};
    border-radius: 14px; padding: 0 12px; }}
QPushButton[kioskRole="priority"]:checked {{ background: {NAVY}; color: #FFFFFF;
    border: 6px solid {ACCENT}; }}
QLabel#notice {{ background: #FDECEA; color: {WARN_RED}; font-size: {s["notice"]}px;
    font-weight: bold; border: 3px solid {WARN_RED}; border-radius: 10px; padding: 10px; }}
QLabel#agencyName {{ font-size: {s["agency_name"]}px; font-weight: bold; }}
QLabel#agencyWaiting {{ font-size: {s["agency_waiting"]}px; font-weight: bold; }}
QLabel#agencyState {{ font-size: {s["agency_state"]}px; font-weight: bold; }}
QLabel#noAgencies {{ color: {INK}; font-size: {s["empty"]}px; font-weight: bold; }}
QWidget#confirmation {{ background: {PAPER}; }}
QWidget#confirmCard {{ background: #FFFFFF; border: 4px solid {NAVY}; border-radius: 24px; }}
QLabel#confirmCaption {{ color: {INK}; font-size: {s["caption"]}px; }}
QLabel#confirmNumber {{ color: {NAVY}; font-size: {s["number"]}px; font-weight: bold; }}
QLabel#confirmAgency {{ color: {INK}; font-size: {s["confirm_agency"]}px; font-weight: bold; }}
QLabel#confirmPriority {{ background: {ACCENT}; color: {INK}; font-size: {s["confirm_priority"]}px;
    font-weight: bold; border-radius: 8px; padding: 4px; }}
QLabel#confirmAhead, QLabel#confirmWait {{ color: {INK}; font-size: {s["confirm_line"]}px; }}
QLabel#printState {{ color: {MUTED}; font-size: {s["print_state"]}px; font-weight: bold; }}
QLabel#printState[printState="printed"] {{ color: {OK_GREEN}; }}
QLabel#printState[printState="failed"] {{ color: #FFFFFF; background: {WARN_RED};
    border-radius: 10px; padding: 10px; }}
QLabel#scanWaiting {{ background: {ACCENT}; color: {INK}; font-size: {s["hint"]}px;
    font-weight: bold; border-radius: 10px; padding: 10px; }}
QLabel#confirmHint, QLabel#confirmCountdown {{ color: {MUTED}; font-size: {s["hint"]}px; }}
QLabel#confirmCountdown[guarded="true"] {{ color: {WARN_RED}; font-weight: bold; }}
QPushButton#confirmBack {{ background: {NAVY}; color: #FFFFFF; font-size: {s["back"]}px;
    font-weight: bold; border-radius: 14px; padding: 0 24px; }}
QWidget#pinPad {{ background: rgba(11, 31, 51, 235); }}
QLabel#pinTitle, QLabel#pinDisplay {{ color: #FFFFFF; font-size: {s["pin"]}px; font-weight: bold; }}
QLabel#pinMessage {{ color: {ACCENT}; font-size: {s["question"]}px; font-weight: bold; }}
QPushButton#bookingButton {{ background: {ACCENT}; color: {INK}; font-size: {s["priority"]}px;
    font-weight: bold; border-radius: 14px; padding: 0 28px; }}
QWidget#checkIn {{ background: {PAPER}; }}
QLabel#checkInTitle {{ color: {INK}; font-size: {s["title"]}px; font-weight: bold; }}
QLabel#checkInHint {{ color: {MUTED}; font-size: {s["question"]}px; }}
QLabel#checkInCode {{ color: {NAVY}; font-size: {s["code"]}px; font-weight: bold;
    background: #FFFFFF; border: 4px solid {NAVY}; border-radius: 14px; padding: 8px; }}
QLabel#checkInReason {{ background: #FDECEA; color: {WARN_RED}; font-size: {s["notice"]}px;
    font-weight: bold; border: 3px solid {WARN_RED}; border-radius: 10px; padding: 10px; }}
QPushButton[kioskRole="codeKey"] {{ background: #FFFFFF; color: {INK};
    font-size: {s["code_key"]}px; font-weight: bold; border: 3px solid {NAVY};
    border-radius: 12px; }}
QPushButton[kioskRole="checkInBack"] {{ background: #FFFFFF; color: {NAVY};
    font-size: {s["back"]}px; font-weight: bold; border: 4px solid {NAVY}; border-radius: 14px; }}
QPushButton[kioskRole="checkInTake"] {{ background: {OK_GREEN}; color: #FFFFFF;
    font-size: {s["back"]}px; font-weight: bold; border-radius: 14px; }}
QPushButton[kioskRole="checkInTake"]:disabled {{ background: #C9D6E4; color: {MUTED}; }}
QPushButton[kioskRole="pinKey"] {{ background: #FFFFFF; color: {INK}; font-size: {s["pin"]}px;
    font-weight: bold; border-radius: 12px; }}
"""
