"""Joining clips with the wave module, and the missing-clip fallback."""

from __future__ import annotations

import io
import logging
import wave
from pathlib import Path

import pytest

from shared.voice import wavjoin
from shared.voice.announcement import AnnouncementError, clip_catalogue, clip_sequence
from shared.voice.wavjoin import (
    FRAME_RATE,
    LANG_GAP_MS,
    PHRASE_GAP_MS,
    WORD_GAP_MS,
    ClipError,
    clip_path,
    join_clips,
    read_clip,
    render_announcement,
    wav_duration,
)


def write_tone(path: Path, frames: int, *, channels: int = 1, rate: int = FRAME_RATE) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with wave.open(str(path), "wb") as wav:
        wav.setnchannels(channels)
        wav.setsampwidth(2)
        wav.setframerate(rate)
        wav.writeframes(b"\x10\x00" * frames * channels)


@pytest.fixture
def clips(tmp_path: Path) -> Path:
    """A full clip set where every clip has a distinct, known length."""
    write_tone(tmp_path / "chime.wav", 1000)
    for lang in ("id", "en"):
        for index, name in enumerate(clip_catalogue(lang)):
            write_tone(tmp_path / lang / f"{name}.wav", 100 + index)
    return tmp_path


def frames_of(path: Path) -> int:
    with wave.open(str(path), "rb") as wav:
        return wav.getnframes()


def gap_frames(ms: int) -> int:
    return FRAME_RATE * ms // 1000


def test_join_clips_duration(clips: Path) -> None:
    paths = [clips / "chime.wav", clips / "id" / "dua.wav", clips / "id" / "belas.wav"]
    data = join_clips(paths, gap_ms=100)
    with wave.open(io.BytesIO(data), "rb") as wav:
        assert (wav.getnchannels(), wav.getsampwidth(), wav.getframerate()) == (1, 2, FRAME_RATE)
        assert wav.getnframes() == sum(map(frames_of, paths)) + 2 * gap_frames(100)


def test_render_duration_is_parts_plus_gaps(clips: Path) -> None:
    names = clip_sequence("A012", 3)
    data = render_announcement("A012", 3, clips_dir=clips)
    parts = sum(frames_of(clip_path(name, "id", clips)) for name in names)
    gaps = 2 * gap_frames(PHRASE_GAP_MS) + 5 * gap_frames(WORD_GAP_MS)
    with wave.open(io.BytesIO(data), "rb") as wav:
        assert wav.getnframes() == parts + gaps
    assert wav_duration(data) == pytest.approx((parts + gaps) / FRAME_RATE)


def test_render_two_languages(clips: Path) -> None:
    one = render_announcement("A012", 3, clips_dir=clips)
    two = render_announcement("A012", 3, langs=("id", "en"), clips_dir=clips)
    english = [clip_path(n, "en", clips) for n in clip_sequence("A012", 3, lang="en")[1:]]
    extra = sum(map(frames_of, english)) + gap_frames(LANG_GAP_MS)
    extra += gap_frames(PHRASE_GAP_MS) + 4 * gap_frames(WORD_GAP_MS)
    assert wav_duration(two) == pytest.approx(wav_duration(one) + extra / FRAME_RATE)


def test_render_writes_file(clips: Path, tmp_path: Path) -> None:
    out = tmp_path / "call.wav"
    data = render_announcement("B007", 2, clips_dir=clips, out=out)
    assert out.read_bytes() == data


def test_missing_clip_falls_back_to_chime(clips: Path, caplog: pytest.LogCaptureFixture) -> None:
    (clips / "id" / "belas.wav").unlink()
    with caplog.at_level(logging.ERROR, logger="antre.voice"):
        data = render_announcement("A012", 3, clips_dir=clips)
    assert wav_duration(data) == pytest.approx(1000 / FRAME_RATE)
    assert len(caplog.records) == 1
    message = caplog.records[0].getMessage()
    assert "belas.wav" in message
    assert "chime only" in message
    # a number that does not need the missing clip is still spoken in full
    assert wav_duration(render_announcement("A002", 3, clips_dir=clips)) > 0.1


def test_broken_clip_falls_back_to_chime(clips: Path, caplog: pytest.LogCaptureFixture) -> None:
    (clips / "id" / "loket.wav").write_bytes(b"not a wav")
    with caplog.at_level(logging.ERROR, logger="antre.voice"):
        data = render_announcement("A012", 3, clips_dir=clips)
    assert wav_duration(data) == pytest.approx(1000 / FRAME_RATE)
    assert "unreadable" in caplog.text


def test_wrong_format_is_rejected_clearly(clips: Path, caplog: pytest.LogCaptureFixture) -> None:
    write_tone(clips / "id" / "dua.wav", 100, channels=2, rate=44100)
    with pytest.raises(ClipError, match=r"2-channel 16-bit 44100 Hz.*mono 16-bit 22050 Hz"):
        read_clip(clips / "id" / "dua.wav")
    with caplog.at_level(logging.ERROR, logger="antre.voice"):
        data = render_announcement("A012", 3, clips_dir=clips)
    assert wav_duration(data) == pytest.approx(1000 / FRAME_RATE)


def test_missing_english_clip_drops_only_english(
    clips: Path, caplog: pytest.LogCaptureFixture
) -> None:
    (clips / "en" / "twelve.wav").unlink()
    with caplog.at_level(logging.ERROR, logger="antre.voice"):
        data = render_announcement("A012", 3, langs=("id", "en"), clips_dir=clips)
    assert data == render_announcement("A012", 3, clips_dir=clips)
    assert "without the 'en' sentence" in caplog.text


def test_no_clips_at_all_gives_short_silence(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.ERROR, logger="antre.voice"):
        data = render_announcement("A012", 3, clips_dir=tmp_path)
    assert wav_duration(data) == pytest.approx(wavjoin.FALLBACK_SILENCE_MS / 1000, abs=0.001)
    assert len(caplog.records) == 2  # the chime, then the first missing word


def test_bad_number_still_raises(clips: Path) -> None:
    with pytest.raises(AnnouncementError):
        render_announcement("12A", 3, clips_dir=clips)


def test_shipped_clips_render(caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.ERROR, logger="antre.voice"):
        data = render_announcement("A012", 3, langs=("id", "en"))
    assert not caplog.records
    assert 4.0 < wav_duration(data) < 20.0
