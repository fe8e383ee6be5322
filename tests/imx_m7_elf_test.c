// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit suite imx_m7_elf: the ELF checks and the load plan of
 * imx_m7_elf_plan(), case by case. Each image is built here from a compact
 * description (struct t_image, tests/imx_m7_test.h); a case then patches
 * single fields (struct t_patch) and states the exact outcome: the errno,
 * the failed check, the segment, the field, and for accepted images every
 * operation of the plan. The images and the builder serve the other suites
 * of this module too (imx_m7_rsc, imx_m7_map, imx_m7_diag).
 */
#include <kunit/test.h>
#include <linux/elf.h>
#include <linux/kernel.h>
#include <linux/module.h>
#include <linux/slab.h>
#include <linux/stddef.h>
#include <linux/string.h>

#include "imx_m7_compat.h"
#include "imx_m7_elf.h"
#include "imx_m7_test.h"

/* ---- Image layout and builder ------------------------------------------ */

static u32 t_data_start(const struct t_image *img)
{
	return ALIGN(sizeof(Elf32_Ehdr) + img->n * sizeof(Elf32_Phdr), 16);
}

/* File offset of segment @i's bytes. */
u32 t_seg_offset(const struct t_image *img, unsigned int i)
{
	u32 off = t_data_start(img);
	unsigned int k;

	for (k = 0; k < i; k++)
		off += ALIGN(img->seg[k].filesz, 4);
	return off;
}

static const char t_strtab[] = "\0.resource_table\0.shstrtab";	/* 27 */

/* The table is the last segment's bytes; the names follow the segments. */
u32 t_rsc_offset(const struct t_image *img)
{
	return t_seg_offset(img, img->n - 1);
}

static u32 t_shoff(const struct t_image *img)
{
	return ALIGN(t_seg_offset(img, img->n) + sizeof(t_strtab), 4);
}

static size_t t_size(const struct t_image *img)
{
	if (img->rsc)
		return t_shoff(img) + 3 * sizeof(Elf32_Shdr);
	return t_seg_offset(img, img->n);
}

static void t_put32(u8 *p, u32 v)
{
	memcpy(p, &v, sizeof(v));
}

/*
 * The table: NXP's rpmsg-lite vdev for the i.MX8MP M7 (id 7, dfeatures
 * VIRTIO_RPMSG_F_NS, 2 vrings of 256 at the vdev0vring0/1 carve-outs,
 * align 0x1000, notify ids 0 and 1), then a trace buffer. Offsets:
 * 16 offset[0], 20 offset[1], 24 the vdev (28 id, 44 config_len,
 * 48 status | num_of_vrings << 8), 52 vring 0, 72 vring 1 (da, align,
 * num, notifyid, reserved), 92 the trace entry.
 */
const u32 t_rsc_words[T_RSC_LEN / 4] = {
	1, 2, 0, 0, 24, 92,
	3, 7, 0, 1, 0, 0, 2 << 8,		/* entry 0: RSC_VDEV */
	0x55000000, 0x1000, 256, 0, 0,		/* vring 0 */
	0x55008000, 0x1000, 256, 1, 0,		/* vring 1 */
	2, 0x20000200, 0x400, 0,		/* entry 1: RSC_TRACE */
};

/* Sections: [0] null, [1] .resource_table, [2] .shstrtab. */
static void t_build_rsc(const struct t_image *img, u8 *fw, Elf32_Ehdr *eh)
{
	const u32 *table = t_rsc_words;
	u32 rsc = t_rsc_offset(img), names = t_seg_offset(img, img->n);
	Elf32_Shdr sh[3] = { };

	memcpy(fw + rsc, table, sizeof(t_rsc_words));
	memcpy(fw + names, t_strtab, sizeof(t_strtab));
	sh[1].sh_name = 1;
	sh[1].sh_type = SHT_PROGBITS;
	sh[1].sh_flags = SHF_ALLOC | SHF_WRITE;
	sh[1].sh_addr = img->seg[img->n - 1].vaddr;
	sh[1].sh_offset = rsc;
	sh[1].sh_size = T_RSC_LEN;
	sh[2].sh_name = 17;
	sh[2].sh_type = SHT_STRTAB;
	sh[2].sh_offset = names;
	sh[2].sh_size = sizeof(t_strtab);
	eh->e_shoff = t_shoff(img);
	eh->e_shentsize = sizeof(Elf32_Shdr);
	eh->e_shnum = 3;
	eh->e_shstrndx = 2;
	memcpy(fw + eh->e_shoff, sh, sizeof(sh));
}

static void t_build_segs(const struct t_image *img, u8 *fw)
{
	bool vector = img->sp;
	unsigned int i, k;

	for (i = 0; i < img->n; i++) {
		const struct t_seg *s = &img->seg[i];
		Elf32_Phdr ph = {
			.p_type = s->type, .p_offset = t_seg_offset(img, i),
			.p_vaddr = s->vaddr, .p_paddr = s->paddr,
			.p_filesz = s->filesz, .p_memsz = s->memsz,
			.p_flags = s->flags, .p_align = 4,
		};
		u8 *data = fw + ph.p_offset;

		memcpy(fw + sizeof(Elf32_Ehdr) + i * sizeof(ph), &ph,
		       sizeof(ph));
		for (k = 0; k < s->filesz; k++)
			data[k] = i * 16 + k;
		if (vector && s->type == PT_LOAD && s->memsz && s->filesz) {
			vector = false;
			if (s->filesz >= 8) {
				t_put32(data, img->sp);
				t_put32(data + 4, img->entry);
			}
		}
	}
}

u8 *t_build(struct kunit *test, const struct t_image *img, size_t *size)
{
	Elf32_Ehdr eh = {
		.e_ident = { ELFMAG0, ELFMAG1, ELFMAG2, ELFMAG3, ELFCLASS32,
			     ELFDATA2LSB, EV_CURRENT },
		.e_type = ET_EXEC, .e_machine = EM_ARM,
		.e_version = EV_CURRENT, .e_entry = img->entry,
		.e_phoff = sizeof(Elf32_Ehdr), .e_ehsize = sizeof(Elf32_Ehdr),
		.e_phentsize = sizeof(Elf32_Phdr), .e_phnum = img->n,
	};
	u8 *fw;

	*size = t_size(img);
	fw = kunit_kzalloc(test, *size, GFP_KERNEL);
	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, fw);
	t_build_segs(img, fw);
	if (img->rsc)
		t_build_rsc(img, fw, &eh);
	memcpy(fw, &eh, sizeof(eh));
	return fw;
}

/* ---- Patches: break one field ------------------------------------------ */

void t_patch(struct kunit *test, const struct t_image *img, u8 *fw,
	     size_t size, const struct t_patch *p)
{
	size_t at;

	switch (p->where) {
	case T_NONE:
		return;
	case T_EH:
		at = p->off;
		break;
	case T_PH:
		at = sizeof(Elf32_Ehdr) + p->idx * sizeof(Elf32_Phdr) + p->off;
		break;
	case T_SH:
		at = t_shoff(img) + p->idx * sizeof(Elf32_Shdr) + p->off;
		break;
	case T_SEGDATA:
		at = t_seg_offset(img, p->idx) + p->off;
		break;
	default:
		at = t_rsc_offset(img) + p->off;
		break;
	}
	KUNIT_ASSERT_LE(test, at + p->width, size);
	/* Little-endian, like the file. */
	memcpy(fw + at, &p->value, p->width);
}

static void t_case_desc(const struct t_case *c, char *desc)
{
	strscpy(desc, c->desc, KUNIT_PARAM_DESC_SIZE);
}

/*
 * Out of line (as t_expect_diag()): inlined into t_run_case(), their KUnit
 * asserts took its frame past 2048 bytes on 6.12 (-Wframe-larger-than).
 */
