// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit tables per SoC: the i.MX8M Plus and i.MX8M Nano Cortex-M7 and the
 * i.MX8M Mini Cortex-M4, through the same region builder and planner.
 *
 * Each SoC's board is its two TCMs whole at their real CPU addresses and
 * the overlays' 16 MiB DDR carve-out at 0x80000000. For each SoC: the
 * region table the builder makes; a segment that ends exactly at the end
 * of each region fits, one byte more is refused with the overflow and its
 * hint; the SDK's LMA != VMA layout (code and the vector table in the
 * code TCM, .data stored after the code and run in the data TCM) is
 * accepted, and refused with its hint when .bss outgrows the data TCM.
 * The images are built here: an ELF32 header, the program headers and
 * each segment's bytes (the vector table {SP, PC} at the first one's
 * start).
 */
#include <kunit/test.h>
#include <linux/elf.h>
#include <linux/kernel.h>
#include <linux/mod_devicetable.h>
#include <linux/module.h>
#include <linux/regmap.h>
#include <linux/slab.h>
#include <linux/string.h>

#include "imx_m7_elf.h"
#include "imx_m7_rproc.h"
#include "imx_m7_test.h"

#define S_VECTORS	0x400	/* the SDK's vector table, as the fixtures' */
#define S_DDR_PA	0x80000000
#define S_DDR_SIZE	0x1000000

struct s_board {
	const struct imx_m7_soc *soc;
	struct imx_m7_region regions[IMX_M7_MAX_REGIONS];
	int n;
	u8 *fw;
	size_t size;
	struct imx_m7_plan plan;
	struct imx_m7_diag diag;
	char text[IMX_M7_DIAG_LEN];
};

/* ---- Boards and images ------------------------------------------------- */

static const struct imx_m7_soc *s_socs[] = {
	&imx_m7_soc_imx8mp, &imx_m7_soc_imx8mn, &imx_m7_soc_imx8mm,
};

static void s_soc_desc(const struct imx_m7_soc **soc, char *desc)
{
	snprintf(desc, KUNIT_PARAM_DESC_SIZE, "%s", (*soc)->key);
}

KUNIT_ARRAY_PARAM(s_soc, s_socs, s_soc_desc);

/* The two TCMs whole (CPU 0x7e0000, 0x800000) and the DDR carve-out. */
static int s_board_build(const struct imx_m7_soc *soc, struct s_board *b)
{
	struct imx_m7_decl decl[3] = {
		{ IMX_M7_DECL_REG, soc->tcm[0], 0x7e0000, 0x20000, false },
		{ IMX_M7_DECL_REG, soc->tcm[1], 0x800000, 0x20000, false },
		{ IMX_M7_DECL_CARVEOUT, "ddr", S_DDR_PA, S_DDR_SIZE, true },
	};

	b->soc = soc;
	b->n = imx_m7_regions_build(soc, decl, ARRAY_SIZE(decl), b->regions,
				    IMX_M7_MAX_REGIONS, &b->diag);
	return b->n;
}

/* The region named @name at M7 address @da, or NULL. */
static const struct imx_m7_region *s_region(const struct s_board *b,
					    const char *name, u32 da)
{
	int i;

	for (i = 0; i < b->n; i++)
		if (!strcmp(b->regions[i].name, name) && b->regions[i].da == da)
			return &b->regions[i];
	return NULL;
}

/* The code TCM's M7 address where firmware is linked (not a second view). */
static u32 s_code_da(const struct s_board *b, const struct imx_m7_soc *soc)
{
	int i;

	for (i = 0; i < b->n; i++)
		if (!strcmp(b->regions[i].name, soc->tcm[0]) &&
		    !(b->regions[i].flags & IMX_M7_REGION_ALIAS))
			return b->regions[i].da;
	return 0;
}

/*
 * Build @img (tests/imx_m7_test.h) into b->fw; plan it against b->regions;
 * word a refusal for the board's SoC, as the driver and m7-preflight do.
 */
static int s_plan(struct kunit *test, struct s_board *b,
		  const struct t_image *img)
{
	int ret;

	b->fw = t_build(test, img, &b->size);
	ret = imx_m7_elf_plan(b->fw, b->size, b->regions, b->n, &b->plan,
			      &b->diag);
	b->diag.soc = b->soc;
	imx_m7_diag_format(&b->diag, b->regions, b->n, b->text,
			   sizeof(b->text));
	return ret;
}

static struct s_board *s_board_new(struct kunit *test)
{
	struct s_board *b = kunit_kzalloc(test, sizeof(*b), GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, b);
	return b;
}

/* Vectors at the code TCM's start; SP at the top of the data TCM. */
static void s_image_vectors(struct t_image *img, u32 code, u32 data_top)
{
	memset(img, 0, sizeof(*img));
	img->sp = data_top;
	img->entry = code + 0x101;
	img->seg[0] = (struct t_seg){ PT_LOAD, code, code, S_VECTORS, S_VECTORS,
				      PF_R | PF_X };
	img->n = 1;
}

/* ---- The region table -------------------------------------------------- */

