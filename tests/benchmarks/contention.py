"""Writers under contention: 8 issuer processes and 4 caller processes on one database.

Run:  .venv/bin/python -m tests.benchmarks.contention [--issues 150] [--calls 100] [--postgres]

Each process (tests/shared/load_worker.py) times every operation (time.perf_counter around
tickets.issue_ticket or calling.call_next, in a loop with no pause) after all of them have
connected and are told "go";
this prints the median, p95 and worst per kind and the tickets issued per second overall,
then checks the counting (unique, gap-free numbers; no ticket called twice).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from collections import Counter as Tally

from tests.benchmarks import scratch_folder

os.environ.setdefault("ANTRE_HOME", str(scratch_folder("antre-bench-")))

from sqlalchemy import select

from shared.db import Database
from shared.models import Event
from shared.paths import ASSETS_DIR
from shared.setup import init_database
from tests.shared.load_worker import last_json

ISSUE_AGENCIES = ["DPMPTSP", "DUKCAPIL", "BPJSKES", "BPJSTK", "ATRBPN", "KPP", "PUPR", "DINKES"]
CALL_COUNTERS = [1, 3, 4, 5]


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def run(url: str, issues: int, calls: int) -> dict[str, object]:
    env = {**os.environ, "ANTRE_NOW": "2026-11-23T09:00:00+07:00"}
    procs = [
        subprocess.Popen(
            [sys.executable, "-m", "tests.shared.load_worker", mode, url, str(target),
             str(count), "--go"],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, env=env,
        )
        for mode, target, count in (
            [("issue", a, issues) for a in ISSUE_AGENCIES]
            + [("call", c, calls) for c in CALL_COUNTERS]
        )
    ]
    for proc in procs:  # every worker has imported and connected
        assert proc.stdout is not None and proc.stdout.readline() == "ready\n"
    started = time.perf_counter()
    for proc in procs:
        assert proc.stdin is not None
        proc.stdin.write("go\n")
        proc.stdin.flush()
    results = [last_json(proc.communicate(timeout=600)[0]) for proc in procs]
    elapsed = time.perf_counter() - started
    figures: dict[str, object] = {"seconds": round(elapsed, 2)}
    for mode in ("issue", "call"):
        times = [t for r in results if r["mode"] == mode for t in r["times"]]
        figures[mode] = {
            "n": len(times),
            "median_ms": round(statistics.median(times) * 1000, 1),
            "p95_ms": round(percentile(times, 0.95) * 1000, 1),
            "max_ms": round(max(times) * 1000, 1),
        }
    issued = [n for r in results if r["mode"] == "issue" for n in r["numbers"]]
    figures["issued_per_s"] = round(len(issued) / elapsed, 1)
    figures["errors"] = [e for r in results for e in r["errors"]][:5]
    assert len(issued) == len(set(issued)), "duplicate numbers"
    called = [n for r in results if r["mode"] == "call" for n in r["numbers"]]
    assert len(called) == len(set(called)), "a ticket called twice"
    db = Database(url)
    with db.read() as session:
        per_ticket = Tally(session.scalars(select(Event.ticket_id).where(Event.kind == "call")))
    assert not per_ticket or max(per_ticket.values()) == 1
    db.dispose()
    return figures


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--issues", type=int, default=150)
    parser.add_argument("--calls", type=int, default=100)
    parser.add_argument("--postgres", action="store_true")
    args = parser.parse_args()
    server = None
    if args.postgres:
        from tests.pgserver import PostgresServer

        server = PostgresServer().start()
        url = server.create_database()
    else:
        url = f"sqlite:///{scratch_folder('antre-contention-') / 'antre.db'}"
    db = Database(url)
    init_database(db, ASSETS_DIR / "sites" / "demo.toml")
    db.dispose()
    try:
        print(json.dumps(run(url, args.issues, args.calls), indent=1))
    finally:
        if server is not None:
            server.stop()


if __name__ == "__main__":
    main()
