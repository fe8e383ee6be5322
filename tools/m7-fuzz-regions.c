// SPDX-License-Identifier: GPL-2.0
/*
 * The fuzzers' model of imx_m7_regions_build(), written from the address
 * model in docs/planner.md (not from imx_m7_elf.c), and the comparison of
 * the two. A table the builder accepts must be exactly the model's; a
 * declaration list it refuses must be refused by the model with the same
 * check.
 */
#include "m7-fuzz.h"

#define M7_4G	0x100000000ULL
#define M7_LOAD	IMX_M7_REGION_LOAD
#define M7_TCM	(IMX_M7_REGION_LOAD | IMX_M7_REGION_IOMEM)

/*
 * The i.MX8MP windows (docs/planner.md, "Address model"), each with its
 * second M7 view: a whole one (OCRAM's system bus: same memory, same
 * offset) or a part (the DDR code-bus alias of CPU 0x40000000..0x4ffdffff).
 */
struct model_window {
	const char *name;
	u32 da;
	u64 pa, size;
	unsigned int flags;
	bool alias;		/* has a second view */
	u32 alias_da;		/* M7 address of the view's first byte */
	u64 alias_pa, alias_size;
};

static const struct model_window model_map[] = {
	{ "itcm",  0x00000000, 0x007e0000, 0x00020000, M7_TCM, false, 0, 0, 0 },
	{ "dtcm",  0x20000000, 0x00800000, 0x00020000, M7_TCM, false, 0, 0, 0 },
	{ "ocram", 0x00900000, 0x00900000, 0x00090000, M7_LOAD,
	  true, 0x20200000, 0x00900000, 0x00090000 },
	{ "ddr",   0x40000000, 0x40000000, 0x80000000, M7_LOAD,
	  true, 0x10000000, 0x40000000, 0x0ffe0000 },
};

/* The rpmsg carve-outs by memory-region-names entry, and the role of each. */
static const struct {
	const char *name;
	enum imx_m7_rpmsg role;
} model_rpmsg[] = {
	{ "vdev0vring0", IMX_M7_RPMSG_VRING0 },
	{ "vdev0vring1", IMX_M7_RPMSG_VRING1 },
	{ "vdev0buffer", IMX_M7_RPMSG_BUFFER },
	{ "rsc-table", IMX_M7_RPMSG_RSC_TABLE },
};

void m7_fuzz_fail(const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "m7-fuzz: check failed: ");
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fprintf(stderr, "\n");
	abort();
}

#ifdef M7_FUZZ_PLANT
bool m7_fuzz_planted(const char *name)
{
	const char *p = getenv("M7_FUZZ_PLANT");

	return p && !strcmp(p, name);
}
#endif

/* The rpmsg role of a memory-region named @name: IMX_M7_RPMSG_NONE if none. */
static enum imx_m7_rpmsg model_rpmsg_role(const char *name)
{
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(model_rpmsg); i++)
		if (!strcmp(name, model_rpmsg[i].name))
			return model_rpmsg[i].role;
	return IMX_M7_RPMSG_NONE;
}

/* The window a declaration names, or NULL; *@load: a load target. */
static const struct model_window *model_window(const struct imx_m7_decl *d,
					       bool *load)
{
	const char *n = d->name;

	*load = true;
	if (d->kind == IMX_M7_DECL_REG) {
		if (!strcmp(n, "itcm"))
			return &model_map[0];
		if (!strcmp(n, "dtcm"))
			return &model_map[1];
		if (!strcmp(n, "ocram"))
			return &model_map[2];
		return NULL;
	}
	if (!strcmp(n, "ddr") ||
	    (!strncmp(n, "ddr", 3) && n[3] >= '0' && n[3] <= '7' && !n[4]))
		return &model_map[3];
	*load = false;
	return model_rpmsg_role(n) ? &model_map[3] : NULL;
}

struct model {
	struct imx_m7_region r[2 * IMX_M7_MAX_REGIONS + 2];
	unsigned int n;
	enum imx_m7_check check;	/* IMX_M7_OK: accepted */
};

/* Does [pa, pa + size) touch the real CPU range of a TCM or OCRAM window? */
static bool model_on_reg_window(u64 pa, u64 size)
{
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(model_map); i++)
		if (strcmp(model_map[i].name, "ddr") &&
		    pa < model_map[i].pa + model_map[i].size &&
		    model_map[i].pa < pa + size)
			return true;
	return false;
}