static noinline_for_stack void t_expect_plan(struct kunit *test,
					     const struct t_case *c,
					     const struct imx_m7_plan *plan)
{
	unsigned int i;

	KUNIT_ASSERT_EQ(test, plan->n_ops, c->n_ops);
	KUNIT_EXPECT_EQ(test, plan->entry, c->img->entry);
	for (i = 0; i < c->n_ops; i++) {
		const struct imx_m7_op *op = &plan->ops[i];
		const struct t_op *want = &c->ops[i];

		KUNIT_EXPECT_EQ_MSG(test, op->kind, want->kind, "op %u", i);
		KUNIT_EXPECT_EQ_MSG(test, op->seg, want->seg, "op %u", i);
		KUNIT_EXPECT_EQ_MSG(test, op->region, want->region, "op %u", i);
		KUNIT_EXPECT_EQ_MSG(test, op->da, want->da, "op %u", i);
		KUNIT_EXPECT_EQ_MSG(test, op->offset, want->offset, "op %u", i);
		KUNIT_EXPECT_EQ_MSG(test, op->len, want->len, "op %u", i);
		if (want->kind == IMX_M7_OP_COPY)
			KUNIT_EXPECT_EQ_MSG(test, op->src,
					    t_seg_offset(c->img, want->seg),
					    "op %u", i);
		if (want->kind != IMX_M7_OP_VECTOR)
			continue;
		KUNIT_EXPECT_EQ(test, op->vector[0], want->vector[0]);
		KUNIT_EXPECT_EQ(test, op->vector[1], want->vector[1]);
	}
}

static noinline_for_stack void t_expect_diag(struct kunit *test,
					     const struct t_case *c,
					     const struct imx_m7_diag *d)
{
	KUNIT_EXPECT_EQ(test, d->err, c->err);
	KUNIT_EXPECT_EQ_MSG(test, d->check, c->check, "got %s, want %s",
			    imx_m7_check_name(d->check),
			    imx_m7_check_name(c->check));
	KUNIT_EXPECT_EQ(test, d->seg, c->seg);
	T_EXPECT_FIELD(test, d->field, c->field);
	if (!c->more)
		return;
	KUNIT_EXPECT_EQ(test, d->region, c->more->region);
	KUNIT_EXPECT_EQ(test, d->start, c->more->start);
	KUNIT_EXPECT_EQ(test, d->end, c->more->end);
	KUNIT_EXPECT_EQ(test, d->overflow, c->more->overflow);
	KUNIT_EXPECT_EQ(test, d->other_seg, c->more->other_seg);
	KUNIT_EXPECT_EQ(test, d->value, c->more->value);
}

/* PT_LOADs with p_memsz > 0 in the (patched) file: the plan's n_segments. */
static unsigned int t_count_loads(const u8 *fw)
{
	unsigned int i, n = 0;
	Elf32_Ehdr eh;
	Elf32_Phdr ph;

	memcpy(&eh, fw, sizeof(eh));
	for (i = 0; i < eh.e_phnum; i++) {
		memcpy(&ph, fw + eh.e_phoff + i * sizeof(ph), sizeof(ph));
		n += ph.p_type == PT_LOAD && ph.p_memsz;
	}
	return n;
}

static void t_run_case(struct kunit *test, const struct t_case *c)
{
	struct imx_m7_region regions[IMX_M7_MAX_REGIONS];
	struct imx_m7_plan plan;
	struct imx_m7_diag diag;
	unsigned int n, i;
	size_t size;
	u8 *fw;
	int ret;

	n = t_regions(test, c->rt, regions);
	fw = t_build(test, c->img, &size);
	for (i = 0; i < ARRAY_SIZE(c->patch); i++)
		t_patch(test, c->img, fw, size, &c->patch[i]);
	ret = imx_m7_elf_plan(fw, size, regions, n, &plan, &diag);
	KUNIT_ASSERT_EQ_MSG(test, ret, c->err, "check %s",
			    imx_m7_check_name(diag.check));
	if (!ret) {
		t_expect_plan(test, c, &plan);
		KUNIT_EXPECT_EQ(test, plan.n_segments, t_count_loads(fw));
		imx_m7_plan_free(&plan);
		return;
	}
	KUNIT_EXPECT_NULL(test, plan.ops);
	KUNIT_EXPECT_EQ(test, plan.n_ops, 0);
	t_expect_diag(test, c, &diag);
}

static void plan_accept_test(struct kunit *test)
{
	t_run_case(test, test->param_value);
}

static void plan_field_test(struct kunit *test)
{
	t_run_case(test, test->param_value);
}

static void plan_range_test(struct kunit *test)
{
	t_run_case(test, test->param_value);
}

static void plan_overlap_test(struct kunit *test)
{
	t_run_case(test, test->param_value);
}

static void plan_vector_test(struct kunit *test)
{
	t_run_case(test, test->param_value);
}

/* ---- The images --------------------------------------------------------- */

/* The MCUXpresso layout of the bug report: .data stored after the code. */
const struct t_image t_seed = {
	.entry = 0x401, .sp = 0x20020000, .n = 2,
	.seg = { T_CODE(0, 0x1de78),
		 T_DATA(0x1de78, 0x20000000, 0x100, 0xd5a0) },
};

/* The same with 0x2200 bytes of stored .data: 0x78 bytes past ITCM. */
const struct t_image t_seed_overflow = {
	.entry = 0x401, .sp = 0x20020000, .n = 2,
	.seg = { T_CODE(0, 0x1de78),
		 T_DATA(0x1de78, 0x20000000, 0x2200, 0xd5a0) },
};

/* The wording example: code and .bss 0x584c bytes past ITCM. */
const struct t_image t_itcm_bss = {
	.entry = 0x401, .sp = 0x20020000, .n = 2,
	.seg = { T_CODE(0, 0x400),
		 { PT_LOAD, 0x400, 0x400, 0x1000, 0x2544c, PF_R | PF_X } },
};

/* A small TCM image: truncation and extreme values. */
const struct t_image t_small = {
	.entry = 0x21, .sp = 0x20001000, .n = 2,
	.seg = { T_CODE(0, 0x40), T_DATA(0x40, 0x20000000, 0x10, 0x100) },
};

/* Linked in DDR: the reset vector comes from the first segment. */
const struct t_image t_ddr = {
	.entry = 0x80000401, .sp = 0x80200000, .n = 2,
	.seg = { T_CODE(0x80000000, 0x800),
		 T_DATA(0x80100000, 0x80100000, 0x40, 0x1000) },
};

/* Zephyr-like: PT_ARM_EXIDX, .data stored after the code, .bss, empty. */
static const struct t_image t_zephyr = {
	.entry = 0x101, .sp = 0x20001000, .n = 5,
	.seg = { T_CODE(0, 0x200),
		 { T_PT_ARM_EXIDX, 0x200, 0x200, 8, 8, PF_R },
		 T_DATA(0x208, 0x20000000, 0x20, 0x20),
		 T_BSS(0x20000020, 0x400),
		 { PT_LOAD, 0x20001000, 0x20001000, 0, 0, PF_R | PF_W } },
};

/* OCRAM through both M7 views: code bus and system bus. */
static const struct t_image t_ocram = {
	.entry = 0x41, .sp = 0x20001000, .n = 3,
	.seg = { T_CODE(0, 0x100), T_CODE(0x900000, 0x1000),
		 T_DATA(0x20201000, 0x20201000, 0x10, 0x100) },
};

#define T_VEC(...)	{ .entry = 0x41, .sp = 0x20001000, .n = 2,	\
			  .seg = { T_CODE(0, 0x100), __VA_ARGS__ } }
#define T_VEC_IMAGE(name, ...) \
	static const struct t_image name = T_VEC(__VA_ARGS__)

