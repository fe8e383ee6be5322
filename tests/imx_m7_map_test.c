// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit suite imx_m7_map: the SoC's address map and the region table.
 * imx_m7_regions_build() from DT declarations (the table, its roles and its
 * refusals, word for word), the planner handed a malformed table, and
 * imx_m7_region_find(). t_regions() builds the tables the other suites of
 * this module plan against (enum t_rt, tests/imx_m7_test.h).
 */
#include <kunit/test.h>
#include <linux/kernel.h>
#include <linux/string.h>

#include "imx_m7_elf.h"
#include "imx_m7_test.h"

/* ---- Region tables ------------------------------------------------------ */

static const struct imx_m7_decl t_decl_vrings[] = {
	{ IMX_M7_DECL_REG, "itcm", 0x7e0000, 0x20000 },
	{ IMX_M7_DECL_REG, "dtcm", 0x800000, 0x20000 },
	{ IMX_M7_DECL_CARVEOUT, "ddr", 0x80000000, 0x1000000, true },
	{ IMX_M7_DECL_CARVEOUT, "vdev0vring0", 0x55000000, 0x8000, true },
	{ IMX_M7_DECL_CARVEOUT, "vdev0vring1", 0x55008000, 0x8000, true },
	{ IMX_M7_DECL_CARVEOUT, "vdev0buffer", 0x55400000, 0x100000, true },
	{ IMX_M7_DECL_CARVEOUT, "rsc-table", 0x550ff000, 0x1000, true },
};

static const struct imx_m7_decl t_decl_full[] = {
	{ IMX_M7_DECL_REG, "itcm", 0x7e0000, 0x20000 },
	{ IMX_M7_DECL_REG, "dtcm", 0x800000, 0x20000 },
	{ IMX_M7_DECL_REG, "ocram", 0x900000, 0x80000 },
	{ IMX_M7_DECL_CARVEOUT, "ddr", 0x80000000, 0x1000000, true },
	{ IMX_M7_DECL_CARVEOUT, "vdev0buffer", 0x81000000, 0x100000, true },
	{ IMX_M7_DECL_CARVEOUT, "ddr1", 0x40000000, 0x100000, true },
};

static const struct imx_m7_region t_rt_no_itcm[] = {
	{ "dtcm", 0x20000000, 0x800000, 0x20000, IMX_M7_REGION_LOAD },
	{ "ddr", 0x80000000, 0x80000000, 0x1000000, IMX_M7_REGION_LOAD },
};

static const struct imx_m7_region t_rt_itcm_alias[] = {
	{ "itcm", 0, 0x7e0000, 0x20000, IMX_M7_REGION_LOAD },
	{ "dtcm", 0x20000000, 0x800000, 0x20000, IMX_M7_REGION_LOAD },
	{ "ddr", 0x80000000, 0x80000000, 0x1000000, IMX_M7_REGION_LOAD },
	{ "itcm2", 0x30000000, 0x7e0000, 0x1000, IMX_M7_REGION_LOAD },
};

unsigned int t_regions(struct kunit *test, enum t_rt rt,
		       struct imx_m7_region *out)
{
	struct imx_m7_diag diag;
	int n;

	switch (rt) {
	case T_RT_NO_ITCM:
		memcpy(out, t_rt_no_itcm, sizeof(t_rt_no_itcm));
		return ARRAY_SIZE(t_rt_no_itcm);
	case T_RT_ITCM_ALIAS:
		memcpy(out, t_rt_itcm_alias, sizeof(t_rt_itcm_alias));
		return ARRAY_SIZE(t_rt_itcm_alias);
	case T_RT_RPMSG:
		/* itcm, dtcm, ddr, vdev0buffer */
		n = imx_m7_regions_build(&imx_m7_soc_imx8mp,
					 (const struct imx_m7_decl[]) {
					 t_decl_full[0], t_decl_full[1],
					 t_decl_full[3], t_decl_full[4] }, 4,
					 out, IMX_M7_MAX_REGIONS, &diag);
		KUNIT_ASSERT_EQ(test, n, 4);
		return n;
	case T_RT_VRINGS:
		n = imx_m7_regions_build(&imx_m7_soc_imx8mp, t_decl_vrings,
					 ARRAY_SIZE(t_decl_vrings), out,
					 IMX_M7_MAX_REGIONS, &diag);
		KUNIT_ASSERT_EQ(test, n, ARRAY_SIZE(t_decl_vrings));
		return n;
	case T_RT_VERDIN:
		/* itcm, dtcm, ddr: the first, second and fourth lines */
		n = imx_m7_regions_build(&imx_m7_soc_imx8mp,
					 (const struct imx_m7_decl[]) {
					 t_decl_full[0], t_decl_full[1],
					 t_decl_full[3] }, 3,
					 out, IMX_M7_MAX_REGIONS, &diag);
		KUNIT_ASSERT_EQ(test, n, 3);
		return n;
	default:
		n = imx_m7_regions_build(&imx_m7_soc_imx8mp, t_decl_full,
					 ARRAY_SIZE(t_decl_full), out,
					 IMX_M7_MAX_REGIONS, &diag);
		KUNIT_ASSERT_EQ(test, n, 8);
		return n;
	}
}

