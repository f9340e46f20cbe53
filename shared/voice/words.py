"""Numbers and letters as spoken words, in Bahasa Indonesia and English.

The word tokens double as clip names: "dua belas" is the clips `dua` + `belas`, so a small set
of recorded words (units, the se- forms, belas, puluh, ratus, ribu) says every number 0..9999.
"""

from __future__ import annotations

import string

MAX_NUMBER = 9999

_UNITS_ID = ("nol", "satu", "dua", "tiga", "empat", "lima", "enam", "tujuh", "delapan", "sembilan")

_LETTERS_ID = {
    "A": "a", "B": "be", "C": "ce", "D": "de", "E": "e", "F": "ef", "G": "ge", "H": "ha",
    "I": "i", "J": "je", "K": "ka", "L": "el", "M": "em", "N": "en", "O": "o", "P": "pe",
    "Q": "ki", "R": "er", "S": "es", "T": "te", "U": "u", "V": "fe", "W": "we", "X": "eks",
    "Y": "ye", "Z": "zet",
}  # fmt: skip

_ONES_EN = (
    "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
    "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen",
    "nineteen",
)  # fmt: skip
_TENS_EN = ("", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety")

# English letter names as they are pronounced (used to synthesise the clips).
_LETTERS_EN = {
    "A": "ay", "B": "bee", "C": "see", "D": "dee", "E": "ee", "F": "ef", "G": "jee",
    "H": "aitch", "I": "eye", "J": "jay", "K": "kay", "L": "el", "M": "em", "N": "en",
    "O": "oh", "P": "pee", "Q": "cue", "R": "ar", "S": "ess", "T": "tee", "U": "you",
    "V": "vee", "W": "double you", "X": "ex", "Y": "why", "Z": "zed",
}  # fmt: skip

LETTERS = string.ascii_uppercase


def _check_range(n: int) -> None:
    if isinstance(n, bool) or not isinstance(n, int):
        raise TypeError(f"expected an int, got {n!r}")
    if not 0 <= n <= MAX_NUMBER:
        raise ValueError(f"number {n} is outside 0..{MAX_NUMBER}")


def _below_thousand_id(n: int) -> list[str]:
    """Words for 1..999 (nothing for 0, so callers can append it after ribu/ratus)."""
    words: list[str] = []
    hundreds, rest = divmod(n, 100)
    if hundreds == 1:
        words.append("seratus")
    elif hundreds > 1:
        words += [_UNITS_ID[hundreds], "ratus"]
    tens, units = divmod(rest, 10)
    if rest == 10:
        words.append("sepuluh")
    elif rest == 11:
        words.append("sebelas")
    elif tens == 1:
        words += [_UNITS_ID[units], "belas"]
    else:
        if tens > 1:
            words += [_UNITS_ID[tens], "puluh"]
        if units:
            words.append(_UNITS_ID[units])
    return words


def number_to_words_id(n: int) -> list[str]:
    """0..9999 as Indonesian word tokens: 215 -> ["dua", "ratus", "lima", "belas"]."""
    _check_range(n)
    if n == 0:
        return ["nol"]
    thousands, rest = divmod(n, 1000)
    words: list[str] = []
    if thousands == 1:
        words.append("seribu")
    elif thousands > 1:
        words += [_UNITS_ID[thousands], "ribu"]
    return words + _below_thousand_id(rest)


def number_to_text_id(n: int) -> str:
    """0..9999 as one Indonesian string: 1999 -> "seribu sembilan ratus sembilan puluh sembilan"."""
    return " ".join(number_to_words_id(n))


def letter_name_id(ch: str) -> str:
    """The Indonesian name of a letter A..Z (either case): "C" -> "ce", "Q" -> "ki"."""
    key = ch.upper()
    if len(key) != 1 or key not in _LETTERS_ID:
        raise ValueError(f"not a letter A..Z: {ch!r}")
    return _LETTERS_ID[key]


def _below_hundred_en(n: int) -> list[str]:
    if n == 0:
        return []
    if n < 20:
        return [_ONES_EN[n]]
    tens, units = divmod(n, 10)
    return [_TENS_EN[tens]] + ([_ONES_EN[units]] if units else [])


def number_to_words_en(n: int) -> list[str]:
    """0..9999 as English word tokens (no "and"): 215 -> ["two", "hundred", "fifteen"]."""
    _check_range(n)
    if n == 0:
        return ["zero"]
    thousands, rest = divmod(n, 1000)
    hundreds, rest = divmod(rest, 100)
    words: list[str] = []
    if thousands:
        words += [_ONES_EN[thousands], "thousand"]
    if hundreds:
        words += [_ONES_EN[hundreds], "hundred"]
    return words + _below_hundred_en(rest)


def number_to_text_en(n: int) -> str:
    """0..9999 as one English string, tens and units hyphenated: 99 -> "ninety-nine"."""
    words = number_to_words_en(n)
    out: list[str] = []
    for word in words:
        if out and out[-1] in _TENS_EN[2:] and word in _ONES_EN[1:10]:
            out[-1] = f"{out[-1]}-{word}"
        else:
            out.append(word)
    return " ".join(out)


def letter_name_en(ch: str) -> str:
    """The English name of a letter A..Z as pronounced: "A" -> "ay", "W" -> "double you"."""
    key = ch.upper()
    if len(key) != 1 or key not in _LETTERS_EN:
        raise ValueError(f"not a letter A..Z: {ch!r}")
    return _LETTERS_EN[key]
