// SPDX-License-Identifier: GPL-2.0
/*
 * libFuzzer target over m7-preflight's --dtb reader (dtb_decls() and the
 * functions under it in tools/m7-preflight.c), fed through the region
 * builder and the fuzzers' model of it (m7-fuzz-regions.c):
 *
 *   make -C tools fuzz && tools/m7-fuzz-dtb CORPUS_DIR
 *
 * The reader is static in m7-preflight.c, next to main() and reading a
 * path, so this file includes m7-preflight.c with main() renamed and its
 * messages sent to /dev/null, and hands it the blob as /proc/self/fd/N
 * of a memfd: the code fuzzed is the code m7-preflight runs.
 *
 * Input, byte 0 bit 0 clear: the rest is a DTB, as given to --dtb.
 * Bit 0 set: the rest describes a tree that this file writes with
 * libfdt's sequential-write functions, so that mutations reach the reader
 * past fdt_check_full() (docs/fuzzing.md has the layout):
 *
 *   byte 0   bits 1-2: our node's clock: 0 the M7 core clock of the
 *            clock controller, 1 none, 2 another clock of it (a warning,
 *            not a refusal), 3 a dangling phandle; bits 3-4: its mailbox:
 *            0 none, 1 "tx" and "rx", 2 two channels without mbox-names,
 *            3 two named "tx" and "rxdb" (no "rx")
 *   byte 1   bits 0-1: root #address-cells, bits 2-3: #size-cells,
 *            bits 4-5: /reserved-memory's #address-cells, bits 6-7: its
 *            #size-cells (each 0..3; the reader takes 1 and 2)
 *   byte 2   bits 0-2: reg entries, bits 3-5: memory-region phandles,
 *            bit 6: one memory-region-names entry too many,
 *            bit 7: one reg-names entry too many
 *   per reg entry:            u8 name, u64 LE address, u64 LE size
 *   per memory-region entry:  u8 name, u8 flags (bit 0 no-map, bit 1
 *                             dangling phandle, bit 2 no reg),
 *                             u64 LE address, u64 LE size
 *
 * Names index fuzz_dt_names (append only). When the tree is one the
 * reader must take (cells 1 or 2, names one for one, every phandle to a
 * node with a reg, a clock of the clock controller, no mailbox or one
 * with "tx" and "rx"), its declarations must be exactly the ones written,
 * addresses and sizes cut to the cells given; a tree without a clock, or
 * with a mailbox the driver cannot use, it must refuse.
 */
#define _GNU_SOURCE
#include <sys/mman.h>
#include <unistd.h>

#include "m7-fuzz.h"

static FILE *m7_fuzz_quiet;
#undef stderr
#define stderr m7_fuzz_quiet
#define main m7_preflight_main
#include "m7-preflight.c"
#undef main
#undef stderr	/* the FILE * of <stdio.h> again */

static const char * const fuzz_dt_names[] = {
	"itcm", "dtcm", "ocram", "ddr", "ddr0", "ddr7", "vdev0vring0",
	"vdev0vring1", "vdev0buffer", "rsc-table", "", "ddr8", "DTCM",
	"ocram-system-bus-view-of-ocram12",
};

#define DT_MAX		7
#define DT_BUF		8192
#define PHANDLE0	0x100
#define PHANDLE_CCM	0x80
#define PHANDLE_MU	0x81

enum dt_clock { CLK_M7, CLK_NONE, CLK_OTHER, CLK_DANGLING };
enum dt_mbox { MBOX_NONE, MBOX_TX_RX, MBOX_UNNAMED, MBOX_NO_RX };

/*
 * How far the inputs got, printed at exit when M7_FUZZ_STATS is set:
 * a reader that refuses every tree is fuzzed no further than its door.
 */
static struct {
	unsigned long inputs, written, written_read, raw, raw_read, tables;
} stats;

static void __attribute__((destructor)) print_stats(void)
{
	if (getenv("M7_FUZZ_STATS"))
		fprintf(stderr, "m7-fuzz-dtb: stats: inputs %lu written %lu written-read %lu raw %lu raw-read %lu region-tables %lu\n",
			stats.inputs, stats.written, stats.written_read,
			stats.raw, stats.raw_read, stats.tables);
}

struct dt_entry {
	const char *name;
	u8 flags;
	u64 addr, size;
};

struct dt_spec {
	enum dt_clock clock;
	enum dt_mbox mbox;
	unsigned int ac, sc, rac, rsc, n_reg, n_mem;
	bool extra_mem_name, extra_reg_name;
	struct dt_entry reg[DT_MAX], mem[DT_MAX];
};

