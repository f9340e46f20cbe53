"""`antre announce`: --text, --wav, bad input, and playing with no sound card."""

from __future__ import annotations

import argparse
from pathlib import Path

import pytest

from shared.cli import voice_cmds
from shared.errors import AntreError
from shared.voice.wavjoin import wav_duration
from shared.words import Lang, Words


def run(*argv: str) -> int:
    """Like shared.cli.main.main, with only the voice commands registered."""
    parser = argparse.ArgumentParser(prog="antre")
    voice_cmds.register(parser.add_subparsers(dest="command", required=True), Words(Lang.EN))
    args = parser.parse_args(argv)
    try:
        return int(args.func(args))
    except AntreError as exc:
        print(f"antre: {exc}", file=__import__("sys").stderr)
        return 2


def test_text(capsys: pytest.CaptureFixture[str]) -> None:
    assert run("announce", "A012", "3", "--text") == 0
    assert capsys.readouterr().out == "Nomor antrean A dua belas, silakan menuju loket tiga\n"


def test_text_english(capsys: pytest.CaptureFixture[str]) -> None:
    assert run("announce", "b7", "12", "--text", "--english") == 0
    assert capsys.readouterr().out.splitlines() == [
        "Nomor antrean B tujuh, silakan menuju loket dua belas",
        "Number B seven, please proceed to counter twelve",
    ]


def test_wav(tmp_path: Path) -> None:
    out = tmp_path / "a012.wav"
    assert run("announce", "A012", "3", "--wav", str(out)) == 0
    indonesian = wav_duration(out)
    assert 3.0 < indonesian < 12.0
    assert run("announce", "A012", "3", "--wav", str(out), "--english") == 0
    assert wav_duration(out) > indonesian + 1.0


@pytest.mark.parametrize(("number", "counter"), [("12A", "3"), ("A000", "3"), ("A012", "0")])
def test_bad_input_is_one_line_and_exit_2(
    number: str, counter: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run("announce", number, counter, "--text") == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert len(captured.err.strip().splitlines()) == 1


def test_play_without_sound_card(
    qapp: object, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr("shared.qt.announcer.has_audio_output", lambda: False)
    assert run("announce", "A012", "3") == 0
    assert "No audio output device" in capsys.readouterr().err
