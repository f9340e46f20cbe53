"""Clip sequences and sentences for a call; every clip a real call needs is shipped."""

from __future__ import annotations

import pytest

from shared.voice.announcement import (
    AnnouncementError,
    announcement_text,
    clip_catalogue,
    clip_sequence,
    parse_ticket_number,
)
from shared.voice.wavjoin import VOICE_DIR, clip_path, read_clip


def test_sequence_a012_counter_3() -> None:
    assert clip_sequence("A012", 3) == [
        "chime", "nomor_antrean", "huruf_a", "dua", "belas", "silakan_menuju", "loket", "tiga",
    ]  # fmt: skip


@pytest.mark.parametrize(
    ("number", "counter", "words"),
    [
        ("B001", 1, ["huruf_b", "satu", "silakan_menuju", "loket", "satu"]),
        ("C010", 10, ["huruf_c", "sepuluh", "silakan_menuju", "loket", "sepuluh"]),
        ("Q111", 11, ["huruf_q", "seratus", "sebelas", "silakan_menuju", "loket", "sebelas"]),
        ("Z215", 12, ["huruf_z", "dua", "ratus", "lima", "belas", "silakan_menuju", "loket",
                      "dua", "belas"]),
        ("D1999", 99, ["huruf_d", "seribu", "sembilan", "ratus", "sembilan", "puluh",
                       "sembilan", "silakan_menuju", "loket", "sembilan", "puluh", "sembilan"]),
        ("a7", 2, ["huruf_a", "tujuh", "silakan_menuju", "loket", "dua"]),
    ],
)  # fmt: skip
def test_sequences(number: str, counter: int, words: list[str]) -> None:
    assert clip_sequence(number, counter) == ["chime", "nomor_antrean", *words]


def test_english_sequence_and_text() -> None:
    assert clip_sequence("A012", 3, lang="en") == [
        "chime", "number", "letter_a", "twelve", "please_proceed_to", "counter", "three",
    ]  # fmt: skip
    assert announcement_text("A012", 3, "en") == "Number A twelve, please proceed to counter three"


def test_text() -> None:
    assert announcement_text("A012", 3) == "Nomor antrean A dua belas, silakan menuju loket tiga"
    assert announcement_text("b115", 12) == (
        "Nomor antrean B seratus lima belas, silakan menuju loket dua belas"
    )


@pytest.mark.parametrize("bad", ["12A", "A000", "A", "AB12", "A12345", "", "A-12", "Ä012"])
def test_bad_numbers(bad: str) -> None:
    with pytest.raises(AnnouncementError):
        clip_sequence(bad, 1)


@pytest.mark.parametrize("bad", [0, -1, 100])
def test_bad_counters(bad: int) -> None:
    with pytest.raises(AnnouncementError):
        announcement_text("A012", bad)


def test_bad_language() -> None:
    with pytest.raises(AnnouncementError):
        clip_sequence("A012", 1, lang="jv")


def test_parse() -> None:
    assert parse_ticket_number(" a012 ") == ("A", 12)
    assert parse_ticket_number("Z9999") == ("Z", 9999)


@pytest.mark.parametrize("lang", ["id", "en"])
def test_every_needed_clip_is_shipped(lang: str) -> None:
    needed: set[str] = set()
    for letter in "ABCDEFGHIJKLMNOPQRSTUVWXYZ":
        for value in range(1, 1000):
            needed.update(clip_sequence(f"{letter}{value:03d}", 1 + value % 12, lang=lang))
    assert needed <= {"chime", *clip_catalogue(lang)}
    for name in sorted(needed):
        read_clip(clip_path(name, lang, VOICE_DIR))  # exists, mono 16-bit 22050 Hz


@pytest.mark.parametrize("lang", ["id", "en"])
def test_catalogue_is_exactly_the_shipped_files(lang: str) -> None:
    shipped = {p.stem for p in (VOICE_DIR / lang).glob("*.wav")}
    assert shipped == set(clip_catalogue(lang))
