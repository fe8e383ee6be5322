// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit suite imx_m7_diag: the diagnostics of imx_m7_diag.c. The exact
 * words and hints of the planner's refusals, that IMX_M7_DIAG_LEN holds the
 * longest, that a refusal sets its own fields only, and that every
 * (check, field) pair the core can set has a row in some suite's table
 * (the other suites of this module mark theirs: T_PAIRS_OF).
 */
#include <kunit/test.h>
#include <linux/elf.h>
#include <linux/kernel.h>
#include <linux/slab.h>
#include <linux/string.h>

#include "imx_m7_elf.h"
#include "imx_m7_test.h"

/* ---- The words ----------------------------------------------------------- */

struct t_text_case {
	const char *desc;
	const struct t_image *img;
	struct t_patch patch[2];
	const char *text;
	enum t_rt rt;		/* T_RT_FULL (0) means the Verdin regions */
};

static void t_text_desc(const struct t_text_case *c, char *desc)
{
	strscpy(desc, c->desc, KUNIT_PARAM_DESC_SIZE);
}

/*
 * Against the Verdin regions (itcm, dtcm, 16 MiB ddr at 0x80000000): the
 * default of tools/m7-preflight, whose suite (tests/suites/preflight.sh)
 * refuses the same images (tests/suites/mkelf.py) for the same checks. A
 * row ending in T_RT_RPMSG adds vdev0buffer, a row ending in T_RT_VRINGS
 * has the regions of the Verdin DDR/RPMsg overlay (preflight.sh passes the
 * same --region).
 */
