"""The display's words: Bahasa Indonesia first, English as a translation (`--lang en`).

A small dict catalogue rather than Qt Linguist: the display has a dozen short strings.
"""

from __future__ import annotations

from datetime import datetime

from shared.dates import format_day

STRINGS: dict[str, dict[str, str]] = {
    "id": {
        "now_calling": "NOMOR DIPANGGIL",
        "recall": "PANGGILAN ULANG",
        "counter": "LOKET",
        "counter_short": "Loket",
        "serving": "Melayani",
        "idle": "Siap",
        "paused": "Istirahat",
        "history": "Panggilan terakhir",
        "waiting": "menunggu",
        "waiting_title": "Jumlah menunggu",
        "closed": "tutup",
        "no_calls": "Belum ada panggilan",
        "offline": "● Luring — menyambung ulang…",
        "connecting": "Menghubungkan…",
    },
    "en": {
        "now_calling": "NOW CALLING",
        "recall": "CALLED AGAIN",
        "counter": "COUNTER",
        "counter_short": "Counter",
        "serving": "Serving",
        "idle": "Ready",
        "paused": "On a break",
        "history": "Last calls",
        "waiting": "waiting",
        "waiting_title": "People waiting",
        "closed": "closed",
        "no_calls": "No calls yet",
        "offline": "● Offline — reconnecting…",
        "connecting": "Connecting…",
    },
}


class Words:
    """Looks up the display's strings in one language (Indonesian when unknown)."""

    def __init__(self, lang: str = "id") -> None:
        self.lang = lang if lang in STRINGS else "id"
        self._table = STRINGS[self.lang]

    def __getitem__(self, key: str) -> str:
        return self._table[key]

    def day_date(self, moment: datetime) -> str:
        """ "Jumat, 27 November 2026" """
        return format_day(moment.date(), self.lang)
