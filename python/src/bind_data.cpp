// Datasets from Python: the readers (spot.load_dataset -> spot.Sequence), frame access
// (spot.FrameReader) and the synthetic generator (spot.synth), all calling the C++ code the CLI
// uses.
#include <fmt/format.h>

#include <memory>

#include "bindings.hpp"
#include "spot/data/dataset.hpp"
#include "spot/data/frame_reader.hpp"
#include "spot/data/synth_dataset.hpp"

namespace spot::python {

namespace {

py::object optional_path(const std::filesystem::path& p) {
  if (p.empty()) return py::none();
  return py::str(p.string());
}

// The Python-visible call, recorded in the generated dataset's README.md like `spot synth`'s line.
std::string synth_call(const std::filesystem::path& out, const data::SynthConfig& c,
                       const std::string& config_file) {
  std::string call = fmt::format("spot.synth('{}', sequences={}, frames={}, seed={}", out.string(),
                                 c.sequences, c.frames, c.seed);
  if (!config_file.empty()) call += fmt::format(", config='{}'", config_file);
  return call + ")";
}

}  // namespace

void bind_data(py::module_& m) {
  py::class_<data::Sequence>(m, "Sequence", R"doc(
One video of a dataset: frames (image files, or a video file), optional ground truth.

groundtruth is a float64 array of shape (N, 4) (x, y, w, h per frame, NaN rows where the target is
absent; shape (0, 4) when the sequence has no ground truth). len(sequence) is the frame count.
)doc")
      .def_readonly("name", &data::Sequence::name)
      .def_readonly("format", &data::Sequence::format,
                    "Reader that produced it: otb, lasot, generic, ...")
      .def_property_readonly(
          "frames",
          [](const data::Sequence& s) {
            py::list out;
            for (const auto& f : s.frames) out.append(f.string());
            return out;
          },
          "Frame image paths in order (empty for a video sequence)")
      .def_property_readonly(
          "video", [](const data::Sequence& s) { return optional_path(s.video); },
          "The video file, or None for image frames")
      .def_property_readonly("groundtruth",
                             [](const data::Sequence& s) { return boxes_to_numpy(s.groundtruth); })
      .def_property_readonly(
          "attributes",
          [](const data::Sequence& s) {
            py::dict out;
            for (const auto& [name, flags] : s.attributes)
              out[py::str(name)] =
                  py::array_t<int>(static_cast<py::ssize_t>(flags.size()), flags.data());
            return out;
          },
          "Per-frame flags by name (e.g. LaSOT full_occlusion), int arrays")
      .def("first_annotated_frame", &data::Sequence::first_annotated_frame,
           "Index of the first frame with a present GT box (where trackers start), or -1")
      .def("__len__", &data::Sequence::size)
      .def("__repr__", [](const data::Sequence& s) {
        return fmt::format("spot.Sequence('{}', format='{}', {} frames)", s.name, s.format,
                           s.size());
      });

  py::class_<data::FrameReader>(
      m, "FrameReader", "Reads a Sequence's frames as uint8 BGR arrays (image files or video).")
      .def(py::init([](const data::Sequence& s) {
             py::gil_scoped_release release;
             return std::make_unique<data::FrameReader>(s);
           }),
           py::arg("sequence"), py::keep_alive<1, 2>())
      .def(
          "read",
          [](data::FrameReader& r, int index) {
            cv::Mat frame;
            {
              py::gil_scoped_release release;
              frame = r.read(index);
            }
            return frame_to_numpy(frame);
          },
          py::arg("index"),
          "Frame `index` (0-based) as an HxWx3 uint8 BGR array; sequential reads are fastest.")
      .def("__len__", &data::FrameReader::size);

  m.def(
      "load_dataset",
      [](const py::object& path, const std::string& format) {
        const auto root = path_from_python(path, "path");
        std::vector<data::Sequence> sequences;
        {
          py::gil_scoped_release release;
          sequences = data::load_dataset(root, format);
        }
        return sequences;
      },
      py::arg("path"), py::arg("format") = "auto",
      "Every sequence of a dataset folder (otb, uav123, dtb70, uavdt, lasot, got10k, vot, tld, "
      "generic, images, video; auto-detected), sorted by name: a list of spot.Sequence.");
  m.def("dataset_formats", &data::dataset_formats,
        "Format names load_dataset accepts (besides 'auto').");

  m.def(
      "synth",
      [](const py::object& out, const py::object& sequences, const py::object& frames,
         const py::object& seed, const py::object& config, const py::kwargs& options) {
        const auto out_dir = path_from_python(out, "out");
        std::string config_file;
        if (!config.is_none()) config_file = path_from_python(config, "config").string();
        data::SynthConfig c =
            config_file.empty() ? data::SynthConfig{} : data::load_synth_config(config_file);
        py::dict given;  // the generator's keys: explicit arguments and **options together
        for (const auto& item : options) given[item.first] = item.second;
        if (!sequences.is_none()) given["sequences"] = sequences;
        if (!frames.is_none()) given["frames"] = frames;
        if (!seed.is_none()) given["seed"] = seed;
        set_fields(given, c.fields(), "spot.synth");
        c.validate(config_file.empty() ? "spot.synth" : config_file + " + spot.synth arguments");
        const std::string call = synth_call(out_dir, c, config_file);
        {
          py::gil_scoped_release release;
          data::write_synth_dataset(c, out_dir, call);
        }
        return py::str(out_dir.string());
      },
      py::arg("out"), py::arg("sequences") = py::none(), py::arg("frames") = py::none(),
      py::arg("seed") = py::none(), py::arg("config") = py::none(),
      R"doc(
Writes the synthetic long-term small-object dataset into `out` (generic layout), exactly as
`spot synth` does: the same options and seed give byte-identical frames. `config` is a generator
TOML file (e.g. configs/bench-small-lt.toml); keyword arguments override its keys (width, height,
size_min, size_max, size_distribution, ...). Returns `out`.
)doc");
}

}  // namespace spot::python
