// SPDX-License-Identifier: GPL-2.0
/*
 * libFuzzer target over the region builder, the planner, the region
 * lookup and the resource-table walk, built from the same imx_m7_elf.c as
 * the driver:
 *
 *   make -C tools fuzz && tools/m7-fuzz CORPUS_DIR
 *   make fuzz [FUZZ_TIME=600]      (docs/fuzzing.md)
 *
 * One input is a region header, then the firmware ELF:
 *
 *   byte 0        number of declarations: bits 0-4 (0..31; more than
 *                 IMX_M7_MAX_REGIONS must be refused), bits 5-7 unused
 *   byte 1        max_out for imx_m7_regions_build(): 0 means
 *                 IMX_M7_MAX_REGIONS, else max_out = byte - 1
 *   12 bytes per declaration:
 *     +0  u8      bit 0: kind (0 reg, 1 memory-region), bit 1: no-map
 *     +1  u8      name: fuzz_names[byte % ARRAY_SIZE(fuzz_names)]
 *     +2  u8      pa:   fuzz_addrs[byte % ARRAY_SIZE(fuzz_addrs)] + delta
 *     +3  u8      size: fuzz_sizes[byte % ARRAY_SIZE(fuzz_sizes)] + delta
 *     +4  s32 LE  pa delta   (added in 64 bits, wrapping)
 *     +8  s32 LE  size delta (likewise)
 *   the rest      the ELF, copied to a buffer of exactly its size
 *
 * The tables are part of the format: append to them, never reorder.
 *
 * For every input: the builder's verdict is compared with the fuzzer's
 * model of it (m7-fuzz-regions.c). For every table it accepts: the ELF is
 * planned and an accepted plan checked op by op against the program
 * headers and the rules of docs/planner.md (check_plan()); a refusal is
 * formatted; imx_m7_region_find() is compared with a brute-force lookup
 * at the edges of every region and segment; and the resource-table walk
 * is checked against the file and the segments. Any violation aborts.
 */
#include "m7-fuzz.h"

#define M7_4G		0x100000000ULL
#define HDR_LEN		2
#define DECL_LEN	12

/*
 * How far the inputs got, printed at exit when M7_FUZZ_STATS is set, so
 * that a run whose inputs never reach the checks does not pass unseen.
 */
static struct {
	unsigned long inputs, tables, plans, vectors, rsc;
} stats;

static void __attribute__((destructor)) print_stats(void)
{
	if (getenv("M7_FUZZ_STATS"))
		fprintf(stderr, "m7-fuzz: stats: inputs %lu tables %lu plans %lu vector-plans %lu rsc-tables %lu\n",
			stats.inputs, stats.tables, stats.plans,
			stats.vectors, stats.rsc);
}

/* The names the builder knows, then junk it must refuse. Append only. */
static const char * const fuzz_names[] = {
	"itcm", "dtcm", "ocram", "ddr", "ddr0", "ddr1", "ddr2", "ddr3",
	"ddr4", "ddr5", "ddr6", "ddr7", "vdev0vring0", "vdev0vring1",
	"vdev0buffer", "rsc-table",
	NULL, "", "ddr8", "ddr00", "DDR", "itcm ", "ddrx", "rsc-table0",
	"ocram-system-bus-view-of-ocram1",	/* 31 characters: fits */
	"ocram-system-bus-view-of-ocram12",	/* 32: too long */
	"ddr0000000000000000000000000000",	/* 31, looks like ddr */
};

/* CPU addresses: window edges of docs/planner.md and the extremes. */
static const u64 fuzz_addrs[] = {
	0, 0x7e0000, 0x7f0000, 0x800000, 0x810000, 0x900000, 0x940000,
	0x990000, 0x40000000, 0x4ffe0000, 0x50000000, 0x80000000,
	0xc0000000, 0x55000000, 0x7e000000, 0x100000000ULL,
	0x8000000000000000ULL, 0xffffffffffffffffULL,
};

static const u64 fuzz_sizes[] = {
	0, 1, 8, 0x1000, 0x10000, 0x20000, 0x40000, 0x80000, 0x90000,
	0x100000, 0x1000000, 0x0ffe0000, 0x10000000, 0x80000000,
	0x100000000ULL, 0xffffffffffffffffULL,
};

