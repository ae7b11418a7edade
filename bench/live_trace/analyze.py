"""Per-stage medians from the stamps `bench/bench_forum_live.py --trace DIR` left.

    .venv/bin/python bench/live_trace/analyze.py DIR [--timeline N]

Forum events: from the posting process's `send_now` (right after the commit) to the
sender loop, the `group_send`, each worker's read of the message, its sockets'
dispatch, the check's hop to the live checks' thread, the check, the hop back and
the sockets' sends. Bare rounds: from the `group_send` to each worker's read and its
last `resync` sent. `--timeline N`: every stamp of the last N forum events."""

from __future__ import annotations

import argparse
import statistics
from collections import Counter, defaultdict
from pathlib import Path


def load(directory: Path) -> list[tuple[int, str, str, float]]:
    rows = []
    for path in directory.glob("*.txt"):
        for line in path.read_text().splitlines():
            pid, stage, seq, at = line.split()
            rows.append((int(pid), stage, seq, float(at)))
    return rows


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("directory", type=Path)
    parser.add_argument("--timeline", type=int, default=0)
    args = parser.parse_args()
    rows = load(args.directory)
    index: dict[tuple[int, str, str], list[float]] = defaultdict(list)
    for pid, stage, seq, at in rows:
        index[(pid, stage, seq)].append(at)

    def at(pid: int, stage: str, seq: str = "-") -> list[float]:
        return sorted(index.get((pid, stage, seq), []))

    poster = Counter(r[0] for r in rows if r[1] == "send_now_start_forum.event").most_common(1)
    if not poster:
        print("no forum event was sent")
        return 1
    poster_pid = poster[0][0]
    workers = sorted({r[0] for r in rows if r[1] == "recv_forum.event"})
    seqs = sorted({r[2] for r in rows if r[1] == "recv_forum.event"}, key=int)
    stages: dict[str, list[float]] = defaultdict(list)
    for seq in seqs:
        sent = at(poster_pid, "send_now_start_forum.event", seq)
        if not sent:
            continue
        t0 = sent[-1]
        stages["posting: commit hook to the sender loop"].append(
            at(poster_pid, "gs_start_forum.event", seq)[-1] - t0
        )
        stages["posting: group_send"].append(
            at(poster_pid, "gs_end_forum.event", seq)[-1]
            - at(poster_pid, "gs_start_forum.event", seq)[-1]
        )
        last = []
        for pid in workers:
            received = at(pid, "recv_forum.event", seq)
            ends = at(pid, "fe_end", seq)
            if not received or not ends:
                continue
            r = received[0]
            starts, batch_start = at(pid, "fe_start", seq), at(pid, "ab_start", seq)
            check_start, check_end = at(pid, "decide_start", seq), at(pid, "decide_end", seq)
            batch_end = at(pid, "ab_end", seq)
            stages["worker: commit to message read"].append(r - t0)
            stages["worker: read to first socket's dispatch"].append(starts[0] - r)
            if batch_start and check_start and check_end and batch_end:
                stages["worker: hop to the live checks' thread"].append(
                    check_start[0] - batch_start[0]
                )
                stages["worker: the check (_decide)"].append(check_end[-1] - check_start[0])
                stages["worker: hop back to the loop"].append(batch_end[-1] - check_end[-1])
                stages["worker: answer to last frame sent"].append(ends[-1] - batch_end[-1])
            stages["worker: read to last frame sent"].append(ends[-1] - r)
            last.append(ends[-1])
        if last:
            stages["forum: commit to the last frame sent"].append(max(last) - t0)
    bare_start = at(poster_pid, "gs_start_live.resync")
    for pid in workers:
        received = at(pid, "recv_live.resync")
        sent = at(pid, "resync_sent")
        for started, r in zip(bare_start, received, strict=False):
            stages["bare: group_send to message read"].append(r - started)
            mine = [s for s in sent if s >= r][: len(sent) // max(1, len(received))]
            if mine:
                stages["bare: read to last resync sent"].append(mine[-1] - r)
    print("| stage | n | p50 ms | p90 ms |")
    print("| --- | ---: | ---: | ---: |")
    for name, values in stages.items():
        ms = sorted(v * 1000 for v in values)
        p90 = ms[min(len(ms) - 1, round(0.9 * (len(ms) - 1)))]
        print(f"| {name} | {len(ms)} | {statistics.median(ms):.2f} | {p90:.2f} |")
    sizes = Counter(
        r[1] for r in rows if r[1].startswith("ser_bytes_") and r[0] == poster_pid and r[2] != "-"
    )
    print("\nforum message sizes (bytes: times serialised):", dict(sizes))
    for seq in seqs[-args.timeline :] if args.timeline else []:
        t0 = at(poster_pid, "send_now_start_forum.event", seq)[-1]
        print(f"\nevent {seq} (ms after the posting process's send_now):")
        window = sorted(
            (r for r in rows if t0 - 0.001 <= r[3] <= t0 + 0.05 and r[2] in (seq, "-")),
            key=lambda r: r[3],
        )
        for pid, stage, _seq, stamp in window:
            who = "posting" if pid == poster_pid else f"worker {workers.index(pid) + 1}"
            if pid in workers or pid == poster_pid:
                print(f"  {(stamp - t0) * 1000:7.2f}  {who:9s} {stage}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
