/* main() of a benchmark program linked with yardstick::main. */
#include <yardstick.h>

int main(int argc, char **argv) {
  return ys_main(argc, argv);
}
