// Parsing of the text annotation files the dataset readers share: box rows in the community
// encodings (x,y,w,h / TLD corners / VOT polygons) and per-frame integer flag files.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "spot/geometry/box.hpp"

namespace spot::data {

// How one row of a box file is encoded.
enum class BoxEncoding {
  kXywh,     // x,y,w,h (OTB, UAV123, DTB70, UAVDT, LaSOT, GOT-10k, generic)
  kCorners,  // x1,y1,x2,y2 (TLD); continuous corners, so w = x2 - x1 and h = y2 - y1
  kVot,      // x,y,w,h; or a polygon x1,y1,...,xn,yn (n >= 3) -> its axis-aligned bounding box;
             // or a single number (VOT-LT writes "0" for an absent target) -> absent
};

// The lines of a text, without their LF / CRLF endings, without a leading UTF-8 BOM and without
// trailing blank lines (a missing final newline is fine). Line k of the result is line k+1 of the
// text. Never throws.
std::vector<std::string> split_text_lines(const std::string& text);

// split_text_lines of a file's contents. Throws spot::Error naming the file when it cannot be
// opened.
std::vector<std::string> read_text_lines(const std::filesystem::path& path);

// Splits a row into fields: at commas (each field trimmed; an empty field stays, so "1,,2" has
// three fields), and at runs of spaces / TABs. Never throws.
std::vector<std::string> split_fields(const std::string& row);

// Parses one row of a box file. A row whose numbers are all NaN ("NaN,NaN,NaN,NaN") is absent
// (std::nullopt); a zero-size box such as 0,0,0,0 is kept as a box. Throws spot::Error(file, line)
// with what was expected on: an empty row, a non-numeric field, a wrong number of fields, a mix of
// NaN and numbers, an infinite value, a negative width/height, or a width/height too large for a
// double (corners or polygon vertices ~1e308 apart). A returned box is always finite.
geometry::MaybeBox parse_box_row(const std::string& row, BoxEncoding encoding,
                                 const std::string& file, long line);

// parse_box_row of every line in order (line numbers from 1; errors name `file`).
std::vector<geometry::MaybeBox> parse_box_lines(const std::vector<std::string>& lines,
                                                BoxEncoding encoding, const std::string& file);

// Every row of a box file in order, one entry per line. Throws as read_text_lines / parse_box_row.
std::vector<geometry::MaybeBox> read_box_file(const std::filesystem::path& path,
                                              BoxEncoding encoding);

// The integers of a flag file in order, written either one per line (GOT-10k *.label, VOT *.tag)
// or comma-separated on one line (LaSOT full_occlusion.txt / out_of_view.txt). Throws
// spot::Error(file, line) on a non-integer field or a blank line between values.
std::vector<int> read_int_values(const std::filesystem::path& path);

// read_int_values of lines already read (errors name `file`).
std::vector<int> parse_int_lines(const std::vector<std::string>& lines, const std::string& file);

}  // namespace spot::data
