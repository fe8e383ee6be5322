// SPDX-License-Identifier: GPL-2.0
/*
 * imx_m7_elf: the i.MX8M Plus Cortex-M7 address model and segment planner.
 *
 * (firmware bytes, region table) -> load plan or one diagnostic. The rules
 * and their sources are in docs/planner.md; the interface in imx_m7_elf.h.
 * Every number read from the file is checked before it is used: ranges are
 * computed in 64 bits, so nothing wraps, and every count is bounded by the
 * file's size before anything is allocated for it.
 *
 * The ELF headers are copied out of the file with memcpy() (the file gives
 * no alignment guarantee) and read in host byte order: the M7 ELF is
 * ELFDATA2LSB, and so are the hosts this runs on (arm64, x86).
 */
#ifdef __KERNEL__
#include <linux/errno.h>
#include <linux/export.h>
#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/slab.h>
#include <linux/sort.h>
#include <linux/string.h>
#include <kunit/visibility.h>
#endif

#include "imx_m7_elf.h"

#define IMX_M7_4G		0x100000000ULL
#define IMX_M7_VECTOR_LEN	8	/* initial SP, reset PC */

/* ---- Address model ------------------------------------------------------ */

/*
 * The Cortex-M7 address map of the i.MX8M Plus: hardware fact, one line per
 * window the M7 can be loaded into. Sources: the i.MX8MP reference manual's
 * CM7 memory map, upstream drivers/remoteproc/imx_rproc.c
 * (imx_rproc_att_imx8mn, which i.MX8MP shares) and docs/planner.md.
 * A line flagged ALIAS is a second M7 view of the line of the same name
 * before it: the same memory, another M7 address.
 *
 * OCRAM is 576 KiB, 0x900000..0x98ffff, in both M7 views:
 * - TF-A runs BL31 from 0x970000..0x98ffff on i.MX8MP
 *   (plat/imx/imx8m/imx8mp/include/platform_def.h: BL31_BASE 0x970000,
 *   BL31_SIZE 128 KiB), so that memory exists; on the i.MX8MN, whose OCRAM
 *   is 512 KiB, BL31 sits at 0x960000;
 * - Zephyr's dts/arm/nxp/nxp_imx8ml_m7.dtsi gives the M7's code-bus view
 *   (0x900000) and system-bus view (0x20200000) 576 KiB each;
 * - upstream's table gives the code-bus view 576 KiB too; only its
 *   system-bus lines add up to 512 KiB, the i.MX8MN's size, as the table
 *   is the i.MX8MN's.
 * DDR: the M7 sees DDR at its CPU address 0x40000000..0xbfffffff (upstream:
 * "DDR (Data)" 0x40000000, 2 GiB); from 0xe0000000 on is the Cortex-M
 * private peripheral bus and system space, never memory.
 */
static const struct imx_m7_window imx_m7_map_imx8mp[] = {
	/* name      M7 address  CPU address size        flags */
	/* ITCM, code bus: holds the reset vector at M7 address 0 */
	{ "itcm",    0x00000000, 0x007e0000, 0x00020000,
	  IMX_M7_REGION_LOAD | IMX_M7_REGION_IOMEM },
	/* DTCM, system bus */
	{ "dtcm",    0x20000000, 0x00800000, 0x00020000,
	  IMX_M7_REGION_LOAD | IMX_M7_REGION_IOMEM },
	/* OCRAM, 576 KiB (see above), code-bus view */
	{ "ocram",   0x00900000, 0x00900000, 0x00090000, IMX_M7_REGION_LOAD },
	/* OCRAM, system-bus view of the same memory */
	{ "ocram",   0x20200000, 0x00900000, 0x00090000,
	  IMX_M7_REGION_LOAD | IMX_M7_REGION_ALIAS },
	/* DDR, 2 GiB: the M7 sees it at its CPU address */
	{ "ddr",     0x40000000, 0x40000000, 0x80000000, IMX_M7_REGION_LOAD },
	/* DDR code-bus alias: 0x1000_0000 + n is CPU 0x4000_0000 + n */
	{ "ddr",     0x10000000, 0x40000000, 0x0ffe0000,
	  IMX_M7_REGION_LOAD | IMX_M7_REGION_ALIAS },
};

const struct imx_m7_soc imx_m7_soc_imx8mp = {
	.name = "i.MX8M Plus",
	.map = imx_m7_map_imx8mp,
	.n_map = ARRAY_SIZE(imx_m7_map_imx8mp),
};
EXPORT_SYMBOL_IF_KUNIT(imx_m7_soc_imx8mp);

/* Carve-outs for rpmsg: translatable, never a load target. */
static const char * const imx_m7_rpmsg_names[] = {
	"vdev0vring0", "vdev0vring1", "vdev0buffer", "rsc-table",
};

/* ---- Diagnostics -------------------------------------------------------- */

void imx_m7_diag_init(struct imx_m7_diag *diag)
{
	memset(diag, 0, sizeof(*diag));
	diag->seg = -1;
	diag->region = -1;
	diag->other_seg = -1;
	diag->other_region = -1;
	diag->section = -1;
	diag->index = -1;
	diag->vring = -1;
	diag->other_vring = -1;
}
EXPORT_SYMBOL_IF_KUNIT(imx_m7_diag_init);

static const char * const imx_m7_check_names[IMX_M7_E_COUNT] = {
	[IMX_M7_OK] = "ok",
	[IMX_M7_E_TRUNCATED] = "truncated",
	[IMX_M7_E_MAGIC] = "magic",
	[IMX_M7_E_CLASS] = "class",
	[IMX_M7_E_DATA] = "data",
	[IMX_M7_E_VERSION] = "version",
	[IMX_M7_E_TYPE] = "type",
	[IMX_M7_E_MACHINE] = "machine",
	[IMX_M7_E_PHENTSIZE] = "phentsize",
	[IMX_M7_E_PHNUM] = "phnum",
	[IMX_M7_E_PHTABLE] = "phtable",
	[IMX_M7_E_SEG_FILE] = "seg-file",
	[IMX_M7_E_SEG_FILESZ] = "seg-filesz",
	[IMX_M7_E_SEG_WRAP] = "seg-wrap",
	[IMX_M7_E_LOAD_RANGE] = "load-range",
	[IMX_M7_E_RUN_RANGE] = "run-range",
	[IMX_M7_E_OVERLAP] = "overlap",
	[IMX_M7_E_NO_LOAD] = "no-load",
	[IMX_M7_E_NO_VECTOR] = "no-vector",
	[IMX_M7_E_NOMEM] = "nomem",
	[IMX_M7_E_SHDR] = "shdr",
	[IMX_M7_E_RSC_TABLE] = "rsc-table",
	[IMX_M7_E_RSC_LMA] = "rsc-lma",
	[IMX_M7_E_RSC_VDEV] = "rsc-vdev",
	[IMX_M7_E_RSC_VRING] = "rsc-vring",
	[IMX_M7_E_REGION_NAME] = "region-name",
	[IMX_M7_E_REGION_SIZE] = "region-size",
	[IMX_M7_E_REGION_WINDOW] = "region-window",
	[IMX_M7_E_REGION_NOMAP] = "region-nomap",
	[IMX_M7_E_REGION_OVERLAP] = "region-overlap",
	[IMX_M7_E_REGION_DUP] = "region-dup",
	[IMX_M7_E_REGION_MISSING] = "region-missing",
	[IMX_M7_E_REGION_COUNT] = "region-count",
};

const char *imx_m7_check_name(enum imx_m7_check check)
{
	if ((unsigned int)check >= IMX_M7_E_COUNT || !imx_m7_check_names[check])
		return "unknown";
	return imx_m7_check_names[check];
}
EXPORT_SYMBOL_IF_KUNIT(imx_m7_check_name);

static const char * const imx_m7_field_names[IMX_M7_F_COUNT] = {
	[IMX_M7_F_NONE] = "",
	[IMX_M7_F_FILE_SIZE] = "file size",
	[IMX_M7_F_EI_MAG] = "e_ident[EI_MAG]",
	[IMX_M7_F_EI_CLASS] = "e_ident[EI_CLASS]",
	[IMX_M7_F_EI_DATA] = "e_ident[EI_DATA]",
	[IMX_M7_F_EI_VERSION] = "e_ident[EI_VERSION]",
	[IMX_M7_F_E_VERSION] = "e_version",
	[IMX_M7_F_E_TYPE] = "e_type",
	[IMX_M7_F_E_MACHINE] = "e_machine",
	[IMX_M7_F_E_PHENTSIZE] = "e_phentsize",
	[IMX_M7_F_E_PHNUM] = "e_phnum",
	[IMX_M7_F_E_PHOFF] = "e_phoff",
	[IMX_M7_F_P_OFFSET] = "p_offset",
	[IMX_M7_F_P_FILESZ] = "p_filesz",
	[IMX_M7_F_P_PADDR] = "p_paddr",
	[IMX_M7_F_P_VADDR] = "p_vaddr",
	[IMX_M7_F_ITCM] = "itcm",
	[IMX_M7_F_VECTOR_TABLE] = "vector table",
	[IMX_M7_F_RESET_VECTOR] = "reset vector",
	[IMX_M7_F_PC_THUMB] = "reset PC",
	[IMX_M7_F_PC_EXEC] = "reset PC",
	[IMX_M7_F_INITIAL_SP] = "initial SP",
	[IMX_M7_F_E_ENTRY] = "e_entry",
	[IMX_M7_F_E_SHENTSIZE] = "e_shentsize",
	[IMX_M7_F_E_SHOFF] = "e_shoff",
	[IMX_M7_F_E_SHSTRNDX] = "e_shstrndx",
	[IMX_M7_F_SH_TYPE] = "sh_type",
	[IMX_M7_F_SH_NAME] = "sh_name",
	[IMX_M7_F_SH_OFFSET] = "sh_offset",
	[IMX_M7_F_NUL] = "NUL terminator",
	[IMX_M7_F_SH_FLAGS] = "sh_flags",
	[IMX_M7_F_SH_SIZE] = "sh_size",
	[IMX_M7_F_RSC_VER] = "ver",
	[IMX_M7_F_RSC_RESERVED] = "reserved",
	[IMX_M7_F_RSC_NUM] = "num",
	[IMX_M7_F_RSC_OFFSET] = "offset",
	[IMX_M7_F_RSC_LOAD] = "PT_LOAD",
	[IMX_M7_F_VDEV_SIZE] = "vdev size",
	[IMX_M7_F_VDEV_SECOND] = "second vdev",
	[IMX_M7_F_NUM_OF_VRINGS] = "num_of_vrings",
	[IMX_M7_F_VRING_DA] = "vring da",
	[IMX_M7_F_VRING_NUM] = "vring num",
	[IMX_M7_F_VRING_ALIGN] = "vring align",
	[IMX_M7_F_VRING_NOTIFYID] = "vring notifyid",
	[IMX_M7_F_REGION_EMPTY] = "size 0",
	[IMX_M7_F_REGION_BIG] = "size",
	[IMX_M7_F_REGION_WRAP] = "pa + size",
	[IMX_M7_F_REGION_PAST] = "window end",
	[IMX_M7_F_REGION_DA] = "da + size",
	[IMX_M7_F_COUNT_DECLS] = "declarations",
	[IMX_M7_F_COUNT_VIEWS] = "region entries",
	[IMX_M7_F_COUNT_TABLE] = "n_regions",
};

const char *imx_m7_field_name(enum imx_m7_field field)
{
	if ((unsigned int)field >= IMX_M7_F_COUNT || !imx_m7_field_names[field])
		return "unknown";
	return imx_m7_field_names[field];
}
EXPORT_SYMBOL_IF_KUNIT(imx_m7_field_name);

static int imx_m7_fail(struct imx_m7_diag *diag, enum imx_m7_check check,
		       int err)
{
	diag->check = check;
	diag->err = err;
	return err;
}

/* A header field holds @value where @expected was required. */
static int imx_m7_fail_field(struct imx_m7_diag *diag,
			     enum imx_m7_check check, enum imx_m7_field field,
			     u64 value, u64 expected)
{
	diag->field = field;
	diag->value = value;
	diag->expected = expected;
	return imx_m7_fail(diag, check, -ENOEXEC);
}

