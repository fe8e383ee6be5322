/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What the kernel's lib/sort.c needs from <linux/types.h> and friends, in
 * userspace: make bench (tests/bench.sh) compiles lib/sort.c of the test
 * kernel's tree unchanged into a host build of the planner, so that
 * callgrind counts the sort that runs in the module, not glibc's qsort().
 */
#ifndef IMX_M7_BENCH_KSORT_TYPES_H
#define IMX_M7_BENCH_KSORT_TYPES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef uint32_t u32;
typedef uint64_t u64;
typedef int (*cmp_func_t)(const void *a, const void *b);
typedef int (*cmp_r_func_t)(const void *a, const void *b, const void *priv);
typedef void (*swap_func_t)(void *a, void *b, int size);
typedef void (*swap_r_func_t)(void *a, void *b, int size, const void *priv);

/* __attribute_const__ and __always_inline: glibc's <sys/cdefs.h> has both. */

#endif
