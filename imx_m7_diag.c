// SPDX-License-Identifier: GPL-2.0
/*
 * imx_m7_diag: the diagnostics of imx-m7-rproc's pure core.
 *
 * One structured diagnostic (struct imx_m7_diag) per refusal of the region
 * builder (imx_m7_map.c) or the planner (imx_m7_elf.c): the one setter they
 * fill it with, the names of checks and fields, and the formatter that
 * turns it into the words the kernel logs and m7-preflight prints, with a
 * hint where a known cause fits. It knows nothing of ELF rules or the
 * address map: the bottom layer, used by both, using neither.
 */
#ifdef __KERNEL__
#include <linux/errno.h>
#include <linux/export.h>
#include <linux/kernel.h>
#include <linux/string.h>
#include <kunit/visibility.h>
#endif

#include "imx_m7_elf.h"

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

/*
 * The SoC a refusal is worded for: its core ("M4") and TCM names. A
 * diagnostic of no SoC (the planner called without one) speaks of the
 * i.MX8M Plus's M7.
 */
static const struct imx_m7_soc *imx_m7_diag_soc(const struct imx_m7_diag *d)
{
	return d->soc ? d->soc : &imx_m7_soc_imx8mp;
}

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
	[IMX_M7_E_DT] = "dt-shape",
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
	[IMX_M7_F_REGION_STANDIN] = "stand-in",
	[IMX_M7_F_DT_REG_NAMES] = "reg-names",
	[IMX_M7_F_DT_REG_MAX] = "reg-names count",
	[IMX_M7_F_DT_REG_MORE] = "reg",
	[IMX_M7_F_DT_REG_FEWER] = "reg entries",
	[IMX_M7_F_DT_MEM] = "memory-region",
	[IMX_M7_F_DT_MEM_NAMES] = "memory-region-names",
	[IMX_M7_F_DT_MEM_NAME] = "memory-region name",
	[IMX_M7_F_DT_MEM_NODE] = "memory-region phandle",
	[IMX_M7_F_DT_MEM_RESMEM] = "memory-region target",
	[IMX_M7_F_DT_MEM_REG] = "memory-region reg",
	[IMX_M7_F_DT_CLK_NONE] = "clocks",
	[IMX_M7_F_DT_CLK_UNREG] = "clock unregistered",
	[IMX_M7_F_DT_CLK_OTHER] = "clock other",
	[IMX_M7_F_DT_PDS] = "power-domains",
	[IMX_M7_F_DT_PDS_BAD] = "power-domains malformed",
	[IMX_M7_F_DT_MBOX_BAD] = "mboxes malformed",
	[IMX_M7_F_DT_MBOX_NAMES] = "mbox-names",
	[IMX_M7_F_DT_MBOX_CHAN] = "mbox-names channel",
};

const char *imx_m7_field_name(enum imx_m7_field field)
{
	if ((unsigned int)field >= IMX_M7_F_COUNT || !imx_m7_field_names[field])
		return "unknown";
	return imx_m7_field_names[field];
}
EXPORT_SYMBOL_IF_KUNIT(imx_m7_field_name);

int imx_m7_diag_set(struct imx_m7_diag *diag, int err, enum imx_m7_check check,
		    enum imx_m7_field field, u64 value, u64 expected)
{
	diag->err = err;
	diag->check = check;
	diag->field = field;
	diag->value = value;
	diag->expected = expected;
	return err;
}
EXPORT_SYMBOL_IF_KUNIT(imx_m7_diag_set);

void imx_m7_diag_seg(struct imx_m7_diag *diag, int seg, const Elf32_Phdr *ph)
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

/*
 * A (check, field) pair the formatter has no words for: a new check or
 * field added without them. Loud, so that a test shows it, never a
 * sentence meant for another field.
 */
static void imx_m7_put_unknown(struct imx_m7_out *o,
			       const struct imx_m7_diag *d)
{
	imx_m7_put(o, "unknown diagnostic: check %s (%d), field %s (%d)",
		   imx_m7_check_name(d->check), d->check,
		   imx_m7_field_name(d->field), d->field);
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
	case IMX_M7_E_PHTABLE:
		imx_m7_put(o, "program header table [0x%llx, 0x%llx) (e_phoff, e_phnum) is not inside the file after the ELF header (file 0x%llx bytes)",
			   d->start, d->end, d->expected);
		break;
	default:
		imx_m7_put_unknown(o, d);
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
		imx_m7_put(o, "segment %d: %s range [0x%08llx, 0x%llx) runs 0x%llx bytes past the end of the %s's 4 GiB address space",
			   d->seg, d->field == IMX_M7_F_P_VADDR ? "run" : "load",
			   d->start, d->end, d->overflow,
			   imx_m7_diag_soc(d)->unit);
		break;
	case IMX_M7_E_OVERLAP:
		imx_m7_fmt_overlap(o, d, regions, n);
		break;
	case IMX_M7_E_LOAD_RANGE:
	case IMX_M7_E_RUN_RANGE:
		imx_m7_fmt_range(o, d, regions, n);
		break;
	default:
		imx_m7_put_unknown(o, d);
		break;
	}
}