static void imx_m7_diag_seg(struct imx_m7_diag *diag, int seg,
			    const Elf32_Phdr *ph)
{
	diag->seg = seg;
	diag->paddr = ph->p_paddr;
	diag->vaddr = ph->p_vaddr;
	diag->filesz = ph->p_filesz;
	diag->memsz = ph->p_memsz;
}

/* ---- The formatter: one diagnostic in words ------------------------------ */

struct imx_m7_out {
	char *buf;
	size_t len;
	size_t pos;
};

static __printf(2, 3) void imx_m7_put(struct imx_m7_out *o, const char *fmt,
				      ...)
{
	bool room = o->pos < o->len;
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(room ? o->buf + o->pos : NULL, room ? o->len - o->pos : 0,
		      fmt, ap);
	va_end(ap);
	if (n > 0)
		o->pos += n;
}

/* Region @r of the table, or NULL. */
static const struct imx_m7_region *
imx_m7_region_at(const struct imx_m7_region *regions, unsigned int n, int r)
{
	if (!regions || r < 0 || (unsigned int)r >= n)
		return NULL;
	return &regions[r];
}

static void imx_m7_put_region(struct imx_m7_out *o,
			      const struct imx_m7_region *regions,
			      unsigned int n, int r)
{
	const struct imx_m7_region *reg = imx_m7_region_at(regions, n, r);

	if (!reg) {
		imx_m7_put(o, "region %d", r);
		return;
	}
	imx_m7_put(o, "%s [0x%08llx, 0x%08llx)", reg->name, (u64)reg->da,
		   reg->da + reg->size);
}

/* The name of region @r, or "?" when the table does not hold it. */
static const char *imx_m7_region_name(const struct imx_m7_region *regions,
				      unsigned int n, int r)
{
	const struct imx_m7_region *reg = imx_m7_region_at(regions, n, r);

	return reg ? reg->name : "?";
}

static void imx_m7_fmt_header(struct imx_m7_out *o,
			      const struct imx_m7_diag *d)
{
	const char *f = imx_m7_field_name(d->field);

	switch (d->check) {
	case IMX_M7_E_TRUNCATED:
		imx_m7_put(o, "not an ELF file: %llu bytes, shorter than the %llu-byte ELF32 header",
			   d->value, d->expected);
		break;
	case IMX_M7_E_MAGIC:
		imx_m7_put(o, "not an ELF file: magic 0x%08llx, expected 0x%08llx (\\x7fELF)",
			   d->value, d->expected);
		break;
	case IMX_M7_E_CLASS:
		imx_m7_put(o, "%s is %llu, expected %llu (ELFCLASS32)",
			   f, d->value, d->expected);
		break;
	case IMX_M7_E_DATA:
		imx_m7_put(o, "%s is %llu, expected %llu (ELFDATA2LSB)",
			   f, d->value, d->expected);
		break;
	case IMX_M7_E_VERSION:
		imx_m7_put(o, "%s is %llu, expected %llu (EV_CURRENT)",
			   f, d->value, d->expected);
		break;
	case IMX_M7_E_TYPE:
		imx_m7_put(o, "e_type is %llu, expected %llu (ET_EXEC)",
			   d->value, d->expected);
		break;
	case IMX_M7_E_MACHINE:
		imx_m7_put(o, "e_machine is %llu, expected %llu (EM_ARM)",
			   d->value, d->expected);
		break;
	case IMX_M7_E_PHENTSIZE:
		imx_m7_put(o, "e_phentsize is %llu, expected %llu (sizeof(Elf32_Phdr))",
			   d->value, d->expected);
		break;
	case IMX_M7_E_PHNUM:
		imx_m7_put(o, "e_phnum is 0: the file has no program headers");
		break;
	default:	/* IMX_M7_E_PHTABLE */
		imx_m7_put(o, "program header table [0x%llx, 0x%llx) (e_phoff, e_phnum) is not inside the file after the ELF header (file 0x%llx bytes)",
			   d->start, d->end, d->expected);
		break;
	}
}

/* "load range [a, b) ends N bytes past REGION", and its variants. */
static void imx_m7_fmt_range(struct imx_m7_out *o, const struct imx_m7_diag *d,
			     const struct imx_m7_region *regions,
			     unsigned int n)
{
	const struct imx_m7_region *r = imx_m7_region_at(regions, n, d->region);

	imx_m7_put(o, "segment %d: %s range [0x%08llx, 0x%08llx) ", d->seg,
		   d->check == IMX_M7_E_LOAD_RANGE ? "load" : "run",
		   d->start, d->end);
	if (!r) {
		imx_m7_put(o, "is outside every region: none is declared");
		return;
	}
	if (d->overflow)
		imx_m7_put(o, "ends 0x%llx bytes past ", d->overflow);
	else if (d->start >= r->da && d->start - r->da < r->size)
		imx_m7_put(o, "is in a region that is not a load target: ");
	else
		imx_m7_put(o, "is outside every declared region; nearest: ");
	imx_m7_put_region(o, regions, n, d->region);
}

static void imx_m7_fmt_overlap(struct imx_m7_out *o,
			       const struct imx_m7_diag *d,
			       const struct imx_m7_region *regions,
			       unsigned int n)
{
	imx_m7_put(o, "segment %d: load range [0x%08llx, 0x%08llx) in %s overlaps ",
		   d->seg, d->start, d->end,
		   imx_m7_region_name(regions, n, d->region));
	if (d->other_seg < 0)
		imx_m7_put(o, "the reset vector [0x%08llx, 0x%08llx) in %s that this driver writes",
			   d->other_start, d->other_end,
			   imx_m7_region_name(regions, n, d->other_region));
	else
		imx_m7_put(o, "segment %d's load range [0x%08llx, 0x%08llx) in %s",
			   d->other_seg, d->other_start, d->other_end,
			   imx_m7_region_name(regions, n, d->other_region));
	imx_m7_put(o, " at CPU address 0x%llx", d->value);
}

static void imx_m7_fmt_segment(struct imx_m7_out *o,
			       const struct imx_m7_diag *d,
			       const struct imx_m7_region *regions,
			       unsigned int n)
{
	switch (d->check) {
	case IMX_M7_E_SEG_FILE:
		imx_m7_put(o, "segment %d: file range [0x%llx, 0x%llx) (p_offset, p_filesz) ends 0x%llx bytes past the end of the file (0x%llx bytes)",
			   d->seg, d->start, d->end, d->end - d->expected,
			   d->expected);
		break;
	case IMX_M7_E_SEG_FILESZ:
		imx_m7_put(o, "segment %d: p_filesz 0x%x is larger than p_memsz 0x%x",
			   d->seg, d->filesz, d->memsz);
		break;
	case IMX_M7_E_SEG_WRAP:
		imx_m7_put(o, "segment %d: %s range [0x%08llx, 0x%llx) runs 0x%llx bytes past the end of the M7's 4 GiB address space",
			   d->seg, d->field == IMX_M7_F_P_VADDR ? "run" : "load",
			   d->start, d->end, d->overflow);
		break;
	case IMX_M7_E_OVERLAP:
		imx_m7_fmt_overlap(o, d, regions, n);
		break;
	default:	/* IMX_M7_E_LOAD_RANGE, IMX_M7_E_RUN_RANGE */
		imx_m7_fmt_range(o, d, regions, n);
		break;
	}
}

static void imx_m7_fmt_vector(struct imx_m7_out *o,
			      const struct imx_m7_diag *d)
{
	if (d->field == IMX_M7_F_ITCM) {
		imx_m7_put(o, "nothing is loaded at the M7 reset vector [0x00000000, 0x00000008) and no load region covers it (itcm not declared)");
		return;
	}
	if (d->seg < 0) {
		imx_m7_put(o, "no PT_LOAD stores any bytes: nothing to take the M7 reset vector (initial SP, reset PC) from");
		return;
	}
	imx_m7_put(o, "segment %d: ", d->seg);
	switch (d->field) {
	case IMX_M7_F_VECTOR_TABLE:
		imx_m7_put(o, "stores 0x%llx bytes, too few to start with a vector table (initial SP, reset PC)",
			   d->value);
		break;
	case IMX_M7_F_RESET_VECTOR:
		imx_m7_put(o, "load range [0x%08llx, 0x%08llx) covers the M7 reset vector [0x00000000, 0x00000008) without storing all 8 bytes of it",
			   d->start, d->end);
		break;
	case IMX_M7_F_INITIAL_SP:
		imx_m7_put(o, "initial SP 0x%08llx (vector word 0) is not a word-aligned stack top inside a declared region",
			   d->value);
		break;
	case IMX_M7_F_E_ENTRY:
		imx_m7_put(o, "reset PC 0x%08llx (its word 1) differs from e_entry 0x%08llx: the segment does not start with the vector table",
			   d->expected, d->value);
		break;
	case IMX_M7_F_PC_THUMB:
		imx_m7_put(o, "reset PC 0x%08llx (vector word 1) has bit 0 clear: the M7 runs Thumb code only",
			   d->value);
		break;
	default:	/* IMX_M7_F_PC_EXEC */
		imx_m7_put(o, "reset PC 0x%08llx (vector word 1) is not stored by an executable (PF_X) segment",
			   d->value);
		break;
	}
}

static void imx_m7_fmt_shdr(struct imx_m7_out *o, const struct imx_m7_diag *d)
{
	switch (d->field) {
	case IMX_M7_F_E_SHENTSIZE:
		imx_m7_put(o, "section headers: e_shentsize is %llu, expected %llu (sizeof(Elf32_Shdr))",
			   d->value, d->expected);
		break;
	case IMX_M7_F_E_SHOFF:
		imx_m7_put(o, "section header table [0x%llx, 0x%llx) (e_shoff, e_shnum) is not inside the file after the ELF header (file 0x%llx bytes)",
			   d->start, d->end, d->expected);
		break;
	case IMX_M7_F_E_SHSTRNDX:
		imx_m7_put(o, "section headers: e_shstrndx %llu is not a section (e_shnum %llu)",
			   d->value, d->expected);
		break;
	case IMX_M7_F_SH_TYPE:
		imx_m7_put(o, "section %d (section names): sh_type %llu, expected %llu (SHT_STRTAB)",
			   d->section, d->value, d->expected);
		break;
	case IMX_M7_F_SH_NAME:
		imx_m7_put(o, "section %d: sh_name 0x%llx is outside the section-name table (0x%llx bytes)",
			   d->section, d->value, d->expected);
		break;
	case IMX_M7_F_SH_OFFSET:
		imx_m7_put(o, "section %d: contents [0x%llx, 0x%llx) run past the end of the file (0x%llx bytes)",
			   d->section, d->start, d->end, d->expected);
		break;
	default:	/* IMX_M7_F_NUL */
		imx_m7_put(o, "section %d (section names) is empty or not NUL-terminated",
			   d->section);
		break;
	}
}

/* "resource table (section 1)", or without the section when not known. */
static void imx_m7_put_rsc(struct imx_m7_out *o, const struct imx_m7_diag *d)
{
	imx_m7_put(o, "resource table");
	if (d->section >= 0)
		imx_m7_put(o, " (section %d)", d->section);
}

static void imx_m7_fmt_rsc(struct imx_m7_out *o, const struct imx_m7_diag *d)
{
	imx_m7_put_rsc(o, d);
	switch (d->field) {
	case IMX_M7_F_SH_TYPE:
		imx_m7_put(o, " has no contents (SHT_NOBITS)");
		break;
	case IMX_M7_F_SH_FLAGS:
		imx_m7_put(o, " is not SHF_ALLOC (sh_flags 0x%llx): it is not part of the firmware's memory image",
			   d->value);
		break;
	case IMX_M7_F_SH_SIZE:
		imx_m7_put(o, " is 0x%llx bytes, smaller than its 16-byte header",
			   d->value);
		break;
	case IMX_M7_F_RSC_VER:
		imx_m7_put(o, ": ver %llu, expected 1", d->value);
		break;
	case IMX_M7_F_RSC_RESERVED:
		imx_m7_put(o, ": reserved words are not zero (0x%llx)",
			   d->value);
		break;
	case IMX_M7_F_RSC_NUM:
		imx_m7_put(o, ": num %llu needs 0x%llx bytes of header and offsets, the section has 0x%llx",
			   d->value, d->expected, d->end - d->start);
		break;
	case IMX_M7_F_RSC_LOAD:
		imx_m7_put(o, ": file bytes [0x%llx, 0x%llx) are stored by no PT_LOAD, so they are never loaded",
			   d->start, d->end);
		break;
	default:	/* IMX_M7_F_RSC_OFFSET */
		imx_m7_put(o, ": entry %d at offset 0x%llx is not inside the section's 0x%llx bytes after its header",
			   d->index, d->value, d->expected);
		break;
	}
}

