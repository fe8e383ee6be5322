// SPDX-License-Identifier: GPL-2.0
/*
 * m7-preflight: check an M7 firmware ELF on the build host, with the
 * driver's own planner (imx_m7_elf.c), before it reaches the board.
 *
 *   m7-preflight [--soc SOC] [--region NAME:DA:PA:SIZE]... [--dtb FILE]
 *                [--json] FW.elf
 *
 * The SoC (imx8mp, imx8mn, imx8mm: its address map and TCM names) is
 * --soc's, or that of our node's compatible in --dtb, else imx8mp.
 * Regions: given one by one with --region (M7 address, CPU address, size,
 * hex or decimal); or read from our node (compatible
 * "imx-m7-rproc,imx8mp-cm7", "imx-m7-rproc,imx8mn-cm7" or
 * "imx-m7-rproc,imx8mm-cm4") in a DTB with libfdt; or, with neither, the
 * SoC's two TCMs whole and the 16 MiB DDR carve-out "ddr" at 0x80000000,
 * as the Verdin overlays give them. All three go through
 * imx_m7_regions_build(), as the driver's declarations do at probe.
 *
 * Exit: 0 accepted, 1 refused (the kernel's diagnostic on stderr), 2 usage
 * or I/O error, or a --dtb node the driver refuses at probe (its shape,
 * imx_m7_dt_check(): the firmware is never planned against it).
 */
#include <getopt.h>
#include <libfdt.h>

#include "m7_shim.h"
#include "imx_m7_elf.h"

#define MAX_FW_SIZE	(256u << 20)

/*
 * The defaults: the SoC's code and data TCM (CPU 0x7e0000 and 0x800000,
 * 128 KiB each, on all three) and the overlays' 16 MiB DDR carve-out.
 */
static void default_decls(const struct imx_m7_soc *soc,
			  struct imx_m7_decl *d)
{
	const struct imx_m7_decl ddr = {
		IMX_M7_DECL_CARVEOUT, "ddr", 0x80000000, 0x1000000, true
	};
	unsigned int i;

	for (i = 0; i < 2; i++) {
		d[i].kind = IMX_M7_DECL_REG;
		d[i].name = soc->tcm[i];
		d[i].pa = i ? 0x800000 : 0x7e0000;
		d[i].size = 0x20000;
		d[i].no_map = false;
	}
	d[2] = ddr;
}

struct preflight {
	const struct imx_m7_soc *soc;	/* --soc's, or NULL: --dtb's, imx8mp */
	struct imx_m7_region regions[IMX_M7_MAX_REGIONS];
	unsigned int n_regions;
	const char *dtb;
	const char *fw_path;
	bool json;
	u32 rsc_da, rsc_len;	/* the resource table; rsc_len 0: none */
};

/* On @f: stdout for --help (exit 0), stderr for a usage error (exit 2). */
static void print_usage(FILE *f)
{
	fprintf(f,
		"usage: m7-preflight [--soc SOC] [--region NAME:DA:PA:SIZE]... [--dtb FILE] [--json] FIRMWARE.elf\n"
		"  --soc     imx8mp (the default), imx8mn (Cortex-M7) or imx8mm (Cortex-M4):\n"
		"            the address map and TCM names; --dtb's compatible gives it too\n"
		"  --region  a region the M7 may be loaded into: its name, M7 address,\n"
		"            CPU physical address and size (hex 0x... or decimal)\n"
		"  --dtb     read the regions from the imx-m7-rproc node of this DTB\n"
		"  --json    print the plan (or the refusal) as JSON\n"
		"Without --region or --dtb: the SoC's two TCMs (itcm and dtcm, imx8mm: tcml\n"
		"and tcmu) and 16 MiB ddr at 0x80000000, as the Verdin overlays give them.\n"
		"Exit: 0 accepted, 1 refused, 2 usage or I/O error (or a --dtb node\n"
		"the driver refuses at probe).\n");
}

/* Hex with 0x, else decimal; the whole string, no sign, no overflow. */
static bool parse_num(const char *s, u64 *v)
{
	int base = 10;
	char *end;

	if (s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) {
		base = 16;
		s += 2;
	}
	if (!*s || *s == '-' || *s == '+' || *s == ' ')
		return false;
	errno = 0;
	*v = strtoull(s, &end, base);
	return !errno && !*end;
}