static const struct t_text_case t_text_cases[] = {
	{ "code and .bss past ITCM", &t_itcm_bss, { },
	  "segment 1: load range [0x00000400, 0x0002584c) ends 0x584c bytes past itcm [0x00000000, 0x00020000)\n"
	  "segment 1: p_paddr 0x00000400 p_vaddr 0x00000400 p_filesz 0x1000 p_memsz 0x2544c\n"
	  "hint: the zero-filled tail (p_memsz - p_filesz = 0x2444c bytes: .bss, heap, stack) overflows itcm; link .bss, heap and stack into a data region (`> m_data`) instead" },
	{ "seed with .data overflowing ITCM", &t_seed_overflow, { },
	  "segment 1: load range [0x0001de78, 0x00020078) ends 0x78 bytes past itcm [0x00000000, 0x00020000)\n"
	  "segment 1: p_paddr 0x0001de78 p_vaddr 0x20000000 p_filesz 0x2200 p_memsz 0xd5a0\n"
	  "hint: stored .data/.bss overflow itcm: .data's initial values (and .bss, if a section with contents follows it) do not fit after the code; give .bss `(NOLOAD)` or `AT> m_data` in the linker script, or shrink .text/.data" },
	{ "seed running outside every region", &t_seed,
	  { PH(1, p_vaddr, 0x30000000) },
	  "segment 1: run range [0x30000000, 0x3000d5a0) is outside every declared region; nearest: dtcm [0x20000000, 0x20020000)\n"
	  "segment 1: p_paddr 0x0001de78 p_vaddr 0x30000000 p_filesz 0x100 p_memsz 0xd5a0\n"
	  "hint: p_vaddr is where this data lives while the firmware runs (its start-up code copies .data there and zeroes .bss); that memory must be declared for the M7 too" },
	{ "seed with .data stored over the code", &t_seed,
	  { PH(1, p_paddr, 0x1de00) },
	  "segment 1: load range [0x0001de00, 0x0001df00) in itcm overlaps segment 0's load range [0x00000000, 0x0001de78) in itcm at CPU address 0x7fde00\n"
	  "segment 1: p_paddr 0x0001de00 p_vaddr 0x20000000 p_filesz 0x100 p_memsz 0xd5a0\n"
	  "hint: two program headers write the same memory, perhaps through two M7 views of it; check the MEMORY regions of the linker script" },
	{ "an AArch64 binary", &t_seed, { EH(e_machine, EM_AARCH64) },
	  "e_machine is 183, expected 40 (EM_ARM)\n"
	  "hint: EM_AARCH64 is Cortex-A code, not Cortex-M7 firmware" },
	{ "a relocatable object", &t_seed, { EH(e_type, ET_REL) },
	  "e_type is 1, expected 2 (ET_EXEC)\n"
	  "hint: load a linked executable, not an object file (ET_REL) or a shared object (ET_DYN)" },
	{ "program header table past the end", &t_small,
	  { EH(e_phoff, 0xffffffff) },
	  "program header table [0xffffffff, 0x10000003f) (e_phoff, e_phnum) is not inside the file after the ELF header (file 0xd0 bytes)" },
	{ "a segment past the end of the file", &t_small,
	  { PH(1, p_offset, 0xc8) },
	  "segment 1: file range [0xc8, 0xd8) (p_offset, p_filesz) ends 0x8 bytes past the end of the file (0xd0 bytes)\n"
	  "segment 1: p_paddr 0x00000040 p_vaddr 0x20000000 p_filesz 0x10 p_memsz 0x100\n"
	  "hint: the file is truncated (an interrupted copy?) or its program headers are corrupt" },
	{ "DDR image whose entry is not its vector's", &t_ddr,
	  { EH(e_entry, 0x80000501) },
	  "segment 0: reset PC 0x80000401 (its word 1) differs from e_entry 0x80000501: the segment does not start with the vector table\n"
	  "segment 0: p_paddr 0x80000000 p_vaddr 0x80000000 p_filesz 0x800 p_memsz 0x800\n"
	  "hint: firmware linked outside itcm must start its first loadable segment with the vector table (.isr_vector); this driver copies its initial SP and reset PC to M7 address 0, as U-Boot's bootaux does" },
	{ "seed with .data running past DTCM", &t_seed,
	  { PH(1, p_vaddr, 0x2001a000) },
	  "segment 1: run range [0x2001a000, 0x200275a0) ends 0x75a0 bytes past dtcm [0x20000000, 0x20020000)\n"
	  "segment 1: p_paddr 0x0001de78 p_vaddr 0x2001a000 p_filesz 0x100 p_memsz 0xd5a0\n"
	  "hint: p_memsz 0xd5a0 (.data + .bss + heap + stack) exceeds what dtcm holds from p_vaddr on by 0x75a0 bytes; shrink .bss, heap or stack, or link them into a larger region" },
	{ "load range wrapping at 4 GiB", &t_seed,
	  { PH(1, p_paddr, 0xffffff80) },
	  "segment 1: load range [0xffffff80, 0x100000080) runs 0x80 bytes past the end of the M7's 4 GiB address space\n"
	  "segment 1: p_paddr 0xffffff80 p_vaddr 0x20000000 p_filesz 0x100 p_memsz 0xd5a0" },
	{ ".bss into rpmsg memory and past it", &t_vdev_past, { },
	  "segment 1: load range [0x810fff00, 0x81100100) is in a region that is not a load target: vdev0buffer [0x81000000, 0x81100000)\n"
	  "segment 1: p_paddr 0x810fff00 p_vaddr 0x810fff00 p_filesz 0x0 p_memsz 0x200\n"
	  "hint: vdev0buffer is shared rpmsg memory, never loaded into; link the firmware into itcm, dtcm, ocram or a ddr carve-out",
	  T_RT_RPMSG },
	{ ".bss past the DDR carve-out", &t_ddr_past, { },
	  "segment 1: load range [0x80fff000, 0x81000001) ends 0x1 bytes past ddr [0x80000000, 0x81000000)\n"
	  "segment 1: p_paddr 0x80fff000 p_vaddr 0x80fff000 p_filesz 0x0 p_memsz 0x1001\n"
	  "hint: the zero-filled tail (p_memsz - p_filesz = 0x1001 bytes: .bss, heap, stack) overflows ddr; link .bss, heap and stack into a data region (`> m_data`) instead" },
	/* The resource table's vdev, against the Verdin DDR/RPMsg regions */
	{ .desc = "resource table stored in ITCM, read in DTCM", .img = &t_rsc,
	  .patch = { PH(2, p_paddr, 0x50) },
	  .rt = T_RT_VRINGS,
	  .text = "resource table (section 1) is loaded at M7 0x00000050 (p_paddr) but read by the firmware at 0x20000100 (p_vaddr): segment 2's start-up copy moves it\n"
		  "segment 2: p_paddr 0x00000050 p_vaddr 0x20000100 p_filesz 0x8c p_memsz 0x8c\n"
		  "hint: the core writes the vdev's status, features and vring addresses into the table at its load address once the M7 runs; put .resource_table in a section stored and run at the same address, e.g. in m_text as NXP's SDK does" },
	{ .desc = "vring 1 one byte past its carve-out", .img = &t_rsc,
	  .patch = { RSCDATA(VR1, 0x55010000 - 0x2805) },
	  .rt = T_RT_VRINGS,
	  .text = "resource table (section 1): entry 0 (vdev at offset 0x18) vring 1: [0x5500d7fb, 0x55010001) (da, 0x2806 ring bytes) is not inside vdev0vring1 [0x55008000, 0x55010000)\n"
		  "hint: the core takes this ring from the vdev0vring1 carve-out: set the vring's da to 0x55008000 (VDEV0_VRING_BASE in NXP's rsc_table.h) or move the carve-out" },
	{ .desc = "vring 0 without a carve-out", .img = &t_rsc,
	  .text = "resource table (section 1): entry 0 (vdev at offset 0x18) vring 0: [0x55000000, 0x55002806) (da, 0x2806 ring bytes) has no vdev0vring0 carve-out to lie in\n"
		  "hint: without that carve-out the core puts the ring wherever DMA memory is free and never at da; declare a no-map memory-region \"vdev0vring0\" at 0x55000000 of 0x2806 bytes or more" },
	{ .desc = "vring 1 num 255", .img = &t_rsc,
	  .patch = { RSCDATA(VR1 + 8, 255) },
	  .rt = T_RT_VRINGS,
	  .text = "resource table (section 1): entry 0 (vdev at offset 0x18) vring 1: num 255 is not a power of two\n"
		  "hint: num is the ring's buffer count (RL_BUFFER_COUNT, 256 in NXP's demos); virtio needs a power of two" },
	{ .desc = "vring 1 align 0x1001", .img = &t_rsc,
	  .patch = { RSCDATA(VR1 + 4, 0x1001) },
	  .rt = T_RT_VRINGS,
	  .text = "resource table (section 1): entry 0 (vdev at offset 0x18) vring 1: align 0x1001 is not a power of two\n"
		  "hint: align is the ring's alignment (VRING_ALIGN, 0x1000 in NXP's rsc_table.c)" },
	{ .desc = "vring 1 notifyid 0, vring 0's", .img = &t_rsc,
	  .patch = { RSCDATA(VR1 + 12, 0) },
	  .rt = T_RT_VRINGS,
	  .text = "resource table (section 1): entry 0 (vdev at offset 0x18) vring 1: notifyid 0 is vring 0's too\n"
		  "hint: the core gives each vring its own notify id in vring order (0, 1), which rpmsg-lite uses as its queue ids; give vring 0 notifyid 0 and vring 1 notifyid 1" },
	{ .desc = "num_of_vrings 3", .img = &t_rsc,
	  .patch = { RSCDATA(48, VD_NVR(3)) },
	  .rt = T_RT_VRINGS,
	  .text = "resource table (section 1): entry 0 (vdev at offset 0x18): num_of_vrings 3, more than the 2 the core takes per vdev (vdev0vring0, vdev0vring1)\n"
		  "hint: an rpmsg vdev has 2 vrings, M7 to Linux and Linux to M7 (NUM_VRINGS 2 in NXP's rsc_table.c)" },
	{ .desc = "rpmsg vdev with 1 vring", .img = &t_rsc,
	  .patch = { RSCDATA(48, VD_NVR(1)) },
	  .rt = T_RT_VRINGS,
	  .text = "resource table (section 1): entry 0 (vdev at offset 0x18): num_of_vrings 1, but an rpmsg vdev (id 7) needs 2, one each way\n"
		  "hint: an rpmsg vdev has 2 vrings, M7 to Linux and Linux to M7 (NUM_VRINGS 2 in NXP's rsc_table.c)" },
	{ .desc = "config_len one byte past the table's end", .img = &t_rsc,
	  .patch = { RSCDATA(44, 49) },
	  .rt = T_RT_VRINGS,
	  .text = "resource table (section 1): entry 0 (vdev at offset 0x18): its 0x75 bytes (0x1c + num_of_vrings x 0x14 + config_len) end at offset 0x8d, past the table's 0x8c bytes\n"
		  "hint: check num_of_vrings and config_len, and the offset[] that points at this entry" },
	{ .desc = "a second vdev", .img = &t_rsc,
	  .patch = { RSCDATA(92, 3) },
	  .rt = T_RT_VRINGS,
	  .text = "resource table (section 1): entry 1 (vdev at offset 0x5c) is a second vdev; this driver takes one, entry 0\n"
		  "hint: keep one vdev and let the rpmsg endpoints share it: this driver has carve-outs and kicks for vdev 0 only" },
};
KUNIT_ARRAY_PARAM(t_text, t_text_cases, t_text_desc);

