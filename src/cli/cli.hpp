// The `gongkai` command line.
#pragma once

namespace gongkai::cli {

// Parses argv, runs the chosen command, returns the process exit code.
int Run(int argc, char** argv);

}  // namespace gongkai::cli