/* Every SoC: its TCMs at their own M7 addresses, DDR at da = pa. */
static void soc_regions_test(struct kunit *test)
{
	const struct imx_m7_soc *soc = *(const struct imx_m7_soc **)test->param_value;
	bool m4 = !strcmp(soc->key, "imx8mm");
	const struct imx_m7_region *r;
	struct s_board *b = s_board_new(test);

	KUNIT_ASSERT_EQ_MSG(test, s_board_build(soc, b), m4 ? 4 : 3, "%s",
			    b->text);
	r = s_region(b, soc->tcm[0], m4 ? 0x1ffe0000 : 0);
	KUNIT_ASSERT_NOT_NULL(test, r);
	KUNIT_EXPECT_EQ(test, r->pa, 0x7e0000ULL);
	KUNIT_EXPECT_EQ(test, r->size, 0x20000ULL);
	KUNIT_EXPECT_EQ(test, r->flags, IMX_M7_REGION_LOAD | IMX_M7_REGION_IOMEM);
	r = s_region(b, soc->tcm[1], 0x20000000);
	KUNIT_ASSERT_NOT_NULL(test, r);
	KUNIT_EXPECT_EQ(test, r->pa, 0x800000ULL);
	KUNIT_EXPECT_EQ(test, r->flags, IMX_M7_REGION_LOAD | IMX_M7_REGION_IOMEM);
	r = s_region(b, "ddr", S_DDR_PA);
	KUNIT_ASSERT_NOT_NULL(test, r);
	KUNIT_EXPECT_EQ(test, r->pa, (u64)S_DDR_PA);
	KUNIT_EXPECT_EQ(test, r->flags, IMX_M7_REGION_LOAD);
	/* The M4's TCML alias at 0, a second view, right after TCML. */
	r = s_region(b, soc->tcm[0], 0);
	KUNIT_ASSERT_NOT_NULL(test, r);
	if (m4) {
		KUNIT_EXPECT_EQ(test, r->pa, 0x7e0000ULL);
		KUNIT_EXPECT_TRUE(test, r->flags & IMX_M7_REGION_ALIAS);
		KUNIT_EXPECT_EQ(test, r->alias_of, 0U);
	} else {
		KUNIT_EXPECT_FALSE(test, r->flags & IMX_M7_REGION_ALIAS);
	}
}

/* @decl's two TCMs on @soc: refused for @name, not one of its reg-names. */
static void soc_name_refused(struct kunit *test, const struct imx_m7_soc *soc,
			     const struct imx_m7_decl *decl, const char *name,
			     const char *text)
{
	struct imx_m7_region *out;
	struct imx_m7_diag diag;
	char *buf;

	out = kunit_kcalloc(test, IMX_M7_MAX_REGIONS, sizeof(*out), GFP_KERNEL);
	buf = kunit_kzalloc(test, IMX_M7_DIAG_LEN, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, out);
	KUNIT_ASSERT_NOT_NULL(test, buf);
	KUNIT_EXPECT_EQ(test, imx_m7_regions_build(soc, decl, 2, out,
						   IMX_M7_MAX_REGIONS, &diag),
			-EINVAL);
	KUNIT_EXPECT_EQ(test, diag.check, IMX_M7_E_REGION_NAME);
	KUNIT_EXPECT_STREQ(test, diag.name, name);
	imx_m7_diag_format(&diag, NULL, 0, buf, IMX_M7_DIAG_LEN);
	KUNIT_EXPECT_STREQ(test, buf, text);
}

/* The selector, and each SoC's required TCM names. */
static void soc_find_test(struct kunit *test)
{
	struct imx_m7_decl decl[2] = {
		{ IMX_M7_DECL_REG, "tcml", 0x7e0000, 0x20000, false },
		{ IMX_M7_DECL_REG, "dtcm", 0x800000, 0x20000, false },
	};
	struct imx_m7_region out[IMX_M7_MAX_REGIONS];
	struct imx_m7_diag diag;
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(s_socs); i++) {
		KUNIT_EXPECT_PTR_EQ(test, imx_m7_soc_find(s_socs[i]->key), s_socs[i]);
		KUNIT_EXPECT_PTR_EQ(test, imx_m7_soc_nth(i), s_socs[i]);
	}
	KUNIT_EXPECT_NULL(test, imx_m7_soc_nth(i));
	KUNIT_EXPECT_NULL(test, imx_m7_soc_find("imx8mq"));
	KUNIT_EXPECT_NULL(test, imx_m7_soc_find(NULL));
	KUNIT_EXPECT_STREQ(test, imx_m7_soc_imx8mm.compatible,
			   "imx-m7-rproc,imx8mm-cm4");
	KUNIT_EXPECT_STREQ(test, imx_m7_soc_imx8mn.compatible,
			   "imx-m7-rproc,imx8mn-cm7");

	/* The M4 has no dtcm; the M7s no tcml. */
	soc_name_refused(test, &imx_m7_soc_imx8mm, decl, "dtcm",
			 "region dtcm: not a known reg-names name (reg-names: tcml, tcmu, ocram; memory-region-names: ddr, ddr0..ddr7, vdev0vring0, vdev0vring1, vdev0buffer, rsc-table)");
	soc_name_refused(test, &imx_m7_soc_imx8mn, decl, "tcml",
			 "region tcml: not a known reg-names name (reg-names: itcm, dtcm, ocram; memory-region-names: ddr, ddr0..ddr7, vdev0vring0, vdev0vring1, vdev0buffer, rsc-table)");
	/* tcml alone: tcmu is required. */
	KUNIT_EXPECT_EQ(test, imx_m7_regions_build(&imx_m7_soc_imx8mm, decl, 1, out,
						   IMX_M7_MAX_REGIONS, &diag), -EINVAL);
	KUNIT_EXPECT_EQ(test, diag.check, IMX_M7_E_REGION_MISSING);
	KUNIT_EXPECT_STREQ(test, diag.name, "tcmu");
}

