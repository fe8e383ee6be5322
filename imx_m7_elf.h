/* SPDX-License-Identifier: GPL-2.0 */
/*
 * imx_m7_elf: the pure core of imx-m7-rproc, in three files under this one
 * header: imx_m7_map.c (the address map, the region table), imx_m7_elf.c
 * (ELF checks -> load plan, the resource table) and imx_m7_diag.c (the
 * diagnostic and its words). Layering elf -> map -> diag, nothing back up.
 *
 * Pure logic: (firmware bytes, region table) -> load plan or one diagnostic.
 * No I/O and no globals, so the same files build into the kernel module,
 * the KUnit suites, tools/m7-preflight, the libFuzzer targets and the
 * bench. Userspace builds provide the few kernel helpers they use through
 * tools/m7_shim.h.
 */
#ifndef IMX_M7_ELF_H
#define IMX_M7_ELF_H

#ifdef __KERNEL__
#include <linux/elf.h>
#include <linux/types.h>
#else
#include "m7_shim.h"
#endif

#define IMX_M7_NAME_LEN		32
/*
 * The longest text imx_m7_diag_format() writes, its NUL included, for any
 * diagnostic the planner and the region builder make, with the widest
 * numbers and the longest region names they allow (KUnit diag_fits_test):
 * a buffer of this size is never truncated.
 */
#define IMX_M7_DIAG_LEN		512
/* More regions than any board declares; bounds every region loop. */
#define IMX_M7_MAX_REGIONS	16

/* What a region may be used for (struct imx_m7_region.flags). */
#define IMX_M7_REGION_LOAD	BIT(0)	/* segments may be loaded into it */
#define IMX_M7_REGION_IOMEM	BIT(1)	/* TCM: mapped as I/O memory */
/*
 * A second M7 view of the memory of the region just before it in the
 * table (same pa, other da): OCRAM's system-bus view, the DDR code-bus
 * alias. Map the memory once (through the region without this flag);
 * the planner catches two views written at once by CPU address.
 */
#define IMX_M7_REGION_ALIAS	BIT(2)

/* The rpmsg carve-out a region is, by its memory-region-names entry. */
enum imx_m7_rpmsg {
	IMX_M7_RPMSG_NONE = 0,
	IMX_M7_RPMSG_VRING0,	/* "vdev0vring0": vdev 0's vring 0 */
	IMX_M7_RPMSG_VRING1,	/* "vdev0vring1" */
	IMX_M7_RPMSG_BUFFER,	/* "vdev0buffer": the vdev's DMA pool */
	IMX_M7_RPMSG_RSC_TABLE,	/* "rsc-table": a running M7's table */
};

/*
 * One memory region the device tree gives the M7. Its roles are set by
 * imx_m7_regions_build(), so that no user recognises a region by name.
 * @da:   the M7's address of its first byte
 * @pa:   the CPU physical address of its first byte (from the DT)
 * @size: bytes; da + size never exceeds 4 GiB
 * @flags: IMX_M7_REGION_* (a load target, I/O memory, a second view)
 * @alias_of: with IMX_M7_REGION_ALIAS, the index of the region whose
 *	  memory this one views (always an earlier one)
 * @rpmsg: the rpmsg carve-out it is, or IMX_M7_RPMSG_NONE
 */
struct imx_m7_region {
	char name[IMX_M7_NAME_LEN];
	u32 da;
	u64 pa;
	u64 size;
	unsigned int flags;
	unsigned int alias_of;
	enum imx_m7_rpmsg rpmsg;
};

/* ---- Address model: hardware facts per SoC ---------------------------- */

/* How a DT declaration reaches the planner. */
enum imx_m7_decl_kind {
	IMX_M7_DECL_REG,	/* a "reg" entry, named by "reg-names" */
	/* a "memory-region" phandle, named by "memory-region-names" */
	IMX_M7_DECL_CARVEOUT,
};

