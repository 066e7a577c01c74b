// --config FILE handling shared by the subcommands.
#include "config_file.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "spot/error.hpp"

namespace spot::cli {

void add_config_option(CLI::App& cmd, std::string& file) {
  cmd.add_option("--config", file,
                 fmt::format("TOML file with option values (keys = long option names, top level or "
                             "[{}]); command-line flags win",
                             cmd.get_name()));
}

void apply_config_file(CLI::App& cmd, const std::string& file) {
  std::vector<CLI::ConfigItem> items;
  try {
    items = CLI::ConfigTOML().from_file(file);
  } catch (const CLI::Error& e) {
    throw Error(std::string("cannot read config file: ") + e.what(), file);
  }
  for (const CLI::ConfigItem& item : items) {
    if (item.name == "++" || item.name == "--") continue;  // CLI11's section markers
    const bool ours = item.parents.empty() ||
                      (item.parents.size() == 1 && item.parents[0] == cmd.get_name());
    std::string name = item.name;
    std::replace(name.begin(), name.end(), '_', '-');
    CLI::Option* opt = nullptr;
    if (ours && name != "config" && name != "help") {
      try {
        opt = cmd.get_option("--" + name);
      } catch (const CLI::OptionNotFound&) {
        opt = nullptr;
      }
    }
    if (opt == nullptr) {
      std::vector<std::string> valid;
      for (const CLI::Option* o : cmd.get_options()) {
        const std::string n = o->get_single_name();
        if (!n.empty() && n != "help" && n != "config" && !o->get_lnames().empty()) valid.push_back(n);
      }
      throw Error(fmt::format("unknown key '{}' (valid: {}; at the top level or under [{}])",
                              item.fullname(), fmt::join(valid, ", "), cmd.get_name()),
                  file);
    }
    if (opt->count() > 0) continue;
    opt->add_result(item.inputs);
    opt->run_callback();
  }
}

void require_option(const std::string& value, const std::string& name) {
  if (value.empty()) throw Error(fmt::format("--{} is required (or '{}' in --config)", name, name));
}

}  // namespace spot::cli