T_VEC_IMAGE(t_itcm_end_data, T_BSS(0x1ff00, 0x100));
T_VEC_IMAGE(t_itcm_past, T_BSS(0x1ff00, 0x101));
T_VEC_IMAGE(t_dtcm_end, T_BSS(0x20000000, 0x20000));
T_VEC_IMAGE(t_dtcm_past, T_BSS(0x20000000, 0x20001));
T_VEC_IMAGE(t_ocram_end, T_BSS(0x97ff00, 0x100));
T_VEC_IMAGE(t_ocram_past, T_BSS(0x97ff00, 0x101));
T_VEC_IMAGE(t_ocram_sys_end, T_BSS(0x2027ff00, 0x100));
T_VEC_IMAGE(t_ocram_sys_past, T_BSS(0x2027ff00, 0x101));
T_VEC_IMAGE(t_ddr_end, T_BSS(0x80fff000, 0x1000));
const struct t_image t_ddr_past = T_VEC(T_BSS(0x80fff000, 0x1001));
T_VEC_IMAGE(t_ddr1_code_end, T_CODE(0x100fff00, 0x100));
T_VEC_IMAGE(t_ddr1_code_past, T_CODE(0x100fff00, 0x101));
T_VEC_IMAGE(t_run_end, T_DATA(0x100, 0x2001ff00, 0x10, 0x100));
T_VEC_IMAGE(t_run_past, T_DATA(0x100, 0x2001ff00, 0x10, 0x101));
T_VEC_IMAGE(t_in_vdev, T_BSS(0x81000000, 0x100));
const struct t_image t_vdev_past = T_VEC(T_BSS(0x810fff00, 0x200));
T_VEC_IMAGE(t_nowhere, T_BSS(0x30000000, 0x10));
T_VEC_IMAGE(t_after_itcm, T_BSS(0x20000, 0x10));
T_VEC_IMAGE(t_adjacent, T_CODE(0x100, 0x10));
T_VEC_IMAGE(t_overlap1, T_CODE(0xff, 0x10));
T_VEC_IMAGE(t_zero_overlap, T_BSS(0x80, 0x100));

static const struct t_image t_itcm_full = {
	.entry = 0x41, .sp = 0x20001000, .n = 1,
	.seg = { T_CODE(0, 0x20000) },
};

static const struct t_image t_itcm_full_past = {
	.entry = 0x41, .sp = 0x20001000, .n = 1,
	.seg = { T_CODE(0, 0x20001) },
};

/* Linked top down: the spans arrive in descending order (one run). */
static const struct t_image t_ddr_down = {
	.entry = 0x80000201, .sp = 0x80200000, .n = 3,
	.seg = { T_CODE(0x80000200, 0x100), T_CODE(0x80000100, 0x100),
		 T_CODE(0x80000000, 0x100) },
};

static const struct t_image t_ddr_down_overlap = {
	.entry = 0x80000201, .sp = 0x80200000, .n = 3,
	.seg = { T_CODE(0x80000200, 0x100), T_CODE(0x80000100, 0x101),
		 T_CODE(0x80000000, 0x100) },
};

/* Three runs: up, down, up; segment 4 overlaps segment 2. */
static const struct t_image t_runs_overlap = {
	.entry = 0x41, .sp = 0x20001000, .n = 6,
	.seg = { T_CODE(0, 0x100), T_CODE(0x1000, 0x100),
		 T_CODE(0x800, 0x100), T_CODE(0x400, 0x100),
		 T_CODE(0x8ff, 0x10), T_CODE(0x2000, 0x100) },
};

const struct t_image t_ocram_alias_overlap = {
	.entry = 0x41, .sp = 0x20001000, .n = 3,
	.seg = { T_CODE(0, 0x100), T_CODE(0x900000, 0x1000),
		 T_DATA(0x20200800, 0x20200800, 0x10, 0x10) },
};

static const struct t_image t_ddr1_alias_overlap = {
	.entry = 0x41, .sp = 0x20001000, .n = 3,
	.seg = { T_CODE(0, 0x100), T_CODE(0x10000000, 0x100),
		 T_DATA(0x40000080, 0x40000080, 0x10, 0x10) },
};

static const struct t_image t_ddr_itcm = {
	.entry = 0x80000401, .sp = 0x80200000, .n = 2,
	.seg = { T_CODE(0x80000000, 0x800), T_CODE(0x100, 0x100) },
};

static const struct t_image t_ddr_short = {
	.entry = 0x80000001, .sp = 0x80200000, .n = 1,
	.seg = { { PT_LOAD, 0x80000000, 0x80000000, 4, 0x800, PF_R | PF_X } },
};

static const struct t_image t_ddr_bss_only = {
	.n = 1, .seg = { T_BSS(0x80000000, 0x100) },
};

static const struct t_image t_ddr_itcm4 = {
	.entry = 0x80000401, .sp = 0x80200000, .n = 2,
	.seg = { T_CODE(0x80000000, 0x800), T_CODE(4, 0x10) },
};

static const struct t_image t_ddr_vec_alias = {
	.entry = 0x80000401, .sp = 0x80200000, .n = 3,
	.seg = { T_CODE(0x80000000, 0x800),
		 T_DATA(0x80100000, 0x80100000, 0x40, 0x1000),
		 T_CODE(0x30000000, 0x10) },
};

static const struct t_image t_itcm_seg4 = {
	.entry = 0x41, .sp = 0x20001000, .n = 1,
	.seg = { { PT_LOAD, 0, 0, 4, 0x100, PF_R | PF_X } },
};

/*
 * The resource table is segment 2's bytes, stored and read at DTCM
 * 0x20000100 (p_paddr == p_vaddr == sh_addr). Segment 1 is .data: stored
 * in ITCM at 0x40, run in DTCM below the table.
 */
const struct t_image t_rsc = {
	.entry = 0x21, .sp = 0x20001000, .n = 3, .rsc = true,
	.seg = { T_CODE(0, 0x40), T_DATA(0x40, 0x20000000, 0x10, 0x100),
		 T_DATA(0x20000100, 0x20000100, T_RSC_LEN, T_RSC_LEN) },
};

/* ---- Accepted images: the exact plan ------------------------------------ */

static const struct t_case t_accept_cases[] = {
	{ .desc = "seed: .data stored in ITCM, run in DTCM", .img = &t_seed,
	  T_OPS(COPY(0, R_ITCM, 0, 0, 0x1de78),
		COPY(1, R_ITCM, 0x1de78, 0x1de78, 0x100)) },
	{ .desc = "small TCM image", .img = &t_small,
	  T_OPS(COPY(0, R_ITCM, 0, 0, 0x40), COPY(1, R_ITCM, 0x40, 0x40, 0x10)) },
	{ .desc = "DDR-linked: vector taken from segment 0", .img = &t_ddr,
	  T_OPS(COPY(0, R_DDR, 0x80000000, 0, 0x800),
		COPY(1, R_DDR, 0x80100000, 0x100000, 0x40),
		ZERO(1, R_DDR, 0x80100040, 0x100040, 0xfc0),
		VEC(R_ITCM, 0x80200000, 0x80000401)) },
	{ .desc = "DDR-linked with an ITCM segment above 8", .img = &t_ddr_itcm,
	  T_OPS(COPY(0, R_DDR, 0x80000000, 0, 0x800),
		COPY(1, R_ITCM, 0x100, 0x100, 0x100),
		VEC(R_ITCM, 0x80200000, 0x80000401)) },
	{ .desc = "Zephyr-like: EXIDX ignored, memsz 0 skipped", .img = &t_zephyr,
	  T_OPS(COPY(0, R_ITCM, 0, 0, 0x200),
		COPY(2, R_ITCM, 0x208, 0x208, 0x20),
		ZERO(3, R_DTCM, 0x20000020, 0x20, 0x400)) },
	{ .desc = "OCRAM through its code-bus and system-bus views",
	  .img = &t_ocram,
	  T_OPS(COPY(0, R_ITCM, 0, 0, 0x100),
		COPY(1, R_OCRAM, 0x900000, 0, 0x1000),
		COPY(2, R_OCRAM_SYS, 0x20201000, 0x1000, 0x10),
		ZERO(2, R_OCRAM_SYS, 0x20201010, 0x1010, 0xf0)) },
	{ .desc = "DDR-linked top down: spans in descending order", .img = &t_ddr_down,
	  T_OPS(COPY(0, R_DDR, 0x80000200, 0x200, 0x100),
		COPY(1, R_DDR, 0x80000100, 0x100, 0x100),
		COPY(2, R_DDR, 0x80000000, 0, 0x100),
		VEC(R_ITCM, 0x80200000, 0x80000201)) },
	{ .desc = "segments adjacent in ITCM", .img = &t_adjacent,
	  T_OPS(COPY(0, R_ITCM, 0, 0, 0x100),
		COPY(1, R_ITCM, 0x100, 0x100, 0x10)) },
	{ .desc = "segment 1 stored in DDR (p_paddr 0x80000000)",
	  .img = &t_small, .patch = { PH(1, p_paddr, 0x80000000) },
	  T_OPS(COPY(0, R_ITCM, 0, 0, 0x40), COPY(1, R_DDR, 0x80000000, 0, 0x10)) },
	{ .desc = "segment 1 runs in DDR (p_vaddr 0x80000000)",
	  .img = &t_small, .patch = { PH(1, p_vaddr, 0x80000000) },
	  T_OPS(COPY(0, R_ITCM, 0, 0, 0x40), COPY(1, R_ITCM, 0x40, 0x40, 0x10)) },
	{ .desc = "segment 0 runs in DDR, stored in ITCM with its vector",
	  .img = &t_small, .patch = { PH(0, p_vaddr, 0x80000000) },
	  T_OPS(COPY(0, R_ITCM, 0, 0, 0x40), COPY(1, R_ITCM, 0x40, 0x40, 0x10)) },
};
KUNIT_ARRAY_PARAM(t_accept, t_accept_cases, t_case_desc);