/* ---- Exact fit and overflow at each region's end ----------------------- */

/*
 * For every region of the SoC's board, second views included: a segment
 * of 0x100 bytes that ends at the region's last byte fits; 0x101 bytes
 * from the same start are refused, one byte past that region, with a
 * hint.
 */
static void soc_region_end_test(struct kunit *test)
{
	const struct imx_m7_soc *soc = *(const struct imx_m7_soc **)test->param_value;
	struct s_board *b = s_board_new(test);
	struct t_image img;
	char first[128];
	u32 code, top;
	int i, n;

	n = s_board_build(soc, b);
	KUNIT_ASSERT_GT_MSG(test, n, 0, "%s", b->text);
	code = s_code_da(b, soc);
	top = s_region(b, soc->tcm[1], 0x20000000)->da + 0x20000;
	for (i = 0; i < n; i++) {
		const struct imx_m7_region r = b->regions[i];
		u32 end = r.da + r.size, start = end - 0x100;

		s_image_vectors(&img, code, top);
		img.seg[1] = (struct t_seg){ PT_LOAD, start, start, 0x100, 0x100,
					     PF_R | PF_W };
		img.n = 2;
		KUNIT_EXPECT_EQ_MSG(test, s_plan(test, b, &img), 0,
				    "%s %s@0x%x: %s", soc->key, r.name, r.da,
				    b->text);
		imx_m7_plan_free(&b->plan);

		img.seg[1].filesz = 0x101;
		img.seg[1].memsz = 0x101;
		KUNIT_EXPECT_EQ_MSG(test, s_plan(test, b, &img), -ERANGE,
				    "%s %s@0x%x", soc->key, r.name, r.da);
		KUNIT_EXPECT_EQ(test, b->diag.check, IMX_M7_E_LOAD_RANGE);
		KUNIT_EXPECT_EQ(test, b->diag.seg, 1);
		KUNIT_EXPECT_EQ(test, b->diag.overflow, 1ULL);
		snprintf(first, sizeof(first),
			 "segment 1: load range [0x%08x, 0x%08llx) ends 0x1 bytes past %s",
			 start, (u64)end + 1, r.name);
		KUNIT_EXPECT_TRUE_MSG(test, !strncmp(b->text, first, strlen(first)),
				      "%s", b->text);
		KUNIT_EXPECT_NOT_NULL_MSG(test, strstr(b->text, "\nhint: "), "%s",
					  b->text);
	}
}

/* ---- The SDK's LMA != VMA layout ---------------------------------------- */

/*
 * The SDK's "ram" layout on each SoC: vectors and code in the code TCM,
 * .data (0x100 bytes) stored right after the code and run at the data
 * TCM's start, .data + .bss + heap + stack 0xd5a0 (the seed's numbers).
 * Only the 0x100 file bytes are written at p_paddr; the vector is the
 * image's own (no vector op), on the M4 through TCML at 0x1ffe0000.
 */
static void soc_sdk_layout_test(struct kunit *test)
{
	const struct imx_m7_soc *soc = *(const struct imx_m7_soc **)test->param_value;
	u32 code, lma, dtcm = 0x20000000;
	struct s_board *b = s_board_new(test);
	struct t_image img;
	unsigned int i;

	KUNIT_ASSERT_GT(test, s_board_build(soc, b), 0);
	code = s_code_da(b, soc);
	lma = code + 0x1de78;
	s_image_vectors(&img, code, dtcm + 0x20000);
	img.seg[1] = (struct t_seg){ PT_LOAD, code + S_VECTORS, code + S_VECTORS,
				     0x1de78 - S_VECTORS, 0x1de78 - S_VECTORS,
				     PF_R | PF_X };
	img.seg[2] = (struct t_seg){ PT_LOAD, lma, dtcm, 0x100, 0xd5a0, PF_R | PF_W };
	img.n = 3;
	KUNIT_ASSERT_EQ_MSG(test, s_plan(test, b, &img), 0, "%s: %s", soc->key,
			    b->text);
	for (i = 0; i < b->plan.n_ops; i++) {
		const struct imx_m7_op *op = &b->plan.ops[i];

		KUNIT_EXPECT_NE(test, op->kind, IMX_M7_OP_VECTOR);
		if (op->seg == 2) {
			KUNIT_EXPECT_EQ(test, op->kind, IMX_M7_OP_COPY);
			KUNIT_EXPECT_EQ(test, op->da, lma);
			KUNIT_EXPECT_EQ(test, op->len, 0x100U);
			KUNIT_EXPECT_STREQ(test, b->regions[op->region].name,
					   soc->tcm[0]);
		}
	}
	KUNIT_EXPECT_EQ(test, b->plan.n_ops, 3U);
	imx_m7_plan_free(&b->plan);

	/* .data + .bss one byte larger than the data TCM: refused, with why. */
	img.seg[2].memsz = 0x20001;
	KUNIT_EXPECT_EQ(test, s_plan(test, b, &img), -ERANGE);
	KUNIT_EXPECT_EQ(test, b->diag.check, IMX_M7_E_RUN_RANGE);
	KUNIT_EXPECT_EQ(test, b->diag.seg, 2);
	KUNIT_EXPECT_EQ(test, b->diag.overflow, 1ULL);
	KUNIT_EXPECT_NOT_NULL_MSG(test, strstr(b->text,
		"\nhint: p_memsz 0x20001 (.data + .bss + heap + stack) exceeds what"),
		"%s", b->text);
	KUNIT_EXPECT_NOT_NULL_MSG(test, strstr(b->text, soc->tcm[1]), "%s", b->text);

	/* .data's stored bytes one past the code TCM's end: refused. */
	img.seg[2].memsz = 0xd5a0;
	img.seg[2].paddr = code + 0x20000 - 0xff;
	KUNIT_EXPECT_EQ(test, s_plan(test, b, &img), -ERANGE);
	KUNIT_EXPECT_EQ(test, b->diag.check, IMX_M7_E_LOAD_RANGE);
	KUNIT_EXPECT_EQ(test, b->diag.seg, 2);
	KUNIT_EXPECT_EQ(test, b->diag.overflow, 1ULL);
	/* ... and exactly up to it: accepted. */
	img.seg[2].paddr = code + 0x20000 - 0x100;
	KUNIT_EXPECT_EQ_MSG(test, s_plan(test, b, &img), 0, "%s", b->text);
	imx_m7_plan_free(&b->plan);
}

