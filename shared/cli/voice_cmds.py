"""Voice sub-commands: `antre announce NUMBER COUNTER [--wav PATH] [--text] [--english]`."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from shared.words import Words


def register(sub: argparse._SubParsersAction, w: Words) -> None:  # type: ignore[type-arg]
    """Adds this area's sub-commands to the `antre` parser."""
    parser = sub.add_parser("announce", help=w("help.announce"),
                            description=w("help.announce.about"))
    parser.add_argument("number", metavar=w("meta.number"), help=w("help.ticket_number"))
    parser.add_argument("counter", metavar=w("meta.counter"), type=int,
                        help=w("help.announce.counter"))
    parser.add_argument("--wav", metavar=w("meta.path"), type=Path,
                        help=w("help.announce.wav"))
    parser.add_argument("--text", action="store_true", help=w("help.announce.text"))
    parser.add_argument("--english", action="store_true", help=w("help.announce.english"))
    parser.add_argument("--clips", metavar=w("meta.folder"), type=Path,
                        help=w("help.announce.clips"))
    parser.set_defaults(func=cmd_announce)


def cmd_announce(args: argparse.Namespace) -> int:
    """Prints, writes or plays one call; a bad number or counter raises AnnouncementError."""
    from shared.voice.announcement import announcement_text, check_counter, parse_ticket_number
    from shared.voice.wavjoin import VOICE_DIR, render_announcement, wav_duration

    clips = args.clips or VOICE_DIR
    letter, value = parse_ticket_number(args.number)
    number = f"{letter}{value:03d}"
    counter = check_counter(args.counter)
    langs = ("id", "en") if args.english else ("id",)
    if args.text:
        for lang in langs:
            print(announcement_text(number, counter, lang))
    if args.wav is not None:
        data = render_announcement(number, counter, langs=langs, clips_dir=clips)
        args.wav.write_bytes(data)
        print(f"{args.wav}: {wav_duration(data):.2f} s", file=sys.stderr)
    if args.text or args.wav is not None:
        return 0
    from shared.cli.speak import text

    return play(number, counter, langs=langs, clips_dir=clips,
                no_audio=text(args, "cli.no_audio"))


def play(
    number: str, counter: int, *, langs: tuple[str, ...], clips_dir: Path, no_audio: str
) -> int:
    """Plays one call and returns when it has finished (silently if there is no sound card)."""
    from shared.qtcheck import require_qt

    require_qt("antre announce", ("QtCore",))
    from shared.qt.qtlog import route_qt_messages  # Qt only when something is played

    route_qt_messages()  # before QtMultimedia loads: its backend probes stay off the terminal
    require_qt("antre announce", ("QtMultimedia",))
    from shared.qt.announcer import play_once

    if not play_once(number, counter, langs=langs, clips_dir=clips_dir):
        print(no_audio, file=sys.stderr)
    return 0