static void diag_text_test(struct kunit *test)
{
	const struct t_text_case *c = test->param_value;
	struct imx_m7_region regions[IMX_M7_MAX_REGIONS];
	struct imx_m7_plan plan;
	struct imx_m7_diag diag;
	unsigned int n, i;
	size_t size;
	char *buf;
	u8 *fw;
	int len;

	n = t_regions(test, c->rt ? c->rt : T_RT_VERDIN, regions);
	fw = t_build(test, c->img, &size);
	for (i = 0; i < ARRAY_SIZE(c->patch); i++)
		t_patch(test, c->img, fw, size, &c->patch[i]);
	KUNIT_ASSERT_LT(test, imx_m7_elf_plan(fw, size, regions, n, &plan,
					      &diag), 0);
	buf = kunit_kzalloc(test, 1024, GFP_KERNEL);
	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, buf);
	len = imx_m7_diag_format(&diag, regions, n, buf, 1024);
	KUNIT_EXPECT_STREQ(test, buf, c->text);
	KUNIT_EXPECT_EQ(test, len, strlen(c->text));
	/* A short buffer: truncated, terminated, same length reported. */
	memset(buf, 'x', 1024);
	KUNIT_EXPECT_EQ(test, imx_m7_diag_format(&diag, regions, n, buf, 17),
			len);
	KUNIT_EXPECT_EQ(test, strlen(buf), 16);
	KUNIT_EXPECT_EQ(test, memcmp(buf, c->text, 16), 0);
	KUNIT_EXPECT_EQ(test, buf[17], 'x');
}

