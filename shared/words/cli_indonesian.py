"""The admin command line's words in Indonesian (merged into the one catalogue): what
`antre` prints when things go right, in the station's language (shared/cli/speak.py)."""

from __future__ import annotations

WORDS: dict[str, str] = {
    "cli.init_done": (
        "Database siap di {where}; berkas situs {site}: {added} instansi ditambahkan, "
        "{updated} diperbarui, {retired} dipensiunkan, {counters} loket."
    ),
    "cli.issued": "{number}  {agency}  di depan: {ahead}  perkiraan tunggu: {minutes} mnt",
    "cli.finished": "Loket {counter}: {number} selesai",
    "cli.no_show": "Loket {counter}: {number} dicatat tidak hadir",
    "cli.transferred": "Loket {counter}: {number} dialihkan ke {agency}",
    "cli.now_serving": "Loket {counter}: sekarang melayani {number} ({agency})",
    "cli.nobody_else": "Loket {counter}: tidak ada lagi yang menunggu",
    "cli.paused": "Loket {counter} istirahat",
    "cli.resumed": "Loket {counter} melayani lagi",
    "cli.expired": "{count} tiket menunggu kedaluwarsa",
    "cli.bookings_upkeep": (
        "{no_shows} booking tidak check-in; nama dan nomor telepon {forgotten} booking "
        "dihapus (masa simpan)"
    ),
    "cli.status_title": "{site} — {day}",
    "cli.status_agency": "  {prefix} {code:14} menunggu {waiting:>3}  dilayani {served:>3}  {state}",
    "cli.status_counter": "  Loket {number:>2} {state:9} {serving:6} {who:20} {agencies}",
    "cli.open": "buka",
    "cli.state.serving": "melayani",
    "cli.state.idle": "siap",
    "cli.state.paused": "istirahat",
    "cli.state.closed": "tutup",
    "cli.report_written": "Laporan ditulis ke {path}",
    "cli.skm_written": "Laporan SKM ditulis ke {path}",
    "cli.backup_written": "Cadangan ditulis ke {path}",
    "cli.restored": (
        "{source} dipulihkan ke {target} dalam {seconds:.1f} dtk; aplikasi yang berjalan "
        "memuatnya lagi sendiri."
    ),
    "cli.staff_added": "Petugas {name} ditambahkan (#{id})",
    "cli.inactive": "(tidak aktif)",
    "cli.printer_none": "printer 'none': tidak ada yang dicetak",
    "cli.sample_sent": "contoh tiket dikirim ke {uri} ({size} bita)",
    "cli.reprinted": "tiket {number} dicetak ulang di {uri} ({size} bita)",
    "cli.no_audio": "Tidak ada perangkat audio: tidak ada yang diputar.",
    "cli.where.database": "database",
    "cli.where.station": "berkas stasiun",
    "cli.where.data": "folder data",
    "cli.where.log": "folder log",
    "cli.where.assets": "folder aset",
    "cli.where.not_created": "belum dibuat: jalankan `antre init`",
    "cli.where.no_station": "(tidak ada: pengaturan bawaan)",
    "cli.where.source.station": "berkas stasiun {path}",
    "cli.where.source.default": "bawaan",
    "report.title": "{site} — laporan {span}",
    "report.empty": "Tidak ada tiket yang terbit pada periode ini.",
    "report.per_agency": "Per instansi (alihan = dikirim ke instansi lain)",
    "report.per_counter": "Per loket (dipanggil = panggilan; tersibuk = jam dengan panggilan terbanyak)",
    "report.total": "Total",
    "report.bookings": "Booking online (untuk hari dalam periode)",
    "report.col.issued": "terbit",
    "report.col.called": "dipanggil",
    "report.col.served": "dilayani",
    "report.col.no_show": "tdk hadir",
    "report.col.expired": "hangus",
    "report.col.transferred": "alihan",
    "report.col.med_wait": "med.tunggu",
    "report.col.p90_wait": "p90 tunggu",
    "report.col.med_service": "med.layan",
    "report.col.busiest": "tersibuk",
    "report.col.booked": "dipesan",
    "report.col.checked_in": "check-in",
    "report.col.cancelled": "batal",
    "report.col.open": "terbuka",
}