static int parse_region(const char *arg, struct imx_m7_region *r)
{
	char buf[128], *field[4], *save = NULL, *p = buf;
	u64 da, pa, size;
	int i;

	if (strlen(arg) >= sizeof(buf))
		return -1;
	strscpy(buf, arg, sizeof(buf));
	for (i = 0; i < 4; i++, p = NULL) {
		field[i] = strtok_r(p, ":", &save);
		if (!field[i])
			return -1;
	}
	if (strtok_r(NULL, ":", &save) || strlen(field[0]) >= IMX_M7_NAME_LEN ||
	    !parse_num(field[1], &da) || !parse_num(field[2], &pa) ||
	    !parse_num(field[3], &size) || !size || da > U32_MAX ||
	    size > 0x100000000ULL - da || pa > ~0ULL - size)
		return -1;
	memset(r, 0, sizeof(*r));
	strscpy(r->name, field[0], sizeof(r->name));
	r->da = da;
	r->pa = pa;
	r->size = size;
	return 0;
}

/*
 * The --region arguments, as declarations: a TCM or OCRAM name a "reg",
 * any other name a no-map carve-out, as a device tree declares them. A
 * later --region with an earlier one's name, CPU address and size but
 * another M7 address is a second view of the same memory (OCRAM's two
 * buses): it declares nothing new, and must be a view the builder makes.
 */
static int args_decls(const struct preflight *pf, struct imx_m7_decl *decl)
{
	const struct imx_m7_window *w;
	unsigned int i, j, n = 0;

	for (i = 0; i < pf->n_regions; i++) {
		const struct imx_m7_region *r = &pf->regions[i], *e;

		for (j = 0; j < i; j++) {
			e = &pf->regions[j];
			if (!strcmp(e->name, r->name) && e->pa == r->pa &&
			    e->size == r->size && e->da != r->da)
				break;
		}
		if (j < i)
			continue;
		decl[n].kind = IMX_M7_DECL_CARVEOUT;
		decl[n].no_map = true;
		for (w = pf->soc->map; w < pf->soc->map + pf->soc->n_map; w++)
			if (strcmp(r->name, "ddr") && !strcmp(r->name, w->name))
				decl[n].kind = IMX_M7_DECL_REG;
		if (decl[n].kind == IMX_M7_DECL_REG)
			decl[n].no_map = false;
		decl[n].name = r->name;
		decl[n].pa = r->pa;
		decl[n].size = r->size;
		n++;
	}
	return n;
}

/* Is @r, as given on the command line, a region of the built table? */
static bool args_match(const struct imx_m7_region *r,
		       const struct imx_m7_region *out, int n)
{
	int i;

	for (i = 0; i < n; i++)
		if (!strcmp(out[i].name, r->name) && out[i].da == r->da &&
		    out[i].pa == r->pa && out[i].size == r->size)
			return true;
	return false;
}

/* The M7 address the builder gave region r's name and CPU address. */
static u32 args_da(const struct imx_m7_region *r,
		   const struct imx_m7_region *out, int n)
{
	int i;

	for (i = 0; i < n; i++)
		if (!strcmp(out[i].name, r->name) && out[i].pa == r->pa)
			return out[i].da;
	return 0;
}

/*
 * --region tables go through imx_m7_regions_build() as --dtb's do: what it
 * refuses in a device tree is a usage error here, and so is an M7 address
 * other than the one the SoC's map gives that CPU address. The table is
 * the builder's, its roles (load, second view, iomem) included.
 */
static int args_regions(struct preflight *pf)
{
	struct imx_m7_region out[IMX_M7_MAX_REGIONS];
	struct imx_m7_decl decl[IMX_M7_MAX_REGIONS];
	struct imx_m7_diag diag;
	char msg[IMX_M7_DIAG_LEN];
	unsigned int i;
	int n;

	n = imx_m7_regions_build(pf->soc, decl, args_decls(pf, decl), out,
				 IMX_M7_MAX_REGIONS, &diag);
	if (n < 0) {
		imx_m7_diag_format(&diag, NULL, 0, msg, sizeof(msg));
		fprintf(stderr, "m7-preflight: --region: %s\n", msg);
		return -1;
	}
	for (i = 0; i < pf->n_regions; i++) {
		if (args_match(&pf->regions[i], out, n))
			continue;
		fprintf(stderr, "m7-preflight: --region %s:0x%x:0x%llx:0x%llx: the M7 does not see CPU 0x%llx at 0x%x; the %s map gives %s at M7 0x%x\n",
			pf->regions[i].name, pf->regions[i].da,
			pf->regions[i].pa, pf->regions[i].size,
			pf->regions[i].pa, pf->regions[i].da, pf->soc->name,
			pf->regions[i].name, args_da(&pf->regions[i], out, n));
		return -1;
	}
	memcpy(pf->regions, out, n * sizeof(*out));
	pf->n_regions = n;
	return 0;
}