/*
 * IMX_M7_DIAG_LEN is enough: every check with every field code, each
 * number at the widest the planner and the region builder can report
 * (64-bit values at their maximum, indices at the planner's bounds) and
 * 31-character region names, formats without truncation. Variants turn
 * on each branch the formatter takes on a value.
 */
static void diag_fits_test(struct kunit *test)
{
	struct imx_m7_region *regions;
	struct imx_m7_diag d;
	unsigned int c, f, v, i, worst = 0;
	char *buf;
	int len;

	regions = kunit_kcalloc(test, IMX_M7_MAX_REGIONS, sizeof(*regions),
				GFP_KERNEL);
	buf = kunit_kzalloc(test, 2 * IMX_M7_DIAG_LEN, GFP_KERNEL);
	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, regions);
	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, buf);
	for (i = 0; i < IMX_M7_MAX_REGIONS; i++) {
		memset(regions[i].name, 'r', IMX_M7_NAME_LEN - 1);
		regions[i].da = 0xffffff00;
		regions[i].pa = ~0ULL - 0x100;
		regions[i].size = 0x100;
		regions[i].flags = i & 1 ? 0 : IMX_M7_REGION_LOAD;
	}
	for (c = IMX_M7_OK + 1; c < IMX_M7_E_COUNT; c++) {
		for (f = IMX_M7_F_NONE; f < IMX_M7_F_COUNT; f++) {
			for (v = 0; v < 32; v++) {
				imx_m7_diag_init(&d);
				d.check = c;
				d.field = f;
				d.err = -EINVAL;
				d.seg = v & 1 ? -1 : 65534;
				d.other_seg = v & 1 ? -1 : 65534;
				d.paddr = 0xffffffff;
				d.vaddr = v & 2 ? 0xffffffff : 0xfffffffe;
				d.filesz = 0xffffffff;
				d.memsz = 0xffffffff;
				d.start = v & 4 ? 0xffffff00 : ~0ULL;
				d.end = ~0ULL;
				d.region = v & 8 ? 14 : 15;
				d.overflow = v & 16 ? 0 : ~0ULL;
				d.other_region = 15;
				d.value = v & 4 ? 0 : ~0ULL;
				d.expected = ~0ULL;
				d.section = 65534;
				d.index = 0x3ffffffb;	/* (4 GiB - 16) / 4 - 1 */
				d.entry_off = 0xffffffff;
				d.vring = v & 1 ? -1 : 1;
				d.other_vring = 1;
				d.other_start = ~0ULL;
				d.other_end = ~0ULL;
				memset(d.name, 'n', IMX_M7_NAME_LEN - 1);
				memset(d.other, 'o', IMX_M7_NAME_LEN - 1);
				memset(buf, 'x', 2 * IMX_M7_DIAG_LEN);
				len = imx_m7_diag_format(&d, regions,
							 IMX_M7_MAX_REGIONS,
							 buf, IMX_M7_DIAG_LEN);
				KUNIT_ASSERT_LT_MSG(test, len, IMX_M7_DIAG_LEN,
						    "check %u field %u variant %u",
						    c, f, v);
				KUNIT_ASSERT_EQ_MSG(test, buf[len], '\0',
						    "check %u field %u variant %u",
						    c, f, v);
				KUNIT_ASSERT_EQ(test, strlen(buf), len);
				worst = max_t(unsigned int, worst, len);
			}
		}
	}
	kunit_info(test, "longest diagnostic: %u bytes of %d\n", worst,
		   IMX_M7_DIAG_LEN);
}

