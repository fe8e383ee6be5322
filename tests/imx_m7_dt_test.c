// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit suite imx_m7_dt: the driver's device-tree reading, in the module
 * of the imx_m7_rproc suite (tests/imx_m7_rproc_test.h, its fixture).
 *
 * - The nodes of imx_m7_rproc_test.dtso (a good one, then one broken
 *   property each) are applied as an overlay and read with the driver's
 *   own functions; each case asserts the exact errno and, where the SoC
 *   map refuses, the check.
 * - The node's shape (imx_m7_dt_check(), which m7-preflight --dtb runs
 *   too) and the M7 clock check, each defect with its exact words.
 * - Carve-outs against what was reserved at boot.
 */

#include <kunit/test.h>
#include <linux/module.h>
#include <linux/of.h>
#include <linux/string.h>

#include "imx_m7_compat.h"
#include "imx_m7_elf.h"
#include "imx_m7_rproc.h"
#include "imx_m7_rproc_test.h"

struct imx_m7_dt_case {
	const char *node;
	int err;			/* expected errno */
	enum imx_m7_check check;	/* expected SoC-map check, or IMX_M7_OK */
};

static const struct imx_m7_dt_case imx_m7_dt_cases[] = {
	{ "no-reg-names",	 -EINVAL, IMX_M7_OK },
	{ "more-reg",		 -EINVAL, IMX_M7_OK },
	{ "more-reg-names",	 -EINVAL, IMX_M7_OK },
	{ "no-region-names",	 -EINVAL, IMX_M7_OK },
	{ "not-reserved",	 -EINVAL, IMX_M7_OK },
	{ "dynamic",		 -EINVAL, IMX_M7_OK },
	{ "no-dtcm",		 -EINVAL, IMX_M7_E_REGION_MISSING },
	{ "unknown-reg-name",	 -EINVAL, IMX_M7_E_REGION_NAME },
	{ "unknown-region-name", -EINVAL, IMX_M7_E_REGION_NAME },
	{ "itcm-too-big",	 -EINVAL, IMX_M7_E_REGION_SIZE },
	{ "tcm-overlap",	 -EINVAL, IMX_M7_E_REGION_OVERLAP },
	{ "tcm-twice",		 -EINVAL, IMX_M7_E_REGION_DUP },
	{ "not-no-map",		 -EINVAL, IMX_M7_E_REGION_NOMAP },
	{ "outside-ddr",	 -EINVAL, IMX_M7_E_REGION_WINDOW },
	{ "carveout-overlap",	 -EINVAL, IMX_M7_E_REGION_OVERLAP },
	{ "nine-power-domains",	 -EINVAL, IMX_M7_OK },
	{ "power-domains-no-cells", -EINVAL, IMX_M7_OK },
	{ "power-domains-short", -EINVAL, IMX_M7_OK },
	{ "region-odd-length",	 -EINVAL, IMX_M7_OK },
};

static void imx_m7_dt_case_desc(const struct imx_m7_dt_case *c, char *desc)
{
	snprintf(desc, KUNIT_PARAM_DESC_SIZE, "%s", c->node);
}

KUNIT_ARRAY_PARAM(imx_m7_dt, imx_m7_dt_cases, imx_m7_dt_case_desc);

static int imx_m7_test_regions(struct kunit *test, const char *name,
			       struct imx_m7_diag *diag)
{
	struct imx_m7_test_ctx *ctx = test->priv;
	struct device_node *np = imx_m7_test_node(test, name);
	int ret;

	ret = imx_m7_of_regions(ctx->dev, np, &imx_m7_soc_imx8mp, ctx->regions,
				IMX_M7_MAX_REGIONS, diag);
	of_node_put(np);
	return ret;
}

static void imx_m7_expect_region(struct kunit *test,
				 const struct imx_m7_region *r,
				 const char *name, u32 da, u64 pa, u64 size,
				 unsigned int flags)
{
	KUNIT_EXPECT_STREQ(test, r->name, name);
	KUNIT_EXPECT_EQ(test, r->da, da);
	KUNIT_EXPECT_EQ(test, r->pa, pa);
	KUNIT_EXPECT_EQ(test, r->size, size);
	KUNIT_EXPECT_EQ(test, r->flags, flags);
}