static u64 get64(const u8 *p)
{
	u64 v = 0;
	int i;

	for (i = 7; i >= 0; i--)
		v = v << 8 | p[i];
	return v;
}

static bool parse_spec(const u8 *p, size_t size, struct dt_spec *s)
{
	const u8 *end = p + size;
	unsigned int i;

	if (size < 2)
		return false;
	s->ac = p[0] & 3;
	s->sc = p[0] >> 2 & 3;
	s->rac = p[0] >> 4 & 3;
	s->rsc = p[0] >> 6 & 3;
	s->n_reg = p[1] & 7;
	s->n_mem = p[1] >> 3 & 7;
	s->extra_mem_name = p[1] & 0x40;
	s->extra_reg_name = p[1] & 0x80;
	p += 2;
	for (i = 0; i < s->n_reg; i++, p += 17) {
		if (end - p < 17)
			return false;
		s->reg[i].name = fuzz_dt_names[p[0] % ARRAY_SIZE(fuzz_dt_names)];
		s->reg[i].addr = get64(p + 1);
		s->reg[i].size = get64(p + 9);
	}
	for (i = 0; i < s->n_mem; i++, p += 18) {
		if (end - p < 18)
			return false;
		s->mem[i].name = fuzz_dt_names[p[0] % ARRAY_SIZE(fuzz_dt_names)];
		s->mem[i].flags = p[1];
		s->mem[i].addr = get64(p + 2);
		s->mem[i].size = get64(p + 10);
	}
	return true;
}

/* @v in @cells big-endian cells (the low ones when it does not fit). */
static void put_cells(fdt32_t **p, u64 v, unsigned int cells)
{
	while (cells--)
		*(*p)++ = cpu_to_fdt32(cells >= 2 ? 0 : (u32)(v >> (32 * cells)));
}

/* A string list property of @n names, plus one more when asked. */
static int put_names(void *fdt, const char *prop, const struct dt_entry *e,
		     unsigned int n, bool extra)
{
	char buf[DT_MAX * 40 + 8];
	size_t len = 0, l;
	unsigned int i;

	for (i = 0; i < n; i++) {
		l = strlen(e[i].name) + 1;
		memcpy(buf + len, e[i].name, l);
		len += l;
	}
	if (extra) {
		memcpy(buf + len, "ddr", 4);
		len += 4;
	}
	return len ? fdt_property(fdt, prop, buf, len) : 0;
}

static int put_cells_prop(void *fdt, const char *name, unsigned int v)
{
	return fdt_property_u32(fdt, name, v);
}

/* Our node: compatible, reg + reg-names, memory-region + names. */
static int write_m7_node(void *fdt, const struct dt_spec *s)
{
	fdt32_t cells[DT_MAX * 6], *p = cells;
	unsigned int i;
	int err;

	err = fdt_begin_node(fdt, "m7");
	err = err ?: fdt_property_string(fdt, "compatible",
					 "imx-m7-rproc,imx8mp-cm7");
	for (i = 0; i < s->n_reg; i++) {
		put_cells(&p, s->reg[i].addr, s->ac);
		put_cells(&p, s->reg[i].size, s->sc);
	}
	if (s->n_reg)
		err = err ?: fdt_property(fdt, "reg", cells,
					  (p - cells) * sizeof(*p));
	err = err ?: put_names(fdt, "reg-names", s->reg, s->n_reg,
			       s->extra_reg_name);
	for (i = 0, p = cells; i < s->n_mem; i++)
		*p++ = cpu_to_fdt32(s->mem[i].flags & 2 ? 0xdead :
				    PHANDLE0 + i);
	if (s->n_mem)
		err = err ?: fdt_property(fdt, "memory-region", cells,
					  s->n_mem * sizeof(*cells));
	err = err ?: put_names(fdt, "memory-region-names", s->mem, s->n_mem,
			       s->extra_mem_name);
	/* planted dtb-clock: the M7 core clock, whatever the spec says */
	if (m7_fuzz_planted("dtb-clock")) {
		cells[0] = cpu_to_fdt32(PHANDLE_CCM);
		cells[1] = cpu_to_fdt32(imx_m7_soc_imx8mp.clk_id);
		err = err ?: fdt_property(fdt, "clocks", cells,
					  2 * sizeof(*cells));
	} else if (s->clock != CLK_NONE) {
		cells[0] = cpu_to_fdt32(s->clock == CLK_DANGLING ? 0xdead :
					PHANDLE_CCM);
		cells[1] = cpu_to_fdt32(s->clock == CLK_OTHER ? 0x12 :
					imx_m7_soc_imx8mp.clk_id);
		err = err ?: fdt_property(fdt, "clocks", cells,
					  2 * sizeof(*cells));
	}
	if (s->mbox != MBOX_NONE && !m7_fuzz_planted("dtb-mbox")) {
		/* <&mu 0 1>, <&mu 1 1> */
		for (i = 0, p = cells; i < 2; i++) {
			*p++ = cpu_to_fdt32(PHANDLE_MU);
			*p++ = cpu_to_fdt32(i);
			*p++ = cpu_to_fdt32(1);
		}
		err = err ?: fdt_property(fdt, "mboxes", cells,
					  (p - cells) * sizeof(*p));
	}
	/* planted dtb-mbox: no mailbox, whatever the spec says */
	if (m7_fuzz_planted("dtb-mbox"))
		return err ?: fdt_end_node(fdt);
	if (s->mbox == MBOX_TX_RX)
		err = err ?: fdt_property(fdt, "mbox-names", "tx\0rx", 6);
	if (s->mbox == MBOX_NO_RX)
		err = err ?: fdt_property(fdt, "mbox-names", "tx\0rxdb", 8);
	return err ?: fdt_end_node(fdt);
}

