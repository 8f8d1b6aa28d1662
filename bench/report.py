"""The table `make bench` prints: one row a page (and the floor, and the mix), then the mix's comments and the
slowdown from the smallest archive to the largest."""

import math
import statistics
from collections import defaultdict

SHOWN = 10  # failures or stale pages listed by name; the rest are counted


def table(header, rows, comments):
    """The whole report: `header` lines, the rows, what became of the mix's comments, the size comparison."""
    lines = [
        *header,
        "",
        f"{'articles':>8}  {'cache':5}  {'page':14}  {'path':34}  {'req/s':>7}  {'p50 ms':>7}  {'p99 ms':>7}  "
        f"{'errors':>6}  {'queries':>7}  {'vs floor':>8}",
    ]
    floors = defaultdict(list)
    for row in rows:
        if row["kind"] == "floor":
            floors[row["size"], row["cache"]].append(row["rps"])
    floor = {block: statistics.mean(values) for block, values in floors.items()}
    for row in rows:
        start = f"{row['size']:>8,}  {row['cache']:5}  {row['kind']:14}  {row['path'][:34]:34}"
        if row["rps"] is None:
            lines.append(f"{start}  {'n/a':>7}  {'n/a':>7}  {'n/a':>7}  {'n/a':>6}  {'n/a':>7}  {'n/a':>8}")
            continue
        base = floor.get((row["size"], row["cache"]))
        ratio = row["rps"] / base if base else math.nan
        queries = "-" if row["queries"] is None else row["queries"]
        lines.append(
            f"{start}  {row['rps']:7.1f}  {row['p50']:7.1f}  {row['p99']:7.1f}  {row['errors']:6d}  "
            f"{queries:>7}  {ratio:8.3f}"
        )
    lines += ["", *comment_notes(comments), "", *size_comparison(rows)]
    return "\n".join(lines).rstrip("\n") + "\n"


def comment_notes(comments):
    """One line per size and cache mode: the comments the mix posted, and the pages found not showing them."""
    lines = ["mix + comments: what became of the comments, and pages not showing them afterwards (anonymous reader)"]
    for (size, mode), outcome in comments.items():
        lines.append(
            f"{size:>8,}  {mode:5}  {outcome['posted']} posted, {outcome['published']} published at once, "
            f"{outcome['held']} held, {len(outcome['failed'])} failed · stale: {len(outcome['stale'])}"
            + (f" · warm-up: {len(outcome['warm-up failures'])} pages not 200" if outcome["warm-up failures"] else "")
        )
        for problem in [*outcome["warm-up failures"], *outcome["failed"], *outcome["stale"]][:SHOWN]:
            lines.append(f"{'':17}{problem}")
    return lines


def size_comparison(rows):
    """How much slower each page is at the largest size than at the smallest, by requests/s (the 1.2x target)."""
    sizes = sorted({row["size"] for row in rows})
    if len(sizes) < 2:
        return []
    small, large = sizes[0], sizes[-1]
    rps = {(row["size"], row["cache"], row["kind"]): row["rps"] for row in rows}
    lines = [f"slowdown {large:,} vs {small:,} articles (req/s at {small:,} / req/s at {large:,}; target <= 1.20)"]
    for (size, mode, kind), value in rps.items():
        other = rps.get((large, mode, kind))
        if size == small and value and other:
            lines.append(f"  cache {mode:3}  {kind:14}  {value / other:5.2f}")
    return lines
