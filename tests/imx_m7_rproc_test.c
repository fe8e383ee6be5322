// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit suite imx_m7_rproc: the kernel glue of imx-m7-rproc. Its fixture
 * and fakes (tests/imx_m7_rproc_test.h) also serve the suite imx_m7_dt
 * (tests/imx_m7_dt_test.c, the device-tree reading), in the same module.
 *
 * - The MMIO and SMC start/stop methods and probe's look at the M7, with
 *   the register layer replaced by regmaps over a recording fake and the
 *   SMC by a recording function: each case asserts the exact accesses,
 *   values and calls.
 * - The glue around the remoteproc core on a struct imx_m7_rproc built
 *   here: plan operations refused unless inside a loadable region and the
 *   file, carve-out registration undone when it fails half-way, and the
 *   header check of a running firmware's resource table.
 * - The lifecycle on a struct rproc with the driver's own ops, never added:
 *   the unwind before rproc_del() (a failed probe detaches an attached M7,
 *   unbind drops every user but one), the watch that puts a failed crash
 *   recovery back to "crashed", the mailbox work waiting for rproc->lock.
 * - The M7 clock against a fake provider with one registered clock and
 *   one empty slot.
 */

#include <kunit/test.h>
#include <linux/clk.h>
#include <linux/clk-provider.h>
#include <linux/delay.h>
#include <linux/module.h>
#include <linux/of.h>
#include <linux/platform_device.h>
#include <linux/pm_runtime.h>
#include <linux/regmap.h>
#include <linux/remoteproc.h>
#include <linux/slab.h>
#include <linux/string.h>

#include "imx_m7_compat.h"
#include "imx_m7_elf.h"
#include "imx_m7_rproc.h"

#ifdef IMX_M7_HAVE_KUNIT_OF
#include <kunit/of.h>
#include <kunit/platform_device.h>
#endif

/*
 * The overlays, compiled by Kbuild from imx_m7_rproc_test*.dtso and
 * embedded under the symbol names kunit/of.h's of_overlay_apply_kunit()
 * expects.
 */
asm(".pushsection .rodata, \"a\"\n"
	".balign 8\n"
	"__dtbo_imx_m7_rproc_test_begin:\n"
	".incbin \"" IMX_M7_RPROC_TEST_DIR "/imx_m7_rproc_test.dtbo\"\n"
	"__dtbo_imx_m7_rproc_test_end:\n"
	".balign 8\n"
	"__dtbo_imx_m7_rproc_test_resmem_begin:\n"
	".incbin \"" IMX_M7_RPROC_TEST_DIR "/imx_m7_rproc_test_resmem.dtbo\"\n"
	"__dtbo_imx_m7_rproc_test_resmem_end:\n"
	".popsection\n");

/* ---- Fakes: GPR/SRC registers behind regmaps, TF-A's SMC ------------- */

#include "imx_m7_rproc_test.h"


static void imx_m7_fake_log(struct imx_m7_bank *b, char op, unsigned int reg,
			    unsigned int val)
{
	struct imx_m7_fake *f = b->fake;

	if (f->n < IMX_M7_FAKE_LOG)
		f->log[f->n] = (struct imx_m7_access){ b->id, op, reg, val };
	f->n++;
}

static int imx_m7_fake_read(void *context, unsigned int reg, unsigned int *val)
{
	struct imx_m7_bank *b = context;

	if (b->fake->fail && b->fake->fail_reg == reg)
		return -EIO;
	*val = b->regs[reg / 4];
	imx_m7_fake_log(b, 'R', reg, *val);
	return 0;
}

static int imx_m7_fake_write(void *context, unsigned int reg, unsigned int val)
{
	struct imx_m7_bank *b = context;

	if (b->fake->fail && b->fake->fail_reg == reg)
		return -EIO;
	b->regs[reg / 4] = val;
	imx_m7_fake_log(b, 'W', reg, val);
	return 0;
}

static const struct regmap_config imx_m7_fake_config = {
	.reg_bits = 32,
	.val_bits = 32,
	.reg_stride = 4,
	.max_register = (IMX_M7_FAKE_REGS - 1) * 4,
	.reg_read = imx_m7_fake_read,
	.reg_write = imx_m7_fake_write,
	.cache_type = REGCACHE_NONE,
};

/*
 * The fake TF-A: records each call and answers with the result programmed
 * for its function (START, STARTED, STOP). One test runs at a time, so
 * file-scope state is enough.
 */
static struct {
	unsigned long fid[4], func[4];
	unsigned int n;
	struct arm_smccc_res res[3];
} imx_m7_smc_fake;

#define START	IMX_M7_SIP_SRC_M4_START
#define STARTED	IMX_M7_SIP_SRC_M4_STARTED
#define STOP	IMX_M7_SIP_SRC_M4_STOP

/* ---- Fixture ------------------------------------------------------------ */


/*
 * Apply one embedded overlay: test-managed through kunit/of.h from v6.9,
 * removed by imx_m7_test_exit() before.
 */
static int imx_m7_test_overlay(struct kunit *test, u8 *begin, u8 *end,
			       int *ovcs_id)
{
#ifdef IMX_M7_HAVE_KUNIT_OF
	return of_overlay_fdt_apply_kunit(test, begin, end - begin, ovcs_id);
#else
	return imx_m7_of_overlay_fdt_apply(begin, end - begin, ovcs_id);
#endif
}

/*
 * Each case gets the overlay applied, a platform device to report through,
 * two fresh fake register banks and a fresh fake TF-A.
 */