/* ---- Break one field at a time ------------------------------------------ */

static const struct t_case t_field_cases[] = {
	{ .desc = "e_ident magic", .img = &t_seed, .err = -ENOEXEC,
	  .check = IMX_M7_E_MAGIC, .seg = -1, .field = IMX_M7_F_EI_MAG,
	  .patch = { EH(e_ident[0], 0) } },
	{ .desc = "ELFCLASS64", .img = &t_seed, .err = -ENOEXEC,
	  .check = IMX_M7_E_CLASS, .seg = -1, .field = IMX_M7_F_EI_CLASS,
	  .patch = { EH(e_ident[EI_CLASS], ELFCLASS64) } },
	{ .desc = "ELFDATA2MSB", .img = &t_seed, .err = -ENOEXEC,
	  .check = IMX_M7_E_DATA, .seg = -1, .field = IMX_M7_F_EI_DATA,
	  .patch = { EH(e_ident[EI_DATA], ELFDATA2MSB) } },
	{ .desc = "e_ident version 0", .img = &t_seed, .err = -ENOEXEC,
	  .check = IMX_M7_E_VERSION, .seg = -1, .field = IMX_M7_F_EI_VERSION,
	  .patch = { EH(e_ident[EI_VERSION], 0) } },
	{ .desc = "e_version 2", .img = &t_seed, .err = -ENOEXEC,
	  .check = IMX_M7_E_VERSION, .seg = -1, .field = IMX_M7_F_E_VERSION,
	  .patch = { EH(e_version, 2) } },
	{ .desc = "ET_REL", .img = &t_seed, .err = -ENOEXEC,
	  .check = IMX_M7_E_TYPE, .seg = -1, .field = IMX_M7_F_E_TYPE,
	  .patch = { EH(e_type, ET_REL) } },
	{ .desc = "ET_DYN", .img = &t_seed, .err = -ENOEXEC,
	  .check = IMX_M7_E_TYPE, .seg = -1, .field = IMX_M7_F_E_TYPE,
	  .patch = { EH(e_type, ET_DYN) } },
	{ .desc = "EM_AARCH64", .img = &t_seed, .err = -ENOEXEC,
	  .check = IMX_M7_E_MACHINE, .seg = -1, .field = IMX_M7_F_E_MACHINE,
	  .patch = { EH(e_machine, EM_AARCH64) } },
	{ .desc = "EM_NONE", .img = &t_seed, .err = -ENOEXEC,
	  .check = IMX_M7_E_MACHINE, .seg = -1, .field = IMX_M7_F_E_MACHINE,
	  .patch = { EH(e_machine, 0) } },
	{ .desc = "e_phentsize 31", .img = &t_seed, .err = -ENOEXEC,
	  .check = IMX_M7_E_PHENTSIZE, .seg = -1, .field = IMX_M7_F_E_PHENTSIZE,
	  .patch = { EH(e_phentsize, 31) } },
	{ .desc = "e_phentsize 56 (Elf64_Phdr)", .img = &t_seed,
	  .err = -ENOEXEC, .check = IMX_M7_E_PHENTSIZE, .seg = -1,
	  .field = IMX_M7_F_E_PHENTSIZE, .patch = { EH(e_phentsize, 56) } },
	{ .desc = "e_phnum 0", .img = &t_seed, .err = -ENOEXEC,
	  .check = IMX_M7_E_PHNUM, .seg = -1, .field = IMX_M7_F_E_PHNUM,
	  .patch = { EH(e_phnum, 0) } },
	/* The planner looks for the resource table: section headers too. */
	{ .desc = "section headers past the end", .img = &t_small,
	  .err = -ENOEXEC, .check = IMX_M7_E_SHDR, .seg = -1,
	  .field = IMX_M7_F_E_SHENTSIZE,
	  .patch = { EH(e_shoff, 0xffffffff), EH(e_shnum, 0xffff) } },
	{ .desc = "e_phoff 0: table over the ELF header", .img = &t_seed,
	  .err = -ENOEXEC, .check = IMX_M7_E_PHTABLE, .seg = -1,
	  .field = IMX_M7_F_E_PHOFF, .patch = { EH(e_phoff, 0) } },
	{ .desc = "e_phoff 51", .img = &t_seed, .err = -ENOEXEC,
	  .check = IMX_M7_E_PHTABLE, .seg = -1, .field = IMX_M7_F_E_PHOFF,
	  .patch = { EH(e_phoff, 51) } },
	{ .desc = "p_offset past the end", .img = &t_seed, .err = -ENOEXEC,
	  .check = IMX_M7_E_SEG_FILE, .seg = 1, .field = IMX_M7_F_P_OFFSET,
	  .patch = { PH(1, p_offset, 0x1df00) } },
	/* segment 0's ranges, checked first, must not leak into the diag */
	{ .desc = "p_filesz > p_memsz", .img = &t_seed, .err = -ENOEXEC,
	  .check = IMX_M7_E_SEG_FILESZ, .seg = 1, .field = IMX_M7_F_P_FILESZ,
	  .patch = { PH(1, p_memsz, 0xff) },
	  .more = &(const struct t_more){ .region = -1, .start = 0, .end = 0, .overflow = 0, .other_seg = -1, .value = 0x100 } },
	{ .desc = "load range wraps at 4 GiB", .img = &t_seed, .err = -ERANGE,
	  .check = IMX_M7_E_SEG_WRAP, .seg = 1, .field = IMX_M7_F_P_PADDR,
	  .patch = { PH(1, p_paddr, 0xffffff80) },
	  .more = &(const struct t_more){ .region = -1, .start = 0xffffff80, .end = 0x100000080, .overflow = 0x80, .other_seg = -1, .value = 0 } },
	{ .desc = "run range wraps at 4 GiB", .img = &t_seed, .err = -ERANGE,
	  .check = IMX_M7_E_SEG_WRAP, .seg = 1, .field = IMX_M7_F_P_VADDR,
	  .patch = { PH(1, p_vaddr, 0xffff8000) },
	  .more = &(const struct t_more){ .region = -1, .start = 0xffff8000, .end = 0x1000055a0, .overflow = 0x55a0, .other_seg = -1, .value = 0 } },
	{ .desc = "no PT_LOAD", .img = &t_seed, .err = -EINVAL,
	  .check = IMX_M7_E_NO_LOAD, .seg = -1, .field = IMX_M7_F_E_PHNUM,
	  .patch = { PH(0, p_type, PT_NOTE), PH(1, p_type, PT_NOTE) } },
	{ .desc = "every PT_LOAD has p_memsz 0", .img = &t_small,
	  .err = -EINVAL, .check = IMX_M7_E_NO_LOAD, .seg = -1,
	  .field = IMX_M7_F_E_PHNUM,
	  .patch = { PH(0, p_memsz, 0), PH(1, p_memsz, 0) } },
	{ .desc = "reset PC even (ARM state)", .img = &t_seed, .err = -EINVAL,
	  .check = IMX_M7_E_NO_VECTOR, .seg = 0, .field = IMX_M7_F_PC_THUMB,
	  .patch = { SEGDATA(0, 4, 0x400) } },
	{ .desc = "reset PC outside the code", .img = &t_seed, .err = -EINVAL,
	  .check = IMX_M7_E_NO_VECTOR, .seg = 0, .field = IMX_M7_F_PC_EXEC,
	  .patch = { SEGDATA(0, 4, 0x1df01) } },
	{ .desc = "reset PC in a segment without PF_X", .img = &t_seed,
	  .err = -EINVAL, .check = IMX_M7_E_NO_VECTOR, .seg = 0,
	  .field = IMX_M7_F_PC_EXEC, .patch = { PH(0, p_flags, PF_R) } },
	{ .desc = "initial SP not word-aligned", .img = &t_seed, .err = -EINVAL,
	  .check = IMX_M7_E_NO_VECTOR, .seg = 0, .field = IMX_M7_F_INITIAL_SP,
	  .patch = { SEGDATA(0, 0, 0x2001fffe) } },
	{ .desc = "initial SP outside every region", .img = &t_seed,
	  .err = -EINVAL, .check = IMX_M7_E_NO_VECTOR, .seg = 0,
	  .field = IMX_M7_F_INITIAL_SP, .patch = { SEGDATA(0, 0, 0x30000000) } },
	{ .desc = "initial SP 0", .img = &t_seed, .err = -EINVAL,
	  .check = IMX_M7_E_NO_VECTOR, .seg = 0, .field = IMX_M7_F_INITIAL_SP,
	  .patch = { SEGDATA(0, 0, 0) } },
	{ .desc = "vector at 0 zero-filled", .img = &t_itcm_seg4,
	  .err = -EINVAL, .check = IMX_M7_E_NO_VECTOR, .seg = 0,
	  .field = IMX_M7_F_RESET_VECTOR, .patch = { } },
	/* 0x7fffffff, 0x80000000, 0xffffffff in every size and offset */
	{ .desc = "e_phoff 0x7fffffff", .img = &t_small, .err = -ENOEXEC,
	  .check = IMX_M7_E_PHTABLE, .seg = -1, .field = IMX_M7_F_E_PHOFF,
	  .patch = { EH(e_phoff, 0x7fffffff) } },
	{ .desc = "e_phoff 0x80000000", .img = &t_small, .err = -ENOEXEC,
	  .check = IMX_M7_E_PHTABLE, .seg = -1, .field = IMX_M7_F_E_PHOFF,
	  .patch = { EH(e_phoff, 0x80000000) } },
	{ .desc = "e_phoff 0xffffffff", .img = &t_small, .err = -ENOEXEC,
	  .check = IMX_M7_E_PHTABLE, .seg = -1, .field = IMX_M7_F_E_PHOFF,
	  .patch = { EH(e_phoff, 0xffffffff) } },
	{ .desc = "e_phnum 0xffff", .img = &t_small, .err = -ENOEXEC,
	  .check = IMX_M7_E_PHTABLE, .seg = -1, .field = IMX_M7_F_E_PHOFF,
	  .patch = { EH(e_phnum, 0xffff) } },
	{ .desc = "p_offset 0x7fffffff", .img = &t_small, .err = -ENOEXEC,
	  .check = IMX_M7_E_SEG_FILE, .seg = 1, .field = IMX_M7_F_P_OFFSET,
	  .patch = { PH(1, p_offset, 0x7fffffff) } },
	{ .desc = "p_offset 0x80000000", .img = &t_small, .err = -ENOEXEC,
	  .check = IMX_M7_E_SEG_FILE, .seg = 1, .field = IMX_M7_F_P_OFFSET,
	  .patch = { PH(1, p_offset, 0x80000000) } },
	{ .desc = "p_offset 0xffffffff", .img = &t_small, .err = -ENOEXEC,
	  .check = IMX_M7_E_SEG_FILE, .seg = 0, .field = IMX_M7_F_P_OFFSET,
	  .patch = { PH(0, p_offset, 0xffffffff) } },
	{ .desc = "p_filesz 0x7fffffff", .img = &t_small, .err = -ENOEXEC,
	  .check = IMX_M7_E_SEG_FILE, .seg = 1, .field = IMX_M7_F_P_OFFSET,
	  .patch = { PH(1, p_filesz, 0x7fffffff) } },
	{ .desc = "p_filesz 0x80000000", .img = &t_small, .err = -ENOEXEC,
	  .check = IMX_M7_E_SEG_FILE, .seg = 0, .field = IMX_M7_F_P_OFFSET,
	  .patch = { PH(0, p_filesz, 0x80000000) } },
	{ .desc = "p_filesz 0xffffffff", .img = &t_small, .err = -ENOEXEC,
	  .check = IMX_M7_E_SEG_FILE, .seg = 1, .field = IMX_M7_F_P_OFFSET,
	  .patch = { PH(1, p_filesz, 0xffffffff) } },
	{ .desc = "p_memsz 0x7fffffff (data)", .img = &t_small, .err = -ERANGE,
	  .check = IMX_M7_E_RUN_RANGE, .seg = 1, .field = IMX_M7_F_NONE,
	  .patch = { PH(1, p_memsz, 0x7fffffff) } },
	{ .desc = "p_memsz 0x80000000 (data)", .img = &t_small, .err = -ERANGE,
	  .check = IMX_M7_E_RUN_RANGE, .seg = 1, .field = IMX_M7_F_NONE,
	  .patch = { PH(1, p_memsz, 0x80000000) } },
	{ .desc = "p_memsz 0xffffffff (data)", .img = &t_small, .err = -ERANGE,
	  .check = IMX_M7_E_SEG_WRAP, .seg = 1, .field = IMX_M7_F_P_VADDR,
	  .patch = { PH(1, p_memsz, 0xffffffff) } },
	{ .desc = "p_memsz 0x7fffffff (code)", .img = &t_small, .err = -ERANGE,
	  .check = IMX_M7_E_LOAD_RANGE, .seg = 0, .field = IMX_M7_F_NONE,
	  .patch = { PH(0, p_memsz, 0x7fffffff) } },
	{ .desc = "p_memsz 0x80000000 (code)", .img = &t_small, .err = -ERANGE,
	  .check = IMX_M7_E_LOAD_RANGE, .seg = 0, .field = IMX_M7_F_NONE,
	  .patch = { PH(0, p_memsz, 0x80000000) } },
	{ .desc = "p_memsz 0xffffffff (code)", .img = &t_small, .err = -ERANGE,
	  .check = IMX_M7_E_LOAD_RANGE, .seg = 0, .field = IMX_M7_F_NONE,
	  .patch = { PH(0, p_memsz, 0xffffffff) } },
	{ .desc = "p_paddr 0x7fffffff", .img = &t_small, .err = -ERANGE,
	  .check = IMX_M7_E_LOAD_RANGE, .seg = 1, .field = IMX_M7_F_NONE,
	  .patch = { PH(1, p_paddr, 0x7fffffff) } },
	{ .desc = "p_paddr 0xffffffff", .img = &t_small, .err = -ERANGE,
	  .check = IMX_M7_E_SEG_WRAP, .seg = 1, .field = IMX_M7_F_P_PADDR,
	  .patch = { PH(1, p_paddr, 0xffffffff) } },
	{ .desc = "code p_paddr 0x80000000: PC not stored at reset",
	  .img = &t_small, .err = -EINVAL, .check = IMX_M7_E_NO_VECTOR,
	  .seg = 0, .field = IMX_M7_F_PC_EXEC,
	  .patch = { PH(0, p_paddr, 0x80000000) } },
	{ .desc = "p_vaddr 0x7fffffff", .img = &t_small, .err = -ERANGE,
	  .check = IMX_M7_E_RUN_RANGE, .seg = 1, .field = IMX_M7_F_NONE,
	  .patch = { PH(1, p_vaddr, 0x7fffffff) } },
	{ .desc = "p_vaddr 0xffffffff", .img = &t_small, .err = -ERANGE,
	  .check = IMX_M7_E_SEG_WRAP, .seg = 1, .field = IMX_M7_F_P_VADDR,
	  .patch = { PH(1, p_vaddr, 0xffffffff) } },
	{ .desc = "code p_vaddr 0xffffffff", .img = &t_small, .err = -ERANGE,
	  .check = IMX_M7_E_SEG_WRAP, .seg = 0, .field = IMX_M7_F_P_VADDR,
	  .patch = { PH(0, p_vaddr, 0xffffffff) } },
};
KUNIT_ARRAY_PARAM(t_field, t_field_cases, t_case_desc);