/*
 * A refusal sets the fields of its own check and no other: after segment
 * 0 passed every check, segment 1's p_filesz > p_memsz leaves each field
 * that is not the segment's, p_filesz's value or its limit at its init.
 */
static void plan_diag_clean_test(struct kunit *test)
{
	struct imx_m7_region regions[IMX_M7_MAX_REGIONS];
	struct t_patch p = PH(1, p_memsz, 0xff);
	struct imx_m7_plan plan;
	struct imx_m7_diag diag;
	unsigned int n;
	size_t size;
	u8 *fw;

	n = t_regions(test, T_RT_FULL, regions);
	fw = t_build(test, &t_seed, &size);
	t_patch(test, &t_seed, fw, size, &p);
	KUNIT_ASSERT_EQ(test, imx_m7_elf_plan(fw, size, regions, n, &plan,
					      &diag), -ENOEXEC);
	KUNIT_EXPECT_EQ(test, diag.check, IMX_M7_E_SEG_FILESZ);
	KUNIT_EXPECT_EQ(test, diag.field, IMX_M7_F_P_FILESZ);
	KUNIT_EXPECT_EQ(test, diag.seg, 1);
	KUNIT_EXPECT_EQ(test, diag.value, 0x100);
	KUNIT_EXPECT_EQ(test, diag.expected, 0xff);
	KUNIT_EXPECT_EQ(test, diag.start, 0);
	KUNIT_EXPECT_EQ(test, diag.end, 0);
	KUNIT_EXPECT_EQ(test, diag.region, -1);
	KUNIT_EXPECT_EQ(test, diag.overflow, 0);
	KUNIT_EXPECT_EQ(test, diag.other_seg, -1);
	KUNIT_EXPECT_EQ(test, diag.other_region, -1);
	KUNIT_EXPECT_EQ(test, diag.section, -1);
	KUNIT_EXPECT_EQ(test, diag.index, -1);
	KUNIT_EXPECT_EQ(test, diag.other_start, 0);
	KUNIT_EXPECT_EQ(test, diag.other_end, 0);
	KUNIT_EXPECT_STREQ(test, diag.name, "");
	KUNIT_EXPECT_STREQ(test, diag.other, "");
}

/* An overlap names the region of each range. */
static void plan_overlap_regions_test(struct kunit *test)
{
	struct imx_m7_region *regions;
	struct imx_m7_plan plan;
	struct imx_m7_diag diag;
	char buf[256], *nl;
	unsigned int n;
	size_t size;
	u8 *fw;

	regions = kunit_kcalloc(test, IMX_M7_MAX_REGIONS, sizeof(*regions),
				GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, regions);
	n = t_regions(test, T_RT_FULL, regions);
	fw = t_build(test, &t_ocram_alias_overlap, &size);
	KUNIT_ASSERT_EQ(test, imx_m7_elf_plan(fw, size, regions, n, &plan,
					      &diag), -EINVAL);
	KUNIT_EXPECT_EQ(test, diag.region, R_OCRAM_SYS);
	KUNIT_EXPECT_EQ(test, diag.other_region, R_OCRAM);
	imx_m7_diag_format(&diag, regions, n, buf, sizeof(buf));
	nl = strchr(buf, '\n');
	KUNIT_ASSERT_NOT_NULL(test, nl);
	*nl = '\0';
	KUNIT_EXPECT_STREQ(test, buf,
			   "segment 2: load range [0x20200800, 0x20200810) in ocram overlaps segment 1's load range [0x00900000, 0x00901000) in ocram at CPU address 0x900800");
}

