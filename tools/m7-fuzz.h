/* SPDX-License-Identifier: GPL-2.0 */
/*
 * m7-fuzz.h: what the libFuzzer targets share (tools/m7-fuzz.c over
 * the region builder, the planner, imx_m7_region_find() and the
 * resource-table walk; tools/m7-fuzz-dtb.c over m7-preflight's --dtb
 * reader). docs/fuzzing.md describes the targets and their input.
 *
 * The checks here are the fuzzers' own: written from docs/planner.md,
 * never by calling the planner's helpers, so that a planner bug and its
 * check cannot agree by construction.
 */
#ifndef M7_FUZZ_H
#define M7_FUZZ_H

#include "m7_shim.h"
#include "imx_m7_elf.h"

/* libFuzzer's entry point, which each target defines. */
int LLVMFuzzerTestOneInput(const u8 *data, size_t size);

/* A violated check: say which, with the numbers, then abort(). */
__printf(1, 2) M7_ATTRIBUTE(noreturn)
void m7_fuzz_fail(const char *fmt, ...);

/*
 * Build a region table from @decl with imx_m7_regions_build() into a
 * table of exactly IMX_M7_MAX_REGIONS entries (ASan sees a write past
 * it), and compare the verdict with the fuzzer's model of the builder:
 * the same regions (name, da, pa, size, flags) on success, the same
 * check on a refusal. Aborts on any difference. Returns the number of
 * regions (@out, malloc()ed, to free()), or -1 when both refused.
 */
int m7_fuzz_regions(const struct imx_m7_decl *decl, unsigned int n_decl,
		    unsigned int max_out, struct imx_m7_region **out);

/*
 * Planted bugs (build with -DM7_FUZZ_PLANT, pick one with the environment
 * variable M7_FUZZ_PLANT=NAME): each breaks one result the checks see, so
 * that tests/suites/fuzz.sh can show each check fires. Never in m7-fuzz.
 */
#ifdef M7_FUZZ_PLANT
bool m7_fuzz_planted(const char *name);
#else
static inline bool m7_fuzz_planted(const char *name)
{
	(void)name;
	return false;
}
#endif

/*
 * --help: the target's usage, on stdout, and exit 0. Every other argument
 * is libFuzzer's (-help=1 lists those).
 */
static inline void m7_fuzz_help(int argc, char **argv, const char *usage)
{
	int i;

	for (i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--help")) {
			printf("%s", usage);
			exit(0);
		}
	}
}

#endif /* M7_FUZZ_H */
