/* SPDX-License-Identifier: GPL-2.0 */
/* lib/sort.c's interface, as <linux/sort.h> declares it (see types.h). */
#ifndef IMX_M7_BENCH_KSORT_SORT_H
#define IMX_M7_BENCH_KSORT_SORT_H

#include <linux/types.h>

void sort_r(void *base, size_t num, size_t size, cmp_r_func_t cmp_func,
	    swap_r_func_t swap_func, const void *priv);
void sort(void *base, size_t num, size_t size, cmp_func_t cmp_func,
	  swap_func_t swap_func);

#endif
