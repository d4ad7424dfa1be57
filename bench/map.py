"""How fast the network map draws and how smoothly it moves in a browser, on a large network.

Run:  .venv/bin/python bench/map.py [--people 100000] [--db FILE] [--runs 3]

It serves the demo network (`goodword demo`, 100,000 people unless told otherwise;
`/tmp/webmap/demo100k.db` unless `--db` names another file, filled only if it is new) as
bench/web.py does, times `GET /api/v1/map` alone (its size too), then in Debian's headless
Chromium (Playwright, software WebGL: the GPU is off) for each run opens `/map` in a fresh tab
and measures:

- first draw: from the start of navigation to the first frame after the map says it has drawn
  (`data-drawn`), people and ties fetched, the graph built and sigma.js set up;
- frame times while the camera moves for 3 s, twice: pans and zooms set every frame (ties stay
  drawn, the worst case), and the same moves animated by the camera as a user's drag or wheel
  is (ties hidden while moving, `hideEdgesOnMove`). The time between animation frames gives
  the median and 95th percentile (p95) frame time and the frames per second.

Goals: first draw ≤ 2 s, p95 frame ≤ 50 ms (≥ 20 fps). Prints each figure's ratio to its goal
and writes bench/RESULTS-map.md.
"""

from __future__ import annotations

import argparse
import os
import statistics
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from playwright.sync_api import Page, sync_playwright

from web import get, percentile, serving

DRAW_GOAL_MS = 2000.0
FRAME_GOAL_MS = 50.0
MOVE_MS = 3000
CHROMIUM = "/usr/bin/chromium"
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
]
RESULTS = Path(__file__).with_name("RESULTS-map.md")

# Moves the camera along a loop while zooming in and out, for MOVE_MS, and answers the time
# between animation frames. `animated`: short camera animations one after another, as sigma
# plays a drag's inertia or a wheel zoom; otherwise the state is set on every frame.
MOVE = """([duration, animated]) => new Promise((done) => {
  const camera = document.getElementById("map").renderer.getCamera();
  const deltas = [];
  let start = null, last = null, step = 0;
  function place(p) {
    return { x: 0.5 + 0.25 * Math.sin(2 * Math.PI * p), y: 0.5 + 0.25 * Math.cos(2 * Math.PI * p),
             ratio: 1 / (1 + 3 * Math.sin(Math.PI * p)) };
  }
  function frame(now) {
    if (start === null) { start = now; last = now; }
    else { deltas.push(now - last); last = now; }
    const p = (now - start) / duration;
    if (p >= 1) { done(deltas); return; }
    if (!animated) camera.setState(place(p));
    else if (now - start >= step * 300) {
      step += 1;
      camera.animate(place(Math.min(1, step * 300 / duration)), { duration: 300 });
    }
    requestAnimationFrame(frame);
  }
  requestAnimationFrame(frame);
})"""


@dataclass(frozen=True)
class Run:
    draw_ms: float
    nodes: int
    frames: dict[str, list[float]]  # frame times by kind of move


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--people", type=int, default=100_000)
    parser.add_argument("--db", type=Path, default=Path("/tmp/webmap/demo100k.db"))
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    args.db.parent.mkdir(parents=True, exist_ok=True)
    with serving(args.db, args.people) as url:
        api = api_timings(url + "/api/v1/map")
        print(f"GET /api/v1/map: {api['bytes'] / 1e6:.2f} MB, {api['nodes']} people, "
              f"{api['edges']} ties, first {api['first']:.0f} ms, "
              f"then p50 {api['p50']:.0f} ms", flush=True)  # fmt: skip
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
            runs = []
            for n in range(args.runs):
                context = browser.new_context(viewport={"width": 1280, "height": 900})
                runs.append(one_run(context.new_page(), url))
                context.close()
                report(n + 1, runs[-1])
            browser.close()
    write(api, runs, args)


def api_timings(url: str) -> dict[str, Any]:
    import json

    started = time.perf_counter()
    body = get(url)
    first = (time.perf_counter() - started) * 1000
    again = []
    for _ in range(5):
        started = time.perf_counter()
        get(url)
        again.append((time.perf_counter() - started) * 1000)
    found = json.loads(body)
    return {
        "bytes": len(body), "nodes": len(found["nodes"]["id"]), "edges": len(found["edges"]),
        "first": first, "p50": statistics.median(again),
    }  # fmt: skip