/* A vdev entry or one of its vrings: "entry 0 (vdev at offset 0x14)". */
static void imx_m7_fmt_vdev(struct imx_m7_out *o, const struct imx_m7_diag *d,
			    const struct imx_m7_region *regions,
			    unsigned int n)
{
	imx_m7_put_rsc(o, d);
	imx_m7_put(o, ": entry %d (vdev at offset 0x%x)", d->index,
		   d->entry_off);
	if (d->vring >= 0)
		imx_m7_put(o, " vring %d", d->vring);
	switch (d->field) {
	case IMX_M7_F_VDEV_SECOND:
		imx_m7_put(o, " is a second vdev; this driver takes one, entry %llu",
			   d->expected);
		break;
	case IMX_M7_F_NUM_OF_VRINGS:
		if (d->value > d->expected)
			imx_m7_put(o, ": num_of_vrings %llu, more than the %llu the core takes per vdev (vdev0vring0, vdev0vring1)",
				   d->value, d->expected);
		else
			imx_m7_put(o, ": num_of_vrings %llu, but an rpmsg vdev (id 7) needs %llu, one each way",
				   d->value, d->expected);
		break;
	case IMX_M7_F_VDEV_SIZE:
		imx_m7_put(o, ": its 0x%llx bytes (0x1c + num_of_vrings x 0x14 + config_len) end at offset 0x%llx, past the table's 0x%llx bytes",
			   d->value, d->end, d->expected);
		break;
	case IMX_M7_F_VRING_NUM:
		imx_m7_put(o, ": num %llu is not a power of two", d->value);
		break;
	case IMX_M7_F_VRING_ALIGN:
		imx_m7_put(o, ": align 0x%llx is not a power of two", d->value);
		break;
	case IMX_M7_F_VRING_NOTIFYID:
		imx_m7_put(o, ": notifyid %llu is vring %d's too", d->value,
			   d->other_vring);
		break;
	default:	/* IMX_M7_F_VRING_DA */
		imx_m7_put(o, ": [0x%08llx, 0x%08llx) (da, 0x%llx ring bytes) ",
			   d->start, d->end, d->expected);
		if (imx_m7_region_at(regions, n, d->region)) {
			imx_m7_put(o, "is not inside ");
			imx_m7_put_region(o, regions, n, d->region);
		} else {
			imx_m7_put(o, "has no vdev0vring%d carve-out to lie in",
				   d->vring);
		}
		break;
	}
}

static void imx_m7_fmt_lma(struct imx_m7_out *o, const struct imx_m7_diag *d)
{
	imx_m7_put_rsc(o, d);
	imx_m7_put(o, " is loaded at M7 0x%08llx (p_paddr) but read by the firmware at 0x%08llx (p_vaddr): segment %d's start-up copy moves it",
		   d->start, d->value, d->seg);
}

/* The hint for a vdev or vring the core cannot use, by what is wrong. */
static void imx_m7_hint_vdev(struct imx_m7_out *o, const struct imx_m7_diag *d,
			     const struct imx_m7_region *regions,
			     unsigned int n)
{
	const struct imx_m7_region *r = imx_m7_region_at(regions, n, d->region);

	switch (d->field) {
	case IMX_M7_F_VDEV_SECOND:
		imx_m7_put(o, "\nhint: keep one vdev and let the rpmsg endpoints share it: this driver has carve-outs and kicks for vdev 0 only");
		break;
	case IMX_M7_F_NUM_OF_VRINGS:
		imx_m7_put(o, "\nhint: an rpmsg vdev has 2 vrings, M7 to Linux and Linux to M7 (NUM_VRINGS 2 in NXP's rsc_table.c)");
		break;
	case IMX_M7_F_VDEV_SIZE:
		imx_m7_put(o, "\nhint: check num_of_vrings and config_len, and the offset[] that points at this entry");
		break;
	case IMX_M7_F_VRING_NUM:
		imx_m7_put(o, "\nhint: num is the ring's buffer count (RL_BUFFER_COUNT, 256 in NXP's demos); virtio needs a power of two");
		break;
	case IMX_M7_F_VRING_ALIGN:
		imx_m7_put(o, "\nhint: align is the ring's alignment (VRING_ALIGN, 0x1000 in NXP's rsc_table.c)");
		break;
	case IMX_M7_F_VRING_NOTIFYID:
		imx_m7_put(o, "\nhint: the core gives each vring its own notify id in vring order (0, 1), which rpmsg-lite uses as its queue ids; give vring 0 notifyid 0 and vring 1 notifyid 1");
		break;
	default:	/* IMX_M7_F_VRING_DA */
		if (r)
			imx_m7_put(o, "\nhint: the core takes this ring from the %s carve-out: set the vring's da to 0x%08llx (VDEV0_VRING_BASE in NXP's rsc_table.h) or move the carve-out",
				   r->name, (u64)r->da);
		else
			imx_m7_put(o, "\nhint: without that carve-out the core puts the ring wherever DMA memory is free and never at da; declare a no-map memory-region \"vdev0vring%d\" at 0x%08llx of 0x%llx bytes or more",
				   d->vring, d->start, d->expected);
		break;
	}
}

static void imx_m7_fmt_region_size(struct imx_m7_out *o,
				   const struct imx_m7_diag *d)
{
	switch (d->field) {
	case IMX_M7_F_REGION_EMPTY:
		imx_m7_put(o, " is empty");
		break;
	case IMX_M7_F_REGION_BIG:
		imx_m7_put(o, " is 0x%llx bytes, larger than the 0x%llx-byte hardware window",
			   d->value, d->expected);
		break;
	case IMX_M7_F_REGION_PAST:
		imx_m7_put(o, " runs 0x%llx bytes past the end of its hardware window, CPU 0x%08llx",
			   d->overflow, d->expected);
		break;
	case IMX_M7_F_REGION_DA:
		imx_m7_put(o, " at M7 0x%08llx runs 0x%llx bytes past the M7's 4 GiB",
			   d->value, d->overflow);
		break;
	default:	/* IMX_M7_F_REGION_WRAP */
		imx_m7_put(o, " wraps past the end of the address space");
		break;
	}
}

static void imx_m7_fmt_region_count(struct imx_m7_out *o,
				    const struct imx_m7_diag *d)
{
	switch (d->field) {
	case IMX_M7_F_COUNT_DECLS:
		imx_m7_put(o, "%llu memory declarations (reg and memory-region entries), more than the %llu this driver takes",
			   d->value, d->expected);
		break;
	case IMX_M7_F_COUNT_TABLE:
		imx_m7_put(o, "the planner was given %llu regions, more than the %llu it takes",
			   d->value, d->expected);
		break;
	default:	/* IMX_M7_F_COUNT_VIEWS */
		imx_m7_put(o, "region %s: the declarations up to it need %llu region entries, more than the %llu available (ocram, and a carve-out below 0x4ffe0000, take two: their second M7 view counts too)",
			   d->name, d->value, d->expected);
		break;
	}
}

static void imx_m7_fmt_region(struct imx_m7_out *o,
			      const struct imx_m7_diag *d)
{
	if (d->check == IMX_M7_E_REGION_COUNT) {
		imx_m7_fmt_region_count(o, d);
		return;
	}
	imx_m7_put(o, "region %s", d->name);
	switch (d->check) {
	case IMX_M7_E_REGION_NAME:
		imx_m7_put(o, ": not a known %s name (reg-names: itcm, dtcm, ocram; memory-region-names: ddr, ddr0..ddr7, vdev0vring0, vdev0vring1, vdev0buffer, rsc-table)",
			   d->value == IMX_M7_DECL_REG ? "reg-names" :
			   "memory-region-names");
		return;
	case IMX_M7_E_REGION_DUP:
		imx_m7_put(o, " is declared twice");
		return;
	case IMX_M7_E_REGION_MISSING:
		imx_m7_put(o, " is required (reg-names) but not declared");
		return;
	default:
		break;
	}
	imx_m7_put(o, " CPU [0x%08llx, 0x%08llx)", d->start, d->end);
	if (d->check == IMX_M7_E_REGION_SIZE)
		imx_m7_fmt_region_size(o, d);
	else if (d->check == IMX_M7_E_REGION_WINDOW)
		imx_m7_put(o, " is outside the M7's DDR window [0x%08llx, 0x%08llx)",
			   d->value, d->expected);
	else if (d->check == IMX_M7_E_REGION_NOMAP)
		imx_m7_put(o, ": its reserved-memory node lacks no-map");
	else
		imx_m7_put(o, " overlaps region %s CPU [0x%08llx, 0x%08llx)",
			   d->other, d->other_start, d->other_end);
}

/* The hint for a load range that does not fit, where a known cause fits. */
static void imx_m7_hint_load(struct imx_m7_out *o, const struct imx_m7_diag *d,
			     const struct imx_m7_region *r)
{
	if (d->overflow && d->paddr != d->vaddr)
		imx_m7_put(o, "\nhint: stored .data/.bss overflow %s: .data's initial values (and .bss, if a section with contents follows it) do not fit after the code; give .bss `(NOLOAD)` or `AT> m_data` in the linker script, or shrink .text/.data",
			   r->name);
	else if (d->overflow && (u64)d->paddr + d->filesz <= r->da + r->size)
		imx_m7_put(o, "\nhint: the zero-filled tail (p_memsz - p_filesz = 0x%x bytes: .bss, heap, stack) overflows %s; link .bss, heap and stack into a data region (`> m_data`) instead",
			   d->memsz - d->filesz, r->name);
	else if (d->overflow)
		imx_m7_put(o, "\nhint: %s holds 0x%llx bytes; make the firmware smaller or link this part into a larger region (ocram, a ddr carve-out)",
			   r->name, r->size);
	else if (!(r->flags & IMX_M7_REGION_LOAD) &&
		 d->start >= r->da && d->start - r->da < r->size)
		imx_m7_put(o, "\nhint: %s is shared rpmsg memory, never loaded into; link the firmware into itcm, dtcm, ocram or a ddr carve-out",
			   r->name);
	else
		imx_m7_put(o, "\nhint: give the M7 this memory in the device tree (reg for TCM/OCRAM, a no-map memory-region for DDR), or link the firmware for the regions declared");
}

/* The hint for a segment that does not fit, where a known cause fits. */
static void imx_m7_hint_range(struct imx_m7_out *o, const struct imx_m7_diag *d,
			      const struct imx_m7_region *regions,
			      unsigned int n)
{
	const struct imx_m7_region *r = imx_m7_region_at(regions, n, d->region);

	if (!r)
		imx_m7_put(o, "\nhint: declare the M7's memory in the device tree (reg/reg-names, memory-region)");
	else if (d->check == IMX_M7_E_LOAD_RANGE)
		imx_m7_hint_load(o, d, r);
	else if (d->overflow)
		imx_m7_put(o, "\nhint: p_memsz 0x%x (.data + .bss + heap + stack) exceeds what %s holds from p_vaddr on by 0x%llx bytes; shrink .bss, heap or stack, or link them into a larger region",
			   d->memsz, r->name, d->overflow);
	else
		imx_m7_put(o, "\nhint: p_vaddr is where this data lives while the firmware runs (its start-up code copies .data there and zeroes .bss); that memory must be declared for the M7 too");
}