/*
 * The M4's vector through TCML at 0x1ffe0000 must be its first 8 bytes:
 * a first segment 4 bytes in covers the M4's [0, 8) only in part.
 */
static void soc_m4_vector_view_test(struct kunit *test)
{
	struct s_board *b = s_board_new(test);
	struct t_image img;

	KUNIT_ASSERT_EQ(test, s_board_build(&imx_m7_soc_imx8mm, b), 4);
	s_image_vectors(&img, 0x1ffe0004, 0x20020000);
	img.entry = 0x1ffe0101;
	KUNIT_EXPECT_EQ(test, s_plan(test, b, &img), -EINVAL);
	KUNIT_EXPECT_EQ(test, b->diag.check, IMX_M7_E_NO_VECTOR);
	KUNIT_EXPECT_EQ(test, b->diag.field, IMX_M7_F_RESET_VECTOR);
	KUNIT_EXPECT_EQ(test, b->diag.seg, 0);
	/* Linked at the alias itself (M4 address 0): as on the M7s. */
	s_image_vectors(&img, 0, 0x20020000);
	KUNIT_EXPECT_EQ_MSG(test, s_plan(test, b, &img), 0, "%s", b->text);
	imx_m7_plan_free(&b->plan);
	/* The vector's PC must be Thumb, wherever the vector is stored. */
	s_image_vectors(&img, 0x1ffe0000, 0x20020000);
	img.entry &= ~1U;
	KUNIT_EXPECT_EQ(test, s_plan(test, b, &img), -EINVAL);
	KUNIT_EXPECT_EQ(test, b->diag.field, IMX_M7_F_PC_THUMB);
}

/*
 * TCML and TCMU touch (M4 0x1ffe0000..0x2001ffff, CPU 0x7e0000..0x81ffff)
 * but are two regions: a segment that runs from one into the other is
 * refused, one that ends at TCML's last byte and one that starts at
 * TCMU's first are not. The hint says where to split it.
 */
static void soc_m4_tcm_span_test(struct kunit *test)
{
	struct s_board *b = s_board_new(test);
	struct t_image img;

	KUNIT_ASSERT_EQ(test, s_board_build(&imx_m7_soc_imx8mm, b), 4);
	s_image_vectors(&img, 0x1ffe0000, 0x20020000);
	img.seg[1] = (struct t_seg){ PT_LOAD, 0x1ffff000, 0x1ffff000, 0x2000,
				     0x2000, PF_R | PF_X };
	img.n = 2;
	KUNIT_EXPECT_EQ(test, s_plan(test, b, &img), -ERANGE);
	KUNIT_EXPECT_EQ(test, b->diag.check, IMX_M7_E_LOAD_RANGE);
	KUNIT_EXPECT_EQ(test, b->diag.seg, 1);
	KUNIT_EXPECT_EQ(test, b->diag.overflow, 0x1000ULL);
	KUNIT_EXPECT_NOT_NULL_MSG(test, strstr(b->text,
		"segment 1: load range [0x1ffff000, 0x20001000) ends 0x1000 bytes past tcml"),
		"%s", b->text);
	KUNIT_EXPECT_NOT_NULL_MSG(test, strstr(b->text,
		"\nhint: tcml and tcmu touch, but they are two regions and a segment must lie in one (docs/planner.md): end this one at 0x20000000 and put the rest in a segment of its own"),
		"%s", b->text);
	/* The same bytes as two segments, split at 0x20000000: accepted. */
	img.seg[1].filesz = 0x1000;
	img.seg[1].memsz = 0x1000;
	img.seg[2] = (struct t_seg){ PT_LOAD, 0x20000000, 0x20000000, 0x1000,
				     0x1000, PF_R | PF_W };
	img.n = 3;
	KUNIT_EXPECT_EQ_MSG(test, s_plan(test, b, &img), 0, "%s", b->text);
	imx_m7_plan_free(&b->plan);
	/* Run range too: .data run from TCML's end into TCMU is refused. */
	img.n = 2;
	img.seg[1] = (struct t_seg){ PT_LOAD, 0x1fff0000, 0x1ffffff0, 0x20,
				     0x20, PF_R | PF_W };
	KUNIT_EXPECT_EQ(test, s_plan(test, b, &img), -ERANGE);
	KUNIT_EXPECT_EQ(test, b->diag.check, IMX_M7_E_RUN_RANGE);
	KUNIT_EXPECT_EQ(test, b->diag.overflow, 0x10ULL);
}