int imx_m7_test_init(struct kunit *test)
{
	struct imx_m7_test_ctx *ctx;
	struct device_node *np;
	u32 cells[2];
	int ret;

	ctx = kunit_kzalloc(test, sizeof(*ctx), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, ctx);
	test->priv = ctx;
	ctx->ovcs_id = -1;
	ctx->resmem_id = -1;
	memset(&imx_m7_smc_fake, 0, sizeof(imx_m7_smc_fake));

	/* Add /reserved-memory if the booted tree lacks it, else use it. */
	np = of_find_node_by_path("/reserved-memory");
	if (np) {
		ret = of_property_read_u32(np, "#address-cells", &cells[0]) ||
		      of_property_read_u32(np, "#size-cells", &cells[1]) ||
		      !imx_m7_of_property_present(np, "ranges");
		of_node_put(np);
		if (ret || cells[0] != 2 || cells[1] != 2)
			kunit_skip(test, "the booted /reserved-memory is not 2+2 cells with ranges, as the test overlay's carve-outs need");
	} else {
		ret = imx_m7_test_overlay(test, __dtbo_imx_m7_rproc_test_resmem_begin,
					  __dtbo_imx_m7_rproc_test_resmem_end,
					  &ctx->resmem_id);
		KUNIT_ASSERT_EQ(test, ret, 0);
	}
	ret = imx_m7_test_overlay(test, __dtbo_imx_m7_rproc_test_begin,
				  __dtbo_imx_m7_rproc_test_end, &ctx->ovcs_id);
	KUNIT_ASSERT_EQ(test, ret, 0);

#ifdef IMX_M7_HAVE_KUNIT_OF
	ctx->pdev = kunit_platform_device_alloc(test, "imx-m7-rproc-kunit",
						PLATFORM_DEVID_NONE);
	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, ctx->pdev);
	KUNIT_ASSERT_EQ(test, kunit_platform_device_add(test, ctx->pdev), 0);
#else
	ctx->pdev = platform_device_register_simple("imx-m7-rproc-kunit",
						    PLATFORM_DEVID_NONE,
						    NULL, 0);
	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, ctx->pdev);
#endif
	ctx->dev = &ctx->pdev->dev;

	ctx->gpr.fake = &ctx->fake;
	ctx->gpr.id = 'G';
	ctx->src.fake = &ctx->fake;
	ctx->src.id = 'S';
	ctx->gpr_map = regmap_init(NULL, NULL, &ctx->gpr, &imx_m7_fake_config);
	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, ctx->gpr_map);
	ctx->src_map = regmap_init(NULL, NULL, &ctx->src, &imx_m7_fake_config);
	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, ctx->src_map);
	return 0;
}

/* Declared after the fake so that the fixture can hand it out. */
static void imx_m7_fake_smc(unsigned long fid, unsigned long func,
			    struct arm_smccc_res *res);

void imx_m7_test_exit(struct kunit *test)
{
	struct imx_m7_test_ctx *ctx = test->priv;

	if (!ctx)
		return;
	if (ctx->rproc)
		rproc_free(ctx->rproc);
	if (!IS_ERR_OR_NULL(ctx->src_map))
		regmap_exit(ctx->src_map);
	if (!IS_ERR_OR_NULL(ctx->gpr_map))
		regmap_exit(ctx->gpr_map);
#ifndef IMX_M7_HAVE_KUNIT_OF
	if (!IS_ERR_OR_NULL(ctx->pdev))
		platform_device_unregister(ctx->pdev);
	if (ctx->ovcs_id >= 0)
		of_overlay_remove(&ctx->ovcs_id);
	if (ctx->resmem_id >= 0)
		of_overlay_remove(&ctx->resmem_id);
#endif
}

/* ---- DT parsing and region checks ------------------------------------- */

struct device_node *imx_m7_test_node(struct kunit *test, const char *name)
{
	struct device_node *parent, *np;

	parent = of_find_node_by_path("/kunit-imx-m7");
	KUNIT_ASSERT_NOT_NULL(test, parent);
	np = of_get_child_by_name(parent, name);
	of_node_put(parent);
	KUNIT_ASSERT_NOT_NULL_MSG(test, np, "no node %s in the overlay", name);
	return np;
}

/*
 * The driver's state for the method of node @name ("good": MMIO,
 * "good-ocram": SMC), over the fake registers and the fake TF-A.
 */
static struct imx_m7_rproc *imx_m7_test_priv(struct kunit *test,
					     const char *name)
{
	struct imx_m7_test_ctx *ctx = test->priv;
	struct imx_m7_rproc *priv = &ctx->priv;
	struct device_node *np = imx_m7_test_node(test, name);

	priv->dev = ctx->dev;
	priv->method = imx_m7_method_of(np);
	of_node_put(np);
	priv->gpr = ctx->gpr_map;
	priv->src = ctx->src_map;
	priv->smc = imx_m7_fake_smc;
	return priv;
}

#define imx_m7_mmio(test)	imx_m7_test_priv(test, "good")
#define imx_m7_smcp(test)	imx_m7_test_priv(test, "good-ocram")

/* fsl,iomuxc-gpr selects MMIO; without it, TF-A's SMC. */
static void imx_m7_dt_method_test(struct kunit *test)
{
	KUNIT_EXPECT_STREQ(test, imx_m7_mmio(test)->method->name, "mmio");
	KUNIT_EXPECT_STREQ(test, imx_m7_smcp(test)->method->name, "smc");
}

/* ---- MMIO method ------------------------------------------------------ */

static void imx_m7_expect_log(struct kunit *test, const struct imx_m7_fake *f,
			      const struct imx_m7_access *want, unsigned int n)
{
	unsigned int i;

	KUNIT_ASSERT_EQ(test, f->n, n);
	for (i = 0; i < n; i++) {
		KUNIT_EXPECT_EQ_MSG(test, f->log[i].bank, want[i].bank, "access %u", i);
		KUNIT_EXPECT_EQ_MSG(test, f->log[i].op, want[i].op, "access %u", i);
		KUNIT_EXPECT_EQ_MSG(test, f->log[i].reg, want[i].reg, "access %u", i);
		KUNIT_EXPECT_EQ_MSG(test, f->log[i].val, want[i].val, "access %u", i);
	}
}

#define GPR22	IMX_M7_GPR22
#define M7RCR	IMX_M7_SRC_M7RCR