static u8 *read_file(const char *path, size_t *size)
{
	FILE *f = fopen(path, "rb");
	u8 *buf = NULL;
	long len;

	if (!f) {
		fprintf(stderr, "m7-preflight: %s: %s\n", path, strerror(errno));
		return NULL;
	}
	len = fseek(f, 0, SEEK_END) ? -1 : ftell(f);
	if (len < 0 || fseek(f, 0, SEEK_SET) ||
	    (unsigned long)len > MAX_FW_SIZE) {
		fprintf(stderr, "m7-preflight: %s: cannot read (or larger than %u MiB)\n",
			path, MAX_FW_SIZE >> 20);
		goto out_close;
	}
	buf = malloc(len ? len : 1);
	if (!buf || fread(buf, 1, len, f) != (size_t)len) {
		fprintf(stderr, "m7-preflight: %s: read error\n", path);
		free(buf);
		buf = NULL;
		goto out_close;
	}
	*size = len;
out_close:
	fclose(f);
	return buf;
}

/* ---- --dtb: our node, read as the driver reads it ----------------------- */

static u64 fdt_cells(const fdt32_t *p, int cells)
{
	u64 v = 0;

	while (cells--)
		v = v << 32 | fdt32_to_cpu(*p++);
	return v;
}

/*
 * Translate @addr, an address on the bus of @bus's children, to the CPU's
 * through every "ranges" up to the root, as of_address_to_resource() does:
 * an empty "ranges" is one to one, none at all means no translation.
 */
static int fdt_translate(const void *fdt, int bus, u64 *addr, u64 size)
{
	while (bus > 0) {
		int parent = fdt_parent_offset(fdt, bus);
		int ac = fdt_address_cells(fdt, bus);
		int sc = fdt_size_cells(fdt, bus);
		int pac = fdt_address_cells(fdt, parent);
		const fdt32_t *r;
		int len, n, k;

		r = fdt_getprop(fdt, bus, "ranges", &len);
		if (!r || parent < 0 || ac < 1 || ac > 2 || sc < 0 || sc > 2 ||
		    pac < 1 || pac > 2)
			return -1;
		n = len / (int)((ac + pac + sc) * sizeof(*r));
		for (k = 0; k < n; k++, r += ac + pac + sc) {
			u64 child = fdt_cells(r, ac);
			u64 to = fdt_cells(r + ac, pac);
			u64 span = sc ? fdt_cells(r + ac + pac, sc) : 0;

			if (*addr >= child && *addr - child < span &&
			    size <= span - (*addr - child)) {
				*addr = to + (*addr - child);
				break;
			}
		}
		if (n && k == n)
			return -1;
		bus = parent;
	}
	return 0;
}

/* The @i-th (address, size) pair of @node's "reg", as a CPU address. */
static int fdt_reg(const void *fdt, int node, int i, u64 *addr, u64 *size)
{
	int parent = fdt_parent_offset(fdt, node);
	int ac = fdt_address_cells(fdt, parent);
	int sc = fdt_size_cells(fdt, parent);
	const fdt32_t *reg;
	int len;

	reg = fdt_getprop(fdt, node, "reg", &len);
	if (!reg || ac < 1 || ac > 2 || sc < 1 || sc > 2 ||
	    len < (int)((i + 1) * (ac + sc) * sizeof(*reg)))
		return -1;
	reg += i * (ac + sc);
	*addr = fdt_cells(reg, ac);
	*size = fdt_cells(reg + ac, sc);
	return fdt_translate(fdt, parent, addr, *size);
}

/* @node's path, for messages in the driver's words (its %pOF). */
static const char *fdt_path(const void *fdt, int node)
{
	static char path[256];

	if (fdt_get_path(fdt, node, path, sizeof(path)))
		strscpy(path, "?", sizeof(path));
	return path;
}

/*
 * Our node's shape, read as the driver's probe reads it (imx_m7_rproc.c,
 * the of_* API) into the core's description, which imx_m7_dt_check()
 * judges for both: the same trees refused in the same words.
 */
static void dtb_shape_reg(const void *fdt, int node,
			  struct imx_m7_dt_node *dt)
{
	u64 pa, size;
	int i;

