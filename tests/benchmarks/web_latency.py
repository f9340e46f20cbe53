"""antre-web benchmarks: call committed -> status page updated, with 1 and 2,000 pages
connected (SSE clients on loopback), on SQLite and PostgreSQL; the server's memory; the
page weight.

Run:  .venv/bin/python -m tests.benchmarks.web_latency [--pages 1 2000] [--calls 30]

The server is `python -m web` in its own process (its memory is read from /proc). A caller
process commits one call a second (shared.calling.call_next, counters 1..12 in turn) and
prints time.time() right after each commit. This process holds the pages: one SSE connection
per ticket, spread over the twelve agencies, each noting time.time() when an event arrives.
A call changes the page of the called ticket ("Silakan menuju LOKET n") and of every ticket
behind it in that agency (people ahead - 1): all those arrivals count, attributed to the
latest commit before them.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import re
import socket
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

from tests.benchmarks import scratch_folder

os.environ.setdefault("ANTRE_HOME", str(scratch_folder("antre-bench-")))

from shared import lookups, weblinks
from shared.db import Database
from shared.models import Ticket
from shared.paths import ASSETS_DIR
from shared.setup import init_database
from shared.tickets import issue_ticket

AGENCIES = ("DPMPTSP", "DUKCAPIL", "BPJSKES", "BPJSTK", "ATRBPN", "KPP", "PUPR", "DINKES",
            "KEMENAG", "BAKESBANGPOL", "TASPEN")
CALLER = """
import sys, time
from shared.db import Database
from shared.calling import call_next
db = Database(sys.argv[1]); n = int(sys.argv[2])
counters = [int(c) for c in sys.argv[3].split(",")]
sys.stdin.readline()
for i in range(n):
    counter = counters[i % len(counters)]
    try:
        result = call_next(db, counter=counter)
    except Exception as error:
        print("skip", counter, error, flush=True)
        continue
    print("call", time.time(), result.ticket.number if result.ticket else "-", flush=True)
    time.sleep(1.0)