/* The good node: two TCMs from reg, one DDR carve-out from memory-region. */
static void imx_m7_dt_good_test(struct kunit *test)
{
	struct imx_m7_test_ctx *ctx = test->priv;
	struct imx_m7_diag diag;
	int n;

	n = imx_m7_test_regions(test, "good", &diag);
	KUNIT_ASSERT_EQ(test, n, 3);
	KUNIT_EXPECT_EQ(test, diag.check, IMX_M7_OK);
	imx_m7_expect_region(test, &ctx->regions[0], "itcm", 0x00000000,
			     0x7e000000, 0x20000,
			     IMX_M7_REGION_LOAD | IMX_M7_REGION_IOMEM);
	imx_m7_expect_region(test, &ctx->regions[1], "dtcm", 0x20000000,
			     0x7e100000, 0x20000,
			     IMX_M7_REGION_LOAD | IMX_M7_REGION_IOMEM);
	imx_m7_expect_region(test, &ctx->regions[2], "ddr", 0x90000000,
			     0x90000000, 0x100000, IMX_M7_REGION_LOAD);
}

/* OCRAM from reg: its code-bus view, then its system-bus alias. */
static void imx_m7_dt_good_ocram_test(struct kunit *test)
{
	struct imx_m7_test_ctx *ctx = test->priv;
	struct imx_m7_diag diag;
	int n;

	n = imx_m7_test_regions(test, "good-ocram", &diag);
	KUNIT_ASSERT_EQ(test, n, 4);
	imx_m7_expect_region(test, &ctx->regions[2], "ocram", 0x00900000,
			     0x7e200000, 0x80000, IMX_M7_REGION_LOAD);
	imx_m7_expect_region(test, &ctx->regions[3], "ocram", 0x20200000,
			     0x7e200000, 0x80000,
			     IMX_M7_REGION_LOAD | IMX_M7_REGION_ALIAS);
}

/* Each broken property in turn: the exact errno and check. */
static void imx_m7_dt_bad_test(struct kunit *test)
{
	const struct imx_m7_dt_case *c = test->param_value;
	struct imx_m7_diag diag;
	int ret;

	ret = imx_m7_test_regions(test, c->node, &diag);
	KUNIT_EXPECT_EQ(test, ret, c->err);
	KUNIT_EXPECT_EQ(test, diag.check, c->check);
	if (c->check != IMX_M7_OK)
		KUNIT_EXPECT_EQ(test, diag.err, c->err);
}

/*
 * imx_m7_dt_check(), the one shape check of the driver's probe and of
 * m7-preflight --dtb, on its neutral description of a node: each defect
 * in turn, the errno, field and the exact words both print.
 */
enum imx_m7_shape_defect {
	SHAPE_GOOD, SHAPE_NO_REG_NAMES, SHAPE_REG_MAX, SHAPE_REG_MORE,
	SHAPE_REG_FEWER, SHAPE_MEM_BAD, SHAPE_MEM_NAMES, SHAPE_DECLS,
	SHAPE_MEM_NAME, SHAPE_MEM_NODE, SHAPE_MEM_RESMEM, SHAPE_MEM_REG,
	SHAPE_PDS, SHAPE_PDS_MAX, SHAPE_PDS_BAD, SHAPE_MEM_PATH_CUT,
	SHAPE_MBOX, SHAPE_MBOX_RXDB, SHAPE_MBOX_BAD, SHAPE_MBOX_UNNAMED,
	SHAPE_MBOX_NAMES_ONLY, SHAPE_MBOX_NO_TX, SHAPE_MBOX_NO_RX,
};

struct imx_m7_shape_case {
	const char *desc;
	enum imx_m7_shape_defect defect;
	int ret;			/* declarations, or the errno */
	enum imx_m7_check check;
	enum imx_m7_field field;
	const char *text;
};

