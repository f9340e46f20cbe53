"""Online booking's words in Bahasa Indonesia (merged into the one catalogue)."""

from __future__ import annotations

WORDS: dict[str, str] = {
    "priority.online": "Online",
    "config.range": "harus {low} sampai {high}, bukan {value}",
    "config.queue_rule": "aturan antrean {value!r} tidak dikenal (pilihan: {allowed})",
    "config.date": "harus tanggal seperti \"2026-12-25\", bukan {value!r}",
    # --- why a booking or a check-in is refused (shared.bookings) --------------------------
    "booking.phone": "Nomor HP harus nomor Indonesia, misalnya 0812 3456 7890 atau +62 812 3456 7890.",
    "booking.name_empty": "Silakan isi nama Anda.",
    "booking.name_long": "Nama terlalu panjang (paling banyak {limit} huruf).",
    "booking.name_chars": "Nama hanya boleh berisi huruf, spasi dan tanda . , ' -",
    "booking.not_bookable": "{agency} tidak melayani antrean online.",
    "booking.past_day": "Tanggal itu sudah lewat.",
    "booking.too_far": "Pemesanan hanya bisa sampai {days} hari ke depan.",
    "booking.closed_date": "MPP tutup pada tanggal {day}.",
    "booking.closed_day": "Layanan tutup pada hari {day:@weekday}.",
    "booking.no_slot": "Jam itu tidak tersedia. Silakan pilih jam lain.",
    "booking.full": "Jam {slot} sudah penuh. Silakan pilih jam lain.",
    "booking.duplicate": "Nomor HP ini sudah punya pesanan aktif di {agency} pada hari itu.",
    "booking.unknown": "Kode pemesanan tidak dikenal. Periksa kembali kode Anda.",
    "booking.cancelled": "Pemesanan ini sudah dibatalkan.",
    "booking.used": "Kode ini sudah dipakai untuk mengambil tiket.",
    "booking.over": "Waktu pemesanan ini sudah lewat.",
    "booking.wrong_day": "Pemesanan ini untuk tanggal {day} pukul {slot}, bukan hari ini.",
    "booking.early": "Terlalu awal. Jadwal Anda pukul {slot}; lapor diri mulai pukul {opens}.",
    "booking.late": "Terlambat. Jadwal Anda pukul {slot}; lapor diri paling lambat pukul {closes}. Silakan ambil tiket biasa.",
    "booking_status.booked": "Terdaftar",
    "booking_status.checked_in": "Sudah lapor diri",
    "booking_status.cancelled": "Dibatalkan",
    "booking_status.no_show": "Tidak datang",
}