static void imx_m7_hint(struct imx_m7_out *o, const struct imx_m7_diag *d,
			const struct imx_m7_region *regions, unsigned int n)
{
	switch (d->check) {
	case IMX_M7_E_TYPE:
		imx_m7_put(o, "\nhint: load a linked executable, not an object file (ET_REL) or a shared object (ET_DYN)");
		break;
	case IMX_M7_E_MACHINE:
		if (d->value == EM_AARCH64)
			imx_m7_put(o, "\nhint: EM_AARCH64 is Cortex-A code, not Cortex-M7 firmware");
		break;
	case IMX_M7_E_PHNUM:
		imx_m7_put(o, "\nhint: an object file? link it into an executable");
		break;
	case IMX_M7_E_SEG_FILE:
		imx_m7_put(o, "\nhint: the file is truncated (an interrupted copy?) or its program headers are corrupt");
		break;
	case IMX_M7_E_LOAD_RANGE:
	case IMX_M7_E_RUN_RANGE:
		imx_m7_hint_range(o, d, regions, n);
		break;
	case IMX_M7_E_OVERLAP:
		imx_m7_put(o, "\nhint: two program headers write the same memory, perhaps through two M7 views of it; check the MEMORY regions of the linker script");
		break;
	case IMX_M7_E_NO_VECTOR:
		if (d->field == IMX_M7_F_ITCM)
			imx_m7_put(o, "\nhint: declare itcm (reg/reg-names): the M7 always fetches its reset vector from M7 address 0");
		else if (d->paddr && d->field != IMX_M7_F_RESET_VECTOR)
			imx_m7_put(o, "\nhint: firmware linked outside ITCM must start its first loadable segment with the vector table (.isr_vector); this driver copies its initial SP and reset PC to M7 address 0, as U-Boot's bootaux does");
		break;
	case IMX_M7_E_RSC_LMA:
		imx_m7_put(o, "\nhint: the core writes the vdev's status, features and vring addresses into the table at its load address once the M7 runs; put .resource_table in a section stored and run at the same address, e.g. in m_text as NXP's SDK does");
		break;
	case IMX_M7_E_RSC_VDEV:
	case IMX_M7_E_RSC_VRING:
		imx_m7_hint_vdev(o, d, regions, n);
		break;
	case IMX_M7_E_REGION_NOMAP:
		imx_m7_put(o, "\nhint: add `no-map;` to the reserved-memory node: Linux must neither map nor use memory the M7 is loaded into");
		break;
	case IMX_M7_E_REGION_WINDOW:
		imx_m7_put(o, "\nhint: the M7 reaches DDR only at CPU [0x%08llx, 0x%08llx) (its M7 address is the same); move the carve-out there",
			   d->value, d->expected);
		break;
	default:
		break;
	}
}

/* The first line: what is wrong, in the words of its kind of check. */
static void imx_m7_fmt_check(struct imx_m7_out *o, const struct imx_m7_diag *d,
			     const struct imx_m7_region *regions,
			     unsigned int n)
{
	switch (d->check) {
	case IMX_M7_E_TRUNCATED:
	case IMX_M7_E_MAGIC:
	case IMX_M7_E_CLASS:
	case IMX_M7_E_DATA:
	case IMX_M7_E_VERSION:
	case IMX_M7_E_TYPE:
	case IMX_M7_E_MACHINE:
	case IMX_M7_E_PHENTSIZE:
	case IMX_M7_E_PHNUM:
	case IMX_M7_E_PHTABLE:
		imx_m7_fmt_header(o, d);
		break;
	case IMX_M7_E_SEG_FILE:
	case IMX_M7_E_SEG_FILESZ:
	case IMX_M7_E_SEG_WRAP:
	case IMX_M7_E_LOAD_RANGE:
	case IMX_M7_E_RUN_RANGE:
	case IMX_M7_E_OVERLAP:
		imx_m7_fmt_segment(o, d, regions, n);
		break;
	case IMX_M7_E_NO_LOAD:
		imx_m7_put(o, "no loadable segment: none of the %llu program headers is a PT_LOAD with p_memsz > 0",
			   d->value);
		break;
	case IMX_M7_E_NO_VECTOR:
		imx_m7_fmt_vector(o, d);
		break;
	case IMX_M7_E_NOMEM:
		imx_m7_put(o, "out of memory planning %llu segments", d->value);
		break;
	case IMX_M7_E_SHDR:
		imx_m7_fmt_shdr(o, d);
		break;
	case IMX_M7_E_RSC_TABLE:
		imx_m7_fmt_rsc(o, d);
		break;
	case IMX_M7_E_RSC_LMA:
		imx_m7_fmt_lma(o, d);
		break;
	case IMX_M7_E_RSC_VDEV:
	case IMX_M7_E_RSC_VRING:
		imx_m7_fmt_vdev(o, d, regions, n);
		break;
	case IMX_M7_E_REGION_NAME:
	case IMX_M7_E_REGION_SIZE:
	case IMX_M7_E_REGION_WINDOW:
	case IMX_M7_E_REGION_NOMAP:
	case IMX_M7_E_REGION_OVERLAP:
	case IMX_M7_E_REGION_DUP:
	case IMX_M7_E_REGION_MISSING:
	case IMX_M7_E_REGION_COUNT:
		imx_m7_fmt_region(o, d);
		break;
	default:
		imx_m7_put(o, "no error (check %d)", d->check);
		break;
	}
}

int imx_m7_diag_format(const struct imx_m7_diag *d,
		       const struct imx_m7_region *regions,
		       unsigned int n_regions, char *buf, size_t len)
{
	struct imx_m7_out o = { .buf = buf, .len = len };

	if (len)
		buf[0] = '\0';
	imx_m7_fmt_check(&o, d, regions, n_regions);
	if (d->seg >= 0)
		imx_m7_put(&o, "\nsegment %d: p_paddr 0x%08x p_vaddr 0x%08x p_filesz 0x%x p_memsz 0x%x",
			   d->seg, d->paddr, d->vaddr, d->filesz, d->memsz);
	imx_m7_hint(&o, d, regions, n_regions);
	return o.pos;
}
EXPORT_SYMBOL_IF_KUNIT(imx_m7_diag_format);

/* ---- Region table ------------------------------------------------------- */

static bool imx_m7_region_has(const struct imx_m7_region *r, u64 da, u64 len)
{
	return len && da >= r->da && da - r->da < r->size &&
	       len <= r->size - (da - r->da);
}

/* First region holding all of [da, da + len) with all of @flags, or -1. */
static int imx_m7_find(const struct imx_m7_region *regions, unsigned int n,
		       u64 da, u64 len, unsigned int flags)
{
	unsigned int i;

	for (i = 0; i < n && i < IMX_M7_MAX_REGIONS; i++)
		if ((regions[i].flags & flags) == flags &&
		    imx_m7_region_has(&regions[i], da, len))
			return i;
	return -1;
}

int imx_m7_region_find(const struct imx_m7_region *regions,
		       unsigned int n_regions, u64 da, u64 len)
{
	return imx_m7_find(regions, n_regions, da, len, 0);
}
EXPORT_SYMBOL_IF_KUNIT(imx_m7_region_find);

/* The region nearest to @da (the one holding it, if any), or -1. */
static int imx_m7_nearest(const struct imx_m7_region *regions,
			  unsigned int n, u64 da)
{
	u64 gap, best_gap = ~0ULL;
	unsigned int i;
	int best = -1;

	for (i = 0; i < n && i < IMX_M7_MAX_REGIONS; i++) {
		const struct imx_m7_region *r = &regions[i];

		if (da < r->da)
			gap = r->da - da;
		else if (da - r->da < r->size)
			gap = 0;
		else
			gap = da - r->da - r->size + 1;
		if (gap < best_gap) {
			best_gap = gap;
			best = i;
		}
	}
	return best;
}

static const struct imx_m7_window *
imx_m7_window(const struct imx_m7_soc *soc, const char *name, bool alias)
{
	unsigned int i;

	for (i = 0; i < soc->n_map; i++)
		if (!strcmp(soc->map[i].name, name) &&
		    !(soc->map[i].flags & IMX_M7_REGION_ALIAS) == !alias)
			return &soc->map[i];
	return NULL;
}

/* "ddr" or "ddr0" to "ddr7", as the binding says. */
static bool imx_m7_is_ddr_name(const char *name)
{
	if (strncmp(name, "ddr", 3))
		return false;
	return !name[3] || (name[3] >= '0' && name[3] <= '7' && !name[4]);
}

bool imx_m7_is_rpmsg_name(const char *name)
{
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(imx_m7_rpmsg_names); i++)
		if (!strcmp(name, imx_m7_rpmsg_names[i]))
			return true;
	return false;
}
EXPORT_SYMBOL_IF_KUNIT(imx_m7_is_rpmsg_name);

static int imx_m7_region_fail(struct imx_m7_diag *diag,
			      enum imx_m7_check check, enum imx_m7_field field,
			      u64 value, u64 expected)
{
	diag->field = field;
	diag->value = value;
	diag->expected = expected;
	return imx_m7_fail(diag, check, -EINVAL);
}

/*
 * The window a declaration names: TCM/OCRAM by reg-names, DDR by a
 * memory-region-names entry ("ddr", "ddr0".."ddr7", an rpmsg name). Sets
 * *@load when segments may be loaded into it. NULL if the name is unknown.
 */
static const struct imx_m7_window *
imx_m7_decl_window(const struct imx_m7_soc *soc, const struct imx_m7_decl *d,
		   bool *load)
{
	*load = true;
	if (d->kind == IMX_M7_DECL_REG)
		return strcmp(d->name, "ddr") ?
		       imx_m7_window(soc, d->name, false) : NULL;
	if (imx_m7_is_ddr_name(d->name))
		return imx_m7_window(soc, "ddr", false);
	*load = false;
	if (imx_m7_is_rpmsg_name(d->name))
		return imx_m7_window(soc, "ddr", false);
	return NULL;
}

/* Empty, wrapping, or larger than its window @w: a bad size, whatever pa. */
static int imx_m7_decl_size(const struct imx_m7_decl *d,
			    const struct imx_m7_window *w,
			    struct imx_m7_diag *diag)
{
	if (!d->size)
		return imx_m7_region_fail(diag, IMX_M7_E_REGION_SIZE,
					  IMX_M7_F_REGION_EMPTY, 0, w->size);
	if (d->pa > ~0ULL - d->size)
		return imx_m7_region_fail(diag, IMX_M7_E_REGION_SIZE,
					  IMX_M7_F_REGION_WRAP, d->size,
					  w->size);
	if (d->size > w->size)
		return imx_m7_region_fail(diag, IMX_M7_E_REGION_SIZE,
					  IMX_M7_F_REGION_BIG, d->size,
					  w->size);
	return 0;
}

/*
 * Where @d lies against its window @w. A declaration whose CPU address is
 * in the window on the real SoC must end inside it: a partial TCM or
 * OCRAM, or any carve-out. A "reg" anywhere else is an emulator's
 * stand-in. Returns 0 (with *@inside set) or an errno with @diag set.
 */
static int imx_m7_decl_place(const struct imx_m7_decl *d,
			     const struct imx_m7_window *w, bool *inside,
			     struct imx_m7_diag *diag)
{
	u64 off = d->pa - w->pa, end = w->pa + w->size;

	*inside = d->pa >= w->pa && off < w->size;
	if (d->kind != IMX_M7_DECL_REG && (!*inside || d->size > w->size - off))
		return imx_m7_region_fail(diag, IMX_M7_E_REGION_WINDOW,
					  IMX_M7_F_NONE, w->pa, end);
	if (*inside && d->size > w->size - off) {
		diag->overflow = d->pa + d->size - end;
		return imx_m7_region_fail(diag, IMX_M7_E_REGION_SIZE,
					  IMX_M7_F_REGION_PAST, d->size, end);
	}
	return 0;
}

/*
 * Check one declaration against the SoC's map and turn it into a region.
 * A "reg" at its real CPU address takes the M7 address of that part of
 * its window, a stand-in the window's start; carve-outs must lie in the
 * M7's DDR window, at da = pa. Returns the window used, or NULL with
 * @diag set.
 */
static const struct imx_m7_window *
imx_m7_decl_region(const struct imx_m7_soc *soc, const struct imx_m7_decl *d,
		   struct imx_m7_region *r, struct imx_m7_diag *diag)
{
	bool reg = d->kind == IMX_M7_DECL_REG, load, inside;
	const struct imx_m7_window *w = imx_m7_decl_window(soc, d, &load);