static const struct imx_m7_shape_case imx_m7_shape_cases[] = {
	{ "good", SHAPE_GOOD, 3, IMX_M7_OK, IMX_M7_F_NONE, "" },
	{ "no reg-names", SHAPE_NO_REG_NAMES, -EINVAL, IMX_M7_E_DT,
	  IMX_M7_F_DT_REG_NAMES,
	  "no reg-names; expected \"itcm\", \"dtcm\" and optionally \"ocram\"" },
	{ "17 reg-names", SHAPE_REG_MAX, -EINVAL, IMX_M7_E_DT,
	  IMX_M7_F_DT_REG_MAX, "17 reg entries, at most 16" },
	{ "3 reg, 2 reg-names", SHAPE_REG_MORE, -EINVAL, IMX_M7_E_DT,
	  IMX_M7_F_DT_REG_MORE,
	  "reg has more entries than the 2 of reg-names" },
	{ "1 reg, 2 reg-names", SHAPE_REG_FEWER, -EINVAL, IMX_M7_E_DT,
	  IMX_M7_F_DT_REG_FEWER, "reg-names has 2 entries but reg only 1" },
	{ "memory-region malformed", SHAPE_MEM_BAD, -EINVAL, IMX_M7_E_DT,
	  IMX_M7_F_DT_MEM, "malformed memory-region (-22)" },
	{ "1 phandle, no names", SHAPE_MEM_NAMES, -EINVAL, IMX_M7_E_DT,
	  IMX_M7_F_DT_MEM_NAMES,
	  "1 memory-region phandles but 0 memory-region-names" },
	{ "2 reg + 15 carve-outs", SHAPE_DECLS, -EINVAL,
	  IMX_M7_E_REGION_COUNT, IMX_M7_F_COUNT_DECLS,
	  "17 memory declarations (reg and memory-region entries), more than the 16 this driver takes" },
	{ "phandle without its name", SHAPE_MEM_NAME, -EINVAL, IMX_M7_E_DT,
	  IMX_M7_F_DT_MEM_NAME,
	  "memory-region 0 has no memory-region-names entry" },
	{ "phandle to nothing", SHAPE_MEM_NODE, -EINVAL, IMX_M7_E_DT,
	  IMX_M7_F_DT_MEM_NODE,
	  "memory-region 0 (\"ddr\") does not point at a node" },
	{ "carve-out outside /reserved-memory", SHAPE_MEM_RESMEM, -EINVAL,
	  IMX_M7_E_DT, IMX_M7_F_DT_MEM_RESMEM,
	  "memory-region 0 (\"ddr\") points at /m7@80000000, which is not a /reserved-memory node" },
	{ "carve-out without reg", SHAPE_MEM_REG, -EINVAL, IMX_M7_E_DT,
	  IMX_M7_F_DT_MEM_REG,
	  "memory-region 0 (\"ddr\"): /m7@80000000 has no reg; the M7 needs a fixed address" },
	{ "8 power domains", SHAPE_PDS_MAX, 3, IMX_M7_OK, IMX_M7_F_NONE, "" },
	{ "9 power domains", SHAPE_PDS, -EINVAL, IMX_M7_E_DT, IMX_M7_F_DT_PDS,
	  "power-domains: 9 entries, at most 8 (the binding's limit)" },
	{ "power-domains malformed", SHAPE_PDS_BAD, -EINVAL, IMX_M7_E_DT,
	  IMX_M7_F_DT_PDS_BAD,
	  "malformed power-domains (-22): each entry is a provider's phandle and its #power-domain-cells cells" },
	{ "mboxes tx, rx", SHAPE_MBOX, 3, IMX_M7_OK, IMX_M7_F_NONE, "" },
	{ "mboxes tx, rx, rxdb", SHAPE_MBOX_RXDB, 3, IMX_M7_OK, IMX_M7_F_NONE,
	  "" },
	{ "mboxes malformed", SHAPE_MBOX_BAD, -EINVAL, IMX_M7_E_DT,
	  IMX_M7_F_DT_MBOX_BAD,
	  "malformed mboxes (-22): each entry is a mailbox's phandle and its #mbox-cells cells" },
	{ "mboxes without mbox-names", SHAPE_MBOX_UNNAMED, -EINVAL,
	  IMX_M7_E_DT, IMX_M7_F_DT_MBOX_NAMES,
	  "2 mboxes entries but 0 mbox-names: name each channel, e.g. mboxes = <&mu 0 1>, <&mu 1 1>; mbox-names = \"tx\", \"rx\";" },
	{ "mbox-names without mboxes", SHAPE_MBOX_NAMES_ONLY, -EINVAL,
	  IMX_M7_E_DT, IMX_M7_F_DT_MBOX_NAMES,
	  "mbox-names without mboxes: add the channels, e.g. mboxes = <&mu 0 1>, <&mu 1 1>;, or drop mbox-names" },
	{ "mbox-names without tx", SHAPE_MBOX_NO_TX, -EINVAL, IMX_M7_E_DT,
	  IMX_M7_F_DT_MBOX_CHAN,
	  "mbox-names has no \"tx\": the driver kicks the M7 on \"tx\" and hears it on \"rx\"" },
	{ "mbox-names without rx", SHAPE_MBOX_NO_RX, -EINVAL, IMX_M7_E_DT,
	  IMX_M7_F_DT_MBOX_CHAN,
	  "mbox-names has no \"rx\": the driver kicks the M7 on \"tx\" and hears it on \"rx\"" },
	{ "carve-out path cut", SHAPE_MEM_PATH_CUT, -EINVAL, IMX_M7_E_DT,
	  IMX_M7_F_DT_MEM_RESMEM,
	  "memory-region 0 (\"ddr\") points at /reserved-memory/deep/deeper..., which is not a /reserved-memory node" },
};