/* ---- The region table ---------------------------------------------------- */

struct t_region_case {
	const char *desc;
	const struct imx_m7_decl *decl;
	unsigned int n_decl;
	unsigned int max_out;
	int ret;			/* count, or -EINVAL */
	enum imx_m7_check check;
	const char *name;		/* the declaration named */
	const struct imx_m7_region *want;	/* the table, on success */
	enum imx_m7_field field;	/* refused: what exactly */
};

static void t_region_desc(const struct t_region_case *c, char *desc)
{
	strscpy(desc, c->desc, KUNIT_PARAM_DESC_SIZE);
}

#define DECLS(...) .decl = (const struct imx_m7_decl[]){ __VA_ARGS__ }, \
	.n_decl = sizeof((const struct imx_m7_decl[]){ __VA_ARGS__ }) / \
		  sizeof(struct imx_m7_decl)
#define REG(n, pa, sz)		{ IMX_M7_DECL_REG, n, pa, sz, false }
#define CARVE(n, pa, sz)	{ IMX_M7_DECL_CARVEOUT, n, pa, sz, true }
#define MAPPED(n, pa, sz)	{ IMX_M7_DECL_CARVEOUT, n, pa, sz, false }
#define ITCM	REG("itcm", 0x7e0000, 0x20000)
#define DTCM	REG("dtcm", 0x800000, 0x20000)
#define WANT(...) .want = (const struct imx_m7_region[]){ __VA_ARGS__ }
#define OKREGS(d, n, decls, ...) { .desc = d, DECLS decls, \
	.max_out = IMX_M7_MAX_REGIONS, .ret = n, WANT(__VA_ARGS__) }
#define T_ITCM_R	{ "itcm", 0, 0x7e0000, 0x20000, LD | IO }
#define T_DTCM_R	{ "dtcm", 0x20000000, 0x800000, 0x20000, LD | IO }

/* 17 declarations: one more than the driver takes. */
static const struct imx_m7_decl t_17_decls[] = {
	ITCM, DTCM, CARVE("ddr", 0x80000000, 0x1000),
	CARVE("ddr0", 0x80001000, 0x1000), CARVE("ddr1", 0x80002000, 0x1000),
	CARVE("ddr2", 0x80003000, 0x1000), CARVE("ddr3", 0x80004000, 0x1000),
	CARVE("ddr4", 0x80005000, 0x1000), CARVE("ddr5", 0x80006000, 0x1000),
	CARVE("ddr6", 0x80007000, 0x1000), CARVE("ddr7", 0x80008000, 0x1000),
	CARVE("vdev0vring0", 0x80009000, 0x1000),
	CARVE("vdev0vring1", 0x8000a000, 0x1000),
	CARVE("vdev0buffer", 0x8000b000, 0x1000),
	CARVE("rsc-table", 0x8000c000, 0x1000),
	REG("ocram", 0x900000, 0x1000), CARVE("ddrx", 0x8000d000, 0x1000),
};

#define LD	IMX_M7_REGION_LOAD
#define IO	IMX_M7_REGION_IOMEM
#define AL	IMX_M7_REGION_ALIAS