/* ---- Ranges: exact fits accepted, one byte more refused ----------------- */

#define FITS(d, i, ...)	{ .desc = d, .img = i, T_OPS(__VA_ARGS__) }
#define VCOPY	COPY(0, R_ITCM, 0, 0, 0x100)

static const struct t_case t_range_cases[] = {
	FITS("ITCM filled to its last byte", &t_itcm_full,
	     COPY(0, R_ITCM, 0, 0, 0x20000)),
	{ .desc = "ITCM + 1", .img = &t_itcm_full_past, .err = -ERANGE,
	  .check = IMX_M7_E_LOAD_RANGE, .seg = 0,
	  .more = &(const struct t_more){ .region = R_ITCM, .start = 0, .end = 0x20001, .overflow = 1, .other_seg = -1 } },
	FITS("ITCM .bss to its end", &t_itcm_end_data, VCOPY,
	     ZERO(1, R_ITCM, 0x1ff00, 0x1ff00, 0x100)),
	{ .desc = "ITCM .bss + 1", .img = &t_itcm_past, .err = -ERANGE,
	  .check = IMX_M7_E_LOAD_RANGE, .seg = 1,
	  .more = &(const struct t_more){ .region = R_ITCM, .start = 0x1ff00, .end = 0x20001, .overflow = 1, .other_seg = -1 } },
	FITS("DTCM .bss to its end", &t_dtcm_end, VCOPY,
	     ZERO(1, R_DTCM, 0x20000000, 0, 0x20000)),
	{ .desc = "DTCM + 1", .img = &t_dtcm_past, .err = -ERANGE,
	  .check = IMX_M7_E_LOAD_RANGE, .seg = 1,
	  .more = &(const struct t_more){ .region = R_DTCM, .start = 0x20000000, .end = 0x20020001, .overflow = 1, .other_seg = -1 } },
	FITS("OCRAM code view to its end", &t_ocram_end, VCOPY,
	     ZERO(1, R_OCRAM, 0x97ff00, 0x7ff00, 0x100)),
	{ .desc = "OCRAM code view + 1", .img = &t_ocram_past, .err = -ERANGE,
	  .check = IMX_M7_E_LOAD_RANGE, .seg = 1,
	  .more = &(const struct t_more){ .region = R_OCRAM, .start = 0x97ff00, .end = 0x980001, .overflow = 1, .other_seg = -1 } },
	FITS("OCRAM system view to its end", &t_ocram_sys_end, VCOPY,
	     ZERO(1, R_OCRAM_SYS, 0x2027ff00, 0x7ff00, 0x100)),
	{ .desc = "OCRAM system view + 1", .img = &t_ocram_sys_past,
	  .err = -ERANGE, .check = IMX_M7_E_LOAD_RANGE, .seg = 1,
	  .more = &(const struct t_more){ .region = R_OCRAM_SYS, .start = 0x2027ff00, .end = 0x20280001, .overflow = 1, .other_seg = -1 } },
	FITS("DDR carve-out to its end", &t_ddr_end, VCOPY,
	     ZERO(1, R_DDR, 0x80fff000, 0xfff000, 0x1000)),
	{ .desc = "DDR carve-out + 1", .img = &t_ddr_past, .err = -ERANGE,
	  .check = IMX_M7_E_LOAD_RANGE, .seg = 1,
	  .more = &(const struct t_more){ .region = R_DDR, .start = 0x80fff000, .end = 0x81000001, .overflow = 1, .other_seg = -1 } },
	FITS("DDR code alias to its end", &t_ddr1_code_end, VCOPY,
	     COPY(1, R_DDR1_CODE, 0x100fff00, 0xfff00, 0x100)),
	{ .desc = "DDR code alias + 1", .img = &t_ddr1_code_past,
	  .err = -ERANGE, .check = IMX_M7_E_LOAD_RANGE, .seg = 1,
	  .more = &(const struct t_more){ .region = R_DDR1_CODE, .start = 0x100fff00, .end = 0x10100001, .overflow = 1, .other_seg = -1 } },
	FITS("run range to the end of DTCM", &t_run_end, VCOPY,
	     COPY(1, R_ITCM, 0x100, 0x100, 0x10)),
	{ .desc = "run range + 1", .img = &t_run_past, .err = -ERANGE,
	  .check = IMX_M7_E_RUN_RANGE, .seg = 1,
	  .more = &(const struct t_more){ .region = R_DTCM, .start = 0x2001ff00, .end = 0x20020001, .overflow = 1, .other_seg = -1 } },
	{ .desc = "into rpmsg memory", .img = &t_in_vdev, .err = -ERANGE,
	  .check = IMX_M7_E_LOAD_RANGE, .seg = 1,
	  .more = &(const struct t_more){ .region = R_VDEV, .start = 0x81000000, .end = 0x81000100, .overflow = 0, .other_seg = -1 } },
	{ .desc = "into rpmsg memory and past it: no target, no overflow",
	  .img = &t_vdev_past, .err = -ERANGE, .check = IMX_M7_E_LOAD_RANGE,
	  .seg = 1,
	  .more = &(const struct t_more){ .region = R_VDEV, .start = 0x810fff00, .end = 0x81100100, .overflow = 0, .other_seg = -1 } },
	{ .desc = "outside every region", .img = &t_nowhere, .err = -ERANGE,
	  .check = IMX_M7_E_LOAD_RANGE, .seg = 1,
	  .more = &(const struct t_more){ .region = R_OCRAM_SYS, .start = 0x30000000, .end = 0x30000010, .overflow = 0, .other_seg = -1 } },
	{ .desc = "just after ITCM", .img = &t_after_itcm, .err = -ERANGE,
	  .check = IMX_M7_E_LOAD_RANGE, .seg = 1,
	  .more = &(const struct t_more){ .region = R_ITCM, .start = 0x20000, .end = 0x20010, .overflow = 0, .other_seg = -1 } },
	{ .desc = "seed with .data genuinely overflowing ITCM",
	  .img = &t_seed_overflow, .err = -ERANGE, .check = IMX_M7_E_LOAD_RANGE,
	  .seg = 1,
	  .more = &(const struct t_more){ .region = R_ITCM, .start = 0x1de78, .end = 0x20078, .overflow = 0x78, .other_seg = -1 } },
	{ .desc = "seed with .data running past DTCM", .img = &t_seed,
	  .patch = { PH(1, p_vaddr, 0x2001a000) }, .err = -ERANGE,
	  .check = IMX_M7_E_RUN_RANGE, .seg = 1,
	  .more = &(const struct t_more){ R_DTCM, 0x2001a000, 0x200275a0,
					  0x75a0, -1, 0 } },
};
KUNIT_ARRAY_PARAM(t_range, t_range_cases, t_case_desc);

