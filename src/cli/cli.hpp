// The `gongkai` command line. Run is the whole program: main() only calls it. --help and
// --version print and exit 0; a usage error (unknown command or option, missing argument)
// prints one line on stderr and exits 2; every command's own failures follow command.hpp.
#pragma once

namespace gongkai::cli {

// Parses argv, runs the chosen command, returns the process exit code.
int Run(int argc, char** argv);

}  // namespace gongkai::cli
