"""The survey tablet's screens at 1280x800: big type, one question per screen, big targets.

Each page only shows and reports (signals); the window decides what comes next.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from shared.qt.theme import ACCENT, INK, MUTED, NAVY
from shared.skm.questionnaire import Element, ProfileField, Questionnaire
from shared.skm.responses import MAX_SUGGESTION
from shared.words import say
from survey.faces import FaceButton

STYLE = f"""
QWidget#survey {{ background: #F4F7FB; }}
QLabel {{ color: {INK}; }}
QLabel[role="title"] {{ font-size: 44px; font-weight: bold; }}
QLabel[role="question"] {{ font-size: 34px; font-weight: bold; }}
QLabel[role="body"] {{ font-size: 26px; }}
QLabel[role="small"] {{ font-size: 20px; color: {MUTED}; }}
QPushButton {{ font-size: 26px; min-height: 76px; padding: 0 28px; border-radius: 14px;
              border: 3px solid {NAVY}; background: #FFFFFF; color: {NAVY}; }}
QPushButton:pressed {{ background: {NAVY}; color: #FFFFFF; }}
QPushButton[role="primary"] {{ background: {NAVY}; color: #FFFFFF; font-weight: bold;
                               font-size: 32px; min-height: 96px; }}
QPushButton[role="option"] {{ font-size: 24px; min-height: 84px; }}
QPushButton[role="option"]:checked {{ background: {ACCENT}; }}
QPlainTextEdit {{ font-size: 26px; border: 3px solid {NAVY}; border-radius: 12px;
                  background: #FFFFFF; padding: 8px; }}
"""


def label(text: str, role: str, *, wrap: bool = True) -> QLabel:
    widget = QLabel(text)
    widget.setProperty("role", role)
    widget.setWordWrap(wrap)
    return widget


class _Page(QWidget):
    def __init__(self, name: str) -> None:
        super().__init__()
        self.setObjectName(f"page-{name}")
        self.box = QVBoxLayout(self)
        self.box.setContentsMargins(48, 28, 48, 28)
        self.box.setSpacing(20)


class MessagePage(_Page):
    """Idle, thanks and notices: a title and a body, centred."""

    def __init__(self, name: str) -> None:
        super().__init__(name)
        self.title = label("", "title")
        self.body = label("", "body")
        for widget in (self.title, self.body):
            widget.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.box.addStretch(1)
        self.box.addWidget(self.title)
        self.box.addWidget(self.body)
        self.box.addStretch(2)

    def show_text(self, title: str, body: str) -> None:
        self.title.setText(title)
        self.body.setText(body)


class InvitePage(_Page):
    start = Signal()
    decline = Signal()

    def __init__(self) -> None:
        super().__init__("invite")
        self.ticket = label("", "small")
        self.title = label("", "title")
        self.body = label("", "body")
        self.start_button = QPushButton()
        self.start_button.setObjectName("start")
        self.start_button.setProperty("role", "primary")
        self.start_button.clicked.connect(self.start)
        self.decline_button = QPushButton()
        self.decline_button.setObjectName("decline")
        self.decline_button.clicked.connect(self.decline)
        for widget in (self.ticket, self.title, self.body):
            widget.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.box.addStretch(1)
        for widget in (self.ticket, self.title, self.body):
            self.box.addWidget(widget)
        self.box.addSpacing(24)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.decline_button, 2)
        row.addWidget(self.start_button, 3)
        row.addStretch(1)
        self.box.addLayout(row)
        self.box.addStretch(2)

    def show_for(self, q: Questionnaire, lang: str, ticket_text: str) -> None:
        self.ticket.setText(ticket_text)
        self.title.setText(q.text("invite", lang))
        self.body.setText(q.text("invite_detail", lang))
        self.start_button.setText(q.text("start", lang))
        self.decline_button.setText(q.text("no_thanks", lang))


class _Steps(_Page):
    """A step of the questionnaire: progress, content, then Back and Skip at the bottom."""

    back = Signal()
    skip = Signal()

    def __init__(self, name: str) -> None:
        super().__init__(name)
        self.progress = label("", "small")
        self.box.addWidget(self.progress)
        self.content = QVBoxLayout()
        self.content.setSpacing(18)
        self.box.addLayout(self.content, 1)
        row = QHBoxLayout()
        self.back_button = QPushButton()
        self.back_button.setObjectName("back")
        self.back_button.clicked.connect(self.back)
        self.skip_button = QPushButton()
        self.skip_button.setObjectName("skip")
        self.skip_button.clicked.connect(self.skip)
        row.addWidget(self.back_button)
        row.addStretch(1)
        row.addWidget(self.skip_button)
        self.box.addLayout(row)

    def set_frame(self, q: Questionnaire, lang: str, progress: str, *, first: bool) -> None:
        self.progress.setText(progress)
        self.back_button.setText(q.text("back", lang))
        self.back_button.setVisible(not first)
        self.skip_button.setText(q.text("skip", lang))


class QuestionPage(_Steps):
    """One element: its question and four faces (1 = worst .. 4 = best)."""

    answered = Signal(int)

    def __init__(self) -> None:
        super().__init__("question")
        self.name = label("", "small")
        self.question = label("", "question")
        self.content.addWidget(self.name)
        self.content.addWidget(self.question)
        self.faces_row = QHBoxLayout()
        self.faces_row.setSpacing(22)
        self.content.addLayout(self.faces_row, 1)
        self.faces: list[FaceButton] = []

    def show_element(self, element: Element, lang: str, chosen: int | None) -> None:
        self.name.setText(f"{element.code} · {element.name.get(lang)}")
        self.question.setText(element.question.get(lang))
        for face in self.faces:
            face.deleteLater()
        self.faces = []
        for value, words in enumerate(element.answers, start=1):
            face = FaceButton(value, words.get(lang))
            face.setChecked(value == chosen)
            face.clicked.connect(lambda _=False, v=value: self.answered.emit(v))
            self.faces_row.addWidget(face)
            self.faces.append(face)


class ChoicePage(_Steps):
    """One profile field: its options as big buttons."""

    chosen = Signal(str)

    def __init__(self) -> None:
        super().__init__("choice")
        self.intro = label("", "small")
        self.question = label("", "question")
        self.content.addWidget(self.intro)
        self.content.addWidget(self.question)
        self.grid_host = QWidget()
        self.grid = QGridLayout(self.grid_host)
        self.grid.setSpacing(16)
        self.content.addWidget(self.grid_host)
        self.content.addStretch(1)
        self.buttons: list[QPushButton] = []

    def show_field(self, q: Questionnaire, field: ProfileField, lang: str,
                   chosen: str | None) -> None:
        self.intro.setText(q.text("profile_intro", lang))
        self.question.setText(field.label.get(lang))
        for button in self.buttons:
            button.deleteLater()
        self.buttons = []
        columns = 2 if len(field.options) <= 4 else 3
        for i, option in enumerate(field.options):
            button = QPushButton(option.label.get(lang))
            button.setObjectName(f"option-{option.code}")
            button.setProperty("role", "option")
            button.setCheckable(True)
            button.setChecked(option.code == chosen)
            button.clicked.connect(lambda _=False, code=option.code: self.chosen.emit(code))
            self.grid.addWidget(button, i // columns, i % columns)
            self.buttons.append(button)


class TextPage(_Steps):
    """The free "saran dan masukan", bounded; Send ends the survey."""

    send = Signal()

    def __init__(self) -> None:
        super().__init__("text")
        self.question = label("", "question")
        self.hint = label("", "small")
        self.edit = QPlainTextEdit()
        self.edit.setObjectName("suggestion")
        self.edit.textChanged.connect(self._bound)
        self.left = label("", "small")
        self.send_button = QPushButton()
        self.send_button.setObjectName("send")
        self.send_button.setProperty("role", "primary")
        self.send_button.clicked.connect(self.send)
        for widget in (self.question, self.hint):
            self.content.addWidget(widget)
        self.content.addWidget(self.edit, 1)
        self.content.addWidget(self.left)
        self.content.addWidget(self.send_button)
        self.lang = "id"

    def show_text(self, q: Questionnaire, lang: str, text: str) -> None:
        self.lang = lang
        self.question.setText(q.suggestion_label.get(lang))
        self.hint.setText(q.suggestion_hint.get(lang))
        self.send_button.setText(q.text("send", lang))
        if self.edit.toPlainText() != text:
            self.edit.setPlainText(text)
        self._bound()

    def _bound(self) -> None:
        """Cuts what is typed or pasted at the limit, and says how much is left."""
        text = self.edit.toPlainText()
        if len(text) > MAX_SUGGESTION:
            self.edit.setPlainText(text[:MAX_SUGGESTION])
            self.edit.moveCursor(self.edit.textCursor().MoveOperation.End)
            return
        self.left.setText(say(self.lang, "survey.text_limit", limit=MAX_SUGGESTION,
                              left=MAX_SUGGESTION - len(text)))