/* ---- Overlaps and the reset vector --------------------------------------- */

static const struct t_case t_overlap_cases[] = {
	{ .desc = "one byte over the previous segment", .img = &t_overlap1,
	  .rt = T_RT_FULL, .err = -EINVAL, .check = IMX_M7_E_OVERLAP, .seg = 1,
	  .patch = { },
	  .more = &(const struct t_more){ .region = R_ITCM, .start = 0xff, .end = 0x10f, .other_seg = 0, .value = 0x7e00ff } },
	{ .desc = "a zero-filled tail over code", .img = &t_zero_overlap,
	  .rt = T_RT_FULL, .err = -EINVAL, .check = IMX_M7_E_OVERLAP, .seg = 1,
	  .patch = { },
	  .more = &(const struct t_more){ .region = R_ITCM, .start = 0x80, .end = 0x180, .other_seg = 0, .value = 0x7e0080 } },
	{ .desc = "top down, one byte over the segment above",
	  .img = &t_ddr_down_overlap, .rt = T_RT_FULL, .err = -EINVAL,
	  .check = IMX_M7_E_OVERLAP, .seg = 1, .patch = { },
	  .more = &(const struct t_more){ .region = R_DDR, .start = 0x80000100, .end = 0x80000201, .other_seg = 0, .value = 0x80000200 } },
	{ .desc = "runs up, down and up, one byte over the middle run",
	  .img = &t_runs_overlap, .rt = T_RT_FULL, .err = -EINVAL,
	  .check = IMX_M7_E_OVERLAP, .seg = 4, .patch = { },
	  .more = &(const struct t_more){ .region = R_ITCM, .start = 0x8ff, .end = 0x90f, .other_seg = 2, .value = 0x7e08ff } },
	{ .desc = "OCRAM written through both views",
	  .img = &t_ocram_alias_overlap, .rt = T_RT_FULL, .err = -EINVAL,
	  .check = IMX_M7_E_OVERLAP, .seg = 2, .patch = { },
	  .more = &(const struct t_more){ .region = R_OCRAM_SYS, .start = 0x20200800, .end = 0x20200810, .other_seg = 1, .value = 0x900800 } },
	{ .desc = "DDR written through its code alias",
	  .img = &t_ddr1_alias_overlap, .rt = T_RT_FULL, .err = -EINVAL,
	  .check = IMX_M7_E_OVERLAP, .seg = 2, .patch = { },
	  .more = &(const struct t_more){ .region = R_DDR1, .start = 0x40000080, .end = 0x40000090, .other_seg = 1, .value = 0x40000080 } },
	{ .desc = "seed: .data stored over the code", .img = &t_seed,
	  .rt = T_RT_FULL, .err = -EINVAL, .check = IMX_M7_E_OVERLAP, .seg = 1,
	  .patch = { PH(1, p_paddr, 0x1de00) },
	  .more = &(const struct t_more){ .region = R_ITCM, .start = 0x1de00, .end = 0x1df00, .other_seg = 0, .value = 0x7fde00 } },
	{ .desc = "a segment over the synthesised vector",
	  .img = &t_ddr_vec_alias, .rt = T_RT_ITCM_ALIAS, .err = -EINVAL,
	  .check = IMX_M7_E_OVERLAP, .seg = 2, .patch = { },
	  .more = &(const struct t_more){ .region = 3, .start = 0x30000000, .end = 0x30000010, .other_seg = -1, .value = 0x7e0000 } },
};
KUNIT_ARRAY_PARAM(t_overlap, t_overlap_cases, t_case_desc);