/*
 * A plan refusal on the i.MX8M Mini speaks of the M4 and its TCMs; the
 * same refusal on the i.MX8M Plus (and of no SoC) of the M7 and ITCM.
 */
static void soc_core_words_test(struct kunit *test)
{
	static const struct {
		const struct imx_m7_soc *soc;
		const char *text;
	} rows[] = {
		{ &imx_m7_soc_imx8mm, "nothing is loaded at the M4 reset vector [0x00000000, 0x00000008) and no load region covers it (tcml not declared)\nhint: declare tcml (reg/reg-names): the M4 always fetches its reset vector from M4 address 0" },
		{ &imx_m7_soc_imx8mp, "nothing is loaded at the M7 reset vector [0x00000000, 0x00000008) and no load region covers it (itcm not declared)\nhint: declare itcm (reg/reg-names): the M7 always fetches its reset vector from M7 address 0" },
		{ NULL, "nothing is loaded at the M7 reset vector [0x00000000, 0x00000008) and no load region covers it (itcm not declared)\nhint: declare itcm (reg/reg-names): the M7 always fetches its reset vector from M7 address 0" },
	};
	struct s_board *b = s_board_new(test);
	struct imx_m7_diag diag;
	struct t_image img;
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(rows); i++) {
		imx_m7_diag_init(&diag);
		diag.soc = rows[i].soc;
		imx_m7_diag_set(&diag, -EINVAL, IMX_M7_E_NO_VECTOR,
				IMX_M7_F_ITCM, 0, 0);
		imx_m7_diag_format(&diag, NULL, 0, b->text, sizeof(b->text));
		KUNIT_EXPECT_STREQ_MSG(test, b->text, rows[i].text, "row %u", i);
	}
	/* Through the planner: a reset PC without its Thumb bit. */
	KUNIT_ASSERT_EQ(test, s_board_build(&imx_m7_soc_imx8mm, b), 4);
	s_image_vectors(&img, 0x1ffe0000, 0x20020000);
	img.entry &= ~1U;
	KUNIT_EXPECT_EQ(test, s_plan(test, b, &img), -EINVAL);
	KUNIT_EXPECT_NOT_NULL_MSG(test, strstr(b->text,
		"has bit 0 clear: the M4 runs Thumb code only"), "%s", b->text);
	KUNIT_EXPECT_NULL_MSG(test, strstr(b->text, "M7"), "%s", b->text);
}

/* The region builder's refusal carries its SoC: a carve-out below DDR. */
static void soc_region_words_test(struct kunit *test)
{
	struct imx_m7_decl decl[3] = {
		{ IMX_M7_DECL_REG, "tcml", 0x7e0000, 0x20000, false },
		{ IMX_M7_DECL_REG, "tcmu", 0x800000, 0x20000, false },
		{ IMX_M7_DECL_CARVEOUT, "ddr", 0x30000000, 0x1000, true },
	};
	struct s_board *b = s_board_new(test);
	struct imx_m7_diag diag;

	KUNIT_EXPECT_EQ(test, imx_m7_regions_build(&imx_m7_soc_imx8mm, decl, 3,
						   b->regions,
						   IMX_M7_MAX_REGIONS, &diag),
			-EINVAL);
	KUNIT_EXPECT_PTR_EQ(test, diag.soc, &imx_m7_soc_imx8mm);
	imx_m7_diag_format(&diag, NULL, 0, b->text, sizeof(b->text));
	KUNIT_EXPECT_NOT_NULL_MSG(test, strstr(b->text,
		"is outside the M4's DDR window"), "%s", b->text);
	KUNIT_EXPECT_NOT_NULL_MSG(test, strstr(b->text,
		"hint: the M4 reaches DDR only at CPU"), "%s", b->text);
}

/* ---- The device-tree shape check's words ------------------------------ */

/*
 * One refusal of the shared shape check (the driver's probe and
 * m7-preflight --dtb) for one SoC: the words name its own TCMs and core
 * clock. @soc NULL: a node of no SoC's compatible, in the i.MX8M Plus's
 * words. @clk: a clock refusal of that state, else no reg-names.
 */
struct s_dt_words {
	const struct imx_m7_soc *soc;
	enum imx_m7_dt_clock clk;
	u32 id;
	const char *provider;
	const char *text;
};

