// SPDX-License-Identifier: GPL-2.0
/*
 * imx_m7_elf: the i.MX8M Plus Cortex-M7 ELF checks and segment planner.
 *
 * (firmware bytes, region table) -> load plan or one diagnostic, and the
 * resource table. The region table comes from imx_m7_map.c, the words of
 * a refusal from imx_m7_diag.c. The rules and their sources are in
 * docs/planner.md; the interface in imx_m7_elf.h.
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
	struct imx_m7_span *spans_tmp;	/* room for imx_m7_sort_spans() */
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
		return imx_m7_diag_set(d, -ENOEXEC, IMX_M7_E_TRUNCATED,
				       IMX_M7_F_FILE_SIZE, p->size,
				       sizeof(*eh));
	memcpy(&p->eh, p->fw, sizeof(p->eh));
	if (memcmp(eh->e_ident, ELFMAG, SELFMAG))
		return imx_m7_diag_set(d, -ENOEXEC, IMX_M7_E_MAGIC,
				       IMX_M7_F_EI_MAG,
				       eh->e_ident[0] | eh->e_ident[1] << 8 | eh->e_ident[2] << 16 | (u32)eh->e_ident[3] << 24,
				       0x464c457f);
	if (eh->e_ident[EI_CLASS] != ELFCLASS32)
		return imx_m7_diag_set(d, -ENOEXEC, IMX_M7_E_CLASS,
				       IMX_M7_F_EI_CLASS, eh->e_ident[EI_CLASS],
				       ELFCLASS32);
	if (eh->e_ident[EI_DATA] != ELFDATA2LSB)
		return imx_m7_diag_set(d, -ENOEXEC, IMX_M7_E_DATA,
				       IMX_M7_F_EI_DATA, eh->e_ident[EI_DATA],
				       ELFDATA2LSB);
	if (eh->e_ident[EI_VERSION] != EV_CURRENT)
		return imx_m7_diag_set(d, -ENOEXEC, IMX_M7_E_VERSION,
				       IMX_M7_F_EI_VERSION,
				       eh->e_ident[EI_VERSION], EV_CURRENT);
	if (eh->e_version != EV_CURRENT)
		return imx_m7_diag_set(d, -ENOEXEC, IMX_M7_E_VERSION,
				       IMX_M7_F_E_VERSION, eh->e_version,
				       EV_CURRENT);
	if (eh->e_type != ET_EXEC)
		return imx_m7_diag_set(d, -ENOEXEC, IMX_M7_E_TYPE,
				       IMX_M7_F_E_TYPE, eh->e_type, ET_EXEC);
	if (eh->e_machine != EM_ARM)
		return imx_m7_diag_set(d, -ENOEXEC, IMX_M7_E_MACHINE,
				       IMX_M7_F_E_MACHINE, eh->e_machine,
				       EM_ARM);
	if (eh->e_phentsize != sizeof(Elf32_Phdr))
		return imx_m7_diag_set(d, -ENOEXEC, IMX_M7_E_PHENTSIZE,
				       IMX_M7_F_E_PHENTSIZE, eh->e_phentsize,
				       sizeof(Elf32_Phdr));
	if (!eh->e_phnum)
		return imx_m7_diag_set(d, -ENOEXEC, IMX_M7_E_PHNUM,
				       IMX_M7_F_E_PHNUM, 0, 1);
	/* e_phnum < 65536, so this cannot wrap in 64 bits. */
	end = (u64)eh->e_phoff + (u64)eh->e_phnum * sizeof(Elf32_Phdr);
	if (eh->e_phoff < sizeof(*eh) || end > p->size) {
		d->start = eh->e_phoff;
		d->end = end;
		return imx_m7_diag_set(d, -ENOEXEC, IMX_M7_E_PHTABLE,
				       IMX_M7_F_E_PHOFF, eh->e_phoff, p->size);
	}
	return 0;
}