static const struct t_case t_vector_cases[] = {
	{ .desc = "e_entry differs from the vector'0 PC", .img = &t_ddr,
	  .err = -EINVAL, .check = IMX_M7_E_NO_VECTOR, .seg = 0,
	  .field = IMX_M7_F_E_ENTRY, .patch = { EH(e_entry, 0x80000501) } },
	{ .desc = "no ITCM to write the vector to", .img = &t_ddr,
	  .rt = T_RT_NO_ITCM, .err = -EINVAL, .check = IMX_M7_E_NO_VECTOR,
	  .seg = -1, .field = IMX_M7_F_ITCM },
	{ .desc = "first stored segment shorter than a vector",
	  .img = &t_ddr_short, .err = -EINVAL, .check = IMX_M7_E_NO_VECTOR,
	  .seg = 0, .field = IMX_M7_F_VECTOR_TABLE, .patch = { } },
	{ .desc = "no segment stores any byte", .img = &t_ddr_bss_only,
	  .err = -EINVAL, .check = IMX_M7_E_NO_VECTOR, .seg = -1,
	  .field = IMX_M7_F_VECTOR_TABLE, .patch = { } },
	{ .desc = "a segment covers half of the vector", .img = &t_ddr_itcm4,
	  .err = -EINVAL, .check = IMX_M7_E_NO_VECTOR, .seg = 1,
	  .field = IMX_M7_F_RESET_VECTOR, .patch = { } },
	{ .desc = "synthesised PC not Thumb", .img = &t_ddr, .err = -EINVAL,
	  .check = IMX_M7_E_NO_VECTOR, .seg = 0, .field = IMX_M7_F_PC_THUMB,
	  .patch = { SEGDATA(0, 4, 0x80000400), EH(e_entry, 0x80000400) } },
	{ .desc = "synthesised SP outside every region", .img = &t_ddr,
	  .err = -EINVAL, .check = IMX_M7_E_NO_VECTOR, .seg = 0,
	  .field = IMX_M7_F_INITIAL_SP, .patch = { SEGDATA(0, 0, 0x90000000) } },
};
KUNIT_ARRAY_PARAM(t_vector, t_vector_cases, t_case_desc);

/* ---- The seed, byte for byte --------------------------------------------- */

/* Apply @plan to a copy of each region, as the driver does. */
static void plan_seed_test(struct kunit *test)
{
	struct imx_m7_region regions[IMX_M7_MAX_REGIONS];
	const u32 c1 = t_seg_offset(&t_seed, 1);
	struct imx_m7_plan plan;
	struct imx_m7_diag diag;
	unsigned int n, i;
	size_t size;
	u8 *fw, *itcm;

	n = t_regions(test, T_RT_FULL, regions);
	fw = t_build(test, &t_seed, &size);
	itcm = kunit_kzalloc(test, regions[R_ITCM].size, GFP_KERNEL);
	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, itcm);
	memset(itcm, 0xa5, regions[R_ITCM].size);
	KUNIT_ASSERT_EQ(test, imx_m7_elf_plan(fw, size, regions, n, &plan,
					      &diag), 0);
	KUNIT_EXPECT_EQ(test, plan.n_segments, 2);
	for (i = 0; i < plan.n_ops; i++) {
		const struct imx_m7_op *op = &plan.ops[i];

		KUNIT_ASSERT_EQ(test, op->region, R_ITCM);
		KUNIT_ASSERT_LE(test, op->offset + op->len,
				regions[R_ITCM].size);
		if (op->kind == IMX_M7_OP_COPY)
			memcpy(itcm + op->offset, fw + op->src, op->len);
		else
			memset(itcm + op->offset, 0, op->len);
	}
	imx_m7_plan_free(&plan);
	/* Code, then the 0x100 stored bytes of .data, then untouched. */
	KUNIT_EXPECT_EQ(test, memcmp(itcm, fw + t_seg_offset(&t_seed, 0),
				     0x1de78), 0);
	KUNIT_EXPECT_EQ(test, memcmp(itcm + 0x1de78, fw + c1, 0x100), 0);
	for (i = 0x1de78 + 0x100; i < regions[R_ITCM].size; i++)
		if (itcm[i] != 0xa5)
			break;
	KUNIT_EXPECT_EQ(test, i, regions[R_ITCM].size);
}

/* ---- Truncation at every length ----------------------------------------- */

