#!/usr/bin/env python3
"""Fault tests for `spot` (issue 9): training killed at random moments, a full disk during a
checkpoint write, a truncated video. Each check runs the real `spot` binary and fails loudly.

  python3 experiments/reliability/faults.py --spot build/spot [--quick] [--report FILE.md]
      [--kills N] [--seed S] [--only kill-resume|disk-full|truncated-video]

--quick is the CI size (ctest runs it); the defaults are the size reported in docs/RELIABILITY.md.
Exit code 0 only when every check held; a check that cannot run here (no user namespaces for the
full-disk mount, no opencv-doc clip) is reported as skipped with the reason.
Standard library only, so it runs with any python3.
"""
import argparse
import json
import os
import random
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

SOURCE = Path(__file__).resolve().parents[2]
TINY_CONFIG = SOURCE / "configs" / "train-tiny.toml"
CLIP = Path("/usr/share/doc/opencv-doc/examples/data/vtest.avi")
CLIP_INIT = "498,155,34,80"


class Skip(Exception):
    """A check that cannot run on this machine (the reason says why)."""


def child_env():
    env = dict(os.environ)
    env.setdefault("OMP_WAIT_POLICY", "PASSIVE")
    env.pop("SPOT_FAULT_KILL_IN_CHECKPOINT", None)
    return env


def train_config(path, steps, every):
    """configs/train-tiny.toml with a longer run: `steps` steps, a checkpoint every `every`."""
    text = TINY_CONFIG.read_text()
    text = re.sub(r"(?m)^steps = \d+", f"steps = {steps}", text)
    text = re.sub(r"(?m)^checkpoint_every = \d+", f"checkpoint_every = {every}", text)
    path.write_text(text)
    return path


def train_cmd(spot, config, out, resume):
    cmd = [str(spot), "train", "--no-progress", "--config", str(config), "--out", str(out)]
    return cmd + (["--resume"] if resume else [])


def metrics(run):
    """The training-loss rows of metrics.jsonl by step (a half-written last line is ignored)."""
    rows = {}
    path = run / "metrics.jsonl"
    if not path.exists():
        return rows
    for line in path.read_text().splitlines():
        try:
            row = json.loads(line)
        except json.JSONDecodeError:
            continue
        if "loss" in row:
            rows[row["step"]] = row
    return rows


def compare_to_reference(run, reference, what):
    got, want = metrics(run), metrics(reference)
    if sorted(got) != sorted(want):
        raise AssertionError(f"{what}: logged steps {sorted(got)} differ from the uninterrupted run's {sorted(want)}")
    worst = max(abs(got[s]["loss"] - want[s]["loss"]) for s in want)
    if worst > 1e-5:
        raise AssertionError(f"{what}: training loss differs from the uninterrupted run by up to {worst:.3g}")
    return worst


def resumed_step(output):
    m = re.search(r"resuming \S+ at step (\d+) of", output)
    return int(m.group(1)) if m else 0


def reference_run(spot, work, steps, every):
    config = train_config(work / f"train-{steps}-{every}.toml", steps, every)
    ref = work / f"reference-{steps}-{every}"
    t0 = time.monotonic()
    p = subprocess.run(train_cmd(spot, config, ref, False), env=child_env(), capture_output=True, text=True)
    if p.returncode != 0:
        raise AssertionError(f"uninterrupted training failed (exit {p.returncode}): {p.stderr.strip()}")
    return config, ref, time.monotonic() - t0