	dt->n_reg_names = fdt_stringlist_count(fdt, node, "reg-names");
	for (i = 0; i < dt->n_reg_names && i < IMX_M7_MAX_REGIONS; i++)
		dt->reg_name[i] = fdt_stringlist_get(fdt, node, "reg-names", i,
						     NULL);
	for (i = 0; i <= IMX_M7_MAX_REGIONS; i++) {
		if (fdt_reg(fdt, node, i, &pa, &size))
			break;
		if (i < IMX_M7_MAX_REGIONS) {
			dt->reg_pa[i] = pa;
			dt->reg_size[i] = size;
		}
	}
	dt->n_reg = i;
}

/* Memory-region phandle @phandle (entry @i): what it points at. */
static void dtb_shape_mem(const void *fdt, int node, int i, u32 phandle,
			  struct imx_m7_dt_mem *m)
{
	int resmem = fdt_path_offset(fdt, "/reserved-memory");
	int target = fdt_node_offset_by_phandle(fdt, phandle);

	m->name = fdt_stringlist_get(fdt, node, "memory-region-names", i,
				     NULL);
	m->found = target >= 0;
	if (!m->found)
		return;
	imx_m7_dt_path(m->target, sizeof(m->target), fdt_path(fdt, target));
	m->resmem = resmem >= 0 && fdt_parent_offset(fdt, target) == resmem;
	m->has_reg = !fdt_reg(fdt, target, 0, &m->pa, &m->size);
	m->no_map = fdt_getprop(fdt, target, "no-map", NULL);
}

/*
 * The entry at @p of a phandle list ending at @end, read as the kernel's
 * of_phandle_iterator_next() reads it: phandle 0 is an empty entry of no
 * cells; any other phandle is followed by as many cells as its provider's
 * @cells (a u32) says. Returns that count with *@prov the provider (or
 * -1 for phandle 0), or -EINVAL where the kernel gives up: no node has
 * the phandle, the provider has no @cells u32, or its cells run past
 * @end.
 */
static int dtb_phandle_entry(const void *fdt, const fdt32_t *p,
			     const fdt32_t *end, const char *cells, int *prov)
{
	u32 phandle = fdt32_to_cpu(*p), count;
	const fdt32_t *c;
	int len;

	*prov = -1;
	if (!phandle)
		return 0;
	*prov = fdt_node_offset_by_phandle(fdt, phandle);
	if (*prov < 0)
		return -EINVAL;
	c = fdt_getprop(fdt, *prov, cells, &len);
	if (!c || len < (int)sizeof(*c))
		return -EINVAL;
	count = fdt32_to_cpu(*c);
	if (count > (u32)(end - p - 1))
		return -EINVAL;
	return count;
}

/*
 * The entries of phandle list @list as of_count_phandle_with_args(...,
 * @cells) counts them: -ENOENT without the property, -EINVAL when an
 * entry is malformed; trailing bytes short of a cell are not read.
 */
static int dtb_count_phandles(const void *fdt, int node, const char *list,
			      const char *cells)
{
	const fdt32_t *p, *end;
	int len, n = 0, count, prov;

	p = fdt_getprop(fdt, node, list, &len);
	if (!p)
		return -ENOENT;
	end = p + len / (int)sizeof(*p);
	for (; p < end; p += count + 1, n++) {
		count = dtb_phandle_entry(fdt, p, end, cells, &prov);
		if (count < 0)
			return count;
	}
	return n;
}

/*
 * The driver refuses at probe a node without a clock, and one whose clock
 * the clock driver does not register (devm_clk_get() gives NULL for it;
 * IMX8MP_CLK_M7_DIV, which downstream trees name, is one). A blob cannot
 * say what a clock driver registers: a clock of the SoC's clock
 * controller (@soc->ccm) other than its core clock (@soc->clk_id, e.g.
 * IMX8MP_CLK_M7_CORE) is IMX_M7_DT_CLK_OTHER.
 */
static void dtb_shape_clock(const void *fdt, int node,
			    const struct imx_m7_soc *soc,
			    struct imx_m7_dt_clk *clk)
{
	const fdt32_t *c;
	int len, prov = -1, cells;

