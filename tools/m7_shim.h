/* SPDX-License-Identifier: GPL-2.0 */
/*
 * m7_shim.h: the few kernel definitions the pure core (imx_m7_elf.c,
 * imx_m7_map.c, imx_m7_diag.c) uses, for the userspace builds
 * (tools/m7-preflight, the libFuzzer targets, the bench).
 * Build with -Itools so that imx_m7_elf.h picks this file up.
 */
#ifndef M7_SHIM_H
#define M7_SHIM_H

#include <elf.h>
#include <errno.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The kernel's fixed-size types; u64 is unsigned long long as in the kernel. */
typedef unsigned char u8;
typedef unsigned short u16;
typedef unsigned int u32;
typedef unsigned long long u64;

#define BIT(n)			(1UL << (n))
#define ARRAY_SIZE(a)		(sizeof(a) / sizeof((a)[0]))
#define U32_MAX			((u32)~0U)
#define M7_ATTRIBUTE(...)	__attribute__((__VA_ARGS__))
#define __printf(a, b)		M7_ATTRIBUTE(format(printf, a, b))

/* Kernel allocation flags mean nothing here. */
#define GFP_KERNEL		0

static inline void *kvcalloc(size_t n, size_t size, int flags)
{
	(void)flags;
	return calloc(n, size);	/* calloc checks n * size for overflow */
}

static inline void kvfree(const void *p)
{
	free((void *)p);
}

/* lib/sort.c's sort(); the planner passes no swap callback. */
static inline void sort(void *base, size_t num, size_t size,
			int (*cmp)(const void *, const void *), void *swap)
{
	(void)swap;
	qsort(base, num, size, cmp);
}

/* No modules, no KUnit namespace in userspace: a no-op declaration. */
#define EXPORT_SYMBOL_IF_KUNIT(sym)	_Static_assert(1, #sym)

static inline size_t strscpy(char *dst, const char *src, size_t size)
{
	size_t n = strnlen(src, size - 1);

	memcpy(dst, src, n);
	dst[n] = '\0';
	return n;
}

#endif /* M7_SHIM_H */
