"""What visitors type when booking: phone numbers, names and codes."""

from __future__ import annotations

import pytest

from shared import booking_rules as rules
from shared.errors import BookingError


@pytest.mark.parametrize("typed", ["081234567890", "0812-3456-7890", "+62 812 3456 7890",
                                   "6281234567890", "(0812) 3456.7890", "+6281234567890"])
def test_indonesian_mobile_numbers_are_one_number(typed: str) -> None:
    assert rules.normalise_phone(typed) == "+6281234567890"
    assert rules.show_phone("+6281234567890") == "0812-3456-7890-"[:-1]


@pytest.mark.parametrize("typed", ["", "0812", "+14155550100", "021 1234 567", "0812345678901234",
                                   "08123456789a", "+62 0812 3456 789", "0" * 10_000, "٠٨١٢٣٤٥٦٧٨٩٠"])
def test_other_numbers_are_refused(typed: str) -> None:
    with pytest.raises(BookingError) as caught:
        rules.normalise_phone(typed)
    assert caught.value.reason == "phone"


@pytest.mark.parametrize(("typed", "clean"), [
    ("  Siti   Aminah ", "Siti Aminah"), ("Nur'aini", "Nur'aini"), ("I Gede Putu A.", "I Gede Putu A."),
    ("Dewi-Sartika", "Dewi-Sartika"), ("José", "José")])
def test_names_are_tidied(typed: str, clean: str) -> None:
    assert rules.clean_name(typed) == clean


@pytest.mark.parametrize(("typed", "reason"), [
    ("", "name_empty"), ("😀", "name_chars"), ("👍🏽👍🏽", "name_chars"), ("Budi 😀", "name_chars"),
    ("Budi\u202eX", "name_chars"), ("Budi\tSantoso\n", "ok"),
    ("<script>", "name_chars"), ("A", "name_chars"), ("x" * 61, "name_long"),
    ("x" * 10_240, "name_long")])
def test_absurd_names_are_refused(typed: str, reason: str) -> None:
    if reason == "ok":
        assert rules.clean_name(typed) == "Budi Santoso"
        return
    with pytest.raises(BookingError) as caught:
        rules.clean_name(typed)
    assert caught.value.reason == reason


def test_codes_use_only_unambiguous_characters_and_are_not_sequential() -> None:
    codes = [rules.new_code() for _ in range(2000)]
    assert len(set(codes)) == 2000
    assert not set("".join(codes)) & set("01OIL")
    assert set("".join(codes)) == set(rules.CODE_ALPHABET)  # every character is used


def test_typed_or_scanned_codes_are_normalised() -> None:
    assert rules.normalise_code(" k7m2-qx9p\n") == "K7M2QX9P"
    assert rules.normalise_code("K7M2QX9") is None
    assert rules.normalise_code("K7M2QX90") is None  # 0 is never in a code
    assert rules.normalise_code("x" * 100_000) is None