/* The checks of one declaration alone, in the order docs/planner.md gives. */
static enum imx_m7_check model_decl(const struct imx_m7_decl *d,
				    const struct model_window **wp,
				    bool *load, bool *inside)
{
	const struct model_window *w;
	bool fits;

	*wp = w = model_window(d, load);
	if (!w)
		return IMX_M7_E_REGION_NAME;
	if (!d->size || d->pa > ~0ULL - d->size || d->size > w->size)
		return IMX_M7_E_REGION_SIZE;
	*inside = d->pa >= w->pa && d->pa < w->pa + w->size;
	fits = *inside && d->pa + d->size <= w->pa + w->size;
	if (d->kind == IMX_M7_DECL_CARVEOUT && !fits)
		return IMX_M7_E_REGION_WINDOW;
	if (*inside && !fits)
		return IMX_M7_E_REGION_SIZE;
	if (d->kind == IMX_M7_DECL_REG && !*inside &&
	    model_on_reg_window(d->pa, d->size))
		return IMX_M7_E_REGION_WINDOW;
	if (d->kind == IMX_M7_DECL_CARVEOUT && !d->no_map)
		return IMX_M7_E_REGION_NOMAP;
	return IMX_M7_OK;
}

static bool model_has_name(const struct model *m, const char *name)
{
	unsigned int i;

	for (i = 0; i < m->n; i++)
		if (!strcmp(m->r[i].name, name))
			return true;
	return false;
}

/* Append declaration @d (and its second view); the check that fails. */
static enum imx_m7_check model_add(struct model *m, const struct imx_m7_decl *d,
				   unsigned int max_out)
{
	const struct model_window *w;
	struct imx_m7_region r = { 0 }, a;
	bool load, inside, alias = false;
	enum imx_m7_check c;
	u64 start, end;

	if (!d->name || strlen(d->name) >= IMX_M7_NAME_LEN)
		return IMX_M7_E_REGION_NAME;
	if (model_has_name(m, d->name))
		return IMX_M7_E_REGION_DUP;
	c = model_decl(d, &w, &load, &inside);
	if (c)
		return c;
	memcpy(r.name, d->name, strlen(d->name) + 1);
	r.da = inside ? w->da + (u32)(d->pa - w->pa) : w->da;
	r.pa = d->pa;
	r.size = d->size;
	r.flags = d->kind == IMX_M7_DECL_REG ? w->flags : load ? M7_LOAD : 0;
	if (d->kind == IMX_M7_DECL_CARVEOUT)
		r.rpmsg = model_rpmsg_role(d->name);
	/* A second view: the same carve-out, of the region just before it. */
	a = r;
	a.flags |= IMX_M7_REGION_ALIAS;
	a.alias_of = m->n;
	if (w->alias && w->alias_size == w->size) {
		a.da = w->alias_da + (r.da - w->da);
		alias = true;
	} else if (w->alias) {
		start = r.pa > w->alias_pa ? r.pa : w->alias_pa;
		end = r.pa + r.size;
		if (end > w->alias_pa + w->alias_size)
			end = w->alias_pa + w->alias_size;
		if (start < end) {
			a.pa = start;
			a.size = end - start;
			a.da = w->alias_da + (u32)(start - w->alias_pa);
			alias = true;
		}
	}
	if (m->n + 1 + alias > max_out)
		return IMX_M7_E_REGION_COUNT;
	m->r[m->n++] = r;
	if (alias)
		m->r[m->n++] = a;
	return IMX_M7_OK;
}

static void model_build(struct model *m, const struct imx_m7_decl *decl,
			unsigned int n_decl, unsigned int max_out)
{
	unsigned int i, j;

	m->n = 0;
	m->check = IMX_M7_E_REGION_COUNT;
	if (n_decl > IMX_M7_MAX_REGIONS)
		return;
	if (max_out > IMX_M7_MAX_REGIONS)
		max_out = IMX_M7_MAX_REGIONS;
	for (i = 0; i < n_decl; i++) {
		m->check = model_add(m, &decl[i], max_out);
		if (m->check)
			return;
	}
	/* Declarations (not their second views) share no CPU memory. */
	m->check = IMX_M7_E_REGION_OVERLAP;
	for (i = 0; i < m->n; i++)
		for (j = 0; j < i; j++)
			if (!((m->r[i].flags | m->r[j].flags) &
			      IMX_M7_REGION_ALIAS) &&
			    m->r[i].pa < m->r[j].pa + m->r[j].size &&
			    m->r[j].pa < m->r[i].pa + m->r[i].size)
				return;
	m->check = IMX_M7_E_REGION_MISSING;
	if (!model_has_name(m, "itcm") || !model_has_name(m, "dtcm"))
		return;
	m->check = IMX_M7_OK;
}