	c = fdt_getprop(fdt, node, "clocks", &len);
	cells = c && len >= (int)sizeof(*c) ?
		dtb_phandle_entry(fdt, c, c + len / sizeof(*c), "#clock-cells",
				  &prov) : -ENOENT;
	if (cells < 0 || prov < 0) {
		/* devm_clk_get() falls back to clkdev, which has none either */
		clk->state = IMX_M7_DT_CLK_NONE;
		clk->err = -ENOENT;
		return;
	}
	if (fdt_node_check_compatible(fdt, prov, soc->ccm))
		return;
	if (cells == 1 && fdt32_to_cpu(c[1]) == soc->clk_id)
		return;
	clk->state = IMX_M7_DT_CLK_OTHER;
	clk->id = cells ? fdt32_to_cpu(c[1]) : 0;
	clk->provider = soc->ccm;
}

static void dtb_shape(const void *fdt, int node, const struct imx_m7_soc *soc,
		      struct imx_m7_dt_node *dt)
{
	const fdt32_t *ph;
	int i, n, len = 0;

	dtb_shape_reg(fdt, node, dt);
	ph = fdt_getprop(fdt, node, "memory-region", &len);
	/* as the driver: a length short of whole phandles is malformed */
	if (ph && len % (int)sizeof(*ph))
		dt->n_mem = -EINVAL;
	else
		dt->n_mem = ph ? len / (int)sizeof(*ph) : 0;
	dt->n_mem_names = fdt_stringlist_count(fdt, node,
					       "memory-region-names");
	for (i = 0; i < dt->n_mem && i < IMX_M7_MAX_REGIONS; i++)
		dtb_shape_mem(fdt, node, i, fdt32_to_cpu(ph[i]), &dt->mem[i]);
	n = dtb_count_phandles(fdt, node, "power-domains",
			       "#power-domain-cells");
	dt->n_pds = n == -ENOENT ? 0 : n;
	n = dtb_count_phandles(fdt, node, "mboxes", "#mbox-cells");
	dt->n_mboxes = n == -ENOENT ? 0 : n;
	dt->n_mbox_names = fdt_stringlist_count(fdt, node, "mbox-names");
	dt->mbox_tx = fdt_stringlist_search(fdt, node, "mbox-names", "tx") >= 0;
	dt->mbox_rx = fdt_stringlist_search(fdt, node, "mbox-names", "rx") >= 0;
	dt->soc = soc;
	dt->clk.soc = soc;
	dtb_shape_clock(fdt, node, soc, &dt->clk);
}

/* The core's words about our node, each line after its path. */
static void dtb_say(const char *what, const char *path,
		    const struct imx_m7_diag *diag)
{
	char buf[IMX_M7_DIAG_LEN], *text = buf, *line;

	imx_m7_diag_format(diag, NULL, 0, buf, sizeof(buf));
	while ((line = strsep(&text, "\n")))
		if (*line)
			fprintf(stderr, "m7-preflight: %s%s: %s\n", what, path,
				line);
}

/*
 * Our node: the first compatible with one of the SoCs' compatibles, with
 * *@soc set to its SoC; or -1 after saying why (none, or not the SoC
 * --soc named in *@soc).
 */
static int dtb_node(const void *fdt, const char *path,
		    const struct imx_m7_soc **soc)
{
	const struct imx_m7_soc *s, *found = NULL;
	int node = -1, off;
	unsigned int i;

	for (i = 0; (s = imx_m7_soc_nth(i)); i++) {
		off = fdt_node_offset_by_compatible(fdt, -1, s->compatible);
		if (off >= 0 && (node < 0 || off < node)) {
			node = off;
			found = s;
		}
	}
	if (node < 0) {
		fprintf(stderr, "m7-preflight: %s: no node compatible with \"%s\", \"%s\" or \"%s\"\n",
			path, imx_m7_soc_nth(0)->compatible,
			imx_m7_soc_nth(1)->compatible,
			imx_m7_soc_nth(2)->compatible);
		return -1;
	}
	if (*soc && *soc != found) {
		fprintf(stderr, "m7-preflight: %s: %s is \"%s\" (%s), not the %s of --soc %s\n",
			path, fdt_path(fdt, node), found->compatible,
			found->name, (*soc)->name, (*soc)->key);
		return -1;
	}
	*soc = found;
	return node;
}

/*
 * All the declarations of our node, at most IMX_M7_MAX_REGIONS (the
 * driver refuses more, in imx_m7_dt_check()'s words, and so do we).
 * Returns their number with *@decl allocated, or -1 after saying why.
 */
