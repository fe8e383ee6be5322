// SPDX-License-Identifier: GPL-2.0
/*
 * tools/m7_shim.h maps the planner's sort() to qsort(); make bench builds a
 * second m7-preflight with -Dqsort=imx_m7_bench_ksort, and this sends that
 * call on to the kernel's own lib/sort.c, compiled beside it.
 */
#include <linux/sort.h>

void imx_m7_bench_ksort(void *base, size_t num, size_t size,
			int (*cmp)(const void *, const void *));

void imx_m7_bench_ksort(void *base, size_t num, size_t size,
			int (*cmp)(const void *, const void *))
{
	sort(base, num, size, cmp, NULL);
}