static void imx_m7_fmt_vector(struct imx_m7_out *o,
			      const struct imx_m7_diag *d)
{
	const struct imx_m7_soc *soc = imx_m7_diag_soc(d);

	if (d->field == IMX_M7_F_ITCM) {
		imx_m7_put(o, "nothing is loaded at the %s reset vector [0x00000000, 0x00000008) and no load region covers it (%s not declared)",
			   soc->unit, soc->tcm[0]);
		return;
	}
	if (d->seg < 0) {
		imx_m7_put(o, "no PT_LOAD stores any bytes: nothing to take the %s reset vector (initial SP, reset PC) from",
			   soc->unit);
		return;
	}
	imx_m7_put(o, "segment %d: ", d->seg);
	switch (d->field) {
	case IMX_M7_F_VECTOR_TABLE:
		imx_m7_put(o, "stores 0x%llx bytes, too few to start with a vector table (initial SP, reset PC)",
			   d->value);
		break;
	case IMX_M7_F_RESET_VECTOR:
		imx_m7_put(o, "load range [0x%08llx, 0x%08llx) covers the %s reset vector [0x00000000, 0x00000008) without storing all 8 bytes of it",
			   d->start, d->end, soc->unit);
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
		imx_m7_put(o, "reset PC 0x%08llx (vector word 1) has bit 0 clear: the %s runs Thumb code only",
			   d->value, soc->unit);
		break;
	case IMX_M7_F_PC_EXEC:
		imx_m7_put(o, "reset PC 0x%08llx (vector word 1) is not stored by an executable (PF_X) segment",
			   d->value);
		break;
	default:
		imx_m7_put_unknown(o, d);
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
	case IMX_M7_F_NUL:
		imx_m7_put(o, "section %d (section names) is empty or not NUL-terminated",
			   d->section);
		break;
	default:
		imx_m7_put_unknown(o, d);
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
	case IMX_M7_F_RSC_OFFSET:
		imx_m7_put(o, ": entry %d at offset 0x%llx is not inside the section's 0x%llx bytes after its header",
			   d->index, d->value, d->expected);
		break;
	default:
		imx_m7_put_unknown(o, d);
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
	case IMX_M7_F_VRING_DA:
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
	default:
		imx_m7_put_unknown(o, d);
		break;
	}
}

static void imx_m7_fmt_lma(struct imx_m7_out *o, const struct imx_m7_diag *d)
{
	imx_m7_put_rsc(o, d);
	imx_m7_put(o, " is loaded at %s 0x%08llx (p_paddr) but read by the firmware at 0x%08llx (p_vaddr): segment %d's start-up copy moves it",
		   imx_m7_diag_soc(d)->unit, d->start, d->value, d->seg);
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
		imx_m7_put(o, "\nhint: an rpmsg vdev has 2 vrings, %s to Linux and Linux to %s (NUM_VRINGS 2 in NXP's rsc_table.c)",
			   imx_m7_diag_soc(d)->unit, imx_m7_diag_soc(d)->unit);
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
	case IMX_M7_F_VRING_DA:
		if (r)
			imx_m7_put(o, "\nhint: the core takes this ring from the %s carve-out: set the vring's da to 0x%08llx (VDEV0_VRING_BASE in NXP's rsc_table.h) or move the carve-out",
				   r->name, (u64)r->da);
		else
			imx_m7_put(o, "\nhint: without that carve-out the core puts the ring wherever DMA memory is free and never at da; declare a no-map memory-region \"vdev0vring%d\" at 0x%08llx of 0x%llx bytes or more",
				   d->vring, d->start, d->expected);
		break;
	default:	/* the first line said it: unknown */
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
		imx_m7_put(o, " at %s 0x%08llx runs 0x%llx bytes past the %s's 4 GiB",
			   imx_m7_diag_soc(d)->unit, d->value, d->overflow,
			   imx_m7_diag_soc(d)->unit);
		break;
	case IMX_M7_F_REGION_WRAP:
		imx_m7_put(o, " wraps past the end of the address space");
		break;
	default:
		imx_m7_put_unknown(o, d);
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
	case IMX_M7_F_COUNT_VIEWS:
		imx_m7_put(o, "region %s: the declarations up to it need %llu region entries, more than the %llu available (ocram, and a carve-out below 0x4ffe0000, take two: their second %s view counts too)",
			   d->name, d->value, d->expected,
			   imx_m7_diag_soc(d)->unit);
		break;
	default:
		imx_m7_put_unknown(o, d);
		break;
	}
}