/* Stop a running M7: CPUWAIT set first, then the core reset pulsed. */
static void imx_m7_mmio_stop_test(struct kunit *test)
{
	struct imx_m7_test_ctx *ctx = test->priv;
	struct imx_m7_rproc *p = imx_m7_mmio(test);
	static const struct imx_m7_access want[] = {
		{ 'G', 'R', GPR22, 0x0 }, { 'G', 'W', GPR22, 0x1 },
		{ 'S', 'R', M7RCR, 0x8 }, { 'S', 'W', M7RCR, 0xa },
	};

	ctx->src.regs[M7RCR / 4] = 0x8;
	KUNIT_EXPECT_EQ(test, p->method->stop(p), 0);
	imx_m7_expect_log(test, &ctx->fake, want, ARRAY_SIZE(want));
	KUNIT_EXPECT_EQ(test, p->method->running(p), 0);
}

/* Start a held M7: SRC enabled with no reset, then CPUWAIT cleared. */
static void imx_m7_mmio_start_test(struct kunit *test)
{
	struct imx_m7_test_ctx *ctx = test->priv;
	struct imx_m7_rproc *p = imx_m7_mmio(test);
	static const struct imx_m7_access want[] = {
		{ 'S', 'R', M7RCR, 0xa }, { 'S', 'W', M7RCR, 0x8 },
		{ 'G', 'R', GPR22, 0x1 }, { 'G', 'W', GPR22, 0x0 },
	};

	ctx->gpr.regs[GPR22 / 4] = 0x1;
	ctx->src.regs[M7RCR / 4] = 0xa;
	KUNIT_EXPECT_EQ(test, p->method->start(p), 0);
	imx_m7_expect_log(test, &ctx->fake, want, ARRAY_SIZE(want));
	KUNIT_EXPECT_EQ(test, p->method->running(p), 1);
}

/* The other bits of GPR22 and SRC_M7RCR (e.g. the WDOG3 mask) survive. */
static void imx_m7_mmio_other_bits_test(struct kunit *test)
{
	struct imx_m7_test_ctx *ctx = test->priv;
	struct imx_m7_rproc *p = imx_m7_mmio(test);

	ctx->gpr.regs[GPR22 / 4] = 0xf0f1;
	ctx->src.regs[M7RCR / 4] = 0xa9;
	KUNIT_EXPECT_EQ(test, p->method->start(p), 0);
	KUNIT_EXPECT_EQ(test, ctx->gpr.regs[GPR22 / 4], 0xf0f0);
	KUNIT_EXPECT_EQ(test, ctx->src.regs[M7RCR / 4], 0xa8);
	KUNIT_EXPECT_EQ(test, p->method->stop(p), 0);
	KUNIT_EXPECT_EQ(test, ctx->gpr.regs[GPR22 / 4], 0xf0f1);
	KUNIT_EXPECT_EQ(test, ctx->src.regs[M7RCR / 4], 0xaa);
}

/* Running needs CPUWAIT clear and the held core reset deasserted. */
static void imx_m7_mmio_running_test(struct kunit *test)
{
	struct imx_m7_test_ctx *ctx = test->priv;
	struct imx_m7_rproc *p = imx_m7_mmio(test);
	static const struct { u32 gpr, src; int running; } c[] = {
		{ 0x0, 0x8, 1 }, { 0x0, 0x0, 1 }, { 0x1, 0x8, 0 },
		{ 0x0, 0x9, 0 }, { 0x1, 0x9, 0 }, { 0xfffe, 0xa8, 1 },
	};
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(c); i++) {
		ctx->gpr.regs[GPR22 / 4] = c[i].gpr;
		ctx->src.regs[M7RCR / 4] = c[i].src;
		KUNIT_EXPECT_EQ_MSG(test, p->method->running(p), c[i].running,
				    "GPR22 0x%x SRC 0x%x", c[i].gpr, c[i].src);
	}
}

/* A failed GPR write stops the sequence: the SRC is never touched. */
static void imx_m7_mmio_error_test(struct kunit *test)
{
	struct imx_m7_test_ctx *ctx = test->priv;
	struct imx_m7_rproc *p = imx_m7_mmio(test);

	ctx->fake.fail = true;
	ctx->fake.fail_reg = GPR22;
	KUNIT_EXPECT_EQ(test, p->method->stop(p), -EIO);
	KUNIT_EXPECT_EQ(test, ctx->fake.n, 0);
	KUNIT_EXPECT_EQ(test, p->method->running(p), -EIO);
}

/*
 * Probe, MMIO: a running M7 is only read (attach); a held one (power-on
 * values, or its core reset held) is pulsed into the state start expects.
 */
static void imx_m7_mmio_detect_test(struct kunit *test)
{
	struct imx_m7_test_ctx *ctx = test->priv;
	struct imx_m7_rproc *p = imx_m7_mmio(test);
	static const struct { u32 gpr, src; int ret; unsigned int n; } c[] = {
		{ 0x0, 0x8, 1, 2 },	/* running: GPR22 and SRC read */
		{ 0x1, 0x0, 0, 5 },	/* held: read both, stop (GPR22 kept) */
		{ 0x0, 0x9, 0, 6 },	/* core reset held: read both, stop */
	};
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(c); i++) {
		ctx->fake.n = 0;
		ctx->gpr.regs[GPR22 / 4] = c[i].gpr;
		ctx->src.regs[M7RCR / 4] = c[i].src;
		KUNIT_EXPECT_EQ_MSG(test, imx_m7_detect_state(p), c[i].ret,
				    "GPR22 0x%x SRC 0x%x", c[i].gpr, c[i].src);
		KUNIT_EXPECT_EQ_MSG(test, ctx->fake.n, c[i].n,
				    "GPR22 0x%x SRC 0x%x", c[i].gpr, c[i].src);
		if (!c[i].ret) {
			KUNIT_EXPECT_EQ(test, ctx->gpr.regs[GPR22 / 4], 0x1);
			KUNIT_EXPECT_EQ(test, ctx->src.regs[M7RCR / 4] & 0xf, 0xa);
		}
	}
	ctx->fake.fail = true;
	ctx->fake.fail_reg = GPR22;
	KUNIT_EXPECT_EQ(test, imx_m7_detect_state(p), -EIO);
}

/* ---- SMC method: a recording SMC layer --------------------------------- */

