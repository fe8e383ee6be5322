/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What the driver's KUnit suites share (tests/imx_m7_rproc_test.c and
 * tests/imx_m7_dt_test.c, one module): the recording fake behind the GPR
 * and SRC regmaps, and the per-case fixture (the test overlays applied, a
 * platform device, fresh fakes), set up by imx_m7_test_init() and torn
 * down by imx_m7_test_exit().
 */
#ifndef IMX_M7_RPROC_TEST_H
#define IMX_M7_RPROC_TEST_H

#include <kunit/test.h>
#include <linux/of.h>
#include <linux/regmap.h>

#include "imx_m7_elf.h"
#include "imx_m7_rproc.h"

#define IMX_M7_FAKE_REGS	64
#define IMX_M7_FAKE_LOG		16

struct imx_m7_access {
	char bank;		/* 'G' GPR, 'S' SRC */
	char op;		/* 'R' or 'W' */
	unsigned int reg;
	unsigned int val;
};

struct imx_m7_fake {
	struct imx_m7_access log[IMX_M7_FAKE_LOG];
	unsigned int n;
	unsigned int fail_reg;	/* accesses to it fail (-EIO) */
	bool fail;
};

struct imx_m7_bank {
	struct imx_m7_fake *fake;
	char id;
	u32 regs[IMX_M7_FAKE_REGS];
};

struct imx_m7_test_ctx {
	struct device *dev;
	struct platform_device *pdev;	/* before v6.9: unregistered in exit */
	int ovcs_id;			/* before v6.9: removed in exit */
	int resmem_id;			/* likewise, for /reserved-memory */
	struct imx_m7_region regions[IMX_M7_MAX_REGIONS];
	struct imx_m7_fake fake;
	struct imx_m7_bank gpr, src;
	struct regmap *gpr_map, *src_map;
	struct imx_m7_rproc priv;	/* the driver's state, around the fakes */
	struct rproc *rproc;		/* freed in exit */
};

int imx_m7_test_init(struct kunit *test);
void imx_m7_test_exit(struct kunit *test);
/* The node @name under the overlay's /kunit-imx-m7, put at case end. */
struct device_node *imx_m7_test_node(struct kunit *test, const char *name);

#endif