	if (!w) {
		imx_m7_region_fail(diag, IMX_M7_E_REGION_NAME, IMX_M7_F_NONE,
				   d->kind, 0);
		return NULL;
	}
	if (imx_m7_decl_size(d, w, diag) ||
	    imx_m7_decl_place(d, w, &inside, diag))
		return NULL;
	if (!reg && !d->no_map) {
		imx_m7_region_fail(diag, IMX_M7_E_REGION_NOMAP, IMX_M7_F_NONE,
				   0, 0);
		return NULL;
	}
	strscpy(r->name, d->name, sizeof(r->name));
	r->da = w->da + (inside ? d->pa - w->pa : 0);
	r->pa = d->pa;
	r->size = d->size;
	r->flags = reg ? w->flags : load ? IMX_M7_REGION_LOAD : 0;
	return w;
}

/*
 * The second M7 view of @r, if its window @w has one. A whole second view
 * (OCRAM's system bus) shows @r at the same offset as @w does; a partial
 * one (the DDR code-bus alias) only the part of @r inside it.
 */
static bool imx_m7_alias_region(const struct imx_m7_soc *soc,
				const struct imx_m7_window *w,
				const struct imx_m7_region *r,
				struct imx_m7_region *alias)
{
	const struct imx_m7_window *a = imx_m7_window(soc, w->name, true);
	u64 start, end;

	if (!a)
		return false;
	*alias = *r;
	alias->flags |= IMX_M7_REGION_ALIAS;
	if (w->pa == a->pa && w->size == a->size) {
		alias->da = a->da + (r->da - w->da);
		return true;
	}
	start = r->pa > a->pa ? r->pa : a->pa;
	end = r->pa + r->size;
	if (end > a->pa + a->size)
		end = a->pa + a->size;
	if (start >= end)
		return false;
	alias->pa = start;
	alias->size = end - start;
	alias->da = a->da + (start - a->pa);
	return true;
}

static void imx_m7_diag_decl(struct imx_m7_diag *diag,
			     const struct imx_m7_decl *d)
{
	imx_m7_diag_init(diag);
	strscpy(diag->name, d->name ? d->name : "(null)", sizeof(diag->name));
	diag->start = d->pa;
	diag->end = d->pa + d->size;
}

/* No two declarations may share CPU memory; aliases are views, skipped. */
static int imx_m7_regions_disjoint(const struct imx_m7_region *out,
				   unsigned int n, struct imx_m7_diag *diag)
{
	unsigned int i, j;

	for (i = 0; i < n; i++) {
		for (j = 0; j < i; j++) {
			const struct imx_m7_region *a = &out[j], *b = &out[i];

			if ((a->flags | b->flags) & IMX_M7_REGION_ALIAS)
				continue;
			if (a->pa >= b->pa + b->size || b->pa >= a->pa + a->size)
				continue;
			imx_m7_diag_init(diag);
			strscpy(diag->name, b->name, sizeof(diag->name));
			strscpy(diag->other, a->name, sizeof(diag->other));
			diag->start = b->pa;
			diag->end = b->pa + b->size;
			diag->other_start = a->pa;
			diag->other_end = a->pa + a->size;
			return imx_m7_fail(diag, IMX_M7_E_REGION_OVERLAP,
					   -EINVAL);
		}
	}
	return 0;
}

static int imx_m7_regions_required(const struct imx_m7_region *out,
				   unsigned int n, struct imx_m7_diag *diag)
{
	static const char * const required[] = { "itcm", "dtcm" };
	unsigned int i, j;

	for (i = 0; i < ARRAY_SIZE(required); i++) {
		for (j = 0; j < n; j++)
			if (!strcmp(out[j].name, required[i]))
				break;
		if (j == n) {
			imx_m7_diag_init(diag);
			strscpy(diag->name, required[i], sizeof(diag->name));
			return imx_m7_fail(diag, IMX_M7_E_REGION_MISSING,
					   -EINVAL);
		}
	}
	return 0;
}

/* Is @name already in the table? */
static bool imx_m7_regions_have(const struct imx_m7_region *out,
				unsigned int n, const char *name)
{
	unsigned int j;

	for (j = 0; j < n; j++)
		if (!strcmp(out[j].name, name))
			return true;
	return false;
}

/* Declaration @d into out[*n] (and its second view after it). */
static int imx_m7_regions_add(const struct imx_m7_soc *soc,
			      const struct imx_m7_decl *d,
			      struct imx_m7_region *out, unsigned int *n,
			      unsigned int max_out, struct imx_m7_diag *diag)
{
	const struct imx_m7_window *w;
	struct imx_m7_region r, alias;
	bool has_alias;

	imx_m7_diag_decl(diag, d);
	if (!d->name || strlen(d->name) >= IMX_M7_NAME_LEN)
		return imx_m7_region_fail(diag, IMX_M7_E_REGION_NAME,
					  IMX_M7_F_NONE, d->kind, 0);
	if (imx_m7_regions_have(out, *n, d->name))
		return imx_m7_fail(diag, IMX_M7_E_REGION_DUP, -EINVAL);
	w = imx_m7_decl_region(soc, d, &r, diag);
	if (!w)
		return diag->err;
	has_alias = imx_m7_alias_region(soc, w, &r, &alias);
	if (*n + 1 + has_alias > max_out)
		return imx_m7_region_fail(diag, IMX_M7_E_REGION_COUNT,
					  IMX_M7_F_COUNT_VIEWS,
					  *n + 1 + has_alias, max_out);
	out[(*n)++] = r;
	if (has_alias)
		out[(*n)++] = alias;
	return 0;
}

int imx_m7_regions_build(const struct imx_m7_soc *soc,
			 const struct imx_m7_decl *decl, unsigned int n_decl,
			 struct imx_m7_region *out, unsigned int max_out,
			 struct imx_m7_diag *diag)
{
	unsigned int i, n = 0;
	int ret;

	imx_m7_diag_init(diag);
	if (n_decl > IMX_M7_MAX_REGIONS)
		return imx_m7_region_fail(diag, IMX_M7_E_REGION_COUNT,
					  IMX_M7_F_COUNT_DECLS, n_decl,
					  IMX_M7_MAX_REGIONS);
	if (max_out > IMX_M7_MAX_REGIONS)
		max_out = IMX_M7_MAX_REGIONS;
	for (i = 0; i < n_decl; i++) {
		ret = imx_m7_regions_add(soc, &decl[i], out, &n, max_out, diag);
		if (ret)
			return ret;
	}
	ret = imx_m7_regions_disjoint(out, n, diag);
	if (!ret)
		ret = imx_m7_regions_required(out, n, diag);
	if (ret)
		return ret;
	imx_m7_diag_init(diag);
	return n;
}
EXPORT_SYMBOL_IF_KUNIT(imx_m7_regions_build);

/* ---- The planner -------------------------------------------------------- */

/* A range written by the plan, in CPU address space, for the overlap check. */
struct imx_m7_span {
	u64 pa, pa_end;
	u32 da, len;
	int seg;		/* -1: the synthesised reset vector */
	int region;		/* the region it is written into */
};

struct imx_m7_planner {
	const u8 *fw;
	size_t size;
	Elf32_Ehdr eh;
	const struct imx_m7_region *regions;
	unsigned int n_regions;
	struct imx_m7_op *ops;
	unsigned int n_ops;
	struct imx_m7_span *spans;
	unsigned int n_spans;
	int vec_seg;		/* first segment writing below M7 address 8 */
	struct imx_m7_diag *diag;
};

static void imx_m7_phdr(const struct imx_m7_planner *p, unsigned int i,
			Elf32_Phdr *ph)
{
	memcpy(ph, p->fw + p->eh.e_phoff + (size_t)i * sizeof(*ph),
	       sizeof(*ph));
}

/* Bytes written at p_paddr: the tail is zeroed there only if LMA == VMA. */
static u32 imx_m7_load_len(const Elf32_Phdr *ph)
{
	return ph->p_paddr == ph->p_vaddr ? ph->p_memsz : ph->p_filesz;
}

static bool imx_m7_is_load(const Elf32_Phdr *ph)
{
	return ph->p_type == PT_LOAD && ph->p_memsz;
}

static int imx_m7_check_ehdr(struct imx_m7_planner *p)
{
	const Elf32_Ehdr *eh = &p->eh;
	struct imx_m7_diag *d = p->diag;
	u64 end;

	if (p->size < sizeof(*eh))
		return imx_m7_fail_field(d, IMX_M7_E_TRUNCATED,
					 IMX_M7_F_FILE_SIZE, p->size,
					 sizeof(*eh));
	memcpy(&p->eh, p->fw, sizeof(p->eh));
	if (memcmp(eh->e_ident, ELFMAG, SELFMAG))
		return imx_m7_fail_field(d, IMX_M7_E_MAGIC, IMX_M7_F_EI_MAG,
					 eh->e_ident[0] | eh->e_ident[1] << 8 |
					 eh->e_ident[2] << 16 |
					 (u32)eh->e_ident[3] << 24, 0x464c457f);
	if (eh->e_ident[EI_CLASS] != ELFCLASS32)
		return imx_m7_fail_field(d, IMX_M7_E_CLASS,
					 IMX_M7_F_EI_CLASS,
					 eh->e_ident[EI_CLASS], ELFCLASS32);
	if (eh->e_ident[EI_DATA] != ELFDATA2LSB)
		return imx_m7_fail_field(d, IMX_M7_E_DATA, IMX_M7_F_EI_DATA,
					 eh->e_ident[EI_DATA], ELFDATA2LSB);
	if (eh->e_ident[EI_VERSION] != EV_CURRENT)
		return imx_m7_fail_field(d, IMX_M7_E_VERSION,
					 IMX_M7_F_EI_VERSION,
					 eh->e_ident[EI_VERSION], EV_CURRENT);
	if (eh->e_version != EV_CURRENT)
		return imx_m7_fail_field(d, IMX_M7_E_VERSION,
					 IMX_M7_F_E_VERSION,
					 eh->e_version, EV_CURRENT);
	if (eh->e_type != ET_EXEC)
		return imx_m7_fail_field(d, IMX_M7_E_TYPE, IMX_M7_F_E_TYPE,
					 eh->e_type, ET_EXEC);
	if (eh->e_machine != EM_ARM)
		return imx_m7_fail_field(d, IMX_M7_E_MACHINE,
					 IMX_M7_F_E_MACHINE,
					 eh->e_machine, EM_ARM);
	if (eh->e_phentsize != sizeof(Elf32_Phdr))
		return imx_m7_fail_field(d, IMX_M7_E_PHENTSIZE,
					 IMX_M7_F_E_PHENTSIZE,
					 eh->e_phentsize, sizeof(Elf32_Phdr));
	if (!eh->e_phnum)
		return imx_m7_fail_field(d, IMX_M7_E_PHNUM,
					 IMX_M7_F_E_PHNUM, 0, 1);
	/* e_phnum < 65536, so this cannot wrap in 64 bits. */
	end = (u64)eh->e_phoff + (u64)eh->e_phnum * sizeof(Elf32_Phdr);
	if (eh->e_phoff < sizeof(*eh) || end > p->size) {
		d->start = eh->e_phoff;
		d->end = end;
		return imx_m7_fail_field(d, IMX_M7_E_PHTABLE,
					 IMX_M7_F_E_PHOFF,
					 eh->e_phoff, p->size);
	}
	return 0;
}

/* A PT_LOAD's range [start, end) runs past 4 GiB. */
static int imx_m7_wrap_fail(struct imx_m7_diag *d, enum imx_m7_field field,
			    u32 start, u64 end)
{
	d->field = field;
	d->start = start;
	d->end = end;
	d->overflow = end - IMX_M7_4G;
	return imx_m7_fail(d, IMX_M7_E_SEG_WRAP, -ERANGE);
}

/*
 * One program header: its file range inside the file; for a PT_LOAD with
 * bytes, p_filesz <= p_memsz and no range past 4 GiB. Fills @d (fields of
 * this header only) when it fails.
 */