def one_run(page: Page, url: str) -> Run:
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.goto(url + "/map", wait_until="commit")
    page.wait_for_function(
        "document.getElementById('map')?.dataset.drawn === 'true'", polling="raf", timeout=60_000
    )
    drawn = page.evaluate("new Promise((r) => requestAnimationFrame(() => r(performance.now())))")
    nodes = int(page.get_by_test_id("map").get_attribute("data-nodes") or 0)
    frames = {
        "set every frame, ties drawn": page.evaluate(MOVE, [MOVE_MS, False]),
        "animated, ties hidden while moving": page.evaluate(MOVE, [MOVE_MS, True]),
    }
    if errors:
        raise RuntimeError(f"the map page raised: {errors}")
    return Run(draw_ms=float(drawn), nodes=nodes, frames=frames)


def summary(frames: list[float]) -> tuple[float, float, float]:
    """Median and p95 frame time, frames per second."""
    return statistics.median(frames), percentile(frames, 0.95), 1000 * len(frames) / sum(frames)


def report(n: int, run: Run) -> None:
    print(f"run {n}: {run.nodes} people, first draw {run.draw_ms:.0f} ms "
          f"(÷ goal {run.draw_ms / DRAW_GOAL_MS:.2f})", flush=True)  # fmt: skip
    for kind, frames in run.frames.items():
        p50, p95, fps = summary(frames)
        print(f"  {kind:36} p50 {p50:5.1f} ms  p95 {p95:6.1f} ms (÷ goal {p95 / FRAME_GOAL_MS:.2f})"
              f"  {fps:5.1f} fps", flush=True)  # fmt: skip


def spread(values: list[float], unit: str = "ms", digits: int = 0) -> str:
    low, high = min(values), max(values)
    if round(low, digits) == round(high, digits):
        return f"{low:.{digits}f} {unit}"
    return f"{low:.{digits}f}–{high:.{digits}f} {unit}"


def verdict(met: int, runs: int) -> str:
    if met == runs:
        return "met in every run"
    return "**missed** in every run" if met == 0 else f"met in {met} of {runs} runs"


def write(api: dict[str, Any], runs: list[Run], args: argparse.Namespace) -> None:
    load = " / ".join(f"{x:.1f}" for x in os.getloadavg())
    draws = [run.draw_ms for run in runs]
    lines = [
        "# Network map in a browser (bench/map.py)",
        "",
        f"`goodword serve` over the {args.people:,}-person demo (SQLite) on 127.0.0.1, `/map` in "
        f"headless Chromium with the GPU off (software WebGL), 1280×900, {len(runs)} runs, each "
        f"in a fresh tab; {os.cpu_count()} cores, load average {load} at the end; "
        f"{datetime.now(UTC):%Y-%m-%d}. Goals: first draw ≤ {DRAW_GOAL_MS:.0f} ms, p95 frame "
        f"≤ {FRAME_GOAL_MS:.0f} ms (≥ 20 fps). Figures are the spread over the runs.",
        "",
        f"`GET /api/v1/map` alone: {api['nodes']:,} people, {api['edges']:,} ties, "
        f"{api['bytes'] / 1e6:.2f} MB; first answer {api['first']:.0f} ms, then "
        f"{api['p50']:.0f} ms (median of 5).",
        "",
        "| measure | result | ÷ goal |",
        "| --- | ---: | ---: |",
        f"| first draw ({runs[0].nodes:,} people) | {spread(draws)} | "
        f"{spread([d / DRAW_GOAL_MS for d in draws], '', 2).strip()} |",
    ]
    for kind in runs[0].frames:
        found = [summary(run.frames[kind]) for run in runs]
        p50s, p95s, fps = ([f[i] for f in found] for i in range(3))
        lines += [
            f"| moving, {kind}: median frame | {spread(p50s, digits=1)} | |",
            f"| moving, {kind}: p95 frame | {spread(p95s, digits=1)} | "
            f"{spread([p / FRAME_GOAL_MS for p in p95s], '', 2).strip()} |",
            f"| moving, {kind}: frames per second | {spread(fps, 'fps', 1)} | |",
        ]
    met = sum(d <= DRAW_GOAL_MS for d in draws)
    lines += ["", f"First draw: the goal is {verdict(met, len(runs))}."]
    for kind in runs[0].frames:
        met = sum(summary(run.frames[kind])[1] <= FRAME_GOAL_MS for run in runs)
        lines.append(f"Frames while moving, {kind}: the goal is {verdict(met, len(runs))}.")
    RESULTS.write_text("\n".join(lines) + "\n")
    print(f"Wrote {RESULTS}")


if __name__ == "__main__":
    main()
