"""The survey's words for refusals and grades, Indonesian first, English complete.

Kept here, keyed by code, until the shared translation catalogue lands; then these move
into it unchanged (the keys are the codes the core returns).
"""

from __future__ import annotations

from typing import Any

WORDS: dict[str, dict[str, str]] = {
    "id": {
        "refusal.no_ticket": "Tiket tidak ditemukan.",
        "refusal.not_finished": "Survei hanya untuk tiket yang sudah selesai dilayani.",
        "refusal.already_answered": "Survei untuk tiket {number} sudah diisi. Terima kasih.",
        "refusal.window_closed": (
            "Waktu mengisi survei untuk tiket {number} sudah habis "
            "({minutes} menit setelah selesai dilayani)."
        ),
        "refusal.no_answers": "Jawab paling sedikit satu pertanyaan.",
        "refusal.bad_answer": "Jawaban untuk {element} harus 1 sampai 4.",
        "refusal.bad_profile": "Pilihan untuk {field} tidak dikenal.",
        "refusal.text_too_long": "Saran terlalu panjang: paling banyak {limit} huruf.",
        "grade.A": "Sangat Baik",
        "grade.B": "Baik",
        "grade.C": "Kurang Baik",
        "grade.D": "Tidak Baik",
        "sample.below": (
            "Responden {respondents} dari minimal {minimum} "
            "(populasi {population}, tabel Krejcie-Morgan)"
        ),
        "sample.enough": "Responden {respondents}, minimal {minimum} terpenuhi",
    },
    "en": {
        "refusal.no_ticket": "Ticket not found.",
        "refusal.not_finished": "The survey is only for a ticket that has been served.",
        "refusal.already_answered": "The survey for ticket {number} was already answered. Thank you.",
        "refusal.window_closed": (
            "The time to answer the survey for ticket {number} is over "
            "({minutes} minutes after it was served)."
        ),
        "refusal.no_answers": "Please answer at least one question.",
        "refusal.bad_answer": "The answer for {element} must be 1 to 4.",
        "refusal.bad_profile": "Unknown choice for {field}.",
        "refusal.text_too_long": "The suggestion is too long: at most {limit} characters.",
        "grade.A": "Very Good",
        "grade.B": "Good",
        "grade.C": "Poor",
        "grade.D": "Very Poor",
        "sample.below": (
            "{respondents} respondents of the minimum {minimum} "
            "(population {population}, Krejcie-Morgan table)"
        ),
        "sample.enough": "{respondents} respondents, the minimum {minimum} is met",
    },
}


def say(key: str, lang: str = "id", **data: Any) -> str:
    """The text for `key` in `lang` (Indonesian for anything but "en"), filled with `data`."""
    table = WORDS["en" if lang == "en" else "id"]
    return table[key].format(**data)
