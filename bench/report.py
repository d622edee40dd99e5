#!/usr/bin/env python3
"""Medians, in-run ratios and a latency plot from a spawncheck-bench CSV.

    report.py RUN.csv --svg RUN.svg > RUN.md

Every ratio divides two medians of the same CSV, so both were measured
under the same conditions (the benchmark interleaves the variants); absolute
times on a shared machine drift, ratios much less. Standard library only.
"""

import argparse
import csv
import math
import random
import statistics
import sys
from collections import defaultdict

# (name, numerator, denominator, target): target is the largest ratio that
# meets the goal of docs/performance.md, None when it is only reported.
RATIOS = [
    ("refcore / libc", "refcore", "libc", 0.8),
    ("refcore / raw-clone", "refcore", "raw-clone", 1.10),
    ("fork-exec / refcore", "fork-exec", "refcore", None),
    ("raw-fork / raw-clone", "raw-fork", "raw-clone", None),
]
ORDER = ["raw-clone", "raw-vfork", "refcore", "vfork-exec", "libc", "fork-exec", "raw-fork"]
COLOURS = {
    "raw-clone": "#000000", "raw-vfork": "#7f7f7f", "refcore": "#d62728", "vfork-exec": "#ff7f0e",
    "libc": "#1f77b4", "fork-exec": "#2ca02c", "raw-fork": "#9467bd",
}


METRICS = {
    "latency": "spawn+wait latency seen by one spawner",
    "cpu": "CPU per spawn: the spawning thread's plus the child's",
}


def load(path):
    """{metric: {(child, parent_mib, spawners, variant): [µs per repetition]}}"""
    cells = {m: defaultdict(list) for m in METRICS}
    with open(path, newline="") as f:
        for row in csv.DictReader(f):
            key = (row["child"], int(row["parent_mib"]), int(row["spawners"]), row["variant"])
            cells["latency"][key].append(float(row["latency_us"]))
            cells["cpu"][key].append(float(row["parent_cpu_us"]) + float(row["child_cpu_us"]))
    return cells


def size_label(mib):
    return f"{mib // 1024} GiB" if mib >= 1024 and mib % 1024 == 0 else f"{mib} MiB"


def spread(xs):
    """Interquartile range over the median: how much one cell's repetitions vary."""
    q = statistics.quantiles(xs, n=4)
    return (q[2] - q[0]) / statistics.median(xs)


def ratio_interval(num, den, rounds=2000):
    """90 % bootstrap interval of median(num) / median(den), repetitions resampled."""
    rng = random.Random(0)  # the same CSV always gives the same report
    rs = sorted(statistics.median(rng.choices(num, k=len(num))) / statistics.median(rng.choices(den, k=len(den)))
                for _ in range(rounds))
    return rs[int(0.05 * rounds)], rs[int(0.95 * rounds) - 1]


def verdict(r, lo, hi, target):
    if hi <= target:
        return "met"
    if lo > target:
        return f"missed by {r / target - 1:.1%}"
    return f"{'met' if r <= target else f'missed by {r / target - 1:.1%}'} at the median, " \
           "but the interval straddles the target: not resolved on this machine"


def markdown(cells):
    out = []
    verdicts = []
    for metric, title in METRICS.items():
        data = cells[metric]
        med = {k: statistics.median(v) for k, v in data.items()}
        exit0 = sorted({(m, s) for (c, m, s, _) in med if c == "exit0"})
        variants = [v for v in ORDER if any(k[3] == v for k in med)]
        out += [f"### Medians, µs — {title} (exit0 child; IQR/median in brackets)", ""]
        out.append("| parent | spawners | " + " | ".join(variants) + " |")
        out.append("|---|---|" + "---|" * len(variants))
        for m, s in exit0:
            row = []
            for v in variants:
                k = ("exit0", m, s, v)
                if k not in med:
                    row.append("—")
                elif len(data[k]) < 4:
                    row.append(f"{med[k]:.0f}")
                else:
                    row.append(f"{med[k]:.0f} ({spread(data[k]):.0%})")
            out.append(f"| {size_label(m)} | {s} | " + " | ".join(row) + " |")
        out += ["", f"### Ratios of medians, same run — {metric} (90 % bootstrap interval)", ""]
        out.append("| parent | spawners | " + " | ".join(r[0] for r in RATIOS) + " |")
        out.append("|---|---|" + "---|" * len(RATIOS))
        for m, s in exit0:
            row = []
            for name, num, den, target in RATIOS:
                a, b = ("exit0", m, s, num), ("exit0", m, s, den)
                if a not in med or b not in med:
                    row.append("—")
                    continue
                r = med[a] / med[b]
                lo, hi = ratio_interval(data[a], data[b])
                row.append(f"{r:.3f} [{lo:.2f}, {hi:.2f}]")
                if target is not None:
                    verdicts.append((metric, name, m, s, r, lo, hi, target))
            out.append(f"| {size_label(m)} | {s} | " + " | ".join(row) + " |")
        out.append("")
    lat = {k: statistics.median(v) for k, v in cells["latency"].items()}
    probe = sorted(k for k in lat if k[0] == "probe")
    if probe:
        out += ["### The real probe (spawncheck-probe), for reference", ""]
        out.append("| parent | spawners | variant | latency µs | CPU µs |")
        out.append("|---|---|---|---|---|")
        for k in probe:
            out.append(f"| {size_label(k[1])} | {k[2]} | {k[3]} | {lat[k]:.0f} | "
                       f"{statistics.median(cells['cpu'][k]):.0f} |")
        out.append("")
    floor = sorted((m, s) for (c, m, s, v) in lat if c == "exit0" and v == "raw-clone")
    if floor:
        m, s = floor[0]
        out += [f"Raw spawn rate (raw-clone, {size_label(m)}, {s} spawner(s)): "
                f"{s * 1e6 / lat[('exit0', m, s, 'raw-clone')]:.0f} spawns/s.", ""]
    out += ["### Targets", ""]
    for metric, name, m, s, r, lo, hi, target in verdicts:
        out.append(f"- {metric}: {name} ≤ {target} at {size_label(m)}, {s} spawner(s): "
                   f"{r:.3f} [{lo:.2f}, {hi:.2f}] — {verdict(r, lo, hi, target)}")
    return "\n".join(out) + "\n"


