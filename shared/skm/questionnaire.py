"""The questionnaire as a data file the site can adjust (assets/survey/skm.toml), validated.

The regulation fixes the nine elements (U1..U9, in this order) and the 1-4 scale; the file
holds their wording in Indonesian and English, the respondent profile's options and the
screen texts. Every error names the file, the key and what is wrong.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from shared.errors import ConfigError
from shared.files import read_small_text
from shared.paths import ASSETS_DIR
from shared.words import Said

DEFAULT_FILE = ASSETS_DIR / "survey" / "skm.toml"
ELEMENT_CODES = tuple(f"U{i}" for i in range(1, 10))
PROFILE_CODES = ("age_group", "sex", "education", "occupation")
SCREEN_TEXTS = (
    "title", "invite", "invite_detail", "start", "skip", "no_thanks", "back", "send", "thanks",
    "profile_intro",
)
LANGUAGES = ("id", "en")
MAX_TEXT = 400  # one question or label; longer is a mistake in the file
_OPTION_CODE = re.compile(r"^[a-z0-9_]{1,20}$")


@dataclass(frozen=True)
class Words:
    """One text in Indonesian (the source) and English."""

    id: str
    en: str

    def get(self, lang: str) -> str:
        return self.en if lang == "en" else self.id


@dataclass(frozen=True)
class Element:
    code: str  # U1..U9
    name: Words
    question: Words
    answers: tuple[Words, Words, Words, Words]  # value 1..4 in order

    @property
    def column(self) -> str:
        """The answer's column in survey_responses: "u1".."u9"."""
        return self.code.lower()


@dataclass(frozen=True)
class Option:
    code: str
    label: Words


@dataclass(frozen=True)
class ProfileField:
    code: str  # age_group | sex | education | occupation
    label: Words
    options: tuple[Option, ...]

    def option(self, code: str | None) -> Option | None:
        return next((o for o in self.options if o.code == code), None)


@dataclass(frozen=True)
class Questionnaire:
    texts: dict[str, Words]
    elements: tuple[Element, ...]
    profile: tuple[ProfileField, ...]
    suggestion_label: Words
    suggestion_hint: Words
    source: str

    def text(self, key: str, lang: str) -> str:
        return self.texts[key].get(lang)

    def field(self, code: str) -> ProfileField:
        return next(f for f in self.profile if f.code == code)


class _Reader:
    def __init__(self, source: str) -> None:
        self.source = source

    def fail(self, key: str, problem: str, **data: object) -> ConfigError:
        """`problem` is a catalogue code ("skmfile.table") with `data`."""
        return ConfigError("error.questionnaire_value", path=self.source, key=key,
                           problem=Said(problem, data))

    def table(self, data: dict[str, Any], key: str, where: str = "") -> dict[str, Any]:
        value = data.get(key)
        if not isinstance(value, dict):
            raise self.fail(f"{where}{key}", "skmfile.missing_table")
        return value

    def items(self, data: dict[str, Any], key: str, where: str = "") -> list[Any]:
        value = data.get(key)
        if not isinstance(value, list) or not value:
            raise self.fail(f"{where}{key}", "skmfile.missing")
        return value

    def words(self, value: Any, key: str) -> Words:
        if not isinstance(value, dict):
            raise self.fail(key, "skmfile.texts")
        texts = []
        for lang in LANGUAGES:
            text = value.get(lang)
            if not isinstance(text, str) or not text.strip():
                raise self.fail(f"{key}.{lang}", "skmfile.missing")
            if len(text) > MAX_TEXT:
                raise self.fail(f"{key}.{lang}", "skmfile.too_long", max=MAX_TEXT)
            texts.append(text.strip())
        return Words(*texts)


def load_questionnaire(path: str | Path | None = None) -> Questionnaire:
    """Reads and validates a questionnaire file (default: the one shipped with Antre)."""
    path = Path(path) if path is not None else DEFAULT_FILE
    # Only a regular, small file: a FIFO or /dev/zero is refused instead of hanging the tablet.
    text = read_small_text(path, file=Said("config.questionnaire_file", {"path": str(path)}))
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(
            "error.questionnaire_toml", path=str(path), detail=str(exc)
        ) from None
    return parse_questionnaire(data, source=str(path))


def parse_questionnaire(data: dict[str, Any], *, source: str = "<questionnaire>") -> Questionnaire:
    r = _Reader(source)
    survey = r.table(data, "survey")
    texts = {key: r.words(survey.get(key), f"survey.{key}") for key in SCREEN_TEXTS}
    suggestion = r.table(data, "suggestion")
    return Questionnaire(
        texts=texts,
        elements=_elements(r, r.items(data, "elements")),
        profile=_profile(r, r.items(data, "profile")),
        suggestion_label=r.words(suggestion.get("label"), "suggestion.label"),
        suggestion_hint=r.words(suggestion.get("hint"), "suggestion.hint"),
        source=source,
    )


def _elements(r: _Reader, items: list[Any]) -> tuple[Element, ...]:
    if len(items) != len(ELEMENT_CODES):
        raise r.fail("elements", "skmfile.elements", found=len(items))
    result = []
    for i, (item, code) in enumerate(zip(items, ELEMENT_CODES, strict=True)):
        where = f"elements[{i}]"
        if not isinstance(item, dict):
            raise r.fail(where, "config.table")
        if item.get("code") != code:
            raise r.fail(f"{where}.code", "skmfile.element_code", code=code, value=item.get("code"))
        answers = item.get("answers")
        if not isinstance(answers, list) or len(answers) != 4:
            got = len(answers) if isinstance(answers, list) else answers
            raise r.fail(f"{where}.answers", "skmfile.answers", value=got)
        a1, a2, a3, a4 = (r.words(a, f"{where}.answers[{n}]") for n, a in enumerate(answers))
        result.append(
            Element(
                code=code,
                name=r.words(item.get("name"), f"{where}.name"),
                question=r.words(item.get("question"), f"{where}.question"),
                answers=(a1, a2, a3, a4),
            )
        )
    return tuple(result)


def _profile(r: _Reader, items: list[Any]) -> tuple[ProfileField, ...]:
    fields: dict[str, ProfileField] = {}
    for i, item in enumerate(items):
        where = f"profile[{i}]"
        if not isinstance(item, dict):
            raise r.fail(where, "config.table")
        code = item.get("code")
        if code not in PROFILE_CODES:
            raise r.fail(f"{where}.code", "skmfile.profile_code", allowed=", ".join(PROFILE_CODES),
                         value=code)
        if code in fields:
            raise r.fail(f"{where}.code", "config.duplicate", value=code)
        options: list[Option] = []
        for n, option in enumerate(r.items(item, "options", f"{where}.")):
            key = f"{where}.options[{n}]"
            if not isinstance(option, dict):
                raise r.fail(key, "config.table")
            ocode = option.get("code")
            if not isinstance(ocode, str) or not _OPTION_CODE.match(ocode):
                raise r.fail(f"{key}.code", "skmfile.option_code", value=ocode)
            if any(o.code == ocode for o in options):
                raise r.fail(f"{key}.code", "config.duplicate", value=ocode)
            options.append(Option(ocode, r.words(option, key)))
        if len(options) < 2:
            raise r.fail(f"{where}.options", "skmfile.options")
        fields[code] = ProfileField(code, r.words(item.get("label"), f"{where}.label"), tuple(options))
    missing = [c for c in PROFILE_CODES if c not in fields]
    if missing:
        raise r.fail("profile", "skmfile.profile_missing", missing=", ".join(missing))
    return tuple(fields[c] for c in PROFILE_CODES)