static void imx_m7_fmt_region_window(struct imx_m7_out *o,
				     const struct imx_m7_diag *d)
{
	switch (d->field) {
	case IMX_M7_F_NONE:
		imx_m7_put(o, " is outside the %s's DDR window [0x%08llx, 0x%08llx)",
			   imx_m7_diag_soc(d)->unit, d->value, d->expected);
		break;
	case IMX_M7_F_REGION_STANDIN:
		imx_m7_put(o, " lies on the SoC's %s [0x%08llx, 0x%08llx), outside its own window [0x%08llx, 0x%08llx)",
			   d->other, d->other_start, d->other_end, d->value,
			   d->expected);
		break;
	default:
		imx_m7_put(o, ": ");
		imx_m7_put_unknown(o, d);
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
		imx_m7_put(o, ": not a known %s name (reg-names: %s, ocram; memory-region-names: ddr, ddr0..ddr7, vdev0vring0, vdev0vring1, vdev0buffer, rsc-table)",
			   d->value == IMX_M7_DECL_REG ? "reg-names" :
			   "memory-region-names",
			   d->other[0] ? d->other : "itcm, dtcm");
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
	switch (d->check) {
	case IMX_M7_E_REGION_SIZE:
		imx_m7_fmt_region_size(o, d);
		break;
	case IMX_M7_E_REGION_WINDOW:
		imx_m7_fmt_region_window(o, d);
		break;
	case IMX_M7_E_REGION_NOMAP:
		imx_m7_put(o, ": its reserved-memory node lacks no-map");
		break;
	case IMX_M7_E_REGION_OVERLAP:
		imx_m7_put(o, " overlaps region %s CPU [0x%08llx, 0x%08llx)",
			   d->other, d->other_start, d->other_end);
		break;
	default:
		imx_m7_put(o, ": ");
		imx_m7_put_unknown(o, d);
		break;
	}
}

/*
 * After "... does not register": an example of such a clock, for the SoCs
 * whose dt-bindings header has one, and the clock to name.
 */
static void imx_m7_put_clk_use(struct imx_m7_out *o,
			       const struct imx_m7_soc *soc)
{
	if (soc->clk_unreg)
		imx_m7_put(o, " (%s is one)", soc->clk_unreg);
	imx_m7_put(o, ": use clocks = <&clk %s>", soc->clk);
}

/*
 * The node's shape, in the words the driver's probe used to print itself,
 * naming the SoC's own TCMs and core clock.
 */
static void imx_m7_fmt_dt(struct imx_m7_out *o, const struct imx_m7_diag *d)
{
	const struct imx_m7_soc *soc = imx_m7_diag_soc(d);

	switch (d->field) {
	case IMX_M7_F_DT_REG_NAMES:
		imx_m7_put(o, "no reg-names; expected \"%s\", \"%s\" and optionally \"ocram\"",
			   soc->tcm[0], soc->tcm[1]);
		break;
	case IMX_M7_F_DT_REG_MAX:
		imx_m7_put(o, "%llu reg entries, at most %llu", d->value,
			   d->expected);
		break;
	case IMX_M7_F_DT_REG_MORE:
		imx_m7_put(o, "reg has more entries than the %llu of reg-names",
			   d->expected);
		break;
	case IMX_M7_F_DT_REG_FEWER:
		imx_m7_put(o, "reg-names has %llu entries but reg only %llu",
			   d->value, d->expected);
		break;
	case IMX_M7_F_DT_MEM:
		imx_m7_put(o, "malformed memory-region (%d)", d->err);
		break;
	case IMX_M7_F_DT_MEM_NAMES:
		imx_m7_put(o, "%llu memory-region phandles but %llu memory-region-names",
			   d->value, d->expected);
		break;
	case IMX_M7_F_DT_MEM_NAME:
		imx_m7_put(o, "memory-region %d has no memory-region-names entry",
			   d->index);
		break;
	case IMX_M7_F_DT_MEM_NODE:
		imx_m7_put(o, "memory-region %d (\"%s\") does not point at a node",
			   d->index, d->name);
		break;
	case IMX_M7_F_DT_MEM_RESMEM:
		imx_m7_put(o, "memory-region %d (\"%s\") points at %s, which is not a /reserved-memory node",
			   d->index, d->name, d->other);
		break;
	case IMX_M7_F_DT_MEM_REG:
		imx_m7_put(o, "memory-region %d (\"%s\"): %s has no reg; the %s needs a fixed address",
			   d->index, d->name, d->other, imx_m7_diag_soc(d)->unit);
		break;
	case IMX_M7_F_DT_CLK_NONE:
		imx_m7_put(o, "clocks: the %s core clock is required, e.g. clocks = <&clk %s>",
			   soc->unit, soc->clk);
		break;
	case IMX_M7_F_DT_CLK_UNREG:
		imx_m7_put(o, "clocks: names a clock its clock driver does not register");
		imx_m7_put_clk_use(o, soc);
		break;
	case IMX_M7_F_DT_CLK_OTHER:
		imx_m7_put(o, "clocks names clock %llu of %s, not %s (%u); the driver refuses a clock its clock driver does not register",
			   d->value, d->other, soc->clk, soc->clk_id);
		imx_m7_put_clk_use(o, soc);
		break;
	case IMX_M7_F_DT_PDS:
		imx_m7_put(o, "power-domains: %llu entries, at most %llu (the binding's limit)",
			   d->value, d->expected);
		break;
	case IMX_M7_F_DT_PDS_BAD:
		imx_m7_put(o, "malformed power-domains (%d): each entry is a provider's phandle and its #power-domain-cells cells",
			   d->err);
		break;
	case IMX_M7_F_DT_MBOX_BAD:
		imx_m7_put(o, "malformed mboxes (%d): each entry is a mailbox's phandle and its #mbox-cells cells",
			   d->err);
		break;
	case IMX_M7_F_DT_MBOX_NAMES:
		if (!d->value)
			imx_m7_put(o, "mbox-names without mboxes: add the channels, e.g. mboxes = <&mu 0 1>, <&mu 1 1>;, or drop mbox-names");
		else
			imx_m7_put(o, "%llu mboxes entries but %llu mbox-names: name each channel, e.g. mboxes = <&mu 0 1>, <&mu 1 1>; mbox-names = \"tx\", \"rx\";",
				   d->value, d->expected);
		break;
	case IMX_M7_F_DT_MBOX_CHAN:
		imx_m7_put(o, "mbox-names has no \"%s\": the driver kicks the %s on \"tx\" and hears it on \"rx\"",
			   d->other, soc->unit);
		break;
	default:
		imx_m7_put_unknown(o, d);
		break;
	}
}

/*
 * The load region that begins where @r ends, at the next core address
 * (TCMU after the i.MX8M Mini's TCML), or NULL.
 */
static const struct imx_m7_region *
imx_m7_region_next(const struct imx_m7_region *regions, unsigned int n,
		   const struct imx_m7_region *r)
{
	unsigned int i;

	for (i = 0; i < n && i < IMX_M7_MAX_REGIONS; i++)
		if ((regions[i].flags & IMX_M7_REGION_LOAD) &&
		    regions[i].da == r->da + r->size)
			return &regions[i];
	return NULL;
}

/* The hint for a load range that does not fit, where a known cause fits. */
static void imx_m7_hint_load(struct imx_m7_out *o, const struct imx_m7_diag *d,
			     const struct imx_m7_region *regions,
			     unsigned int n, const struct imx_m7_region *r)
{
	const struct imx_m7_soc *soc = imx_m7_diag_soc(d);
	const struct imx_m7_region *next = imx_m7_region_next(regions, n, r);

	if (d->overflow && next && d->end <= (u64)next->da + next->size)
		imx_m7_put(o, "\nhint: %s and %s touch, but they are two regions and a segment must lie in one (docs/planner.md): end this one at 0x%08llx and put the rest in a segment of its own, e.g. .text in m_text and .data in m_data",
			   r->name, next->name, r->da + r->size);
	else if (d->overflow && d->paddr != d->vaddr)
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
		imx_m7_put(o, "\nhint: %s is shared rpmsg memory, never loaded into; link the firmware into %s, %s, ocram or a ddr carve-out",
			   r->name, soc->tcm[0], soc->tcm[1]);
	else
		imx_m7_put(o, "\nhint: give the %s this memory in the device tree (reg for TCM/OCRAM, a no-map memory-region for DDR), or link the firmware for the regions declared",
			   soc->unit);
}

/* The hint for a segment that does not fit, where a known cause fits. */
static void imx_m7_hint_range(struct imx_m7_out *o, const struct imx_m7_diag *d,
			      const struct imx_m7_region *regions,
			      unsigned int n)
{
	const struct imx_m7_region *r = imx_m7_region_at(regions, n, d->region);

	if (!r)
		imx_m7_put(o, "\nhint: declare the %s's memory in the device tree (reg/reg-names, memory-region)",
			   imx_m7_diag_soc(d)->unit);
	else if (d->check == IMX_M7_E_LOAD_RANGE)
		imx_m7_hint_load(o, d, regions, n, r);
	else if (d->overflow)
		imx_m7_put(o, "\nhint: p_memsz 0x%x (.data + .bss + heap + stack) exceeds what %s holds from p_vaddr on by 0x%llx bytes; shrink .bss, heap or stack, or link them into a larger region",
			   d->memsz, r->name, d->overflow);
	else
		imx_m7_put(o, "\nhint: p_vaddr is where this data lives while the firmware runs (its start-up code copies .data there and zeroes .bss); that memory must be declared for the %s too",
			   imx_m7_diag_soc(d)->unit);
}

static void imx_m7_hint(struct imx_m7_out *o, const struct imx_m7_diag *d,
			const struct imx_m7_region *regions, unsigned int n)
{
	const struct imx_m7_soc *soc = imx_m7_diag_soc(d);

	switch (d->check) {
	case IMX_M7_E_TYPE:
		imx_m7_put(o, "\nhint: load a linked executable, not an object file (ET_REL) or a shared object (ET_DYN)");
		break;
	case IMX_M7_E_MACHINE:
		if (d->value == EM_AARCH64)
			imx_m7_put(o, "\nhint: EM_AARCH64 is Cortex-A code, not %s firmware",
				   soc->core);
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
		imx_m7_put(o, "\nhint: two program headers write the same memory, perhaps through two %s views of it; check the MEMORY regions of the linker script",
			   soc->unit);
		break;
	case IMX_M7_E_NO_VECTOR:
		if (d->field == IMX_M7_F_ITCM)
			imx_m7_put(o, "\nhint: declare %s (reg/reg-names): the %s always fetches its reset vector from %s address 0",
				   soc->tcm[0], soc->unit, soc->unit);
		else if (d->paddr && d->field != IMX_M7_F_RESET_VECTOR)
			imx_m7_put(o, "\nhint: firmware linked outside %s must start its first loadable segment with the vector table (.isr_vector); this driver copies its initial SP and reset PC to %s address 0, as U-Boot's bootaux does",
				   soc->tcm[0], soc->unit);
		break;
	case IMX_M7_E_RSC_LMA:
		imx_m7_put(o, "\nhint: the core writes the vdev's status, features and vring addresses into the table at its load address once the %s runs; put .resource_table in a section stored and run at the same address, e.g. in m_text as NXP's SDK does",
			   soc->unit);
		break;
	case IMX_M7_E_RSC_VDEV:
	case IMX_M7_E_RSC_VRING:
		imx_m7_hint_vdev(o, d, regions, n);
		break;
	case IMX_M7_E_REGION_NOMAP:
		imx_m7_put(o, "\nhint: add `no-map;` to the reserved-memory node: Linux must neither map nor use memory the %s is loaded into",
			   soc->unit);
		break;
	case IMX_M7_E_REGION_WINDOW:
		if (d->field == IMX_M7_F_REGION_STANDIN)
			imx_m7_put(o, "\nhint: reg or reg-names out of order? each reg must be its window's CPU address, or (on an emulator) a stand-in away from every TCM and OCRAM");
		else
			imx_m7_put(o, "\nhint: the %s reaches DDR only at CPU [0x%08llx, 0x%08llx) (its %s address is the same); move the carve-out there",
				   soc->unit, d->value, d->expected, soc->unit);
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
	case IMX_M7_E_DT:
		imx_m7_fmt_dt(o, d);
		break;
	case IMX_M7_OK:
		imx_m7_put(o, "no error (check %d)", d->check);
		break;
	default:
		imx_m7_put_unknown(o, d);
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