/* ---- Every (check, field) pair has its row -------------------------------- */

/*
 * Every (check, field) pair the region builder and the planner can set
 * (imx_m7_diag_set() and its callers in imx_m7_map.c and imx_m7_elf.c),
 * each with a row in the tables below, or @via the test that covers it.
 * IMX_M7_E_NOMEM needs an allocation to fail: no row ("-").
 */
struct t_pair {
	enum imx_m7_check check;
	enum imx_m7_field field;
	const char *via;
};

static const struct t_pair t_pairs[] = {
	{ .check = IMX_M7_E_TRUNCATED, .field = IMX_M7_F_FILE_SIZE, .via = "plan_truncate_test" },
	{ .check = IMX_M7_E_MAGIC, .field = IMX_M7_F_EI_MAG },
	{ .check = IMX_M7_E_CLASS, .field = IMX_M7_F_EI_CLASS },
	{ .check = IMX_M7_E_DATA, .field = IMX_M7_F_EI_DATA },
	{ .check = IMX_M7_E_VERSION, .field = IMX_M7_F_EI_VERSION },
	{ .check = IMX_M7_E_VERSION, .field = IMX_M7_F_E_VERSION },
	{ .check = IMX_M7_E_TYPE, .field = IMX_M7_F_E_TYPE },
	{ .check = IMX_M7_E_MACHINE, .field = IMX_M7_F_E_MACHINE },
	{ .check = IMX_M7_E_PHENTSIZE, .field = IMX_M7_F_E_PHENTSIZE },
	{ .check = IMX_M7_E_PHNUM, .field = IMX_M7_F_E_PHNUM },
	{ .check = IMX_M7_E_PHTABLE, .field = IMX_M7_F_E_PHOFF },
	{ .check = IMX_M7_E_SEG_FILE, .field = IMX_M7_F_P_OFFSET },
	{ .check = IMX_M7_E_SEG_FILESZ, .field = IMX_M7_F_P_FILESZ },
	{ .check = IMX_M7_E_SEG_WRAP, .field = IMX_M7_F_P_PADDR },
	{ .check = IMX_M7_E_SEG_WRAP, .field = IMX_M7_F_P_VADDR },
	{ .check = IMX_M7_E_LOAD_RANGE, .field = IMX_M7_F_NONE },
	{ .check = IMX_M7_E_RUN_RANGE, .field = IMX_M7_F_NONE },
	{ .check = IMX_M7_E_OVERLAP, .field = IMX_M7_F_NONE },
	{ .check = IMX_M7_E_NO_LOAD, .field = IMX_M7_F_E_PHNUM },
	{ .check = IMX_M7_E_NO_VECTOR, .field = IMX_M7_F_ITCM },
	{ .check = IMX_M7_E_NO_VECTOR, .field = IMX_M7_F_VECTOR_TABLE },
	{ .check = IMX_M7_E_NO_VECTOR, .field = IMX_M7_F_RESET_VECTOR },
	{ .check = IMX_M7_E_NO_VECTOR, .field = IMX_M7_F_PC_THUMB },
	{ .check = IMX_M7_E_NO_VECTOR, .field = IMX_M7_F_PC_EXEC },
	{ .check = IMX_M7_E_NO_VECTOR, .field = IMX_M7_F_INITIAL_SP },
	{ .check = IMX_M7_E_NO_VECTOR, .field = IMX_M7_F_E_ENTRY },
	{ .check = IMX_M7_E_NOMEM, .field = IMX_M7_F_NONE, .via = "-" },
	{ .check = IMX_M7_E_SHDR, .field = IMX_M7_F_E_SHENTSIZE },
	{ .check = IMX_M7_E_SHDR, .field = IMX_M7_F_E_SHOFF },
	{ .check = IMX_M7_E_SHDR, .field = IMX_M7_F_E_SHSTRNDX },
	{ .check = IMX_M7_E_SHDR, .field = IMX_M7_F_SH_TYPE },
	{ .check = IMX_M7_E_SHDR, .field = IMX_M7_F_SH_NAME },
	{ .check = IMX_M7_E_SHDR, .field = IMX_M7_F_SH_OFFSET },
	{ .check = IMX_M7_E_SHDR, .field = IMX_M7_F_NUL },
	{ .check = IMX_M7_E_RSC_TABLE, .field = IMX_M7_F_SH_TYPE },
	{ .check = IMX_M7_E_RSC_TABLE, .field = IMX_M7_F_SH_FLAGS },
	{ .check = IMX_M7_E_RSC_TABLE, .field = IMX_M7_F_SH_SIZE },
	{ .check = IMX_M7_E_RSC_TABLE, .field = IMX_M7_F_RSC_VER },
	{ .check = IMX_M7_E_RSC_TABLE, .field = IMX_M7_F_RSC_RESERVED },
	{ .check = IMX_M7_E_RSC_TABLE, .field = IMX_M7_F_RSC_NUM },
	{ .check = IMX_M7_E_RSC_TABLE, .field = IMX_M7_F_RSC_OFFSET },
	{ .check = IMX_M7_E_RSC_TABLE, .field = IMX_M7_F_RSC_LOAD },
	{ .check = IMX_M7_E_RSC_LMA, .field = IMX_M7_F_P_VADDR },
	{ .check = IMX_M7_E_RSC_VDEV, .field = IMX_M7_F_VDEV_SECOND },
	{ .check = IMX_M7_E_RSC_VDEV, .field = IMX_M7_F_NUM_OF_VRINGS },
	{ .check = IMX_M7_E_RSC_VDEV, .field = IMX_M7_F_VDEV_SIZE },
	{ .check = IMX_M7_E_RSC_VRING, .field = IMX_M7_F_VRING_DA },
	{ .check = IMX_M7_E_RSC_VRING, .field = IMX_M7_F_VRING_NUM },
	{ .check = IMX_M7_E_RSC_VRING, .field = IMX_M7_F_VRING_ALIGN },
	{ .check = IMX_M7_E_RSC_VRING, .field = IMX_M7_F_VRING_NOTIFYID },
	{ .check = IMX_M7_E_REGION_NAME, .field = IMX_M7_F_NONE },
	{ .check = IMX_M7_E_REGION_SIZE, .field = IMX_M7_F_REGION_EMPTY },
	{ .check = IMX_M7_E_REGION_SIZE, .field = IMX_M7_F_REGION_BIG },
	{ .check = IMX_M7_E_REGION_SIZE, .field = IMX_M7_F_REGION_WRAP },
	{ .check = IMX_M7_E_REGION_SIZE, .field = IMX_M7_F_REGION_PAST },
	{ .check = IMX_M7_E_REGION_SIZE, .field = IMX_M7_F_REGION_DA },
	{ .check = IMX_M7_E_REGION_WINDOW, .field = IMX_M7_F_NONE },
	{ .check = IMX_M7_E_REGION_WINDOW, .field = IMX_M7_F_REGION_STANDIN },
	{ .check = IMX_M7_E_REGION_NOMAP, .field = IMX_M7_F_NONE },
	{ .check = IMX_M7_E_REGION_OVERLAP, .field = IMX_M7_F_NONE },
	{ .check = IMX_M7_E_REGION_DUP, .field = IMX_M7_F_NONE },
	{ .check = IMX_M7_E_REGION_MISSING, .field = IMX_M7_F_NONE },
	{ .check = IMX_M7_E_REGION_COUNT, .field = IMX_M7_F_COUNT_DECLS },
	{ .check = IMX_M7_E_REGION_COUNT, .field = IMX_M7_F_COUNT_VIEWS },
	{ .check = IMX_M7_E_REGION_COUNT, .field = IMX_M7_F_COUNT_TABLE },
};

