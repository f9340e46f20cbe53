"""The one catalogue: both languages complete, same placeholders, codes that render."""

from __future__ import annotations

import string

import pytest

from shared.words import CATALOGUES, Lang, Said, Words, placeholders, say, words


def test_both_languages_have_the_same_keys() -> None:
    indonesian, english = CATALOGUES[Lang.ID], CATALOGUES[Lang.EN]
    assert sorted(set(indonesian) - set(english)) == []
    assert sorted(set(english) - set(indonesian)) == []


@pytest.mark.parametrize("code", sorted(CATALOGUES[Lang.ID]))
def test_both_languages_have_the_same_placeholders(code: str) -> None:
    assert placeholders(CATALOGUES[Lang.EN][code]) == placeholders(CATALOGUES[Lang.ID][code])


def test_no_entry_is_empty_and_english_is_translated() -> None:
    same = []
    for code, english in CATALOGUES[Lang.EN].items():
        indonesian = CATALOGUES[Lang.ID][code]
        assert english.strip() and indonesian.strip(), code
        # Words both languages share ("OK", "{agency}: {reason}") are allowed; sentences
        # are not.
        words_only = "".join(text for text, *_ in string.Formatter().parse(english))
        if english == indonesian and len(words_only.split()) > 1:
            same.append(code)
    assert same == []


@pytest.mark.parametrize("code", sorted(CATALOGUES[Lang.ID]))
def test_every_at_lookup_names_existing_codes(code: str) -> None:
    for _, spec in placeholders(CATALOGUES[Lang.ID][code]):
        if spec.startswith("@"):
            prefix = spec[1:] + "."
            assert any(key.startswith(prefix) for key in CATALOGUES[Lang.ID]), (code, spec)


def test_codes_render_with_their_data_in_each_language() -> None:
    assert say(Lang.ID, "refusal.closed_day", day=4) == "Tutup hari Jumat"
    assert say("en", "refusal.closed_day", day=4) == "Closed on Friday"
    taken = Said("refusal.taken_at", {"number": "A001", "status": "no_show", "counter": 3})
    assert words(Lang.ID, taken) == "A001 sudah tidak hadir di loket 3"
    assert words(Lang.EN, taken) == "A001 was already a no-show at counter 3"
    brk = Said("refusal.break", {"label": "Istirahat salat Jumat", "until": "13:00"})
    assert Words("en")("kiosk.refused", agency="Dukcapil", reason=brk) == (
        "Dukcapil: On a break (Istirahat salat Jumat) until 13:00"
    )


def test_an_unknown_language_falls_back_to_indonesian_and_an_unknown_code_is_a_bug() -> None:
    assert Lang.of("fr") is Lang.ID
    assert Lang.of(None, Lang.EN) is Lang.EN
    with pytest.raises(KeyError):
        say(Lang.EN, "no.such.code")
