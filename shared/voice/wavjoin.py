"""Joins voice clips into one WAV with the standard library `wave` module (no numpy, no Qt).

Every clip must be mono, 16-bit, 22050 Hz PCM. Other formats are rejected with a message that
says how to convert them (sox in.wav -r 22050 -c 1 -b 16 out.wav).

Fallback, explicit: a call's spoken part is all-or-nothing per language. If a clip of the
first language is missing or broken, the call is the chime only; if a clip of a later language
(English) is missing, that language is left out. If even the chime is missing, the result is a
short silence. Each case logs one clear line on the "antre.voice" logger; nothing is raised.
"""

from __future__ import annotations

import io
import logging
import wave
from collections.abc import Sequence
from pathlib import Path

from shared.errors import AntreError
from shared.paths import ASSETS_DIR
from shared.voice.announcement import CHIME, PHRASE_STARTS, clip_sequence

log = logging.getLogger("antre.voice")

VOICE_DIR = ASSETS_DIR / "voice"
CHANNELS = 1
SAMPLE_WIDTH = 2  # bytes: 16-bit
FRAME_RATE = 22050
WORD_GAP_MS = 60  # between words of one phrase
PHRASE_GAP_MS = 300  # after the chime, before "silakan menuju"
LANG_GAP_MS = 700  # between the Indonesian and the English sentence
FALLBACK_SILENCE_MS = 300


class ClipError(AntreError):
    """A voice clip is missing, unreadable or not mono 16-bit 22050 Hz PCM."""


def clip_path(name: str, lang: str, clips_dir: Path = VOICE_DIR) -> Path:
    """Where a clip lives: the chime is shared, words are per language."""
    if name == CHIME:
        return clips_dir / f"{CHIME}.wav"
    return clips_dir / lang / f"{name}.wav"


def read_clip(path: Path) -> bytes:
    """The PCM frames of a clip, checked to be mono 16-bit 22050 Hz; raises ClipError."""
    try:
        with wave.open(str(path), "rb") as wav:
            fmt = (wav.getnchannels(), wav.getsampwidth(), wav.getframerate())
            frames = wav.readframes(wav.getnframes())
    except FileNotFoundError:
        raise ClipError("error.clip_missing", path=str(path)) from None
    except (OSError, EOFError, wave.Error) as exc:
        raise ClipError("error.clip_unreadable", path=str(path), detail=str(exc)) from None
    if fmt != (CHANNELS, SAMPLE_WIDTH, FRAME_RATE):
        channels, width, rate = fmt
        raise ClipError(
            "error.clip_format", path=str(path), channels=channels, bits=width * 8, rate=rate,
            expected=FRAME_RATE,
        )
    if len(frames) % SAMPLE_WIDTH:
        frames = frames[: len(frames) - len(frames) % SAMPLE_WIDTH]
    return frames


def silence(ms: int) -> bytes:
    """`ms` milliseconds of silent frames."""
    return b"\x00\x00" * (FRAME_RATE * ms // 1000)


def frames_to_wav(frames: bytes) -> bytes:
    """Wraps PCM frames in a WAV header (mono 16-bit 22050 Hz)."""
    buffer = io.BytesIO()
    with wave.open(buffer, "wb") as wav:
        wav.setnchannels(CHANNELS)
        wav.setsampwidth(SAMPLE_WIDTH)
        wav.setframerate(FRAME_RATE)
        wav.writeframes(frames)
    return buffer.getvalue()


def join_frames(parts: Sequence[bytes], gaps_ms: Sequence[int]) -> bytes:
    """Joins PCM parts; gaps_ms[i] is the silence before parts[i] (gaps_ms[0] is ignored)."""
    if len(parts) != len(gaps_ms):
        raise ValueError("one gap per part is needed")
    out = bytearray()
    for index, part in enumerate(parts):
        if index:
            out += silence(gaps_ms[index])
        out += part
    return bytes(out)


def join_clips(paths: Sequence[Path], *, gap_ms: int = WORD_GAP_MS) -> bytes:
    """Joins clip files into one WAV (bytes) with `gap_ms` silence between them; ClipError."""
    parts = [read_clip(path) for path in paths]
    return frames_to_wav(join_frames(parts, [gap_ms] * len(parts)))


def gap_before(name: str) -> int:
    """The silence before a clip inside one sentence, in milliseconds."""
    return PHRASE_GAP_MS if name in PHRASE_STARTS else WORD_GAP_MS


def _spoken_part(names: Sequence[str], lang: str, clips_dir: Path) -> tuple[list[bytes], list[int]]:
    """The frames and leading gaps of one sentence (no chime); raises ClipError."""
    frames = [read_clip(clip_path(name, lang, clips_dir)) for name in names]
    return frames, [gap_before(name) for name in names]


def render_frames(
    number: str, counter: int, *, langs: Sequence[str] = ("id",), clips_dir: Path = VOICE_DIR
) -> bytes:
    """The PCM frames of a call; see the module docstring for the fallback rules."""
    call = f"{number} at loket {counter}"
    sequences = [clip_sequence(number, counter, lang=lang) for lang in langs]
    parts: list[bytes] = []
    gaps: list[int] = []
    try:
        parts.append(read_clip(clip_path(CHIME, "", clips_dir)))
        gaps.append(0)
    except ClipError as exc:
        log.error("%s; announcing %s without the chime", exc, call)
    for index, (lang, names) in enumerate(zip(langs, sequences, strict=True)):
        try:
            frames, lead = _spoken_part(names[1:], lang, clips_dir)
        except ClipError as exc:
            if index == 0:
                log.error("%s; announcing %s with the chime only", exc, call)
                break
            log.error("%s; announcing %s without the %r sentence", exc, call, lang)
            continue
        if index and parts:
            lead[0] = LANG_GAP_MS
        parts += frames
        gaps += lead
    if not parts:
        return silence(FALLBACK_SILENCE_MS)
    return join_frames(parts, gaps)


def render_announcement(
    number: str,
    counter: int,
    *,
    langs: Sequence[str] = ("id",),
    clips_dir: Path = VOICE_DIR,
    out: Path | None = None,
) -> bytes:
    """One call as WAV bytes (also written to `out` if given).

    Raises AnnouncementError for a bad number or counter; never raises for a missing clip.
    """
    data = frames_to_wav(render_frames(number, counter, langs=langs, clips_dir=clips_dir))
    if out is not None:
        out.write_bytes(data)
    return data


def wav_duration(source: bytes | Path) -> float:
    """The duration of a WAV in seconds."""
    handle = io.BytesIO(source) if isinstance(source, bytes) else str(source)
    with wave.open(handle, "rb") as wav:
        return wav.getnframes() / wav.getframerate()
