"""Screenshot the app at desktop and phone widths (for the README and manual review).

    .venv/bin/python scripts/screenshot.py [--query "view=Story&who=Grace"]
        [--out screenshot.png] [--dir docs] [--fold] [-- app args, e.g. --data PATH]

Starts its own server on a free 127.0.0.1 port, writes <dir>/<stem>-1400.png and
<dir>/<stem>-390.png (full page unless --fold), then stops the server.
Chromium comes from $CHROMIUM_PATH (default /usr/bin/chromium).
"""

from __future__ import annotations

import argparse
import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path
from typing import IO

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parent.parent
WIDTHS = {1400: 900, 390: 844}  # viewport width -> height
# Streamlit scrolls inside stMain, not the document, so Playwright's full_page sees
# only the viewport: grow the viewport to the content height instead.
CONTENT_HEIGHT_JS = "document.querySelector('[data-testid=stMain]')?.scrollHeight ?? 0"
# No element is still loading its code (a skeleton), and every chart on show has drawn:
# its SVG exists, and a map its land (fetched separately).
CHARTS_DRAWN_JS = """
() => !document.querySelector('[data-testid="stSkeleton"]')
  && [...document.querySelectorAll('.js-plotly-plot')]
  .filter((el) => el.getBoundingClientRect().width > 0)
  .every((el) => el.querySelector('.main-svg')
    && (!el._fullLayout?.geo
        || [...el.querySelectorAll('.geo path')]
             .some((p) => (p.getAttribute('d') || '').length > 200)))
"""


def start_server(app_args: list[str], log: IO[bytes]) -> tuple[subprocess.Popen[bytes], str]:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    cmd = [sys.executable, "-m", "streamlit", "run", "app.py",
           "--server.address", "127.0.0.1", "--server.port", str(port),
           "--server.headless", "true", "--browser.gatherUsageStats", "false",
           "--server.fileWatcherType", "none", *app_args]  # fmt: skip
    proc = subprocess.Popen(cmd, cwd=ROOT, stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    no_proxy = urllib.request.build_opener(urllib.request.ProxyHandler({}))
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and proc.poll() is None:
        try:
            with no_proxy.open(f"{url}/_stcore/health", timeout=2) as resp:
                if resp.read().strip() == b"ok":
                    return proc, url
        except OSError:
            time.sleep(0.25)
    proc.kill()
    log.seek(0)
    sys.exit(f"streamlit did not come up:\n{log.read().decode(errors='replace')}")


def shoot(url: str, out_dir: Path, stem: str, fold: bool) -> None:
    with sync_playwright() as pw:
        browser = pw.chromium.launch(
            executable_path=os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium"),
            args=["--headless", "--no-sandbox", "--disable-gpu", "--no-proxy-server"],
        )
        for width, height in WIDTHS.items():
            page = browser.new_page(viewport={"width": width, "height": height})
            page.goto(url)
            # stApp exposes the script-run state: wait for a finished run, then for
            # charts to fetch their assets and draw.
            page.wait_for_selector(
                '[data-testid="stApp"][data-test-script-state="notRunning"]', timeout=60_000
            )
            page.wait_for_load_state("networkidle")
            page.wait_for_function(CHARTS_DRAWN_JS, timeout=30_000)
            page.wait_for_timeout(500)
            content_height = page.evaluate(CONTENT_HEIGHT_JS)
            if not fold and content_height > height:
                page.set_viewport_size({"width": width, "height": min(content_height, 10_000)})
                page.wait_for_timeout(1000)  # let charts re-layout
            path = out_dir / f"{stem}-{width}.png"
            page.screenshot(path=path)
            print(path)
            page.close()
        browser.close()


def main() -> None:
    argv = sys.argv[1:]
    # Everything from "--" on goes to `streamlit run app.py` (and so to the app).
    app_args = argv[argv.index("--") :] if "--" in argv else []
    parser = argparse.ArgumentParser(description="Screenshot the app at desktop and phone widths.")
    parser.add_argument("--query", default="", help='URL query, e.g. "view=Story&who=Grace"')
    parser.add_argument("--out", default="screenshot.png", help="file name; width is appended")
    parser.add_argument("--dir", type=Path, default=ROOT / "docs", help="output folder")
    parser.add_argument("--fold", action="store_true", help="viewport only, not the full page")
    args = parser.parse_args(argv[: len(argv) - len(app_args)])

    args.dir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryFile() as log:
        proc, url = start_server(app_args, log)
        try:
            shoot(
                f"{url}/?{args.query}" if args.query else url,
                args.dir,
                Path(args.out).stem,
                args.fold,
            )
        finally:
            proc.terminate()
            proc.wait(timeout=10)


if __name__ == "__main__":
    main()
