"""Speed and memory of the privacy engine, beside deduce alone.

Run ``python bench/bench_privacy.py`` (from the repository root); it prints a Markdown
section for docs/performance.md. ``run()`` returns the same text. Measured in one run:

- throughput (words/second of CPU time, one core) of deduce alone and of the whole
  engine, and the CPU time the engine's own layer adds to deduce's, measured text by
  text side by side (``time.process_time``, so other processes on a loaded machine
  count less; medians over several rounds);
- warm latency p50/p99 of a 500-word text and a 50-word post through the service;
- time to first scan (in a fresh process, and of a freshly started service);
- peak memory (RSS) of the service and of a web worker that uses the client.

It needs the deduce cache to be built (``python -m privacy warm``).
"""

from __future__ import annotations

import json
import os
import platform
import socket
import statistics
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

POST_WORDS = 50
LONG_WORDS = 500
POST_REQUESTS = 300
LONG_REQUESTS = 100
WARMUP_REQUESTS = 20
THROUGHPUT_ROUNDS = 5
SIDE_BY_SIDE_ROUNDS = 15
#: The target: the own layer adds at most half of deduce's time.
LAYER_SHARE_TARGET = 0.5


def _texts() -> tuple[str, str, list[str]]:
    """A 50-word post, a 500-word text and every corpus text."""
    from privacy.corpus import load_corpus

    documents = [d.text for d in load_corpus()]
    words = " ".join(documents).split()
    post = " ".join(next(d for d in documents if len(d.split()) >= POST_WORDS).split()[:50])
    return post, " ".join(words[:LONG_WORDS]), documents


def _words(texts: list[str]) -> int:
    return sum(len(t.split()) for t in texts)


def _throughput(scan, texts: list[str]) -> float:
    """Words per second of CPU time of ``scan`` over ``texts`` (median of a few rounds)."""
    seconds = []
    for _ in range(THROUGHPUT_ROUNDS):
        start = time.process_time()
        for text in texts:
            scan(text)
        seconds.append(time.process_time() - start)
    return _words(texts) / statistics.median(seconds)


def _side_by_side(deduce_scan, engine_scan, texts: list[str]) -> dict[str, float]:
    """CPU time of deduce alone and of the whole engine on the same texts.

    Each text goes through deduce alone and through the engine (which runs deduce the
    same way, then the own layer), one right after the other, so a change in the
    machine's load hits both alike; which of the two goes first alternates, so neither
    profits from the other having warmed the caches. Per round: the own layer's added
    time over deduce's time. Returns medians over the rounds (and the lowest and
    highest share).
    """
    deduce_seconds, engine_seconds, shares = [], [], []
    clock = time.process_time
    for _ in range(SIDE_BY_SIDE_ROUNDS):
        deduce_total = engine_total = 0.0
        for index, text in enumerate(texts):
            if index % 2:
                start = clock()
                engine_scan(text)
                middle = clock()
                deduce_scan(text)
                engine_total += middle - start
                deduce_total += clock() - middle
            else:
                start = clock()
                deduce_scan(text)
                middle = clock()
                engine_scan(text)
                deduce_total += middle - start
                engine_total += clock() - middle
        deduce_seconds.append(deduce_total)
        engine_seconds.append(engine_total)
        shares.append((engine_total - deduce_total) / deduce_total)
    words = _words(texts)
    return {
        "deduce_wps": words / statistics.median(deduce_seconds),
        "engine_wps": words / statistics.median(engine_seconds),
        "share": statistics.median(shares),
        "share_min": min(shares),
        "share_max": max(shares),
    }