static int dtb_decls(const char *path, const struct imx_m7_soc **soc,
		     void **fdt, struct imx_m7_decl **decl)
{
	struct imx_m7_dt_node *dt;
	struct imx_m7_diag diag;
	int node, err, n;
	size_t size;

	*fdt = read_file(path, &size);
	if (!*fdt)
		return -1;
	/*
	 * dtc has written version 17 since 2007. Debian 12's libfdt 1.6.1
	 * fdt_check_full() dereferences NULL on some blobs that claim an
	 * older version (fdt_check_header() passes them): refuse those first.
	 */
	if (size < FDT_V17_SIZE || fdt_magic(*fdt) != FDT_MAGIC ||
	    fdt_version(*fdt) < 17) {
		fprintf(stderr, "m7-preflight: %s: not a version-17 DTB (%s); build it with dtc\n",
			path, size < FDT_V17_SIZE || fdt_magic(*fdt) != FDT_MAGIC ?
			"no DTB header" : "older version");
		return -1;
	}
	err = fdt_check_full(*fdt, size);
	if (err) {
		fprintf(stderr, "m7-preflight: %s: not a valid DTB (%s)\n", path,
			fdt_strerror(err));
		return -1;
	}
	node = dtb_node(*fdt, path, soc);
	if (node < 0)
		return -1;
	dt = calloc(1, sizeof(*dt));
	*decl = calloc(IMX_M7_MAX_REGIONS, sizeof(**decl));
	if (!dt || !*decl) {
		free(dt);
		fprintf(stderr, "m7-preflight: out of memory\n");
		return -1;
	}
	dtb_shape(*fdt, node, *soc, dt);
	n = imx_m7_dt_check(dt, *decl, IMX_M7_MAX_REGIONS, &diag);
	if (n >= 0 && imx_m7_dt_check_clock(&dt->clk, &diag)) {
		/* the driver refuses every one; we cannot see OTHER's fate */
		if (dt->clk.state == IMX_M7_DT_CLK_OTHER)
			dtb_say("warning: ", fdt_path(*fdt, node), &diag);
		else
			n = diag.err;
	}
	free(dt);
	if (n < 0) {
		dtb_say("", fdt_path(*fdt, node), &diag);
		return -1;
	}
	/* the probe's method check (imx_m7_method_pick(): NULL) */
	if (*soc == &imx_m7_soc_imx8mm &&
	    !fdt_getprop(*fdt, node, "syscon", NULL)) {
		fprintf(stderr, "m7-preflight: %s: no syscon: the M4 is started and stopped through SRC_M4RCR only (TF-A has no SiP stop for it); give syscon = <&src>\n",
			fdt_path(*fdt, node));
		return -1;
	}
	return n;
}

/* ---- Output -------------------------------------------------------------- */

static void json_string(const char *s)
{
	putchar('"');
	for (; *s; s++) {
		if (*s == '"' || *s == '\\')
			printf("\\%c", *s);
		else if (*s == '\n')
			printf("\\n");
		else if ((unsigned char)*s < 0x20)
			printf("\\u%04x", *s);
		else
			putchar(*s);
	}
	putchar('"');
}

/* Bytes of each region the plan writes: one pass over the ops. */
static void used_bytes(const struct imx_m7_plan *plan,
		       u64 used[IMX_M7_MAX_REGIONS])
{
	unsigned int i;

	memset(used, 0, IMX_M7_MAX_REGIONS * sizeof(*used));
	for (i = 0; i < plan->n_ops; i++)
		if (plan->ops[i].region < IMX_M7_MAX_REGIONS)
			used[plan->ops[i].region] += plan->ops[i].len;
}

/* One table row: the ops from @i on of one segment in one region. */
static unsigned int print_row(const struct preflight *pf,
			      const struct imx_m7_plan *plan, unsigned int i,
			      const u64 *used)
{
	const struct imx_m7_op *op = &plan->ops[i];
	const struct imx_m7_region *r = &pf->regions[op->region];
	u64 copied = 0, zeroed = 0, end = op->da;
	unsigned int j;
	char seg[16];

	for (j = i; j < plan->n_ops && plan->ops[j].seg == op->seg &&
	     plan->ops[j].region == op->region; j++) {
		if (plan->ops[j].kind == IMX_M7_OP_ZERO)
			zeroed += plan->ops[j].len;
		else
			copied += plan->ops[j].len;
		end = (u64)plan->ops[j].da + plan->ops[j].len;
	}
	if (op->kind == IMX_M7_OP_VECTOR)
		snprintf(seg, sizeof(seg), "vector");
	else
		snprintf(seg, sizeof(seg), "%d", op->seg);
	printf("%-7s [0x%08x, 0x%08llx)   %-12s %#10llx %#10llx %#10llx\n",
	       seg, op->da, end, r->name, copied, zeroed,
	       r->size - used[op->region]);
	if (op->kind == IMX_M7_OP_VECTOR)
		printf("        reset vector: initial SP 0x%08x, reset PC 0x%08x (from the image's vector table)\n",
		       op->vector[0], op->vector[1]);
	return j;
}