static const struct t_region_case t_region_cases[] = {
	{ .desc = "Verdin: itcm, dtcm, ddr", .max_out = IMX_M7_MAX_REGIONS,
	  DECLS(ITCM, DTCM, CARVE("ddr", 0x80000000, 0x1000000)), .ret = 3,
	  WANT({ "itcm", 0, 0x7e0000, 0x20000, LD | IO },
	       { "dtcm", 0x20000000, 0x800000, 0x20000, LD | IO },
	       { "ddr", 0x80000000, 0x80000000, 0x1000000, LD }) },
	{ .desc = "emulator stand-ins, OCRAM's two views, rpmsg, low DDR",
	  .max_out = IMX_M7_MAX_REGIONS,
	  DECLS(REG("itcm", 0x7e000000, 0x20000),
		REG("dtcm", 0x7e100000, 0x20000),
		REG("ocram", 0x7e200000, 0x90000),
		CARVE("rsc-table", 0x80fff000, 0x1000),
		CARVE("ddr7", 0x4ff00000, 0x200000)), .ret = 7,
	  WANT({ "itcm", 0, 0x7e000000, 0x20000, LD | IO },
	       { "dtcm", 0x20000000, 0x7e100000, 0x20000, LD | IO },
	       { "ocram", 0x900000, 0x7e200000, 0x90000, LD },
	       { "ocram", 0x20200000, 0x7e200000, 0x90000, LD | AL },
	       { "rsc-table", 0x80fff000, 0x80fff000, 0x1000, 0 },
	       { "ddr7", 0x4ff00000, 0x4ff00000, 0x200000, LD },
	       { "ddr7", 0x1ff00000, 0x4ff00000, 0xe0000, LD | AL }) },
	OKREGS("carve-out ending at the DDR window's end, 0xc0000000", 3,
	       (ITCM, DTCM, CARVE("ddr", 0xbffff000, 0x1000)), T_ITCM_R,
	       T_DTCM_R, { "ddr", 0xbffff000, 0xbffff000, 0x1000, LD }),
	OKREGS("ddr0 is a carve-out name", 3,
	       (ITCM, DTCM, CARVE("ddr0", 0x80000000, 0x1000)), T_ITCM_R,
	       T_DTCM_R, { "ddr0", 0x80000000, 0x80000000, 0x1000, LD }),
	OKREGS("OCRAM's upper part at its real CPU address", 4,
	       (ITCM, DTCM, REG("ocram", 0x940000, 0x50000)), T_ITCM_R,
	       T_DTCM_R, { "ocram", 0x940000, 0x940000, 0x50000, LD },
	       { "ocram", 0x20240000, 0x940000, 0x50000, LD | AL }),
	OKREGS("OCRAM's last byte at its real CPU address", 4,
	       (ITCM, DTCM, REG("ocram", 0x98ffff, 1)), T_ITCM_R, T_DTCM_R,
	       { "ocram", 0x98ffff, 0x98ffff, 1, LD },
	       { "ocram", 0x2028ffff, 0x98ffff, 1, LD | AL }),
	OKREGS("TCMs' upper halves at their real CPU addresses", 2,
	       (REG("itcm", 0x7f0000, 0x10000), REG("dtcm", 0x810000, 0x10000)),
	       { "itcm", 0x10000, 0x7f0000, 0x10000, LD | IO },
	       { "dtcm", 0x20010000, 0x810000, 0x10000, LD | IO }),
	OKREGS("a stand-in elsewhere starts at the window's M7 address", 2,
	       (REG("itcm", 0x7e000000, 0x10000), REG("dtcm", 0x820000, 0x100)),
	       { "itcm", 0, 0x7e000000, 0x10000, LD | IO },
	       { "dtcm", 0x20000000, 0x820000, 0x100, LD | IO }),
	{ .desc = "unknown reg-names",
	  DECLS(ITCM, DTCM, REG("sram", 0x900000, 0x1000)),
	  .max_out = IMX_M7_MAX_REGIONS, .ret = -EINVAL,
	  .check = IMX_M7_E_REGION_NAME, .name = "sram" },
	{ .desc = "ddr given by reg",
	  DECLS(ITCM, DTCM, REG("ddr", 0x80000000, 0x1000)),
	  .max_out = IMX_M7_MAX_REGIONS, .ret = -EINVAL,
	  .check = IMX_M7_E_REGION_NAME, .name = "ddr" },
	{ .desc = "itcm given as a carve-out",
	  DECLS(CARVE("itcm", 0x80000000, 0x1000)),
	  .max_out = IMX_M7_MAX_REGIONS, .ret = -EINVAL,
	  .check = IMX_M7_E_REGION_NAME, .name = "itcm" },
	{ .desc = "ddrx", DECLS(ITCM, DTCM, CARVE("ddrx", 0x80000000, 0x1000)),
	  .max_out = IMX_M7_MAX_REGIONS, .ret = -EINVAL,
	  .check = IMX_M7_E_REGION_NAME, .name = "ddrx" },
	{ .desc = "ddr8: the binding stops at ddr7",
	  DECLS(ITCM, DTCM, CARVE("ddr8", 0x80000000, 0x1000)),
	  .max_out = IMX_M7_MAX_REGIONS, .ret = -EINVAL,
	  .check = IMX_M7_E_REGION_NAME, .name = "ddr8" },
	{ .desc = "ddr12",
	  DECLS(ITCM, DTCM, CARVE("ddr12", 0x80000000, 0x1000)),
	  .max_out = IMX_M7_MAX_REGIONS, .ret = -EINVAL,
	  .check = IMX_M7_E_REGION_NAME, .name = "ddr12" },
	{ .desc = "ddr00",
	  DECLS(ITCM, DTCM, CARVE("ddr00", 0x80000000, 0x1000)),
	  .max_out = IMX_M7_MAX_REGIONS, .ret = -EINVAL,
	  .check = IMX_M7_E_REGION_NAME, .name = "ddr00" },
	{ .desc = "name too long",
	  DECLS(ITCM, DTCM, CARVE("ddr01234567890123456789012345678", 0x80000000, 0x1000)),
	  .max_out = IMX_M7_MAX_REGIONS, .ret = -EINVAL,
	  .check = IMX_M7_E_REGION_NAME,
	  .name = "ddr0123456789012345678901234567" },
	{ .desc = "itcm one byte too big",
	  DECLS(REG("itcm", 0x7e0000, 0x20001)), .max_out = IMX_M7_MAX_REGIONS,
	  .ret = -EINVAL, .check = IMX_M7_E_REGION_SIZE, .name = "itcm",
	  .field = IMX_M7_F_REGION_BIG },
	{ .desc = "ocram one byte too big",
	  DECLS(ITCM, DTCM, REG("ocram", 0x900000, 0x90001)),
	  .max_out = IMX_M7_MAX_REGIONS, .ret = -EINVAL,
	  .check = IMX_M7_E_REGION_SIZE, .name = "ocram",
	  .field = IMX_M7_F_REGION_BIG },
	{ .desc = "ocram part one byte past the window",
	  DECLS(ITCM, DTCM, REG("ocram", 0x940000, 0x50001)),
	  .max_out = IMX_M7_MAX_REGIONS, .ret = -EINVAL,
	  .check = IMX_M7_E_REGION_SIZE, .name = "ocram",
	  .field = IMX_M7_F_REGION_PAST },
	{ .desc = "itcm upper half one byte past ITCM",
	  DECLS(REG("itcm", 0x7f0000, 0x10001)), .max_out = IMX_M7_MAX_REGIONS,
	  .ret = -EINVAL, .check = IMX_M7_E_REGION_SIZE, .name = "itcm",
	  .field = IMX_M7_F_REGION_PAST },
	{ .desc = "dtcm empty", DECLS(REG("dtcm", 0x800000, 0)),
	  .max_out = IMX_M7_MAX_REGIONS, .ret = -EINVAL,
	  .check = IMX_M7_E_REGION_SIZE, .name = "dtcm",
	  .field = IMX_M7_F_REGION_EMPTY },
	{ .desc = "itcm wraps the CPU address space",
	  DECLS(REG("itcm", 0xffffffffffffff00ULL, 0x20000)),
	  .max_out = IMX_M7_MAX_REGIONS, .ret = -EINVAL,
	  .check = IMX_M7_E_REGION_SIZE, .name = "itcm",
	  .field = IMX_M7_F_REGION_WRAP },
	{ .desc = "carve-out without no-map",
	  DECLS(ITCM, DTCM, MAPPED("ddr", 0x80000000, 0x1000000)),
	  .max_out = IMX_M7_MAX_REGIONS, .ret = -EINVAL,
	  .check = IMX_M7_E_REGION_NOMAP, .name = "ddr" },
	/* docs/fuzzing.md's finding: a stand-in on another window's memory */
	{ .desc = "itcm and dtcm reg entries swapped",
	  DECLS(REG("itcm", 0x800000, 0x20000), REG("dtcm", 0x7e0000, 0x20000)),
	  .max_out = IMX_M7_MAX_REGIONS, .ret = -EINVAL,
	  .check = IMX_M7_E_REGION_WINDOW, .name = "itcm",
	  .field = IMX_M7_F_REGION_STANDIN },
	{ .desc = "itcm straddling ITCM's start (0x7e0000)",
	  DECLS(REG("itcm", 0x7d0000, 0x20000), DTCM),
	  .max_out = IMX_M7_MAX_REGIONS, .ret = -EINVAL,
	  .check = IMX_M7_E_REGION_WINDOW, .name = "itcm",
	  .field = IMX_M7_F_REGION_STANDIN },
	{ .desc = "dtcm ending one byte into OCRAM",
	  DECLS(ITCM, REG("dtcm", 0x8e0001, 0x20000)),
	  .max_out = IMX_M7_MAX_REGIONS, .ret = -EINVAL,
	  .check = IMX_M7_E_REGION_WINDOW, .name = "dtcm",
	  .field = IMX_M7_F_REGION_STANDIN },
	{ .desc = "itcm stand-in ending where ITCM starts",
	  DECLS(REG("itcm", 0x7c0000, 0x20000), DTCM), .max_out = 3, .ret = 2,
	  WANT({ "itcm", 0, 0x7c0000, 0x20000, LD | IO }, T_DTCM_R) },
	{ .desc = "carve-out below DDR",
	  DECLS(ITCM, DTCM, CARVE("ddr", 0x3ffff000, 0x2000)),
	  .max_out = IMX_M7_MAX_REGIONS, .ret = -EINVAL,
	  .check = IMX_M7_E_REGION_WINDOW, .name = "ddr" },
	{ .desc = "carve-out past 4 GiB",
	  DECLS(ITCM, DTCM, CARVE("ddr", 0xfffff000, 0x1001)),
	  .max_out = IMX_M7_MAX_REGIONS, .ret = -EINVAL,
	  .check = IMX_M7_E_REGION_WINDOW, .name = "ddr" },
	{ .desc = "carve-out ending at 4 GiB: the M7's system space",
	  DECLS(ITCM, DTCM, CARVE("ddr", 0xfffff000, 0x1000)),
	  .max_out = IMX_M7_MAX_REGIONS, .ret = -EINVAL,
	  .check = IMX_M7_E_REGION_WINDOW, .name = "ddr" },
	{ .desc = "carve-out at 0xc0000000",
	  DECLS(ITCM, DTCM, CARVE("ddr", 0xc0000000, 0x1000000)),
	  .max_out = IMX_M7_MAX_REGIONS, .ret = -EINVAL,
	  .check = IMX_M7_E_REGION_WINDOW, .name = "ddr" },
	{ .desc = "carve-out at 0xe0000000 (PPB)",
	  DECLS(ITCM, DTCM, CARVE("ddr", 0xe0000000, 0x1000)),
	  .max_out = IMX_M7_MAX_REGIONS, .ret = -EINVAL,
	  .check = IMX_M7_E_REGION_WINDOW, .name = "ddr" },
	{ .desc = "carve-out one byte past 0xc0000000",
	  DECLS(ITCM, DTCM, CARVE("ddr", 0xbffff000, 0x1001)),
	  .max_out = IMX_M7_MAX_REGIONS, .ret = -EINVAL,
	  .check = IMX_M7_E_REGION_WINDOW, .name = "ddr" },
	{ .desc = "two carve-outs overlap",
	  DECLS(ITCM, DTCM, CARVE("ddr", 0x80000000, 0x1000000), CARVE("ddr1", 0x80800000, 0x100000)),
	  .max_out = IMX_M7_MAX_REGIONS, .ret = -EINVAL,
	  .check = IMX_M7_E_REGION_OVERLAP, .name = "ddr1" },
	{ .desc = "a TCM stand-in inside a carve-out",
	  DECLS(REG("itcm", 0x80000000, 0x20000), REG("dtcm", 0x800000, 0x20000), CARVE("ddr", 0x80000000, 0x1000000)),
	  .max_out = IMX_M7_MAX_REGIONS, .ret = -EINVAL,
	  .check = IMX_M7_E_REGION_OVERLAP, .name = "ddr" },
	{ .desc = "itcm twice",
	  DECLS(ITCM, DTCM, REG("itcm", 0x7a0000, 0x1000)),
	  .max_out = IMX_M7_MAX_REGIONS, .ret = -EINVAL,
	  .check = IMX_M7_E_REGION_DUP, .name = "itcm" },
	{ .desc = "dtcm missing",
	  DECLS(REG("itcm", 0x7e0000, 0x20000), CARVE("ddr", 0x80000000, 0x1000000)),
	  .max_out = IMX_M7_MAX_REGIONS, .ret = -EINVAL,
	  .check = IMX_M7_E_REGION_MISSING, .name = "dtcm" },
	{ .desc = "more regions than room", DECLS(ITCM, DTCM,
	  REG("ocram", 0x900000, 0x1000)), .max_out = 3, .ret = -EINVAL,
	  .check = IMX_M7_E_REGION_COUNT, .name = "ocram",
	  .field = IMX_M7_F_COUNT_VIEWS },
	{ .desc = "17 declarations, before any is looked at",
	  .decl = t_17_decls, .n_decl = ARRAY_SIZE(t_17_decls),
	  .max_out = IMX_M7_MAX_REGIONS, .ret = -EINVAL,
	  .check = IMX_M7_E_REGION_COUNT, .name = "",
	  .field = IMX_M7_F_COUNT_DECLS },
};
KUNIT_ARRAY_PARAM(t_region, t_region_cases, t_region_desc);