def svg(cells):
    """Median latency against parent size, log-log; solid one spawner, dashed two."""
    med = {k: statistics.median(v) for k, v in cells["latency"].items() if k[0] == "exit0"}
    sizes = sorted({k[1] for k in med})
    lat = [v for v in med.values() if v > 0]
    W, H, L, R, T, B = 780, 480, 90, 170, 40, 50
    lo = 10 ** math.floor(math.log10(min(lat)))
    hi = 10 ** math.ceil(math.log10(max(lat)))
    xlo, xhi = math.log2(sizes[0]), math.log2(sizes[-1])

    def x(mib):
        return L + (W - L - R) * ((math.log2(mib) - xlo) / (xhi - xlo) if xhi > xlo else 0.5)

    def y(us):
        return T + (H - T - B) * (1 - (math.log10(us) - math.log10(lo)) / (math.log10(hi) - math.log10(lo)))

    e = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{W}" height="{H}" font-family="sans-serif" font-size="12">',
         f'<rect width="{W}" height="{H}" fill="white"/>',
         f'<text x="{W / 2 - R / 2}" y="22" text-anchor="middle" font-size="14">'
         'spawn+wait latency of a static exit-0 child</text>']
    decade = lo
    while decade <= hi:
        for mult in (1, 2, 5):
            v = decade * mult
            if v > hi:
                break
            yy = y(v)
            e.append(f'<line x1="{L}" y1="{yy:.1f}" x2="{W - R}" y2="{yy:.1f}" stroke="#ddd"/>')
            label = f"{v:g} µs" if v < 1000 else f"{v / 1000:g} ms"
            e.append(f'<text x="{L - 6}" y="{yy + 4:.1f}" text-anchor="end">{label}</text>')
        decade *= 10
    for mib in sizes:
        xx = x(mib)
        e.append(f'<line x1="{xx:.1f}" y1="{T}" x2="{xx:.1f}" y2="{H - B}" stroke="#ddd"/>')
        e.append(f'<text x="{xx:.1f}" y="{H - B + 18}" text-anchor="middle">{size_label(mib)}</text>')
    e.append(f'<text x="{(L + W - R) / 2}" y="{H - 10}" text-anchor="middle">parent RSS (pages touched)</text>')
    e.append(f'<text transform="translate(16 {(T + H - B) / 2}) rotate(-90)" text-anchor="middle">'
             'median latency per spawn (log scale)</text>')
    e.append(f'<rect x="{L}" y="{T}" width="{W - L - R}" height="{H - T - B}" fill="none" stroke="black"/>')
    legend_y = T + 10
    spawners = sorted({k[2] for k in med})
    for v in [v for v in ORDER if any(k[3] == v for k in med)]:
        for s in spawners:
            pts = [(x(m), y(med[("exit0", m, s, v)])) for m in sizes if ("exit0", m, s, v) in med]
            if not pts:
                continue
            dash = '' if s == spawners[0] else ' stroke-dasharray="6 4"'
            path = " ".join(f"{px:.1f},{py:.1f}" for px, py in pts)
            e.append(f'<polyline points="{path}" fill="none" stroke="{COLOURS[v]}" stroke-width="2"{dash}/>')
            for px, py in pts:
                e.append(f'<circle cx="{px:.1f}" cy="{py:.1f}" r="3" fill="{COLOURS[v]}"/>')
            lx = W - R + 12
            e.append(f'<line x1="{lx}" y1="{legend_y}" x2="{lx + 24}" y2="{legend_y}" stroke="{COLOURS[v]}" '
                     f'stroke-width="2"{dash}/>')
            e.append(f'<text x="{lx + 30}" y="{legend_y + 4}">{v}, {s} spawner{"s" if s > 1 else ""}</text>')
            legend_y += 18
    e.append("</svg>")
    return "\n".join(e) + "\n"


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("csv")
    ap.add_argument("--svg", help="write the plot here")
    args = ap.parse_args()
    cells = load(args.csv)
    if not cells["latency"]:
        sys.exit(f"{args.csv}: no rows")
    sys.stdout.write(markdown(cells))
    if args.svg:
        with open(args.svg, "w") as f:
            f.write(svg(cells))


if __name__ == "__main__":
    main()