static u32 get32(const u8 *p)
{
	return p[0] | p[1] << 8 | p[2] << 16 | (u32)p[3] << 24;
}

static void decode_decl(const u8 *p, struct imx_m7_decl *d)
{
	d->kind = p[0] & 1 ? IMX_M7_DECL_CARVEOUT : IMX_M7_DECL_REG;
	d->no_map = p[0] & 2;
	d->name = fuzz_names[p[1] % ARRAY_SIZE(fuzz_names)];
	d->pa = fuzz_addrs[p[2] % ARRAY_SIZE(fuzz_addrs)] +
		(u64)(long long)(int)get32(p + 4);
	d->size = fuzz_sizes[p[3] % ARRAY_SIZE(fuzz_sizes)] +
		  (u64)(long long)(int)get32(p + 8);
}

/* ---- Brute force over a region table ------------------------------------ */

/* [da, da + len) wholly inside @r: in 128 bits, nothing can wrap. */
static bool inside(const struct imx_m7_region *r, u64 da, u64 len)
{
	return len && da >= r->da &&
	       (__uint128_t)da + len <=
	       (__uint128_t)r->da + r->size;
}

/* The one region holding [da, da + len), or -1 (M7 ranges are disjoint). */
static int brute_find(const struct imx_m7_region *r, unsigned int n, u64 da,
		      u64 len)
{
	unsigned int i;
	int found = -1;

	for (i = 0; i < n; i++)
		if (inside(&r[i], da, len))
			found = i;
	return found;
}

static void check_find(const struct imx_m7_region *r, unsigned int n, u64 da,
		       u64 len)
{
	int want = brute_find(r, n, da, len);
	int got = imx_m7_region_find(r, n, da, len);

	if (m7_fuzz_planted("find-end") && got >= 0 &&
	    da + len == r[got].da + r[got].size)
		got = -1;	/* upstream's strict '<' */
	if (got != want)
		m7_fuzz_fail("region_find(0x%llx, 0x%llx) = %d, brute force %d",
			     da, len, got, want);
}

/* Lookups at and around [da, da + len): the edges are where bugs live. */
static void probe_range(const struct imx_m7_region *r, unsigned int n, u64 da,
			u64 len)
{
	static const u64 lens[] = { 0, 1, 2, 4, 8 };
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(lens); i++) {
		check_find(r, n, da, lens[i]);
		check_find(r, n, da - lens[i], lens[i]);
		check_find(r, n, da + len - lens[i], lens[i]);
		check_find(r, n, da + len, lens[i]);
	}
	check_find(r, n, da, len);
	check_find(r, n, da, len + 1);
	check_find(r, n, da - 1, len);
	check_find(r, n, da + 1, len);
	check_find(r, n, da, ~0ULL);
	check_find(r, n, da, ~0ULL - da + 1);	/* ends exactly at 2^64 */
}

/* ---- The ELF, read here independently of the planner -------------------- */

struct elf {
	const u8 *fw;
	size_t size;
	Elf32_Ehdr eh;
};

static void elf_phdr(const struct elf *e, unsigned int i, Elf32_Phdr *ph)
{
	memcpy(ph, e->fw + e->eh.e_phoff + (size_t)i * sizeof(*ph),
	       sizeof(*ph));
}

static bool elf_is_load(const Elf32_Phdr *ph)
{
	return ph->p_type == PT_LOAD && ph->p_memsz;
}

/* Is @pc among the bytes an executable PT_LOAD stores at its p_paddr? */
static bool pc_stored_exec(const struct elf *e, u32 pc)
{
	unsigned int i;
	Elf32_Phdr ph;

	for (i = 0; i < e->eh.e_phnum; i++) {
		elf_phdr(e, i, &ph);
		if (elf_is_load(&ph) && (ph.p_flags & PF_X) &&
		    pc >= ph.p_paddr && (u64)pc < (u64)ph.p_paddr + ph.p_filesz)
			return true;
	}
	return false;
}