/* One memory declaration read from the device tree (driver or libfdt). */
struct imx_m7_decl {
	enum imx_m7_decl_kind kind;
	const char *name;	/* reg-names / memory-region-names entry */
	u64 pa;
	u64 size;
	bool no_map;		/* carve-outs: the reserved node has no-map */
};

/* ---- Device-tree shape ------------------------------------------------ */

/*
 * The shape of our device-tree node, in neutral terms: what the driver
 * reads with the of_* API at probe and m7-preflight --dtb with libfdt.
 * imx_m7_dt_check() and imx_m7_dt_check_clock() judge it, so that both
 * refuse the same trees in the same words (docs/device-tree.md).
 */

/*
 * Room for a node's path; a diagnostic names IMX_M7_NAME_LEN - 1 of it
 * (imx_m7_dt_path() marks a cut).
 */
#define IMX_M7_DT_PATH_LEN	64
/* The binding's limit on "power-domains" entries. */
#define IMX_M7_DT_MAX_PDS	8

/* What the node's first "clocks" entry gives. */
enum imx_m7_dt_clock {
	IMX_M7_DT_CLK_OK = 0,
	/* no clocks, or no provider for it: @clk_err says which */
	IMX_M7_DT_CLK_NONE,
	/* the provider does not register it (clk_get gives NULL) */
	IMX_M7_DT_CLK_UNREGISTERED,
	/*
	 * m7-preflight only: a clock of the SoC's clock controller
	 * (@clk_provider) other than the M7 core (@clk_id), which a blob
	 * cannot say is registered or not
	 */
	IMX_M7_DT_CLK_OTHER,
};

/* The node's first "clocks" entry. */
struct imx_m7_dt_clk {
	enum imx_m7_dt_clock state;
	int err;		/* IMX_M7_DT_CLK_NONE: the clk_get errno, or 0 */
	u32 id;			/* IMX_M7_DT_CLK_OTHER: the clock's number */
	const char *provider;	/* IMX_M7_DT_CLK_OTHER: its provider */
	const struct imx_m7_soc *soc;	/* whose clock; NULL: the i.MX8M Plus */
};

/* One "memory-region" phandle and what it points at. */
struct imx_m7_dt_mem {
	const char *name;	/* memory-region-names entry, or NULL */
	bool found;		/* the phandle points at a node */
	char target[IMX_M7_DT_PATH_LEN];	/* that node's path */
	bool resmem;		/* it is a child of /reserved-memory */
	bool has_reg;		/* it has a reg (CPU address) */
	bool no_map;
	u64 pa, size;
};

/*
 * @n_reg: "reg" entries the CPU can reach (translated), counted up to
 *	IMX_M7_MAX_REGIONS + 1; the first IMX_M7_MAX_REGIONS are in
 *	@reg_pa / @reg_size
 * @n_reg_names: "reg-names" strings (0 or negative: none); the first
 *	IMX_M7_MAX_REGIONS are in @reg_name
 * @n_mem: "memory-region" phandles (0: none; negative: malformed, the
 *	errno); the first IMX_M7_MAX_REGIONS are in @mem
 * @n_mem_names: "memory-region-names" strings (negative: none)
 * @n_pds: "power-domains" entries as of_count_phandle_with_args() counts
 *	them (0: none; negative: malformed, its errno)
 * @n_mboxes: "mboxes" entries, counted the same way with "#mbox-cells"
 * @n_mbox_names: "mbox-names" strings (negative: none)
 * @mbox_tx, @mbox_rx: "mbox-names" has "tx", "rx"
 * @clk: the first "clocks" entry
 */
struct imx_m7_dt_node {
	int n_reg;
	u64 reg_pa[IMX_M7_MAX_REGIONS];
	u64 reg_size[IMX_M7_MAX_REGIONS];
	int n_reg_names;
	const char *reg_name[IMX_M7_MAX_REGIONS];
	int n_mem;
	int n_mem_names;
	struct imx_m7_dt_mem mem[IMX_M7_MAX_REGIONS];
	int n_pds;
	int n_mboxes;
	int n_mbox_names;
	bool mbox_tx, mbox_rx;
	struct imx_m7_dt_clk clk;
	const struct imx_m7_soc *soc;	/* whose node; NULL: the i.MX8M Plus */
};