static void print_table(const struct preflight *pf,
			const struct imx_m7_plan *plan)
{
	u64 used[IMX_M7_MAX_REGIONS];
	unsigned int i;

	used_bytes(plan, used);
	printf("%s: accepted, %u loadable segments, entry 0x%08x\n",
	       pf->fw_path, plan->n_segments, plan->entry);
	printf("%-7s %-26s %-12s %10s %10s %10s\n", "segment", "M7 range",
	       "region", "copied", "zeroed", "room left");
	for (i = 0; i < plan->n_ops; )
		i = print_row(pf, plan, i, used);
	if (pf->rsc_len)
		printf("resource table: 0x%x bytes at M7 0x%08x (where its segment is loaded)\n",
		       pf->rsc_len, pf->rsc_da);
}

static const char * const op_kind[] = { "copy", "zero", "vector" };

static void print_json_regions(const struct preflight *pf,
			       const struct imx_m7_plan *plan)
{
	u64 used[IMX_M7_MAX_REGIONS];
	unsigned int i;

	used_bytes(plan, used);
	for (i = 0; i < pf->n_regions; i++) {
		const struct imx_m7_region *r = &pf->regions[i];

		printf("%s{\"name\": ", i ? ", " : "");
		json_string(r->name);
		printf(", \"da\": %u, \"pa\": %llu, \"size\": %llu, \"load\": %s, \"alias\": %s, \"room_left\": %llu}",
		       r->da, r->pa, r->size,
		       r->flags & IMX_M7_REGION_LOAD ? "true" : "false",
		       r->flags & IMX_M7_REGION_ALIAS ? "true" : "false",
		       r->size - used[i]);
	}
}

static void print_json_plan(const struct preflight *pf,
			    const struct imx_m7_plan *plan)
{
	unsigned int i;

	printf("{\"file\": ");
	json_string(pf->fw_path);
	printf(", \"verdict\": \"accepted\", \"entry\": %u, \"segments\": %u, \"regions\": [",
	       plan->entry, plan->n_segments);
	print_json_regions(pf, plan);
	printf("], \"ops\": [");
	for (i = 0; i < plan->n_ops; i++) {
		const struct imx_m7_op *op = &plan->ops[i];

		printf("%s{\"kind\": \"%s\", \"segment\": %d, \"region\": ",
		       i ? ", " : "", op_kind[op->kind], op->seg);
		json_string(pf->regions[op->region].name);
		printf(", \"da\": %u, \"offset\": %llu, \"len\": %u",
		       op->da, op->offset, op->len);
		if (op->kind == IMX_M7_OP_COPY)
			printf(", \"src\": %u", op->src);
		if (op->kind == IMX_M7_OP_VECTOR)
			printf(", \"sp\": %u, \"pc\": %u", op->vector[0],
			       op->vector[1]);
		printf("}");
	}
	printf("], \"resource_table\": ");
	if (pf->rsc_len)
		printf("{\"da\": %u, \"len\": %u}", pf->rsc_da, pf->rsc_len);
	else
		printf("null");
	printf("}\n");
}

/* The refusal: the kernel's words on stderr, and JSON on stdout if asked. */
static int refuse(const struct preflight *pf, const struct imx_m7_diag *diag)
{
	struct imx_m7_diag d = *diag;
	char msg[2048];

	d.soc = pf->soc;	/* worded for its core, as the driver words it */
	imx_m7_diag_format(&d, pf->regions, pf->n_regions, msg, sizeof(msg));
	fprintf(stderr, "%s\n", msg);
	if (pf->json) {
		printf("{\"file\": ");
		json_string(pf->fw_path ? pf->fw_path : "");
		printf(", \"verdict\": \"refused\", \"check\": \"%s\", \"field\": ",
		       imx_m7_check_name(diag->check));
		json_string(imx_m7_field_name(diag->field));
		printf(", \"errno\": %d, \"segment\": %d, \"other_segment\": %d, \"entry\": %d, \"vring\": %d, \"message\": ",
		       diag->err, diag->seg, diag->other_seg, diag->index,
		       diag->vring);
		json_string(msg);
		printf("}\n");
	}
	return 1;
}