static void imx_m7_shape_case_desc(const struct imx_m7_shape_case *c,
				   char *desc)
{
	snprintf(desc, KUNIT_PARAM_DESC_SIZE, "%s", c->desc);
}

KUNIT_ARRAY_PARAM(imx_m7_shape, imx_m7_shape_cases, imx_m7_shape_case_desc);

/* The good node (itcm, dtcm, ddr), with @defect planted. */
static void imx_m7_shape_node(struct imx_m7_dt_node *node,
			      enum imx_m7_shape_defect defect)
{
	struct imx_m7_dt_mem *m = &node->mem[0];

	memset(node, 0, sizeof(*node));
	node->n_reg = 2;
	node->n_reg_names = 2;
	node->reg_name[0] = "itcm";
	node->reg_pa[0] = 0x7e0000;
	node->reg_size[0] = 0x20000;
	node->reg_name[1] = "dtcm";
	node->reg_pa[1] = 0x800000;
	node->reg_size[1] = 0x20000;
	node->n_mem = 1;
	node->n_mem_names = 1;
	m->name = "ddr";
	m->found = true;
	strscpy(m->target, "/reserved-memory/m7@80000000", sizeof(m->target));
	m->resmem = true;
	m->has_reg = true;
	m->no_map = true;
	m->pa = 0x80000000;
	m->size = 0x1000000;
	switch (defect) {
	case SHAPE_GOOD:
		break;
	case SHAPE_NO_REG_NAMES:
		node->n_reg_names = -EINVAL;
		break;
	case SHAPE_REG_MAX:
		node->n_reg_names = 17;
		node->n_reg = 17;
		break;
	case SHAPE_REG_MORE:
		node->n_reg = 3;
		break;
	case SHAPE_REG_FEWER:
		node->n_reg = 1;
		break;
	case SHAPE_MEM_BAD:
		node->n_mem = -EINVAL;
		break;
	case SHAPE_MEM_NAMES:
		node->n_mem_names = -EINVAL;
		break;
	case SHAPE_DECLS:
		node->n_mem = 15;
		node->n_mem_names = 15;
		break;
	case SHAPE_MEM_NAME:
		m->name = NULL;
		break;
	case SHAPE_MEM_NODE:
		m->found = false;
		break;
	case SHAPE_MEM_RESMEM:
		strscpy(m->target, "/m7@80000000", sizeof(m->target));
		m->resmem = false;
		break;
	case SHAPE_MEM_REG:
		strscpy(m->target, "/m7@80000000", sizeof(m->target));
		m->has_reg = false;
		break;
	case SHAPE_PDS_MAX:
		node->n_pds = IMX_M7_DT_MAX_PDS;
		break;
	case SHAPE_PDS:
		node->n_pds = IMX_M7_DT_MAX_PDS + 1;
		break;
	case SHAPE_PDS_BAD:
		node->n_pds = -EINVAL;
		break;
	case SHAPE_MBOX:
	case SHAPE_MBOX_RXDB:
	case SHAPE_MBOX_NO_TX:
	case SHAPE_MBOX_NO_RX:
		node->n_mboxes = defect == SHAPE_MBOX_RXDB ? 3 : 2;
		node->n_mbox_names = node->n_mboxes;
		node->mbox_tx = defect != SHAPE_MBOX_NO_TX;
		node->mbox_rx = defect != SHAPE_MBOX_NO_RX;
		break;
	case SHAPE_MBOX_BAD:
		node->n_mboxes = -EINVAL;
		break;
	case SHAPE_MBOX_UNNAMED:
		node->n_mboxes = 2;
		node->n_mbox_names = -EINVAL;
		break;
	case SHAPE_MBOX_NAMES_ONLY:
		node->n_mbox_names = 2;
		node->mbox_tx = true;
		node->mbox_rx = true;
		break;
	case SHAPE_MEM_PATH_CUT:
		/* 40 characters: the words have room for 31 */
		strscpy(m->target, "/reserved-memory/deep/deeper/m7@90000000",
			sizeof(m->target));
		m->resmem = false;
		break;
	}
}