static int imx_m7_check_phdr(const struct imx_m7_planner *p, int i,
			     const Elf32_Phdr *ph, struct imx_m7_diag *d)
{
	u64 file_end = (u64)ph->p_offset + ph->p_filesz;
	u64 load_end = (u64)ph->p_paddr + imx_m7_load_len(ph);
	u64 run_end = (u64)ph->p_vaddr + ph->p_memsz;

	if (file_end > p->size) {
		imx_m7_diag_seg(d, i, ph);
		d->start = ph->p_offset;
		d->end = file_end;
		return imx_m7_fail_field(d, IMX_M7_E_SEG_FILE,
					 IMX_M7_F_P_OFFSET, file_end, p->size);
	}
	if (!imx_m7_is_load(ph))
		return 0;
	imx_m7_diag_seg(d, i, ph);
	if (ph->p_filesz > ph->p_memsz)
		return imx_m7_fail_field(d, IMX_M7_E_SEG_FILESZ,
					 IMX_M7_F_P_FILESZ, ph->p_filesz,
					 ph->p_memsz);
	if (load_end > IMX_M7_4G)
		return imx_m7_wrap_fail(d, IMX_M7_F_P_PADDR, ph->p_paddr,
					load_end);
	if (run_end > IMX_M7_4G)
		return imx_m7_wrap_fail(d, IMX_M7_F_P_VADDR, ph->p_vaddr,
					run_end);
	imx_m7_diag_init(d);
	return 0;
}

/* Every program header well-formed; counts the PT_LOADs with bytes. */
static int imx_m7_check_phdrs(struct imx_m7_planner *p, unsigned int *n_load)
{
	unsigned int i;
	Elf32_Phdr ph;
	int ret;

	*n_load = 0;
	for (i = 0; i < p->eh.e_phnum; i++) {
		imx_m7_phdr(p, i, &ph);
		ret = imx_m7_check_phdr(p, i, &ph, p->diag);
		if (ret)
			return ret;
		*n_load += imx_m7_is_load(&ph);
	}
	return 0;
}

/*
 * [start, start + len) of segment @seg fits no region: say why. The
 * region named is the one nearest to @start; an overflow is reported only
 * when the range starts inside a region it could use (a load range only
 * in a load region: rpmsg memory is no target, whatever its size).
 */
static int imx_m7_range_fail(struct imx_m7_planner *p,
			     enum imx_m7_check check, int seg,
			     const Elf32_Phdr *ph, u32 start, u32 len)
{
	const struct imx_m7_region *r;
	struct imx_m7_diag *d = p->diag;
	u64 end = (u64)start + len;
	int i;

	imx_m7_diag_seg(d, seg, ph);
	d->start = start;
	d->end = end;
	i = imx_m7_nearest(p->regions, p->n_regions, start);
	d->region = i;
	r = i >= 0 ? &p->regions[i] : NULL;
	if (r && imx_m7_region_has(r, start, 1) &&
	    (check == IMX_M7_E_RUN_RANGE || (r->flags & IMX_M7_REGION_LOAD)) &&
	    end > r->da + r->size)
		d->overflow = end - (r->da + r->size);
	return imx_m7_fail(d, check, -ERANGE);
}

static void imx_m7_add_op(struct imx_m7_planner *p, enum imx_m7_op_kind kind,
			  int seg, int r, u32 da, u32 len, u32 src)
{
	struct imx_m7_op *op = &p->ops[p->n_ops++];

	op->kind = kind;
	op->seg = seg;
	op->region = r;
	op->da = da;
	op->offset = da - p->regions[r].da;
	op->len = len;
	op->src = src;
}

static void imx_m7_add_span(struct imx_m7_planner *p, int seg, int r,
			    u32 da, u32 len)
{
	struct imx_m7_span *s = &p->spans[p->n_spans++];

	s->pa = p->regions[r].pa + (da - p->regions[r].da);
	s->pa_end = s->pa + len;
	s->da = da;
	s->len = len;
	s->seg = seg;
	s->region = r;
}

/* Place one PT_LOAD: its written range, then where it runs. */
static int imx_m7_place(struct imx_m7_planner *p, int seg,
			const Elf32_Phdr *ph)
{
	u32 len = imx_m7_load_len(ph);
	int r;

	if (len) {
		r = imx_m7_find(p->regions, p->n_regions, ph->p_paddr, len,
				IMX_M7_REGION_LOAD);
		if (r < 0)
			return imx_m7_range_fail(p, IMX_M7_E_LOAD_RANGE, seg,
						 ph, ph->p_paddr, len);
		if (ph->p_filesz)
			imx_m7_add_op(p, IMX_M7_OP_COPY, seg, r, ph->p_paddr,
				      ph->p_filesz, ph->p_offset);
		if (len > ph->p_filesz)
			imx_m7_add_op(p, IMX_M7_OP_ZERO, seg, r,
				      ph->p_paddr + ph->p_filesz,
				      len - ph->p_filesz, 0);
		imx_m7_add_span(p, seg, r, ph->p_paddr, len);
		if (p->vec_seg < 0 && ph->p_paddr < IMX_M7_VECTOR_LEN)
			p->vec_seg = seg;
	}
	if (ph->p_paddr != ph->p_vaddr &&
	    imx_m7_find(p->regions, p->n_regions, ph->p_vaddr, ph->p_memsz,
			0) < 0)
		return imx_m7_range_fail(p, IMX_M7_E_RUN_RANGE, seg, ph,
					 ph->p_vaddr, ph->p_memsz);
	return 0;
}

static int imx_m7_vector_fail(struct imx_m7_planner *p, int seg,
			      enum imx_m7_field field, u64 value, u64 expected)
{
	struct imx_m7_diag *d = p->diag;
	Elf32_Phdr ph;

	imx_m7_diag_init(d);
	if (seg >= 0) {
		imx_m7_phdr(p, seg, &ph);
		imx_m7_diag_seg(d, seg, &ph);
		d->start = ph.p_paddr;
		d->end = (u64)ph.p_paddr + imx_m7_load_len(&ph);
	}
	d->field = field;
	d->value = value;
	d->expected = expected;
	return imx_m7_fail(d, IMX_M7_E_NO_VECTOR, -EINVAL);
}

/* Is @pc stored by an executable PT_LOAD, where it is at reset? */
static bool imx_m7_pc_ok(const struct imx_m7_planner *p, u32 pc)
{
	unsigned int i;
	Elf32_Phdr ph;

	for (i = 0; i < p->eh.e_phnum; i++) {
		imx_m7_phdr(p, i, &ph);
		if (imx_m7_is_load(&ph) && (ph.p_flags & PF_X) &&
		    pc >= ph.p_paddr && pc - ph.p_paddr < ph.p_filesz)
			return true;
	}
	return false;
}

/* Would the M7 start with this initial SP and reset PC? */
static int imx_m7_vector_check(struct imx_m7_planner *p, int seg,
			       const u32 *vec)
{
	u32 sp = vec[0], pc = vec[1];

	if (!(pc & 1))
		return imx_m7_vector_fail(p, seg, IMX_M7_F_PC_THUMB, pc,
					  pc | 1);
	if (!imx_m7_pc_ok(p, pc & ~1U))
		return imx_m7_vector_fail(p, seg, IMX_M7_F_PC_EXEC, pc, 0);
	if ((sp & 3) || sp < 4 ||
	    imx_m7_find(p->regions, p->n_regions, sp - 4, 4, 0) < 0)
		return imx_m7_vector_fail(p, seg, IMX_M7_F_INITIAL_SP, sp, 0);
	return 0;
}

/* The first PT_LOAD that stores bytes, or -1. */
static int imx_m7_first_stored(const struct imx_m7_planner *p,
			       Elf32_Phdr *ph)
{
	unsigned int i;

	for (i = 0; i < p->eh.e_phnum; i++) {
		imx_m7_phdr(p, i, ph);
		if (imx_m7_is_load(ph) && ph->p_filesz)
			return i;
	}
	return -1;
}

/*
 * The M7 fetches its initial SP and reset PC from M7 address 0 (ITCM).
 * Either a segment stores those 8 bytes itself, or (an image linked
 * elsewhere, e.g. DDR) they are taken from the start of the first PT_LOAD
 * that stores bytes (its vector table, as U-Boot's bootaux does) and
 * written to ITCM. Both are checked; see docs/planner.md.
 */
static int imx_m7_vector(struct imx_m7_planner *p)
{
	Elf32_Phdr ph;
	u32 vec[2];
	int ret, r, i;

	if (p->vec_seg >= 0) {
		imx_m7_phdr(p, p->vec_seg, &ph);
		if (ph.p_paddr || ph.p_filesz < IMX_M7_VECTOR_LEN)
			return imx_m7_vector_fail(p, p->vec_seg,
						  IMX_M7_F_RESET_VECTOR,
						  ph.p_paddr, 0);
		memcpy(vec, p->fw + ph.p_offset, sizeof(vec));
		return imx_m7_vector_check(p, p->vec_seg, vec);
	}
	r = imx_m7_find(p->regions, p->n_regions, 0, IMX_M7_VECTOR_LEN,
			IMX_M7_REGION_LOAD);
	if (r < 0)
		return imx_m7_vector_fail(p, -1, IMX_M7_F_ITCM, 0, 0);
	i = imx_m7_first_stored(p, &ph);
	if (i < 0)
		return imx_m7_vector_fail(p, -1, IMX_M7_F_VECTOR_TABLE, 0, 0);
	if (ph.p_filesz < IMX_M7_VECTOR_LEN)
		return imx_m7_vector_fail(p, i, IMX_M7_F_VECTOR_TABLE,
					  ph.p_filesz, IMX_M7_VECTOR_LEN);
	memcpy(vec, p->fw + ph.p_offset, sizeof(vec));
	ret = imx_m7_vector_check(p, i, vec);
	if (ret)
		return ret;
	if (vec[1] != p->eh.e_entry)
		return imx_m7_vector_fail(p, i, IMX_M7_F_E_ENTRY,
					  p->eh.e_entry, vec[1]);
	imx_m7_add_op(p, IMX_M7_OP_VECTOR, -1, r, 0, IMX_M7_VECTOR_LEN, 0);
	p->ops[p->n_ops - 1].vector[0] = vec[0];
	p->ops[p->n_ops - 1].vector[1] = vec[1];
	imx_m7_add_span(p, -1, r, 0, IMX_M7_VECTOR_LEN);
	return 0;
}

static int imx_m7_span_cmp(const void *a, const void *b)
{
	const struct imx_m7_span *x = a, *y = b;

	if (x->pa != y->pa)
		return x->pa < y->pa ? -1 : 1;
	return x->seg - y->seg;
}

/* Sort the written ranges by CPU address; neighbours must not overlap. */
static int imx_m7_overlap(struct imx_m7_planner *p)
{
	struct imx_m7_span *s = p->spans, *hi, *a, *b;
	struct imx_m7_diag *d = p->diag;
	unsigned int i;
	Elf32_Phdr ph;

	sort(s, p->n_spans, sizeof(*s), imx_m7_span_cmp, NULL);
	for (i = 1, hi = &s[0]; i < p->n_spans; i++) {
		if (s[i].pa < hi->pa_end)
			break;
		if (s[i].pa_end > hi->pa_end)
			hi = &s[i];
	}
	if (i >= p->n_spans)
		return 0;
	/* Report the later segment in file order; the vector counts first. */
	a = hi->seg > s[i].seg ? hi : &s[i];
	b = a == hi ? &s[i] : hi;
	imx_m7_diag_init(d);
	imx_m7_phdr(p, a->seg, &ph);
	imx_m7_diag_seg(d, a->seg, &ph);
	d->start = a->da;
	d->end = (u64)a->da + a->len;
	d->region = a->region;
	d->other_seg = b->seg;
	d->other_start = b->da;
	d->other_end = (u64)b->da + b->len;
	d->other_region = b->region;
	d->value = s[i].pa;
	return imx_m7_fail(d, IMX_M7_E_OVERLAP, -EINVAL);
}

/* ---- The resource table ------------------------------------------------- */

#define IMX_M7_RSC_HDR_LEN	16	/* ver, num, reserved[2] */

static int imx_m7_shdr_fail(struct imx_m7_diag *d, enum imx_m7_check check,
			    int section, enum imx_m7_field field, u64 value,
			    u64 expected)
{
	d->section = section;
	d->field = field;
	d->value = value;
	d->expected = expected;
	return imx_m7_fail(d, check,
			   check == IMX_M7_E_SHDR ? -ENOEXEC : -EINVAL);
}