static void regions_build_test(struct kunit *test)
{
	const struct t_region_case *c = test->param_value;
	struct imx_m7_region out[IMX_M7_MAX_REGIONS];
	struct imx_m7_diag diag;
	int i, ret;

	memset(out, 0, sizeof(out));
	ret = imx_m7_regions_build(&imx_m7_soc_imx8mp, c->decl, c->n_decl,
				   out, c->max_out, &diag);
	KUNIT_ASSERT_EQ(test, ret, c->ret);
	KUNIT_EXPECT_EQ(test, diag.check, c->check);
	if (ret < 0) {
		KUNIT_EXPECT_EQ(test, diag.err, ret);
		KUNIT_EXPECT_STREQ(test, diag.name, c->name);
		T_EXPECT_FIELD(test, diag.field, c->field);
		return;
	}
	for (i = 0; i < ret; i++) {
		KUNIT_EXPECT_STREQ(test, out[i].name, c->want[i].name);
		KUNIT_EXPECT_EQ_MSG(test, out[i].da, c->want[i].da, "%d", i);
		KUNIT_EXPECT_EQ_MSG(test, out[i].pa, c->want[i].pa, "%d", i);
		KUNIT_EXPECT_EQ_MSG(test, out[i].size, c->want[i].size, "%d", i);
		KUNIT_EXPECT_EQ_MSG(test, out[i].flags, c->want[i].flags,
				    "%d", i);
	}
}

