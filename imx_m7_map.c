// SPDX-License-Identifier: GPL-2.0
/*
 * imx_m7_map: the remote cores' address maps and the region table.
 *
 * Each SoC's windows of its remote core (hardware fact: the i.MX8M Plus
 * and i.MX8M Nano Cortex-M7, the i.MX8M Mini Cortex-M4), the device
 * tree's declarations turned into the region table the planner and the driver use (each
 * region's role -- load target, second view, rpmsg carve-out -- set here),
 * and the look-ups in that table. Refusals are filled in through
 * imx_m7_diag.c; nothing here knows ELF. Rules: docs/planner.md.
 */
#ifdef __KERNEL__
#include <linux/errno.h>
#include <linux/export.h>
#include <linux/kernel.h>
#include <linux/string.h>
#include <kunit/visibility.h>
#endif

#include "imx_m7_elf.h"

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
	.key = "imx8mp",
	.compatible = "imx-m7-rproc,imx8mp-cm7",
	.core = "Cortex-M7",
	.map = imx_m7_map_imx8mp,
	.n_map = ARRAY_SIZE(imx_m7_map_imx8mp),
	.tcm = { "itcm", "dtcm" },
	.unit = "M7",
	.firmware = "imx8mp_m7.elf",
	.clk = "IMX8MP_CLK_M7_CORE",
	.clk_id = 305,
	.ccm = "fsl,imx8mp-ccm",
	.clk_unreg = "IMX8MP_CLK_M7_DIV",
};
EXPORT_SYMBOL_IF_KUNIT(imx_m7_soc_imx8mp);

/*
 * The Cortex-M7 of the i.MX8M Nano: the i.MX8M Plus's TCMs and DDR views
 * at the same addresses, a smaller OCRAM. Sources: upstream imx_rproc.c's
 * imx_rproc_att_imx8mn (the table is this SoC's), the i.MX8MN reference
 * manual's CM7 memory map.
 *
 * OCRAM is 512 KiB, 0x900000..0x97ffff: upstream's system-bus lines add
 * up to 512 KiB (0x20000 + 0x20000 + 0x40000); its code-bus lines give
 * the last piece 0x50000, which would run to 0x98ffff, the i.MX8MP's end;
 * TF-A's plat/imx/imx8m/imx8mn/include/platform_def.h puts BL31 at
 * 0x960000..0x97ffff, the last 128 KiB of 512.
 * OCRAM_S is not given to the M7 here: upstream lists it with two sizes
 * (0x9000, 0x8000), and the DT binding names no region for it.
 * The core clock: IMX8MN_CLK_M7_CORE (221) of include/dt-bindings/clock/
 * imx8mn-clock.h, which defines no other M7 clock for a node to name.
 */
static const struct imx_m7_window imx_m7_map_imx8mn[] = {
	/* name      M7 address  CPU address size        flags */
	/* ITCM, code bus: holds the reset vector at M7 address 0 */
	{ "itcm",    0x00000000, 0x007e0000, 0x00020000,
	  IMX_M7_REGION_LOAD | IMX_M7_REGION_IOMEM },
	/* DTCM, system bus */
	{ "dtcm",    0x20000000, 0x00800000, 0x00020000,
	  IMX_M7_REGION_LOAD | IMX_M7_REGION_IOMEM },
	/* OCRAM, 512 KiB, code-bus view */
	{ "ocram",   0x00900000, 0x00900000, 0x00080000, IMX_M7_REGION_LOAD },
	/* OCRAM, system-bus view of the same memory */
	{ "ocram",   0x20200000, 0x00900000, 0x00080000,
	  IMX_M7_REGION_LOAD | IMX_M7_REGION_ALIAS },
	/* DDR, 2 GiB: upstream "DDR (Data)" 0x40000000 */
	{ "ddr",     0x40000000, 0x40000000, 0x80000000, IMX_M7_REGION_LOAD },
	/* DDR code-bus alias: upstream "DDR (Code) - alias" */
	{ "ddr",     0x10000000, 0x40000000, 0x0ffe0000,
	  IMX_M7_REGION_LOAD | IMX_M7_REGION_ALIAS },
};

