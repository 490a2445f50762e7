"""One harness for everything that drives the real app: tests, the benchmark and scripts.

Starting a ``streamlit run`` server on a free 127.0.0.1 port and waiting until it is
healthy, launching Debian's Chromium with the flags that keep it offline, and reading
a process's memory all live here, once.
"""

from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import IO, TYPE_CHECKING

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Playwright

ROOT = Path(__file__).resolve().parent.parent
PYTHON = str(ROOT / ".venv" / "bin" / "python") if (ROOT / ".venv").exists() else sys.executable
HEALTH_TIMEOUT_S = 60.0
#: Headless Chromium that makes no request of its own (no updates, sync, first-run pages)
#: and never goes through a proxy: it talks to our servers on loopback only.
CHROMIUM_ARGS: tuple[str, ...] = (
    "--headless",
    "--no-sandbox",  # running as root (CI) requires it
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-proxy-server",  # loopback only, whatever *_proxy says
)
#: On top of :data:`CHROMIUM_ARGS`: no host name resolves but our own servers', so a
#: page that asks the internet for anything fails visibly instead of waiting.
RESOLVE_LOCAL_ONLY = "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1"

# urllib honours *_proxy variables; requests to our own server must never use one.
_http = urllib.request.build_opener(urllib.request.ProxyHandler({}))


def chromium_path() -> str:
    """The Chromium binary: ``$CHROMIUM_PATH``, else Debian's ``/usr/bin/chromium``."""
    return os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")


def launch_chromium(pw: Playwright, *extra_args: str) -> Browser:
    """Debian's headless Chromium through Playwright, offline (see :data:`CHROMIUM_ARGS`)."""
    return pw.chromium.launch(executable_path=chromium_path(), args=[*CHROMIUM_ARGS, *extra_args])


def free_port() -> int:
    """A TCP port on 127.0.0.1 nobody listens on right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def proc_status(pid: int | str = "self") -> dict[str, int]:
    """The kB lines of ``/proc/<pid>/status`` in bytes: ``VmRSS`` (now), ``VmHWM`` (peak)..."""
    out: dict[str, int] = {}
    for line in Path(f"/proc/{pid}/status").read_text(encoding="ascii").splitlines():
        key, _, value = line.partition(":")
        parts = value.split()
        if len(parts) == 2 and parts[1] == "kB":
            out[key] = int(parts[0]) * 1024
    return out


def reset_peak_rss() -> None:
    """Reset this process's ``VmHWM`` so the next peak is the next operation's own."""
    # On an older kernel or a locked-down container the peak then includes setup.
    with contextlib.suppress(OSError):
        Path("/proc/self/clear_refs").write_text("5")


class ServerError(RuntimeError):
    """A server that exited or never answered its health check; the message has its log."""


@dataclass
class Server:
    """A ``streamlit run`` process of ours, its address and its log."""

    proc: subprocess.Popen[bytes]
    url: str
    log_path: Path
    _log: IO[bytes]
    name: str = "app"

    def rss(self) -> int:
        """The server's resident memory now, in bytes."""
        return proc_status(self.proc.pid)["VmRSS"]

    def stop(self) -> None:
        """Terminate the server (kill it if it does not stop) and close its log."""
        self.proc.terminate()
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        self._log.close()


def start_server(
    log_path: Path,
    *,
    script: str = "app.py",
    args: Sequence[str] = (),
    env: Mapping[str, str] | None = None,
    name: str = "app",
) -> Server:
    """Start ``streamlit run script [args]`` on a free 127.0.0.1 port and wait until healthy.

    ``env`` replaces the environment when given (default: this process's). Output goes
    to ``log_path``; ``name`` tells servers apart in reports. Raises :class:`ServerError`
    (the server stopped) when it never becomes healthy.
    """
    port = free_port()
    log_path.parent.mkdir(parents=True, exist_ok=True)
    log = log_path.open("wb")
    cmd = [
        PYTHON, "-m", "streamlit", "run", script,
        "--server.address", "127.0.0.1",
        "--server.port", str(port),
        "--server.headless", "true",
        "--browser.gatherUsageStats", "false",
        "--server.fileWatcherType", "none",  # no reloads needed; saves CPU
        *args,
    ]  # fmt: skip
    proc = subprocess.Popen(
        cmd, cwd=ROOT, stdout=log, stderr=subprocess.STDOUT, env=dict(env or os.environ)
    )
    server = Server(proc, f"http://127.0.0.1:{port}", log_path, log, name)
    try:
        _wait_healthy(server)
    except ServerError:
        server.stop()
        raise
    return server


@contextlib.contextmanager
def serve(
    log_path: Path,
    *,
    script: str = "app.py",
    args: Sequence[str] = (),
    env: Mapping[str, str] | None = None,
    name: str = "app",
) -> Iterator[Server]:
    """:func:`start_server`, stopped (and only it) when the block ends."""
    server = start_server(log_path, script=script, args=args, env=env, name=name)
    try:
        yield server
    finally:
        server.stop()


def _wait_healthy(server: Server) -> None:
    deadline = time.monotonic() + HEALTH_TIMEOUT_S
    while time.monotonic() < deadline and server.proc.poll() is None:
        try:
            with _http.open(f"{server.url}/_stcore/health", timeout=2) as resp:
                if resp.read().strip() == b"ok":
                    return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            pass
        time.sleep(0.25)
    state = (
        f"exited with {server.proc.returncode}" if server.proc.poll() is not None else "timed out"
    )
    server._log.flush()
    raise ServerError(
        f"Streamlit at {server.url} never became healthy ({state}).\n"
        f"--- {server.log_path} ---\n{server.log_path.read_text(errors='replace')}"
    )