/* The words of region refusals. */
struct t_regtext_case {
	const char *desc;
	const struct imx_m7_decl *decl;
	unsigned int n_decl;
	unsigned int max_out;
	const char *text;
};

static void t_regtext_desc(const struct t_regtext_case *c, char *desc)
{
	strscpy(desc, c->desc, KUNIT_PARAM_DESC_SIZE);
}

#define REGTEXT(d, txt, ...) { .desc = d, DECLS(__VA_ARGS__), \
	.max_out = IMX_M7_MAX_REGIONS, .text = txt }

static const struct t_regtext_case t_regtext_cases[] = {
	REGTEXT("without no-map",
		"region ddr CPU [0x80000000, 0x81000000): its reserved-memory node lacks no-map\n"
		"hint: add `no-map;` to the reserved-memory node: Linux must neither map nor use memory the M7 is loaded into",
		ITCM, DTCM, MAPPED("ddr", 0x80000000, 0x1000000)),
	REGTEXT("itcm and dtcm swapped",
		"region itcm CPU [0x00800000, 0x00820000) lies on the SoC's dtcm [0x00800000, 0x00820000), outside its own window [0x007e0000, 0x00800000)\n"
		"hint: reg or reg-names out of order? each reg must be its window's CPU address, or (on an emulator) a stand-in away from every TCM and OCRAM",
		REG("itcm", 0x800000, 0x20000), REG("dtcm", 0x7e0000, 0x20000)),
	REGTEXT("itcm too big",
		"region itcm CPU [0x007e0000, 0x00820000) is 0x40000 bytes, larger than the 0x20000-byte hardware window",
		REG("itcm", 0x7e0000, 0x40000)),
	REGTEXT("two carve-outs overlap",
		"region vdev0buffer CPU [0x80800000, 0x80900000) overlaps region ddr CPU [0x80000000, 0x81000000)",
		ITCM, DTCM, CARVE("ddr", 0x80000000, 0x1000000),
		CARVE("vdev0buffer", 0x80800000, 0x100000)),
	REGTEXT("carve-out at 0xc0000000",
		"region ddr CPU [0xc0000000, 0xc1000000) is outside the M7's DDR window [0x40000000, 0xc0000000)\n"
		"hint: the M7 reaches DDR only at CPU [0x40000000, 0xc0000000) (its M7 address is the same); move the carve-out there",
		ITCM, DTCM, CARVE("ddr", 0xc0000000, 0x1000000)),
	REGTEXT("ocram part past the window",
		"region ocram CPU [0x00940000, 0x00990001) runs 0x1 bytes past the end of its hardware window, CPU 0x00990000",
		ITCM, DTCM, REG("ocram", 0x940000, 0x50001)),
	REGTEXT("ddr8",
		"region ddr8: not a known memory-region-names name (reg-names: itcm, dtcm, ocram; memory-region-names: ddr, ddr0..ddr7, vdev0vring0, vdev0vring1, vdev0buffer, rsc-table)",
		ITCM, DTCM, CARVE("ddr8", 0x80000000, 0x1000)),
	{ .desc = "17 declarations", .decl = t_17_decls,
	  .n_decl = ARRAY_SIZE(t_17_decls), .max_out = IMX_M7_MAX_REGIONS,
	  .text = "17 memory declarations (reg and memory-region entries), more than the 16 this driver takes" },
	{ .desc = "the second views count", .max_out = 3,
	  DECLS(ITCM, DTCM, REG("ocram", 0x900000, 0x1000)),
	  .text = "region ocram: the declarations up to it need 4 region entries, more than the 3 available (ocram, and a carve-out below 0x4ffe0000, take two: their second M7 view counts too)" },
};
KUNIT_ARRAY_PARAM(t_regtext, t_regtext_cases, t_regtext_desc);

