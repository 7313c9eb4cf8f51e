"""A real Streamlit server and a real headless Chromium (Debian's package), for the browser test,
the first-answer benchmark and the README's screenshots."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
# Without the background-networking flags Chromium keeps dialling Google on this closed network.
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def chromium_path() -> str | None:
    """Debian's Chromium (or WPB_CHROMIUM); None when it is not installed."""
    configured = os.environ.get("WPB_CHROMIUM")
    return configured or shutil.which("chromium") or shutil.which("chromium-browser")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def stop(process: subprocess.Popen) -> None:
    """Terminate a server process, and kill it if it has not ended within 10 s."""
    process.terminate()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


@contextmanager
def streamlit_server(
    env: dict[str, str], app: Path = ROOT / "app.py", log: Path | None = None
) -> Iterator[str]:
    """`streamlit run app` on 127.0.0.1 and a free port; yields its URL once /_stcore/health answers."""
    port = free_port()
    cmd = [
        sys.executable,
        "-m",
        "streamlit",
        "run",
        str(app),
        "--server.headless=true",
        "--server.address=127.0.0.1",
        f"--server.port={port}",
        "--browser.gatherUsageStats=false",
    ]
    out = open(log or os.devnull, "wb")  # noqa: SIM115 - closed in the finally below
    server = subprocess.Popen(cmd, cwd=ROOT, env={**os.environ, **env}, stdout=out, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 120
        while True:
            try:
                with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as reply:
                    if reply.read().strip() == b"ok":
                        break
            except OSError:
                pass
            if server.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"streamlit did not start (exit {server.poll()}); see {log}")
            time.sleep(0.1)
        yield url
    finally:
        stop(server)
        out.close()


@contextmanager
def chromium_page(width: int = 1400, height: int = 1000):
    """A Playwright page in headless Chromium with a fresh profile (never `playwright install`)."""
    from playwright.sync_api import sync_playwright

    executable = chromium_path()
    if executable is None:
        raise RuntimeError(
            "Chromium is not installed: apt-get install chromium (scripts/setup.sh --test does)"
        )
    with tempfile.TemporaryDirectory(prefix="wpb-chromium-") as profile, sync_playwright() as p:
        context = p.chromium.launch_persistent_context(
            profile,
            executable_path=executable,
            args=CHROMIUM_ARGS,
            headless=True,
            viewport={"width": width, "height": height},
        )
        try:
            yield context.pages[0] if context.pages else context.new_page()
        finally:
            context.close()


def ask(page, question: str, answers: int = 1, timeout_ms: int = 60_000) -> None:
    """Type a question into the chat input and wait until the `answers`-th answer is shown."""
    box = page.get_by_test_id("stChatInputTextArea")
    box.wait_for(timeout=timeout_ms)
    box.fill(question)
    box.press("Enter")
    answer = page.get_by_test_id("stChatMessage").nth(2 * answers - 1)
    answer.wait_for(timeout=timeout_ms)
    page.get_by_test_id("stSpinner").wait_for(state="detached", timeout=timeout_ms)
    # the message may be drawn (its avatar) before its text: wait for the text itself
    answer.get_by_test_id("stMarkdownContainer").first.wait_for(timeout=timeout_ms)
