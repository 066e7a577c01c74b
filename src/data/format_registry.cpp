// The table of annotated formats, in the order auto-detection tries them.
#include "spot/data/format_reader.hpp"

namespace spot::data {

const std::vector<FormatReader>& format_readers() {
  // Most specific marker files first: LaSOT's flag files and GOT-10k's absence.label beat VOT's
  // `sequence` / *.tag, which beat the generic groundtruth.txt + color|img/; dtb70 must precede
  // otb because it claims a subset of OTB-layout folders.
  static const std::vector<FormatReader> kReaders = {
      uav123_reader(),  uavdt_reader(), lasot_reader(), got10k_reader(), vot_reader(),
      generic_reader(), dtb70_reader(), otb_reader(),   tld_reader()};
  return kReaders;
}

}  // namespace spot::data
