#!/usr/bin/env python3
"""Writes the seed corpora fuzz/corpus/<target>/ (run from anywhere; rewrites the text seeds).

Seeds are a few lines cut from real files: ../shared/data annotations (OTB Crossing's TAB rows,
TLD panda's float corners and NaN rows, UAV123 group3_2's NaN rows, DTB70 Gull2), the VOT-LT /
LaSOT / GOT-10k / UAVDT conventions of ../shared/data/README.md and tests/data, results written
by `spot run`, and configs/*.toml. The checkpoint archive seeds are binary and made by the target
itself (see fuzz_checkpoint.cpp); this script leaves them alone.
"""
import pathlib

ROOT = pathlib.Path(__file__).resolve().parent / "corpus"
SEP = "\n===\n"

# Real rows (../shared/data): OTB Crossing (TAB), TLD panda (float corners, NaN), UAV123
# group3_2 (NaN rows), DTB70 Gull2.
OTB = "205\t151\t17\t50\n202\t150\t19\t49\n"
TLD = "58,100,85,122\n59.522,100.05,86.517,122.05\nNaN,NaN,NaN,NaN\n"
UAV = "643,293,15,64\n643,293,15,64\nNaN,NaN,NaN,NaN\n"
DTB = "666,12,29,24\n661,13,28,24\n"
VOT = "100.0,50.0,20.0,30.0\n0\n10,10,40,12,38,50,8,48\n"
FLAGS_LINE = "0,0,1\n"
FLAGS_COLS = "0\n1\n0\n"
SEQUENCE = "channels.color=color\\%08d.jpg\nformat=default\nfps=30\nname=car9\n"


def write(target, name, data):
    d = ROOT / target
    d.mkdir(parents=True, exist_ok=True)
    (d / name).write_bytes(data if isinstance(data, bytes) else data.encode())


def main():
    write("box_string", "comma", "10,20,30,40")
    write("box_string", "spaces", "10.5 20 30.25 40")
    write("box_string", "tabs_mixed", "1e1,\t2.0, 3 ,4")

    for kind, name, text in [(0, "otb_tab", OTB), (0, "uav123_nan", UAV), (0, "dtb70", DTB),
                             (1, "tld_corners", TLD), (2, "vot_polygon_absent", VOT),
                             (3, "lasot_flags", FLAGS_LINE), (3, "got10k_label", FLAGS_COLS)]:
        write("annotation", name, bytes([kind]) + text.encode())

    # Header bytes: format index, frame count, variant (see fuzz_dataset.cpp).
    formats = ["otb", "dtb70", "lasot", "got10k", "vot", "uav123", "uavdt", "tld", "generic"]
    layouts = {
        "otb": (2, 1, OTB), "dtb70": (2, 1, DTB), "lasot": (3, 0, UAV + SEP + FLAGS_LINE + SEP + "0,0,0\n"),
        "got10k": (3, 0, UAV + SEP + FLAGS_COLS + SEP + "8\n3\n0\n"),
        "vot": (3, 0, VOT + SEP + SEQUENCE + SEP + "0\n1\n"),
        "uav123": (3, 1, UAV + SEP + UAV), "uavdt": (2, 1, DTB + SEP + OTB),
        "tld": (3, 0, TLD), "generic": (2, 0x81, OTB),
    }
    for i, f in enumerate(formats):
        frames, variant, body = layouts[f]
        write("dataset", f, bytes([i, frames, variant]) + body.encode())

    write("results", "spot_run", "10,20,30,40\nnan,nan,nan,nan\n12.5,21,30,40\n" + SEP +
          "\n0.25\n0.9\n" + SEP + "0.031\n0.012\n0.011\n")
    write("results", "tab_no_extras", "10\t20\t30\t40\n11\t20\t30\t40\n")

    configs = pathlib.Path(__file__).resolve().parent.parent / "configs"
    write("synth_config", "bench-small-lt.toml", (configs / "bench-small-lt.toml").read_bytes())
    write("synth_config", "bins.toml", "size_distribution = \"bins\"\nsize_bins = [[2, 8], [8, 32.5]]\n")
    for name in ["train-tiny.toml", "train-synthetic.toml"]:
        write("train_config", name, (configs / name).read_bytes())
    write("tracker_config", "tracker-default.toml", (configs / "tracker-default.toml").read_bytes())

    # Checkpoint: mode byte 1/3 = meta JSON packed into an archive (3: with a model tensor).
    meta = ('{"format":"spot-checkpoint-1","step":6,"config":{"model":{"levels":[1,3,9],'
            '"channels":[32],"box_channels":32,"template_grid":4}},'
            '"tracker":{"presence_threshold":0.42}}')
    write("checkpoint", "meta-full", bytes([3]) + meta.encode())
    write("checkpoint", "meta-no-model", bytes([1]) + b'{"format":"spot-checkpoint-1","step":2}')


if __name__ == "__main__":
    main()