static const struct s_dt_words s_dt_words[] = {
	{ &imx_m7_soc_imx8mp, IMX_M7_DT_CLK_OK, 0, NULL,
	  "no reg-names; expected \"itcm\", \"dtcm\" and optionally \"ocram\"" },
	{ &imx_m7_soc_imx8mn, IMX_M7_DT_CLK_OK, 0, NULL,
	  "no reg-names; expected \"itcm\", \"dtcm\" and optionally \"ocram\"" },
	{ &imx_m7_soc_imx8mm, IMX_M7_DT_CLK_OK, 0, NULL,
	  "no reg-names; expected \"tcml\", \"tcmu\" and optionally \"ocram\"" },
	{ NULL, IMX_M7_DT_CLK_OK, 0, NULL,
	  "no reg-names; expected \"itcm\", \"dtcm\" and optionally \"ocram\"" },
	{ &imx_m7_soc_imx8mp, IMX_M7_DT_CLK_NONE, 0, NULL,
	  "clocks: the M7 core clock is required, e.g. clocks = <&clk IMX8MP_CLK_M7_CORE>" },
	{ &imx_m7_soc_imx8mn, IMX_M7_DT_CLK_NONE, 0, NULL,
	  "clocks: the M7 core clock is required, e.g. clocks = <&clk IMX8MN_CLK_M7_CORE>" },
	{ &imx_m7_soc_imx8mm, IMX_M7_DT_CLK_NONE, 0, NULL,
	  "clocks: the M4 core clock is required, e.g. clocks = <&clk IMX8MM_CLK_M4_CORE>" },
	{ &imx_m7_soc_imx8mp, IMX_M7_DT_CLK_UNREGISTERED, 0, NULL,
	  "clocks: names a clock its clock driver does not register (IMX8MP_CLK_M7_DIV is one): use clocks = <&clk IMX8MP_CLK_M7_CORE>" },
	{ &imx_m7_soc_imx8mn, IMX_M7_DT_CLK_UNREGISTERED, 0, NULL,
	  "clocks: names a clock its clock driver does not register: use clocks = <&clk IMX8MN_CLK_M7_CORE>" },
	{ &imx_m7_soc_imx8mm, IMX_M7_DT_CLK_UNREGISTERED, 0, NULL,
	  "clocks: names a clock its clock driver does not register: use clocks = <&clk IMX8MM_CLK_M4_CORE>" },
	{ &imx_m7_soc_imx8mp, IMX_M7_DT_CLK_OTHER, 85, "fsl,imx8mp-ccm",
	  "clocks names clock 85 of fsl,imx8mp-ccm, not IMX8MP_CLK_M7_CORE (305); the driver refuses a clock its clock driver does not register (IMX8MP_CLK_M7_DIV is one): use clocks = <&clk IMX8MP_CLK_M7_CORE>" },
	{ &imx_m7_soc_imx8mn, IMX_M7_DT_CLK_OTHER, 305, "fsl,imx8mn-ccm",
	  "clocks names clock 305 of fsl,imx8mn-ccm, not IMX8MN_CLK_M7_CORE (221); the driver refuses a clock its clock driver does not register: use clocks = <&clk IMX8MN_CLK_M7_CORE>" },
	{ &imx_m7_soc_imx8mm, IMX_M7_DT_CLK_OTHER, 305, "fsl,imx8mm-ccm",
	  "clocks names clock 305 of fsl,imx8mm-ccm, not IMX8MM_CLK_M4_CORE (246); the driver refuses a clock its clock driver does not register: use clocks = <&clk IMX8MM_CLK_M4_CORE>" },
};

static void s_dt_words_desc(const struct s_dt_words *w, char *desc)
{
	static const char * const what[] = {
		[IMX_M7_DT_CLK_OK] = "reg-names",
		[IMX_M7_DT_CLK_NONE] = "no-clock",
		[IMX_M7_DT_CLK_UNREGISTERED] = "unregistered-clock",
		[IMX_M7_DT_CLK_OTHER] = "other-clock",
	};

	snprintf(desc, KUNIT_PARAM_DESC_SIZE, "%s-%s",
		 w->soc ? w->soc->key : "none", what[w->clk]);
}

KUNIT_ARRAY_PARAM(s_dt_words, s_dt_words, s_dt_words_desc);

static void soc_dt_words_test(struct kunit *test)
{
	const struct s_dt_words *w = test->param_value;
	struct imx_m7_decl decl[IMX_M7_MAX_REGIONS];
	struct imx_m7_dt_node *node;
	struct imx_m7_diag diag;
	char *text;

	node = kunit_kzalloc(test, sizeof(*node), GFP_KERNEL);
	text = kunit_kzalloc(test, IMX_M7_DIAG_LEN, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, node);
	KUNIT_ASSERT_NOT_NULL(test, text);
	if (w->clk == IMX_M7_DT_CLK_OK) {
		node->soc = w->soc;
		KUNIT_ASSERT_EQ(test, imx_m7_dt_check(node, decl,
						      IMX_M7_MAX_REGIONS,
						      &diag), -EINVAL);
		KUNIT_EXPECT_EQ(test, diag.field, IMX_M7_F_DT_REG_NAMES);
	} else {
		node->clk.soc = w->soc;
		node->clk.state = w->clk;
		node->clk.id = w->id;
		node->clk.provider = w->provider;
		KUNIT_ASSERT_LT(test, imx_m7_dt_check_clock(&node->clk, &diag),
				0);
	}
	KUNIT_EXPECT_PTR_EQ(test, diag.soc, w->soc);
	imx_m7_diag_format(&diag, NULL, 0, text, IMX_M7_DIAG_LEN);
	KUNIT_EXPECT_STREQ(test, text, w->text);
}