const struct imx_m7_soc imx_m7_soc_imx8mn = {
	.name = "i.MX8M Nano",
	.key = "imx8mn",
	.compatible = "imx-m7-rproc,imx8mn-cm7",
	.core = "Cortex-M7",
	.map = imx_m7_map_imx8mn,
	.n_map = ARRAY_SIZE(imx_m7_map_imx8mn),
	.tcm = { "itcm", "dtcm" },
	.unit = "M7",
	.firmware = "imx8mn_m7.elf",
	.clk = "IMX8MN_CLK_M7_CORE",
	.clk_id = 221,
	.ccm = "fsl,imx8mn-ccm",
};
EXPORT_SYMBOL_IF_KUNIT(imx_m7_soc_imx8mn);

/*
 * The Cortex-M4 of the i.MX8M Mini, as the M4 sees it. Sources: upstream
 * imx_rproc.c's imx_rproc_att_imx8mq (which "fsl,imx8mm-cm4" uses), the
 * i.MX8MM reference manual's CM4 memory map, U-Boot's imx_bootaux.c
 * (which writes the initial SP and PC at MCU_BOOTROM_BASE_ADDR, arch-imx8m's
 * 0x7e0000: TCML's start as the CPU sees it) and
 * MCUXpresso's MIMX8MM6xxxxx_cm4_ram.ld (m_interrupts at 0x1ffe0000,
 * m_data at 0x20000000).
 *
 * TCML (128 KiB) and TCMU (128 KiB) are contiguous in both views: M4
 * 0x1ffe0000..0x2001ffff is CPU 0x7e0000..0x81ffff (upstream's one
 * "TCML/U" line since 6.11). They stay two regions here: a segment may
 * not span them (docs/planner.md says why). The M4 fetches its reset vector from M4 address 0,
 * which is TCML again ("TCML - alias", code bus): firmware linked at
 * 0x1ffe0000 stores the vector there itself.
 * OCRAM is 256 KiB, 0x900000..0x93ffff (upstream: two 128 KiB lines per
 * bus; TF-A's imx8mm platform_def.h runs BL31 at 0x920000..0x93ffff).
 * OCRAM_S, 32 KiB at 0x180000 (upstream, both buses), is left out as on
 * the i.MX8MN: the binding names no region for it.
 * DDR: "DDR (Data)" 0x40000000, 2 GiB, at its CPU address; the code-bus
 * alias 0x10000000 is CPU 0x40000000 (upstream's "DDR (Code) - alias").
 * The core clock: IMX8MM_CLK_M4_CORE (246) of include/dt-bindings/clock/
 * imx8mm-clock.h; drivers/clk/imx/clk-imx8mm.c points the old M4_SRC,
 * M4_CG and M4_DIV numbers at it, so none of them is left unregistered.
 */
static const struct imx_m7_window imx_m7_map_imx8mm[] = {
	/* name      M4 address  CPU address size        flags */
	/* TCML, code bus: where the M4 image is linked */
	{ "tcml",    0x1ffe0000, 0x007e0000, 0x00020000,
	  IMX_M7_REGION_LOAD | IMX_M7_REGION_IOMEM },
	/* TCML alias at M4 address 0: the reset vector is fetched here */
	{ "tcml",    0x00000000, 0x007e0000, 0x00020000,
	  IMX_M7_REGION_LOAD | IMX_M7_REGION_IOMEM | IMX_M7_REGION_ALIAS },
	/* TCMU, system bus */
	{ "tcmu",    0x20000000, 0x00800000, 0x00020000,
	  IMX_M7_REGION_LOAD | IMX_M7_REGION_IOMEM },
	/* OCRAM, 256 KiB, code-bus view */
	{ "ocram",   0x00900000, 0x00900000, 0x00040000, IMX_M7_REGION_LOAD },
	/* OCRAM, system-bus view of the same memory */
	{ "ocram",   0x20200000, 0x00900000, 0x00040000,
	  IMX_M7_REGION_LOAD | IMX_M7_REGION_ALIAS },
	/* DDR, 2 GiB, at its CPU address */
	{ "ddr",     0x40000000, 0x40000000, 0x80000000, IMX_M7_REGION_LOAD },
	/* DDR code-bus alias: 0x1000_0000 + n is CPU 0x4000_0000 + n */
	{ "ddr",     0x10000000, 0x40000000, 0x0ffe0000,
	  IMX_M7_REGION_LOAD | IMX_M7_REGION_ALIAS },
};