static void imx_m7_fake_smc(unsigned long fid, unsigned long func,
			    struct arm_smccc_res *res)
{
	if (imx_m7_smc_fake.n < ARRAY_SIZE(imx_m7_smc_fake.fid)) {
		imx_m7_smc_fake.fid[imx_m7_smc_fake.n] = fid;
		imx_m7_smc_fake.func[imx_m7_smc_fake.n] = func;
	}
	imx_m7_smc_fake.n++;
	if (func < ARRAY_SIZE(imx_m7_smc_fake.res))
		*res = imx_m7_smc_fake.res[func];
	else
		*res = (struct arm_smccc_res){ .a0 = SMCCC_RET_NOT_SUPPORTED };
}

static void imx_m7_expect_one_call(struct kunit *test, unsigned long func)
{
	KUNIT_ASSERT_EQ(test, imx_m7_smc_fake.n, 1);
	KUNIT_EXPECT_EQ(test, imx_m7_smc_fake.fid[0], 0xc2000005UL);
	KUNIT_EXPECT_EQ(test, imx_m7_smc_fake.func[0], func);
}

static void imx_m7_smc_start_test(struct kunit *test)
{
	struct imx_m7_rproc *p = imx_m7_smcp(test);

	KUNIT_EXPECT_EQ(test, p->method->start(p), 0);
	imx_m7_expect_one_call(test, 0x00);
}

static void imx_m7_smc_stop_test(struct kunit *test)
{
	struct imx_m7_rproc *p = imx_m7_smcp(test);

	KUNIT_EXPECT_EQ(test, p->method->stop(p), 0);
	imx_m7_expect_one_call(test, 0x02);
}

/* NXP's TF-A: a1 = forced (not in WFI) is fine; a2 = reset timed out. */
static void imx_m7_smc_stop_report_test(struct kunit *test)
{
	struct imx_m7_rproc *p = imx_m7_smcp(test);

	imx_m7_smc_fake.res[STOP].a1 = (unsigned long)-ETIMEDOUT;
	KUNIT_EXPECT_EQ(test, p->method->stop(p), 0);
	imx_m7_smc_fake.res[STOP].a1 = 0;
	imx_m7_smc_fake.res[STOP].a2 = (unsigned long)-ETIMEDOUT;
	KUNIT_EXPECT_EQ(test, p->method->stop(p), -ETIMEDOUT);
	KUNIT_EXPECT_EQ(test, imx_m7_smc_fake.n, 2);
}

static void imx_m7_smc_running_test(struct kunit *test)
{
	struct imx_m7_rproc *p = imx_m7_smcp(test);

	imx_m7_smc_fake.res[STARTED].a0 = 1;
	KUNIT_EXPECT_EQ(test, p->method->running(p), 1);
	imx_m7_expect_one_call(test, 0x01);
	imx_m7_smc_fake.res[STARTED].a0 = 0;
	KUNIT_EXPECT_EQ(test, p->method->running(p), 0);
}

/* A TF-A without the service answers SMCCC_RET_NOT_SUPPORTED to each. */
static void imx_m7_smc_unsupported_test(struct kunit *test)
{
	struct imx_m7_rproc *p = imx_m7_smcp(test);
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(imx_m7_smc_fake.res); i++)
		imx_m7_smc_fake.res[i].a0 = (unsigned long)SMCCC_RET_NOT_SUPPORTED;
	KUNIT_EXPECT_EQ(test, p->method->start(p), -EOPNOTSUPP);
	KUNIT_EXPECT_EQ(test, p->method->stop(p), -EOPNOTSUPP);
	KUNIT_EXPECT_EQ(test, p->method->running(p), -EOPNOTSUPP);
	KUNIT_EXPECT_EQ(test, imx_m7_smc_fake.n, 3);
}

static void imx_m7_smc_failure_test(struct kunit *test)
{
	struct imx_m7_rproc *p = imx_m7_smcp(test);

	imx_m7_smc_fake.res[START].a0 = 5;
	imx_m7_smc_fake.res[STOP].a0 = 5;
	KUNIT_EXPECT_EQ(test, p->method->start(p), -EIO);
	KUNIT_EXPECT_EQ(test, p->method->stop(p), -EIO);
}

/*
 * Probe, SMC: only STARTED is asked. A held M7 is left alone, so that
 * probe works on mainline TF-A, which answers STOP with
 * SMCCC_RET_NOT_SUPPORTED.
 */
struct imx_m7_detect_case {
	const char *desc;
	long started, stop;	/* a0 of STARTED and of STOP */
	int ret;
};

static const struct imx_m7_detect_case imx_m7_detect_cases[] = {
	{ "held, mainline TF-A (no STOP)", 0, SMCCC_RET_NOT_SUPPORTED, 0 },
	{ "held, NXP TF-A",		   0, 0, 0 },
	{ "running",			   1, SMCCC_RET_NOT_SUPPORTED, 1 },
	{ "no SiP service",		   SMCCC_RET_NOT_SUPPORTED,
					   SMCCC_RET_NOT_SUPPORTED, -EOPNOTSUPP },
};

static void imx_m7_detect_case_desc(const struct imx_m7_detect_case *c,
				    char *desc)
{
	snprintf(desc, KUNIT_PARAM_DESC_SIZE, "%s", c->desc);
}

KUNIT_ARRAY_PARAM(imx_m7_detect, imx_m7_detect_cases, imx_m7_detect_case_desc);

static void imx_m7_smc_detect_test(struct kunit *test)
{
	const struct imx_m7_detect_case *c = test->param_value;
	struct imx_m7_rproc *p = imx_m7_smcp(test);

	imx_m7_smc_fake.res[STARTED].a0 = c->started;
	imx_m7_smc_fake.res[STOP].a0 = c->stop;
	KUNIT_EXPECT_EQ(test, imx_m7_detect_state(p), c->ret);
	imx_m7_expect_one_call(test, STARTED);
}

/* ---- Writing a plan ---------------------------------------------------- */

#define IMX_M7_TEST_REGION	64
#define IMX_M7_TEST_FW		32
#define IMX_M7_TEST_FILL	0x5a

/*
 * Region 0 loadable memory, region 1 rpmsg memory (not loadable), both
 * IMX_M7_TEST_REGION bytes filled with IMX_M7_TEST_FILL; a firmware of
 * IMX_M7_TEST_FW bytes 0x80, 0x81, ...
 */