/* Each SoC's core clock facts, as its dt-bindings header and CCM say. */
static void soc_clock_facts_test(struct kunit *test)
{
	KUNIT_EXPECT_STREQ(test, imx_m7_soc_imx8mp.clk, "IMX8MP_CLK_M7_CORE");
	KUNIT_EXPECT_EQ(test, imx_m7_soc_imx8mp.clk_id, 305);
	KUNIT_EXPECT_STREQ(test, imx_m7_soc_imx8mp.ccm, "fsl,imx8mp-ccm");
	KUNIT_EXPECT_STREQ(test, imx_m7_soc_imx8mn.clk, "IMX8MN_CLK_M7_CORE");
	KUNIT_EXPECT_EQ(test, imx_m7_soc_imx8mn.clk_id, 221);
	KUNIT_EXPECT_STREQ(test, imx_m7_soc_imx8mn.ccm, "fsl,imx8mn-ccm");
	KUNIT_EXPECT_NULL(test, imx_m7_soc_imx8mn.clk_unreg);
	KUNIT_EXPECT_STREQ(test, imx_m7_soc_imx8mm.clk, "IMX8MM_CLK_M4_CORE");
	KUNIT_EXPECT_EQ(test, imx_m7_soc_imx8mm.clk_id, 246);
	KUNIT_EXPECT_STREQ(test, imx_m7_soc_imx8mm.ccm, "fsl,imx8mm-ccm");
	KUNIT_EXPECT_NULL(test, imx_m7_soc_imx8mm.clk_unreg);
	KUNIT_EXPECT_STREQ(test, imx_m7_soc_imx8mm.unit, "M4");
}

/* Each SoC's default firmware-name: its key and its core, never another's. */
static void soc_firmware_test(struct kunit *test)
{
	const struct imx_m7_soc *soc;
	unsigned int i, j;

	KUNIT_EXPECT_STREQ(test, imx_m7_soc_imx8mp.firmware, "imx8mp_m7.elf");
	KUNIT_EXPECT_STREQ(test, imx_m7_soc_imx8mn.firmware, "imx8mn_m7.elf");
	KUNIT_EXPECT_STREQ(test, imx_m7_soc_imx8mm.firmware, "imx8mm_m4.elf");
	for (i = 0; (soc = imx_m7_soc_nth(i)); i++)
		for (j = 0; j < i; j++)
			KUNIT_EXPECT_STRNEQ(test, soc->firmware,
					    imx_m7_soc_nth(j)->firmware);
}

/* ---- The driver: compatibles and start/stop per SoC ------------------- */

/*
 * The driver binds each SoC of imx_m7_map.c by that SoC's compatible, with
 * the SoC as its match data, and nothing else: the two lists are one.
 */
static void soc_match_table_test(struct kunit *test)
{
	const struct of_device_id *id;
	const struct imx_m7_soc *soc;
	unsigned int i, n = 0, found;

	for (i = 0; (soc = imx_m7_soc_nth(i)); i++) {
		found = 0;
		for (id = imx_m7_rproc_of_match; id->compatible[0]; id++)
			if (!strcmp(id->compatible, soc->compatible)) {
				KUNIT_EXPECT_PTR_EQ(test, id->data, soc);
				found++;
			}
		KUNIT_EXPECT_EQ_MSG(test, found, 1, "%s", soc->compatible);
	}
	for (id = imx_m7_rproc_of_match; id->compatible[0]; id++)
		n++;
	KUNIT_EXPECT_EQ(test, n, i);
}

/*
 * The method each SoC gets for a node that names the GPR, the SRC, both
 * or neither: the M7s through the GPR, else the SMC; the Mini's M4
 * through its SRC, and without it none (TF-A cannot stop the M4).
 */
static void soc_method_pick_test(struct kunit *test)
{
	static const struct {
		const struct imx_m7_soc *soc;
		bool gpr, syscon;
		const struct imx_m7_method *want;
	} rows[] = {
		{ &imx_m7_soc_imx8mp, true, true, &imx_m7_method_mmio },
		{ &imx_m7_soc_imx8mp, false, true, &imx_m7_method_smc },
		{ &imx_m7_soc_imx8mp, false, false, &imx_m7_method_smc },
		{ NULL, true, true, &imx_m7_method_mmio },
		{ &imx_m7_soc_imx8mn, true, true, &imx_m7_method_mmio },
		{ &imx_m7_soc_imx8mn, false, false, &imx_m7_method_smc },
		{ &imx_m7_soc_imx8mm, false, true, &imx_m7_method_m4rcr },
		{ &imx_m7_soc_imx8mm, true, true, &imx_m7_method_m4rcr },
		{ &imx_m7_soc_imx8mm, true, false, NULL },
		{ &imx_m7_soc_imx8mm, false, false, NULL },
	};
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(rows); i++)
		KUNIT_EXPECT_PTR_EQ_MSG(test,
					imx_m7_method_pick(rows[i].soc,
							   rows[i].gpr,
							   rows[i].syscon),
					rows[i].want, "row %u", i);
	KUNIT_EXPECT_EQ(test, imx_m7_method_m4rcr.needs, IMX_M7_NEEDS_SRC);
	KUNIT_EXPECT_EQ(test, imx_m7_method_mmio.needs,
			IMX_M7_NEEDS_GPR | IMX_M7_NEEDS_SRC);
	KUNIT_EXPECT_EQ(test, imx_m7_method_smc.needs, 0);
}

/* An SRC stand-in: 64 registers, each write counted. */
struct s_src {
	u32 regs[64];
	unsigned int writes[64];
};