/* The vector rules of docs/planner.md, rule 3, for {sp, pc}. */
static void check_vector_words(const struct elf *e,
			       const struct imx_m7_region *r, unsigned int n,
			       u32 sp, u32 pc)
{
	if (!(pc & 1))
		m7_fuzz_fail("reset PC 0x%x is not Thumb", pc);
	if (!pc_stored_exec(e, pc & ~1U))
		m7_fuzz_fail("reset PC 0x%x not stored by a PF_X PT_LOAD", pc);
	if ((sp & 3) || sp < 4 || brute_find(r, n, sp - 4, 4) < 0)
		m7_fuzz_fail("initial SP 0x%x: not a stack top in a region", sp);
}

/* ---- The plan checker ----------------------------------------------------- */

struct cpu_range {
	u64 pa, end;
	unsigned int op;
};

static int cpu_range_cmp(const void *a, const void *b)
{
	const struct cpu_range *x = a, *y = b;

	return x->pa < y->pa ? -1 : x->pa > y->pa;
}

/* Every op inside a load region, and no two ops on the same CPU bytes. */
static void check_ops_place(const struct imx_m7_plan *plan,
			    const struct imx_m7_region *r, unsigned int n)
{
	struct cpu_range *cr = calloc(plan->n_ops + 1, sizeof(*cr));
	unsigned int i;

	if (!cr)
		abort();
	for (i = 0; i < plan->n_ops; i++) {
		const struct imx_m7_op *op = &plan->ops[i];
		const struct imx_m7_region *reg;

		if (op->region >= n)
			m7_fuzz_fail("op %u: region %u of %u", i, op->region, n);
		reg = &r[op->region];
		if (!(reg->flags & IMX_M7_REGION_LOAD))
			m7_fuzz_fail("op %u writes %s, not a load region", i,
				     reg->name);
		if (!op->len || !inside(reg, op->da, op->len))
			m7_fuzz_fail("op %u: M7 [0x%x, +0x%x) not inside %s [0x%x, +0x%llx)",
				     i, op->da, op->len, reg->name, reg->da,
				     reg->size);
		if (op->offset != (u64)op->da - reg->da)
			m7_fuzz_fail("op %u: offset 0x%llx, da 0x%x in %s at 0x%x",
				     i, op->offset, op->da, reg->name, reg->da);
		cr[i].pa = reg->pa + op->offset;
		cr[i].end = cr[i].pa + op->len;
		cr[i].op = i;
	}
	qsort(cr, plan->n_ops, sizeof(*cr), cpu_range_cmp);
	for (i = 1; i < plan->n_ops; i++)
		if (cr[i].pa < cr[i - 1].end)
			m7_fuzz_fail("ops %u and %u overlap at CPU 0x%llx",
				     cr[i - 1].op, cr[i].op, cr[i].pa);
	free(cr);
}

/*
 * The ops of segment @seg (from *@i on) are exactly: a COPY of its file
 * bytes to p_paddr, and a ZERO of [p_filesz, p_memsz) there when
 * p_paddr == p_vaddr. Its run range lies in some region.
 */
static void check_seg_ops(const struct elf *e, const struct imx_m7_plan *plan,
			  const struct imx_m7_region *r, unsigned int n,
			  unsigned int seg, unsigned int *i)
{
	const struct imx_m7_op *op;
	Elf32_Phdr ph;

	elf_phdr(e, seg, &ph);
	if (ph.p_filesz) {
		op = *i < plan->n_ops ? &plan->ops[*i] : NULL;
		if (!op || op->kind != IMX_M7_OP_COPY || op->seg != (int)seg)
			m7_fuzz_fail("segment %u: no COPY op at op %u", seg, *i);
		if (op->src != ph.p_offset || op->len != ph.p_filesz ||
		    op->da != ph.p_paddr ||
		    (u64)op->src + op->len > e->size)
			m7_fuzz_fail("segment %u: COPY src 0x%x len 0x%x da 0x%x, p_offset 0x%x p_filesz 0x%x p_paddr 0x%x, file 0x%zx",
				     seg, op->src, op->len, op->da, ph.p_offset,
				     ph.p_filesz, ph.p_paddr, e->size);
		(*i)++;
	}
	if (ph.p_paddr == ph.p_vaddr && ph.p_memsz > ph.p_filesz) {
		op = *i < plan->n_ops ? &plan->ops[*i] : NULL;
		if (!op || op->kind != IMX_M7_OP_ZERO || op->seg != (int)seg)
			m7_fuzz_fail("segment %u: no ZERO op at op %u", seg, *i);
		if (op->da != ph.p_paddr + ph.p_filesz ||
		    op->len != ph.p_memsz - ph.p_filesz)
			m7_fuzz_fail("segment %u: ZERO da 0x%x len 0x%x, p_paddr 0x%x p_filesz 0x%x p_memsz 0x%x",
				     seg, op->da, op->len, ph.p_paddr,
				     ph.p_filesz, ph.p_memsz);
		(*i)++;
	}
	if (ph.p_paddr != ph.p_vaddr &&
	    brute_find(r, n, ph.p_vaddr, ph.p_memsz) < 0)
		m7_fuzz_fail("segment %u: run range [0x%x, +0x%x) in no region",
			     seg, ph.p_vaddr, ph.p_memsz);
}