/* A section's bytes [start, end) in the file, for the diagnostic. */
static void imx_m7_diag_range(struct imx_m7_diag *d, u64 start, u64 end)
{
	d->start = start;
	d->end = end;
}

static void imx_m7_shdr(const u8 *fw, const Elf32_Ehdr *eh, unsigned int i,
			Elf32_Shdr *sh)
{
	memcpy(sh, fw + eh->e_shoff + (size_t)i * sizeof(*sh), sizeof(*sh));
}

/*
 * The section header table and the section-name string table, checked as
 * kernel/module/main.c checks a module's: entry size, table inside the
 * file, e_shstrndx a real section, the names a NUL-terminated SHT_STRTAB
 * inside the file. Returns the name table's header in @names.
 */
static int imx_m7_check_shtable(const u8 *fw, size_t size,
				const Elf32_Ehdr *eh, Elf32_Shdr *names,
				struct imx_m7_diag *d)
{
	u64 end = (u64)eh->e_shoff + (u64)eh->e_shnum * sizeof(Elf32_Shdr);
	unsigned int i = eh->e_shstrndx;

	if (eh->e_shentsize != sizeof(Elf32_Shdr))
		return imx_m7_shdr_fail(d, IMX_M7_E_SHDR, -1,
					IMX_M7_F_E_SHENTSIZE, eh->e_shentsize,
					sizeof(Elf32_Shdr));
	if (eh->e_shoff < sizeof(*eh) || end > size) {
		imx_m7_diag_range(d, eh->e_shoff, end);
		return imx_m7_shdr_fail(d, IMX_M7_E_SHDR, -1, IMX_M7_F_E_SHOFF,
					eh->e_shoff, size);
	}
	if (i == SHN_UNDEF || i >= eh->e_shnum)
		return imx_m7_shdr_fail(d, IMX_M7_E_SHDR, -1,
					IMX_M7_F_E_SHSTRNDX, i, eh->e_shnum);
	imx_m7_shdr(fw, eh, i, names);
	if (names->sh_type != SHT_STRTAB)
		return imx_m7_shdr_fail(d, IMX_M7_E_SHDR, i, IMX_M7_F_SH_TYPE,
					names->sh_type, SHT_STRTAB);
	end = (u64)names->sh_offset + names->sh_size;
	if (end > size) {
		imx_m7_diag_range(d, names->sh_offset, end);
		return imx_m7_shdr_fail(d, IMX_M7_E_SHDR, i,
					IMX_M7_F_SH_OFFSET, end, size);
	}
	if (!names->sh_size || fw[end - 1]) {
		imx_m7_diag_range(d, names->sh_offset, end);
		return imx_m7_shdr_fail(d, IMX_M7_E_SHDR, i, IMX_M7_F_NUL,
					names->sh_size, 0);
	}
	return 0;
}

/* Every section: its name inside the name table, its bytes inside the file. */
static int imx_m7_check_sections(const u8 *fw, size_t size,
				 const Elf32_Ehdr *eh, const Elf32_Shdr *names,
				 struct imx_m7_diag *d)
{
	unsigned int i;
	Elf32_Shdr sh;
	u64 end;

	for (i = 0; i < eh->e_shnum; i++) {
		imx_m7_shdr(fw, eh, i, &sh);
		if (sh.sh_name >= names->sh_size)
			return imx_m7_shdr_fail(d, IMX_M7_E_SHDR, i,
						IMX_M7_F_SH_NAME, sh.sh_name,
						names->sh_size);
		end = (u64)sh.sh_offset + sh.sh_size;
		if (sh.sh_type != SHT_NOBITS && end > size) {
			imx_m7_diag_range(d, sh.sh_offset, end);
			return imx_m7_shdr_fail(d, IMX_M7_E_SHDR, i,
						IMX_M7_F_SH_OFFSET, end, size);
		}
	}
	return 0;
}

/* A malformed table header or offset array: field @field holds @value. */
static int imx_m7_rsc_hdr_fail(struct imx_m7_diag *d, enum imx_m7_field field,
			       u64 value, u64 expected)
{
	d->field = field;
	d->value = value;
	d->expected = expected;
	return imx_m7_fail(d, IMX_M7_E_RSC_TABLE, -EINVAL);
}

/* The table's header and offsets: struct resource_table (ver 1). */
static int imx_m7_check_rsc_hdr(const u8 *t, u32 len, struct imx_m7_diag *d)
{
	u32 hdr[4], off;
	unsigned int k;
	u64 need;

	if (len < IMX_M7_RSC_HDR_LEN)
		return imx_m7_rsc_hdr_fail(d, IMX_M7_F_SH_SIZE, len,
					   IMX_M7_RSC_HDR_LEN);
	memcpy(hdr, t, sizeof(hdr));
	if (hdr[0] != 1)
		return imx_m7_rsc_hdr_fail(d, IMX_M7_F_RSC_VER, hdr[0], 1);
	if (hdr[2] || hdr[3])
		return imx_m7_rsc_hdr_fail(d, IMX_M7_F_RSC_RESERVED,
					   hdr[2] ? hdr[2] : hdr[3], 0);
	need = IMX_M7_RSC_HDR_LEN + (u64)hdr[1] * sizeof(u32);
	if (need > len) {
		d->end = len;
		return imx_m7_rsc_hdr_fail(d, IMX_M7_F_RSC_NUM, hdr[1], need);
	}
	for (k = 0; k < hdr[1]; k++) {
		memcpy(&off, t + IMX_M7_RSC_HDR_LEN + k * sizeof(u32),
		       sizeof(off));
		/* Each entry starts with its u32 type inside the table. */
		if (off < need || (u64)off + sizeof(u32) > len) {
			d->index = k;
			return imx_m7_rsc_hdr_fail(d, IMX_M7_F_RSC_OFFSET, off,
						   len);
		}
	}
	return 0;
}

/*
 * The vdev entry layout (include/linux/remoteproc.h): struct fw_rsc_hdr
 * (u32 type), struct fw_rsc_vdev (id, notifyid, dfeatures, gfeatures,
 * config_len, u8 status, u8 num_of_vrings, u8 reserved[2]), then
 * num_of_vrings struct fw_rsc_vdev_vring (da, align, num, notifyid,
 * reserved), then config_len bytes of virtio config space.
 */
#define IMX_M7_RSC_VDEV		3	/* RSC_VDEV */
#define IMX_M7_VIRTIO_ID_RPMSG	7	/* VIRTIO_ID_RPMSG */
#define IMX_M7_VDEV_LEN		28	/* type + struct fw_rsc_vdev */
#define IMX_M7_VRING_LEN	20	/* struct fw_rsc_vdev_vring */

/* The carve-out the core takes vring @i of vdev 0 from (by name). */
static const char * const imx_m7_vring_names[IMX_M7_MAX_VRINGS] = {
	"vdev0vring0", "vdev0vring1",
};

static int imx_m7_vdev_fail(struct imx_m7_diag *d, enum imx_m7_check check,
			    enum imx_m7_field field, int vring, u64 value,
			    u64 expected)
{
	d->field = field;
	d->vring = vring;
	d->value = value;
	d->expected = expected;
	return imx_m7_fail(d, check, -EINVAL);
}

static bool imx_m7_pow2(u32 x)
{
	return x && !(x & (x - 1));
}

/* Bytes of a split virtqueue of @num entries (vring_size(), virtio_ring.h). */
static u64 imx_m7_vring_size(u32 num, u32 align)
{
	u64 avail = 16ULL * num + 2ULL * (3 + (u64)num);

	return ((avail + align - 1) & ~((u64)align - 1)) + 2 * 3 + 8ULL * num;
}

/* Region @name, not a second view, or -1. */
static int imx_m7_region_named(const struct imx_m7_region *regions,
			       unsigned int n, const char *name)
{
	unsigned int i;

	for (i = 0; i < n && i < IMX_M7_MAX_REGIONS; i++)
		if (!(regions[i].flags & IMX_M7_REGION_ALIAS) &&
		    !strcmp(regions[i].name, name))
			return i;
	return -1;
}

/*
 * The core takes vring @i from the carve-out named vdev0vring<i> and
 * insists that da lies in it; without that carve-out it allocates the
 * ring wherever DMA memory is free and never uses da. A fixed da must
 * therefore lie, with the whole ring, inside that carve-out.
 */
static int imx_m7_vring_da(const struct imx_m7_vring *vr, int i,
			   const struct imx_m7_region *regions,
			   unsigned int n, struct imx_m7_diag *d)
{
	u64 size = imx_m7_vring_size(vr->num, vr->align);
	int r;

	if (vr->da == IMX_M7_RSC_ANY)
		return 0;
	r = imx_m7_region_named(regions, n, imx_m7_vring_names[i]);
	if (r >= 0 && imx_m7_region_has(&regions[r], vr->da, size))
		return 0;
	d->region = r;
	d->start = vr->da;
	d->end = vr->da + size;
	return imx_m7_vdev_fail(d, IMX_M7_E_RSC_VRING, IMX_M7_F_VRING_DA, i,
				vr->da, size);
}

/* Vring @i of the vdev: a ring virtio can use, its own notify id. */
static int imx_m7_vring(struct imx_m7_rsc *rsc, int i,
			const struct imx_m7_region *regions, unsigned int n,
			struct imx_m7_diag *d)
{
	const struct imx_m7_vring *vr = &rsc->vring[i];
	int j;

	if (!imx_m7_pow2(vr->num))
		return imx_m7_vdev_fail(d, IMX_M7_E_RSC_VRING,
					IMX_M7_F_VRING_NUM, i, vr->num, 0);
	if (!imx_m7_pow2(vr->align))
		return imx_m7_vdev_fail(d, IMX_M7_E_RSC_VRING,
					IMX_M7_F_VRING_ALIGN, i, vr->align, 0);
	for (j = 0; j < i && vr->notifyid != IMX_M7_RSC_ANY; j++) {
		if (rsc->vring[j].notifyid != vr->notifyid)
			continue;
		d->other_vring = j;
		return imx_m7_vdev_fail(d, IMX_M7_E_RSC_VRING,
					IMX_M7_F_VRING_NOTIFYID, i,
					vr->notifyid, j);
	}
	return regions ? imx_m7_vring_da(vr, i, regions, n, d) : 0;
}

/* The vdev at entry @k, offset @off of the @len-byte table @t. */
static int imx_m7_rsc_vdev(const u8 *t, u32 len, int k, u32 off,
			   const struct imx_m7_region *regions, unsigned int n,
			   struct imx_m7_rsc *rsc, struct imx_m7_diag *d)
{
	u32 v[6] = { };	/* type, id, notifyid, dfeatures, gfeatures, config_len */
	unsigned int i, nvr = 0;
	u64 size = IMX_M7_VDEV_LEN;
	int ret;

	d->index = k;
	d->entry_off = off;
	if (rsc->vdev >= 0)
		return imx_m7_vdev_fail(d, IMX_M7_E_RSC_VDEV,
					IMX_M7_F_VDEV_SECOND, -1,
					IMX_M7_RSC_VDEV, rsc->vdev);
	if (off + size <= len) {
		nvr = t[off + 25];
		memcpy(v, t + off, sizeof(v));
		if (nvr > IMX_M7_MAX_VRINGS ||
		    (v[1] == IMX_M7_VIRTIO_ID_RPMSG && nvr != IMX_M7_MAX_VRINGS))
			return imx_m7_vdev_fail(d, IMX_M7_E_RSC_VDEV,
						IMX_M7_F_NUM_OF_VRINGS, -1,
						nvr, IMX_M7_MAX_VRINGS);
		size += (u64)nvr * IMX_M7_VRING_LEN + v[5];
	}
	if (off + size > len) {
		d->start = off;
		d->end = off + size;
		return imx_m7_vdev_fail(d, IMX_M7_E_RSC_VDEV,
					IMX_M7_F_VDEV_SIZE, -1, size, len);
	}
	rsc->vdev = k;
	rsc->vdev_off = off;
	rsc->id = v[1];
	rsc->dfeatures = v[3];
	rsc->config_len = v[5];
	rsc->n_vrings = nvr;
	for (i = 0; i < nvr; i++) {
		memcpy(&rsc->vring[i], t + off + IMX_M7_VDEV_LEN +
		       i * IMX_M7_VRING_LEN, sizeof(rsc->vring[i]));
		ret = imx_m7_vring(rsc, i, regions, n, d);
		if (ret)
			return ret;
	}
	d->index = -1;
	d->entry_off = 0;
	return 0;
}