def _percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    index = min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))
    return ordered[index]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _peak_rss_mib(pid: int) -> float:
    """Peak resident memory of a running process (Linux: VmHWM)."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def _client_worker(url: str, post: str, long_text: str) -> dict[str, object]:
    """What a web worker does: import the client only, send requests, time them."""
    from privacy.client import PrivacyClient

    client = PrivacyClient(url)
    for _ in range(WARMUP_REQUESTS):
        client.scan(post)
    timings: dict[str, list[float]] = {"post": [], "long": []}
    for name, text, count in (("post", post, POST_REQUESTS), ("long", long_text, LONG_REQUESTS)):
        for _ in range(count):
            start = time.perf_counter()
            client.scan(text)
            timings[name].append((time.perf_counter() - start) * 1000)
    return {
        "timings": timings,
        # not ru_maxrss: Linux carries it over from the parent across exec
        "peak_rss_mib": _peak_rss_mib(os.getpid()),
        "deduce_loaded": "deduce" in sys.modules,
    }


def _time_to_first_scan_in_process() -> float:
    code = (
        "import time; t = time.perf_counter()\n"
        "from privacy.engine import scan\n"
        "scan('Sanne (8) woont in Berkel.')\n"
        "print(time.perf_counter() - t)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, check=True
    )
    return float(result.stdout.strip())


def _measure_service(post: str, long_text: str) -> dict[str, object]:
    port = _free_port()
    url = f"http://127.0.0.1:{port}"
    started = time.perf_counter()
    service = subprocess.Popen(
        [sys.executable, "-m", "privacy", "serve", "--port", str(port)],
        cwd=REPO,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        from privacy.client import PrivacyClient
        from privacy.errors import PrivacyServiceError

        client = PrivacyClient(url, timeout=5)
        deadline = started + 600
        while True:
            try:
                client.scan("Sanne (8) woont in Berkel.")
                break
            except PrivacyServiceError:
                if time.perf_counter() > deadline or service.poll() is not None:
                    raise
                time.sleep(0.1)
        first_scan = time.perf_counter() - started
        client.close()
        worker = subprocess.run(
            [sys.executable, __file__, "--client-worker", url],
            cwd=REPO,
            capture_output=True,
            text=True,
            check=True,
        )
        result: dict[str, object] = json.loads(worker.stdout)
        result["service_first_scan_s"] = first_scan
        result["service_peak_rss_mib"] = _peak_rss_mib(service.pid)
        return result
    finally:
        service.terminate()
        service.wait(timeout=30)


def run() -> str:
    """Measure everything and return a Markdown section."""
    from privacy.deduce_engine import deduce_findings, load_deduce
    from privacy.engine import Engine

    post, long_text, documents = _texts()
    deduce = load_deduce()
    engine = Engine()
    own_only = Engine(use_deduce=False)

    for text in documents:  # warm up: lexicons, caches, branch predictors
        engine.scan(text)
    deduce_default = _throughput(deduce.deidentify, documents)
    own_layer = _throughput(own_only.scan, documents)
    side = _side_by_side(lambda t: list(deduce_findings(t)), engine.scan, documents)
    deduce_as_used, full, layer_share = side["deduce_wps"], side["engine_wps"], side["share"]
    share_met = layer_share <= LAYER_SHARE_TARGET

    first_scan_in_process = _time_to_first_scan_in_process()
    service = _measure_service(post, long_text)
    timings = service["timings"]
    if not isinstance(timings, dict):
        raise TypeError("the client worker sent no timings")
    post_ms, long_ms = timings["post"], timings["long"]
    long_words = len(long_text.split())
    through_service = long_words / (statistics.mean(long_ms) / 1000)

    lines = [
        "## privacy engine",
        "",
        f"Measured by `python bench/bench_privacy.py` on {platform.python_implementation()} "
        f"{platform.python_version()}, {os.cpu_count()} cores (shared), "
        f"{len(documents)} corpus texts ({_words(documents)} words).",
        "",
        "| measure | value |",
        "| --- | ---: |",
        f"| deduce alone, default pipeline (words/s of CPU, 1 core) | {deduce_default:,.0f} |",
        f"| deduce as the engine runs it (words/s of CPU) | {deduce_as_used:,.0f} |",
        f"| whole engine: deduce + own layer, same texts, side by side (words/s of CPU) | "
        f"{full:,.0f} |",
        f"| whole engine / deduce alone (throughput) | {full / deduce_as_used:.2f} |",
        f"| own layer's added CPU time / deduce's CPU time, median of "
        f"{SIDE_BY_SIDE_ROUNDS} rounds (lowest-highest) | {layer_share:.0%} "
        f"({side['share_min']:.0%}-{side['share_max']:.0%}) |",
        f"| own detectors alone, without deduce (words/s of CPU) | {own_layer:,.0f} |",
        f"| 50-word post through the service, p50 / p99 (ms) | "
        f"{_percentile(post_ms, 0.5):.1f} / {_percentile(post_ms, 0.99):.1f} |",
        f"| {long_words}-word text through the service, p50 / p99 (ms) | "
        f"{_percentile(long_ms, 0.5):.1f} / {_percentile(long_ms, 0.99):.1f} |",
        f"| throughput through the service, {long_words}-word texts (words/s) | "
        f"{through_service:,.0f} |",
        f"| time to first scan, fresh process, cache built (s) | {first_scan_in_process:.1f} |",
        f"| time to first answer of a freshly started service (s) | "
        f"{service['service_first_scan_s']:.1f} |",
        f"| peak RSS of the service (MiB) | {service['service_peak_rss_mib']:,.0f} |",
        f"| peak RSS of a web worker using the client (MiB) | {service['peak_rss_mib']:,.0f} |",
        f"| deduce loaded in the web worker | {'yes' if service['deduce_loaded'] else 'no'} |",
        "",
        f"Targets: the own layer adds at most {LAYER_SHARE_TARGET:.0%} of deduce's time, i.e. "
        f"the whole engine runs at two thirds of deduce's speed or more "
        f"({'met' if share_met else 'NOT met'}: {layer_share:.0%}, "
        f"{full / deduce_as_used:.2f} of deduce's speed); 50-word post under 20 ms p99 "
        f"through the service ({'met' if _percentile(post_ms, 0.99) < 20 else 'NOT met'}).",
        "",
    ]
    return "\n".join(lines)


def main(argv: list[str]) -> int:
    """Entry point; ``--client-worker URL`` is the web-worker half, run in a subprocess."""
    if len(argv) == 2 and argv[0] == "--client-worker":
        post, long_text, _ = _texts()
        sys.stdout.write(json.dumps(_client_worker(argv[1], post, long_text)))
        return 0
    sys.stdout.write(run())
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
