"""The kiosk's words: Bahasa Indonesia first, English as a translation.

A small dict catalogue (Qt Linguist tooling is heavier than one screen of text needs). The
language is chosen per visitor on the screen, so it is passed explicitly:
`tr(lang, "key", **values)`.
"""

from __future__ import annotations

import re

LANGUAGES = ("id", "en")

_ID: dict[str, str] = {
    "choose": "Silakan pilih layanan",
    "priority_question": "Prioritas? Pilih dulu, lalu pilih layanan:",
    "priority_lansia": "Lansia",
    "priority_disabilitas": "Disabilitas",
    "priority_ibu_hamil": "Ibu hamil",
    "priority_membawa_anak": "Membawa anak",
    "priority_mark": "PRIORITAS: {kind}",
    "switch_language": "English",
    "waiting": "{n} menunggu",
    "state_closed": "Tutup",
    "state_break": "Istirahat",
    "state_last_ticket": "Tiket hari ini sudah habis",
    "state_quota": "Kuota hari ini sudah habis",
    "state_inactive": "Tidak aktif",
    "your_number": "Nomor antrean Anda",
    "ahead": "Antrean di depan Anda: {n}",
    "wait": "Perkiraan waktu tunggu: ± {n} menit",
    "wait_now": "Perkiraan waktu tunggu: segera",
    "printing": "Tiket sedang dicetak…",
    "printed": "Silakan ambil tiket Anda di bawah layar.",
    "preview": "Tiket Anda (contoh cetak di layar):",
    "no_printer": "Mohon catat nomor Anda.",
    "print_failed": "Tiket tidak dapat dicetak — mohon catat atau foto nomor Anda",
    "touch_to_return": "Sentuh layar untuk kembali",
    "issuing": "Mengambil nomor…",
    "printer_problem": "⚠ Printer bermasalah",
    "offline": "Sistem antrean sedang terganggu. Mohon hubungi petugas.",
    "issue_failed": "Nomor belum dapat diambil. Silakan coba lagi atau hubungi petugas.",
    "bug": "Terjadi kesalahan. Silakan coba lagi atau hubungi petugas.",
    "no_agencies": "Belum ada layanan yang dapat dipilih. Mohon hubungi petugas.",
    "refused": "{agency}: {reason}",
    "pin_title": "Keluar dari mode kiosk — masukkan PIN",
    "pin_ok": "OK",
    "pin_cancel": "Batal",
    "pin_wrong": "PIN salah",
    "pin_checking": "Memeriksa…",
    "short_break": "Istirahat sampai {time}",
    "short_opens": "Buka pukul {time}",
    "short_closed_now": "Sudah tutup hari ini",
    "short_closed_today": "Tutup hari ini",
}

_EN: dict[str, str] = {
    "choose": "Please choose a service",
    "priority_question": "Priority? Choose first, then the service:",
    "priority_lansia": "Elderly",
    "priority_disabilitas": "Disability",
    "priority_ibu_hamil": "Pregnant",
    "priority_membawa_anak": "With child",
    "priority_mark": "PRIORITY: {kind}",
    "switch_language": "Bahasa Indonesia",
    "waiting": "{n} waiting",
    "state_closed": "Closed",
    "state_break": "On a break",
    "state_last_ticket": "No more tickets today",
    "state_quota": "Today's quota is full",
    "state_inactive": "Not available",
    "your_number": "Your queue number",
    "ahead": "People ahead of you: {n}",
    "wait": "Estimated wait: about {n} min",
    "wait_now": "Estimated wait: very short",
    "printing": "Printing your ticket…",
    "printed": "Please take your ticket below the screen.",
    "preview": "Your ticket (printed on screen):",
    "no_printer": "Please note your number.",
    "print_failed": "The ticket could not be printed — please write down or photograph your number",
    "touch_to_return": "Touch the screen to go back",
    "issuing": "Taking a number…",
    "printer_problem": "⚠ Printer problem",
    "offline": "The queue system has a problem. Please ask the staff.",
    "issue_failed": "No number could be taken. Please try again or ask the staff.",
    "bug": "Something went wrong. Please try again or ask the staff.",
    "no_agencies": "No services can be chosen yet. Please ask the staff.",
    "refused": "{agency}: {reason}",
    "pin_title": "Leave kiosk mode — enter the PIN",
    "pin_ok": "OK",
    "pin_cancel": "Cancel",
    "pin_wrong": "Wrong PIN",
    "pin_checking": "Checking…",
    "short_break": "On a break until {time}",
    "short_opens": "Opens at {time}",
    "short_closed_now": "Closed for today",
    "short_closed_today": "Closed today",
}

_CATALOGUES = {"id": _ID, "en": _EN}
_TIME = re.compile(r"\b(\d{2}:\d{2})\b")


def tr(lang: str, key: str, **values: object) -> str:
    """The text for `key` in `lang` (Indonesian when missing), formatted with `values`."""
    text = _CATALOGUES.get(lang, _ID).get(key) or _ID[key]
    return text.format(**values) if values else text


def priority_label(lang: str, kind: str) -> str:
    """ "PRIORITAS: Lansia" for the printed and on-screen priority mark."""
    return tr(lang, "priority_mark", kind=tr(lang, f"priority_{kind}"))


def state_text(lang: str, state: str, message: str, *, short: bool = False) -> str:
    """Why an agency takes no tickets now, and until when.

    The long form (a refusal notice) in Indonesian is the core's own message, the most
    precise ("Istirahat salat Jumat sampai 13:00"). The short form (on a button, one line)
    and English are built from the state and the time found in that message.
    """
    if lang == "id" and not short and message:
        return message
    found = _TIME.search(message)
    time = found.group(1) if found else None
    if state == "break" and time:
        return tr(lang, "short_break", time=time)
    if state == "closed":
        if time and "Buka" in message:
            return tr(lang, "short_opens", time=time)
        if "Sudah tutup" in message:
            return tr(lang, "short_closed_now")
        return (
            tr(lang, "short_closed_today")
            if lang == "en"
            else (message or tr(lang, "state_closed"))
        )
    return tr(lang, f"state_{state}")
