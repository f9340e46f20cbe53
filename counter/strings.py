"""The console's words: Bahasa Indonesia first, English as a translation.

A small dict catalogue (Qt Linguist tooling is heavier than a dozen screens of text need):
`tr("key", **values)` looks the key up in the current language and formats it.
"""

from __future__ import annotations

_ID: dict[str, str] = {
    "title": "Antre — Konsol Loket {counter}",
    "signin_title": "Loket {counter}",
    "signin_prompt": "Masukkan PIN petugas",
    "signin_button": "Masuk",
    "signin_checking": "Memeriksa PIN…",
    "signin_wrong": "PIN salah. Sisa percobaan: {left}.",
    "signin_locked": "Terlalu banyak PIN salah. Coba lagi dalam {seconds} detik.",
    "signin_empty": "Ketik PIN Anda (4–8 angka).",
    "signin_idle": "Layar dikunci karena tidak ada aktivitas. Masukkan PIN lagi.",
    "signed_in_as": "Petugas: {name}",
    "sign_out": "Keluar",
    "call_next": "Panggil berikutnya",
    "recall": "Panggil ulang",
    "no_show": "Tidak hadir",
    "done": "Selesai",
    "transfer": "Alihkan",
    "pause": "Istirahat",
    "resume": "Lanjut",
    "call_this": "Panggil nomor ini",
    "serving": "Sedang dilayani",
    "nobody": "Belum ada nomor",
    "on_break": "ISTIRAHAT",
    "waited": "Menunggu {minutes}",
    "served_for": "Dilayani {minutes}",
    "recalled": "Dipanggil ulang {count}×",
    "waiting_title": "Antrean menunggu: {total}",
    "served_today": "Dilayani hari ini: {count}",
    "median": "Median waktu layanan: {minutes}",
    "col_number": "Nomor",
    "col_agency": "Instansi",
    "col_priority": "Prioritas",
    "col_waited": "Menunggu",
    "col_print": "Cetak",
    "print_failed": "Gagal cetak",
    "transferred": "Alihan",
    "why_busy": "Tunggu: aksi sebelumnya sedang diproses",
    "why_offline": "Database tidak terhubung",
    "why_no_agency": "Loket ini tidak melayani instansi apa pun",
    "why_paused": "Loket sedang istirahat: tekan Lanjut dulu",
    "why_idle": "Belum ada nomor yang sedang dilayani",
    "why_empty": "Tidak ada antrean menunggu",
    "why_busy_serving": "Selesaikan nomor yang sedang dilayani dulu",
    "why_no_selection": "Pilih satu nomor di daftar antrean",
    "why_no_target": "Tidak ada instansi lain untuk tujuan pengalihan",
    "msg_called": "Memanggil {number}",
    "msg_recalled": "Memanggil ulang {number}",
    "msg_no_show": "{number} dicatat tidak hadir",
    "msg_done": "{number} selesai",
    "msg_transferred": "{number} dialihkan ke {agency}",
    "msg_paused": "Loket istirahat",
    "msg_resumed": "Loket melayani lagi",
    "msg_empty": "Tidak ada antrean menunggu",
    "msg_refused": "Tidak bisa: {detail}. Layar diperbarui.",
    "msg_stale": "Nomor ini sudah ditangani di tempat lain. Layar diperbarui.",
    "msg_taken": "Nomor itu sudah dipanggil loket lain. Layar diperbarui.",
    "msg_db_down": "Database tidak terhubung. Menunggu koneksi…",
    "msg_recorded": "Koneksi kembali. Aksi terakhir tercatat.",
    "msg_not_recorded": "Koneksi kembali. Aksi terakhir tidak tercatat, silakan ulangi.",
    "msg_bug": "Terjadi kesalahan tak terduga (sudah dicatat di log). Silakan ulangi.",
    "unknown_counter": "Loket {counter} tidak dikenal.",
    "no_agency_counter": "Loket {counter} tidak melayani instansi apa pun. Hubungi operator MPP.",
    "transfer_title": "Alihkan {number} ke instansi",
    "transfer_ok": "Alihkan",
    "cancel": "Batal",
    "lansia": "Lansia",
    "disabilitas": "Disabilitas",
    "ibu_hamil": "Ibu hamil",
    "membawa_anak": "Membawa anak",
}

