#!/usr/bin/env python3
"""Turns `spot eval --json` output plus the `run.json` of each `spot run` into a Markdown report."""
import argparse
import json
import os


def fmt(v, digits=3):
    return "–" if v is None else f"{v:.{digits}f}"


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--eval", required=True)
    ap.add_argument("--runs", required=True)
    ap.add_argument("--dataset", required=True)
    ap.add_argument("--plots", required=True)
    ap.add_argument("--command", required=True)
    ap.add_argument("--table", required=True)
    a = ap.parse_args()
    report = json.load(open(a.eval))
    names = list(report["point"].keys())
    fps = {}
    for n in names:
        p = os.path.join(a.runs, n, "run.json")
        fps[n] = json.load(open(p)).get("fps") if os.path.exists(p) else None

    def overall(proto, n, key):
        return report.get(proto, {}).get(n, {}).get("overall", {}).get(key)

    print(f"Dataset `{a.dataset}`. Produced by:\n\n```sh\n{a.command}\n```\n")
    print("| tracker | point-hit (frames) | point-hit (seq. mean) | absent acc. | OTB AUC | LaSOT AUC | "
          "prec@20px | norm. prec. | GOT AO | VOT-LT F | OxUvA MaxGM | fps (update) |")
    print("|---|---|---|---|---|---|---|---|---|---|---|---|")
    for n in sorted(names, key=lambda n: -(overall("point", n, "point_hit_rate") or 0)):
        print(f"| {n} | {fmt(overall('point', n, 'point_hit_rate'))} | {fmt(overall('point', n, 'point_hit_rate_seq_mean'))} | "
              f"{fmt(overall('point', n, 'absent_accuracy'))} | {fmt(overall('otb', n, 'success_auc'))} | "
              f"{fmt(overall('lasot', n, 'success_auc'))} | {fmt(overall('lasot', n, 'precision_at_20px'))} | "
              f"{fmt(overall('lasot', n, 'normalized_precision_score'))} | {fmt(overall('got10k', n, 'ao'))} | "
              f"{fmt(overall('vot-lt', n, 'f_score'))} | {fmt(overall('oxuva', n, 'MaxGM'))} | {fmt(fps[n], 1)} |")
    def lower(label):
        return float(label.rstrip("+").split("-")[0])
    bins = sorted(overall("point", names[0], "by_size").keys(), key=lower)
    print("\nPoint-hit rate by ground-truth size sqrt(w·h) (frames pooled; frame counts in the header):\n")
    counts = {b: overall("point", names[0], "by_size")[b]["frames"] for b in bins}
    print("| tracker | " + " | ".join(f"{b} px ({counts[b]})" for b in bins) + " |")
    print("|---|" + "---|" * len(bins))
    for n in names:
        by = overall("point", n, "by_size")
        print(f"| {n} | " + " | ".join(fmt(by[b]["point_hit_rate"]) for b in bins) + " |")
    reacq = {n: overall("point", n, "reacquisition") for n in names}
    if any(r and r.get("returns") for r in reacq.values()):
        print("\nRe-acquisition after the target was absent (GT `nan` runs): frames from its return to the first "
              "point hit, over the returns where it was hit before it left again; *held*: the same to the first "
              "of 3 hits in a row (a single hit may be a lucky jump onto the target):\n")
        print("| tracker | returns | re-acquired | median frames | max frames | held | held: median frames | "
              "held: max frames |")
        print("|---|---|---|---|---|---|---|---|")
        def most(r):
            return r.get('max_frames') if r.get('max_frames') is not None else '–'
        for n in names:
            r = reacq[n] or {}
            h = r.get("held") or {}
            print(f"| {n} | {r.get('returns', 0)} | {r.get('reacquired', 0)} | {fmt(r.get('median_frames'), 1)} | "
                  f"{most(r)} | {h.get('reacquired', '–')} | {fmt(h.get('median_frames'), 1)} | {most(h)} |")
    seqs = list(report["point"][names[0]]["sequences"].keys())
    print("\nPoint-hit rate per sequence:\n")
    print("| sequence | " + " | ".join(names) + " |")
    print("|---|" + "---|" * len(names))
    for s in seqs:
        print(f"| {s} | " + " | ".join(fmt(report["point"][n]["sequences"][s]["point_hit_rate"]) for n in names) + " |")
    print("\nPlots: " + ", ".join(f"![{p}]({os.path.basename(a.plots)}/{p})" for p in sorted(os.listdir(a.plots)) if p.endswith(".png")))
    print("\nFull `spot eval` table:\n\n```")
    print(open(a.table).read().rstrip())
    print("```")


if __name__ == "__main__":
    main()