/* The first PT_LOAD that stores bytes, or -1. */
static int first_stored(const struct elf *e, Elf32_Phdr *ph)
{
	unsigned int i;

	for (i = 0; i < e->eh.e_phnum; i++) {
		elf_phdr(e, i, ph);
		if (elf_is_load(ph) && ph->p_filesz)
			return i;
	}
	return -1;
}

/*
 * docs/planner.md, the reset vector: either an op writes M7 [0, 8), and
 * its segment starts at 0 and stores all 8 bytes (no VECTOR op); or the
 * last op is the only VECTOR op, at ITCM offset 0, holding the first 8
 * bytes of the first PT_LOAD that stores bytes, its PC e_entry.
 */
static void check_vector(const struct elf *e, const struct imx_m7_plan *plan,
			 const struct imx_m7_region *r, unsigned int n)
{
	const struct imx_m7_op *op = NULL, *vec = NULL;
	unsigned int i;
	Elf32_Phdr ph;
	u32 w[2];
	int seg;

	for (i = 0; i < plan->n_ops; i++) {
		if (plan->ops[i].kind == IMX_M7_OP_VECTOR) {
			if (vec || i != plan->n_ops - 1)
				m7_fuzz_fail("VECTOR op %u: not the one last op",
					     i);
			vec = &plan->ops[i];
		} else if (plan->ops[i].da < 8 && !op) {
			op = &plan->ops[i];
		}
	}
	if (op) {
		elf_phdr(e, op->seg, &ph);
		if (vec || op->kind != IMX_M7_OP_COPY || ph.p_paddr ||
		    ph.p_filesz < 8)
			m7_fuzz_fail("segment %d writes M7 [0, 8) (p_paddr 0x%x p_filesz 0x%x) %s",
				     op->seg, ph.p_paddr, ph.p_filesz,
				     vec ? "and a VECTOR op too" :
				     "without storing all of it");
		memcpy(w, e->fw + ph.p_offset, sizeof(w));
		check_vector_words(e, r, n, w[0], w[1]);
		return;
	}
	if (!vec)
		m7_fuzz_fail("nothing writes M7 [0, 8) and there is no VECTOR op");
	if (vec->seg != -1 || vec->da || vec->len != 8 || vec->offset ||
	    !(r[vec->region].flags & IMX_M7_REGION_LOAD) ||
	    r[vec->region].da)
		m7_fuzz_fail("VECTOR op: seg %d da 0x%x len 0x%x offset 0x%llx region %s at 0x%x",
			     vec->seg, vec->da, vec->len, vec->offset,
			     r[vec->region].name, r[vec->region].da);
	seg = first_stored(e, &ph);
	if (seg < 0 || ph.p_filesz < 8)
		m7_fuzz_fail("VECTOR op without a first stored segment of 8 bytes");
	memcpy(w, e->fw + ph.p_offset, sizeof(w));
	if (m7_fuzz_planted("vector-pc"))
		w[1] ^= 2;
	if (vec->vector[0] != w[0] || vec->vector[1] != w[1] ||
	    w[1] != e->eh.e_entry)
		m7_fuzz_fail("VECTOR {0x%x, 0x%x}, segment %d starts {0x%x, 0x%x}, e_entry 0x%x",
			     vec->vector[0], vec->vector[1], seg, w[0], w[1],
			     e->eh.e_entry);
	check_vector_words(e, r, n, w[0], w[1]);
}