/* One window of the SoC's M7 address map (hardware fact). */
struct imx_m7_window {
	const char *name;	/* "itcm", "dtcm", "ocram", "ddr", ... */
	u32 da;			/* M7 address */
	u64 pa;			/* CPU physical address on the real SoC */
	u64 size;		/* hardware size */
	unsigned int flags;	/* IMX_M7_REGION_* */
};

/*
 * One SoC's remote core: its address map and the names of its two TCMs,
 * which every device tree must declare (the code TCM holds the reset
 * vector at core address 0, directly or through a second view).
 */
struct imx_m7_soc {
	const char *name;	/* "i.MX8M Plus" */
	const char *key;	/* "imx8mp": m7-preflight --soc, tables */
	const char *compatible;	/* our DT node's: "imx-m7-rproc,imx8mp-cm7" */
	const char *core;	/* "Cortex-M7" */
	const struct imx_m7_window *map;
	unsigned int n_map;
	const char *tcm[2];	/* code TCM, data TCM: "itcm", "dtcm" */
	const char *unit;	/* the core in a sentence: "M7" */
	/* the default firmware-name, under /lib/firmware: "imx8mp_m7.elf" */
	const char *firmware;
	/* its core clock: dt-bindings name and number, the provider's */
	const char *clk;	/* "IMX8MP_CLK_M7_CORE" */
	u32 clk_id;		/* 305 */
	const char *ccm;	/* "fsl,imx8mp-ccm" */
	/* a clock of its number space the clock driver leaves unset, or NULL */
	const char *clk_unreg;	/* "IMX8MP_CLK_M7_DIV" */
};

extern const struct imx_m7_soc imx_m7_soc_imx8mp;
extern const struct imx_m7_soc imx_m7_soc_imx8mn;
extern const struct imx_m7_soc imx_m7_soc_imx8mm;

/* The SoC whose key is @key ("imx8mp", "imx8mn", "imx8mm"), or NULL. */
const struct imx_m7_soc *imx_m7_soc_find(const char *key);
/* The @i-th SoC known (imx8mp first), or NULL past the last. */
const struct imx_m7_soc *imx_m7_soc_nth(unsigned int i);

/* ---- Diagnostics ------------------------------------------------------- */

/*
 * Every check the planner and the region builder make. The formatter turns
 * each into words; tests compare the code, never the text alone. Nothing
 * depends on the numeric values: the groups are for the reader.
 */
