/* Shared inside the aggregate stage only. */
#ifndef OB_AGGREGATE_STATS_INTERNAL_H
#define OB_AGGREGATE_STATS_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "opbrief/stats.h"

/* Switch GSL's abort handler off; safe to call often. */
void stats_init(void);

#endif
