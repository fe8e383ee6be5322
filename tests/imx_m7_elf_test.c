// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit tests for the pure core (imx_m7_elf.c, imx_m7_map.c, imx_m7_diag.c):
 * the segment planner, the region table, the resource-table lookup and the
 * words of the diagnostics.
 *
 * Every image is built here from a compact description (struct t_image):
 * an ELF32 header, the program headers, each segment's file bytes (a
 * pattern, with the vector table {SP, PC} at the start of the first segment
 * that stores 8 bytes or more) and, on request, a .resource_table section
 * (the contents of the last segment) with its section headers.
 * A case then patches single fields (struct t_patch) and states the exact
 * outcome: the errno, the failed check, the segment, the field, and for
 * accepted images every operation of the plan.
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

#define T_MAX_SEGS	6
#define T_PT_ARM_EXIDX	0x70000001
/* ver, num, reserved[2], offset[2], a vdev with 2 vrings, a trace entry */
#define T_RSC_LEN	140

struct t_seg {
	u32 type, paddr, vaddr, filesz, memsz, flags;
};

struct t_image {
	u32 entry;		/* e_entry and the vector's reset PC */
	u32 sp;			/* the vector's initial SP; 0: no vector */
	bool rsc;		/* append .resource_table and .shstrtab */
	unsigned int n;
	struct t_seg seg[T_MAX_SEGS];
};

#define T_CODE(a, n)		{ PT_LOAD, a, a, n, n, PF_R | PF_X }
#define T_DATA(pa, va, fs, ms)	{ PT_LOAD, pa, va, fs, ms, PF_R | PF_W }
#define T_BSS(a, ms)		{ PT_LOAD, a, a, 0, ms, PF_R | PF_W }

/* ---- Image layout and builder ------------------------------------------ */

static u32 t_data_start(const struct t_image *img)
{
	return ALIGN(sizeof(Elf32_Ehdr) + img->n * sizeof(Elf32_Phdr), 16);
}

/* File offset of segment @i's bytes. */
static u32 t_seg_offset(const struct t_image *img, unsigned int i)
{
	u32 off = t_data_start(img);
	unsigned int k;

	for (k = 0; k < i; k++)
		off += ALIGN(img->seg[k].filesz, 4);
	return off;
}

static const char t_strtab[] = "\0.resource_table\0.shstrtab";	/* 27 */

/* The table is the last segment's bytes; the names follow the segments. */
static u32 t_rsc_offset(const struct t_image *img)
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
static const u32 t_rsc_words[T_RSC_LEN / 4] = {
	1, 2, 0, 0, 24, 92,
	3, 7, 0, 1, 0, 0, 2 << 8,		/* entry 0: RSC_VDEV */
	0x55000000, 0x1000, 256, 0, 0,		/* vring 0 */
	0x55008000, 0x1000, 256, 1, 0,		/* vring 1 */
	2, 0x20000200, 0x400, 0,		/* entry 1: RSC_TRACE */
};

/* t_rsc_words[] offsets */
#define VD_NVR(n)	((n) << 8)	/* the status | num_of_vrings word */
#define VR0		52	/* vring 0: da, +4 align, +8 num, +12 notifyid */
#define VR1		72

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

static u8 *t_build(struct kunit *test, const struct t_image *img,
		   size_t *size)
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

enum t_where { T_NONE, T_EH, T_PH, T_SH, T_SEGDATA, T_RSCDATA };

struct t_patch {
	enum t_where where;
	unsigned int idx;	/* segment or section */
	unsigned int off;	/* in the header or the data */
	unsigned int width;	/* 1, 2 or 4 bytes */
	u32 value;
};

#define EH(f, v)	{ T_EH, 0, offsetof(Elf32_Ehdr, f), \
			  sizeof_field(Elf32_Ehdr, f), v }
#define PH(s, f, v)	{ T_PH, s, offsetof(Elf32_Phdr, f), 4, v }
#define SH(s, f, v)	{ T_SH, s, offsetof(Elf32_Shdr, f), 4, v }
#define SEGDATA(s, o, v) { T_SEGDATA, s, o, 4, v }
#define RSCDATA(o, v)	{ T_RSCDATA, 0, o, 4, v }

static void t_patch(struct kunit *test, const struct t_image *img, u8 *fw,
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

/* ---- Region tables ------------------------------------------------------ */

enum t_rt { T_RT_FULL, T_RT_VERDIN, T_RT_NO_ITCM, T_RT_ITCM_ALIAS,
	    T_RT_RPMSG, T_RT_VRINGS };

/* Indices in the T_RT_FULL table. */
enum { R_ITCM, R_DTCM, R_OCRAM, R_OCRAM_SYS, R_DDR, R_VDEV, R_DDR1,
	R_DDR1_CODE };
#define V_DDR	2	/* "ddr" in the T_RT_VERDIN table */
/* Indices in the T_RT_VRINGS table (the Verdin DDR/RPMsg overlay's). */
enum { W_ITCM, W_DTCM, W_DDR, W_VRING0, W_VRING1, W_BUFFER, W_RSC };

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

static unsigned int t_regions(struct kunit *test, enum t_rt rt,
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

/* ---- Cases: an image, a patch, the exact outcome ----------------------- */

struct t_op {
	enum imx_m7_op_kind kind;
	int seg;
	unsigned int region;
	u32 da;
	u64 offset;
	u32 len;
	u32 vector[2];
};

/* An operation of the plan: segment, region, M7 address, offset, length. */
#define T_OP(k, s, r, d, o, l)	{ .kind = (k), .seg = (s), .region = (r), \
				  .da = (d), .offset = (o), .len = (l) }
#define COPY(s, r, d, o, l)	T_OP(IMX_M7_OP_COPY, s, r, d, o, l)
#define ZERO(s, r, d, o, l)	T_OP(IMX_M7_OP_ZERO, s, r, d, o, l)
#define VEC(r, sp, pc)		{ .kind = IMX_M7_OP_VECTOR, .seg = -1, \
				  .region = (r), .len = 8, .vector = { sp, pc } }
#define T_OPS(...)	.ops = (const struct t_op[]){ __VA_ARGS__ }, \
			.n_ops = sizeof((const struct t_op[]){ __VA_ARGS__ }) \
				 / sizeof(struct t_op)

/* Range, overlap and value expectations, asserted when given. */
struct t_more {
	int region;
	u64 start, end, overflow;
	int other_seg;
	u64 value;
};

struct t_case {
	const char *desc;
	const struct t_image *img;
	enum t_rt rt;
	struct t_patch patch[2];
	int err;
	enum imx_m7_check check;
	int seg;
	enum imx_m7_field field;
	const struct t_more *more;
	const struct t_op *ops;
	unsigned int n_ops;
};

static void t_case_desc(const struct t_case *c, char *desc)
{
	strscpy(desc, c->desc, KUNIT_PARAM_DESC_SIZE);
}

