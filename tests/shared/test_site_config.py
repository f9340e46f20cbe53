"""The site file: the shipped sites load, and every mistake names the file and the key."""

from __future__ import annotations

from pathlib import Path

import pytest

from shared.errors import ConfigError
from shared.site_config import load_site
from shared.words import agency_name, words
from tests.conftest import DEMO_SITE, JOMBANG_SITE

MINIMAL = """
[site]
name = "MPP Uji"
[[agencies]]
code = "DUKCAPIL"
name = "Dukcapil"
prefix = "B"
hours = { mon = "08:00-15:00" }
[[counters]]
number = 1
agencies = ["DUKCAPIL"]
"""


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "site.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_jombang_site_has_12_counters_and_11_agencies() -> None:
    site = load_site(JOMBANG_SITE)
    assert site.name == "MPP Kabupaten Jombang"
    assert len(site.agencies) == 11
    assert [c.number for c in site.counters] == list(range(1, 13))
    dpmptsp = [c.number for c in site.counters if "DPMPTSP" in c.agencies]
    assert dpmptsp == [1, 2]
    assert len({a.prefix for a in site.agencies}) == 11
    friday = next(a for a in site.agencies if a.code == "KPP").breaks
    assert any(b.label == "Istirahat salat Jumat" and 4 in b.weekdays for b in friday)


def test_demo_site_is_open_round_the_clock() -> None:
    site = load_site(DEMO_SITE)
    assert all(a.hours[d] == (0, 1440) for a in site.agencies for d in range(7))
    assert all(a.daily_quota is None for a in site.agencies)


def test_minimal_site_uses_defaults(tmp_path: Path) -> None:
    site = load_site(write(tmp_path, MINIMAL))
    assert site.timezone == "Asia/Jakarta"
    assert site.priority_interleave == 3
    assert site.agencies[0].hours == {0: (480, 900)}


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (('prefix = "B"', 'prefix = "BB"'), "agencies[0].prefix: must be one capital letter"),
        (('hours = { mon = "08:00-15:00" }', 'hours = { mon = "15:00-08:00" }'),
         "agencies[0].hours.mon: closes (08:00) before it opens"),
        (('hours = { mon = "08:00-15:00" }', 'hours = { mon = "8-15" }'), "agencies[0].hours.mon"),
        (('hours = { mon = "08:00-15:00" }', 'hours = { funday = "08:00-15:00" }'),
         "unknown weekday"),
        (('agencies = ["DUKCAPIL"]', 'agencies = ["POLRI"]'),
         "counters[0].agencies: unknown agency 'POLRI'"),
        (('number = 1', 'number = 0'), "counters[0].number: must be between 1 and 99"),
        (('name = "MPP Uji"', 'name = 5'), "site.name: must be a str"),
        (('code = "DUKCAPIL"', 'code = "dukcapil"'), "agencies[0].code"),
    ],
)
def test_invalid_values_name_file_and_key(tmp_path: Path, change: tuple[str, str], message: str) -> None:
    path = write(tmp_path, MINIMAL.replace(*change))
    with pytest.raises(ConfigError) as caught:
        load_site(path)
    assert str(path) in str(caught.value)
    assert message in str(caught.value)


def test_malformed_toml_and_missing_file(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="not valid TOML"):
        load_site(write(tmp_path, "[site\nname="))
    with pytest.raises(ConfigError, match="not found"):
        load_site(tmp_path / "missing.toml")


def test_site_without_agencies_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="the site has no agencies"):
        load_site(write(tmp_path, 'agencies = []\n[site]\nname = "Kosong"\n'))


def test_duplicate_prefix_and_timezone(tmp_path: Path) -> None:
    twice = MINIMAL + '[[agencies]]\ncode = "KEMENAG"\nname = "Kemenag"\nprefix = "B"\n'
    with pytest.raises(ConfigError, match=r"prefix.*'B' appears twice"):
        load_site(write(tmp_path, twice))
    with pytest.raises(ConfigError, match="unknown time zone"):
        load_site(write(tmp_path, MINIMAL.replace('name = "MPP Uji"', 'name = "X"\ntimezone = "Mars/Olympus"')))


@pytest.mark.parametrize("site", [JOMBANG_SITE, DEMO_SITE])
def test_shipped_sites_use_unique_prefixes_that_do_not_read_as_digits(site: Path) -> None:
    config = load_site(site)
    prefixes = [a.prefix for a in config.agencies]
    assert len(set(prefixes)) == len(prefixes)
    assert not {"I", "O"} & set(prefixes)
    assert config.warnings == ()
    kemenag = next(a for a in config.agencies if a.code == "KEMENAG")
    assert kemenag.prefix == "M"


@pytest.mark.parametrize(("prefix", "digit"), [("I", "1"), ("O", "0")])
def test_a_prefix_that_reads_as_a_digit_is_loaded_with_a_warning(
    tmp_path: Path, prefix: str, digit: str
) -> None:
    config = load_site(write(tmp_path, MINIMAL.replace('prefix = "B"', f'prefix = "{prefix}"')))
    assert [a.prefix for a in config.agencies] == [prefix]
    (warning,) = config.warnings
    assert words("en", warning) == (
        f"warning: agency DUKCAPIL's prefix {prefix} reads like the digit {digit} from afar; "
        "choose another letter"
    )
    assert words("id", warning).startswith(f"peringatan: awalan {prefix} instansi DUKCAPIL")


def test_agency_name_is_written_once_in_one_form() -> None:
    assert agency_name("DPMPTSP (Perizinan)", "DPMPTSP") == "DPMPTSP (Perizinan)"
    assert agency_name("  Dukcapil ", "DUKCAPIL") == "Dukcapil"
    assert agency_name("", "KEMENAG") == "KEMENAG"


def test_booking_settings_load_with_defaults_and_jombang_values(tmp_path: Path) -> None:
    minimal = load_site(write(tmp_path, MINIMAL))
    assert minimal.booking.retention_days == 30 and minimal.booking.queue_rule == "priority"
    assert minimal.agencies[0].booking.percent == 0  # no online booking unless asked
    jombang = load_site(JOMBANG_SITE)
    assert jombang.booking.days_ahead == 7 and "2026-12-25" in jombang.booking.closed_dates
    assert {(a.booking.percent, a.booking.slot_minutes) for a in jombang.agencies} == {(20, 30)}


@pytest.mark.parametrize(("extra", "key", "fragment"), [
    ('[booking]\nqueue_rule = "vip"', "booking.queue_rule", "vip"),
    ("[booking]\nretention_days = 0", "booking.retention_days", "1 to 3650"),
    ('[booking]\nclosed_dates = ["25-12-2026"]', "booking.closed_dates", "25-12-2026"),
    ("[booking]\ndays_ahead = -1", "booking.days_ahead", "0 to 90"),
])
def test_invalid_booking_settings_name_the_key(tmp_path: Path, extra: str, key: str,
                                               fragment: str) -> None:
    with pytest.raises(ConfigError) as caught:
        load_site(write(tmp_path, extra + "\n" + MINIMAL))
    assert key in str(caught.value) and fragment in str(caught.value)


def test_invalid_agency_booking_share_names_the_key(tmp_path: Path) -> None:
    text = MINIMAL.replace('prefix = "B"', 'prefix = "B"\nbooking_percent = 150')
    with pytest.raises(ConfigError) as caught:
        load_site(write(tmp_path, text))
    assert "agencies[0].booking_percent" in str(caught.value)
