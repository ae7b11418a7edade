"""Load from wrk (Debian's /usr/bin/wrk) and the figures parsed from its `--latency` report."""

from __future__ import annotations

import re
import shutil
import subprocess
from collections.abc import Sequence
from dataclasses import dataclass

from bench.harness import LOOPBACK, BenchmarkError

# wrk prints times with the unit it found most readable.
_TIME_UNITS_MS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60_000.0, "h": 3_600_000.0}
_TIME = r"([\d.]+)(us|ms|s|m|h)\b"
_PERCENTILE = re.compile(rf"^\s*(50|99)(?:\.0+)?%\s+{_TIME}", re.MULTILINE)
_REQUESTS_PER_SECOND = re.compile(r"^Requests/sec:\s+([\d.]+)", re.MULTILINE)
_REQUESTS = re.compile(r"^\s*(\d+) requests in ([\d.]+)(us|ms|s|m|h)", re.MULTILINE)
_SOCKET_ERRORS = re.compile(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)")
_NON_2XX = re.compile(r"Non-2xx or 3xx responses: (\d+)")
_BYTES_READ = re.compile(r"requests in [\d.]+(?:us|ms|s|m|h), ([\d.]+)([KMGT]?B) read")
# wrk counts in powers of 1024.
_BYTE_UNITS = {"B": 1, "KB": 1024, "MB": 1024**2, "GB": 1024**3, "TB": 1024**4}

# wrk's own default is 2 s; a slow server under load should show up in p99, not
# as an error count that hides its latency.
WRK_TIMEOUT_SECONDS = 10


@dataclass(frozen=True)
class WrkResult:
    requests_per_second: float
    p50_ms: float
    p99_ms: float
    requests: int
    socket_errors: int  # connect + read + write + timeout
    timeouts: int
    non_2xx: int  # wrk counts 3xx as success: a login redirect is not in here
    bytes_read: int = 0  # headers and bodies, as wrk reports it (3 significant digits)

    @property
    def bytes_per_request(self) -> float:
        return self.bytes_read / max(self.requests, 1)


def wrk_version() -> str:
    executable = shutil.which("wrk")
    if executable is None:
        return "not installed"
    # `wrk -v` prints its version and usage, then exits non-zero.
    result = subprocess.run(
        [executable, "-v"], capture_output=True, text=True, timeout=10, check=False
    )
    first_line = (result.stdout or result.stderr).splitlines()[:1]
    match = re.search(r"wrk (\S+)", first_line[0]) if first_line else None
    return match.group(1) if match else "unknown"


def run_wrk(
    *,
    port: int,
    path: str,
    duration: int,
    connections: int,
    threads: int,
    headers: Sequence[str] = (),
) -> WrkResult:
    """`headers` are "Name: value" lines sent with every request (e.g. a session cookie)."""
    executable = shutil.which("wrk")
    if executable is None:
        raise BenchmarkError("wrk is not installed: sudo apt-get install wrk")
    url = f"http://{LOOPBACK}:{port}{path}"
    argv = [
        executable,
        "--latency",
        f"--threads={threads}",
        f"--connections={connections}",
        f"--duration={duration}s",
        f"--timeout={WRK_TIMEOUT_SECONDS}s",
        *(f"--header={header}" for header in headers),
        url,
    ]
    try:
        result = subprocess.run(
            argv, capture_output=True, text=True, timeout=duration + 60, check=False
        )
    except subprocess.TimeoutExpired as exc:
        raise BenchmarkError(f"wrk on {url} did not finish in {exc.timeout} s") from exc
    if result.returncode != 0:
        raise BenchmarkError(f"wrk on {url} failed ({result.returncode}): {result.stderr}")
    return parse_wrk(result.stdout)


def parse_wrk(output: str) -> WrkResult:
    percentiles = {
        int(match[0]): float(match[1]) * _TIME_UNITS_MS[match[2]]
        for match in _PERCENTILE.findall(output)
    }
    rps = _REQUESTS_PER_SECOND.search(output)
    requests = _REQUESTS.search(output)
    if rps is None or requests is None or set(percentiles) != {50, 99}:
        raise BenchmarkError(f"Could not read wrk's report:\n{output}")
    errors = _SOCKET_ERRORS.search(output)
    error_counts = [int(n) for n in errors.groups()] if errors else [0, 0, 0, 0]
    non_2xx = _NON_2XX.search(output)
    read = _BYTES_READ.search(output)
    return WrkResult(
        requests_per_second=float(rps.group(1)),
        p50_ms=percentiles[50],
        p99_ms=percentiles[99],
        requests=int(requests.group(1)),
        socket_errors=sum(error_counts),
        timeouts=error_counts[3],
        non_2xx=int(non_2xx.group(1)) if non_2xx else 0,
        bytes_read=round(float(read.group(1)) * _BYTE_UNITS[read.group(2)]) if read else 0,
    )