_EN: dict[str, str] = {
    "title": "Antre — Counter {counter} console",
    "signin_title": "Counter {counter}",
    "signin_prompt": "Enter your staff PIN",
    "signin_button": "Sign in",
    "signin_checking": "Checking the PIN…",
    "signin_wrong": "Wrong PIN. Attempts left: {left}.",
    "signin_locked": "Too many wrong PINs. Try again in {seconds} seconds.",
    "signin_empty": "Type your PIN (4–8 digits).",
    "signin_idle": "Locked after inactivity. Enter your PIN again.",
    "signed_in_as": "Staff: {name}",
    "sign_out": "Sign out",
    "call_next": "Call next",
    "recall": "Recall",
    "no_show": "No-show",
    "done": "Done",
    "transfer": "Transfer",
    "pause": "Break",
    "resume": "Resume",
    "call_this": "Call this number",
    "serving": "Now serving",
    "nobody": "No number yet",
    "on_break": "ON BREAK",
    "waited": "Waited {minutes}",
    "served_for": "Served {minutes}",
    "recalled": "Recalled {count}×",
    "waiting_title": "Waiting: {total}",
    "served_today": "Served today: {count}",
    "median": "Median service time: {minutes}",
    "col_number": "Number",
    "col_agency": "Agency",
    "col_priority": "Priority",
    "col_waited": "Waited",
    "col_print": "Print",
    "print_failed": "Not printed",
    "transferred": "Transferred",
    "why_busy": "Wait: the previous action is being processed",
    "why_offline": "The database is unreachable",
    "why_no_agency": "This counter serves no agency",
    "why_paused": "The counter is on a break: press Resume first",
    "why_idle": "No number is being served",
    "why_empty": "Nobody is waiting",
    "why_busy_serving": "Finish the number being served first",
    "why_no_selection": "Select a number in the waiting list",
    "why_no_target": "No other agency to transfer to",
    "msg_called": "Calling {number}",
    "msg_recalled": "Calling {number} again",
    "msg_no_show": "{number} marked as no-show",
    "msg_done": "{number} done",
    "msg_transferred": "{number} transferred to {agency}",
    "msg_paused": "Counter on a break",
    "msg_resumed": "Counter serving again",
    "msg_empty": "Nobody is waiting",
    "msg_refused": "Not possible: {detail}. Screen refreshed.",
    "msg_stale": "This number was handled elsewhere. Screen refreshed.",
    "msg_taken": "That number was called by another counter. Screen refreshed.",
    "msg_db_down": "The database is unreachable. Waiting for it…",
    "msg_recorded": "Connection back. The last action was recorded.",
    "msg_not_recorded": "Connection back. The last action was NOT recorded, please repeat it.",
    "msg_bug": "Unexpected error (logged). Please try again.",
    "unknown_counter": "Counter {counter} is unknown.",
    "no_agency_counter": "Counter {counter} serves no agency. Ask the MPP operator.",
    "transfer_title": "Transfer {number} to agency",
    "transfer_ok": "Transfer",
    "cancel": "Cancel",
    "lansia": "Elderly",
    "disabilitas": "Disabled",
    "ibu_hamil": "Pregnant",
    "membawa_anak": "With child",
}

_CATALOGUES = {"id": _ID, "en": _EN}
_language = "id"


def set_language(language: str) -> None:
    global _language
    _language = language if language in _CATALOGUES else "id"


def tr(key: str, **values: object) -> str:
    text = _CATALOGUES[_language].get(key) or _ID.get(key, key)
    return text.format(**values) if values else text


def minutes_text(seconds: float | None) -> str:
    """`12 mnt 05 dtk` style durations; '–' when unknown."""
    if seconds is None:
        return "–"
    total = max(0, int(seconds))
    minutes, secs = divmod(total, 60)
    unit_m, unit_s = ("mnt", "dtk") if _language == "id" else ("min", "s")
    return f"{minutes} {unit_m} {secs:02d} {unit_s}"


def short_minutes(seconds: float) -> str:
    """Whole minutes, for the waiting list: `12 mnt`."""
    return f"{max(0, int(seconds)) // 60} {'mnt' if _language == 'id' else 'min'}"