static void regions_text_test(struct kunit *test)
{
	const struct t_regtext_case *c = test->param_value;
	struct imx_m7_region out[IMX_M7_MAX_REGIONS];
	struct imx_m7_diag diag;
	char buf[320];

	KUNIT_ASSERT_LT(test, imx_m7_regions_build(&imx_m7_soc_imx8mp, c->decl,
						   c->n_decl, out, c->max_out,
						   &diag), 0);
	imx_m7_diag_format(&diag, NULL, 0, buf, sizeof(buf));
	KUNIT_EXPECT_STREQ(test, buf, c->text);
}

/* A region table the planner is handed, malformed: refused at entry. */
struct t_badrt_case {
	const char *desc;
	const struct imx_m7_region *regions;
	unsigned int n;
	enum imx_m7_check check;
	enum imx_m7_field field;
	int region;
	const char *text;
};

static void t_badrt_desc(const struct t_badrt_case *c, char *desc)
{
	strscpy(desc, c->desc, KUNIT_PARAM_DESC_SIZE);
}

static const struct imx_m7_region t_rt_ok[IMX_M7_MAX_REGIONS + 1] = {
	{ "itcm", 0, 0x7e0000, 0x20000, IMX_M7_REGION_LOAD },
	{ "dtcm", 0x20000000, 0x800000, 0x20000, IMX_M7_REGION_LOAD },
};