static struct imx_m7_rproc *imx_m7_test_memory(struct kunit *test,
					       struct firmware *fw)
{
	struct imx_m7_test_ctx *ctx = test->priv;
	struct imx_m7_rproc *priv = &ctx->priv;
	static const struct imx_m7_region regions[] = {
		{ "ddr", 0x80000000, 0x80000000, IMX_M7_TEST_REGION,
		  IMX_M7_REGION_LOAD },
		{ "rsc-table", 0x80100000, 0x80100000, IMX_M7_TEST_REGION, 0,
		  0, IMX_M7_RPMSG_RSC_TABLE },
	};
	u8 *data;
	int i;

	priv->dev = ctx->dev;
	memcpy(priv->regions, regions, sizeof(regions));
	priv->n_regions = ARRAY_SIZE(regions);
	for (i = 0; i < ARRAY_SIZE(regions); i++) {
		priv->va[i] = kunit_kmalloc(test, IMX_M7_TEST_REGION, GFP_KERNEL);
		KUNIT_ASSERT_NOT_NULL(test, priv->va[i]);
		memset(priv->va[i], IMX_M7_TEST_FILL, IMX_M7_TEST_REGION);
	}
	data = kunit_kmalloc(test, IMX_M7_TEST_FW, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, data);
	for (i = 0; i < IMX_M7_TEST_FW; i++)
		data[i] = 0x80 + i;
	fw->data = data;
	fw->size = IMX_M7_TEST_FW;
	return priv;
}

struct imx_m7_op_case {
	const char *desc;
	struct imx_m7_op op;
	int err;
};

/* The vector rows' table: initial SP, reset PC. */
#define T_VECTOR	{ 0x20001000, 0x1c1 }

static const struct imx_m7_op_case imx_m7_op_cases[] = {
	{ .desc = "copy",
	  .op = { .kind = IMX_M7_OP_COPY, .region = 0, .offset = 8, .len = 16,
		  .src = 4 } },
	{ .desc = "copy to the region's end",
	  .op = { .kind = IMX_M7_OP_COPY, .region = 0, .offset = 32, .len = 32,
		  .src = 0 } },
	{ .desc = "zero",
	  .op = { .kind = IMX_M7_OP_ZERO, .region = 0, .offset = 0, .len = 64 } },
	{ .desc = "vector",
	  .op = { .kind = IMX_M7_OP_VECTOR, .region = 0, .len = 8,
		  .vector = T_VECTOR } },
	{ .desc = "region not loadable",
	  .op = { .kind = IMX_M7_OP_COPY, .region = 1, .offset = 0, .len = 16,
		  .src = 0 },
	  .err = -EINVAL },
	{ .desc = "zero, region not loadable",
	  .op = { .kind = IMX_M7_OP_ZERO, .region = 1, .offset = 0, .len = 16 },
	  .err = -EINVAL },
	{ .desc = "region past the table",
	  .op = { .kind = IMX_M7_OP_COPY, .region = 2, .offset = 0, .len = 16,
		  .src = 0 },
	  .err = -EINVAL },
	{ .desc = "region index 0xffffffff",
	  .op = { .kind = IMX_M7_OP_ZERO, .region = 0xffffffff, .offset = 0,
		  .len = 1 },
	  .err = -EINVAL },
	{ .desc = "offset past the region",
	  .op = { .kind = IMX_M7_OP_ZERO, .region = 0, .offset = 65, .len = 0 },
	  .err = -EINVAL },
	{ .desc = "end past the region",
	  .op = { .kind = IMX_M7_OP_ZERO, .region = 0, .offset = 60, .len = 8 },
	  .err = -EINVAL },
	{ .desc = "length 0xffffffff",
	  .op = { .kind = IMX_M7_OP_ZERO, .region = 0, .offset = 1,
		  .len = 0xffffffff },
	  .err = -EINVAL },
	{ .desc = "source past the file",
	  .op = { .kind = IMX_M7_OP_COPY, .region = 0, .offset = 0, .len = 0,
		  .src = 33 },
	  .err = -EINVAL },
	{ .desc = "source end past the file",
	  .op = { .kind = IMX_M7_OP_COPY, .region = 0, .offset = 0, .len = 4,
		  .src = 30 },
	  .err = -EINVAL },
	{ .desc = "source length wraps",
	  .op = { .kind = IMX_M7_OP_COPY, .region = 0, .offset = 0,
		  .len = 0xffffffff, .src = 2 },
	  .err = -EINVAL },
	{ .desc = "vector of 4 bytes",
	  .op = { .kind = IMX_M7_OP_VECTOR, .region = 0, .len = 4,
		  .vector = T_VECTOR },
	  .err = -EINVAL },
	{ .desc = "unknown kind", .op = { .kind = 7, .len = 4 }, .err = -EINVAL },
};

static void imx_m7_op_case_desc(const struct imx_m7_op_case *c, char *desc)
{
	snprintf(desc, KUNIT_PARAM_DESC_SIZE, "%s", c->desc);
}

KUNIT_ARRAY_PARAM(imx_m7_op, imx_m7_op_cases, imx_m7_op_case_desc);

/*
 * One operation: written exactly where it says when inside a loadable
 * region and the file; refused otherwise, with nothing written anywhere.
 */
static void imx_m7_write_op_test(struct kunit *test)
{
	const struct imx_m7_op_case *c = test->param_value;
	const struct imx_m7_op *op = &c->op;
	struct firmware fw = { };
	struct imx_m7_rproc *priv = imx_m7_test_memory(test, &fw);
	u8 want[IMX_M7_TEST_REGION];
	__le32 vector[2];

	memset(want, IMX_M7_TEST_FILL, sizeof(want));
	if (!c->err) {
		if (op->kind == IMX_M7_OP_COPY) {
			memcpy(want + op->offset, fw.data + op->src, op->len);
		} else if (op->kind == IMX_M7_OP_ZERO) {
			memset(want + op->offset, 0, op->len);
		} else {
			vector[0] = cpu_to_le32(op->vector[0]);
			vector[1] = cpu_to_le32(op->vector[1]);
			memcpy(want + op->offset, vector, sizeof(vector));
		}
	}
	KUNIT_EXPECT_EQ(test, imx_m7_write_op(priv, &fw, op), c->err);
	KUNIT_EXPECT_EQ(test, memcmp(priv->va[0], want, sizeof(want)), 0);
	KUNIT_EXPECT_NULL(test, memchr_inv(priv->va[1], IMX_M7_TEST_FILL,
					   IMX_M7_TEST_REGION));
}

