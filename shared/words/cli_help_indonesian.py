"""The admin command line's help and argparse's own messages, in Bahasa Indonesia.

The `argparse.*` texts keep argparse's %-style fields (`%(prog)s`, `%s`): argparse fills
them in itself after shared/cli/argwords.py has given it the words.
"""

from __future__ import annotations

WORDS: dict[str, str] = {
    "help.antre": "Sistem antrean Antre: alat administrasi dan pengujian.",
    "help.db": (
        "URL basis data atau path berkas SQLite (bawaan: yang di berkas stasiun, lalu "
        "$ANTRE_DB, lalu antre.db di folder data)"
    ),
    "help.station": "berkas pengaturan stasiun (bawaan: station.toml di folder data)",
    "help.json": "tampilkan hasilnya sebagai JSON",
    "help.csv": "CSV ke keluaran standar",
    "help.counter": "nomor loket",
    "help.agency": "kode instansi, mis. DPMPTSP",
    "help.init": "buat atau perbarui basis data dan muat berkas situs",
    "help.init.site": "berkas TOML situs (bawaan: situs Jombang)",
    "help.issue": "terbitkan tiket untuk sebuah instansi",
    "help.issue.priority": (
        "pengunjung prioritas (lansia, disabilitas, ibu_hamil, membawa_anak)"
    ),
    "help.call": "selesaikan tiket yang sedang dilayani lalu panggil berikutnya",
    "help.recall": "panggil ulang tiket yang sedang dilayani",
    "help.no_show": "tandai tiket yang sedang dilayani sebagai tidak hadir",
    "help.done": "selesaikan tiket yang sedang dilayani",
    "help.transfer": "alihkan tiket yang sedang dilayani ke instansi lain",
    "help.pause": "istirahatkan loket",
    "help.resume": "buka kembali loket yang sedang istirahat",
    "help.expire": (
        "kedaluwarsakan tiket menunggu dari hari-hari lalu; booking: tandai yang tidak "
        "datang, hapus data pribadi setelah masa simpannya"
    ),
    "help.expire.today": "kedaluwarsakan juga tiket hari ini (saat tutup)",
    "help.status": "antrean dan loket hari ini",
    "help.report": "angka untuk satu hari atau rentang hari",
    "help.report.date": "satu hari layanan (bawaan: hari ini)",
    "help.report.from": "hari layanan pertama dari rentang (dengan --to)",
    "help.report.to": "hari layanan terakhir dari rentang",
    "help.report.pdf": "PDF siap cetak dengan grafik",
    "help.backup": "salinan basis data yang utuh, aman selagi aplikasi berjalan",
    "help.backup.path": "berkas tujuan salinan",
    "help.restore": "kembalikan cadangan ke basis data, aman selagi aplikasi berjalan",
    "help.restore.backup": "berkas hasil `antre backup`",
    "help.staff": "petugas loket",
    "help.staff.add": "tambah petugas dengan PIN",
    "help.staff.name": "nama petugas",
    "help.staff.pin": "4 sampai 8 angka",
    "help.staff.list": "daftar petugas",
    "help.station_pin": "cetak hash PIN keluar kios untuk station.toml",
    "help.station_pin.pin": "PIN keluar, 4 sampai 8 angka",
    "help.print_test": "cetak tiket contoh",
    "help.print_test.about": (
        "Cetak tiket contoh (MPP Kabupaten Jombang, A001) dengan tata letak kios. Dengan "
        "printer preview atau dummy, tiket ditampilkan sebagai teks di keluaran standar."
    ),
    "help.printer": "URI printer (bawaan: $ANTRE_PRINTER atau {default})",
    "help.printer.kinds": (
        "URI printer (bawaan: $ANTRE_PRINTER atau {default}); mis. usb:0x04b8:0x0202, "
        "serial:/dev/ttyUSB0, tcp://HOST:9100, cups:NAMA, file:PATH"
    ),
    "help.paper": "lebar kertas dalam mm",
    "help.ticket_lang": "bahasa tiket",
    "help.timeout": "berapa lama menunggu printer, dalam detik",
    "help.reprint": "cetak ulang tiket hari ini",
    "help.reprint.about": (
        "Cetak ulang tiket NOMOR hari ini (bertanda CETAK ULANG), dengan jumlah antrean di "
        "depan yang terbaru. Dengan printer preview atau dummy, tiket ditampilkan di "
        "keluaran standar."
    ),
    "help.ticket_number": "nomor tiket, mis. A012",
    "help.skm": "indeks survei kepuasan (IKM, Permen PANRB 14/2017) untuk suatu periode",
    "help.skm.from": "hari layanan pertama (bawaan: tanggal 1 bulan ini)",
    "help.skm.to": "hari layanan terakhir (bawaan: hari ini)",
    "help.skm.agency": "hanya instansi ini",
    "help.skm.comments": "daftar saran beserta tiketnya (dan tautannya) untuk ditindaklanjuti",
    "help.skm.lang": "bahasa keluaran teks (bawaan: bahasa stasiun)",
    "help.skm.pdf": "laporan siap cetak (PDF A4)",
    "help.announce": (
        "ucapkan panggilan seperti layar aula (atau tampilkan teksnya / tulis ke WAV)"
    ),
    "help.announce.about": (
        "Umumkan panggilan: bunyi bel, lalu 'Nomor antrean A dua belas, silakan menuju loket "
        "tiga'. Tanpa --text atau --wav, suara diputar lewat kartu suara."
    ),
    "help.announce.counter": "loket, 1..99",
    "help.announce.wav": "tulis panggilan ke berkas WAV",
    "help.announce.text": "tampilkan kata-kata yang akan diucapkan",
    "help.announce.english": "tambahkan pengumuman dalam bahasa Inggris",
    "help.announce.clips": "folder klip suara (bawaan: yang disertakan)",
    "help.demo": "buka kios, layar aula, dan dua loket pada basis data demo",
    "help.demo.no_sound": "tanpa pengumuman suara",
    "help.demo.web_port": "port halaman ponsel (antre-web; port lain yang bebas bila terpakai)",
    "help.where": "basis data, berkas stasiun, folder log dan aset mana yang dipakai",
    "help.where.json": "tampilkan sebagai JSON",
    "help.bad_date": "bukan tanggal berformat YYYY-MM-DD: '{text}'",
    # Placeholders in usage lines (metavars).
    "meta.command": "PERINTAH",
    "meta.agency": "INSTANSI",
    "meta.counter": "LOKET",
    "meta.number": "NOMOR",
    "meta.file": "BERKAS",
    "meta.db": "URL|BERKAS",
    "meta.path": "PATH",
    "meta.backup": "CADANGAN",
    "meta.name": "NAMA",
    "meta.kind": "JENIS",
    "meta.code": "KODE",
    "meta.seconds": "DETIK",
    "meta.folder": "FOLDER",
    # argparse's own messages.
    "argparse.usage": "penggunaan: ",
    "argparse.positionals": "argumen posisi",
    "argparse.options": "opsi",
    "argparse.subcommands": "subperintah",
    "argparse.help": "tampilkan bantuan ini lalu keluar",
    "argparse.error": "%(prog)s: galat: %(message)s\n",
    "argparse.argument": "argumen %(argument_name)s: %(message)s",
    "argparse.required": "argumen berikut wajib diisi: %s",
    "argparse.one_required": "salah satu argumen %s wajib diisi",
    "argparse.unrecognized": "argumen tidak dikenal: %s",
    "argparse.invalid_choice": "pilihan tidak sah: %(value)r (pilih dari %(choices)s)",
    "argparse.invalid_value": "nilai %(type)s tidak sah: %(value)r",
    "argparse.expected_one": "perlu satu nilai",
    "argparse.expected_at_most_one": "paling banyak satu nilai",
    "argparse.expected_at_least_one": "perlu paling sedikit satu nilai",
    "argparse.not_allowed": "tidak boleh bersama argumen %s",
    "argparse.ambiguous": "opsi ambigu: %(option)s bisa berarti %(matches)s",
    "argparse.ignored": "argumen eksplisit %r diabaikan",
    "argparse.cant_open": "tidak bisa membuka '%(filename)s': %(error)s",
}
