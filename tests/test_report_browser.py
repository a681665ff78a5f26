# ruff: noqa: F811  (pytest fixtures imported from test_compare_cli)
"""The HTML report in a real browser: Debian's chromium, headless, offline.

Loads the report, dumps the DOM after scripts ran, and takes a screenshot (kept in the test's
tmp dir, so a layout regression can be looked at). Checks: the plots are in the rendered DOM,
the page's error recorder saw no JavaScript error, and chromium's console log has no error
from the page. Skips with a reason when chromium is not installed (``.ci/run`` installs it).
"""

from __future__ import annotations

import html
import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner
from test_compare_cli import corpus_file, toy_scorer  # noqa: F401  (fixtures)

from framing.cli import main

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")

pytestmark = pytest.mark.skipif(
    CHROMIUM is None, reason="chromium not installed (apt-get install chromium; .ci/run does)"
)


def chromium(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    profile = tmp_path / f"profile-{len(list(tmp_path.glob('profile-*')))}"
    command = [
        str(CHROMIUM), "--headless", "--no-sandbox", "--disable-gpu",
        "--disable-background-networking", "--no-first-run", "--disable-component-update",
        "--disable-sync", "--disable-extensions", f"--user-data-dir={profile}",
        "--enable-logging=stderr", "--v=0", *args,
    ]  # fmt: skip
    return subprocess.run(command, capture_output=True, text=True, timeout=120)


def test_report_renders_in_chromium_without_errors(toy_scorer, corpus_file, tmp_path) -> None:
    report = tmp_path / "report.html"
    result = CliRunner().invoke(
        main, ["compare", str(corpus_file), "--report", str(report), "--quiet", "--n-boot", "200"]
    )
    assert result.exit_code == 0, result.output
    url = report.resolve().as_uri()

    dom = chromium(tmp_path, "--virtual-time-budget=3000", "--dump-dom", url)
    assert dom.returncode == 0, dom.stderr[-2000:]
    page = dom.stdout
    # 3 dot plots, 3 forest plots, the 2-D map, the frame profile
    assert page.count("<svg") == 8
    assert _recorded_errors(page) == "", "the page's error recorder caught a JavaScript error"
    assert _console_errors(dom.stderr) == []

    shot = tmp_path / "report.png"
    run = chromium(tmp_path, "--window-size=1280,2000", "--hide-scrollbars",
                   f"--screenshot={shot}", url)  # fmt: skip
    assert run.returncode == 0, run.stderr[-2000:]
    data = shot.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) > 20_000  # not a blank page
    print(f"screenshot: {shot}")

    # The checks can fail: the same page with a broken script is caught by both.
    broken = tmp_path / "broken.html"
    broken.write_text(report.read_text().replace("</main>", "<script>nope();</script></main>"))
    bad = chromium(tmp_path, "--virtual-time-budget=3000", "--dump-dom", broken.resolve().as_uri())
    assert "nope is not defined" in _recorded_errors(bad.stdout)
    assert _console_errors(bad.stderr)


#: Appended to a copy of the report: where the summary and the first plot are, and whether
#: the page is wider than the window (horizontal clipping), written on <html> for --dump-dom.
PROBE = (
    "<script>window.addEventListener('load',function(){var r=function(s){var b="
    "document.querySelector(s).getBoundingClientRect();return [b.top,b.bottom,b.left,b.right];};"
    "var d=document.documentElement;d.setAttribute('data-layout',JSON.stringify({w:innerWidth,"
    "h:innerHeight,scroll:d.scrollWidth,summary:r('#summary'),plot:r('#plots figure svg')}));"
    "});</script>"
)


@pytest.mark.parametrize("size", [(1366, 768), (1920, 1080)])
@pytest.mark.parametrize("extra", [[], ["--every", "month", "--reference", "B"]])
def test_summary_and_first_plot_are_on_the_first_screen(
    toy_scorer, corpus_file, tmp_path, size, extra
) -> None:
    report = tmp_path / "report.html"
    args = ["compare", str(corpus_file), "--report", str(report), "--quiet", "--n-boot", "200",
            "--n-perm", "200", *extra]  # fmt: skip
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    probe = tmp_path / "probe.html"
    probe.write_text(report.read_text().replace("</body>", PROBE + "</body>"))
    width, height = size
    dom = chromium(tmp_path, f"--window-size={width},{height}", "--virtual-time-budget=3000",
                   "--dump-dom", probe.resolve().as_uri())  # fmt: skip
    assert dom.returncode == 0, dom.stderr[-2000:]
    match = re.search(r'data-layout="([^"]*)"', dom.stdout)
    assert match, "the probe did not run"
    layout = json.loads(html.unescape(match.group(1)))
    view_h, view_w = layout["h"], layout["w"]
    assert view_w >= width - 20  # the window really is that wide
    assert layout["summary"][0] >= 0 and layout["summary"][1] <= view_h, layout
    top, bottom, left, right = layout["plot"]
    assert top < bottom <= view_h and left >= 0 and right <= view_w, layout
    assert layout["scroll"] <= view_w, "the page is wider than the window: clipped"
    assert _recorded_errors(dom.stdout) == ""
    if extra:
        assert "id='timeseries'" in report.read_text()


def _console_errors(log: str) -> list[str]:
    return [
        line for line in log.splitlines()
        if "CONSOLE" in line and re.search(r"error|Uncaught", line, re.I)
    ]  # fmt: skip


def _recorded_errors(dom: str) -> str:
    match = re.search(r"<html[^>]*\bdata-js-errors=\"([^\"]*)\"", dom)
    return match.group(1) if match else ""