/* The driver also refuses a malformed .resource_table; so do we. */
static int check_rsc_table(struct preflight *pf, const u8 *fw, size_t size,
			   struct imx_m7_plan *plan, struct imx_m7_diag *diag)
{
	u32 offset;
	int ret;

	ret = imx_m7_elf_rsc_table(fw, size, &offset, &pf->rsc_len,
				   &pf->rsc_da, diag);
	if (ret == -ENOENT) {
		pf->rsc_len = 0;
		return 0;
	}
	if (ret)
		imx_m7_plan_free(plan);
	return ret;
}

/* ---- main ----------------------------------------------------------------- */

static int build_regions(struct preflight *pf)
{
	struct imx_m7_decl *decl = NULL, defaults[3];
	const struct imx_m7_decl *d = defaults;
	struct imx_m7_diag diag;
	void *fdt = NULL;
	int n = ARRAY_SIZE(defaults), ret;

	if (pf->dtb) {
		n = dtb_decls(pf->dtb, &pf->soc, &fdt, &decl);
		d = decl;
	}
	if (!pf->soc)
		pf->soc = &imx_m7_soc_imx8mp;
	if (pf->n_regions)
		return args_regions(pf) ? 2 : 0;
	if (!pf->dtb)
		default_decls(pf->soc, defaults);
	ret = n < 0 ? -1 : imx_m7_regions_build(pf->soc, d, n, pf->regions,
						IMX_M7_MAX_REGIONS, &diag);
	free(decl);
	free(fdt);	/* the names in decl[] point into it */
	if (n < 0)
		return 2;
	if (ret < 0)
		return refuse(pf, &diag);
	pf->n_regions = ret;
	return 0;
}

static int parse_args(int argc, char **argv, struct preflight *pf)
{
	static const struct option longopts[] = {
		{ "soc", required_argument, NULL, 's' },
		{ "region", required_argument, NULL, 'r' },
		{ "dtb", required_argument, NULL, 'd' },
		{ "json", no_argument, NULL, 'j' },
		{ "help", no_argument, NULL, 'h' },
		{ }
	};
	int c;

	while ((c = getopt_long(argc, argv, "", longopts, NULL)) != -1) {
		switch (c) {
		case 'r':
			if (pf->n_regions == IMX_M7_MAX_REGIONS ||
			    parse_region(optarg, &pf->regions[pf->n_regions])) {
				fprintf(stderr, "m7-preflight: bad --region %s (NAME:DA:PA:SIZE, at most %d)\n",
					optarg, IMX_M7_MAX_REGIONS);
				return -1;
			}
			pf->n_regions++;
			break;
		case 'd':
			pf->dtb = optarg;
			break;
		case 's':
			pf->soc = imx_m7_soc_find(optarg);
			if (!pf->soc) {
				fprintf(stderr, "m7-preflight: unknown --soc %s (imx8mp, imx8mn or imx8mm)\n",
					optarg);
				return -1;
			}
			break;
		case 'j':
			pf->json = true;
			break;
		case 'h':
			return 1;
		default:
			return -1;
		}
	}
	if (optind != argc - 1 || (pf->dtb && pf->n_regions))
		return -1;
	pf->fw_path = argv[optind];
	return 0;
}

int main(int argc, char **argv)
{
	struct preflight pf = { };
	struct imx_m7_plan plan;
	struct imx_m7_diag diag;
	size_t size;
	int ret;
	u8 *fw;

	ret = parse_args(argc, argv, &pf);
	if (ret) {
		print_usage(ret > 0 ? stdout : stderr);
		return ret > 0 ? 0 : 2;
	}
	ret = build_regions(&pf);
	if (ret)
		return ret;
	fw = read_file(pf.fw_path, &size);
	if (!fw)
		return 2;
	ret = imx_m7_elf_plan(fw, size, pf.regions, pf.n_regions, &plan,
			      &diag);
	if (!ret)
		ret = check_rsc_table(&pf, fw, size, &plan, &diag);
	free(fw);
	if (ret == -ENOMEM) {
		fprintf(stderr, "m7-preflight: out of memory\n");
		return 2;
	}
	if (ret)
		return refuse(&pf, &diag);
	if (pf.json)
		print_json_plan(&pf, &plan);
	else
		print_table(&pf, &plan);
	imx_m7_plan_free(&plan);
	return 0;
}