static int write_reserved(void *fdt, const struct dt_spec *s)
{
	fdt32_t cells[6], *p;
	unsigned int i;
	char name[16];
	int err;

	err = fdt_begin_node(fdt, "reserved-memory");
	err = err ?: put_cells_prop(fdt, "#address-cells", s->rac);
	err = err ?: put_cells_prop(fdt, "#size-cells", s->rsc);
	/* one to one, as every real tree has it: the reader translates reg */
	err = err ?: fdt_property(fdt, "ranges", NULL, 0);
	for (i = 0; i < s->n_mem && !err; i++) {
		snprintf(name, sizeof(name), "m7@%u", i);
		err = fdt_begin_node(fdt, name);
		err = err ?: fdt_property_u32(fdt, "phandle", PHANDLE0 + i);
		p = cells;
		put_cells(&p, s->mem[i].addr, s->rac);
		put_cells(&p, s->mem[i].size, s->rsc);
		if (!(s->mem[i].flags & 4))
			err = err ?: fdt_property(fdt, "reg", cells,
						  (p - cells) * sizeof(*p));
		if (s->mem[i].flags & 1)
			err = err ?: fdt_property(fdt, "no-map", NULL, 0);
		err = err ?: fdt_end_node(fdt);
	}
	return err ?: fdt_end_node(fdt);
}

static int write_dt(void *fdt, const struct dt_spec *s)
{
	int err;

	err = fdt_create(fdt, DT_BUF);
	err = err ?: fdt_finish_reservemap(fdt);
	err = err ?: fdt_begin_node(fdt, "");
	err = err ?: put_cells_prop(fdt, "#address-cells", s->ac);
	err = err ?: put_cells_prop(fdt, "#size-cells", s->sc);
	err = err ?: write_reserved(fdt, s);
	err = err ?: fdt_begin_node(fdt, "clock-controller");
	err = err ?: fdt_property_string(fdt, "compatible",
					 imx_m7_soc_imx8mp.ccm);
	err = err ?: put_cells_prop(fdt, "#clock-cells", 1);
	err = err ?: fdt_property_u32(fdt, "phandle", PHANDLE_CCM);
	err = err ?: fdt_end_node(fdt);
	err = err ?: fdt_begin_node(fdt, "mailbox");
	err = err ?: put_cells_prop(fdt, "#mbox-cells", 2);
	err = err ?: fdt_property_u32(fdt, "phandle", PHANDLE_MU);
	err = err ?: fdt_end_node(fdt);
	err = err ?: write_m7_node(fdt, s);
	err = err ?: fdt_end_node(fdt);
	return err ?: fdt_finish(fdt);
}

static u64 cut(u64 v, unsigned int cells)
{
	return cells == 1 ? (u32)v : v;
}

