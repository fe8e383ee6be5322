/* SPDX-License-Identifier: GPL-2.0 */
/*
 * m7-bench is linked with --wrap=calloc --wrap=free, so that it can count
 * what the planner allocates: these are the linker's names for the real
 * functions.
 */
#ifndef M7_BENCH_H
#define M7_BENCH_H

#include <stddef.h>

void *__real_calloc(size_t n, size_t size);
void __real_free(void *p);

#endif /* M7_BENCH_H */
