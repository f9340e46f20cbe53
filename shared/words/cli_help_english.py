"""The admin command line's help and argparse's own messages, in English.

The `argparse.*` texts keep argparse's %-style fields (`%(prog)s`, `%s`): argparse fills
them in itself after shared/cli/argwords.py has given it the words.
"""

from __future__ import annotations

WORDS: dict[str, str] = {
    "help.antre": "Antre queue system: administration and testing tools.",
    "help.db": (
        "database URL or SQLite file path (default: the station file's, else $ANTRE_DB, "
        "else antre.db in the data folder)"
    ),
    "help.station": "station settings file (default: station.toml in the data folder)",
    "help.json": "print the result as JSON",
    "help.csv": "CSV on standard output",
    "help.counter": "the counter (loket) number",
    "help.agency": "the agency's code, e.g. DPMPTSP",
    "help.init": "create or upgrade the database and load the site file",
    "help.init.site": "site TOML file (default: the Jombang site)",
    "help.issue": "issue a ticket for an agency",
    "help.issue.priority": "priority visitor (lansia, disabilitas, ibu_hamil, membawa_anak)",
    "help.call": "finish the current ticket and call the next",
    "help.recall": "call the current ticket again",
    "help.no_show": "mark the current ticket as not present",
    "help.done": "finish the current ticket",
    "help.transfer": "send the current ticket to another agency",
    "help.pause": "put a counter on a break",
    "help.resume": "end a counter's break",
    "help.expire": (
        "expire waiting tickets of past days; bookings: mark missed ones, remove personal "
        "data after the retention period"
    ),
    "help.expire.today": "also expire today's (at closing)",
    "help.status": "today's queues and counters",
    "help.report": "figures for a day or a range of days",
    "help.report.date": "one service day (default: today)",
    "help.report.from": "first service day of a range (with --to)",
    "help.report.to": "last service day of a range",
    "help.report.pdf": "a printable PDF with charts",
    "help.backup": "a consistent copy of the database, safe while apps run",
    "help.backup.path": "the file to write the copy to",
    "help.restore": "put a backup back into the database, safe while apps run",
    "help.restore.backup": "a file written by `antre backup`",
    "help.staff": "counter staff members",
    "help.staff.add": "add a staff member with a PIN",
    "help.staff.name": "the staff member's name",
    "help.staff.pin": "4 to 8 digits",
    "help.staff.list": "list staff members",
    "help.station_pin": "print the hash of a kiosk exit PIN for station.toml",
    "help.station_pin.pin": "the exit PIN, 4 to 8 digits",
    "help.print_test": "print a sample ticket",
    "help.print_test.about": (
        "Print a sample ticket (MPP Kabupaten Jombang, A001) with the kiosk's layout. With "
        "the preview or dummy printer the ticket is shown as text on stdout."
    ),
    "help.printer": "printer URI (default: $ANTRE_PRINTER or {default})",
    "help.printer.kinds": (
        "printer URI (default: $ANTRE_PRINTER or {default}); e.g. usb:0x04b8:0x0202, "
        "serial:/dev/ttyUSB0, tcp://HOST:9100, cups:NAME, file:PATH"
    ),
    "help.paper": "paper width in mm",
    "help.ticket_lang": "ticket language",
    "help.timeout": "how long to wait for the printer, in seconds",
    "help.reprint": "print today's ticket again",
    "help.reprint.about": (
        "Print today's ticket NUMBER again (marked CETAK ULANG), with fresh people-ahead "
        "figures. With the preview or dummy printer it is shown on stdout."
    ),
    "help.ticket_number": "ticket number, e.g. A012",
    "help.skm": "the satisfaction survey's index (IKM, Permen PANRB 14/2017) for a period",
    "help.skm.from": "first service day (default: the first of this month)",
    "help.skm.to": "last service day (default: today)",
    "help.skm.agency": "only this agency",
    "help.skm.comments": "list the suggestions with their ticket (and link) to follow them up",
    "help.skm.lang": "words of the text output (default: the station's language)",
    "help.skm.pdf": "the printable report (A4 PDF)",
    "help.announce": "say a call as the hall display would (or print it / write it to a WAV)",
    "help.announce.about": (
        "Announce a call: chime, then 'Nomor antrean A dua belas, silakan menuju loket "
        "tiga'. Without --text or --wav it plays through the sound card."
    ),
    "help.announce.counter": "counter (loket), 1..99",
    "help.announce.wav": "write the call to a WAV file",
    "help.announce.text": "print the words it would say",
    "help.announce.english": "add the English announcement",
    "help.announce.clips": "folder of voice clips (default: shipped)",
    "help.demo": "open the kiosk, hall display and two counters on a demo database",
    "help.demo.no_sound": "no voice announcements",
    "help.demo.web_port": "port of the phone pages (antre-web; another free one if taken)",
    "help.where": "which database, station file, log and asset folders are in use",
    "help.where.json": "print them as JSON",
    "help.bad_date": "not a date YYYY-MM-DD: '{text}'",
    # Placeholders in usage lines (metavars).
    "meta.command": "COMMAND",
    "meta.agency": "AGENCY",
    "meta.counter": "COUNTER",
    "meta.number": "NUMBER",
    "meta.file": "FILE",
    "meta.db": "URL|FILE",
    "meta.path": "PATH",
    "meta.backup": "BACKUP",
    "meta.name": "NAME",
    "meta.kind": "KIND",
    "meta.code": "CODE",
    "meta.seconds": "SECONDS",
    "meta.folder": "FOLDER",
    # argparse's own messages.
    "argparse.usage": "usage: ",
    "argparse.positionals": "positional arguments",
    "argparse.options": "options",
    "argparse.subcommands": "subcommands",
    "argparse.help": "show this help message and exit",
    "argparse.error": "%(prog)s: error: %(message)s\n",
    "argparse.argument": "argument %(argument_name)s: %(message)s",
    "argparse.required": "the following arguments are required: %s",
    "argparse.one_required": "one of the arguments %s is required",
    "argparse.unrecognized": "unrecognized arguments: %s",
    "argparse.invalid_choice": "invalid choice: %(value)r (choose from %(choices)s)",
    "argparse.invalid_value": "invalid %(type)s value: %(value)r",
    "argparse.expected_one": "expected one argument",
    "argparse.expected_at_most_one": "expected at most one argument",
    "argparse.expected_at_least_one": "expected at least one argument",
    "argparse.not_allowed": "not allowed with argument %s",
    "argparse.ambiguous": "ambiguous option: %(option)s could match %(matches)s",
    "argparse.ignored": "ignored explicit argument %r",
    "argparse.cant_open": "can't open '%(filename)s': %(error)s",
}
