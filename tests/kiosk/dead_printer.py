"""A network printer for tests on a real TCP socket: dead (accepts, never reads or answers)
or alive (answers the paper-status query and keeps what it is sent). It counts the
connections it accepted, so a test can tell a ticket that was sent from one that was not.
A slow one (`answering` cleared) takes the ticket but answers only once the test sets
`answering`: a print that is still under way for as long as the test needs."""

from __future__ import annotations

import socket
import threading

PAPER_OK = b"\x12"  # DLE EOT 4 answer: paper present, not near its end
STATUS_QUERY = b"\x10\x04\x04"


class FakeNetworkPrinter:
    def __init__(self) -> None:
        self.server = socket.socket()
        self.server.bind(("127.0.0.1", 0))
        self.server.listen(16)
        self.port = int(self.server.getsockname()[1])
        self.alive = threading.Event()
        self.answering = threading.Event()
        self.answering.set()
        self.connections = 0
        self.received = bytearray()
        self._lock = threading.Lock()
        self._held: list[socket.socket] = []
        self._thread = threading.Thread(target=self._serve, daemon=True)
        self._thread.start()

    @property
    def uri(self) -> str:
        return f"tcp://127.0.0.1:{self.port}"

    def _serve(self) -> None:
        while True:
            try:
                conn, _ = self.server.accept()
            except OSError:
                return
            with self._lock:
                self.connections += 1
                if not self.alive.is_set():
                    self._held.append(conn)  # dead: never read, never answer
                    continue
            threading.Thread(target=self._answer, args=(conn,), daemon=True).start()

    def _answer(self, conn: socket.socket) -> None:
        with conn:
            buffer = bytearray()
            while chunk := conn.recv(65536):
                buffer += chunk
                if STATUS_QUERY in buffer:
                    self.answering.wait(60)
                while STATUS_QUERY in buffer:
                    del buffer[: buffer.index(STATUS_QUERY) + len(STATUS_QUERY)]
                    conn.sendall(PAPER_OK)
            with self._lock:
                self.received += buffer

    def close(self) -> None:
        self.answering.set()
        self.server.close()
        with self._lock:
            for conn in self._held:
                conn.close()