static const struct t_badrt_case t_badrt_cases[] = {
	{ .desc = "17 regions", .regions = t_rt_ok, .n = 17,
	  .check = IMX_M7_E_REGION_COUNT, .field = IMX_M7_F_COUNT_TABLE,
	  .region = -1,
	  .text = "the planner was given 17 regions, more than the 16 it takes" },
	{ .desc = "a region of size 0",
	  .regions = (const struct imx_m7_region[]){ T_ITCM_R, { "dtcm", 0x20000000, 0x800000, 0, 0 } },
	  .n = sizeof((const struct imx_m7_region[]){ T_ITCM_R, { "dtcm", 0x20000000, 0x800000, 0, 0 } }) / sizeof(struct imx_m7_region),
	  .check = IMX_M7_E_REGION_SIZE, .field = IMX_M7_F_REGION_EMPTY,
	  .region = 1,
	  .text = "region dtcm CPU [0x00800000, 0x00800000) is empty" },
	{ .desc = "CPU addresses wrapping",
	  .regions = (const struct imx_m7_region[]){ { "itcm", 0, 0xffffffffffff0000ULL, 0x20000, 0 }, T_DTCM_R },
	  .n = sizeof((const struct imx_m7_region[]){ { "itcm", 0, 0xffffffffffff0000ULL, 0x20000, 0 }, T_DTCM_R }) / sizeof(struct imx_m7_region),
	  .check = IMX_M7_E_REGION_SIZE, .field = IMX_M7_F_REGION_WRAP,
	  .region = 0,
	  .text = "region itcm CPU [0xffffffffffff0000, 0x00010000) wraps past the end of the address space" },
	{ .desc = "M7 addresses past 4 GiB",
	  .regions = (const struct imx_m7_region[]){ T_ITCM_R, T_DTCM_R, { "ddr", 0xfffff000, 0xfffff000, 0x2000, IMX_M7_REGION_LOAD } },
	  .n = sizeof((const struct imx_m7_region[]){ T_ITCM_R, T_DTCM_R, { "ddr", 0xfffff000, 0xfffff000, 0x2000, IMX_M7_REGION_LOAD } }) / sizeof(struct imx_m7_region),
	  .check = IMX_M7_E_REGION_SIZE, .field = IMX_M7_F_REGION_DA,
	  .region = 2,
	  .text = "region ddr CPU [0xfffff000, 0x100001000) at M7 0xfffff000 runs 0x1000 bytes past the M7's 4 GiB" },
};
KUNIT_ARRAY_PARAM(t_badrt, t_badrt_cases, t_badrt_desc);

static void plan_bad_regions_test(struct kunit *test)
{
	const struct t_badrt_case *c = test->param_value;
	struct imx_m7_plan plan;
	struct imx_m7_diag diag;
	char buf[256];
	size_t size;
	u8 *fw;

	fw = t_build(test, &t_small, &size);
	KUNIT_ASSERT_EQ(test, imx_m7_elf_plan(fw, size, c->regions, c->n,
					      &plan, &diag), -EINVAL);
	KUNIT_EXPECT_NULL(test, plan.ops);
	KUNIT_EXPECT_EQ(test, diag.err, -EINVAL);
	KUNIT_EXPECT_EQ(test, diag.check, c->check);
	KUNIT_EXPECT_EQ(test, diag.field, c->field);
	KUNIT_EXPECT_EQ(test, diag.region, c->region);
	KUNIT_EXPECT_EQ(test, diag.seg, -1);
	imx_m7_diag_format(&diag, c->regions, c->n, buf, sizeof(buf));
	KUNIT_EXPECT_STREQ(test, buf, c->text);
}

