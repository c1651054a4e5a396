#include "cli/app.h"

int main(int argc, char** argv) { return vern::cli::run(argc, argv); }