/* ---- Carve-outs and resource tables ------------------------------------ */

static const struct rproc_ops imx_m7_test_rproc_ops = { };

/*
 * A struct rproc (never added) for carve-out registration: the core's lists
 * of carve-outs and coredump segments, nothing else.
 */
static struct imx_m7_rproc *imx_m7_test_rproc(struct kunit *test,
					      const char * const *names,
					      unsigned int n)
{
	struct imx_m7_test_ctx *ctx = test->priv;
	struct imx_m7_rproc *priv = &ctx->priv;
	unsigned int i;

	ctx->rproc = rproc_alloc(ctx->dev, "imx-m7-kunit", &imx_m7_test_rproc_ops,
				 NULL, 0);
	KUNIT_ASSERT_NOT_NULL(test, ctx->rproc);
	priv->dev = ctx->dev;
	priv->rproc = ctx->rproc;
	priv->n_regions = n;
	for (i = 0; i < n; i++) {
		struct imx_m7_region *r = &priv->regions[i];

		strscpy(r->name, names[i], sizeof(r->name));
		r->rpmsg = imx_m7_rpmsg_of(names[i]);	/* as the builder does */
		r->da = 0x80000000 + i * 0x10000;
		r->pa = r->da;
		r->size = 0x1000;
		priv->va[i] = kunit_kzalloc(test, r->size, GFP_KERNEL);
		KUNIT_ASSERT_NOT_NULL(test, priv->va[i]);
	}
	return priv;
}

/* Every region a coredump segment, each vdev ring a carve-out. */
static void imx_m7_carveouts_test(struct kunit *test)
{
	static const char * const names[] = {
		"ddr", "vdev0vring0", "vdev0vring1", "rsc-table",
	};
	struct imx_m7_rproc *priv = imx_m7_test_rproc(test, names,
						      ARRAY_SIZE(names));
	struct rproc *rproc = priv->rproc;

	KUNIT_EXPECT_EQ(test, imx_m7_register_carveouts(priv), 0);
	KUNIT_EXPECT_EQ(test, list_count_nodes(&rproc->carveouts), 2);
	KUNIT_EXPECT_EQ(test, list_count_nodes(&rproc->dump_segments), 4);
	rproc_resource_cleanup(rproc);
}

/*
 * A region that fails after others were registered (vdev0buffer, which
 * this device's tree does not name) leaves nothing behind: the core cleans
 * up neither after .parse_fw nor after .prepare fails.
 */
static void imx_m7_carveouts_fail_test(struct kunit *test)
{
	static const char * const names[] = {
		"ddr", "vdev0vring0", "vdev0vring1", "vdev0buffer",
	};
	struct imx_m7_rproc *priv = imx_m7_test_rproc(test, names,
						      ARRAY_SIZE(names));
	struct rproc *rproc = priv->rproc;

	KUNIT_EXPECT_EQ(test, imx_m7_register_carveouts(priv), -EINVAL);
	KUNIT_EXPECT_TRUE(test, list_empty(&rproc->carveouts));
	KUNIT_EXPECT_TRUE(test, list_empty(&rproc->dump_segments));
}

struct imx_m7_rsc_case {
	const char *desc;
	size_t size;		/* of the rsc-table carve-out */
	u32 ver, num;		/* its header, where it fits */
	int err;
};

static const struct imx_m7_rsc_case imx_m7_rsc_cases[] = {
	{ "empty carve-out",		0,  0, 0, -EINVAL },
	{ "4 bytes",			4,  1, 0, -EINVAL },
	{ "15 bytes",			15, 1, 0, -EINVAL },
	{ "all zero: none published",	16, 0, 0, -ENOENT },
	{ "header only",		16, 1, 0, 0 },
	{ "no room for the offset",	16, 1, 1, -EINVAL },
	{ "one entry",			20, 1, 1, 0 },
	{ "version 2",			64, 2, 0, -EINVAL },
	{ "version 0, entries",		64, 0, 1, -EINVAL },
	{ "0xffffffff entries",		64, 1, 0xffffffff, -EINVAL },
	{ "entries fill it exactly",	64, 1, 12, 0 },
	{ "one entry too many",		64, 1, 13, -EINVAL },
};

static void imx_m7_rsc_case_desc(const struct imx_m7_rsc_case *c, char *desc)
{
	snprintf(desc, KUNIT_PARAM_DESC_SIZE, "%s", c->desc);
}

KUNIT_ARRAY_PARAM(imx_m7_rsc, imx_m7_rsc_cases, imx_m7_rsc_case_desc);

/*
 * The header of a running firmware's table, in a carve-out of exactly
 * @size bytes (KASAN catches a read past it): size first, then the fields.
 */
static void imx_m7_loaded_rsc_test(struct kunit *test)
{
	const struct imx_m7_rsc_case *c = test->param_value;
	struct imx_m7_test_ctx *ctx = test->priv;
	struct resource_table *table;
	u32 *words;

	words = kunit_kzalloc(test, c->size ? c->size : 1, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, words);
	if (c->size >= sizeof(*table)) {
		words[0] = c->ver;
		words[1] = c->num;
	}
	table = (struct resource_table *)words;
	KUNIT_EXPECT_EQ(test, imx_m7_check_loaded_rsc(ctx->dev, table, c->size),
			c->err);
}

/* ---- Lifecycle: the driver's ops on a struct rproc never added --------- */

/*
 * A struct rproc with the driver's ops around the fake registers (MMIO
 * method), never added: rproc_detach(), rproc_shutdown() and the works run
 * on it as on a registered one. The fake's log starts empty.
 */