static void region_find_test(struct kunit *test)
{
	struct imx_m7_region r[IMX_M7_MAX_REGIONS];
	unsigned int n = t_regions(test, T_RT_FULL, r);

	KUNIT_EXPECT_EQ(test, imx_m7_region_find(r, n, 0, 0x20000), R_ITCM);
	KUNIT_EXPECT_EQ(test, imx_m7_region_find(r, n, 0, 0x20001), -1);
	KUNIT_EXPECT_EQ(test, imx_m7_region_find(r, n, 0x1ffff, 1), R_ITCM);
	KUNIT_EXPECT_EQ(test, imx_m7_region_find(r, n, 0x20000, 1), -1);
	KUNIT_EXPECT_EQ(test, imx_m7_region_find(r, n, 0x100, 0), -1);
	KUNIT_EXPECT_EQ(test, imx_m7_region_find(r, n, 0x20200000, 8),
			R_OCRAM_SYS);
	KUNIT_EXPECT_EQ(test, imx_m7_region_find(r, n, 0x81000000, 8), R_VDEV);
	KUNIT_EXPECT_EQ(test, imx_m7_region_find(r, n, 0x10000000, 8),
			R_DDR1_CODE);
	KUNIT_EXPECT_EQ(test, imx_m7_region_find(r, n, 0xffffffff, 2), -1);
	KUNIT_EXPECT_EQ(test, imx_m7_region_find(r, n, ~0ULL, ~0ULL), -1);
}

/* The roles the builder sets: which rpmsg carve-out, which region viewed. */
static void regions_roles_test(struct kunit *test)
{
	static const enum imx_m7_rpmsg want[] = {
		[W_ITCM] = IMX_M7_RPMSG_NONE, [W_DTCM] = IMX_M7_RPMSG_NONE,
		[W_DDR] = IMX_M7_RPMSG_NONE, [W_VRING0] = IMX_M7_RPMSG_VRING0,
		[W_VRING1] = IMX_M7_RPMSG_VRING1,
		[W_BUFFER] = IMX_M7_RPMSG_BUFFER,
		[W_RSC] = IMX_M7_RPMSG_RSC_TABLE,
	};
	struct imx_m7_region r[IMX_M7_MAX_REGIONS];
	unsigned int i, n;

	n = t_regions(test, T_RT_VRINGS, r);
	KUNIT_ASSERT_EQ(test, n, ARRAY_SIZE(want));
	for (i = 0; i < n; i++)
		KUNIT_EXPECT_EQ_MSG(test, r[i].rpmsg, want[i], "%s", r[i].name);
	n = t_regions(test, T_RT_FULL, r);
	for (i = 0; i < n; i++) {
		if (!(r[i].flags & IMX_M7_REGION_ALIAS))
			continue;
		KUNIT_EXPECT_EQ_MSG(test, r[i].alias_of, i - 1, "%s", r[i].name);
		KUNIT_EXPECT_STREQ(test, r[r[i].alias_of].name, r[i].name);
	}
	KUNIT_EXPECT_EQ(test, r[R_OCRAM_SYS].alias_of, R_OCRAM);
	KUNIT_EXPECT_EQ(test, r[R_DDR1_CODE].alias_of, R_DDR1);
	KUNIT_EXPECT_EQ(test, r[R_VDEV].rpmsg, IMX_M7_RPMSG_BUFFER);
	KUNIT_EXPECT_EQ(test, imx_m7_rpmsg_of("ddr"), IMX_M7_RPMSG_NONE);
}

void t_map_pairs(struct kunit *test, bool *seen)
{
	unsigned int i;

	T_PAIRS_OF(t_region_cases, ret);
	for (i = 0; i < ARRAY_SIZE(t_badrt_cases); i++)
		t_pair_seen(test, seen, t_badrt_cases[i].desc, -EINVAL,
			    t_badrt_cases[i].check, t_badrt_cases[i].field);
}

static struct kunit_case imx_m7_map_test_cases[] = {
	KUNIT_CASE_PARAM(regions_build_test, t_region_gen_params),
	KUNIT_CASE_PARAM(regions_text_test, t_regtext_gen_params),
	KUNIT_CASE_PARAM(plan_bad_regions_test, t_badrt_gen_params),
	KUNIT_CASE(region_find_test),
	KUNIT_CASE(regions_roles_test),
	{}
};

static struct kunit_suite imx_m7_map_test_suite = {
	.name = "imx_m7_map",
	.test_cases = imx_m7_map_test_cases,
};
kunit_test_suite(imx_m7_map_test_suite);