/* What a file cut to @len bytes of t_small must be refused for. */
static enum imx_m7_check t_truncated_check(size_t len, int *seg,
					   enum imx_m7_field *field)
{
	*seg = -1;
	*field = IMX_M7_F_FILE_SIZE;
	if (len < sizeof(Elf32_Ehdr))
		return IMX_M7_E_TRUNCATED;
	*field = IMX_M7_F_E_PHOFF;
	if (len < sizeof(Elf32_Ehdr) + 2 * sizeof(Elf32_Phdr))
		return IMX_M7_E_PHTABLE;
	*field = IMX_M7_F_P_OFFSET;
	*seg = len < t_seg_offset(&t_small, 0) + 0x40 ? 0 : 1;
	return IMX_M7_E_SEG_FILE;
}

static void plan_truncate_test(struct kunit *test)
{
	struct imx_m7_region regions[IMX_M7_MAX_REGIONS];
	struct imx_m7_plan plan;
	struct imx_m7_diag diag;
	enum imx_m7_check check;
	enum imx_m7_field field;
	size_t size, len;
	unsigned int n;
	int ret, seg;
	u8 *fw, *cut;

	n = t_regions(test, T_RT_FULL, regions);
	fw = t_build(test, &t_small, &size);
	KUNIT_ASSERT_EQ(test, imx_m7_elf_plan(fw, size, regions, n, &plan,
					      &diag), 0);
	imx_m7_plan_free(&plan);
	for (len = 0; len < size; len++) {
		/* Exactly @len bytes, so KASAN sees any read past them. */
		cut = kmemdup(fw, len ? len : 1, GFP_KERNEL);
		KUNIT_ASSERT_NOT_NULL(test, cut);
		ret = imx_m7_elf_plan(cut, len, regions, n, &plan, &diag);
		kfree(cut);
		check = t_truncated_check(len, &seg, &field);
		KUNIT_EXPECT_EQ_MSG(test, ret, -ENOEXEC, "length %zu", len);
		KUNIT_EXPECT_EQ_MSG(test, diag.check, check, "length %zu", len);
		KUNIT_EXPECT_EQ_MSG(test, diag.seg, seg, "length %zu", len);
		KUNIT_EXPECT_EQ_MSG(test, diag.field, field, "length %zu", len);
		KUNIT_EXPECT_NULL(test, plan.ops);
	}
}

/* ---- 65535 program headers ---------------------------------------------- */

#define T_MANY	65535

/*
 * Segment 0: the vector and code in ITCM; segments 1..65534: 16-byte
 * .bss blocks in DDR, in descending address order so the sort has work.
 */
static u8 *t_build_many(struct kunit *test, size_t *size)
{
	static const struct t_image vec = {
		.entry = 0x41, .sp = 0x20001000, .n = 1,
		.seg = { T_CODE(0, 0x100) },
	};
	size_t data = ALIGN(sizeof(Elf32_Ehdr) + T_MANY * sizeof(Elf32_Phdr),
			    16);
	Elf32_Ehdr eh;
	Elf32_Phdr ph;
	unsigned int i;
	size_t one;
	u8 *fw, *tmp;

	tmp = t_build(test, &vec, &one);
	*size = data + 0x100;
	fw = kunit_kzalloc(test, *size, GFP_KERNEL);
	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, fw);
	memcpy(&eh, tmp, sizeof(eh));
	eh.e_phnum = T_MANY;
	memcpy(fw, &eh, sizeof(eh));
	memcpy(&ph, tmp + sizeof(eh), sizeof(ph));
	ph.p_offset = data;
	memcpy(fw + sizeof(eh), &ph, sizeof(ph));
	memcpy(fw + data, tmp + t_seg_offset(&vec, 0), 0x100);
	for (i = 1; i < T_MANY; i++) {
		ph = (Elf32_Phdr){ .p_type = PT_LOAD, .p_flags = PF_R | PF_W,
			.p_paddr = 0x80000000 + (T_MANY - i) * 16,
			.p_memsz = 16 };
		ph.p_vaddr = ph.p_paddr;
		memcpy(fw + sizeof(eh) + i * sizeof(ph), &ph, sizeof(ph));
	}
	return fw;
}

static void plan_many_phdrs_test(struct kunit *test)
{
	struct imx_m7_region regions[IMX_M7_MAX_REGIONS];
	struct imx_m7_plan plan;
	struct imx_m7_diag diag;
	unsigned int n, i, bad = 0;
	Elf32_Phdr ph;
	size_t size;
	u8 *fw;

	n = t_regions(test, T_RT_FULL, regions);
	fw = t_build_many(test, &size);
	KUNIT_ASSERT_EQ(test, imx_m7_elf_plan(fw, size, regions, n, &plan,
					      &diag), 0);
	KUNIT_EXPECT_EQ(test, plan.n_segments, T_MANY);
	KUNIT_ASSERT_EQ(test, plan.n_ops, T_MANY);
	KUNIT_EXPECT_EQ(test, plan.ops[0].kind, IMX_M7_OP_COPY);
	KUNIT_EXPECT_EQ(test, plan.ops[0].len, 0x100);
	for (i = 1; i < T_MANY; i++) {
		const struct imx_m7_op *op = &plan.ops[i];

		bad += op->kind != IMX_M7_OP_ZERO || op->seg != i ||
		       op->region != R_DDR || op->len != 16 ||
		       op->da != 0x80000000 + (T_MANY - i) * 16 ||
		       op->offset != (T_MANY - i) * 16;
	}
	KUNIT_EXPECT_EQ(test, bad, 0);
	imx_m7_plan_free(&plan);

	/* Segment 40000 now writes over segment 100's block. */
	memcpy(&ph, fw + sizeof(Elf32_Ehdr) + 40000 * sizeof(ph), sizeof(ph));
	ph.p_paddr = 0x80000000 + (T_MANY - 100) * 16 + 8;
	ph.p_vaddr = ph.p_paddr;
	memcpy(fw + sizeof(Elf32_Ehdr) + 40000 * sizeof(ph), &ph, sizeof(ph));
	KUNIT_ASSERT_EQ(test, imx_m7_elf_plan(fw, size, regions, n, &plan,
					      &diag), -EINVAL);
	KUNIT_EXPECT_EQ(test, diag.check, IMX_M7_E_OVERLAP);
	KUNIT_EXPECT_EQ(test, diag.seg, 40000);
	KUNIT_EXPECT_EQ(test, diag.other_seg, 100);
	KUNIT_EXPECT_EQ(test, diag.value, regions[R_DDR].pa +
			(T_MANY - 100) * 16 + 8);
}

void t_elf_pairs(struct kunit *test, bool *seen)
{
	unsigned int i;

	T_PAIRS_OF(t_field_cases, err);
	T_PAIRS_OF(t_range_cases, err);
	T_PAIRS_OF(t_overlap_cases, err);
	T_PAIRS_OF(t_vector_cases, err);
}

static struct kunit_case imx_m7_elf_test_cases[] = {
	KUNIT_CASE_PARAM(plan_accept_test, t_accept_gen_params),
	KUNIT_CASE_PARAM(plan_field_test, t_field_gen_params),
	KUNIT_CASE_PARAM(plan_range_test, t_range_gen_params),
	KUNIT_CASE_PARAM(plan_overlap_test, t_overlap_gen_params),
	KUNIT_CASE_PARAM(plan_vector_test, t_vector_gen_params),
	KUNIT_CASE(plan_seed_test),
	KUNIT_CASE(plan_truncate_test),
	KUNIT_CASE(plan_many_phdrs_test),
	{}
};

static struct kunit_suite imx_m7_elf_test_suite = {
	.name = "imx_m7_elf",
	.test_cases = imx_m7_elf_test_cases,
};
kunit_test_suite(imx_m7_elf_test_suite);

MODULE_DESCRIPTION("KUnit tests for the imx-m7-rproc pure core: planner, resource table, region table, diagnostics");
MODULE_LICENSE("GPL");
IMX_M7_IMPORT_KUNIT_NS();