/* Mark the pair of one refused row; a pair not in t_pairs[] fails. */
void t_pair_seen(struct kunit *test, bool *seen, const char *desc, int err,
		 enum imx_m7_check check, enum imx_m7_field field)
{
	unsigned int i;

	if (!err || check == IMX_M7_OK)
		return;
	for (i = 0; i < ARRAY_SIZE(t_pairs); i++) {
		if (t_pairs[i].check == check && t_pairs[i].field == field) {
			seen[i] = true;
			return;
		}
	}
	KUNIT_FAIL(test, "row \"%s\": (%s, %s) is not in t_pairs[]", desc,
		   imx_m7_check_name(check), imx_m7_field_name(field));
}

static void diag_pairs_test(struct kunit *test)
{
	bool seen[ARRAY_SIZE(t_pairs)] = { };
	unsigned int i;

	t_elf_pairs(test, seen);
	t_rsc_pairs(test, seen);
	t_map_pairs(test, seen);
	for (i = 0; i < ARRAY_SIZE(t_pairs); i++)
		KUNIT_EXPECT_TRUE_MSG(test, seen[i] || t_pairs[i].via,
				      "(%s, %s) has no row",
				      imx_m7_check_name(t_pairs[i].check),
				      imx_m7_field_name(t_pairs[i].field));
}