/* A PT_LOAD's range [start, end) runs past 4 GiB. */
static int imx_m7_wrap_fail(struct imx_m7_diag *d, enum imx_m7_field field,
			    u32 start, u64 end)
{
	d->start = start;
	d->end = end;
	d->overflow = end - IMX_M7_4G;
	return imx_m7_diag_set(d, -ERANGE, IMX_M7_E_SEG_WRAP, field, 0, 0);
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
		return imx_m7_diag_set(d, -ENOEXEC, IMX_M7_E_SEG_FILE,
				       IMX_M7_F_P_OFFSET, file_end, p->size);
	}
	if (!imx_m7_is_load(ph))
		return 0;
	imx_m7_diag_seg(d, i, ph);
	if (ph->p_filesz > ph->p_memsz)
		return imx_m7_diag_set(d, -ENOEXEC, IMX_M7_E_SEG_FILESZ,
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
	i = imx_m7_region_nearest(p->regions, p->n_regions, start);
	d->region = i;
	r = i >= 0 ? &p->regions[i] : NULL;
	if (r && imx_m7_region_holds(r, start, 1) &&
	    (check == IMX_M7_E_RUN_RANGE || (r->flags & IMX_M7_REGION_LOAD)) &&
	    end > r->da + r->size)
		d->overflow = end - (r->da + r->size);
	return imx_m7_diag_set(d, -ERANGE, check, IMX_M7_F_NONE, 0, 0);
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
		r = imx_m7_region_find_flags(p->regions, p->n_regions, ph->p_paddr, len,
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
	    imx_m7_region_find_flags(p->regions, p->n_regions, ph->p_vaddr, ph->p_memsz,
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
	return imx_m7_diag_set(d, -EINVAL, IMX_M7_E_NO_VECTOR, field, value,
			       expected);
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
	    imx_m7_region_find_flags(p->regions, p->n_regions, sp - 4, 4, 0) < 0)
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
 * The first PT_LOAD that stores bytes, if its written range meets the
 * memory of M7 [0, 8) (region @r, which holds M7 address 0) through
 * another view of it; else -1. The i.MX8MM M4 image linked at TCML
 * 0x1ffe0000 starts with its vector table there, and the M4 fetches it
 * through TCML's alias at 0: the vector is in place, and a vector op
 * would write it a second time.
 */
static int imx_m7_vector_view(const struct imx_m7_planner *p, int r,
			      bool *at_start)
{
	u64 pa = p->regions[r].pa;
	unsigned int i;
	Elf32_Phdr ph;
	int first;

	first = imx_m7_first_stored(p, &ph);
	for (i = 0; first >= 0 && i < p->n_spans; i++) {
		const struct imx_m7_span *s = &p->spans[i];

		if (s->seg == first && s->pa < pa + IMX_M7_VECTOR_LEN &&
		    pa < s->pa_end) {
			*at_start = s->pa == pa;
			return first;
		}
	}
	return -1;
}

/*
 * The M7 fetches its initial SP and reset PC from M7 address 0 (ITCM).
 * Either a segment stores those 8 bytes itself (at M7 address 0, or, the
 * first PT_LOAD that stores bytes, at the start of another view of that
 * memory), or (an image linked elsewhere, e.g. DDR) they are taken from
 * the start of the first PT_LOAD that stores bytes (its vector table, as
 * U-Boot's bootaux does) and written to ITCM. Both are checked; see
 * docs/planner.md.
 */
static int imx_m7_vector(struct imx_m7_planner *p)
{
	bool at_start = true;
	Elf32_Phdr ph;
	u32 vec[2];
	int ret, r, i;

	r = imx_m7_region_find_flags(p->regions, p->n_regions, 0, IMX_M7_VECTOR_LEN,
			IMX_M7_REGION_LOAD);
	i = p->vec_seg;
	if (i < 0 && r >= 0)
		i = imx_m7_vector_view(p, r, &at_start);
	if (i >= 0) {
		imx_m7_phdr(p, i, &ph);
		if ((i == p->vec_seg && ph.p_paddr) || !at_start ||
		    ph.p_filesz < IMX_M7_VECTOR_LEN)
			return imx_m7_vector_fail(p, i, IMX_M7_F_RESET_VECTOR,
						  ph.p_paddr, 0);
		memcpy(vec, p->fw + ph.p_offset, sizeof(vec));
		return imx_m7_vector_check(p, i, vec);
	}
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

/* The length of the ascending run at s[0]. */
static unsigned int imx_m7_run_up(const struct imx_m7_span *s, unsigned int n)
{
	unsigned int i = 1;

	while (i < n && imx_m7_span_cmp(&s[i - 1], &s[i]) < 0)
		i++;
	return i;
}

/* The length of the run at s[0], a descending one reversed in place. */
static unsigned int imx_m7_run(struct imx_m7_span *s, unsigned int n)
{
	unsigned int i = 1, k;
	struct imx_m7_span t;

	if (n < 2 || imx_m7_span_cmp(&s[0], &s[1]) < 0)
		return imx_m7_run_up(s, n);
	while (i < n && imx_m7_span_cmp(&s[i - 1], &s[i]) > 0)
		i++;
	for (k = 0; k < i / 2; k++) {
		t = s[k];
		s[k] = s[i - 1 - k];
		s[i - 1 - k] = t;
	}
	return i;
}

/* Merge the ascending runs s[0, la) and s[la, la + lb), through tmp. */
static void imx_m7_merge(struct imx_m7_span *s, unsigned int la,
			 unsigned int lb, struct imx_m7_span *tmp)
{
	struct imx_m7_span *b = s + la, *end = b + lb, *out = s;
	unsigned int i = 0;

	memcpy(tmp, s, la * sizeof(*s));
	while (i < la && b < end)
		*out++ = imx_m7_span_cmp(&tmp[i], b) <= 0 ? tmp[i++] : *b++;
	memcpy(out, tmp + i, (la - i) * sizeof(*s));
}

/*
 * Put the written ranges in CPU address order. Linkers emit segments in
 * address order, so the spans (added in file order) come in a few runs,
 * ascending or descending: a natural merge sort takes O(n) for those and
 * O(n log n) at worst, where sort()'s heapsort took most of a
 * 65535-segment plan in the kernel. No two spans compare equal (each has
 * its own segment). Without room for the merge (tmp NULL), sort().
 */
static void imx_m7_sort_spans(struct imx_m7_span *s, unsigned int n,
			      struct imx_m7_span *tmp)
{
	unsigned int a, m, b;
	bool merged;

	if (!tmp) {
		sort(s, n, sizeof(*s), imx_m7_span_cmp, NULL);
		return;
	}
	for (a = 0; a < n; a += imx_m7_run(s + a, n - a))
		;
	do {
		merged = false;
		for (a = 0; a < n; a = b) {
			m = a + imx_m7_run_up(s + a, n - a);
			if (m >= n)
				break;
			b = m + imx_m7_run_up(s + m, n - m);
			imx_m7_merge(s + a, m - a, b - m, tmp);
			merged = true;
		}
	} while (merged);
}

/* The written ranges in CPU address order; neighbours must not overlap. */
static int imx_m7_overlap(struct imx_m7_planner *p)
{
	struct imx_m7_span *s = p->spans, *hi, *a, *b;
	struct imx_m7_diag *d = p->diag;
	unsigned int i;
	Elf32_Phdr ph;

	imx_m7_sort_spans(s, p->n_spans, p->spans_tmp);
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
	return imx_m7_diag_set(d, -EINVAL, IMX_M7_E_OVERLAP, IMX_M7_F_NONE,
			       s[i].pa, 0);
}

/* ---- The resource table ------------------------------------------------- */

#define IMX_M7_RSC_HDR_LEN	16	/* ver, num, reserved[2] */

static int imx_m7_shdr_fail(struct imx_m7_diag *d, enum imx_m7_check check,
			    int section, enum imx_m7_field field, u64 value,
			    u64 expected)
{
	d->section = section;
	return imx_m7_diag_set(d, check == IMX_M7_E_SHDR ? -ENOEXEC : -EINVAL,
			       check, field, value, expected);
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

/* The table's header and offsets: struct resource_table (ver 1). */
static int imx_m7_check_rsc_hdr(const u8 *t, u32 len, struct imx_m7_diag *d)
{
	u32 hdr[4], off;
	unsigned int k;
	u64 need;

	if (len < IMX_M7_RSC_HDR_LEN)
		return imx_m7_diag_set(d, -EINVAL, IMX_M7_E_RSC_TABLE,
				       IMX_M7_F_SH_SIZE, len,
				       IMX_M7_RSC_HDR_LEN);
	memcpy(hdr, t, sizeof(hdr));
	if (hdr[0] != 1)
		return imx_m7_diag_set(d, -EINVAL, IMX_M7_E_RSC_TABLE,
				       IMX_M7_F_RSC_VER, hdr[0], 1);
	if (hdr[2] || hdr[3])
		return imx_m7_diag_set(d, -EINVAL, IMX_M7_E_RSC_TABLE,
				       IMX_M7_F_RSC_RESERVED,
				       hdr[2] ? hdr[2] : hdr[3], 0);
	need = IMX_M7_RSC_HDR_LEN + (u64)hdr[1] * sizeof(u32);
	if (need > len) {
		d->end = len;
		return imx_m7_diag_set(d, -EINVAL, IMX_M7_E_RSC_TABLE,
				       IMX_M7_F_RSC_NUM, hdr[1], need);
	}
	for (k = 0; k < hdr[1]; k++) {
		memcpy(&off, t + IMX_M7_RSC_HDR_LEN + k * sizeof(u32),
		       sizeof(off));
		/* Each entry starts with its u32 type inside the table. */
		if (off < need || (u64)off + sizeof(u32) > len) {
			d->index = k;
			return imx_m7_diag_set(d, -EINVAL, IMX_M7_E_RSC_TABLE,
					       IMX_M7_F_RSC_OFFSET, off, len);
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
	d->vring = vring;
	return imx_m7_diag_set(d, -EINVAL, check, field, value, expected);
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
	if (r >= 0 && imx_m7_region_holds(&regions[r], vr->da, size))
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
			d->start = at;
			d->end = at + sh->sh_size;
			return imx_m7_diag_set(d, -EINVAL, IMX_M7_E_RSC_LMA,
					       IMX_M7_F_P_VADDR,
					       (u64)ph.p_vaddr +
					       (sh->sh_offset - ph.p_offset),
					       at);
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
	if (field == IMX_M7_F_REGION_DA)
		d->overflow = r->da + r->size - IMX_M7_4G;
	return imx_m7_diag_set(d, -EINVAL, IMX_M7_E_REGION_SIZE, field, r->da,
			       0);
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
		return imx_m7_diag_set(d, -EINVAL, IMX_M7_E_REGION_COUNT,
				       IMX_M7_F_COUNT_TABLE, n,
				       IMX_M7_MAX_REGIONS);
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

/*
 * The op array is sized for the worst case (a copy and a zero op per
 * segment); the plan outlives the start (debugfs shows it), so keep only
 * the ops it has.
 */
static int imx_m7_fit_ops(struct imx_m7_planner *p, unsigned int room)
{
	struct imx_m7_op *ops;

	if (p->n_ops == room)
		return 0;
	ops = kvcalloc(p->n_ops, sizeof(*ops), GFP_KERNEL);
	if (!ops)
		return imx_m7_diag_set(p->diag, -ENOMEM, IMX_M7_E_NOMEM,
				       IMX_M7_F_NONE, p->n_ops, 0);
	memcpy(ops, p->ops, p->n_ops * sizeof(*ops));
	kvfree(p->ops);
	p->ops = ops;
	return 0;
}

/* The ops and spans, then the placement of every segment. */
static int imx_m7_plan_load(struct imx_m7_planner *p, unsigned int n_load)
{
	int ret;

	/* n_load <= 65535: a copy and a zero op each, plus the vector. */
	p->ops = kvcalloc(2 * n_load + 1, sizeof(*p->ops), GFP_KERNEL);
	p->spans = kvcalloc(n_load + 1, sizeof(*p->spans), GFP_KERNEL);
	/* Room to merge in; without it the spans are sorted in place. */
	p->spans_tmp = kvcalloc(n_load + 1, sizeof(*p->spans), GFP_KERNEL);
	if (!p->ops || !p->spans) {
		ret = imx_m7_diag_set(p->diag, -ENOMEM, IMX_M7_E_NOMEM,
				      IMX_M7_F_NONE, n_load, 0);
	} else {
		ret = imx_m7_place_all(p);
	}
	kvfree(p->spans);
	kvfree(p->spans_tmp);
	p->spans = NULL;
	p->spans_tmp = NULL;
	if (!ret)
		ret = imx_m7_fit_ops(p, 2 * n_load + 1);
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
		return imx_m7_diag_set(diag, -EINVAL, IMX_M7_E_NO_LOAD,
				       IMX_M7_F_E_PHNUM, p.eh.e_phnum, 0);
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