"""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def rss_kib(pid: int) -> int:
    text = Path(f"/proc/{pid}/status").read_text()
    match = re.search(r"VmRSS:\s+(\d+) kB", text)
    return int(match.group(1)) if match else 0


def prepare(url: str, pages: int, *, only: str | None = None) -> list[str]:
    db = Database(url)
    init_database(db, ASSETS_DIR / "sites" / "demo.toml")
    for i in range(pages):
        issue_ticket(db, service=only or AGENCIES[i % len(AGENCIES)])
    with db.read() as session:
        secret = lookups.site(session).link_secret
        rows = session.query(Ticket.id, Ticket.day).order_by(Ticket.id).all()
    db.dispose()
    return [weblinks.ticket_token(secret, ticket_id=i, day=d) for i, d in rows]


async def page(port: int, token: str, arrivals: list[float], opened: asyncio.Event,
               counter: list[int], total: int) -> None:
    reader, writer = await asyncio.open_connection("127.0.0.1", port, limit=1 << 20)
    writer.write(f"GET /t/{token}/events HTTP/1.1\r\nHost: bench\r\n"
                 "Accept: text/event-stream\r\n\r\n".encode())
    await writer.drain()
    first = True
    try:
        while True:
            line = await reader.readline()
            if not line:
                return
            if line.startswith(b"data:"):
                if first:
                    first = False
                    counter[0] += 1
                    if counter[0] == total:
                        opened.set()
                    continue
                arrivals.append(time.time())
    finally:
        writer.close()


async def run_pages(port: int, tokens: list[str], caller: subprocess.Popen[str],
                    server_pid: int) -> dict[str, object]:
    arrivals: list[float] = []
    opened = asyncio.Event()
    counter = [0]
    tasks = []
    for token in tokens:
        tasks.append(asyncio.create_task(page(port, token, arrivals, opened, counter,
                                              len(tokens))))
        if len(tasks) % 200 == 0:
            await asyncio.sleep(0)  # let the connections open in batches
    await asyncio.wait_for(opened.wait(), 300)
    memory = rss_kib(server_pid)
    assert caller.stdin is not None and caller.stdout is not None
    caller.stdin.write("go\n")
    caller.stdin.flush()
    commits: list[float] = []
    loop = asyncio.get_running_loop()
    while True:
        line = await loop.run_in_executor(None, caller.stdout.readline)
        if not line:
            break
        if line.startswith("call"):
            commits.append(float(line.split()[1]))
    await asyncio.sleep(2)
    for task in tasks:
        task.cancel()
    await asyncio.gather(*tasks, return_exceptions=True)
    latencies = []
    for at in arrivals:
        before = [c for c in commits if c <= at]
        if before:
            latencies.append(at - before[-1])
    latencies.sort()
    return {
        "pages": len(tokens), "calls": len(commits), "updates": len(latencies),
        "median_ms": round(statistics.median(latencies) * 1000, 1),
        "p95_ms": round(latencies[int(len(latencies) * 0.95) - 1] * 1000, 1),
        "max_ms": round(latencies[-1] * 1000, 1),
        "server_rss_mib_connected": round(memory / 1024, 1),
    }


def start_server(url: str, port: int) -> subprocess.Popen[str]:
    server = subprocess.Popen([sys.executable, "-m", "web", "--db", url, "--host", "127.0.0.1",
                               "--port", str(port)], stderr=subprocess.PIPE, text=True)
    assert server.stderr is not None
    for line in server.stderr:
        if "Uvicorn running on" in line:
            break
    # Keep reading its log so the server never blocks on a full pipe.
    threading.Thread(target=lambda: [None for _ in server.stderr or ()], daemon=True).start()
    return server


def bench(url: str, pages: int, calls: int) -> dict[str, object]:
    if pages == 1:
        # One page: the last of 40 Dukcapil tickets; counter 3 (Dukcapil) calls.
        tokens, counters = prepare(url, 40, only="DUKCAPIL")[-1:], "3"
    else:
        tokens, counters = prepare(url, pages), ",".join(str(c) for c in range(1, 13))
    port = free_port()
    server = start_server(url, port)
    try:
        idle = rss_kib(server.pid)
        caller = subprocess.Popen([sys.executable, "-c", CALLER, url, str(calls), counters],
                                  stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
        result = asyncio.run(run_pages(port, tokens, caller, server.pid))
        caller.wait(timeout=60)
        result["server_rss_mib_idle"] = round(idle / 1024, 1)
        return result
    finally:
        server.terminate()
        server.wait(timeout=30)


def page_weight(url: str) -> dict[str, int]:
    import httpx

    tokens = prepare(url, 1)
    port = free_port()
    server = start_server(url, port)
    try:
        base = f"http://127.0.0.1:{port}"
        sizes = {p: len(httpx.get(base + p).content) for p in
                 (f"/t/{tokens[0]}", "/", "/static/style.css", "/static/app.js")}
        return {"ticket_page": sizes[f"/t/{tokens[0]}"], "board_page": sizes["/"],
                "css": sizes["/static/style.css"], "js": sizes["/static/app.js"]}
    finally:
        server.terminate()
        server.wait(timeout=30)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--pages", type=int, nargs="+", default=[1, 2000])
    parser.add_argument("--calls", type=int, default=30)
    parser.add_argument("--backends", nargs="+", default=["sqlite", "postgres"])
    args = parser.parse_args()
    folder = scratch_folder("antre-web-bench-")
    print(json.dumps({"page_weight_bytes": page_weight(f"sqlite:///{folder / 'w.db'}")}))
    pg = None
    try:
        for backend in args.backends:
            for n in args.pages:
                if backend == "sqlite":
                    url = f"sqlite:///{folder / f'b{n}.db'}"
                else:
                    if pg is None:
                        from tests.pgserver import PostgresServer

                        pg = PostgresServer().start()
                    url = pg.create_database()
                result = bench(url, n, args.calls)
                print(json.dumps({"backend": backend, **result}), flush=True)
    finally:
        if pg is not None:
            pg.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