static void check_plan(const struct elf *e, struct imx_m7_plan *plan,
		       const struct imx_m7_region *r, unsigned int n)
{
	unsigned int i = 0, seg, n_load = 0;
	Elf32_Phdr ph;

	if (m7_fuzz_planted("copy-len"))
		for (seg = 0; seg < plan->n_ops; seg++)
			if (plan->ops[seg].kind == IMX_M7_OP_COPY) {
				plan->ops[seg].len++;
				break;
			}
	if (plan->entry != e->eh.e_entry)
		m7_fuzz_fail("plan entry 0x%x, e_entry 0x%x", plan->entry,
			     e->eh.e_entry);
	check_ops_place(plan, r, n);
	/* Ops in segment order, each segment's exactly, then the vector. */
	for (seg = 0; seg < e->eh.e_phnum; seg++) {
		elf_phdr(e, seg, &ph);
		if (!elf_is_load(&ph))
			continue;
		n_load++;
		check_seg_ops(e, plan, r, n, seg, &i);
	}
	if (i < plan->n_ops && plan->ops[i].kind == IMX_M7_OP_VECTOR)
		i++;
	if (i != plan->n_ops)
		m7_fuzz_fail("op %u of %u (seg %d) belongs to no segment", i,
			     plan->n_ops, plan->ops[i].seg);
	if (plan->n_segments != n_load)
		m7_fuzz_fail("n_segments %u, %u PT_LOADs with p_memsz",
			     plan->n_segments, n_load);
	check_vector(e, plan, r, n);
	for (i = 0; i < plan->n_ops && i < 64; i++)
		probe_range(r, n, plan->ops[i].da, plan->ops[i].len);
}

/* ---- The resource table ------------------------------------------------- */

/*
 * On success the table is inside the file, among the bytes a PT_LOAD
 * stores, at that segment's load address; it starts with ver 1; and when
 * the plan accepted the image, a load region holds it.
 */
static void check_rsc(const struct elf *e, const struct imx_m7_region *r,
		      unsigned int n, bool planned)
{
	u32 offset = 0, len = 0, da = 0, k, ver;
	struct imx_m7_diag diag;
	char msg[1024];
	Elf32_Phdr ph;
	int ret, reg;

	ret = imx_m7_elf_rsc_table(e->fw, e->size, &offset, &len, &da, &diag);
	if (ret == -ENOENT)
		return;
	if (ret) {
		if (ret != diag.err || diag.check == IMX_M7_OK)
			m7_fuzz_fail("rsc_table returned %d, diag %s err %d",
				     ret, imx_m7_check_name(diag.check),
				     diag.err);
		imx_m7_diag_format(&diag, r, n, msg, sizeof(msg));
		return;
	}
	stats.rsc++;
	if (m7_fuzz_planted("rsc-da"))
		da += 4;
	if ((u64)offset + len > e->size || len < 16)
		m7_fuzz_fail("rsc table [0x%x, +0x%x) outside the file (0x%zx) or short",
			     offset, len, e->size);
	memcpy(&ver, e->fw + offset, sizeof(ver));
	if (ver != 1)
		m7_fuzz_fail("rsc table ver %u", ver);
	for (k = 0; k < e->eh.e_phnum; k++) {
		elf_phdr(e, k, &ph);
		if (elf_is_load(&ph) && offset >= ph.p_offset &&
		    (u64)offset + len <= (u64)ph.p_offset + ph.p_filesz &&
		    (u64)ph.p_paddr + (offset - ph.p_offset) + len <= M7_4G)
			break;
	}
	if (k == e->eh.e_phnum || da != ph.p_paddr + (offset - ph.p_offset))
		m7_fuzz_fail("rsc table [0x%x, +0x%x) at M7 0x%x: not the stored bytes of a PT_LOAD (first match %u)",
			     offset, len, da, k);
	if (!planned)
		return;
	reg = brute_find(r, n, da, len);
	if (reg < 0 || !(r[reg].flags & IMX_M7_REGION_LOAD))
		m7_fuzz_fail("rsc table M7 [0x%x, +0x%x) of an accepted image in no load region",
			     da, len);
	probe_range(r, n, da, len);
}

