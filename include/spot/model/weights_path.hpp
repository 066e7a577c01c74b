// Finding a weights file shipped in the repo's weights/ folder, from a build tree or an install.
#pragma once

#include <string>

namespace spot::model {

// `explicit_path` when given (throws spot::Error if it does not exist: a mistyped path must not
// silently load other weights); else the first existing of $SPOT_WEIGHTS_DIR/<file_name>,
// <exe dir>/../weights/<file_name>, <exe dir>/../../weights/<file_name> and the source tree's
// weights/ at build time. Throws spot::Error naming `what` and every place tried.
std::string find_weights_file(const std::string& file_name, const std::string& what,
                              const std::string& explicit_path = "");

}  // namespace spot::model