/* A pair the formatter has no words for says so, never another's words. */
static void diag_unknown_test(struct kunit *test)
{
	char buf[IMX_M7_DIAG_LEN], want[IMX_M7_DIAG_LEN];
	struct imx_m7_diag d;

	imx_m7_diag_init(&d);
	imx_m7_diag_set(&d, -EINVAL, IMX_M7_E_NO_VECTOR, IMX_M7_F_SH_FLAGS, 0,
			0);
	d.seg = 0;
	imx_m7_diag_format(&d, NULL, 0, buf, sizeof(buf));
	snprintf(want, sizeof(want),
		 "segment 0: unknown diagnostic: check no-vector (%d), field sh_flags (%d)\nsegment 0: p_paddr 0x00000000 p_vaddr 0x00000000 p_filesz 0x0 p_memsz 0x0",
		 IMX_M7_E_NO_VECTOR, IMX_M7_F_SH_FLAGS);
	KUNIT_EXPECT_STREQ(test, buf, want);
	imx_m7_diag_set(&d, -EINVAL, IMX_M7_E_COUNT, IMX_M7_F_NONE, 0, 0);
	d.seg = -1;
	imx_m7_diag_format(&d, NULL, 0, buf, sizeof(buf));
	snprintf(want, sizeof(want),
		 "unknown diagnostic: check unknown (%d), field  (%d)",
		 IMX_M7_E_COUNT, IMX_M7_F_NONE);
	KUNIT_EXPECT_STREQ(test, buf, want);
}

static void check_name_test(struct kunit *test)
{
	unsigned int c;

	for (c = 0; c < IMX_M7_E_COUNT; c++)
		KUNIT_EXPECT_STRNEQ(test, imx_m7_check_name(c), "unknown");
	KUNIT_EXPECT_STREQ(test, imx_m7_check_name(IMX_M7_E_COUNT), "unknown");
	KUNIT_EXPECT_STREQ(test, imx_m7_check_name(IMX_M7_E_LOAD_RANGE),
			   "load-range");
	for (c = 1; c < IMX_M7_F_COUNT; c++)
		KUNIT_EXPECT_STRNEQ(test, imx_m7_field_name(c), "unknown");
	KUNIT_EXPECT_STREQ(test, imx_m7_field_name(IMX_M7_F_NONE), "");
	KUNIT_EXPECT_STREQ(test, imx_m7_field_name(IMX_M7_F_COUNT), "unknown");
}

static struct kunit_case imx_m7_diag_test_cases[] = {
	KUNIT_CASE_PARAM(diag_text_test, t_text_gen_params),
	KUNIT_CASE(diag_fits_test),
	KUNIT_CASE(plan_diag_clean_test),
	KUNIT_CASE(plan_overlap_regions_test),
	KUNIT_CASE(diag_pairs_test),
	KUNIT_CASE(diag_unknown_test),
	KUNIT_CASE(check_name_test),
	{}
};

static struct kunit_suite imx_m7_diag_test_suite = {
	.name = "imx_m7_diag",
	.test_cases = imx_m7_diag_test_cases,
};
kunit_test_suite(imx_m7_diag_test_suite);
