#!/usr/bin/env python3
"""Generates the announcement clips in assets/voice with espeak-ng (offline).

    python scripts/make_voice_clips.py [--out assets/voice] [--langs id en] [--speed 140]

Writes assets/voice/chime.wav (a synthesised two-tone "ding-dong") and one WAV per clip in
assets/voice/<lang>/<name>.wav: mono, 16-bit, 22050 Hz. With sox installed, each clip is
trimmed of silence at both ends and normalised. Human recordings with the same file names
(same format) replace the synthetic ones; run with --keep to only fill in missing clips.
"""

from __future__ import annotations

import argparse
import math
import shutil
import subprocess
import sys
import tempfile
import wave
from array import array
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from shared.voice.announcement import LANGS, clip_catalogue  # noqa: E402
from shared.voice.wavjoin import FRAME_RATE, VOICE_DIR, read_clip  # noqa: E402

ESPEAK_VOICES = {"id": "id", "en": "en-us"}


def synth_chime(path: Path) -> None:
    """A soft two-tone "ding-dong" (E5 then C5, bell-like decay), about 1.1 s."""
    samples = array("h")
    for freq, length in ((659.25, 0.45), (523.25, 0.7)):
        count = int(FRAME_RATE * length)
        for i in range(count):
            t = i / FRAME_RATE
            attack = min(1.0, t / 0.008)
            env = attack * math.exp(-3.2 * t)
            value = (
                math.sin(2 * math.pi * freq * t)
                + 0.35 * math.sin(2 * math.pi * 2 * freq * t) * math.exp(-4 * t)
                + 0.12 * math.sin(2 * math.pi * 3 * freq * t) * math.exp(-6 * t)
            )
            samples.append(int(0.45 * 32767 * env * value / 1.47))
    if sys.byteorder == "big":
        samples.byteswap()
    path.parent.mkdir(parents=True, exist_ok=True)
    with wave.open(str(path), "wb") as wav:
        wav.setnchannels(1)
        wav.setsampwidth(2)
        wav.setframerate(FRAME_RATE)
        wav.writeframes(samples.tobytes())


def speak(text: str, voice: str, speed: int, out: Path, *, use_sox: bool) -> None:
    """espeak-ng -> WAV; then sox: 22050 Hz mono 16-bit, silence trimmed, normalised."""
    with tempfile.TemporaryDirectory() as tmp:
        raw = Path(tmp) / "raw.wav"
        subprocess.run(
            ["espeak-ng", "-v", voice, "-s", str(speed), "-w", str(raw), text], check=True
        )
        if not use_sox:
            shutil.copyfile(raw, out)
            return
        trim = ["silence", "1", "0.02", "0.5%"]
        subprocess.run(
            ["sox", str(raw), "-r", str(FRAME_RATE), "-c", "1", "-b", "16", str(out),
             *trim, "reverse", *trim, "reverse", "norm", "-3", "fade", "t", "0.005"],
            check=True,
        )  # fmt: skip


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=VOICE_DIR)
    parser.add_argument("--langs", nargs="+", default=list(LANGS), choices=LANGS)
    parser.add_argument("--speed", type=int, default=140, help="espeak-ng words per minute")
    parser.add_argument("--keep", action="store_true", help="keep existing clips")
    args = parser.parse_args(argv)
    if shutil.which("espeak-ng") is None:
        print("espeak-ng is not installed (apt-get install espeak-ng)", file=sys.stderr)
        return 1
    use_sox = shutil.which("sox") is not None
    if not use_sox:
        print("sox not found: clips are not trimmed or normalised", file=sys.stderr)
    chime = args.out / "chime.wav"
    if not (args.keep and chime.exists()):
        synth_chime(chime)
    count = 1
    for lang in args.langs:
        folder = args.out / lang
        folder.mkdir(parents=True, exist_ok=True)
        for name, text in clip_catalogue(lang).items():
            path = folder / f"{name}.wav"
            if not (args.keep and path.exists()):
                speak(text, ESPEAK_VOICES[lang], args.speed, path, use_sox=use_sox)
            read_clip(path)  # raises if the result is not mono 16-bit 22050 Hz
            count += 1
    print(f"{count} clips in {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