int imx_m7_rsc_parse(const u8 *table, u32 len,
		     const struct imx_m7_region *regions,
		     unsigned int n_regions, struct imx_m7_rsc *rsc,
		     struct imx_m7_diag *diag)
{
	unsigned int k;
	u32 off, type;
	int ret;

	memset(rsc, 0, sizeof(*rsc));
	rsc->vdev = -1;
	imx_m7_diag_init(diag);
	ret = imx_m7_check_rsc_hdr(table, len, diag);
	if (ret)
		return ret;
	memcpy(&rsc->num, table + sizeof(u32), sizeof(u32));
	for (k = 0; k < rsc->num; k++) {
		memcpy(&off, table + IMX_M7_RSC_HDR_LEN + k * sizeof(u32),
		       sizeof(off));
		memcpy(&type, table + off, sizeof(type));
		if (type != IMX_M7_RSC_VDEV)
			continue;
		ret = imx_m7_rsc_vdev(table, len, k, off, regions, n_regions,
				      rsc, diag);
		if (ret) {
			memset(rsc, 0, sizeof(*rsc));
			rsc->vdev = -1;
			return ret;
		}
	}
	return 0;
}
EXPORT_SYMBOL_IF_KUNIT(imx_m7_rsc_parse);

/* The section itself: in memory, with contents, at least a header. */
static int imx_m7_check_rsc(const u8 *fw, const Elf32_Shdr *sh, int i,
			    const struct imx_m7_region *regions,
			    unsigned int n, struct imx_m7_diag *d)
{
	struct imx_m7_rsc rsc;
	int ret;

	imx_m7_diag_range(d, sh->sh_offset, (u64)sh->sh_offset + sh->sh_size);
	if (!(sh->sh_flags & SHF_ALLOC))
		return imx_m7_shdr_fail(d, IMX_M7_E_RSC_TABLE, i,
					IMX_M7_F_SH_FLAGS, sh->sh_flags,
					SHF_ALLOC);
	if (sh->sh_type == SHT_NOBITS)
		return imx_m7_shdr_fail(d, IMX_M7_E_RSC_TABLE, i,
					IMX_M7_F_SH_TYPE, sh->sh_type,
					SHT_PROGBITS);
	ret = imx_m7_rsc_parse(fw + sh->sh_offset, sh->sh_size, regions, n,
			       &rsc, d);
	if (ret) {
		d->section = i;
		if (d->check == IMX_M7_E_RSC_TABLE)
			imx_m7_diag_range(d, sh->sh_offset,
					  (u64)sh->sh_offset + sh->sh_size);
	}
	return ret;
}

/*
 * The M7 address the table is loaded at: the load address (p_paddr side)
 * of the first PT_LOAD whose stored bytes hold all of it. That must also
 * be where the firmware reads it (p_paddr == p_vaddr): the core writes
 * the vdev's status, features and ring addresses there while the M7 runs,
 * and a firmware whose start-up code copied the table elsewhere would
 * never see them.
 */
static int imx_m7_rsc_da(const struct imx_m7_planner *p, const Elf32_Shdr *sh,
			 int i, u32 *da)
{
	u64 end = (u64)sh->sh_offset + sh->sh_size, at;
	struct imx_m7_diag *d = p->diag;
	unsigned int k;
	Elf32_Phdr ph;

	for (k = 0; k < p->eh.e_phnum; k++) {
		imx_m7_phdr(p, k, &ph);
		if (!imx_m7_is_load(&ph) || sh->sh_offset < ph.p_offset ||
		    end > (u64)ph.p_offset + ph.p_filesz)
			continue;
		at = (u64)ph.p_paddr + (sh->sh_offset - ph.p_offset);
		if (at + sh->sh_size > IMX_M7_4G)
			continue;
		if (ph.p_paddr != ph.p_vaddr) {
			imx_m7_diag_seg(d, k, &ph);
			d->section = i;
			d->field = IMX_M7_F_P_VADDR;
			d->start = at;
			d->end = at + sh->sh_size;
			d->value = (u64)ph.p_vaddr + (sh->sh_offset - ph.p_offset);
			d->expected = at;
			return imx_m7_fail(d, IMX_M7_E_RSC_LMA, -EINVAL);
		}
		*da = at;
		return 0;
	}
	imx_m7_diag_range(d, sh->sh_offset, end);
	return imx_m7_shdr_fail(d, IMX_M7_E_RSC_TABLE, i,
				IMX_M7_F_RSC_LOAD, sh->sh_offset, 0);
}

/* The section named ".resource_table", or -1. */
static int imx_m7_rsc_section(const u8 *fw, const Elf32_Ehdr *eh,
			      const Elf32_Shdr *names, Elf32_Shdr *sh)
{
	static const char name[] = ".resource_table";
	unsigned int i;

	for (i = 0; i < eh->e_shnum; i++) {
		imx_m7_shdr(fw, eh, i, sh);
		/* Bounded: the name table ends with a NUL (checked). */
		if (!strcmp((const char *)fw + names->sh_offset + sh->sh_name,
			    name))
			return i;
	}
	return -1;
}

/*
 * The .resource_table of the ELF in @p, checked; the vring addresses
 * against @p's regions when it has any. -ENOENT: the image has none.
 */
static int imx_m7_rsc_find(struct imx_m7_planner *p, u32 *offset, u32 *len,
			   u32 *da)
{
	struct imx_m7_diag *diag = p->diag;
	Elf32_Shdr names, sh;
	int ret, i;

	if (!p->eh.e_shnum)
		return -ENOENT;
	ret = imx_m7_check_shtable(p->fw, p->size, &p->eh, &names, diag);
	if (!ret)
		ret = imx_m7_check_sections(p->fw, p->size, &p->eh, &names,
					    diag);
	if (ret)
		return ret;
	i = imx_m7_rsc_section(p->fw, &p->eh, &names, &sh);
	/*
	 * MCUXpresso linker scripts always emit the section; it is empty
	 * when the firmware has no table: there is none.
	 */
	if (i < 0 || !sh.sh_size)
		return -ENOENT;
	ret = imx_m7_check_rsc(p->fw, &sh, i, p->regions, p->n_regions, diag);
	if (!ret)
		ret = imx_m7_rsc_da(p, &sh, i, da);
	if (ret)
		return ret;
	*offset = sh.sh_offset;
	*len = sh.sh_size;
	return 0;
}

static int imx_m7_place_all(struct imx_m7_planner *p)
{
	u32 offset, len, da;
	unsigned int i;
	Elf32_Phdr ph;
	int ret;

	for (i = 0; i < p->eh.e_phnum; i++) {
		imx_m7_phdr(p, i, &ph);
		if (!imx_m7_is_load(&ph))
			continue;
		ret = imx_m7_place(p, i, &ph);
		if (ret)
			return ret;
	}
	ret = imx_m7_vector(p);
	if (!ret)
		ret = imx_m7_overlap(p);
	if (ret)
		return ret;
	/* The resource table, if any, with the vring carve-outs. */
	ret = imx_m7_rsc_find(p, &offset, &len, &da);
	return ret == -ENOENT ? 0 : ret;
}

/* Region @i of a table handed to the planner is malformed. */
static int imx_m7_bad_region(struct imx_m7_diag *d,
			     const struct imx_m7_region *r, int i,
			     enum imx_m7_field field)
{
	strscpy(d->name, r->name, sizeof(d->name));
	d->region = i;
	d->start = r->pa;
	d->end = r->pa + r->size;
	d->value = r->da;
	if (field == IMX_M7_F_REGION_DA)
		d->overflow = r->da + r->size - IMX_M7_4G;
	d->field = field;
	return imx_m7_fail(d, IMX_M7_E_REGION_SIZE, -EINVAL);
}

/*
 * The region table is the caller's: regions_build() makes a sound one,
 * but the planner relies on every region being non-empty, its CPU range
 * not wrapping and its M7 range ending by 4 GiB, so it checks.
 */
static int imx_m7_check_regions(const struct imx_m7_region *regions,
				unsigned int n, struct imx_m7_diag *d)
{
	unsigned int i;

	if (n > IMX_M7_MAX_REGIONS) {
		d->field = IMX_M7_F_COUNT_TABLE;
		d->value = n;
		d->expected = IMX_M7_MAX_REGIONS;
		return imx_m7_fail(d, IMX_M7_E_REGION_COUNT, -EINVAL);
	}
	for (i = 0; i < n; i++) {
		const struct imx_m7_region *r = &regions[i];

		if (!r->size)
			return imx_m7_bad_region(d, r, i,
						 IMX_M7_F_REGION_EMPTY);
		if (r->pa > ~0ULL - r->size)
			return imx_m7_bad_region(d, r, i, IMX_M7_F_REGION_WRAP);
		if (r->size > IMX_M7_4G - r->da)
			return imx_m7_bad_region(d, r, i, IMX_M7_F_REGION_DA);
	}
	return 0;
}

/* The ops and spans, then the placement of every segment. */
static int imx_m7_plan_load(struct imx_m7_planner *p, unsigned int n_load)
{
	int ret;

	/* n_load <= 65535: a copy and a zero op each, plus the vector. */
	p->ops = kvcalloc(2 * n_load + 1, sizeof(*p->ops), GFP_KERNEL);
	p->spans = kvcalloc(n_load + 1, sizeof(*p->spans), GFP_KERNEL);
	if (!p->ops || !p->spans) {
		p->diag->value = n_load;
		ret = imx_m7_fail(p->diag, IMX_M7_E_NOMEM, -ENOMEM);
	} else {
		ret = imx_m7_place_all(p);
	}
	kvfree(p->spans);
	p->spans = NULL;
	if (ret) {
		kvfree(p->ops);
		p->ops = NULL;
	}
	return ret;
}

int imx_m7_elf_plan(const u8 *fw, size_t size,
		    const struct imx_m7_region *regions,
		    unsigned int n_regions, struct imx_m7_plan *plan,
		    struct imx_m7_diag *diag)
{
	struct imx_m7_planner p = {
		.fw = fw, .size = size, .regions = regions,
		.n_regions = n_regions, .vec_seg = -1, .diag = diag,
	};
	unsigned int n_load;
	int ret;

	memset(plan, 0, sizeof(*plan));
	imx_m7_diag_init(diag);
	ret = imx_m7_check_regions(regions, n_regions, diag);
	if (!ret)
		ret = imx_m7_check_ehdr(&p);
	if (!ret)
		ret = imx_m7_check_phdrs(&p, &n_load);
	if (ret)
		return ret;
	if (!n_load) {
		diag->field = IMX_M7_F_E_PHNUM;
		diag->value = p.eh.e_phnum;
		return imx_m7_fail(diag, IMX_M7_E_NO_LOAD, -EINVAL);
	}
	ret = imx_m7_plan_load(&p, n_load);
	if (ret)
		return ret;
	plan->ops = p.ops;
	plan->n_ops = p.n_ops;
	plan->n_segments = n_load;
	plan->entry = p.eh.e_entry;
	imx_m7_diag_init(diag);
	return 0;
}
EXPORT_SYMBOL_IF_KUNIT(imx_m7_elf_plan);

void imx_m7_plan_free(struct imx_m7_plan *plan)
{
	kvfree(plan->ops);
	memset(plan, 0, sizeof(*plan));
}
EXPORT_SYMBOL_IF_KUNIT(imx_m7_plan_free);

int imx_m7_elf_rsc_table(const u8 *fw, size_t size, u32 *offset, u32 *len,
			 u32 *da, struct imx_m7_diag *diag)
{
	struct imx_m7_planner p = { .fw = fw, .size = size, .diag = diag };
	int ret;

	imx_m7_diag_init(diag);
	ret = imx_m7_check_ehdr(&p);
	if (!ret)
		ret = imx_m7_rsc_find(&p, offset, len, da);
	if (!ret)
		imx_m7_diag_init(diag);
	return ret;
}
EXPORT_SYMBOL_IF_KUNIT(imx_m7_elf_rsc_table);