/* ---- The planner's verdict, modelled ------------------------------------ */

/* The first load region wholly holding [da, da + len), or -1. */
static int load_region(const struct imx_m7_region *r, unsigned int n, u64 da,
		       u64 len)
{
	int i = brute_find(r, n, da, len);

	return i >= 0 && (r[i].flags & IMX_M7_REGION_LOAD) ? i : -1;
}

static u32 written_len(const Elf32_Phdr *ph)
{
	return ph->p_paddr == ph->p_vaddr ? ph->p_memsz : ph->p_filesz;
}

/* The ELF header checks of docs/planner.md, step 1, in their order. */
static enum imx_m7_check model_ehdr(const struct elf *e)
{
	const Elf32_Ehdr *eh = &e->eh;

	if (e->size < sizeof(*eh))
		return IMX_M7_E_TRUNCATED;
	if (memcmp(eh->e_ident, ELFMAG, SELFMAG))
		return IMX_M7_E_MAGIC;
	if (eh->e_ident[EI_CLASS] != ELFCLASS32)
		return IMX_M7_E_CLASS;
	if (eh->e_ident[EI_DATA] != ELFDATA2LSB)
		return IMX_M7_E_DATA;
	if (eh->e_ident[EI_VERSION] != EV_CURRENT || eh->e_version != EV_CURRENT)
		return IMX_M7_E_VERSION;
	if (eh->e_type != ET_EXEC)
		return IMX_M7_E_TYPE;
	if (eh->e_machine != EM_ARM)
		return IMX_M7_E_MACHINE;
	if (eh->e_phentsize != 32)
		return IMX_M7_E_PHENTSIZE;
	if (!eh->e_phnum)
		return IMX_M7_E_PHNUM;
	if (eh->e_phoff < sizeof(*eh) ||
	    (u64)eh->e_phoff + eh->e_phnum * 32ULL > e->size)
		return IMX_M7_E_PHTABLE;
	return IMX_M7_OK;
}

/* Step 2: every header; counts the PT_LOADs with bytes. */
static enum imx_m7_check model_phdrs(const struct elf *e, unsigned int *n_load)
{
	unsigned int i;
	Elf32_Phdr ph;

	*n_load = 0;
	for (i = 0; i < e->eh.e_phnum; i++) {
		elf_phdr(e, i, &ph);
		if ((u64)ph.p_offset + ph.p_filesz > e->size)
			return IMX_M7_E_SEG_FILE;
		if (!elf_is_load(&ph))
			continue;
		if (ph.p_filesz > ph.p_memsz)
			return IMX_M7_E_SEG_FILESZ;
		if ((u64)ph.p_paddr + written_len(&ph) > M7_4G ||
		    (u64)ph.p_vaddr + ph.p_memsz > M7_4G)
			return IMX_M7_E_SEG_WRAP;
		(*n_load)++;
	}
	return IMX_M7_OK;
}

/* Rule 3 of the reset vector. */
static bool model_words_ok(const struct elf *e, const struct imx_m7_region *r,
			   unsigned int n, const Elf32_Phdr *ph)
{
	u32 w[2];

	memcpy(w, e->fw + ph->p_offset, sizeof(w));
	return (w[1] & 1) && pc_stored_exec(e, w[1] & ~1U) && !(w[0] & 3) &&
	       w[0] >= 4 && brute_find(r, n, w[0] - 4, 4) >= 0;
}

