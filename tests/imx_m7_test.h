/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What the KUnit suites of the pure core share (tests/imx_m7_*_test.c, one
 * module): the compact image description (struct t_image) and its builder,
 * single-field patches (struct t_patch), the region tables (enum t_rt),
 * the rows of a planner case (struct t_case) and the (check, field) pairs
 * every refusing row marks for diag_pairs_test.
 *
 * Every image is built from its description: an ELF32 header, the program
 * headers, each segment's file bytes (a pattern, with the vector table
 * {SP, PC} at the start of the first segment that stores 8 bytes or more)
 * and, on request, a .resource_table section (the contents of the last
 * segment) with its section headers.
 */
#ifndef IMX_M7_TEST_H
#define IMX_M7_TEST_H

#include <kunit/test.h>
#include <linux/elf.h>
#include <linux/stddef.h>
#include <linux/types.h>

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

/* The images other suites use (imx_m7_elf_test.c has them all). */
extern const struct t_image t_seed, t_seed_overflow, t_itcm_bss, t_small,
	t_ddr, t_ddr_past, t_vdev_past, t_ocram_alias_overlap, t_rsc;

/*
 * The resource table of t_rsc, NXP's rpmsg-lite vdev (imx_m7_elf_test.c),
 * and its offsets.
 */
extern const u32 t_rsc_words[T_RSC_LEN / 4];
/* t_rsc_words[] offsets */
#define VD_NVR(n)	((n) << 8)	/* the status | num_of_vrings word */
#define VR0		52	/* vring 0: da, +4 align, +8 num, +12 notifyid */
#define VR1		72

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

u32 t_seg_offset(const struct t_image *img, unsigned int i);
u32 t_rsc_offset(const struct t_image *img);
u8 *t_build(struct kunit *test, const struct t_image *img, size_t *size);
void t_patch(struct kunit *test, const struct t_image *img, u8 *fw,
	     size_t size, const struct t_patch *p);

/* ---- Region tables ------------------------------------------------------ */

enum t_rt { T_RT_FULL, T_RT_VERDIN, T_RT_NO_ITCM, T_RT_ITCM_ALIAS,
	    T_RT_RPMSG, T_RT_VRINGS };

/* Indices in the T_RT_FULL table. */
enum { R_ITCM, R_DTCM, R_OCRAM, R_OCRAM_SYS, R_DDR, R_VDEV, R_DDR1,
	R_DDR1_CODE };
#define V_DDR	2	/* "ddr" in the T_RT_VERDIN table */
/* Indices in the T_RT_VRINGS table (the Verdin DDR/RPMsg overlay's). */
enum { W_ITCM, W_DTCM, W_DDR, W_VRING0, W_VRING1, W_BUFFER, W_RSC };

/* Fill @out (IMX_M7_MAX_REGIONS entries) with table @rt; its length. */
unsigned int t_regions(struct kunit *test, enum t_rt rt,
		       struct imx_m7_region *out);

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

/* The field by its enum (two fields may print the same name). */
#define T_EXPECT_FIELD(test, got, want)					\
	KUNIT_EXPECT_EQ_MSG(test, got, want, "field %d (%s), want %d (%s)", \
			    got, imx_m7_field_name(got), want,		\
			    imx_m7_field_name(want))

/*
 * diag_pairs_test (imx_m7_diag_test.c): each suite marks, in @seen, the
 * (check, field) pair of every row of its tables that is refused.
 */
void t_pair_seen(struct kunit *test, bool *seen, const char *desc, int err,
		 enum imx_m7_check check, enum imx_m7_field field);
#define T_PAIRS_OF(tab, err_)						\
	for (i = 0; i < ARRAY_SIZE(tab); i++)				\
		t_pair_seen(test, seen, tab[i].desc, tab[i].err_,	\
			    tab[i].check, tab[i].field)
void t_elf_pairs(struct kunit *test, bool *seen);
void t_rsc_pairs(struct kunit *test, bool *seen);
void t_map_pairs(struct kunit *test, bool *seen);

#endif /* IMX_M7_TEST_H */