static void t_expect_plan(struct kunit *test, const struct t_case *c,
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

/* The field by its enum (two fields may print the same name). */
#define T_EXPECT_FIELD(test, got, want)					\
	KUNIT_EXPECT_EQ_MSG(test, got, want, "field %d (%s), want %d (%s)", \
			    got, imx_m7_field_name(got), want,		\
			    imx_m7_field_name(want))

static void t_expect_diag(struct kunit *test, const struct t_case *c,
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
static const struct t_image t_seed = {
	.entry = 0x401, .sp = 0x20020000, .n = 2,
	.seg = { T_CODE(0, 0x1de78),
		 T_DATA(0x1de78, 0x20000000, 0x100, 0xd5a0) },
};

/* The same with 0x2200 bytes of stored .data: 0x78 bytes past ITCM. */
static const struct t_image t_seed_overflow = {
	.entry = 0x401, .sp = 0x20020000, .n = 2,
	.seg = { T_CODE(0, 0x1de78),
		 T_DATA(0x1de78, 0x20000000, 0x2200, 0xd5a0) },
};

/* The issue's wording example: code and .bss 0x584c bytes past ITCM. */
static const struct t_image t_itcm_bss = {
	.entry = 0x401, .sp = 0x20020000, .n = 2,
	.seg = { T_CODE(0, 0x400),
		 { PT_LOAD, 0x400, 0x400, 0x1000, 0x2544c, PF_R | PF_X } },
};

/* A small TCM image: truncation and extreme values. */
static const struct t_image t_small = {
	.entry = 0x21, .sp = 0x20001000, .n = 2,
	.seg = { T_CODE(0, 0x40), T_DATA(0x40, 0x20000000, 0x10, 0x100) },
};

/* Linked in DDR: the reset vector comes from the first segment. */
static const struct t_image t_ddr = {
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

#define T_VEC_IMAGE(name, ...)						\
static const struct t_image name = {					\
	.entry = 0x41, .sp = 0x20001000, .n = 2,			\
	.seg = { T_CODE(0, 0x100), __VA_ARGS__ },			\
}

T_VEC_IMAGE(t_itcm_end_data, T_BSS(0x1ff00, 0x100));
T_VEC_IMAGE(t_itcm_past, T_BSS(0x1ff00, 0x101));
T_VEC_IMAGE(t_dtcm_end, T_BSS(0x20000000, 0x20000));
T_VEC_IMAGE(t_dtcm_past, T_BSS(0x20000000, 0x20001));
T_VEC_IMAGE(t_ocram_end, T_BSS(0x97ff00, 0x100));
T_VEC_IMAGE(t_ocram_past, T_BSS(0x97ff00, 0x101));
T_VEC_IMAGE(t_ocram_sys_end, T_BSS(0x2027ff00, 0x100));
T_VEC_IMAGE(t_ocram_sys_past, T_BSS(0x2027ff00, 0x101));
T_VEC_IMAGE(t_ddr_end, T_BSS(0x80fff000, 0x1000));
T_VEC_IMAGE(t_ddr_past, T_BSS(0x80fff000, 0x1001));
T_VEC_IMAGE(t_ddr1_code_end, T_CODE(0x100fff00, 0x100));
T_VEC_IMAGE(t_ddr1_code_past, T_CODE(0x100fff00, 0x101));
T_VEC_IMAGE(t_run_end, T_DATA(0x100, 0x2001ff00, 0x10, 0x100));
T_VEC_IMAGE(t_run_past, T_DATA(0x100, 0x2001ff00, 0x10, 0x101));
T_VEC_IMAGE(t_in_vdev, T_BSS(0x81000000, 0x100));
T_VEC_IMAGE(t_vdev_past, T_BSS(0x810fff00, 0x200));
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

static const struct t_image t_ocram_alias_overlap = {
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
static const struct t_image t_rsc = {
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

/* ---- The words ----------------------------------------------------------- */

struct t_text_case {
	const char *desc;
	const struct t_image *img;
	struct t_patch patch[2];
	const char *text;
	enum t_rt rt;		/* T_RT_FULL (0) means the Verdin regions */
};

static void t_text_desc(const struct t_text_case *c, char *desc)
{
	strscpy(desc, c->desc, KUNIT_PARAM_DESC_SIZE);
}

/*
 * Against the Verdin regions (itcm, dtcm, 16 MiB ddr at 0x80000000): the
 * default of tools/m7-preflight, whose suite (tests/suites/preflight.sh)
 * expects these same words for the same images. A row ending in
 * T_RT_RPMSG adds vdev0buffer, a row ending in T_RT_VRINGS has the regions
 * of the Verdin DDR/RPMsg overlay (preflight.sh passes the same --region).
 */
static const struct t_text_case t_text_cases[] = {
	{ "code and .bss past ITCM", &t_itcm_bss, { },
	  "segment 1: load range [0x00000400, 0x0002584c) ends 0x584c bytes past itcm [0x00000000, 0x00020000)\n"
	  "segment 1: p_paddr 0x00000400 p_vaddr 0x00000400 p_filesz 0x1000 p_memsz 0x2544c\n"
	  "hint: the zero-filled tail (p_memsz - p_filesz = 0x2444c bytes: .bss, heap, stack) overflows itcm; link .bss, heap and stack into a data region (`> m_data`) instead" },
	{ "seed with .data overflowing ITCM", &t_seed_overflow, { },
	  "segment 1: load range [0x0001de78, 0x00020078) ends 0x78 bytes past itcm [0x00000000, 0x00020000)\n"
	  "segment 1: p_paddr 0x0001de78 p_vaddr 0x20000000 p_filesz 0x2200 p_memsz 0xd5a0\n"
	  "hint: stored .data/.bss overflow itcm: .data's initial values (and .bss, if a section with contents follows it) do not fit after the code; give .bss `(NOLOAD)` or `AT> m_data` in the linker script, or shrink .text/.data" },
	{ "seed running outside every region", &t_seed,
	  { PH(1, p_vaddr, 0x30000000) },
	  "segment 1: run range [0x30000000, 0x3000d5a0) is outside every declared region; nearest: dtcm [0x20000000, 0x20020000)\n"
	  "segment 1: p_paddr 0x0001de78 p_vaddr 0x30000000 p_filesz 0x100 p_memsz 0xd5a0\n"
	  "hint: p_vaddr is where this data lives while the firmware runs (its start-up code copies .data there and zeroes .bss); that memory must be declared for the M7 too" },
	{ "seed with .data stored over the code", &t_seed,
	  { PH(1, p_paddr, 0x1de00) },
	  "segment 1: load range [0x0001de00, 0x0001df00) in itcm overlaps segment 0's load range [0x00000000, 0x0001de78) in itcm at CPU address 0x7fde00\n"
	  "segment 1: p_paddr 0x0001de00 p_vaddr 0x20000000 p_filesz 0x100 p_memsz 0xd5a0\n"
	  "hint: two program headers write the same memory, perhaps through two M7 views of it; check the MEMORY regions of the linker script" },
	{ "an AArch64 binary", &t_seed, { EH(e_machine, EM_AARCH64) },
	  "e_machine is 183, expected 40 (EM_ARM)\n"
	  "hint: EM_AARCH64 is Cortex-A code, not Cortex-M7 firmware" },
	{ "a relocatable object", &t_seed, { EH(e_type, ET_REL) },
	  "e_type is 1, expected 2 (ET_EXEC)\n"
	  "hint: load a linked executable, not an object file (ET_REL) or a shared object (ET_DYN)" },
	{ "program header table past the end", &t_small,
	  { EH(e_phoff, 0xffffffff) },
	  "program header table [0xffffffff, 0x10000003f) (e_phoff, e_phnum) is not inside the file after the ELF header (file 0xd0 bytes)" },
	{ "a segment past the end of the file", &t_small,
	  { PH(1, p_offset, 0xc8) },
	  "segment 1: file range [0xc8, 0xd8) (p_offset, p_filesz) ends 0x8 bytes past the end of the file (0xd0 bytes)\n"
	  "segment 1: p_paddr 0x00000040 p_vaddr 0x20000000 p_filesz 0x10 p_memsz 0x100\n"
	  "hint: the file is truncated (an interrupted copy?) or its program headers are corrupt" },
	{ "DDR image whose entry is not its vector's", &t_ddr,
	  { EH(e_entry, 0x80000501) },
	  "segment 0: reset PC 0x80000401 (its word 1) differs from e_entry 0x80000501: the segment does not start with the vector table\n"
	  "segment 0: p_paddr 0x80000000 p_vaddr 0x80000000 p_filesz 0x800 p_memsz 0x800\n"
	  "hint: firmware linked outside ITCM must start its first loadable segment with the vector table (.isr_vector); this driver copies its initial SP and reset PC to M7 address 0, as U-Boot's bootaux does" },
	{ "seed with .data running past DTCM", &t_seed,
	  { PH(1, p_vaddr, 0x2001a000) },
	  "segment 1: run range [0x2001a000, 0x200275a0) ends 0x75a0 bytes past dtcm [0x20000000, 0x20020000)\n"
	  "segment 1: p_paddr 0x0001de78 p_vaddr 0x2001a000 p_filesz 0x100 p_memsz 0xd5a0\n"
	  "hint: p_memsz 0xd5a0 (.data + .bss + heap + stack) exceeds what dtcm holds from p_vaddr on by 0x75a0 bytes; shrink .bss, heap or stack, or link them into a larger region" },
	{ "load range wrapping at 4 GiB", &t_seed,
	  { PH(1, p_paddr, 0xffffff80) },
	  "segment 1: load range [0xffffff80, 0x100000080) runs 0x80 bytes past the end of the M7's 4 GiB address space\n"
	  "segment 1: p_paddr 0xffffff80 p_vaddr 0x20000000 p_filesz 0x100 p_memsz 0xd5a0" },
	{ ".bss into rpmsg memory and past it", &t_vdev_past, { },
	  "segment 1: load range [0x810fff00, 0x81100100) is in a region that is not a load target: vdev0buffer [0x81000000, 0x81100000)\n"
	  "segment 1: p_paddr 0x810fff00 p_vaddr 0x810fff00 p_filesz 0x0 p_memsz 0x200\n"
	  "hint: vdev0buffer is shared rpmsg memory, never loaded into; link the firmware into itcm, dtcm, ocram or a ddr carve-out",
	  T_RT_RPMSG },
	{ ".bss past the DDR carve-out", &t_ddr_past, { },
	  "segment 1: load range [0x80fff000, 0x81000001) ends 0x1 bytes past ddr [0x80000000, 0x81000000)\n"
	  "segment 1: p_paddr 0x80fff000 p_vaddr 0x80fff000 p_filesz 0x0 p_memsz 0x1001\n"
	  "hint: the zero-filled tail (p_memsz - p_filesz = 0x1001 bytes: .bss, heap, stack) overflows ddr; link .bss, heap and stack into a data region (`> m_data`) instead" },
	/* The resource table's vdev, against the Verdin DDR/RPMsg regions */
	{ .desc = "resource table stored in ITCM, read in DTCM", .img = &t_rsc,
	  .patch = { PH(2, p_paddr, 0x50) },
	  .rt = T_RT_VRINGS,
	  .text = "resource table (section 1) is loaded at M7 0x00000050 (p_paddr) but read by the firmware at 0x20000100 (p_vaddr): segment 2's start-up copy moves it\n"
		  "segment 2: p_paddr 0x00000050 p_vaddr 0x20000100 p_filesz 0x8c p_memsz 0x8c\n"
		  "hint: the core writes the vdev's status, features and vring addresses into the table at its load address once the M7 runs; put .resource_table in a section stored and run at the same address, e.g. in m_text as NXP's SDK does" },
	{ .desc = "vring 1 one byte past its carve-out", .img = &t_rsc,
	  .patch = { RSCDATA(VR1, 0x55010000 - 0x2805) },
	  .rt = T_RT_VRINGS,
	  .text = "resource table (section 1): entry 0 (vdev at offset 0x18) vring 1: [0x5500d7fb, 0x55010001) (da, 0x2806 ring bytes) is not inside vdev0vring1 [0x55008000, 0x55010000)\n"
		  "hint: the core takes this ring from the vdev0vring1 carve-out: set the vring's da to 0x55008000 (VDEV0_VRING_BASE in NXP's rsc_table.h) or move the carve-out" },
	{ .desc = "vring 0 without a carve-out", .img = &t_rsc,
	  .text = "resource table (section 1): entry 0 (vdev at offset 0x18) vring 0: [0x55000000, 0x55002806) (da, 0x2806 ring bytes) has no vdev0vring0 carve-out to lie in\n"
		  "hint: without that carve-out the core puts the ring wherever DMA memory is free and never at da; declare a no-map memory-region \"vdev0vring0\" at 0x55000000 of 0x2806 bytes or more" },
	{ .desc = "vring 1 num 255", .img = &t_rsc,
	  .patch = { RSCDATA(VR1 + 8, 255) },
	  .rt = T_RT_VRINGS,
	  .text = "resource table (section 1): entry 0 (vdev at offset 0x18) vring 1: num 255 is not a power of two\n"
		  "hint: num is the ring's buffer count (RL_BUFFER_COUNT, 256 in NXP's demos); virtio needs a power of two" },
	{ .desc = "vring 1 align 0x1001", .img = &t_rsc,
	  .patch = { RSCDATA(VR1 + 4, 0x1001) },
	  .rt = T_RT_VRINGS,
	  .text = "resource table (section 1): entry 0 (vdev at offset 0x18) vring 1: align 0x1001 is not a power of two\n"
		  "hint: align is the ring's alignment (VRING_ALIGN, 0x1000 in NXP's rsc_table.c)" },
	{ .desc = "vring 1 notifyid 0, vring 0's", .img = &t_rsc,
	  .patch = { RSCDATA(VR1 + 12, 0) },
	  .rt = T_RT_VRINGS,
	  .text = "resource table (section 1): entry 0 (vdev at offset 0x18) vring 1: notifyid 0 is vring 0's too\n"
		  "hint: the core gives each vring its own notify id in vring order (0, 1), which rpmsg-lite uses as its queue ids; give vring 0 notifyid 0 and vring 1 notifyid 1" },
	{ .desc = "num_of_vrings 3", .img = &t_rsc,
	  .patch = { RSCDATA(48, VD_NVR(3)) },
	  .rt = T_RT_VRINGS,
	  .text = "resource table (section 1): entry 0 (vdev at offset 0x18): num_of_vrings 3, more than the 2 the core takes per vdev (vdev0vring0, vdev0vring1)\n"
		  "hint: an rpmsg vdev has 2 vrings, M7 to Linux and Linux to M7 (NUM_VRINGS 2 in NXP's rsc_table.c)" },
	{ .desc = "rpmsg vdev with 1 vring", .img = &t_rsc,
	  .patch = { RSCDATA(48, VD_NVR(1)) },
	  .rt = T_RT_VRINGS,
	  .text = "resource table (section 1): entry 0 (vdev at offset 0x18): num_of_vrings 1, but an rpmsg vdev (id 7) needs 2, one each way\n"
		  "hint: an rpmsg vdev has 2 vrings, M7 to Linux and Linux to M7 (NUM_VRINGS 2 in NXP's rsc_table.c)" },
	{ .desc = "config_len one byte past the table's end", .img = &t_rsc,
	  .patch = { RSCDATA(44, 49) },
	  .rt = T_RT_VRINGS,
	  .text = "resource table (section 1): entry 0 (vdev at offset 0x18): its 0x75 bytes (0x1c + num_of_vrings x 0x14 + config_len) end at offset 0x8d, past the table's 0x8c bytes\n"
		  "hint: check num_of_vrings and config_len, and the offset[] that points at this entry" },
	{ .desc = "a second vdev", .img = &t_rsc,
	  .patch = { RSCDATA(92, 3) },
	  .rt = T_RT_VRINGS,
	  .text = "resource table (section 1): entry 1 (vdev at offset 0x5c) is a second vdev; this driver takes one, entry 0\n"
		  "hint: keep one vdev and let the rpmsg endpoints share it: this driver has carve-outs and kicks for vdev 0 only" },
};
KUNIT_ARRAY_PARAM(t_text, t_text_cases, t_text_desc);

static void diag_text_test(struct kunit *test)
{
	const struct t_text_case *c = test->param_value;
	struct imx_m7_region regions[IMX_M7_MAX_REGIONS];
	struct imx_m7_plan plan;
	struct imx_m7_diag diag;
	unsigned int n, i;
	size_t size;
	char *buf;
	u8 *fw;
	int len;

	n = t_regions(test, c->rt ? c->rt : T_RT_VERDIN, regions);
	fw = t_build(test, c->img, &size);
	for (i = 0; i < ARRAY_SIZE(c->patch); i++)
		t_patch(test, c->img, fw, size, &c->patch[i]);
	KUNIT_ASSERT_LT(test, imx_m7_elf_plan(fw, size, regions, n, &plan,
					      &diag), 0);
	buf = kunit_kzalloc(test, 1024, GFP_KERNEL);
	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, buf);
	len = imx_m7_diag_format(&diag, regions, n, buf, 1024);
	KUNIT_EXPECT_STREQ(test, buf, c->text);
	KUNIT_EXPECT_EQ(test, len, strlen(c->text));
	/* A short buffer: truncated, terminated, same length reported. */
	memset(buf, 'x', 1024);
	KUNIT_EXPECT_EQ(test, imx_m7_diag_format(&diag, regions, n, buf, 17),
			len);
	KUNIT_EXPECT_EQ(test, strlen(buf), 16);
	KUNIT_EXPECT_EQ(test, memcmp(buf, c->text, 16), 0);
	KUNIT_EXPECT_EQ(test, buf[17], 'x');
}

/* ---- The resource table -------------------------------------------------- */

struct t_rsc_case {
	const char *desc;
	struct t_patch patch[2];
	int err;
	enum imx_m7_check check;
	int section;
	enum imx_m7_field field;
	u32 da;			/* accepted: the table's M7 address */
};

static void t_rsc_desc(const struct t_rsc_case *c, char *desc)
{
	strscpy(desc, c->desc, KUNIT_PARAM_DESC_SIZE);
}

#define RSCOK(d, a, ...) \
	{ .desc = d, .patch = { __VA_ARGS__ }, .section = -1, .da = a }

static const struct t_rsc_case t_rsc_cases[] = {
	RSCOK("well-formed: stored and read at 0x20000100", 0x20000100),
	RSCOK("last entry ends at the section's end", 0x20000100,
	      RSCDATA(20, T_RSC_LEN - 4)),
	RSCOK("inside a larger segment: p_paddr + offset", 0x50,
	      PH(1, p_filesz, 0x10 + T_RSC_LEN), PH(1, p_vaddr, 0x40)),
	{ .desc = "stored in ITCM, read in DTCM: LMA != VMA",
	  .patch = { PH(2, p_paddr, 0x50) }, .err = -EINVAL,
	  .check = IMX_M7_E_RSC_LMA, .section = 1, .field = IMX_M7_F_P_VADDR },
	{ .desc = "no section headers", .patch = { EH(e_shnum, 0) },
	  .err = -ENOENT, .check = IMX_M7_OK, .section = -1, .field = IMX_M7_F_NONE },
	{ .desc = "no .resource_table", .patch = { SH(1, sh_name, 17) },
	  .err = -ENOENT, .check = IMX_M7_OK, .section = -1, .field = IMX_M7_F_NONE },
	{ .desc = "empty .resource_table (MCUXpresso without a table)",
	  .patch = { SH(1, sh_size, 0) }, .err = -ENOENT, .check = IMX_M7_OK,
	  .section = -1, .field = IMX_M7_F_NONE },
	{ .desc = "e_shentsize 41", .patch = { EH(e_shentsize, 41) },
	  .err = -ENOEXEC, .check = IMX_M7_E_SHDR, .section = -1,
	  .field = IMX_M7_F_E_SHENTSIZE },
	{ .desc = "e_shoff 0", .patch = { EH(e_shoff, 0) }, .err = -ENOEXEC,
	  .check = IMX_M7_E_SHDR, .section = -1, .field = IMX_M7_F_E_SHOFF },
	{ .desc = "e_shoff 0x7fffffff", .patch = { EH(e_shoff, 0x7fffffff) },
	  .err = -ENOEXEC, .check = IMX_M7_E_SHDR, .section = -1,
	  .field = IMX_M7_F_E_SHOFF },
	{ .desc = "e_shoff 0x80000000", .patch = { EH(e_shoff, 0x80000000) },
	  .err = -ENOEXEC, .check = IMX_M7_E_SHDR, .section = -1,
	  .field = IMX_M7_F_E_SHOFF },
	{ .desc = "e_shoff 0xffffffff", .patch = { EH(e_shoff, 0xffffffff) },
	  .err = -ENOEXEC, .check = IMX_M7_E_SHDR, .section = -1,
	  .field = IMX_M7_F_E_SHOFF },
	{ .desc = "e_shnum 0xffff", .patch = { EH(e_shnum, 0xffff) },
	  .err = -ENOEXEC, .check = IMX_M7_E_SHDR, .section = -1,
	  .field = IMX_M7_F_E_SHOFF },
	{ .desc = "e_shstrndx 0", .patch = { EH(e_shstrndx, 0) },
	  .err = -ENOEXEC, .check = IMX_M7_E_SHDR, .section = -1,
	  .field = IMX_M7_F_E_SHSTRNDX },
	{ .desc = "e_shstrndx 3", .patch = { EH(e_shstrndx, 3) },
	  .err = -ENOEXEC, .check = IMX_M7_E_SHDR, .section = -1,
	  .field = IMX_M7_F_E_SHSTRNDX },
	{ .desc = "e_shstrndx 0xffff", .patch = { EH(e_shstrndx, 0xffff) },
	  .err = -ENOEXEC, .check = IMX_M7_E_SHDR, .section = -1,
	  .field = IMX_M7_F_E_SHSTRNDX },
	{ .desc = "names not SHT_STRTAB", .patch = { SH(2, sh_type, 1) },
	  .err = -ENOEXEC, .check = IMX_M7_E_SHDR, .section = 2,
	  .field = IMX_M7_F_SH_TYPE },
	{ .desc = "names sh_offset 0xffffffff",
	  .patch = { SH(2, sh_offset, 0xffffffff) }, .err = -ENOEXEC,
	  .check = IMX_M7_E_SHDR, .section = 2, .field = IMX_M7_F_SH_OFFSET },
	{ .desc = "names sh_size 0x7fffffff",
	  .patch = { SH(2, sh_size, 0x7fffffff) }, .err = -ENOEXEC,
	  .check = IMX_M7_E_SHDR, .section = 2, .field = IMX_M7_F_SH_OFFSET },
	{ .desc = "names sh_size 0x80000000",
	  .patch = { SH(2, sh_size, 0x80000000) }, .err = -ENOEXEC,
	  .check = IMX_M7_E_SHDR, .section = 2, .field = IMX_M7_F_SH_OFFSET },
	{ .desc = "names not NUL-terminated", .patch = { SH(2, sh_size, 26) },
	  .err = -ENOEXEC, .check = IMX_M7_E_SHDR, .section = 2,
	  .field = IMX_M7_F_NUL },
	{ .desc = "names empty", .patch = { SH(2, sh_size, 0) },
	  .err = -ENOEXEC, .check = IMX_M7_E_SHDR, .section = 2,
	  .field = IMX_M7_F_NUL },
	{ .desc = "sh_name at the table'1 end", .patch = { SH(1, sh_name, 27) },
	  .err = -ENOEXEC, .check = IMX_M7_E_SHDR, .section = 1,
	  .field = IMX_M7_F_SH_NAME },
	{ .desc = "sh_name 0xffffffff", .patch = { SH(1, sh_name, 0xffffffff) },
	  .err = -ENOEXEC, .check = IMX_M7_E_SHDR, .section = 1,
	  .field = IMX_M7_F_SH_NAME },
	{ .desc = "table sh_offset 0x80000000",
	  .patch = { SH(1, sh_offset, 0x80000000) }, .err = -ENOEXEC,
	  .check = IMX_M7_E_SHDR, .section = 1, .field = IMX_M7_F_SH_OFFSET },
	{ .desc = "table sh_size 0xffffffff",
	  .patch = { SH(1, sh_size, 0xffffffff) }, .err = -ENOEXEC,
	  .check = IMX_M7_E_SHDR, .section = 1, .field = IMX_M7_F_SH_OFFSET },
	{ .desc = "table not SHF_ALLOC",
	  .patch = { SH(1, sh_flags, SHF_WRITE) }, .err = -EINVAL,
	  .check = IMX_M7_E_RSC_TABLE, .section = 1, .field = IMX_M7_F_SH_FLAGS },
	{ .desc = "table stored by no PT_LOAD",
	  .patch = { PH(2, p_type, PT_NOTE) }, .err = -EINVAL,
	  .check = IMX_M7_E_RSC_TABLE, .section = 1, .field = IMX_M7_F_RSC_LOAD },
	{ .desc = "table one byte past its segment's stored bytes",
	  .patch = { PH(2, p_filesz, T_RSC_LEN - 1) }, .err = -EINVAL,
	  .check = IMX_M7_E_RSC_TABLE, .section = 1, .field = IMX_M7_F_RSC_LOAD },
	{ .desc = "table in a PT_LOAD with p_memsz 0",
	  .patch = { PH(2, p_memsz, 0) }, .err = -EINVAL,
	  .check = IMX_M7_E_RSC_TABLE, .section = 1, .field = IMX_M7_F_RSC_LOAD },
	{ .desc = "table's load address runs past 4 GiB",
	  .patch = { PH(2, p_paddr, 0xffffffe0) }, .err = -EINVAL,
	  .check = IMX_M7_E_RSC_TABLE, .section = 1, .field = IMX_M7_F_RSC_LOAD },
	{ .desc = "table is SHT_NOBITS",
	  .patch = { SH(1, sh_type, SHT_NOBITS) }, .err = -EINVAL,
	  .check = IMX_M7_E_RSC_TABLE, .section = 1, .field = IMX_M7_F_SH_TYPE },
	{ .desc = "table smaller than its header",
	  .patch = { SH(1, sh_size, 15) }, .err = -EINVAL,
	  .check = IMX_M7_E_RSC_TABLE, .section = 1, .field = IMX_M7_F_SH_SIZE },
	{ .desc = "ver 2", .patch = { RSCDATA(0, 2) }, .err = -EINVAL,
	  .check = IMX_M7_E_RSC_TABLE, .section = 1, .field = IMX_M7_F_RSC_VER },
	{ .desc = "reserved[0] set", .patch = { RSCDATA(8, 1) }, .err = -EINVAL,
	  .check = IMX_M7_E_RSC_TABLE, .section = 1, .field = IMX_M7_F_RSC_RESERVED },
	{ .desc = "reserved[1] set", .patch = { RSCDATA(12, 1) },
	  .err = -EINVAL, .check = IMX_M7_E_RSC_TABLE, .section = 1,
	  .field = IMX_M7_F_RSC_RESERVED },
	{ .desc = "num 32: offsets past the end", .patch = { RSCDATA(4, 32) },
	  .err = -EINVAL, .check = IMX_M7_E_RSC_TABLE, .section = 1,
	  .field = IMX_M7_F_RSC_NUM },
	{ .desc = "num 0x7fffffff", .patch = { RSCDATA(4, 0x7fffffff) },
	  .err = -EINVAL, .check = IMX_M7_E_RSC_TABLE, .section = 1,
	  .field = IMX_M7_F_RSC_NUM },
	{ .desc = "num 0x80000000", .patch = { RSCDATA(4, 0x80000000) },
	  .err = -EINVAL, .check = IMX_M7_E_RSC_TABLE, .section = 1,
	  .field = IMX_M7_F_RSC_NUM },
	{ .desc = "num 0xffffffff", .patch = { RSCDATA(4, 0xffffffff) },
	  .err = -EINVAL, .check = IMX_M7_E_RSC_TABLE, .section = 1,
	  .field = IMX_M7_F_RSC_NUM },
	{ .desc = "entry ends one byte past the section",
	  .patch = { RSCDATA(20, T_RSC_LEN - 3) }, .err = -EINVAL,
	  .check = IMX_M7_E_RSC_TABLE, .section = 1, .field = IMX_M7_F_RSC_OFFSET },
	{ .desc = "entry inside the header", .patch = { RSCDATA(16, 8) },
	  .err = -EINVAL, .check = IMX_M7_E_RSC_TABLE, .section = 1,
	  .field = IMX_M7_F_RSC_OFFSET },
	{ .desc = "offset 0x7fffffff", .patch = { RSCDATA(16, 0x7fffffff) },
	  .err = -EINVAL, .check = IMX_M7_E_RSC_TABLE, .section = 1,
	  .field = IMX_M7_F_RSC_OFFSET },
	{ .desc = "offset 0x80000000", .patch = { RSCDATA(16, 0x80000000) },
	  .err = -EINVAL, .check = IMX_M7_E_RSC_TABLE, .section = 1,
	  .field = IMX_M7_F_RSC_OFFSET },
	{ .desc = "offset 0xffffffff", .patch = { RSCDATA(20, 0xffffffff) },
	  .err = -EINVAL, .check = IMX_M7_E_RSC_TABLE, .section = 1,
	  .field = IMX_M7_F_RSC_OFFSET },
};
KUNIT_ARRAY_PARAM(t_rsc, t_rsc_cases, t_rsc_desc);

static void rsc_table_test(struct kunit *test)
{
	const struct t_rsc_case *c = test->param_value;
	u32 off = 0, len = 0, da = 0;
	struct imx_m7_diag diag;
	unsigned int i;
	size_t size;
	u8 *fw;
	int ret;

	fw = t_build(test, &t_rsc, &size);
	for (i = 0; i < ARRAY_SIZE(c->patch); i++)
		t_patch(test, &t_rsc, fw, size, &c->patch[i]);
	ret = imx_m7_elf_rsc_table(fw, size, &off, &len, &da, &diag);
	KUNIT_ASSERT_EQ(test, ret, c->err);
	KUNIT_EXPECT_EQ(test, diag.check, c->check);
	KUNIT_EXPECT_EQ(test, diag.section, c->section);
	T_EXPECT_FIELD(test, diag.field, c->field);
	if (ret)
		return;
	KUNIT_EXPECT_EQ(test, off, t_rsc_offset(&t_rsc));
	KUNIT_EXPECT_EQ(test, len, T_RSC_LEN);
	KUNIT_EXPECT_EQ(test, da, c->da);
}

/* The table entry the diagnostic names. */
static void rsc_entry_test(struct kunit *test)
{
	struct t_patch p = RSCDATA(20, T_RSC_LEN - 3);
	struct imx_m7_diag diag;
	u32 off, len, da;
	size_t size;
	char buf[160];
	u8 *fw;

	fw = t_build(test, &t_rsc, &size);
	t_patch(test, &t_rsc, fw, size, &p);
	KUNIT_ASSERT_EQ(test, imx_m7_elf_rsc_table(fw, size, &off, &len, &da,
						   &diag), -EINVAL);
	KUNIT_EXPECT_EQ(test, diag.index, 1);
	imx_m7_diag_format(&diag, NULL, 0, buf, sizeof(buf));
	KUNIT_EXPECT_STREQ(test, buf,
			   "resource table (section 1): entry 1 at offset 0x89 is not inside the section's 0x8c bytes after its header");
}

/* ---- The resource table's vdev ------------------------------------------- */

struct t_vdev_case {
	const char *desc;
	struct t_patch patch[2];
	bool no_carveouts;	/* the Verdin TCM regions: no vdev0vring0/1 */
	bool plan_only;		/* a vring address: only the planner checks */
	int err;
	enum imx_m7_check check;
	enum imx_m7_field field;
	int index;		/* the entry, its offset, the vring(s) */
	u32 entry_off;
	int vring, other_vring;
	u64 value, expected;
	int region;		/* vring da: the carve-out named, or -1 */
};

static void t_vdev_desc(const struct t_vdev_case *c, char *desc)
{
	strscpy(desc, c->desc, KUNIT_PARAM_DESC_SIZE);
}

#define VDEV_OK(d, ...)	{ .desc = d, .patch = { __VA_ARGS__ } }
static const struct t_vdev_case t_vdev_cases[] = {
	VDEV_OK("NXP's rpmsg-lite table"),
	VDEV_OK("vring 1 ends at its carve-out's end",
		RSCDATA(VR1, 0x55010000 - 0x2806)),
	{ .desc = "vring 1 one byte past vdev0vring1", .plan_only = true,
	  .err = -EINVAL, .check = IMX_M7_E_RSC_VRING,
	  .field = IMX_M7_F_VRING_DA, .index = 0, .entry_off = 24, .vring = 1,
	  .other_vring = -1, .value = 0x55010000 - 0x2805, .expected = 0x2806,
	  .region = W_VRING1, .patch = { RSCDATA(VR1, 0x55010000 - 0x2805) } },
	{ .desc = "vring 0 in vdev0vring1's carve-out", .plan_only = true,
	  .err = -EINVAL, .check = IMX_M7_E_RSC_VRING,
	  .field = IMX_M7_F_VRING_DA, .index = 0, .entry_off = 24, .vring = 0,
	  .other_vring = -1, .value = 0x55008000, .expected = 0x2806,
	  .region = W_VRING0, .patch = { RSCDATA(VR0, 0x55008000) } },
	{ .desc = "vring 0 below its carve-out", .plan_only = true,
	  .err = -EINVAL, .check = IMX_M7_E_RSC_VRING,
	  .field = IMX_M7_F_VRING_DA, .index = 0, .entry_off = 24, .vring = 0,
	  .other_vring = -1, .value = 0x54fff000, .expected = 0x2806,
	  .region = W_VRING0, .patch = { RSCDATA(VR0, 0x54fff000) } },
	{ .desc = "vring 0 num 0x80000000: a power of two, too big",
	  .plan_only = true, .err = -EINVAL, .check = IMX_M7_E_RSC_VRING,
	  .field = IMX_M7_F_VRING_DA, .index = 0, .entry_off = 24, .vring = 0,
	  .other_vring = -1, .value = 0x55000000, .expected = 0xd00001006ULL,
	  .region = W_VRING0, .patch = { RSCDATA(VR0 + 8, 0x80000000) } },
	VDEV_OK("vring 0 at FW_RSC_ADDR_ANY: the core chooses",
		RSCDATA(VR0, IMX_M7_RSC_ANY)),
	{ .desc = "no vring carve-outs in the device tree",
	  .no_carveouts = true, .plan_only = true, .err = -EINVAL,
	  .check = IMX_M7_E_RSC_VRING, .field = IMX_M7_F_VRING_DA,
	  .index = 0, .entry_off = 24, .vring = 0, .other_vring = -1,
	  .value = 0x55000000, .expected = 0x2806, .region = -1 },
	{ .desc = "no vring carve-outs, both vrings FW_RSC_ADDR_ANY",
	  .no_carveouts = true,
	  .patch = { RSCDATA(VR0, IMX_M7_RSC_ANY),
		     RSCDATA(VR1, IMX_M7_RSC_ANY) } },
	{ .desc = "vring 0 num 0", .err = -EINVAL, .check = IMX_M7_E_RSC_VRING,
	  .field = IMX_M7_F_VRING_NUM, .index = 0, .entry_off = 24, .vring = 0,
	  .other_vring = -1, .value = 0, .expected = 0, .region = -1,
	  .patch = { RSCDATA(VR0 + 8, 0) } },
	{ .desc = "vring 1 num 255", .err = -EINVAL,
	  .check = IMX_M7_E_RSC_VRING, .field = IMX_M7_F_VRING_NUM, .index = 0,
	  .entry_off = 24, .vring = 1, .other_vring = -1, .value = 255,
	  .expected = 0, .region = -1, .patch = { RSCDATA(VR1 + 8, 255) } },
	{ .desc = "vring 1 num 0xffffffff", .err = -EINVAL,
	  .check = IMX_M7_E_RSC_VRING, .field = IMX_M7_F_VRING_NUM, .index = 0,
	  .entry_off = 24, .vring = 1, .other_vring = -1, .value = 0xffffffff,
	  .expected = 0, .region = -1,
	  .patch = { RSCDATA(VR1 + 8, 0xffffffff) } },
	{ .desc = "vring 0 align 0", .err = -EINVAL,
	  .check = IMX_M7_E_RSC_VRING, .field = IMX_M7_F_VRING_ALIGN,
	  .index = 0, .entry_off = 24, .vring = 0, .other_vring = -1,
	  .value = 0, .expected = 0, .region = -1,
	  .patch = { RSCDATA(VR0 + 4, 0) } },
	{ .desc = "vring 1 align 0x1001", .err = -EINVAL,
	  .check = IMX_M7_E_RSC_VRING, .field = IMX_M7_F_VRING_ALIGN,
	  .index = 0, .entry_off = 24, .vring = 1, .other_vring = -1,
	  .value = 0x1001, .expected = 0, .region = -1,
	  .patch = { RSCDATA(VR1 + 4, 0x1001) } },
	{ .desc = "vring 1 notifyid 0, vring 0's", .err = -EINVAL,
	  .check = IMX_M7_E_RSC_VRING, .field = IMX_M7_F_VRING_NOTIFYID,
	  .index = 0, .entry_off = 24, .vring = 1, .other_vring = 0,
	  .value = 0, .expected = 0, .region = -1,
	  .patch = { RSCDATA(VR1 + 12, 0) } },
	VDEV_OK("notify ids 5 and 9: the core gives its own",
		RSCDATA(VR0 + 12, 5), RSCDATA(VR1 + 12, 9)),
	VDEV_OK("both notify ids FW_RSC_NOTIFY_ID_ANY",
		RSCDATA(VR0 + 12, IMX_M7_RSC_ANY),
		RSCDATA(VR1 + 12, IMX_M7_RSC_ANY)),
	{ .desc = "num_of_vrings 3", .err = -EINVAL, .check = IMX_M7_E_RSC_VDEV,
	  .field = IMX_M7_F_NUM_OF_VRINGS, .index = 0, .entry_off = 24,
	  .vring = -1, .other_vring = -1, .value = 3, .expected = 2,
	  .region = -1, .patch = { RSCDATA(48, VD_NVR(3)) } },
	{ .desc = "num_of_vrings 255", .err = -EINVAL,
	  .check = IMX_M7_E_RSC_VDEV, .field = IMX_M7_F_NUM_OF_VRINGS,
	  .index = 0, .entry_off = 24, .vring = -1, .other_vring = -1,
	  .value = 255, .expected = 2, .region = -1,
	  .patch = { RSCDATA(48, VD_NVR(255)) } },
	{ .desc = "rpmsg vdev with 1 vring", .err = -EINVAL,
	  .check = IMX_M7_E_RSC_VDEV, .field = IMX_M7_F_NUM_OF_VRINGS,
	  .index = 0, .entry_off = 24, .vring = -1, .other_vring = -1,
	  .value = 1, .expected = 2, .region = -1,
	  .patch = { RSCDATA(48, VD_NVR(1)) } },
	{ .desc = "rpmsg vdev with no vring", .err = -EINVAL,
	  .check = IMX_M7_E_RSC_VDEV, .field = IMX_M7_F_NUM_OF_VRINGS,
	  .index = 0, .entry_off = 24, .vring = -1, .other_vring = -1,
	  .value = 0, .expected = 2, .region = -1,
	  .patch = { RSCDATA(48, VD_NVR(0)) } },
	VDEV_OK("a vdev with 1 vring that is not rpmsg (id 3)",
		RSCDATA(28, 3), RSCDATA(48, VD_NVR(1))),
	VDEV_OK("config_len up to the table's end", RSCDATA(44, 48)),
	{ .desc = "config_len one byte past the table's end", .err = -EINVAL,
	  .check = IMX_M7_E_RSC_VDEV, .field = IMX_M7_F_VDEV_SIZE, .index = 0,
	  .entry_off = 24, .vring = -1, .other_vring = -1,
	  .value = 0x1c + 2 * 0x14 + 49, .expected = T_RSC_LEN, .region = -1,
	  .patch = { RSCDATA(44, 49) } },
	{ .desc = "config_len 0xffffffff", .err = -EINVAL,
	  .check = IMX_M7_E_RSC_VDEV, .field = IMX_M7_F_VDEV_SIZE, .index = 0,
	  .entry_off = 24, .vring = -1, .other_vring = -1,
	  .value = 0x1c + 2 * 0x14 + 0xffffffffULL, .expected = T_RSC_LEN,
	  .region = -1, .patch = { RSCDATA(44, 0xffffffff) } },
	{ .desc = "a vdev in the table's last 4 bytes", .err = -EINVAL,
	  .check = IMX_M7_E_RSC_VDEV, .field = IMX_M7_F_VDEV_SIZE, .index = 0,
	  .entry_off = T_RSC_LEN - 4, .vring = -1, .other_vring = -1,
	  .value = 0x1c, .expected = T_RSC_LEN, .region = -1,
	  .patch = { RSCDATA(16, T_RSC_LEN - 4), RSCDATA(T_RSC_LEN - 4, 3) } },
	{ .desc = "a second vdev", .err = -EINVAL, .check = IMX_M7_E_RSC_VDEV,
	  .field = IMX_M7_F_VDEV_SECOND, .index = 1, .entry_off = 92,
	  .vring = -1, .other_vring = -1, .value = 3, .expected = 0,
	  .region = -1, .patch = { RSCDATA(92, 3) } },
	{ .desc = "stored in ITCM, read in DTCM", .err = -EINVAL,
	  .check = IMX_M7_E_RSC_LMA, .field = IMX_M7_F_P_VADDR, .index = -1,
	  .vring = -1, .other_vring = -1, .value = 0x20000100,
	  .expected = 0x50, .region = -1, .patch = { PH(2, p_paddr, 0x50) } },
};
KUNIT_ARRAY_PARAM(t_vdev, t_vdev_cases, t_vdev_desc);

static void t_expect_vdev(struct kunit *test, const struct t_vdev_case *c,
			  const struct imx_m7_diag *d)
{
	KUNIT_EXPECT_EQ(test, d->err, c->err);
	KUNIT_EXPECT_EQ_MSG(test, d->check, c->check, "got %s, want %s",
			    imx_m7_check_name(d->check),
			    imx_m7_check_name(c->check));
	T_EXPECT_FIELD(test, d->field, c->field);
	KUNIT_EXPECT_EQ(test, d->section, 1);
	KUNIT_EXPECT_EQ(test, d->index, c->index);
	KUNIT_EXPECT_EQ(test, d->entry_off, c->entry_off);
	KUNIT_EXPECT_EQ(test, d->vring, c->vring);
	KUNIT_EXPECT_EQ(test, d->other_vring, c->other_vring);
	KUNIT_EXPECT_EQ(test, d->value, c->value);
	KUNIT_EXPECT_EQ(test, d->expected, c->expected);
	KUNIT_EXPECT_EQ(test, d->region, c->region);
	KUNIT_EXPECT_EQ(test, d->seg, c->check == IMX_M7_E_RSC_LMA ? 2 : -1);
}

/*
 * The planner (with the region table) and imx_m7_elf_rsc_table() (without)
 * refuse the same tables, but for the vring addresses, which only the
 * planner can check.
 */
static void rsc_vdev_test(struct kunit *test)
{
	const struct t_vdev_case *c = test->param_value;
	struct imx_m7_region regions[IMX_M7_MAX_REGIONS];
	u32 off = 0, len = 0, da = 0;
	struct imx_m7_plan plan;
	struct imx_m7_diag diag;
	unsigned int n, i;
	size_t size;
	u8 *fw;
	int ret;

	n = t_regions(test, c->no_carveouts ? T_RT_VERDIN : T_RT_VRINGS,
		      regions);
	fw = t_build(test, &t_rsc, &size);
	for (i = 0; i < ARRAY_SIZE(c->patch); i++)
		t_patch(test, &t_rsc, fw, size, &c->patch[i]);
	ret = imx_m7_elf_plan(fw, size, regions, n, &plan, &diag);
	KUNIT_ASSERT_EQ_MSG(test, ret, c->err, "plan: check %s",
			    imx_m7_check_name(diag.check));
	if (ret) {
		KUNIT_EXPECT_NULL(test, plan.ops);
		t_expect_vdev(test, c, &diag);
	} else {
		KUNIT_EXPECT_EQ(test, plan.n_segments, 3);
		imx_m7_plan_free(&plan);
	}
	ret = imx_m7_elf_rsc_table(fw, size, &off, &len, &da, &diag);
	KUNIT_ASSERT_EQ_MSG(test, ret, c->plan_only ? 0 : c->err,
			    "rsc_table: check %s",
			    imx_m7_check_name(diag.check));
	if (ret) {
		t_expect_vdev(test, c, &diag);
		return;
	}
	KUNIT_EXPECT_EQ(test, diag.check, IMX_M7_OK);
	KUNIT_EXPECT_EQ(test, off, t_rsc_offset(&t_rsc));
	KUNIT_EXPECT_EQ(test, len, T_RSC_LEN);
	KUNIT_EXPECT_EQ(test, da, 0x20000100);
}

/* The good table, parsed: every number NXP's rsc_table.c puts in it. */
static void rsc_parse_test(struct kunit *test)
{
	struct imx_m7_region regions[IMX_M7_MAX_REGIONS];
	const struct imx_m7_region *rt[] = { NULL, regions };
	const u8 *t = (const u8 *)t_rsc_words;
	u32 table[T_RSC_LEN / 4];
	struct imx_m7_diag diag;
	struct imx_m7_rsc rsc;
	unsigned int n, i;

	n = t_regions(test, T_RT_VRINGS, regions);
	for (i = 0; i < ARRAY_SIZE(rt); i++) {
		KUNIT_ASSERT_EQ(test, imx_m7_rsc_parse(t, T_RSC_LEN, rt[i],
						       rt[i] ? n : 0, &rsc,
						       &diag), 0);
		KUNIT_EXPECT_EQ(test, rsc.num, 2);
		KUNIT_EXPECT_EQ(test, rsc.vdev, 0);
		KUNIT_EXPECT_EQ(test, rsc.vdev_off, 24);
		KUNIT_EXPECT_EQ(test, rsc.id, 7);
		KUNIT_EXPECT_EQ(test, rsc.dfeatures, 1);
		KUNIT_EXPECT_EQ(test, rsc.config_len, 0);
		KUNIT_ASSERT_EQ(test, rsc.n_vrings, 2);
		KUNIT_EXPECT_EQ(test, rsc.vring[0].da, 0x55000000);
		KUNIT_EXPECT_EQ(test, rsc.vring[1].da, 0x55008000);
		KUNIT_EXPECT_EQ(test, rsc.vring[0].align, 0x1000);
		KUNIT_EXPECT_EQ(test, rsc.vring[1].align, 0x1000);
		KUNIT_EXPECT_EQ(test, rsc.vring[0].num, 256);
		KUNIT_EXPECT_EQ(test, rsc.vring[1].num, 256);
		KUNIT_EXPECT_EQ(test, rsc.vring[0].notifyid, 0);
		KUNIT_EXPECT_EQ(test, rsc.vring[1].notifyid, 1);
		KUNIT_EXPECT_EQ(test, diag.check, IMX_M7_OK);
		KUNIT_EXPECT_EQ(test, diag.index, -1);
	}
	/* Both offsets at the trace entry: no vdev, nothing refused. */
	memcpy(table, t_rsc_words, sizeof(table));
	table[4] = 92;
	KUNIT_ASSERT_EQ(test, imx_m7_rsc_parse((const u8 *)table, T_RSC_LEN,
					       regions, n, &rsc, &diag), 0);
	KUNIT_EXPECT_EQ(test, rsc.num, 2);
	KUNIT_EXPECT_EQ(test, rsc.vdev, -1);
	KUNIT_EXPECT_EQ(test, rsc.n_vrings, 0);
}

/* The words of the vdev refusals, without an ELF around the table. */
static void rsc_parse_text_test(struct kunit *test)
{
	struct imx_m7_region regions[IMX_M7_MAX_REGIONS];
	struct imx_m7_diag diag;
	struct imx_m7_rsc rsc;
	u32 table[T_RSC_LEN / 4];
	unsigned int n;
	char *buf;

	buf = kunit_kzalloc(test, IMX_M7_DIAG_LEN, GFP_KERNEL);
	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, buf);
	n = t_regions(test, T_RT_VRINGS, regions);
	memcpy(table, t_rsc_words, sizeof(table));
	table[VR1 / 4] = 0x55010000;
	KUNIT_ASSERT_EQ(test, imx_m7_rsc_parse((const u8 *)table, T_RSC_LEN,
					       regions, n, &rsc, &diag),
			-EINVAL);
	KUNIT_EXPECT_EQ(test, rsc.vdev, -1);
	KUNIT_EXPECT_EQ(test, diag.section, -1);
	imx_m7_diag_format(&diag, regions, n, buf, IMX_M7_DIAG_LEN);
	KUNIT_EXPECT_STREQ(test, buf,
			   "resource table: entry 0 (vdev at offset 0x18) vring 1: [0x55010000, 0x55012806) (da, 0x2806 ring bytes) is not inside vdev0vring1 [0x55008000, 0x55010000)\n"
			   "hint: the core takes this ring from the vdev0vring1 carve-out: set the vring's da to 0x55008000 (VDEV0_VRING_BASE in NXP's rsc_table.h) or move the carve-out");
}

/*
 * IMX_M7_DIAG_LEN is enough: every check with every field code, each
 * number at the widest the planner and the region builder can report
 * (64-bit values at their maximum, indices at the planner's bounds) and
 * 31-character region names, formats without truncation. Variants turn
 * on each branch the formatter takes on a value.
 */
static void diag_fits_test(struct kunit *test)
{
	struct imx_m7_region *regions;
	struct imx_m7_diag d;
	unsigned int c, f, v, i, worst = 0;
	char *buf;
	int len;

	regions = kunit_kcalloc(test, IMX_M7_MAX_REGIONS, sizeof(*regions),
				GFP_KERNEL);
	buf = kunit_kzalloc(test, 2 * IMX_M7_DIAG_LEN, GFP_KERNEL);
	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, regions);
	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, buf);
	for (i = 0; i < IMX_M7_MAX_REGIONS; i++) {
		memset(regions[i].name, 'r', IMX_M7_NAME_LEN - 1);
		regions[i].da = 0xffffff00;
		regions[i].pa = ~0ULL - 0x100;
		regions[i].size = 0x100;
		regions[i].flags = i & 1 ? 0 : IMX_M7_REGION_LOAD;
	}
	for (c = IMX_M7_OK + 1; c < IMX_M7_E_COUNT; c++) {
		for (f = IMX_M7_F_NONE; f < IMX_M7_F_COUNT; f++) {
			for (v = 0; v < 32; v++) {
				imx_m7_diag_init(&d);
				d.check = c;
				d.field = f;
				d.err = -EINVAL;
				d.seg = v & 1 ? -1 : 65534;
				d.other_seg = v & 1 ? -1 : 65534;
				d.paddr = 0xffffffff;
				d.vaddr = v & 2 ? 0xffffffff : 0xfffffffe;
				d.filesz = 0xffffffff;
				d.memsz = 0xffffffff;
				d.start = v & 4 ? 0xffffff00 : ~0ULL;
				d.end = ~0ULL;
				d.region = v & 8 ? 14 : 15;
				d.overflow = v & 16 ? 0 : ~0ULL;
				d.other_region = 15;
				d.value = v & 4 ? 0 : ~0ULL;
				d.expected = ~0ULL;
				d.section = 65534;
				d.index = 0x3ffffffb;	/* (4 GiB - 16) / 4 - 1 */
				d.entry_off = 0xffffffff;
				d.vring = v & 1 ? -1 : 1;
				d.other_vring = 1;
				d.other_start = ~0ULL;
				d.other_end = ~0ULL;
				memset(d.name, 'n', IMX_M7_NAME_LEN - 1);
				memset(d.other, 'o', IMX_M7_NAME_LEN - 1);
				memset(buf, 'x', 2 * IMX_M7_DIAG_LEN);
				len = imx_m7_diag_format(&d, regions,
							 IMX_M7_MAX_REGIONS,
							 buf, IMX_M7_DIAG_LEN);
				KUNIT_ASSERT_LT_MSG(test, len, IMX_M7_DIAG_LEN,
						    "check %u field %u variant %u",
						    c, f, v);
				KUNIT_ASSERT_EQ_MSG(test, buf[len], '\0',
						    "check %u field %u variant %u",
						    c, f, v);
				KUNIT_ASSERT_EQ(test, strlen(buf), len);
				worst = max_t(unsigned int, worst, len);
			}
		}
	}
	kunit_info(test, "longest diagnostic: %u bytes of %d\n", worst,
		   IMX_M7_DIAG_LEN);
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

/*
 * A refusal sets the fields of its own check and no other: after segment
 * 0 passed every check, segment 1's p_filesz > p_memsz leaves each field
 * that is not the segment's, p_filesz's value or its limit at its init.
 */
static void plan_diag_clean_test(struct kunit *test)
{
	struct imx_m7_region regions[IMX_M7_MAX_REGIONS];
	struct t_patch p = PH(1, p_memsz, 0xff);
	struct imx_m7_plan plan;
	struct imx_m7_diag diag;
	unsigned int n;
	size_t size;
	u8 *fw;

	n = t_regions(test, T_RT_FULL, regions);
	fw = t_build(test, &t_seed, &size);
	t_patch(test, &t_seed, fw, size, &p);
	KUNIT_ASSERT_EQ(test, imx_m7_elf_plan(fw, size, regions, n, &plan,
					      &diag), -ENOEXEC);
	KUNIT_EXPECT_EQ(test, diag.check, IMX_M7_E_SEG_FILESZ);
	KUNIT_EXPECT_EQ(test, diag.field, IMX_M7_F_P_FILESZ);
	KUNIT_EXPECT_EQ(test, diag.seg, 1);
	KUNIT_EXPECT_EQ(test, diag.value, 0x100);
	KUNIT_EXPECT_EQ(test, diag.expected, 0xff);
	KUNIT_EXPECT_EQ(test, diag.start, 0);
	KUNIT_EXPECT_EQ(test, diag.end, 0);
	KUNIT_EXPECT_EQ(test, diag.region, -1);
	KUNIT_EXPECT_EQ(test, diag.overflow, 0);
	KUNIT_EXPECT_EQ(test, diag.other_seg, -1);
	KUNIT_EXPECT_EQ(test, diag.other_region, -1);
	KUNIT_EXPECT_EQ(test, diag.section, -1);
	KUNIT_EXPECT_EQ(test, diag.index, -1);
	KUNIT_EXPECT_EQ(test, diag.other_start, 0);
	KUNIT_EXPECT_EQ(test, diag.other_end, 0);
	KUNIT_EXPECT_STREQ(test, diag.name, "");
	KUNIT_EXPECT_STREQ(test, diag.other, "");
}

/* An overlap names the region of each range. */
static void plan_overlap_regions_test(struct kunit *test)
{
	struct imx_m7_region *regions;
	struct imx_m7_plan plan;
	struct imx_m7_diag diag;
	char buf[256], *nl;
	unsigned int n;
	size_t size;
	u8 *fw;

	regions = kunit_kcalloc(test, IMX_M7_MAX_REGIONS, sizeof(*regions),
				GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, regions);
	n = t_regions(test, T_RT_FULL, regions);
	fw = t_build(test, &t_ocram_alias_overlap, &size);
	KUNIT_ASSERT_EQ(test, imx_m7_elf_plan(fw, size, regions, n, &plan,
					      &diag), -EINVAL);
	KUNIT_EXPECT_EQ(test, diag.region, R_OCRAM_SYS);
	KUNIT_EXPECT_EQ(test, diag.other_region, R_OCRAM);
	imx_m7_diag_format(&diag, regions, n, buf, sizeof(buf));
	nl = strchr(buf, '\n');
	KUNIT_ASSERT_NOT_NULL(test, nl);
	*nl = '\0';
	KUNIT_EXPECT_STREQ(test, buf,
			   "segment 2: load range [0x20200800, 0x20200810) in ocram overlaps segment 1's load range [0x00900000, 0x00901000) in ocram at CPU address 0x900800");
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

/* ---- Every (check, field) pair has its row -------------------------------- */

/*
 * Every (check, field) pair the region builder and the planner can set
 * (imx_m7_diag_set() and its callers in imx_m7_map.c and imx_m7_elf.c),
 * each with a row in the tables below, or @via the test that covers it.
 * IMX_M7_E_NOMEM needs an allocation to fail: no row ("-").
 */
struct t_pair {
	enum imx_m7_check check;
	enum imx_m7_field field;
	const char *via;
};

static const struct t_pair t_pairs[] = {
	{ .check = IMX_M7_E_TRUNCATED, .field = IMX_M7_F_FILE_SIZE, .via = "plan_truncate_test" },
	{ .check = IMX_M7_E_MAGIC, .field = IMX_M7_F_EI_MAG },
	{ .check = IMX_M7_E_CLASS, .field = IMX_M7_F_EI_CLASS },
	{ .check = IMX_M7_E_DATA, .field = IMX_M7_F_EI_DATA },
	{ .check = IMX_M7_E_VERSION, .field = IMX_M7_F_EI_VERSION },
	{ .check = IMX_M7_E_VERSION, .field = IMX_M7_F_E_VERSION },
	{ .check = IMX_M7_E_TYPE, .field = IMX_M7_F_E_TYPE },
	{ .check = IMX_M7_E_MACHINE, .field = IMX_M7_F_E_MACHINE },
	{ .check = IMX_M7_E_PHENTSIZE, .field = IMX_M7_F_E_PHENTSIZE },
	{ .check = IMX_M7_E_PHNUM, .field = IMX_M7_F_E_PHNUM },
	{ .check = IMX_M7_E_PHTABLE, .field = IMX_M7_F_E_PHOFF },
	{ .check = IMX_M7_E_SEG_FILE, .field = IMX_M7_F_P_OFFSET },
	{ .check = IMX_M7_E_SEG_FILESZ, .field = IMX_M7_F_P_FILESZ },
	{ .check = IMX_M7_E_SEG_WRAP, .field = IMX_M7_F_P_PADDR },
	{ .check = IMX_M7_E_SEG_WRAP, .field = IMX_M7_F_P_VADDR },
	{ .check = IMX_M7_E_LOAD_RANGE, .field = IMX_M7_F_NONE },
	{ .check = IMX_M7_E_RUN_RANGE, .field = IMX_M7_F_NONE },
	{ .check = IMX_M7_E_OVERLAP, .field = IMX_M7_F_NONE },
	{ .check = IMX_M7_E_NO_LOAD, .field = IMX_M7_F_E_PHNUM },
	{ .check = IMX_M7_E_NO_VECTOR, .field = IMX_M7_F_ITCM },
	{ .check = IMX_M7_E_NO_VECTOR, .field = IMX_M7_F_VECTOR_TABLE },
	{ .check = IMX_M7_E_NO_VECTOR, .field = IMX_M7_F_RESET_VECTOR },
	{ .check = IMX_M7_E_NO_VECTOR, .field = IMX_M7_F_PC_THUMB },
	{ .check = IMX_M7_E_NO_VECTOR, .field = IMX_M7_F_PC_EXEC },
	{ .check = IMX_M7_E_NO_VECTOR, .field = IMX_M7_F_INITIAL_SP },
	{ .check = IMX_M7_E_NO_VECTOR, .field = IMX_M7_F_E_ENTRY },
	{ .check = IMX_M7_E_NOMEM, .field = IMX_M7_F_NONE, .via = "-" },
	{ .check = IMX_M7_E_SHDR, .field = IMX_M7_F_E_SHENTSIZE },
	{ .check = IMX_M7_E_SHDR, .field = IMX_M7_F_E_SHOFF },
	{ .check = IMX_M7_E_SHDR, .field = IMX_M7_F_E_SHSTRNDX },
	{ .check = IMX_M7_E_SHDR, .field = IMX_M7_F_SH_TYPE },
	{ .check = IMX_M7_E_SHDR, .field = IMX_M7_F_SH_NAME },
	{ .check = IMX_M7_E_SHDR, .field = IMX_M7_F_SH_OFFSET },
	{ .check = IMX_M7_E_SHDR, .field = IMX_M7_F_NUL },
	{ .check = IMX_M7_E_RSC_TABLE, .field = IMX_M7_F_SH_TYPE },
	{ .check = IMX_M7_E_RSC_TABLE, .field = IMX_M7_F_SH_FLAGS },
	{ .check = IMX_M7_E_RSC_TABLE, .field = IMX_M7_F_SH_SIZE },
	{ .check = IMX_M7_E_RSC_TABLE, .field = IMX_M7_F_RSC_VER },
	{ .check = IMX_M7_E_RSC_TABLE, .field = IMX_M7_F_RSC_RESERVED },
	{ .check = IMX_M7_E_RSC_TABLE, .field = IMX_M7_F_RSC_NUM },
	{ .check = IMX_M7_E_RSC_TABLE, .field = IMX_M7_F_RSC_OFFSET },
	{ .check = IMX_M7_E_RSC_TABLE, .field = IMX_M7_F_RSC_LOAD },
	{ .check = IMX_M7_E_RSC_LMA, .field = IMX_M7_F_P_VADDR },
	{ .check = IMX_M7_E_RSC_VDEV, .field = IMX_M7_F_VDEV_SECOND },
	{ .check = IMX_M7_E_RSC_VDEV, .field = IMX_M7_F_NUM_OF_VRINGS },
	{ .check = IMX_M7_E_RSC_VDEV, .field = IMX_M7_F_VDEV_SIZE },
	{ .check = IMX_M7_E_RSC_VRING, .field = IMX_M7_F_VRING_DA },
	{ .check = IMX_M7_E_RSC_VRING, .field = IMX_M7_F_VRING_NUM },
	{ .check = IMX_M7_E_RSC_VRING, .field = IMX_M7_F_VRING_ALIGN },
	{ .check = IMX_M7_E_RSC_VRING, .field = IMX_M7_F_VRING_NOTIFYID },
	{ .check = IMX_M7_E_REGION_NAME, .field = IMX_M7_F_NONE },
	{ .check = IMX_M7_E_REGION_SIZE, .field = IMX_M7_F_REGION_EMPTY },
	{ .check = IMX_M7_E_REGION_SIZE, .field = IMX_M7_F_REGION_BIG },
	{ .check = IMX_M7_E_REGION_SIZE, .field = IMX_M7_F_REGION_WRAP },
	{ .check = IMX_M7_E_REGION_SIZE, .field = IMX_M7_F_REGION_PAST },
	{ .check = IMX_M7_E_REGION_SIZE, .field = IMX_M7_F_REGION_DA },
	{ .check = IMX_M7_E_REGION_WINDOW, .field = IMX_M7_F_NONE },
	{ .check = IMX_M7_E_REGION_WINDOW, .field = IMX_M7_F_REGION_STANDIN },
	{ .check = IMX_M7_E_REGION_NOMAP, .field = IMX_M7_F_NONE },
	{ .check = IMX_M7_E_REGION_OVERLAP, .field = IMX_M7_F_NONE },
	{ .check = IMX_M7_E_REGION_DUP, .field = IMX_M7_F_NONE },
	{ .check = IMX_M7_E_REGION_MISSING, .field = IMX_M7_F_NONE },
	{ .check = IMX_M7_E_REGION_COUNT, .field = IMX_M7_F_COUNT_DECLS },
	{ .check = IMX_M7_E_REGION_COUNT, .field = IMX_M7_F_COUNT_VIEWS },
	{ .check = IMX_M7_E_REGION_COUNT, .field = IMX_M7_F_COUNT_TABLE },
};

/* Mark the pair of one refused row; a pair not in t_pairs[] fails. */
static void t_pair_seen(struct kunit *test, bool *seen, const char *desc,
			int err, enum imx_m7_check check,
			enum imx_m7_field field)
{
	unsigned int i;

	if (!err || check == IMX_M7_OK)
		return;
	for (i = 0; i < ARRAY_SIZE(t_pairs); i++) {
		if (t_pairs[i].check == check && t_pairs[i].field == field) {
			seen[i] = true;
			return;
		}
	}
	KUNIT_FAIL(test, "row \"%s\": (%s, %s) is not in t_pairs[]", desc,
		   imx_m7_check_name(check), imx_m7_field_name(field));
}

#define T_PAIRS_OF(tab, err_)						\
	for (i = 0; i < ARRAY_SIZE(tab); i++)				\
		t_pair_seen(test, seen, tab[i].desc, tab[i].err_,	\
			    tab[i].check, tab[i].field)

static void diag_pairs_test(struct kunit *test)
{
	bool seen[ARRAY_SIZE(t_pairs)] = { };
	unsigned int i;

	T_PAIRS_OF(t_field_cases, err);
	T_PAIRS_OF(t_range_cases, err);
	T_PAIRS_OF(t_overlap_cases, err);
	T_PAIRS_OF(t_vector_cases, err);
	T_PAIRS_OF(t_rsc_cases, err);
	T_PAIRS_OF(t_vdev_cases, err);
	T_PAIRS_OF(t_region_cases, ret);
	for (i = 0; i < ARRAY_SIZE(t_badrt_cases); i++)
		t_pair_seen(test, seen, t_badrt_cases[i].desc, -EINVAL,
			    t_badrt_cases[i].check, t_badrt_cases[i].field);
	for (i = 0; i < ARRAY_SIZE(t_pairs); i++)
		KUNIT_EXPECT_TRUE_MSG(test, seen[i] || t_pairs[i].via,
				      "(%s, %s) has no row",
				      imx_m7_check_name(t_pairs[i].check),
				      imx_m7_field_name(t_pairs[i].field));
}

/* A pair the formatter has no words for says so, never another's words. */
static void diag_unknown_test(struct kunit *test)
{
	char buf[IMX_M7_DIAG_LEN], want[IMX_M7_DIAG_LEN];
	struct imx_m7_diag d;

	imx_m7_diag_init(&d);
	imx_m7_diag_set(&d, -EINVAL, IMX_M7_E_NO_VECTOR, IMX_M7_F_SH_FLAGS, 0,
			0);
	d.seg = 0;
	imx_m7_diag_format(&d, NULL, 0, buf, sizeof(buf));
	snprintf(want, sizeof(want),
		 "segment 0: unknown diagnostic: check no-vector (%d), field sh_flags (%d)\nsegment 0: p_paddr 0x00000000 p_vaddr 0x00000000 p_filesz 0x0 p_memsz 0x0",
		 IMX_M7_E_NO_VECTOR, IMX_M7_F_SH_FLAGS);
	KUNIT_EXPECT_STREQ(test, buf, want);
	imx_m7_diag_set(&d, -EINVAL, IMX_M7_E_COUNT, IMX_M7_F_NONE, 0, 0);
	d.seg = -1;
	imx_m7_diag_format(&d, NULL, 0, buf, sizeof(buf));
	snprintf(want, sizeof(want),
		 "unknown diagnostic: check unknown (%d), field  (%d)",
		 IMX_M7_E_COUNT, IMX_M7_F_NONE);
	KUNIT_EXPECT_STREQ(test, buf, want);
}

static void check_name_test(struct kunit *test)
{
	unsigned int c;

	for (c = 0; c < IMX_M7_E_COUNT; c++)
		KUNIT_EXPECT_STRNEQ(test, imx_m7_check_name(c), "unknown");
	KUNIT_EXPECT_STREQ(test, imx_m7_check_name(IMX_M7_E_COUNT), "unknown");
	KUNIT_EXPECT_STREQ(test, imx_m7_check_name(IMX_M7_E_LOAD_RANGE),
			   "load-range");
	for (c = 1; c < IMX_M7_F_COUNT; c++)
		KUNIT_EXPECT_STRNEQ(test, imx_m7_field_name(c), "unknown");
	KUNIT_EXPECT_STREQ(test, imx_m7_field_name(IMX_M7_F_NONE), "");
	KUNIT_EXPECT_STREQ(test, imx_m7_field_name(IMX_M7_F_COUNT), "unknown");
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
	KUNIT_CASE_PARAM(diag_text_test, t_text_gen_params),
	KUNIT_CASE_PARAM(rsc_table_test, t_rsc_gen_params),
	KUNIT_CASE(rsc_entry_test),
	KUNIT_CASE_PARAM(rsc_vdev_test, t_vdev_gen_params),
	KUNIT_CASE(rsc_parse_test),
	KUNIT_CASE(rsc_parse_text_test),
	KUNIT_CASE(diag_fits_test),
	KUNIT_CASE_PARAM(regions_build_test, t_region_gen_params),
	KUNIT_CASE_PARAM(regions_text_test, t_regtext_gen_params),
	KUNIT_CASE_PARAM(plan_bad_regions_test, t_badrt_gen_params),
	KUNIT_CASE(plan_diag_clean_test),
	KUNIT_CASE(plan_overlap_regions_test),
	KUNIT_CASE(region_find_test),
	KUNIT_CASE(regions_roles_test),
	KUNIT_CASE(diag_pairs_test),
	KUNIT_CASE(diag_unknown_test),
	KUNIT_CASE(check_name_test),
	{}
};

static struct kunit_suite imx_m7_elf_test_suite = {
	.name = "imx_m7_elf",
	.test_cases = imx_m7_elf_test_cases,
};
kunit_test_suite(imx_m7_elf_test_suite);

MODULE_DESCRIPTION("KUnit tests for the imx-m7-rproc segment planner");
MODULE_LICENSE("GPL");
IMX_M7_IMPORT_KUNIT_NS();