/* Steps 4 and 5: placement in header order, then the reset vector. */
static enum imx_m7_check model_place(const struct elf *e,
				     const struct imx_m7_region *r,
				     unsigned int n, struct cpu_range *cr,
				     unsigned int *n_cr)
{
	int vec_seg = -1, reg, first;
	unsigned int i;
	Elf32_Phdr ph;
	u32 w[2];

	for (i = 0; i < e->eh.e_phnum; i++) {
		elf_phdr(e, i, &ph);
		if (!elf_is_load(&ph))
			continue;
		if (written_len(&ph)) {
			reg = load_region(r, n, ph.p_paddr, written_len(&ph));
			if (reg < 0)
				return IMX_M7_E_LOAD_RANGE;
			cr[*n_cr].pa = r[reg].pa + (ph.p_paddr - r[reg].da);
			cr[*n_cr].end = cr[*n_cr].pa + written_len(&ph);
			(*n_cr)++;
			if (vec_seg < 0 && ph.p_paddr < 8)
				vec_seg = i;
		}
		if (ph.p_paddr != ph.p_vaddr &&
		    brute_find(r, n, ph.p_vaddr, ph.p_memsz) < 0)
			return IMX_M7_E_RUN_RANGE;
	}
	if (vec_seg >= 0) {
		elf_phdr(e, vec_seg, &ph);
		return !ph.p_paddr && ph.p_filesz >= 8 &&
		       model_words_ok(e, r, n, &ph) ? IMX_M7_OK :
		       IMX_M7_E_NO_VECTOR;
	}
	reg = load_region(r, n, 0, 8);
	first = first_stored(e, &ph);
	if (reg < 0 || first < 0 || ph.p_filesz < 8 ||
	    !model_words_ok(e, r, n, &ph))
		return IMX_M7_E_NO_VECTOR;
	memcpy(w, e->fw + ph.p_offset, sizeof(w));
	if (w[1] != e->eh.e_entry)
		return IMX_M7_E_NO_VECTOR;
	cr[*n_cr].pa = r[reg].pa;
	cr[*n_cr].end = r[reg].pa + 8;
	(*n_cr)++;
	return IMX_M7_OK;
}

/*
 * What imx_m7_elf_plan() must answer for this image and table, following
 * docs/planner.md's order of the checks: OK, or the check that refuses.
 */
static enum imx_m7_check model_plan(const struct elf *e,
				    const struct imx_m7_region *r,
				    unsigned int n)
{
	enum imx_m7_check c = model_ehdr(e);
	struct cpu_range *cr;
	unsigned int n_load, n_cr = 0, i;

	if (c == IMX_M7_OK)
		c = model_phdrs(e, &n_load);
	if (c != IMX_M7_OK)
		return c;
	if (!n_load)
		return IMX_M7_E_NO_LOAD;
	cr = calloc(n_load + 1, sizeof(*cr));
	if (!cr)
		abort();
	c = model_place(e, r, n, cr, &n_cr);
	if (c == IMX_M7_OK) {
		qsort(cr, n_cr, sizeof(*cr), cpu_range_cmp);
		for (i = 1; i < n_cr; i++)
			if (cr[i].pa < cr[i - 1].end)
				c = IMX_M7_E_OVERLAP;
	}
	free(cr);
	return c;
}

/* The plant "plan-strict", a wrong model: upstream's strict '<', no range may end at its region's end. */
static enum imx_m7_check model_strict(const struct imx_m7_plan *plan,
				      const struct imx_m7_region *r)
{
	unsigned int i;

	for (i = 0; i < plan->n_ops; i++)
		if (plan->ops[i].offset + plan->ops[i].len ==
		    r[plan->ops[i].region].size)
			return IMX_M7_E_LOAD_RANGE;
	return IMX_M7_OK;
}

/* ---- The target ----------------------------------------------------------- */

/* The checks of the resource table, which run after every segment's. */
static bool rsc_check(enum imx_m7_check c)
{
	return c == IMX_M7_E_SHDR || c == IMX_M7_E_RSC_TABLE ||
	       c == IMX_M7_E_RSC_LMA || c == IMX_M7_E_RSC_VDEV ||
	       c == IMX_M7_E_RSC_VRING;
}