static void imx_m7_dt_shape_test(struct kunit *test)
{
	const struct imx_m7_shape_case *c = test->param_value;
	struct imx_m7_decl *decl;
	struct imx_m7_dt_node *node;
	struct imx_m7_diag diag;
	char *buf;
	int ret;

	node = kunit_kzalloc(test, sizeof(*node), GFP_KERNEL);
	decl = kunit_kcalloc(test, IMX_M7_MAX_REGIONS, sizeof(*decl),
			     GFP_KERNEL);
	buf = kunit_kzalloc(test, IMX_M7_DIAG_LEN, GFP_KERNEL);
	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, node);
	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, decl);
	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, buf);
	imx_m7_shape_node(node, c->defect);
	ret = imx_m7_dt_check(node, decl, IMX_M7_MAX_REGIONS, &diag);
	KUNIT_EXPECT_EQ(test, ret, c->ret);
	KUNIT_EXPECT_EQ(test, diag.check, c->check);
	KUNIT_EXPECT_EQ(test, diag.field, c->field);
	if (ret < 0) {
		KUNIT_EXPECT_EQ(test, diag.err, ret);
		imx_m7_diag_format(&diag, NULL, 0, buf, IMX_M7_DIAG_LEN);
		KUNIT_EXPECT_STREQ(test, buf, c->text);
		return;
	}
	KUNIT_EXPECT_STREQ(test, decl[0].name, "itcm");
	KUNIT_EXPECT_EQ(test, decl[1].pa, 0x800000);
	KUNIT_EXPECT_EQ(test, decl[2].kind, IMX_M7_DECL_CARVEOUT);
	KUNIT_EXPECT_EQ(test, decl[2].pa, 0x80000000);
	KUNIT_EXPECT_TRUE(test, decl[2].no_map);
}

/*
 * imx_m7_dt_path(), both fillers' copy of a node path: whole when it fits,
 * else cut to end in "..." at the last byte.
 */
static void imx_m7_dt_path_test(struct kunit *test)
{
	char buf[16];

	/* 8 bytes: 7 characters fit, 8 are cut */
	imx_m7_dt_path(buf, 8, "/a/b@10");
	KUNIT_EXPECT_STREQ(test, buf, "/a/b@10");
	imx_m7_dt_path(buf, 8, "/a/b@100");
	KUNIT_EXPECT_STREQ(test, buf, "/a/b...");
	imx_m7_dt_path(buf, 8, "/reserved-memory/m7@80000000");
	KUNIT_EXPECT_STREQ(test, buf, "/res...");
	imx_m7_dt_path(buf, 8, "");
	KUNIT_EXPECT_STREQ(test, buf, "");
}

