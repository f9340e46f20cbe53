"""What a call says: the clip names to join and the sentence they make.

A call is the chime, then (Indonesian) "Nomor antrean A dua belas, silakan menuju loket tiga",
optionally followed by (English) "Number A twelve, please proceed to counter three".
Clip names are file names: `chime` is assets/voice/chime.wav, every other clip is
assets/voice/<lang>/<name>.wav. No Qt here.
"""

from __future__ import annotations

import re

from shared.errors import AntreError
from shared.voice.words import (
    LETTERS,
    MAX_NUMBER,
    letter_name_en,
    letter_name_id,
    number_to_text_en,
    number_to_text_id,
    number_to_words_en,
    number_to_words_id,
)

LANGS = ("id", "en")
CHIME = "chime"
MAX_COUNTER = 99

_TICKET_RE = re.compile(r"^([A-Z])(\d{1,4})$")

# The fixed phrases: clip name -> what it says.
_PHRASES = {
    "id": {"nomor_antrean": "nomor antrean", "silakan_menuju": "silakan menuju", "loket": "loket"},
    "en": {"number": "number", "please_proceed_to": "please proceed to", "counter": "counter"},
}
# A slightly longer pause goes before these clips (a new phrase starts).
PHRASE_STARTS = frozenset({"nomor_antrean", "silakan_menuju", "number", "please_proceed_to"})


class AnnouncementError(AntreError, ValueError):
    """A ticket number or counter that cannot be announced ("12A", counter 0)."""


def parse_ticket_number(number: str) -> tuple[str, int]:
    """ "A012" -> ("A", 12). One letter then 1..4 digits, value 1..9999; case-insensitive."""
    match = _TICKET_RE.match(number.strip().upper())
    if not match:
        raise AnnouncementError("error.ticket_number_form", number=number)
    value = int(match.group(2))
    if value < 1:
        raise AnnouncementError("error.ticket_number_range", number=number, max=MAX_NUMBER)
    return match.group(1), value


def check_counter(counter: int) -> int:
    """Returns the counter number if it is 1..99, else raises AnnouncementError."""
    if isinstance(counter, bool) or not isinstance(counter, int):
        raise AnnouncementError("error.counter_whole", value=counter)
    if not 1 <= counter <= MAX_COUNTER:
        raise AnnouncementError("error.counter_range", counter=counter, max=MAX_COUNTER)
    return counter


def _check_lang(lang: str) -> None:
    if lang not in LANGS:
        raise AnnouncementError("error.voice_language", lang=lang, allowed=LANGS)


def letter_clip(letter: str, lang: str) -> str:
    """The clip name of a letter: ("A", "id") -> "huruf_a", ("A", "en") -> "letter_a"."""
    _check_lang(lang)
    prefix = "huruf" if lang == "id" else "letter"
    return f"{prefix}_{letter.lower()}"


def clip_sequence(number: str, counter: int, *, lang: str = "id") -> list[str]:
    """Clip names for one call, chime first.

    >>> clip_sequence("A012", 3)
    ['chime', 'nomor_antrean', 'huruf_a', 'dua', 'belas', 'silakan_menuju', 'loket', 'tiga']
    """
    _check_lang(lang)
    letter, value = parse_ticket_number(number)
    check_counter(counter)
    if lang == "id":
        return [
            CHIME, "nomor_antrean", letter_clip(letter, lang), *number_to_words_id(value),
            "silakan_menuju", "loket", *number_to_words_id(counter),
        ]  # fmt: skip
    return [
        CHIME, "number", letter_clip(letter, lang), *number_to_words_en(value),
        "please_proceed_to", "counter", *number_to_words_en(counter),
    ]  # fmt: skip


def announcement_text(number: str, counter: int, lang: str = "id") -> str:
    """The sentence a call says: "Nomor antrean A dua belas, silakan menuju loket tiga"."""
    _check_lang(lang)
    letter, value = parse_ticket_number(number)
    check_counter(counter)
    if lang == "id":
        return (
            f"Nomor antrean {letter} {number_to_text_id(value)}, "
            f"silakan menuju loket {number_to_text_id(counter)}"
        )
    return (
        f"Number {letter} {number_to_text_en(value)}, "
        f"please proceed to counter {number_to_text_en(counter)}"
    )


def clip_catalogue(lang: str) -> dict[str, str]:
    """Every clip of a language (not the chime): clip name -> the words it speaks.

    Covers every number 0..9999 and every letter A..Z; scripts/make_voice_clips.py synthesises
    exactly these, and human recordings must use the same names.
    """
    _check_lang(lang)
    catalogue = dict(_PHRASES[lang])
    for letter in LETTERS:
        name = letter_name_id(letter) if lang == "id" else letter_name_en(letter)
        catalogue[letter_clip(letter, lang)] = name
    to_words = number_to_words_id if lang == "id" else number_to_words_en
    for n in range(MAX_NUMBER + 1):
        for word in to_words(n):
            catalogue.setdefault(word, word)
    return catalogue
