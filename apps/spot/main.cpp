// Entry point of the `spot` tool: builds the subcommands and turns any error into one line + exit 1.
#include <exception>
#include <iostream>
#include <string>

#include <CLI/CLI.hpp>

#include "commands.hpp"

int main(int argc, char** argv) {
  CLI::App app{"SPOT: long-term tracking of small targets with global search"};
  app.require_subcommand(1);
  app.set_version_flag("--version", "spot 0.1.0");
  // Parse errors as one line too (inherited by the subcommands registered below).
  app.failure_message([](const CLI::App*, const CLI::Error& e) {
    return std::string("spot: error: ") + e.what() + " (see --help)\n";
  });
  spot::cli::register_track(app);
  spot::cli::register_run(app);
  spot::cli::register_eval(app);
  spot::cli::register_synth(app);
  spot::cli::register_data(app);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e);
  } catch (const std::exception& e) {
    std::cerr << "spot: error: " << e.what() << "\n";
    return 1;
  }
  return 0;
}
