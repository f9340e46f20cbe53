"""The web pages' words, Indonesian first, keyed by code (ready to move into the shared
catalogue). Templates get a `Words` for the page's language."""

from __future__ import annotations

from dataclasses import dataclass

LANGUAGES = ("id", "en")

TEXTS: dict[str, dict[str, str]] = {
    "id": {
        "lang_name": "Bahasa Indonesia",
        "switch": "English",
        "ticket_title": "Status antrean",
        "board_title": "Papan antrean",
        "number": "Nomor antrean",
        "agency": "Layanan",
        "ahead": "Antrean di depan Anda",
        "wait": "Perkiraan waktu tunggu",
        "wait_value": "± {n} menit",
        "wait_now": "segera",
        "waiting": "Menunggu dipanggil",
        "called": "Silakan menuju",
        "counter": "LOKET {n}",
        "recalled": "Dipanggil ulang",
        "done": "Layanan selesai. Terima kasih atas kunjungan Anda.",
        "no_show": "Nomor Anda sudah dipanggil tetapi Anda tidak hadir. Silakan hubungi petugas "
                   "informasi.",
        "expired": "Tiket ini tidak berlaku lagi: layanan hari itu sudah tutup.",
        "transferred": "Dipindahkan dari {old} ke {new}",
        "priority": "Prioritas",
        "live": "Diperbarui langsung",
        "offline": "Koneksi terputus. Mencoba menyambung kembali…",
        "stale": "Server tidak dapat membaca data antrean. Angka mungkin tidak terbaru.",
        "alerts": "Aktifkan suara dan getar",
        "alerts_on": "Suara dan getar aktif",
        "not_found_title": "Tiket tidak ditemukan",
        "not_found": "Tautan ini tidak dikenal atau sudah kedaluwarsa. Periksa alamat yang "
                     "tercetak di bawah kode QR tiket Anda.",
        "error_title": "Terjadi gangguan",
        "busy": "Terlalu banyak permintaan. Silakan coba lagi sebentar lagi.",
        "now_calling": "Sedang dipanggil",
        "counters": "Loket",
        "queues": "Antrean per layanan",
        "waiting_count": "menunggu",
        "served_count": "selesai",
        "paused": "Istirahat",
        "closed_state": "Tutup",
        "no_calls": "Belum ada panggilan.",
        "board_link": "Lihat papan antrean",
    },
    "en": {
        "lang_name": "English",
        "switch": "Bahasa Indonesia",
        "ticket_title": "Queue status",
        "board_title": "Queue board",
        "number": "Queue number",
        "agency": "Service",
        "ahead": "People ahead of you",
        "wait": "Estimated wait",
        "wait_value": "about {n} min",
        "wait_now": "very short",
        "waiting": "Waiting to be called",
        "called": "Please go to",
        "counter": "COUNTER {n}",
        "recalled": "Called again",
        "done": "Service finished. Thank you for your visit.",
        "no_show": "Your number was called but you were not there. Please ask at the "
                   "information desk.",
        "expired": "This ticket is no longer valid: that day's service has closed.",
        "transferred": "Transferred from {old} to {new}",
        "priority": "Priority",
        "live": "Live updates",
        "offline": "Connection lost. Reconnecting…",
        "stale": "The server cannot read the queue data. Figures may be out of date.",
        "alerts": "Turn on sound and vibration",
        "alerts_on": "Sound and vibration on",
        "not_found_title": "Ticket not found",
        "not_found": "This link is unknown or has expired. Check the address printed under "
                     "your ticket's QR code.",
        "error_title": "Something went wrong",
        "busy": "Too many requests. Please try again in a moment.",
        "now_calling": "Now calling",
        "counters": "Counters",
        "queues": "Queues by service",
        "waiting_count": "waiting",
        "served_count": "served",
        "paused": "On break",
        "closed_state": "Closed",
        "no_calls": "No calls yet.",
        "board_link": "See the queue board",
    },
}


@dataclass(frozen=True)
class Words:
    lang: str

    def __call__(self, key: str, **values: object) -> str:
        text = TEXTS[self.lang][key]
        return text.format(**values) if values else text

    @property
    def other(self) -> str:
        return "en" if self.lang == "id" else "id"


def pick_language(query: str | None, cookie: str | None) -> str:
    for candidate in (query, cookie):
        if candidate in LANGUAGES:
            return candidate
    return "id"
