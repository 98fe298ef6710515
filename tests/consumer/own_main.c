#include <yardstick.h>

BENCH(noop) {
  while (ys_loop(state))
    ys_clobber_memory();
}

YS_MAIN()