enum imx_m7_check {
	IMX_M7_OK = 0,
	/* ELF header */
	IMX_M7_E_TRUNCATED,	/* file smaller than an ELF header */
	IMX_M7_E_MAGIC,
	IMX_M7_E_CLASS,		/* not ELFCLASS32 */
	IMX_M7_E_DATA,		/* not ELFDATA2LSB */
	IMX_M7_E_VERSION,	/* e_ident[EI_VERSION] or e_version */
	IMX_M7_E_TYPE,		/* not ET_EXEC */
	IMX_M7_E_MACHINE,	/* not EM_ARM */
	IMX_M7_E_PHENTSIZE,
	IMX_M7_E_PHNUM,		/* no program headers */
	IMX_M7_E_PHTABLE,	/* table outside the file */
	/* Segments and their placement */
	IMX_M7_E_SEG_FILE,	/* p_offset + p_filesz outside the file */
	IMX_M7_E_SEG_FILESZ,	/* p_filesz > p_memsz */
	IMX_M7_E_SEG_WRAP,	/* a range wraps past 4 GiB */
	IMX_M7_E_LOAD_RANGE,	/* written range not inside one region */
	IMX_M7_E_RUN_RANGE,	/* [p_vaddr, +p_memsz) not inside one region */
	IMX_M7_E_OVERLAP,	/* two written ranges overlap */
	IMX_M7_E_NO_LOAD,	/* no PT_LOAD with p_memsz > 0 */
	IMX_M7_E_NO_VECTOR,	/* nothing provides the reset vector */
	IMX_M7_E_NOMEM,
	/* Section headers and the resource table */
	IMX_M7_E_SHDR,		/* section headers malformed */
	IMX_M7_E_RSC_TABLE,	/* .resource_table malformed */
	IMX_M7_E_RSC_LMA,	/* table loaded at one address, read at another */
	IMX_M7_E_RSC_VDEV,	/* a vdev entry: size, count, num_of_vrings */
	IMX_M7_E_RSC_VRING,	/* a vring: da, num, align, notifyid */
	/* Region table (probe, and the planner's entry) */
	IMX_M7_E_REGION_NAME,	/* unknown reg-names / memory-region-names */
	IMX_M7_E_REGION_SIZE,	/* empty, wraps, or larger than its window */
	/*
	 * carve-out outside the M7's DDR window; a "reg" stand-in on a real
	 * TCM or OCRAM (IMX_M7_F_REGION_STANDIN)
	 */
	IMX_M7_E_REGION_WINDOW,
	IMX_M7_E_REGION_NOMAP,	/* reserved-memory node lacks no-map */
	IMX_M7_E_REGION_OVERLAP,
	IMX_M7_E_REGION_DUP,	/* a name declared twice */
	IMX_M7_E_REGION_MISSING, /* a TCM of the SoC's (itcm, dtcm) not declared */
	IMX_M7_E_REGION_COUNT,	/* more than IMX_M7_MAX_REGIONS */
	/* the node's shape: reg, names, memory-region, clocks, power-domains */
	IMX_M7_E_DT,
	IMX_M7_E_COUNT
};

/*
 * What exactly a check found wrong: the header field, vector word, section
 * field or region property at fault. The formatter picks its words by this
 * code (never by comparing strings); imx_m7_field_name() names it.
 */