def kill_resume(spot, work, kills, seed, steps, every, log):
    """Kills `spot train` with SIGKILL at random moments (a third of them inside a checkpoint write,
    through the SPOT_FAULT_KILL_IN_CHECKPOINT hook), resumes each time, and checks that no kill lost
    more than one checkpoint interval and that the finished run equals an uninterrupted one."""
    config, ref, ref_seconds = reference_run(spot, work, steps, every)
    log(f"kill-resume: uninterrupted run of {steps} steps took {ref_seconds:.1f} s")
    rng = random.Random(seed)
    run = work / "killed"
    rows = []  # one per kill; "next_resume" is filled by the attempt after it
    attempt = 0
    while len(rows) < kills:
        attempt += 1
        env = child_env()
        done = max(metrics(run), default=0)
        candidates = [s for s in range(every, steps + 1, every) if s > done]
        mid_checkpoint = bool(candidates) and rng.random() < 1 / 3
        if mid_checkpoint:  # the next checkpoint this attempt writes, or the one after
            env["SPOT_FAULT_KILL_IN_CHECKPOINT"] = str(rng.choice(candidates[:2]))
        # Short delays: each attempt redoes start-up (data loading, model) before training resumes.
        delay = rng.uniform(0.3, max(0.6, min(4.0, ref_seconds / 2)))
        proc = subprocess.Popen(train_cmd(spot, config, run, attempt > 1), env=env, stdout=subprocess.PIPE,
                                stderr=subprocess.STDOUT, text=True)
        try:
            output, _ = proc.communicate(timeout=None if mid_checkpoint else delay)
        except subprocess.TimeoutExpired:
            proc.send_signal(signal.SIGKILL)
            output, _ = proc.communicate()
        # A kill during start-up comes before the "resuming" line: the kills before it are then
        # answered by the next attempt that got as far as loading the checkpoint.
        if re.search(r"resuming \S+ at step", output) or proc.returncode == 0:
            for r in rows:
                r.setdefault("next_resume", resumed_step(output))
        elif max(metrics(run), default=0) > done:
            # This attempt trained without resuming: there was no checkpoint yet, so the kills before
            # it are answered by a start from step 0 (not by a later attempt's resume point).
            for r in rows:
                r.setdefault("next_resume", 0)
        if proc.returncode == 0:
            log(f"  attempt {attempt}: the run finished before the kill ({len(rows)} kills)")
            break
        if proc.returncode != -signal.SIGKILL:
            raise AssertionError(f"attempt {attempt}: exit {proc.returncode} instead of being killed: {output.strip()}")
        rows.append({"kill": len(rows) + 1, "how": "in checkpoint write" if mid_checkpoint else f"after {delay:.2f} s",
                     "steps_done": max(metrics(run), default=0), "partial_tmp": (run / "last.pt.tmp").exists()})
    if not rows:
        raise AssertionError("the run finished before the first kill; raise --steps")
    if "next_resume" not in rows[-1]:
        final = subprocess.run(train_cmd(spot, config, run, True), env=child_env(), capture_output=True, text=True)
        if final.returncode != 0:
            raise AssertionError(f"the final resume failed (exit {final.returncode}): {final.stderr.strip()}")
        for r in rows:
            r.setdefault("next_resume", resumed_step(final.stderr))
    for r in rows:
        r["lost_steps"] = r["steps_done"] - r["next_resume"]
        if r["lost_steps"] > every:
            raise AssertionError(f"kill {r['kill']}: {r['lost_steps']} steps lost (more than one checkpoint "
                                 f"interval of {every}): done {r['steps_done']}, resumed at {r['next_resume']}")
        if r["lost_steps"] < 0:
            raise AssertionError(f"kill {r['kill']}: resumed at step {r['next_resume']}, after the {r['steps_done']} done")
    worst_loss = compare_to_reference(run, ref, "kill-resume")
    mids = sum(r["how"] == "in checkpoint write" for r in rows)
    lines = [f"{len(rows)} kills ({mids} inside a checkpoint write), {steps} steps, checkpoint every {every}, "
             f"seed {seed}; the finished run's training loss equals the uninterrupted run's "
             f"(max |diff| {worst_loss:.2g}).", "",
             "| kill | when | steps done | next run resumed at | steps lost | a last.pt.tmp on disk |",
             "|---:|---|---:|---:|---:|---|"]
    lines += [f"| {r['kill']} | {r['how']} | {r['steps_done']} | {r['next_resume']} | {r['lost_steps']} | "
              f"{'yes' if r['partial_tmp'] else 'no'} |" for r in rows]
    worst = max((r["lost_steps"] for r in rows), default=0)
    lines += ["", f"Most steps lost by one kill: {worst} (limit: one checkpoint interval, {every})."]
    return lines


