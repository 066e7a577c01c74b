// Dataset readers: turn a folder in one of the community layouts into Sequences.
// Supported formats: otb, uav123, dtb70, uavdt, lasot, got10k, vot (VOT / VOT-LT), tld, generic
// (<seq>/groundtruth.txt + <seq>/color|img/), images (a folder of images, no GT), video (a video
// file, no GT). "auto" detects the format from the folder's contents.
//
// Conventions (all formats: line i of the GT file belongs to the i-th frame in name order):
// - absent target (std::nullopt): a row of NaNs in any format; VOT-LT's one-number row ("0");
//   LaSOT full_occlusion or out_of_view = 1; GOT-10k absence.label = 1. A 0,0,0,0 row elsewhere
//   stays a zero-size box. Flags go to Sequence::attributes (LaSOT full_occlusion/out_of_view,
//   GOT-10k absence/cover/cut_by_image, VOT <tag>.tag).
// - TLD corners x1,y1,x2,y2 are continuous: w = x2 - x1, h = y2 - y1.
// - VOT polygons become their axis-aligned bounding box (min/max of the vertices).
// - otb and dtb70 share a layout; auto names a folder dtb70 when its path says "dtb" (or, with no
//   hint, its images have 5-digit numbers), otb otherwise.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "spot/data/sequence.hpp"

namespace spot::data {

// The format names load_dataset() accepts (besides "auto").
const std::vector<std::string>& dataset_formats();

// Detects the layout of `root` (a dataset folder, a single sequence folder, an image folder or a
// video file) from the names of the files present, without parsing them. Returns one name of
// dataset_formats(), or for a folder of sub-datasets in several formats their sorted names joined
// by '+' (e.g. "dtb70+otb+tld+uav123"). Throws spot::Error naming `root` when nothing matches, and
// as load_dataset for an empty folder or an unrecognised folder beside recognised ones.
std::string detect_format(const std::filesystem::path& root);

// Reads every sequence under `root` (or the single sequence `root` is), sorted by name. `root` may
// be one sequence folder, a dataset (a folder of sequence folders, or a format's own tree such as
// UAV123's anno/ + data_seq/), a folder of such datasets one level down (each detected on its own,
// e.g. ../shared/data), an image folder, a video file or a folder of video files. A list.txt
// beside sequence folders (VOT, GOT-10k) selects which folders are read. Hidden entries are
// skipped. `format` is "auto" or one of dataset_formats(); a named format reads every sequence with
// that reader. Names are the sequence names; when two collide (ignoring case) in different
// sub-datasets both become "<sub-dataset>_<name>".
// Frames are listed, not decoded: a corrupt image surfaces in FrameReader::read.
// Throws spot::Error (file, line, what was expected) on missing frames, a GT file whose line count
// differs from the frame count, non-numeric fields, negative sizes, an empty folder, a folder (or
// a subfolder beside recognised sequences) in no known format, an unknown format name (listing
// the valid ones), or names that stay duplicated.
std::vector<Sequence> load_dataset(const std::filesystem::path& root,
                                   const std::string& format = "auto");

}  // namespace spot::data