enum imx_m7_field {
	IMX_M7_F_NONE = 0,
	/* ELF and program headers */
	IMX_M7_F_FILE_SIZE,
	IMX_M7_F_EI_MAG,
	IMX_M7_F_EI_CLASS,
	IMX_M7_F_EI_DATA,
	IMX_M7_F_EI_VERSION,
	IMX_M7_F_E_VERSION,
	IMX_M7_F_E_TYPE,
	IMX_M7_F_E_MACHINE,
	IMX_M7_F_E_PHENTSIZE,
	IMX_M7_F_E_PHNUM,
	IMX_M7_F_E_PHOFF,
	IMX_M7_F_P_OFFSET,
	IMX_M7_F_P_FILESZ,
	IMX_M7_F_P_PADDR,
	IMX_M7_F_P_VADDR,
	/* The reset vector */
	IMX_M7_F_ITCM,		/* no load region holds M7 [0, 8) */
	IMX_M7_F_VECTOR_TABLE,	/* first stored segment too short / none */
	IMX_M7_F_RESET_VECTOR,	/* a segment covers [0, 8) only partly */
	IMX_M7_F_PC_THUMB,	/* reset PC has bit 0 clear */
	IMX_M7_F_PC_EXEC,	/* reset PC not in stored PF_X bytes */
	IMX_M7_F_INITIAL_SP,
	IMX_M7_F_E_ENTRY,	/* e_entry differs from the vector's PC */
	/* Section headers */
	IMX_M7_F_E_SHENTSIZE,
	IMX_M7_F_E_SHOFF,
	IMX_M7_F_E_SHSTRNDX,
	IMX_M7_F_SH_TYPE,
	IMX_M7_F_SH_NAME,
	IMX_M7_F_SH_OFFSET,
	IMX_M7_F_NUL,		/* name table empty or not NUL-terminated */
	/* The resource table */
	IMX_M7_F_SH_FLAGS,	/* not SHF_ALLOC */
	IMX_M7_F_SH_SIZE,
	IMX_M7_F_RSC_VER,
	IMX_M7_F_RSC_RESERVED,
	IMX_M7_F_RSC_NUM,
	IMX_M7_F_RSC_OFFSET,
	IMX_M7_F_RSC_LOAD,	/* stored by no PT_LOAD */
	IMX_M7_F_VDEV_SIZE,	/* struct + vrings + config_len past the end */
	IMX_M7_F_VDEV_SECOND,	/* a second vdev entry */
	IMX_M7_F_NUM_OF_VRINGS,
	IMX_M7_F_VRING_DA,	/* not inside its vdev0vring<n> carve-out */
	IMX_M7_F_VRING_NUM,	/* 0 or not a power of two */
	IMX_M7_F_VRING_ALIGN,	/* 0 or not a power of two */
	IMX_M7_F_VRING_NOTIFYID, /* the same as another vring's */
	/* Regions */
	IMX_M7_F_REGION_EMPTY,	/* size 0 */
	IMX_M7_F_REGION_BIG,	/* larger than the hardware window */
	IMX_M7_F_REGION_WRAP,	/* pa + size wraps */
	IMX_M7_F_REGION_PAST,	/* inside the window, runs past its end */
	IMX_M7_F_REGION_DA,	/* da + size past 4 GiB */
	IMX_M7_F_COUNT_DECLS,	/* more declarations than regions */
	IMX_M7_F_COUNT_VIEWS,	/* with the second views, no room left */
	IMX_M7_F_COUNT_TABLE,	/* the planner was given too many */
	IMX_M7_F_REGION_STANDIN, /* a stand-in "reg" on a real TCM or OCRAM */
	/* Device-tree shape (IMX_M7_E_DT) */
	IMX_M7_F_DT_REG_NAMES,	/* no reg-names */
	IMX_M7_F_DT_REG_MAX,	/* more reg-names than the driver takes */
	IMX_M7_F_DT_REG_MORE,	/* more reg entries than reg-names */
	IMX_M7_F_DT_REG_FEWER,	/* fewer reg entries than reg-names */
	IMX_M7_F_DT_MEM,	/* memory-region malformed */
	IMX_M7_F_DT_MEM_NAMES,	/* phandles and names differ in number */
	IMX_M7_F_DT_MEM_NAME,	/* a phandle without its name */
	IMX_M7_F_DT_MEM_NODE,	/* a phandle pointing at no node */
	IMX_M7_F_DT_MEM_RESMEM,	/* ... at a node outside /reserved-memory */
	IMX_M7_F_DT_MEM_REG,	/* ... at a node without reg */
	IMX_M7_F_DT_CLK_NONE,	/* no M7 clock */
	IMX_M7_F_DT_CLK_UNREG,	/* a clock its provider does not register */
	IMX_M7_F_DT_CLK_OTHER,	/* preflight: not the M7 core clock */
	IMX_M7_F_DT_PDS,	/* more power-domains than the binding allows */
	IMX_M7_F_DT_PDS_BAD,	/* power-domains malformed */
	IMX_M7_F_DT_MBOX_BAD,	/* mboxes malformed */
	IMX_M7_F_DT_MBOX_NAMES,	/* mboxes and mbox-names differ in number */
	IMX_M7_F_DT_MBOX_CHAN,	/* mbox-names lacks "tx" or "rx" */
	IMX_M7_F_COUNT
};

/*
 * One structured diagnostic. Fields not relevant to @check are left at the
 * values imx_m7_diag_init() gives them (-1 for indices, 0 or "" otherwise).
 */