/* The clock check, each state: errno, field and words. */
static void imx_m7_dt_clock_words_test(struct kunit *test)
{
	struct imx_m7_dt_clk clk = { };
	struct imx_m7_diag diag;
	char buf[IMX_M7_DIAG_LEN];

	KUNIT_EXPECT_EQ(test, imx_m7_dt_check_clock(&clk, &diag), 0);
	KUNIT_EXPECT_EQ(test, diag.check, IMX_M7_OK);

	clk.state = IMX_M7_DT_CLK_NONE;
	clk.err = -EPROBE_DEFER;
	KUNIT_EXPECT_EQ(test, imx_m7_dt_check_clock(&clk, &diag),
			-EPROBE_DEFER);
	clk.err = 0;
	KUNIT_EXPECT_EQ(test, imx_m7_dt_check_clock(&clk, &diag), -ENOENT);
	imx_m7_diag_format(&diag, NULL, 0, buf, sizeof(buf));
	KUNIT_EXPECT_STREQ(test, buf,
			   "clocks: the M7 core clock is required, e.g. clocks = <&clk IMX8MP_CLK_M7_CORE>");

	clk.state = IMX_M7_DT_CLK_UNREGISTERED;
	KUNIT_EXPECT_EQ(test, imx_m7_dt_check_clock(&clk, &diag), -ENODEV);
	imx_m7_diag_format(&diag, NULL, 0, buf, sizeof(buf));
	KUNIT_EXPECT_STREQ(test, buf,
			   "clocks: names a clock its clock driver does not register (IMX8MP_CLK_M7_DIV is one): use clocks = <&clk IMX8MP_CLK_M7_CORE>");

	clk.state = IMX_M7_DT_CLK_OTHER;
	clk.id = 0x999;
	clk.provider = "fsl,imx8mp-ccm";
	KUNIT_EXPECT_EQ(test, imx_m7_dt_check_clock(&clk, &diag), -ENODEV);
	imx_m7_diag_format(&diag, NULL, 0, buf, sizeof(buf));
	KUNIT_EXPECT_STREQ(test, buf,
			   "clocks names clock 2457 of fsl,imx8mp-ccm, not IMX8MP_CLK_M7_CORE (305); the driver refuses a clock its clock driver does not register (IMX8MP_CLK_M7_DIV is one): use clocks = <&clk IMX8MP_CLK_M7_CORE>");
}

/*
 * Carve-outs must have been reserved at boot: the overlay's are not, so
 * the good node is refused; a node without memory-region passes.
 */
static void imx_m7_dt_reserved_test(struct kunit *test)
{
	struct imx_m7_test_ctx *ctx = test->priv;
	struct device_node *np;

	np = imx_m7_test_node(test, "good");
	KUNIT_EXPECT_EQ(test, imx_m7_of_check_reserved(ctx->dev, np), -EINVAL);
	of_node_put(np);

	np = imx_m7_test_node(test, "good-ocram");
	KUNIT_EXPECT_EQ(test, imx_m7_of_check_reserved(ctx->dev, np), 0);
	of_node_put(np);
}

static struct kunit_case imx_m7_dt_test_cases[] = {
	KUNIT_CASE(imx_m7_dt_good_test),
	KUNIT_CASE(imx_m7_dt_good_ocram_test),
	KUNIT_CASE_PARAM(imx_m7_dt_bad_test, imx_m7_dt_gen_params),
	KUNIT_CASE_PARAM(imx_m7_dt_shape_test, imx_m7_shape_gen_params),
	KUNIT_CASE(imx_m7_dt_clock_words_test),
	KUNIT_CASE(imx_m7_dt_path_test),
	KUNIT_CASE(imx_m7_dt_reserved_test),
	{}
};

static struct kunit_suite imx_m7_dt_test_suite = {
	.name = "imx_m7_dt",
	.init = imx_m7_test_init,
	.exit = imx_m7_test_exit,
	.test_cases = imx_m7_dt_test_cases,
};
kunit_test_suite(imx_m7_dt_test_suite);
