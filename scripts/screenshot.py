"""Screenshot the app at desktop and phone widths (for the README and manual review).

    .venv/bin/python scripts/screenshot.py [--query "view=Story&who=Grace"]
        [--out screenshot.png] [--dir docs] [--fold] [-- app args, e.g. --data PATH]

Starts its own server on a free 127.0.0.1 port, writes <dir>/<stem>-1400.png and
<dir>/<stem>-390.png (full page unless --fold), then stops the server.
Chromium comes from $CHROMIUM_PATH (default /usr/bin/chromium).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

from playwright.sync_api import sync_playwright

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from tests.harness import ServerError, launch_chromium, start_server

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


def shoot(url: str, out_dir: Path, stem: str, fold: bool) -> None:
    with sync_playwright() as pw:
        browser = launch_chromium(pw)
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
    with tempfile.TemporaryDirectory() as tmp:
        try:
            server = start_server(Path(tmp) / "streamlit.log", args=app_args)
        except ServerError as exc:
            sys.exit(str(exc))
        try:
            url = server.url
            shoot(
                f"{url}/?{args.query}" if args.query else url,
                args.dir,
                Path(args.out).stem,
                args.fold,
            )
        finally:
            server.stop()


if __name__ == "__main__":
    main()