def dir_bytes(path, page=4096):
    """Bytes `path` takes on tmpfs: every file rounded up to whole pages."""
    return sum(-(-f.stat().st_size // page) * page for f in Path(path).rglob("*") if f.is_file())


def disk_full(spot, work, log):
    """Trains on a tmpfs that holds the data, the first checkpoint and half another one, so the second
    checkpoint write hits ENOSPC. Checks: one clear error, the previous checkpoint intact (a resume
    on a roomy disk continues from it and ends equal to the uninterrupted run), no partial file left."""
    if not shutil.which("unshare"):
        raise Skip("no `unshare` to mount a small tmpfs")
    steps, every = 6, 2
    config, ref, _ = reference_run(spot, work, steps, every)
    checkpoint = (ref / "last.pt").stat().st_size
    needed = sum(dir_bytes(ref / d) for d in ("synth-train", "synth-val")) + 3 * 4096
    size = needed + (3 * checkpoint) // 2
    mnt, kept = work / "small-disk", work / "after-disk-full"
    mnt.mkdir()
    # A user + mount namespace: no root needed, and the mount vanishes with the process.
    script = ('mount -t tmpfs -o size="$1" tmpfs "$2" || exit 99; shift 2; out="$1"; keep="$2"; shift 2; '
              '"$@"; rc=$?; cp -a "$out" "$keep"; exit $rc')
    cmd = ["unshare", "-rm", "sh", "-c", script, "sh", str(size), str(mnt), str(mnt / "run"), str(kept)]
    cmd += train_cmd(spot, config, mnt / "run", False)
    p = subprocess.run(cmd, env=child_env(), capture_output=True, text=True)
    if p.returncode == 99 or "unshare failed" in p.stderr:
        raise Skip(f"cannot mount a tmpfs in a user namespace here: {p.stderr.strip()}")
    errors = [l for l in p.stderr.splitlines() if l.startswith("spot: error")]
    if p.returncode != 1 or len(errors) != 1:
        raise AssertionError(f"expected exit 1 and one error line on a full disk, got exit {p.returncode}: {p.stderr.strip()}")
    if "No space left on device" not in errors[0] and "disk full" not in errors[0]:
        raise AssertionError(f"the error does not say the disk is full: {errors[0]}")
    if (kept / "last.pt.tmp").exists():
        raise AssertionError("a partial last.pt.tmp was left on the full disk")
    if not (kept / "last.pt").exists():
        raise AssertionError("no previous checkpoint survived the full disk")
    log(f"disk-full: {errors[0]}")
    resumed = subprocess.run(train_cmd(spot, config, kept, True), env=child_env(), capture_output=True, text=True)
    if resumed.returncode != 0:
        raise AssertionError(f"resuming after the full disk failed: {resumed.stderr.strip()}")
    start = resumed_step(resumed.stderr)
    if start < every:
        raise AssertionError(f"the resume started at step {start}: the previous checkpoint was not usable")
    worst = compare_to_reference(kept, ref, "disk-full")
    return [f"tmpfs of {size} bytes (data + 1.5 checkpoints of {checkpoint} bytes); training stopped with "
            f"exit {p.returncode} and one line:", "", "```", errors[0], "```", "",
            f"No partial `last.pt.tmp` left. Resumed on a roomy disk from step {start} (the previous checkpoint, "
            f"intact) and finished equal to the uninterrupted run (max |loss diff| {worst:.2g})."]


def truncated_video(spot, work, log):
    """`spot track` on the first half of a video file: one clear error, and the boxes of the frames
    before the damage written, with the annotated video."""
    if not CLIP.exists():
        raise Skip(f"{CLIP} is missing (Debian package opencv-doc)")
    clip = work / "truncated.avi"
    data = CLIP.read_bytes()
    clip.write_bytes(data[: len(data) // 2])
    out = work / "track-out"
    p = subprocess.run([str(spot), "track", "--input", str(clip), "--init", CLIP_INIT, "--tracker", "kcf",
                        "--out", str(out)], env=child_env(), capture_output=True, text=True)
    errors = [l for l in p.stderr.splitlines() if l.startswith("spot: error")]
    if p.returncode != 1 or len(errors) != 1 or "tracking stopped" not in errors[0]:
        raise AssertionError(f"expected exit 1 and one 'tracking stopped' line, got exit {p.returncode}: {p.stderr.strip()}")
    boxes = out / "truncated.txt"
    if not boxes.exists():
        raise AssertionError("the boxes of the frames before the damage were not written")
    kept = len(boxes.read_text().splitlines())
    m = re.search(r"the (\d+) frames before it", errors[0])
    if not m or int(m.group(1)) != kept or kept < 2:
        raise AssertionError(f"{kept} box lines written, the message says: {errors[0]}")
    video = out / "truncated_kcf.avi"
    if not video.exists() or video.stat().st_size == 0:
        raise AssertionError("the annotated video of the frames before the damage is missing")
    log(f"truncated-video: {errors[0]}")
    return [f"The first half ({len(data) // 2} of {len(data)} bytes) of OpenCV's vtest.avi (795 frames), "
            f"tracked with KCF: exit {p.returncode}, one line:", "", "```", errors[0], "```", "",
            f"{kept} box lines written and the annotated video ({video.stat().st_size} bytes) kept."]


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--spot", default=str(SOURCE / "build" / "spot"), help="the spot binary")
    ap.add_argument("--quick", action="store_true", help="CI size: 3 kills over 12 steps")
    ap.add_argument("--kills", type=int, help="kills of the training run (default 20, quick 3)")
    ap.add_argument("--steps", type=int, help="training steps of the killed run (default 120, quick 12)")
    ap.add_argument("--seed", type=int, default=9, help="seed of the kill moments")
    ap.add_argument("--only", choices=["kill-resume", "disk-full", "truncated-video"], action="append")
    ap.add_argument("--report", help="write the results as Markdown here")
    ap.add_argument("--keep", action="store_true", help="keep the work folder")
    a = ap.parse_args()
    spot = Path(a.spot).resolve()
    if not spot.is_file():
        sys.exit(f"faults.py: no spot binary at {spot} (build first: bash scripts/build.sh)")
    kills = a.kills or (3 if a.quick else 20)
    steps = a.steps or (12 if a.quick else 120)
    work = Path(tempfile.mkdtemp(prefix="spot-faults-"))
    log = lambda s: print(s, flush=True)
    checks = {
        "kill-resume": lambda w: kill_resume(spot, w, kills, a.seed, steps, 4, log),
        "disk-full": lambda w: disk_full(spot, w, log),
        "truncated-video": lambda w: truncated_video(spot, w, log),
    }
    report, failed = [], 0
    for name, check in checks.items():
        if a.only and name not in a.only:
            continue
        sub = work / name
        sub.mkdir()
        t0 = time.monotonic()
        reason = ""  # printed with a failure, so that a CI log says why
        try:
            lines, verdict = check(sub), "held"
        except Skip as e:
            lines, verdict = [f"Skipped: {e}"], "skipped"
        except AssertionError as e:
            lines, verdict, failed, reason = [f"FAILED: {e}"], "FAILED", failed + 1, f": {e}"
        seconds = time.monotonic() - t0
        log(f"{name}: {verdict} ({seconds:.0f} s){reason}")
        report += [f"### {name}: {verdict} ({seconds:.0f} s)", ""] + lines + [""]
    if a.report:
        Path(a.report).parent.mkdir(parents=True, exist_ok=True)
        Path(a.report).write_text("\n".join(report))
    if a.keep:
        log(f"work folder kept: {work}")
    else:
        shutil.rmtree(work, ignore_errors=True)
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