/* What every table the builder returns must be, whatever the model says. */
static void check_table(const struct imx_m7_region *r, unsigned int n)
{
	unsigned int i, j;

	for (i = 0; i < n; i++) {
		if (!r[i].size || r[i].pa > ~0ULL - r[i].size ||
		    r[i].size > M7_4G - r[i].da)
			m7_fuzz_fail("region %u %s: da 0x%x pa 0x%llx size 0x%llx wraps or is empty",
				     i, r[i].name, r[i].da, r[i].pa, r[i].size);
		/* M7 windows are disjoint, so are the regions' M7 ranges. */
		for (j = 0; j < i; j++)
			if (r[i].da < r[j].da + r[j].size &&
			    r[j].da < r[i].da + r[i].size)
				m7_fuzz_fail("regions %u %s and %u %s overlap in M7 address space",
					     j, r[j].name, i, r[i].name);
	}
}

int m7_fuzz_regions(const struct imx_m7_decl *decl, unsigned int n_decl,
		    unsigned int max_out, struct imx_m7_region **out)
{
	static struct model m;
	struct imx_m7_diag diag;
	unsigned int i;
	int n;

	*out = malloc(IMX_M7_MAX_REGIONS * sizeof(**out));
	if (!*out)
		abort();
	n = imx_m7_regions_build(&imx_m7_soc_imx8mp, decl, n_decl, *out,
				 max_out, &diag);
	model_build(&m, decl, n_decl, max_out);
	if (m7_fuzz_planted("model-alias") && m.check == IMX_M7_OK)
		for (i = 0; i < m.n; i++)
			if (m.r[i].flags & IMX_M7_REGION_ALIAS)
				m.r[i].da++;
	if (m7_fuzz_planted("alias-of") && m.check == IMX_M7_OK)
		for (i = 0; i < m.n; i++)
			if (m.r[i].flags & IMX_M7_REGION_ALIAS)
				m.r[i].alias_of++;
	if (m7_fuzz_planted("rpmsg-role") && m.check == IMX_M7_OK)
		for (i = 0; i < m.n; i++)
			if (m.r[i].rpmsg == IMX_M7_RPMSG_VRING0)
				m.r[i].rpmsg = IMX_M7_RPMSG_VRING1;
	if (n < 0) {
		if (n != diag.err || n != -EINVAL)
			m7_fuzz_fail("regions_build returned %d, diag.err %d", n,
				     diag.err);
		if (m.check != diag.check)
			m7_fuzz_fail("regions_build refused with %s (region %s), the model says %s",
				     imx_m7_check_name(diag.check), diag.name,
				     imx_m7_check_name(m.check));
		free(*out);
		*out = NULL;
		return -1;
	}
	if (m.check != IMX_M7_OK)
		m7_fuzz_fail("regions_build accepted %d regions, the model refuses: %s",
			     n, imx_m7_check_name(m.check));
	if (diag.check != IMX_M7_OK)
		m7_fuzz_fail("regions_build accepted with diag.check %s",
			     imx_m7_check_name(diag.check));
	if ((unsigned int)n != m.n)
		m7_fuzz_fail("regions_build made %d regions, the model %u", n,
			     m.n);
	for (i = 0; i < m.n; i++) {
		const struct imx_m7_region *a = &(*out)[i], *b = &m.r[i];

		if (strcmp(a->name, b->name) || a->da != b->da ||
		    a->pa != b->pa || a->size != b->size ||
		    a->flags != b->flags)
			m7_fuzz_fail("region %u: built %s da 0x%x pa 0x%llx size 0x%llx flags 0x%x, model %s da 0x%x pa 0x%llx size 0x%llx flags 0x%x",
				     i, a->name, a->da, a->pa, a->size, a->flags,
				     b->name, b->da, b->pa, b->size, b->flags);
		/* Its roles: the region it views, the rpmsg carve-out it is. */
		if (a->alias_of != b->alias_of || a->rpmsg != b->rpmsg)
			m7_fuzz_fail("region %u %s: built alias_of %u rpmsg %d, model alias_of %u rpmsg %d",
				     i, a->name, a->alias_of, a->rpmsg,
				     b->alias_of, b->rpmsg);
	}
	check_table(*out, n);
	return n;
}