const struct imx_m7_soc imx_m7_soc_imx8mm = {
	.name = "i.MX8M Mini",
	.key = "imx8mm",
	.compatible = "imx-m7-rproc,imx8mm-cm4",
	.core = "Cortex-M4",
	.map = imx_m7_map_imx8mm,
	.n_map = ARRAY_SIZE(imx_m7_map_imx8mm),
	.tcm = { "tcml", "tcmu" },
	.unit = "M4",
	.firmware = "imx8mm_m4.elf",
	.clk = "IMX8MM_CLK_M4_CORE",
	.clk_id = 246,
	.ccm = "fsl,imx8mm-ccm",
};
EXPORT_SYMBOL_IF_KUNIT(imx_m7_soc_imx8mm);

static const struct imx_m7_soc * const imx_m7_socs[] = {
	&imx_m7_soc_imx8mp, &imx_m7_soc_imx8mn, &imx_m7_soc_imx8mm,
};

const struct imx_m7_soc *imx_m7_soc_find(const char *key)
{
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(imx_m7_socs); i++)
		if (key && !strcmp(imx_m7_socs[i]->key, key))
			return imx_m7_socs[i];
	return NULL;
}
EXPORT_SYMBOL_IF_KUNIT(imx_m7_soc_find);

const struct imx_m7_soc *imx_m7_soc_nth(unsigned int i)
{
	return i < ARRAY_SIZE(imx_m7_socs) ? imx_m7_socs[i] : NULL;
}
EXPORT_SYMBOL_IF_KUNIT(imx_m7_soc_nth);

/* Carve-outs for rpmsg: translatable, never a load target. */
static const char * const imx_m7_rpmsg_names[] = {
	[IMX_M7_RPMSG_VRING0] = "vdev0vring0",
	[IMX_M7_RPMSG_VRING1] = "vdev0vring1",
	[IMX_M7_RPMSG_BUFFER] = "vdev0buffer",
	[IMX_M7_RPMSG_RSC_TABLE] = "rsc-table",
};

/* ---- Region table ------------------------------------------------------- */

bool imx_m7_region_holds(const struct imx_m7_region *r, u64 da, u64 len)
{
	return len && da >= r->da && da - r->da < r->size &&
	       len <= r->size - (da - r->da);
}

/* First region holding all of [da, da + len) with all of @flags, or -1. */
int imx_m7_region_find_flags(const struct imx_m7_region *regions,
			     unsigned int n, u64 da, u64 len, unsigned int flags)
{
	unsigned int i;

	for (i = 0; i < n && i < IMX_M7_MAX_REGIONS; i++)
		if ((regions[i].flags & flags) == flags &&
		    imx_m7_region_holds(&regions[i], da, len))
			return i;
	return -1;
}

int imx_m7_region_find(const struct imx_m7_region *regions,
		       unsigned int n_regions, u64 da, u64 len)
{
	return imx_m7_region_find_flags(regions, n_regions, da, len, 0);
}
EXPORT_SYMBOL_IF_KUNIT(imx_m7_region_find);

/* The region nearest to @da (the one holding it, if any), or -1. */
int imx_m7_region_nearest(const struct imx_m7_region *regions, unsigned int n,
			  u64 da)
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

enum imx_m7_rpmsg imx_m7_rpmsg_of(const char *name)
{
	unsigned int i;

