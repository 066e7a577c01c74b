// --config FILE for every subcommand: a TOML file whose keys are the subcommand's long option names
// (at the top level or under [<subcommand>]). Flags given on the command line win over the file.
// (CLI11 2.1's own set_config() is ignored on subcommands, CLIUtils/CLI11#1056, hence this.)
#pragma once

#include <string>

#include <CLI/CLI.hpp>

namespace spot::cli {

// Adds `--config FILE` to `cmd`, storing the path in `file`.
void add_config_option(CLI::App& cmd, std::string& file);

// Fills the options of `cmd` not given on the command line from `file`. Throws spot::Error naming
// the file on a parse error or an unknown key (listing the valid ones).
void apply_config_file(CLI::App& cmd, const std::string& file);

// Throws spot::Error "--<name> is required (or '<name>' in --config)" when `value` is empty.
void require_option(const std::string& value, const std::string& name);

}  // namespace spot::cli
