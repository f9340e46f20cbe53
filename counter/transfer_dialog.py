"""Choosing the agency a ticket is transferred to (behind an `ask()` seam for tests)."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from counter.strings import tr
from shared.counter_queue import Agency
from shared.words import agency_name


class TransferDialog(QDialog):
    def __init__(self, parent: QWidget | None, number: str, agencies: list[Agency]) -> None:
        super().__init__(parent)
        self.setWindowTitle(tr("transfer_title", number=number))
        self.setStyleSheet("font-size: 15pt;")
        self.list = QListWidget()
        for agency in agencies:
            item = QListWidgetItem(agency_name(agency.name, agency.code))
            item.setData(256, agency.code)
            self.list.addItem(item)
        self.list.setCurrentRow(0)
        self.list.itemActivated.connect(lambda _item: self.accept())
        self.note = QLineEdit()
        self.note.setMaxLength(200)
        buttons = QDialogButtonBox()
        buttons.addButton(tr("transfer_ok"), QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(tr("cancel"), QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(tr("transfer_title", number=number)))
        layout.addWidget(self.list)
        layout.addWidget(QLabel(tr("transfer_note_label")))
        layout.addWidget(self.note)
        layout.addWidget(buttons)
        self.resize(560, 480)

    def chosen(self) -> tuple[str, str] | None:
        item = self.list.currentItem()
        return (str(item.data(256)), self.note.text().strip()) if item else None

    @classmethod
    def ask(
        cls, parent: QWidget | None, number: str, agencies: list[Agency]
    ) -> tuple[str, str] | None:
        """(the target agency code, the note for the receiving counter), or None if
        cancelled. Tests monkeypatch this."""
        dialog = cls(parent, number, agencies)
        try:
            return dialog.chosen() if dialog.exec() == QDialog.DialogCode.Accepted else None
        finally:
            dialog.deleteLater()
