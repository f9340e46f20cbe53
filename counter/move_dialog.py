"""Asking a staff member signed in at another counter whether to move here (behind an
`ask()` seam for tests)."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox, QWidget

from counter.strings import tr


class MoveDialog(QMessageBox):
    def __init__(self, parent: QWidget | None, *, name: str, there: int, here: int) -> None:
        super().__init__(parent)
        self.setWindowTitle(tr("move_title"))
        self.setIcon(QMessageBox.Icon.Question)
        self.setText(tr("move_question", name=name, there=there, here=here))
        self.setInformativeText(tr("move_detail", there=there))
        self.move_button = self.addButton(tr("move_yes", here=here),
                                          QMessageBox.ButtonRole.AcceptRole)
        self.stay_button = self.addButton(tr("cancel"), QMessageBox.ButtonRole.RejectRole)
        self.setDefaultButton(self.stay_button)
        self.setStyleSheet("font-size: 15pt;")

    @classmethod
    def ask(cls, parent: QWidget | None, *, name: str, there: int, here: int) -> bool:
        """True: end the presence at loket `there` and sign in here. Tests monkeypatch this."""
        dialog = cls(parent, name=name, there=there, here=here)
        try:
            dialog.exec()
            return dialog.clickedButton() is dialog.move_button
        finally:
            dialog.deleteLater()
