"""Number and letter words, checked by hand and by property over 0..9999."""

from __future__ import annotations

import pytest

from shared.voice.words import (
    letter_name_en,
    letter_name_id,
    number_to_text_en,
    number_to_text_id,
    number_to_words_en,
    number_to_words_id,
)

ID_CASES = {
    0: "nol",
    1: "satu",
    2: "dua",
    5: "lima",
    9: "sembilan",
    10: "sepuluh",
    11: "sebelas",
    12: "dua belas",
    15: "lima belas",
    19: "sembilan belas",
    20: "dua puluh",
    21: "dua puluh satu",
    30: "tiga puluh",
    45: "empat puluh lima",
    77: "tujuh puluh tujuh",
    99: "sembilan puluh sembilan",
    100: "seratus",
    101: "seratus satu",
    110: "seratus sepuluh",
    111: "seratus sebelas",
    112: "seratus dua belas",
    115: "seratus lima belas",
    120: "seratus dua puluh",
    199: "seratus sembilan puluh sembilan",
    200: "dua ratus",
    215: "dua ratus lima belas",
    308: "tiga ratus delapan",
    560: "lima ratus enam puluh",
    999: "sembilan ratus sembilan puluh sembilan",
    1000: "seribu",
    1001: "seribu satu",
    1010: "seribu sepuluh",
    1011: "seribu sebelas",
    1100: "seribu seratus",
    1111: "seribu seratus sebelas",
    1999: "seribu sembilan ratus sembilan puluh sembilan",
    2000: "dua ribu",
    2015: "dua ribu lima belas",
    2100: "dua ribu seratus",
    3005: "tiga ribu lima",
    4250: "empat ribu dua ratus lima puluh",
    7019: "tujuh ribu sembilan belas",
    8800: "delapan ribu delapan ratus",
    9999: "sembilan ribu sembilan ratus sembilan puluh sembilan",
}

EN_CASES = {
    0: "zero",
    7: "seven",
    12: "twelve",
    20: "twenty",
    21: "twenty-one",
    99: "ninety-nine",
    100: "one hundred",
    215: "two hundred fifteen",
    1000: "one thousand",
    1999: "one thousand nine hundred ninety-nine",
    2015: "two thousand fifteen",
    9999: "nine thousand nine hundred ninety-nine",
}


@pytest.mark.parametrize(("n", "text"), sorted(ID_CASES.items()))
def test_number_to_words_id(n: int, text: str) -> None:
    assert number_to_words_id(n) == text.split()
    assert number_to_text_id(n) == text


@pytest.mark.parametrize(("n", "text"), sorted(EN_CASES.items()))
def test_number_to_words_en(n: int, text: str) -> None:
    assert number_to_text_en(n) == text
    assert number_to_words_en(n) == text.replace("-", " ").split()


def test_every_number_reads_naturally() -> None:
    allowed = {
        "nol", "satu", "dua", "tiga", "empat", "lima", "enam", "tujuh", "delapan", "sembilan",
        "sepuluh", "sebelas", "belas", "puluh", "seratus", "ratus", "seribu", "ribu",
    }  # fmt: skip
    seen = set()
    for n in range(10000):
        words = number_to_words_id(n)
        text = " ".join(words)
        assert words, n
        assert set(words) <= allowed, (n, words)
        for wrong in ("satu ratus", "satu puluh", "satu belas", "satu ribu"):
            assert wrong not in text, (n, text)
        assert "nol" not in words or n == 0
        assert text not in seen, (n, text)  # no two numbers sound the same
        seen.add(text)
        assert number_to_words_en(n)


@pytest.mark.parametrize("bad", [-1, 10000])
def test_out_of_range(bad: int) -> None:
    with pytest.raises(ValueError):
        number_to_words_id(bad)
    with pytest.raises(ValueError):
        number_to_words_en(bad)


def test_letter_names() -> None:
    names = [letter_name_id(chr(c)) for c in range(ord("A"), ord("Z") + 1)]
    assert names == (
        [
            "a",
            "be",
            "ce",
            "de",
            "e",
            "ef",
            "ge",
            "ha",
            "i",
            "je",
            "ka",
            "el",
            "em",
            "en",
            "o",
            "pe",
            "ki",
            "er",
            "es",
            "te",
            "u",
            "fe",
            "we",
            "eks",
            "ye",
            "zet",
        ]
    )
    assert letter_name_id("q") == "ki"
    assert letter_name_en("A") == "ay"
    assert letter_name_en("w") == "double you"
    with pytest.raises(ValueError):
        letter_name_id("AB")
    with pytest.raises(ValueError):
        letter_name_en("1")