	for (i = IMX_M7_RPMSG_NONE + 1; i < ARRAY_SIZE(imx_m7_rpmsg_names); i++)
		if (!strcmp(name, imx_m7_rpmsg_names[i]))
			return i;
	return IMX_M7_RPMSG_NONE;
}
EXPORT_SYMBOL_IF_KUNIT(imx_m7_rpmsg_of);

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
	if (imx_m7_rpmsg_of(d->name))
		return imx_m7_window(soc, "ddr", false);
	return NULL;
}

/* Empty, wrapping, or larger than its window @w: a bad size, whatever pa. */
static int imx_m7_decl_size(const struct imx_m7_decl *d,
			    const struct imx_m7_window *w,
			    struct imx_m7_diag *diag)
{
	if (!d->size)
		return imx_m7_diag_set(diag, -EINVAL, IMX_M7_E_REGION_SIZE,
				       IMX_M7_F_REGION_EMPTY, 0, w->size);
	if (d->pa > ~0ULL - d->size)
		return imx_m7_diag_set(diag, -EINVAL, IMX_M7_E_REGION_SIZE,
				       IMX_M7_F_REGION_WRAP, d->size, w->size);
	if (d->size > w->size)
		return imx_m7_diag_set(diag, -EINVAL, IMX_M7_E_REGION_SIZE,
				       IMX_M7_F_REGION_BIG, d->size, w->size);
	return 0;
}

/*
 * The window a "reg" may name (TCM, OCRAM: not DDR, not a second view)
 * whose real CPU range [pa, pa + size) touches, or NULL.
 */
static const struct imx_m7_window *
imx_m7_reg_window_at(const struct imx_m7_soc *soc, u64 pa, u64 size)
{
	unsigned int i;

	for (i = 0; i < soc->n_map; i++) {
		const struct imx_m7_window *w = &soc->map[i];

		if ((w->flags & IMX_M7_REGION_ALIAS) || !strcmp(w->name, "ddr"))
			continue;
		if (pa < w->pa + w->size && w->pa < pa + size)
			return w;
	}
	return NULL;
}

/*
 * Where @d lies against its window @w. A declaration whose CPU address is
 * in the window on the real SoC must end inside it: a partial TCM or
 * OCRAM, or any carve-out. A "reg" anywhere else is an emulator's
 * stand-in, which must not lie on any TCM or OCRAM of the real SoC (reg
 * entries swapped, or one straddling its window's start: M7 address 0
 * would be written where the M7 does not fetch it). Returns 0 (with
 * *@inside set) or an errno with @diag set.
 */
static int imx_m7_decl_place(const struct imx_m7_soc *soc,
			     const struct imx_m7_decl *d,
			     const struct imx_m7_window *w, bool *inside,
			     struct imx_m7_diag *diag)
{
	u64 off = d->pa - w->pa, end = w->pa + w->size;
	const struct imx_m7_window *on;

