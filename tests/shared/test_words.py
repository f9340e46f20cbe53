"""The one catalogue: both languages complete, same placeholders, codes that render."""

from __future__ import annotations

import re
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
        if english == indonesian and len(re.findall(r"[A-Za-z]{2,}", words_only)) > 1:
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
    assert Words("en")("refusal.agency", agency="Dukcapil", why=brk) == (
        "Dukcapil: On a break (Istirahat salat Jumat) until 13:00"
    )


def test_an_unknown_language_falls_back_to_indonesian_and_an_unknown_code_is_a_bug() -> None:
    assert Lang.of("fr") is Lang.ID
    assert Lang.of(None, Lang.EN) is Lang.EN
    with pytest.raises(KeyError):
        say(Lang.EN, "no.such.code")


def _error_classes() -> set[str]:
    import shared.errors as errors
    from shared.voice.announcement import AnnouncementError
    from shared.voice.wavjoin import ClipError

    names = {name for name, value in vars(errors).items()
             if isinstance(value, type) and issubclass(value, errors.AntreError)}
    return names | {AnnouncementError.__name__, ClipError.__name__}


def test_every_expected_error_is_raised_with_a_catalogue_code() -> None:
    """`AntreError("error.unknown_agency", code=...)`, never a sentence: the surfaces put
    errors into words in their own language. (QueueError's first argument is its reason,
    "refusal.<reason>" unless code= is given.)"""
    import ast
    from pathlib import Path

    import shared.words

    root = Path(shared.words.__file__).parents[2]
    classes = _error_classes()
    bad = []
    for package in ("shared", "kiosk", "counter", "display", "web", "survey"):
        for path in sorted((root / package).rglob("*.py")) if (root / package).exists() else []:
            tree = ast.parse(path.read_text(encoding="utf-8"))
            for node in ast.walk(tree):
                if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)
                        and node.func.id in classes):
                    continue
                where = f"{path.relative_to(root)}:{node.lineno}"
                first = node.args[0] if node.args else None
                given = [k.value for k in node.keywords if k.arg == "code"]
                if node.func.id == "QueueError" and given:
                    first = given[0]  # the reason may be computed when the code is given
                if not (isinstance(first, ast.Constant) and isinstance(first.value, str)):
                    bad.append(f"{where}: the first argument is not a literal code")
                    continue
                code = first.value
                if node.func.id == "QueueError" and not given:
                    code = f"refusal.{code}"
                if code not in CATALOGUES[Lang.ID]:
                    bad.append(f"{where}: {code!r} is not in the catalogue")
    assert bad == []
