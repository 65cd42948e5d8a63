#include "cli/cli.hpp"

int main(int argc, char** argv) { return gongkai::cli::Run(argc, argv); }