	*inside = d->pa >= w->pa && off < w->size;
	if (d->kind != IMX_M7_DECL_REG && (!*inside || d->size > w->size - off))
		return imx_m7_diag_set(diag, -EINVAL, IMX_M7_E_REGION_WINDOW,
				       IMX_M7_F_NONE, w->pa, end);
	if (*inside && d->size > w->size - off) {
		diag->overflow = d->pa + d->size - end;
		return imx_m7_diag_set(diag, -EINVAL, IMX_M7_E_REGION_SIZE,
				       IMX_M7_F_REGION_PAST, d->size, end);
	}
	on = *inside ? NULL : imx_m7_reg_window_at(soc, d->pa, d->size);
	if (on) {
		strscpy(diag->other, on->name, sizeof(diag->other));
		diag->other_start = on->pa;
		diag->other_end = on->pa + on->size;
		return imx_m7_diag_set(diag, -EINVAL, IMX_M7_E_REGION_WINDOW,
				       IMX_M7_F_REGION_STANDIN, w->pa, end);
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
/* An unknown name: the words list @soc's TCM names (in diag->other). */
static int imx_m7_name_fail(const struct imx_m7_soc *soc,
			    const struct imx_m7_decl *d,
			    struct imx_m7_diag *diag)
{
	snprintf(diag->other, sizeof(diag->other), "%s, %s", soc->tcm[0],
		 soc->tcm[1]);
	return imx_m7_diag_set(diag, -EINVAL, IMX_M7_E_REGION_NAME,
			       IMX_M7_F_NONE, d->kind, 0);
}

static const struct imx_m7_window *
imx_m7_decl_region(const struct imx_m7_soc *soc, const struct imx_m7_decl *d,
		   struct imx_m7_region *r, struct imx_m7_diag *diag)
{
	bool reg = d->kind == IMX_M7_DECL_REG, load, inside;
	const struct imx_m7_window *w = imx_m7_decl_window(soc, d, &load);

	if (!w) {
		imx_m7_name_fail(soc, d, diag);
		return NULL;
	}
	if (imx_m7_decl_size(d, w, diag) ||
	    imx_m7_decl_place(soc, d, w, &inside, diag))
		return NULL;
	if (!reg && !d->no_map) {
		imx_m7_diag_set(diag, -EINVAL, IMX_M7_E_REGION_NOMAP,
				IMX_M7_F_NONE, 0, 0);
		return NULL;
	}
	strscpy(r->name, d->name, sizeof(r->name));
	r->da = w->da + (inside ? d->pa - w->pa : 0);
	r->pa = d->pa;
	r->size = d->size;
	r->flags = reg ? w->flags : load ? IMX_M7_REGION_LOAD : 0;
	r->alias_of = 0;
	r->rpmsg = reg ? IMX_M7_RPMSG_NONE : imx_m7_rpmsg_of(d->name);
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
			return imx_m7_diag_set(diag, -EINVAL,
					       IMX_M7_E_REGION_OVERLAP,
					       IMX_M7_F_NONE, 0, 0);
		}
	}
	return 0;
}