static int s_src_read(void *ctx, unsigned int reg, unsigned int *val)
{
	struct s_src *src = ctx;

	*val = src->regs[reg / 4];
	return 0;
}

static int s_src_write(void *ctx, unsigned int reg, unsigned int val)
{
	struct s_src *src = ctx;

	src->regs[reg / 4] = val;
	src->writes[reg / 4]++;
	return 0;
}

/* An SRC whose bus fails: every access -EIO. */
static int s_src_fail(void *ctx, unsigned int reg, unsigned int *val)
{
	return -EIO;
}

static int s_src_fail_write(void *ctx, unsigned int reg, unsigned int val)
{
	return -EIO;
}

static const struct regmap_config s_src_fail_config = {
	.reg_bits = 32,
	.val_bits = 32,
	.reg_stride = 4,
	.max_register = 63 * 4,
	.reg_read = s_src_fail,
	.reg_write = s_src_fail_write,
};

static const struct regmap_config s_src_config = {
	.reg_bits = 32,
	.val_bits = 32,
	.reg_stride = 4,
	.max_register = 63 * 4,
	.reg_read = s_src_read,
	.reg_write = s_src_write,
};

/*
 * The i.MX8M Mini M4 through SRC_M4RCR (0x0c): start writes ENABLE_M4
 * with both self-clearing resets and the held one clear (0xe under the
 * mask 0xf), stop ENABLE_M4 with the core reset pulsed and held (0xb);
 * the bits above the mask are kept, no other register is written, and
 * the M4 runs exactly while the held core reset is clear. The stand-in
 * keeps the self-clearing bits set, as the emulated board's RAM does.
 */
static void soc_m4rcr_test(struct kunit *test)
{
	struct imx_m7_rproc *priv;
	struct s_src *src;
	unsigned int i;

	priv = kunit_kzalloc(test, sizeof(*priv), GFP_KERNEL);
	src = kunit_kzalloc(test, sizeof(*src), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, priv);
	KUNIT_ASSERT_NOT_NULL(test, src);
	priv->src = regmap_init(NULL, NULL, src, &s_src_config);
	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, priv->src);
	priv->method = &imx_m7_method_m4rcr;

	src->regs[IMX_M7_SRC_M4RCR / 4] = 0xa9;	/* held in reset */
	KUNIT_EXPECT_EQ(test, priv->method->running(priv), 0);
	KUNIT_EXPECT_EQ(test, priv->method->start(priv), 0);
	KUNIT_EXPECT_EQ(test, src->regs[IMX_M7_SRC_M4RCR / 4], 0xae);
	KUNIT_EXPECT_EQ(test, priv->method->running(priv), 1);
	KUNIT_EXPECT_EQ(test, priv->method->stop(priv), 0);
	KUNIT_EXPECT_EQ(test, src->regs[IMX_M7_SRC_M4RCR / 4], 0xab);
	KUNIT_EXPECT_EQ(test, priv->method->running(priv), 0);
	/* Enabled, no reset held: running, as TF-A's M4_STARTED says. */
	src->regs[IMX_M7_SRC_M4RCR / 4] = 0x8;
	KUNIT_EXPECT_EQ(test, priv->method->running(priv), 1);
	for (i = 0; i < ARRAY_SIZE(src->writes); i++)
		if (i != IMX_M7_SRC_M4RCR / 4)
			KUNIT_EXPECT_EQ_MSG(test, src->writes[i], 0,
					    "register 0x%x", i * 4);
	KUNIT_EXPECT_EQ(test, src->writes[IMX_M7_SRC_M4RCR / 4], 2);
	KUNIT_EXPECT_TRUE(test, priv->method->stop_held);
	regmap_exit(priv->src);

	/* A failing bus: each operation says so and returns its errno. */
	priv->src = regmap_init(NULL, NULL, src, &s_src_fail_config);
	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, priv->src);
	KUNIT_EXPECT_EQ(test, priv->method->running(priv), -EIO);
	KUNIT_EXPECT_EQ(test, priv->method->start(priv), -EIO);
	KUNIT_EXPECT_EQ(test, priv->method->stop(priv), -EIO);
	regmap_exit(priv->src);
}

static struct kunit_case imx_m7_soc_test_cases[] = {
	KUNIT_CASE_PARAM(soc_regions_test, s_soc_gen_params),
	KUNIT_CASE(soc_find_test),
	KUNIT_CASE_PARAM(soc_region_end_test, s_soc_gen_params),
	KUNIT_CASE_PARAM(soc_sdk_layout_test, s_soc_gen_params),
	KUNIT_CASE(soc_m4_vector_view_test),
	KUNIT_CASE(soc_m4_tcm_span_test),
	KUNIT_CASE(soc_core_words_test),
	KUNIT_CASE(soc_region_words_test),
	KUNIT_CASE_PARAM(soc_dt_words_test, s_dt_words_gen_params),
	KUNIT_CASE(soc_clock_facts_test),
	KUNIT_CASE(soc_firmware_test),
	KUNIT_CASE(soc_match_table_test),
	KUNIT_CASE(soc_method_pick_test),
	KUNIT_CASE(soc_m4rcr_test),
	{}
};

static struct kunit_suite imx_m7_soc_test_suite = {
	.name = "imx_m7_soc",
	.test_cases = imx_m7_soc_test_cases,
};
kunit_test_suite(imx_m7_soc_test_suite);