static void fuzz_elf(const struct elf *e, const struct imx_m7_region *r,
		     unsigned int n)
{
	struct imx_m7_plan plan;
	struct imx_m7_diag diag;
	enum imx_m7_check want;
	bool planned = false;
	char msg[1024];
	int ret;

	ret = imx_m7_elf_plan(e->fw, e->size, r, n, &plan, &diag);
	want = model_plan(e, r, n);
	if (m7_fuzz_planted("plan-strict") && want == IMX_M7_OK && !ret)
		want = model_strict(&plan, r);
	/*
	 * The resource table's own checks (section headers, the table, its
	 * vdev and vrings) come last and are not modelled here; KUnit and
	 * the malformed fixtures test them one by one. Such a refusal is
	 * taken only from an image that claims section headers (e_shnum).
	 */
	if (want == IMX_M7_OK && ret && rsc_check(diag.check) &&
	    e->eh.e_shnum)
		want = diag.check;
	if ((ret ? diag.check : IMX_M7_OK) != want)
		m7_fuzz_fail("plan: %s, the model says %s",
			     ret ? imx_m7_check_name(diag.check) : "accepted",
			     imx_m7_check_name(want));
	if (!ret) {
		if (e->size < sizeof(e->eh))
			m7_fuzz_fail("accepted a %zu-byte file", e->size);
		check_plan(e, &plan, r, n);
		stats.plans++;
		stats.vectors += plan.n_ops &&
			plan.ops[plan.n_ops - 1].kind == IMX_M7_OP_VECTOR;
		imx_m7_plan_free(&plan);
		planned = true;
	} else {
		if (ret != diag.err || diag.check == IMX_M7_OK || plan.n_ops ||
		    plan.ops)
			m7_fuzz_fail("plan returned %d, diag %s err %d, %u ops",
				     ret, imx_m7_check_name(diag.check),
				     diag.err, plan.n_ops);
		imx_m7_diag_format(&diag, r, n, msg, sizeof(msg));
		/* A truncated buffer must stay a C string. */
		imx_m7_diag_format(&diag, r, n, msg, 7);
		if (strnlen(msg, 7) == 7)
			m7_fuzz_fail("diag_format overran a 7-byte buffer");
	}
	check_rsc(e, r, n, planned);
}

/* Lookups at every region's edges and at every program header's ranges. */
static void fuzz_find(const struct elf *e, const struct imx_m7_region *r,
		      unsigned int n)
{
	unsigned int i, n_ph;
	Elf32_Phdr ph;

	for (i = 0; i < n; i++)
		probe_range(r, n, r[i].da, r[i].size);
	probe_range(r, n, M7_4G, 8);
	if (e->size < sizeof(e->eh) ||
	    (u64)e->eh.e_phoff + (u64)e->eh.e_phnum * sizeof(ph) > e->size)
		return;
	n_ph = e->eh.e_phnum < 64 ? e->eh.e_phnum : 64;
	for (i = 0; i < n_ph; i++) {
		elf_phdr(e, i, &ph);
		probe_range(r, n, ph.p_paddr, ph.p_filesz);
		probe_range(r, n, ph.p_vaddr, ph.p_memsz);
	}
}

#define USAGE \
	"usage: m7-fuzz [libFuzzer options] [CORPUS_DIR...]\n" \
	"  fuzzes the region builder, the planner, imx_m7_region_find() and the\n" \
	"  resource-table walk (docs/fuzzing.md); libFuzzer's options: -help=1\n"

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	m7_fuzz_help(*argc, *argv, USAGE);
	return 0;
}

int LLVMFuzzerTestOneInput(const u8 *data, size_t size)
{
	struct imx_m7_decl decl[31];
	struct imx_m7_region *regions;
	unsigned int n_decl, max_out, i;
	struct elf e = { 0 };
	int n;

	stats.inputs++;
	if (size < HDR_LEN)
		return 0;
	n_decl = data[0] & 0x1f;
	max_out = data[1] ? data[1] - 1U : IMX_M7_MAX_REGIONS;
	if (size < HDR_LEN + n_decl * DECL_LEN)
		return 0;
	for (i = 0; i < n_decl; i++)
		decode_decl(data + HDR_LEN + i * DECL_LEN, &decl[i]);
	n = m7_fuzz_regions(decl, n_decl, max_out, &regions);
	if (n < 0)
		return 0;
	stats.tables++;
	/* An exact-size copy, so ASan sees any read past the end. */
	e.size = size - HDR_LEN - n_decl * DECL_LEN;
	e.fw = malloc(e.size ? e.size : 1);
	if (!e.fw)
		abort();
	memcpy((void *)e.fw, data + HDR_LEN + n_decl * DECL_LEN, e.size);
	if (e.size >= sizeof(e.eh))
		memcpy(&e.eh, e.fw, sizeof(e.eh));
	fuzz_elf(&e, regions, n);
	fuzz_find(&e, regions, n);
	free((void *)e.fw);
	free(regions);
	return 0;
}