/* Both TCMs of @soc must be declared. */
static int imx_m7_regions_required(const struct imx_m7_soc *soc,
				   const struct imx_m7_region *out,
				   unsigned int n, struct imx_m7_diag *diag)
{
	unsigned int i, j;

	for (i = 0; i < ARRAY_SIZE(soc->tcm); i++) {
		for (j = 0; j < n; j++)
			if (!strcmp(out[j].name, soc->tcm[i]))
				break;
		if (j == n) {
			imx_m7_diag_init(diag);
			strscpy(diag->name, soc->tcm[i], sizeof(diag->name));
			return imx_m7_diag_set(diag, -EINVAL,
					       IMX_M7_E_REGION_MISSING,
					       IMX_M7_F_NONE, 0, 0);
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
		return imx_m7_name_fail(soc, d, diag);
	if (imx_m7_regions_have(out, *n, d->name))
		return imx_m7_diag_set(diag, -EINVAL, IMX_M7_E_REGION_DUP,
				       IMX_M7_F_NONE, 0, 0);
	w = imx_m7_decl_region(soc, d, &r, diag);
	if (!w)
		return diag->err;
	has_alias = imx_m7_alias_region(soc, w, &r, &alias);
	if (*n + 1 + has_alias > max_out)
		return imx_m7_diag_set(diag, -EINVAL, IMX_M7_E_REGION_COUNT,
				       IMX_M7_F_COUNT_VIEWS, *n + 1 + has_alias,
				       max_out);
	out[(*n)++] = r;
	if (has_alias) {
		alias.alias_of = *n - 1;
		out[(*n)++] = alias;
	}
	return 0;
}

static int imx_m7_regions_make(const struct imx_m7_soc *soc,
			       const struct imx_m7_decl *decl,
			       unsigned int n_decl, struct imx_m7_region *out,
			       unsigned int max_out, struct imx_m7_diag *diag)
{
	unsigned int i, n = 0;
	int ret;

	imx_m7_diag_init(diag);
	if (n_decl > IMX_M7_MAX_REGIONS)
		return imx_m7_diag_set(diag, -EINVAL, IMX_M7_E_REGION_COUNT,
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
		ret = imx_m7_regions_required(soc, out, n, diag);
	if (ret)
		return ret;
	imx_m7_diag_init(diag);
	return n;
}

int imx_m7_regions_build(const struct imx_m7_soc *soc,
			 const struct imx_m7_decl *decl, unsigned int n_decl,
			 struct imx_m7_region *out, unsigned int max_out,
			 struct imx_m7_diag *diag)
{
	int ret = imx_m7_regions_make(soc, decl, n_decl, out, max_out, diag);

	if (ret < 0)
		diag->soc = soc;	/* a refusal speaks of this SoC's core */
	return ret;
}
EXPORT_SYMBOL_IF_KUNIT(imx_m7_regions_build);

/* ---- Device-tree shape --------------------------------------------------- */

static int imx_m7_dt_refuse(struct imx_m7_diag *diag, enum imx_m7_field field,
			    u64 value, u64 expected)
{
	return imx_m7_diag_set(diag, -EINVAL, IMX_M7_E_DT, field, value,
			       expected);
}

/*
 * The mailbox: none, or as many mbox-names as mboxes entries, "tx" and
 * "rx" among them (others, such as upstream's "rxdb", are not used).
 * Without names the driver would run with no mailbox, RPMsg silent.
 */
static int imx_m7_dt_check_mbox(const struct imx_m7_dt_node *node,
				struct imx_m7_diag *diag)
{
	int names = node->n_mbox_names < 0 ? 0 : node->n_mbox_names;

	if (node->n_mboxes < 0)
		return imx_m7_diag_set(diag, node->n_mboxes, IMX_M7_E_DT,
				       IMX_M7_F_DT_MBOX_BAD, 0, 0);
	if (node->n_mboxes != names)
		return imx_m7_dt_refuse(diag, IMX_M7_F_DT_MBOX_NAMES,
					node->n_mboxes, names);
	if (names && !(node->mbox_tx && node->mbox_rx)) {
		strscpy(diag->other, node->mbox_tx ? "rx" : "tx",
			sizeof(diag->other));
		return imx_m7_dt_refuse(diag, IMX_M7_F_DT_MBOX_CHAN, 0, 0);
	}
	return 0;
}

/* The reg entries, one for each reg-names string: the first checks. */
static int imx_m7_dt_check_reg(const struct imx_m7_dt_node *node,
			       struct imx_m7_decl *decl, unsigned int max,
			       struct imx_m7_diag *diag)
{
	int i, n = node->n_reg_names;

	if (n <= 0)
		return imx_m7_dt_refuse(diag, IMX_M7_F_DT_REG_NAMES, 0, 0);
	if ((unsigned int)n > max)
		return imx_m7_dt_refuse(diag, IMX_M7_F_DT_REG_MAX, n, max);
	if (node->n_reg > n)
		return imx_m7_dt_refuse(diag, IMX_M7_F_DT_REG_MORE, node->n_reg,
					n);
	if (node->n_reg < n)
		return imx_m7_dt_refuse(diag, IMX_M7_F_DT_REG_FEWER, n,
					node->n_reg < 0 ? 0 : node->n_reg);
	for (i = 0; i < n; i++) {
		decl[i].kind = IMX_M7_DECL_REG;
		decl[i].name = node->reg_name[i];
		decl[i].pa = node->reg_pa[i];
		decl[i].size = node->reg_size[i];
		decl[i].no_map = false;
	}
	return n;
}

void imx_m7_dt_path(char *dst, size_t size, const char *src)
{
	strscpy(dst, src, size);
	if (strnlen(src, size) == size)
		strscpy(dst + size - 4, "...", 4);
}
EXPORT_SYMBOL_IF_KUNIT(imx_m7_dt_path);

/* Memory-region phandle @i: named, and a /reserved-memory child's reg. */
static int imx_m7_dt_check_mem(const struct imx_m7_dt_mem *m, int i,
			       struct imx_m7_decl *decl,
			       struct imx_m7_diag *diag)
{
	diag->index = i;
	if (!m->name)
		return imx_m7_dt_refuse(diag, IMX_M7_F_DT_MEM_NAME, 0, 0);
	strscpy(diag->name, m->name, sizeof(diag->name));
	if (!m->found)
		return imx_m7_dt_refuse(diag, IMX_M7_F_DT_MEM_NODE, 0, 0);
	imx_m7_dt_path(diag->other, sizeof(diag->other), m->target);
	if (!m->resmem)
		return imx_m7_dt_refuse(diag, IMX_M7_F_DT_MEM_RESMEM, 0, 0);
	if (!m->has_reg)
		return imx_m7_dt_refuse(diag, IMX_M7_F_DT_MEM_REG, 0, 0);
	decl->kind = IMX_M7_DECL_CARVEOUT;
	decl->name = m->name;
	decl->pa = m->pa;
	decl->size = m->size;
	decl->no_map = m->no_map;
	return 0;
}

int imx_m7_dt_check(const struct imx_m7_dt_node *node,
		    struct imx_m7_decl *decl, unsigned int max,
		    struct imx_m7_diag *diag)
{
	int n_reg, i, ret;

	imx_m7_diag_init(diag);
	diag->soc = node->soc;
	if (max > IMX_M7_MAX_REGIONS)
		max = IMX_M7_MAX_REGIONS;
	n_reg = imx_m7_dt_check_reg(node, decl, max, diag);
	if (n_reg < 0)
		return n_reg;
	if (node->n_mem < 0)
		return imx_m7_diag_set(diag, node->n_mem, IMX_M7_E_DT,
				       IMX_M7_F_DT_MEM, 0, 0);
	if (node->n_mem && node->n_mem_names != node->n_mem)
		return imx_m7_dt_refuse(diag, IMX_M7_F_DT_MEM_NAMES, node->n_mem,
					node->n_mem_names < 0 ? 0 :
					node->n_mem_names);
	if ((unsigned int)(n_reg + node->n_mem) > max)
		return imx_m7_diag_set(diag, -EINVAL, IMX_M7_E_REGION_COUNT,
				       IMX_M7_F_COUNT_DECLS,
				       n_reg + node->n_mem, max);
	for (i = 0; i < node->n_mem; i++) {
		ret = imx_m7_dt_check_mem(&node->mem[i], i, &decl[n_reg + i],
					  diag);
		if (ret)
			return ret;
	}
	if (node->n_pds < 0)
		return imx_m7_diag_set(diag, node->n_pds, IMX_M7_E_DT,
				       IMX_M7_F_DT_PDS_BAD, 0, 0);
	if (node->n_pds > IMX_M7_DT_MAX_PDS)
		return imx_m7_dt_refuse(diag, IMX_M7_F_DT_PDS, node->n_pds,
					IMX_M7_DT_MAX_PDS);
	ret = imx_m7_dt_check_mbox(node, diag);
	if (ret)
		return ret;
	imx_m7_diag_init(diag);
	return n_reg + node->n_mem;
}
EXPORT_SYMBOL_IF_KUNIT(imx_m7_dt_check);

int imx_m7_dt_check_clock(const struct imx_m7_dt_clk *clk,
			  struct imx_m7_diag *diag)
{
	imx_m7_diag_init(diag);
	diag->soc = clk->soc;
	switch (clk->state) {
	case IMX_M7_DT_CLK_OK:
		return 0;
	case IMX_M7_DT_CLK_NONE:
		return imx_m7_diag_set(diag, clk->err ? clk->err : -ENOENT,
				       IMX_M7_E_DT, IMX_M7_F_DT_CLK_NONE, 0, 0);
	case IMX_M7_DT_CLK_UNREGISTERED:
		return imx_m7_diag_set(diag, -ENODEV, IMX_M7_E_DT,
				       IMX_M7_F_DT_CLK_UNREG, 0, 0);
	default:
		strscpy(diag->other, clk->provider ? clk->provider : "?",
			sizeof(diag->other));
		return imx_m7_diag_set(diag, -ENODEV, IMX_M7_E_DT,
				       IMX_M7_F_DT_CLK_OTHER, clk->id, 0);
	}
}
EXPORT_SYMBOL_IF_KUNIT(imx_m7_dt_check_clock);