static struct imx_m7_rproc *imx_m7_test_life(struct kunit *test,
					     enum rproc_state state, int power)
{
	struct imx_m7_test_ctx *ctx = test->priv;
	struct imx_m7_rproc *priv, *fakes = imx_m7_mmio(test);

	ctx->rproc = rproc_alloc(ctx->dev, "imx-m7-kunit", &imx_m7_rproc_ops,
				 NULL, sizeof(*priv));
	KUNIT_ASSERT_NOT_NULL(test, ctx->rproc);
	priv = ctx->rproc->priv;
	imx_m7_priv_init(priv, ctx->dev, ctx->rproc);
	priv->method = fakes->method;
	priv->gpr = fakes->gpr;
	priv->src = fakes->src;
	ctx->rproc->state = state;
	atomic_set(&ctx->rproc->power, power);
	ctx->fake.n = 0;
	return priv;
}

/* How many register writes the fake saw: a stop writes GPR22 and SRC. */
static unsigned int imx_m7_test_writes(const struct imx_m7_fake *f)
{
	unsigned int i, n = 0;

	for (i = 0; i < min_t(unsigned int, f->n, IMX_M7_FAKE_LOG); i++)
		n += f->log[i].op == 'W';
	return n;
}

/*
 * Probe failed after rproc_add() had attached to an M7 that U-Boot
 * started (a "rx" mailbox or debugfs failing): the unwind detaches it,
 * with its clock kept on, so that rproc_del()'s rproc_shutdown() finds
 * nothing to stop. Before, rproc_del() stopped it.
 */
static void imx_m7_unwind_attached_test(struct kunit *test)
{
	struct imx_m7_test_ctx *ctx = test->priv;
	struct imx_m7_rproc *priv = imx_m7_test_life(test, RPROC_ATTACHED, 1);
	struct rproc *rproc = priv->rproc;

	imx_m7_rproc_unwind(priv);
	/* What rproc_del() does next. */
	KUNIT_EXPECT_EQ(test, rproc_shutdown(rproc), -EINVAL);
	KUNIT_EXPECT_EQ(test, rproc->state, RPROC_DETACHED);
	KUNIT_EXPECT_EQ(test, atomic_read(&rproc->power), 0);
	KUNIT_EXPECT_TRUE(test, priv->kept);
	KUNIT_EXPECT_EQ(test, imx_m7_test_writes(&ctx->fake), 0);
	KUNIT_EXPECT_TRUE(test, READ_ONCE(rproc->deleting));
}

/* Likewise with three users (`echo start` twice more): all detached. */
static void imx_m7_unwind_attached_users_test(struct kunit *test)
{
	struct imx_m7_test_ctx *ctx = test->priv;
	struct imx_m7_rproc *priv = imx_m7_test_life(test, RPROC_ATTACHED, 3);

	imx_m7_rproc_unwind(priv);
	KUNIT_EXPECT_EQ(test, priv->rproc->state, RPROC_DETACHED);
	KUNIT_EXPECT_EQ(test, atomic_read(&priv->rproc->power), 0);
	KUNIT_EXPECT_EQ(test, imx_m7_test_writes(&ctx->fake), 0);
}

/*
 * Unbind after two `echo start`: the unwind drops one user without a
 * stop, so that rproc_del()'s one rproc_shutdown() stops the M7 and
 * releases everything. Before, rproc_del() only dropped a reference.
 */
static void imx_m7_unwind_users_test(struct kunit *test)
{
	struct imx_m7_test_ctx *ctx = test->priv;
	struct imx_m7_rproc *priv = imx_m7_test_life(test, RPROC_RUNNING, 2);
	struct rproc *rproc = priv->rproc;

	priv->probed = true;
	/* The runtime-PM reference .prepare took, for .unprepare to drop. */
	pm_runtime_get_noresume(ctx->dev);
	imx_m7_rproc_unwind(priv);
	KUNIT_EXPECT_EQ(test, rproc->state, RPROC_RUNNING);
	KUNIT_EXPECT_EQ(test, atomic_read(&rproc->power), 1);
	KUNIT_EXPECT_EQ(test, imx_m7_test_writes(&ctx->fake), 0);
	KUNIT_EXPECT_EQ(test, rproc_shutdown(rproc), 0);
	KUNIT_EXPECT_EQ(test, rproc->state, RPROC_OFFLINE);
	KUNIT_EXPECT_EQ(test, atomic_read(&rproc->power), 0);
	KUNIT_EXPECT_EQ(test, imx_m7_test_writes(&ctx->fake), 2);
}

/*
 * The core's crash recovery stops the M7 while the state is "crashed" and
 * a boot reference is held; if the restart then fails it leaves "offline"
 * with the reference. The watch the stop queued puts that back to
 * "crashed" (stop works from there), and leaves a recovery that ran, or a
 * plain stop of a crashed M7 (no reference left), alone.
 */
struct imx_m7_watch_case {
	const char *desc;
	int power;			/* when .stop runs, state "crashed" */
	enum rproc_state after;		/* what the core left */
	enum rproc_state want;
};

static const struct imx_m7_watch_case imx_m7_watch_cases[] = {
	{ "recovery failed",		1, RPROC_OFFLINE, RPROC_CRASHED },
	{ "recovery succeeded",		1, RPROC_RUNNING, RPROC_RUNNING },
	{ "stop of a crashed M7",	0, RPROC_OFFLINE, RPROC_OFFLINE },
};

static void imx_m7_watch_case_desc(const struct imx_m7_watch_case *c,
				   char *desc)
{
	snprintf(desc, KUNIT_PARAM_DESC_SIZE, "%s", c->desc);
}

KUNIT_ARRAY_PARAM(imx_m7_watch, imx_m7_watch_cases, imx_m7_watch_case_desc);

static void imx_m7_recovery_watch_test(struct kunit *test)
{
	const struct imx_m7_watch_case *c = test->param_value;
	struct imx_m7_rproc *priv = imx_m7_test_life(test, RPROC_CRASHED,
						     c->power);
	struct rproc *rproc = priv->rproc;

	mutex_lock(&rproc->lock);
	KUNIT_EXPECT_EQ(test, rproc->ops->stop(rproc), 0);
	rproc->state = c->after;
	mutex_unlock(&rproc->lock);
	flush_work(&priv->recovery_work);
	KUNIT_EXPECT_EQ(test, rproc->state, c->want);
}