struct imx_m7_diag {
	enum imx_m7_check check;
	enum imx_m7_field field;	/* what exactly, or IMX_M7_F_NONE */
	int err;		/* the errno returned with it (negative) */
	int seg;		/* program header index, or -1 */
	u32 paddr, vaddr, filesz, memsz;	/* of @seg */
	/*
	 * Offending range [start, end): M7 address for segment checks, CPU
	 * physical address for region-table checks, file offset for
	 * section checks.
	 */
	u64 start, end;
	u64 overflow;		/* bytes past the region's (or 4 GiB's) end */
	int other_seg;		/* overlap: the other segment, or -1 */
	int other_region;	/* overlap: the other range's region, or -1 */
	u64 value;		/* header and rsc checks: the value found */
	/* the value required or the limit; a second vdev: the first's entry */
	u64 expected;
	int section;		/* section header index, or -1 */
	int index;		/* resource table entry, or -1 */
	u32 entry_off;		/* resource table: offset of entry @index */
	int vring;		/* vdev checks: the vring, or -1 */
	int other_vring;	/* notifyid clash: the other vring, or -1 */
	/* (here, not after @end, so that the struct has no holes) */
	int region;		/* index into the region table, or -1 */
	u64 other_start, other_end;	/* overlap: the other range */
	char name[IMX_M7_NAME_LEN];	/* region checks: the declaration */
	/*
	 * region overlap: the other one; an unknown name: the SoC's TCMs;
	 * DT checks: the node a memory-region points at, or a clock's
	 * provider (cut to fit)
	 */
	char other[IMX_M7_NAME_LEN];
	/* DT checks: the SoC whose TCMs and clock the words name, or NULL */
	const struct imx_m7_soc *soc;
};

void imx_m7_diag_init(struct imx_m7_diag *diag);

/* A short stable name for @check ("load-range"), for JSON and logs. */
const char *imx_m7_check_name(enum imx_m7_check check);

/* The name of @field ("e_phoff", "reset PC"); "" for IMX_M7_F_NONE. */
const char *imx_m7_field_name(enum imx_m7_field field);

/*
 * Format @diag in the words the kernel prints with dev_err and m7-preflight
 * prints on stderr: one line saying what is wrong with the numbers, then
 * (segment checks) a line with the segment's p_paddr, p_vaddr, p_filesz and
 * p_memsz, then a "hint:" line where a known cause fits. Lines are separated
 * by '\n'; there is no trailing newline. Returns the length snprintf would
 * have written.
 */
int imx_m7_diag_format(const struct imx_m7_diag *diag,
		       const struct imx_m7_region *regions,
		       unsigned int n_regions, char *buf, size_t len);

/* ---- Region table ------------------------------------------------------ */

/*
 * Turn the DT's declarations into the region table: M7 addresses from
 * @soc's map, CPU addresses and sizes from the DT. Every declaration is
 * checked against the map (name known, size within the hardware window,
 * carve-out inside the M7's DDR window and no-map) and against the others
 * (no two overlap in CPU address space). A "reg" whose CPU address lies in
 * its window on the real SoC gets the M7 address of that part of the
 * window; anywhere else (an emulator's stand-in) it gets the window's
 * start. At most IMX_M7_MAX_REGIONS declarations. Returns the number of
 * regions, or a negative errno with @diag filled in.
 */
int imx_m7_regions_build(const struct imx_m7_soc *soc,
			 const struct imx_m7_decl *decl, unsigned int n_decl,
			 struct imx_m7_region *out, unsigned int max_out,
			 struct imx_m7_diag *diag);

/*
 * Check the shape of our node @node and turn its reg and memory-region
 * entries into at most @max declarations @decl (names pointing into
 * @node's strings): reg-names present, one for each reg entry, at most
 * @max of them; as many memory-region-names as memory-region phandles,
 * each pointing at a /reserved-memory child with a reg; at most @max
 * declarations in all (IMX_M7_E_REGION_COUNT, as imx_m7_regions_build());
 * a well-formed power-domains list of at most IMX_M7_DT_MAX_PDS
 * entries; no mboxes, or a well-formed list with as many mbox-names,
 * "tx" and "rx" among them. The clock is imx_m7_dt_check_clock()'s. Returns the number of
 * declarations, or a negative errno with @diag filled in; its text names
 * no node, the caller puts the node's path before it.
 */
int imx_m7_dt_check(const struct imx_m7_dt_node *node,
		    struct imx_m7_decl *decl, unsigned int max,
		    struct imx_m7_diag *diag);

/*
 * Copy node path @src into @dst of @size bytes (at least 4); a path that
 * does not fit is cut to end in "...", never to a shorter name that looks
 * whole.
 */