/* Is this a tree the reader must take, and did it read what was written? */
static void check_decls(const struct dt_spec *s, const struct imx_m7_decl *d,
			int n)
{
	unsigned int i;
	bool ok = s->ac >= 1 && s->ac <= 2 && s->sc >= 1 && s->sc <= 2 &&
		  s->n_reg && !s->extra_reg_name && !s->extra_mem_name;

	if (n >= 0 && (s->clock == CLK_NONE || s->clock == CLK_DANGLING))
		m7_fuzz_fail("dtb: %d declarations read from a node whose clock is %s",
			     n, s->clock == CLK_NONE ? "missing" : "dangling");
	if (n >= 0 && (s->mbox == MBOX_UNNAMED || s->mbox == MBOX_NO_RX))
		m7_fuzz_fail("dtb: %d declarations read from a node whose mailbox has %s",
			     n, s->mbox == MBOX_UNNAMED ? "no mbox-names" :
			     "no \"rx\"");
	if ((s->clock != CLK_M7 && s->clock != CLK_OTHER) ||
	    (s->mbox != MBOX_NONE && s->mbox != MBOX_TX_RX))
		return;

	for (i = 0; i < s->n_mem; i++)
		ok = ok && !(s->mem[i].flags & 6) && s->rac >= 1 &&
		     s->rac <= 2 && s->rsc >= 1 && s->rsc <= 2;
	if (!ok)
		return;
	if (n != (int)(s->n_reg + s->n_mem))
		m7_fuzz_fail("dtb: %d declarations read, %u reg and %u memory-region written",
			     n, s->n_reg, s->n_mem);
	for (i = 0; i < (unsigned int)n; i++) {
		bool mem = i >= s->n_reg;
		const struct dt_entry *e = mem ? &s->mem[i - s->n_reg] :
						 &s->reg[i];
		u64 pa = cut(e->addr, mem ? s->rac : s->ac);
		u64 sz = cut(e->size, mem ? s->rsc : s->sc);

		if (!d[i].name || strcmp(d[i].name, e->name) ||
		    d[i].kind != (mem ? IMX_M7_DECL_CARVEOUT :
				  IMX_M7_DECL_REG) ||
		    d[i].pa != pa || d[i].size != sz ||
		    d[i].no_map != (mem && (e->flags & 1)))
			m7_fuzz_fail("dtb: declaration %u: read %s pa 0x%llx size 0x%llx no_map %d, written %s pa 0x%llx size 0x%llx flags 0x%x",
				     i, d[i].name ? d[i].name : "(null)",
				     d[i].pa, d[i].size, d[i].no_map, e->name,
				     pa, sz, e->flags);
	}
}

#define USAGE \
	"usage: m7-fuzz-dtb [libFuzzer options] [CORPUS_DIR...]\n" \
	"  fuzzes m7-preflight's --dtb reader (docs/fuzzing.md); libFuzzer's\n" \
	"  options: -help=1\n"

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	m7_fuzz_help(*argc, *argv, USAGE);
	return 0;
}

int LLVMFuzzerTestOneInput(const u8 *data, size_t size)
{
	static char path[64];
	static int fd = -1;
	static u8 blob[DT_BUF];
	struct imx_m7_region *regions;
	struct imx_m7_decl *decl = NULL;
	struct dt_spec spec = { 0 };
	const u8 *dtb = data + 1;
	size_t len = size - 1;
	const struct imx_m7_soc *soc;
	void *fdt = NULL;
	int n;

	if (fd < 0) {
		m7_fuzz_quiet = fopen("/dev/null", "w");
		fd = memfd_create("m7-fuzz-dtb", 0);
		if (fd < 0 || !m7_fuzz_quiet)
			abort();
		snprintf(path, sizeof(path), "/proc/self/fd/%d", fd);
	}
	if (!size)
		return 0;
	stats.inputs++;
	if (data[0] & 1) {
		spec.clock = data[0] >> 1 & 3;
		spec.mbox = data[0] >> 3 & 3;
		if (!parse_spec(data + 1, size - 1, &spec) ||
		    write_dt(blob, &spec))
			return 0;
		dtb = blob;
		len = fdt_totalsize(blob);
		stats.written++;
	} else {
		stats.raw++;
	}
	if (ftruncate(fd, 0) || pwrite(fd, dtb, len, 0) != (ssize_t)len)
		abort();
	soc = NULL;
	n = dtb_decls(path, &soc, &fdt, &decl);
	if (m7_fuzz_planted("dtb-size") && n > 0)
		decl[0].size++;
	if (data[0] & 1)
		check_decls(&spec, decl, n);
	if (n >= 0) {
		if (data[0] & 1)
			stats.written_read++;
		else
			stats.raw_read++;
	}
	if (n >= 0 && m7_fuzz_regions(decl, n, IMX_M7_MAX_REGIONS,
				      &regions) >= 0) {
		stats.tables++;
		free(regions);
	}
	free(decl);
	free(fdt);
	return 0;
}