/*
 * The mailbox work waits while the core holds rproc->lock (it tears the
 * virtqueues down under it) and, once the state is no longer "running",
 * touches nothing. Before, it ran at once, beside the teardown.
 */
static void imx_m7_rx_work_test(struct kunit *test)
{
	struct imx_m7_rproc *priv = imx_m7_test_life(test, RPROC_RUNNING, 1);
	struct rproc *rproc = priv->rproc;

	mutex_lock(&rproc->lock);
	schedule_work(&priv->rx_work);
	msleep(100);
	KUNIT_EXPECT_TRUE(test, work_busy(&priv->rx_work) & WORK_BUSY_RUNNING);
	rproc->state = RPROC_OFFLINE;
	mutex_unlock(&rproc->lock);
	flush_work(&priv->rx_work);
	KUNIT_EXPECT_FALSE(test, work_busy(&priv->rx_work));
}

/* ---- The M7 clock ------------------------------------------------------ */

/* The fake provider: clock 0 is registered, clock 1 an empty slot. */
static struct clk_hw *imx_m7_test_clk_get(struct of_phandle_args *spec,
					  void *data)
{
	if (spec->args[0] > 1)
		return ERR_PTR(-EINVAL);
	return spec->args[0] ? NULL : data;
}

struct imx_m7_clk_case {
	const char *node;
	int err;
};

static const struct imx_m7_clk_case imx_m7_clk_cases[] = {
	{ "clock-registered",	0 },
	{ "clock-unregistered",	-ENODEV },
	{ "clock-none",		-ENOENT },
};

static void imx_m7_clk_case_desc(const struct imx_m7_clk_case *c, char *desc)
{
	snprintf(desc, KUNIT_PARAM_DESC_SIZE, "%s", c->node);
}

KUNIT_ARRAY_PARAM(imx_m7_clk, imx_m7_clk_cases, imx_m7_clk_case_desc);

/*
 * A "clocks" entry naming a clock its provider never registered comes
 * back NULL, not an error; the driver refuses it (before, probe went on
 * with a clock that does nothing).
 */
static void imx_m7_clock_test(struct kunit *test)
{
	const struct imx_m7_clk_case *c = test->param_value;
	struct imx_m7_test_ctx *ctx = test->priv;
	struct imx_m7_rproc *priv = &ctx->priv;
	struct device_node *prov, *np;
	struct clk_hw *hw;
	int ret;

	hw = clk_hw_register_fixed_rate(NULL, "kunit-m7-core", NULL, 0,
					800000000);
	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, hw);
	prov = of_find_node_by_path("/kunit-m7-clock-controller");
	KUNIT_ASSERT_NOT_NULL(test, prov);
	ret = of_clk_add_hw_provider(prov, imx_m7_test_clk_get, hw);
	KUNIT_ASSERT_EQ(test, ret, 0);

	np = imx_m7_test_node(test, c->node);
	ctx->dev->of_node = np;
	priv->dev = ctx->dev;
	ret = imx_m7_get_clock(priv);
	KUNIT_EXPECT_EQ(test, ret, c->err);
	if (!ret && priv->clk) {
		KUNIT_EXPECT_STREQ(test, __clk_get_name(priv->clk),
				   "kunit-m7-core");
		devm_clk_put(ctx->dev, priv->clk);
	}
	ctx->dev->of_node = NULL;
	of_node_put(np);
	of_clk_del_provider(prov);
	of_node_put(prov);
	clk_hw_unregister_fixed_rate(hw);
}

static struct kunit_case imx_m7_rproc_test_cases[] = {
	KUNIT_CASE(imx_m7_dt_method_test),
	KUNIT_CASE(imx_m7_mmio_stop_test),
	KUNIT_CASE(imx_m7_mmio_start_test),
	KUNIT_CASE(imx_m7_mmio_other_bits_test),
	KUNIT_CASE(imx_m7_mmio_running_test),
	KUNIT_CASE(imx_m7_mmio_error_test),
	KUNIT_CASE(imx_m7_mmio_detect_test),
	KUNIT_CASE(imx_m7_smc_start_test),
	KUNIT_CASE(imx_m7_smc_stop_test),
	KUNIT_CASE(imx_m7_smc_stop_report_test),
	KUNIT_CASE(imx_m7_smc_running_test),
	KUNIT_CASE(imx_m7_smc_unsupported_test),
	KUNIT_CASE(imx_m7_smc_failure_test),
	KUNIT_CASE_PARAM(imx_m7_smc_detect_test, imx_m7_detect_gen_params),
	KUNIT_CASE_PARAM(imx_m7_write_op_test, imx_m7_op_gen_params),
	KUNIT_CASE(imx_m7_carveouts_test),
	KUNIT_CASE(imx_m7_carveouts_fail_test),
	KUNIT_CASE_PARAM(imx_m7_loaded_rsc_test, imx_m7_rsc_gen_params),
	KUNIT_CASE(imx_m7_unwind_attached_test),
	KUNIT_CASE(imx_m7_unwind_attached_users_test),
	KUNIT_CASE(imx_m7_unwind_users_test),
	KUNIT_CASE_PARAM(imx_m7_recovery_watch_test, imx_m7_watch_gen_params),
	KUNIT_CASE(imx_m7_rx_work_test),
	KUNIT_CASE_PARAM(imx_m7_clock_test, imx_m7_clk_gen_params),
	{}
};

static struct kunit_suite imx_m7_rproc_test_suite = {
	.name = "imx_m7_rproc",
	.init = imx_m7_test_init,
	.exit = imx_m7_test_exit,
	.test_cases = imx_m7_rproc_test_cases,
};
kunit_test_suite(imx_m7_rproc_test_suite);

MODULE_DESCRIPTION("KUnit tests for the imx-m7-rproc driver glue");
MODULE_LICENSE("GPL");
IMX_M7_IMPORT_KUNIT_NS();