void imx_m7_dt_path(char *dst, size_t size, const char *src);

/*
 * Check the node's clock @clk: 0, or a negative errno (@clk->err for a
 * missing clock, -ENODEV otherwise) with @diag filled in. The driver
 * refuses on it; m7-preflight, which cannot see what a clock driver
 * registers, refuses in the same words but warns for
 * IMX_M7_DT_CLK_OTHER.
 */
int imx_m7_dt_check_clock(const struct imx_m7_dt_clk *clk,
			  struct imx_m7_diag *diag);

/*
 * The rpmsg carve-out named @name (translated, never loaded into), or
 * IMX_M7_RPMSG_NONE.
 */
enum imx_m7_rpmsg imx_m7_rpmsg_of(const char *name);

/* Region index containing [da, da + len), or -1. len 0 is never inside. */
int imx_m7_region_find(const struct imx_m7_region *regions,
		       unsigned int n_regions, u64 da, u64 len);

/* ---- The plan ---------------------------------------------------------- */

enum imx_m7_op_kind {
	IMX_M7_OP_COPY,		/* copy @len file bytes from @src */
	IMX_M7_OP_ZERO,		/* write @len zero bytes */
	IMX_M7_OP_VECTOR,	/* write @vector (initial SP, reset PC) */
};

struct imx_m7_op {
	enum imx_m7_op_kind kind;
	int seg;		/* program header index; -1 for VECTOR */
	unsigned int region;	/* index into the region table */
	u32 da;			/* M7 address of the first byte */
	u64 offset;		/* offset of the first byte in the region */
	u32 len;
	u32 src;		/* COPY: file offset */
	u32 vector[2];		/* VECTOR: initial SP, reset PC */
};

struct imx_m7_plan {
	struct imx_m7_op *ops;	/* sorted by segment index, VECTOR last */
	unsigned int n_ops;
	unsigned int n_segments; /* PT_LOAD with p_memsz > 0 */
	u32 entry;		/* e_entry */
};

/*
 * Plan the load of @fw (@size bytes) into @regions. On success returns 0
 * and fills @plan (free with imx_m7_plan_free()). On failure returns a
 * negative errno, fills @diag, and leaves @plan empty:
 *   -ENOEXEC  the file is not a well-formed ELF32 ARM executable (section
 *             headers included, when it has any)
 *   -ERANGE   a segment does not fit the declared regions (or wraps 4 GiB)
 *   -EINVAL   overlapping segments, no loadable segment, no reset vector;
 *             a resource table the core cannot use (as
 *             imx_m7_elf_rsc_table() says, and a vring whose fixed da is
 *             not inside its vdev0vring<n> carve-out in @regions);
 *             or @regions itself is malformed (more than
 *             IMX_M7_MAX_REGIONS, a region empty, wrapping its CPU
 *             addresses or running past M7 address 4 GiB)
 *   -ENOMEM   out of memory
 * The reset-vector rule (docs/planner.md): a segment stores M7 [0, 8), or
 * the first PT_LOAD that stores bytes starts with the vector table, whose
 * {SP, PC} an IMX_M7_OP_VECTOR op writes to ITCM offset 0.
 */
int imx_m7_elf_plan(const u8 *fw, size_t size,
		    const struct imx_m7_region *regions,
		    unsigned int n_regions, struct imx_m7_plan *plan,
		    struct imx_m7_diag *diag);

void imx_m7_plan_free(struct imx_m7_plan *plan);

/*
 * Find the ".resource_table" section of an ELF that imx_m7_elf_plan()
 * accepted. Returns 0 and its file offset, size and M7 address, -ENOENT
 * when there is none, or a negative errno with @diag filled in when the
 * section headers or the table itself are malformed (every offset, count
 * and size bounds-checked). An empty section counts as none (-ENOENT).
 * The section must be SHF_ALLOC and its bytes stored by a PT_LOAD with
 * p_paddr == p_vaddr (IMX_M7_E_RSC_LMA otherwise: the core writes into the
 * table while the M7 runs, so it must be where the firmware reads it); @da
 * is where that segment stores them (p_paddr + offset). Its vdev is checked
 * as imx_m7_rsc_parse() says, without the vring addresses (no region
 * table here: imx_m7_elf_plan() checks those). That PT_LOAD's written range
 * lies in a load region once the plan accepted the image; the caller
 * translates [@da, @da + @len) through the region table.
 */
int imx_m7_elf_rsc_table(const u8 *fw, size_t size, u32 *offset, u32 *len,
			 u32 *da, struct imx_m7_diag *diag);

/* ---- The resource table's vdev ----------------------------------------- */

#define IMX_M7_RSC_ANY		0xffffffff	/* FW_RSC_ADDR_ANY, FW_RSC_NOTIFY_ID_ANY */
/* Vrings per vdev: the core's RVDEV_NUM_VRINGS, carve-outs vdev0vring0/1 */
#define IMX_M7_MAX_VRINGS	2

/* One struct fw_rsc_vdev_vring, as the firmware wrote it. */
struct imx_m7_vring {
	u32 da, align, num, notifyid, reserved;
};

/* What imx_m7_rsc_parse() found in a resource table. */
struct imx_m7_rsc {
	unsigned int num;	/* entries */
	int vdev;		/* entry index of the vdev, or -1: none */
	u32 vdev_off;		/* its offset in the table */
	u32 id, dfeatures, config_len;
	unsigned int n_vrings;
	struct imx_m7_vring vring[IMX_M7_MAX_VRINGS];
};

/*
 * Check the @len-byte resource table @table and return what its vdev
 * holds: the header and offsets as imx_m7_elf_rsc_table() says, then every
 * RSC_VDEV entry (other types are the core's business): at most one vdev;
 * num_of_vrings at most 2, exactly 2 for an rpmsg vdev (id 7); the entry,
 * its vrings and config_len inside the table; each vring's num and align a
 * power of two, its notifyid no other vring's (FW_RSC_NOTIFY_ID_ANY
 * excepted). With @regions, a vring's fixed da must also lie, with the
 * whole ring, inside the carve-out vdev0vring<i> (docs/planner.md).
 * Returns 0, or -EINVAL with @diag filled in (section -1).
 */
int imx_m7_rsc_parse(const u8 *table, u32 len,
		     const struct imx_m7_region *regions,
		     unsigned int n_regions, struct imx_m7_rsc *rsc,
		     struct imx_m7_diag *diag);

/*
 * ---- Inside the core ----------------------------------------------------
 * Shared by imx_m7_map.c and imx_m7_elf.c, not part of the interface:
 * the diagnostic setters (imx_m7_diag.c) and the region look-ups
 * (imx_m7_map.c). Layering: elf -> map -> diag, nothing back up.
 */

/*
 * The one setter of a refusal: @check failed with @err (negative) on
 * @field, which holds @value where @expected was required (0 where no
 * number applies). Returns @err. Where it happened (segment, range,
 * region, section, vring, names) the caller fills in beside it.
 */
int imx_m7_diag_set(struct imx_m7_diag *diag, int err, enum imx_m7_check check,
		    enum imx_m7_field field, u64 value, u64 expected);
/* The diagnostic is about program header @seg, @ph. */
void imx_m7_diag_seg(struct imx_m7_diag *diag, int seg, const Elf32_Phdr *ph);

/* Does @r hold all of [da, da + len)? len 0 never. */
bool imx_m7_region_holds(const struct imx_m7_region *r, u64 da, u64 len);
/* First region holding all of [da, da + len) with all of @flags, or -1. */
int imx_m7_region_find_flags(const struct imx_m7_region *regions,
			     unsigned int n, u64 da, u64 len, unsigned int flags);
/* The region nearest to @da (the one holding it, if any), or -1. */
int imx_m7_region_nearest(const struct imx_m7_region *regions, unsigned int n,
			  u64 da);

#endif /* IMX_M7_ELF_H */
