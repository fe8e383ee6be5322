// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit suite imx_m7_rsc: the resource table, found in the section headers
 * by imx_m7_elf_rsc_table(), parsed by imx_m7_rsc_parse() and checked by
 * the planner against the rpmsg carve-outs, on t_rsc (tests/imx_m7_test.h)
 * with one field broken at a time.
 */
#include <kunit/test.h>
#include <linux/elf.h>
#include <linux/kernel.h>
#include <linux/slab.h>
#include <linux/string.h>

#include "imx_m7_elf.h"
#include "imx_m7_test.h"

/* ---- The resource table -------------------------------------------------- */

struct t_rsc_case {
	const char *desc;
	struct t_patch patch[2];
	int err;
	enum imx_m7_check check;
	int section;
	enum imx_m7_field field;
	u32 da;			/* accepted: the table's M7 address */
};

static void t_rsc_desc(const struct t_rsc_case *c, char *desc)
{
	strscpy(desc, c->desc, KUNIT_PARAM_DESC_SIZE);
}

#define RSCOK(d, a, ...) \
	{ .desc = d, .patch = { __VA_ARGS__ }, .section = -1, .da = a }

static const struct t_rsc_case t_rsc_cases[] = {
	RSCOK("well-formed: stored and read at 0x20000100", 0x20000100),
	RSCOK("last entry ends at the section's end", 0x20000100,
	      RSCDATA(20, T_RSC_LEN - 4)),
	RSCOK("inside a larger segment: p_paddr + offset", 0x50,
	      PH(1, p_filesz, 0x10 + T_RSC_LEN), PH(1, p_vaddr, 0x40)),
	{ .desc = "stored in ITCM, read in DTCM: LMA != VMA",
	  .patch = { PH(2, p_paddr, 0x50) }, .err = -EINVAL,
	  .check = IMX_M7_E_RSC_LMA, .section = 1, .field = IMX_M7_F_P_VADDR },
	{ .desc = "no section headers", .patch = { EH(e_shnum, 0) },
	  .err = -ENOENT, .check = IMX_M7_OK, .section = -1, .field = IMX_M7_F_NONE },
	{ .desc = "no .resource_table", .patch = { SH(1, sh_name, 17) },
	  .err = -ENOENT, .check = IMX_M7_OK, .section = -1, .field = IMX_M7_F_NONE },
	{ .desc = "empty .resource_table (MCUXpresso without a table)",
	  .patch = { SH(1, sh_size, 0) }, .err = -ENOENT, .check = IMX_M7_OK,
	  .section = -1, .field = IMX_M7_F_NONE },
	{ .desc = "e_shentsize 41", .patch = { EH(e_shentsize, 41) },
	  .err = -ENOEXEC, .check = IMX_M7_E_SHDR, .section = -1,
	  .field = IMX_M7_F_E_SHENTSIZE },
	{ .desc = "e_shoff 0", .patch = { EH(e_shoff, 0) }, .err = -ENOEXEC,
	  .check = IMX_M7_E_SHDR, .section = -1, .field = IMX_M7_F_E_SHOFF },
	{ .desc = "e_shoff 0x7fffffff", .patch = { EH(e_shoff, 0x7fffffff) },
	  .err = -ENOEXEC, .check = IMX_M7_E_SHDR, .section = -1,
	  .field = IMX_M7_F_E_SHOFF },
	{ .desc = "e_shoff 0x80000000", .patch = { EH(e_shoff, 0x80000000) },
	  .err = -ENOEXEC, .check = IMX_M7_E_SHDR, .section = -1,
	  .field = IMX_M7_F_E_SHOFF },
	{ .desc = "e_shoff 0xffffffff", .patch = { EH(e_shoff, 0xffffffff) },
	  .err = -ENOEXEC, .check = IMX_M7_E_SHDR, .section = -1,
	  .field = IMX_M7_F_E_SHOFF },
	{ .desc = "e_shnum 0xffff", .patch = { EH(e_shnum, 0xffff) },
	  .err = -ENOEXEC, .check = IMX_M7_E_SHDR, .section = -1,
	  .field = IMX_M7_F_E_SHOFF },
	{ .desc = "e_shstrndx 0", .patch = { EH(e_shstrndx, 0) },
	  .err = -ENOEXEC, .check = IMX_M7_E_SHDR, .section = -1,
	  .field = IMX_M7_F_E_SHSTRNDX },
	{ .desc = "e_shstrndx 3", .patch = { EH(e_shstrndx, 3) },
	  .err = -ENOEXEC, .check = IMX_M7_E_SHDR, .section = -1,
	  .field = IMX_M7_F_E_SHSTRNDX },
	{ .desc = "e_shstrndx 0xffff", .patch = { EH(e_shstrndx, 0xffff) },
	  .err = -ENOEXEC, .check = IMX_M7_E_SHDR, .section = -1,
	  .field = IMX_M7_F_E_SHSTRNDX },
	{ .desc = "names not SHT_STRTAB", .patch = { SH(2, sh_type, 1) },
	  .err = -ENOEXEC, .check = IMX_M7_E_SHDR, .section = 2,
	  .field = IMX_M7_F_SH_TYPE },
	{ .desc = "names sh_offset 0xffffffff",
	  .patch = { SH(2, sh_offset, 0xffffffff) }, .err = -ENOEXEC,
	  .check = IMX_M7_E_SHDR, .section = 2, .field = IMX_M7_F_SH_OFFSET },
	{ .desc = "names sh_size 0x7fffffff",
	  .patch = { SH(2, sh_size, 0x7fffffff) }, .err = -ENOEXEC,
	  .check = IMX_M7_E_SHDR, .section = 2, .field = IMX_M7_F_SH_OFFSET },
	{ .desc = "names sh_size 0x80000000",
	  .patch = { SH(2, sh_size, 0x80000000) }, .err = -ENOEXEC,
	  .check = IMX_M7_E_SHDR, .section = 2, .field = IMX_M7_F_SH_OFFSET },
	{ .desc = "names not NUL-terminated", .patch = { SH(2, sh_size, 26) },
	  .err = -ENOEXEC, .check = IMX_M7_E_SHDR, .section = 2,
	  .field = IMX_M7_F_NUL },
	{ .desc = "names empty", .patch = { SH(2, sh_size, 0) },
	  .err = -ENOEXEC, .check = IMX_M7_E_SHDR, .section = 2,
	  .field = IMX_M7_F_NUL },
	{ .desc = "sh_name at the table'1 end", .patch = { SH(1, sh_name, 27) },
	  .err = -ENOEXEC, .check = IMX_M7_E_SHDR, .section = 1,
	  .field = IMX_M7_F_SH_NAME },
	{ .desc = "sh_name 0xffffffff", .patch = { SH(1, sh_name, 0xffffffff) },
	  .err = -ENOEXEC, .check = IMX_M7_E_SHDR, .section = 1,
	  .field = IMX_M7_F_SH_NAME },
	{ .desc = "table sh_offset 0x80000000",
	  .patch = { SH(1, sh_offset, 0x80000000) }, .err = -ENOEXEC,
	  .check = IMX_M7_E_SHDR, .section = 1, .field = IMX_M7_F_SH_OFFSET },
	{ .desc = "table sh_size 0xffffffff",
	  .patch = { SH(1, sh_size, 0xffffffff) }, .err = -ENOEXEC,
	  .check = IMX_M7_E_SHDR, .section = 1, .field = IMX_M7_F_SH_OFFSET },
	{ .desc = "table not SHF_ALLOC",
	  .patch = { SH(1, sh_flags, SHF_WRITE) }, .err = -EINVAL,
	  .check = IMX_M7_E_RSC_TABLE, .section = 1, .field = IMX_M7_F_SH_FLAGS },
	{ .desc = "table stored by no PT_LOAD",
	  .patch = { PH(2, p_type, PT_NOTE) }, .err = -EINVAL,
	  .check = IMX_M7_E_RSC_TABLE, .section = 1, .field = IMX_M7_F_RSC_LOAD },
	{ .desc = "table one byte past its segment's stored bytes",
	  .patch = { PH(2, p_filesz, T_RSC_LEN - 1) }, .err = -EINVAL,
	  .check = IMX_M7_E_RSC_TABLE, .section = 1, .field = IMX_M7_F_RSC_LOAD },
	{ .desc = "table in a PT_LOAD with p_memsz 0",
	  .patch = { PH(2, p_memsz, 0) }, .err = -EINVAL,
	  .check = IMX_M7_E_RSC_TABLE, .section = 1, .field = IMX_M7_F_RSC_LOAD },
	{ .desc = "table's load address runs past 4 GiB",
	  .patch = { PH(2, p_paddr, 0xffffffe0) }, .err = -EINVAL,
	  .check = IMX_M7_E_RSC_TABLE, .section = 1, .field = IMX_M7_F_RSC_LOAD },
	{ .desc = "table is SHT_NOBITS",
	  .patch = { SH(1, sh_type, SHT_NOBITS) }, .err = -EINVAL,
	  .check = IMX_M7_E_RSC_TABLE, .section = 1, .field = IMX_M7_F_SH_TYPE },
	{ .desc = "table smaller than its header",
	  .patch = { SH(1, sh_size, 15) }, .err = -EINVAL,
	  .check = IMX_M7_E_RSC_TABLE, .section = 1, .field = IMX_M7_F_SH_SIZE },
	{ .desc = "ver 2", .patch = { RSCDATA(0, 2) }, .err = -EINVAL,
	  .check = IMX_M7_E_RSC_TABLE, .section = 1, .field = IMX_M7_F_RSC_VER },
	{ .desc = "reserved[0] set", .patch = { RSCDATA(8, 1) }, .err = -EINVAL,
	  .check = IMX_M7_E_RSC_TABLE, .section = 1, .field = IMX_M7_F_RSC_RESERVED },
	{ .desc = "reserved[1] set", .patch = { RSCDATA(12, 1) },
	  .err = -EINVAL, .check = IMX_M7_E_RSC_TABLE, .section = 1,
	  .field = IMX_M7_F_RSC_RESERVED },
	{ .desc = "num 32: offsets past the end", .patch = { RSCDATA(4, 32) },
	  .err = -EINVAL, .check = IMX_M7_E_RSC_TABLE, .section = 1,
	  .field = IMX_M7_F_RSC_NUM },
	{ .desc = "num 0x7fffffff", .patch = { RSCDATA(4, 0x7fffffff) },
	  .err = -EINVAL, .check = IMX_M7_E_RSC_TABLE, .section = 1,
	  .field = IMX_M7_F_RSC_NUM },
	{ .desc = "num 0x80000000", .patch = { RSCDATA(4, 0x80000000) },
	  .err = -EINVAL, .check = IMX_M7_E_RSC_TABLE, .section = 1,
	  .field = IMX_M7_F_RSC_NUM },
	{ .desc = "num 0xffffffff", .patch = { RSCDATA(4, 0xffffffff) },
	  .err = -EINVAL, .check = IMX_M7_E_RSC_TABLE, .section = 1,
	  .field = IMX_M7_F_RSC_NUM },
	{ .desc = "entry ends one byte past the section",
	  .patch = { RSCDATA(20, T_RSC_LEN - 3) }, .err = -EINVAL,
	  .check = IMX_M7_E_RSC_TABLE, .section = 1, .field = IMX_M7_F_RSC_OFFSET },
	{ .desc = "entry inside the header", .patch = { RSCDATA(16, 8) },
	  .err = -EINVAL, .check = IMX_M7_E_RSC_TABLE, .section = 1,
	  .field = IMX_M7_F_RSC_OFFSET },
	{ .desc = "offset 0x7fffffff", .patch = { RSCDATA(16, 0x7fffffff) },
	  .err = -EINVAL, .check = IMX_M7_E_RSC_TABLE, .section = 1,
	  .field = IMX_M7_F_RSC_OFFSET },
	{ .desc = "offset 0x80000000", .patch = { RSCDATA(16, 0x80000000) },
	  .err = -EINVAL, .check = IMX_M7_E_RSC_TABLE, .section = 1,
	  .field = IMX_M7_F_RSC_OFFSET },
	{ .desc = "offset 0xffffffff", .patch = { RSCDATA(20, 0xffffffff) },
	  .err = -EINVAL, .check = IMX_M7_E_RSC_TABLE, .section = 1,
	  .field = IMX_M7_F_RSC_OFFSET },
};
KUNIT_ARRAY_PARAM(t_rsc, t_rsc_cases, t_rsc_desc);

static void rsc_table_test(struct kunit *test)
{
	const struct t_rsc_case *c = test->param_value;
	u32 off = 0, len = 0, da = 0;
	struct imx_m7_diag diag;
	unsigned int i;
	size_t size;
	u8 *fw;
	int ret;

	fw = t_build(test, &t_rsc, &size);
	for (i = 0; i < ARRAY_SIZE(c->patch); i++)
		t_patch(test, &t_rsc, fw, size, &c->patch[i]);
	ret = imx_m7_elf_rsc_table(fw, size, &off, &len, &da, &diag);
	KUNIT_ASSERT_EQ(test, ret, c->err);
	KUNIT_EXPECT_EQ(test, diag.check, c->check);
	KUNIT_EXPECT_EQ(test, diag.section, c->section);
	T_EXPECT_FIELD(test, diag.field, c->field);
	if (ret)
		return;
	KUNIT_EXPECT_EQ(test, off, t_rsc_offset(&t_rsc));
	KUNIT_EXPECT_EQ(test, len, T_RSC_LEN);
	KUNIT_EXPECT_EQ(test, da, c->da);
}

/* The table entry the diagnostic names. */
static void rsc_entry_test(struct kunit *test)
{
	struct t_patch p = RSCDATA(20, T_RSC_LEN - 3);
	struct imx_m7_diag diag;
	u32 off, len, da;
	size_t size;
	char buf[160];
	u8 *fw;

	fw = t_build(test, &t_rsc, &size);
	t_patch(test, &t_rsc, fw, size, &p);
	KUNIT_ASSERT_EQ(test, imx_m7_elf_rsc_table(fw, size, &off, &len, &da,
						   &diag), -EINVAL);
	KUNIT_EXPECT_EQ(test, diag.index, 1);
	imx_m7_diag_format(&diag, NULL, 0, buf, sizeof(buf));
	KUNIT_EXPECT_STREQ(test, buf,
			   "resource table (section 1): entry 1 at offset 0x89 is not inside the section's 0x8c bytes after its header");
}

/* ---- The resource table's vdev ------------------------------------------- */

struct t_vdev_case {
	const char *desc;
	struct t_patch patch[2];
	bool no_carveouts;	/* the Verdin TCM regions: no vdev0vring0/1 */
	bool plan_only;		/* a vring address: only the planner checks */
	int err;
	enum imx_m7_check check;
	enum imx_m7_field field;
	int index;		/* the entry, its offset, the vring(s) */
	u32 entry_off;
	int vring, other_vring;
	u64 value, expected;
	int region;		/* vring da: the carve-out named, or -1 */
};

static void t_vdev_desc(const struct t_vdev_case *c, char *desc)
{
	strscpy(desc, c->desc, KUNIT_PARAM_DESC_SIZE);
}

#define VDEV_OK(d, ...)	{ .desc = d, .patch = { __VA_ARGS__ } }
static const struct t_vdev_case t_vdev_cases[] = {
	VDEV_OK("NXP's rpmsg-lite table"),
	VDEV_OK("vring 1 ends at its carve-out's end",
		RSCDATA(VR1, 0x55010000 - 0x2806)),
	{ .desc = "vring 1 one byte past vdev0vring1", .plan_only = true,
	  .err = -EINVAL, .check = IMX_M7_E_RSC_VRING,
	  .field = IMX_M7_F_VRING_DA, .index = 0, .entry_off = 24, .vring = 1,
	  .other_vring = -1, .value = 0x55010000 - 0x2805, .expected = 0x2806,
	  .region = W_VRING1, .patch = { RSCDATA(VR1, 0x55010000 - 0x2805) } },
	{ .desc = "vring 0 in vdev0vring1's carve-out", .plan_only = true,
	  .err = -EINVAL, .check = IMX_M7_E_RSC_VRING,
	  .field = IMX_M7_F_VRING_DA, .index = 0, .entry_off = 24, .vring = 0,
	  .other_vring = -1, .value = 0x55008000, .expected = 0x2806,
	  .region = W_VRING0, .patch = { RSCDATA(VR0, 0x55008000) } },
	{ .desc = "vring 0 below its carve-out", .plan_only = true,
	  .err = -EINVAL, .check = IMX_M7_E_RSC_VRING,
	  .field = IMX_M7_F_VRING_DA, .index = 0, .entry_off = 24, .vring = 0,
	  .other_vring = -1, .value = 0x54fff000, .expected = 0x2806,
	  .region = W_VRING0, .patch = { RSCDATA(VR0, 0x54fff000) } },
	{ .desc = "vring 0 num 0x80000000: a power of two, too big",
	  .plan_only = true, .err = -EINVAL, .check = IMX_M7_E_RSC_VRING,
	  .field = IMX_M7_F_VRING_DA, .index = 0, .entry_off = 24, .vring = 0,
	  .other_vring = -1, .value = 0x55000000, .expected = 0xd00001006ULL,
	  .region = W_VRING0, .patch = { RSCDATA(VR0 + 8, 0x80000000) } },
	VDEV_OK("vring 0 at FW_RSC_ADDR_ANY: the core chooses",
		RSCDATA(VR0, IMX_M7_RSC_ANY)),
	{ .desc = "no vring carve-outs in the device tree",
	  .no_carveouts = true, .plan_only = true, .err = -EINVAL,
	  .check = IMX_M7_E_RSC_VRING, .field = IMX_M7_F_VRING_DA,
	  .index = 0, .entry_off = 24, .vring = 0, .other_vring = -1,
	  .value = 0x55000000, .expected = 0x2806, .region = -1 },
	{ .desc = "no vring carve-outs, both vrings FW_RSC_ADDR_ANY",
	  .no_carveouts = true,
	  .patch = { RSCDATA(VR0, IMX_M7_RSC_ANY),
		     RSCDATA(VR1, IMX_M7_RSC_ANY) } },
	{ .desc = "vring 0 num 0", .err = -EINVAL, .check = IMX_M7_E_RSC_VRING,
	  .field = IMX_M7_F_VRING_NUM, .index = 0, .entry_off = 24, .vring = 0,
	  .other_vring = -1, .value = 0, .expected = 0, .region = -1,
	  .patch = { RSCDATA(VR0 + 8, 0) } },
	{ .desc = "vring 1 num 255", .err = -EINVAL,
	  .check = IMX_M7_E_RSC_VRING, .field = IMX_M7_F_VRING_NUM, .index = 0,
	  .entry_off = 24, .vring = 1, .other_vring = -1, .value = 255,
	  .expected = 0, .region = -1, .patch = { RSCDATA(VR1 + 8, 255) } },
	{ .desc = "vring 1 num 0xffffffff", .err = -EINVAL,
	  .check = IMX_M7_E_RSC_VRING, .field = IMX_M7_F_VRING_NUM, .index = 0,
	  .entry_off = 24, .vring = 1, .other_vring = -1, .value = 0xffffffff,
	  .expected = 0, .region = -1,
	  .patch = { RSCDATA(VR1 + 8, 0xffffffff) } },
	{ .desc = "vring 0 align 0", .err = -EINVAL,
	  .check = IMX_M7_E_RSC_VRING, .field = IMX_M7_F_VRING_ALIGN,
	  .index = 0, .entry_off = 24, .vring = 0, .other_vring = -1,
	  .value = 0, .expected = 0, .region = -1,
	  .patch = { RSCDATA(VR0 + 4, 0) } },
	{ .desc = "vring 1 align 0x1001", .err = -EINVAL,
	  .check = IMX_M7_E_RSC_VRING, .field = IMX_M7_F_VRING_ALIGN,
	  .index = 0, .entry_off = 24, .vring = 1, .other_vring = -1,
	  .value = 0x1001, .expected = 0, .region = -1,
	  .patch = { RSCDATA(VR1 + 4, 0x1001) } },
	{ .desc = "vring 1 notifyid 0, vring 0's", .err = -EINVAL,
	  .check = IMX_M7_E_RSC_VRING, .field = IMX_M7_F_VRING_NOTIFYID,
	  .index = 0, .entry_off = 24, .vring = 1, .other_vring = 0,
	  .value = 0, .expected = 0, .region = -1,
	  .patch = { RSCDATA(VR1 + 12, 0) } },
	VDEV_OK("notify ids 5 and 9: the core gives its own",
		RSCDATA(VR0 + 12, 5), RSCDATA(VR1 + 12, 9)),
	VDEV_OK("both notify ids FW_RSC_NOTIFY_ID_ANY",
		RSCDATA(VR0 + 12, IMX_M7_RSC_ANY),
		RSCDATA(VR1 + 12, IMX_M7_RSC_ANY)),
	{ .desc = "num_of_vrings 3", .err = -EINVAL, .check = IMX_M7_E_RSC_VDEV,
	  .field = IMX_M7_F_NUM_OF_VRINGS, .index = 0, .entry_off = 24,
	  .vring = -1, .other_vring = -1, .value = 3, .expected = 2,
	  .region = -1, .patch = { RSCDATA(48, VD_NVR(3)) } },
	{ .desc = "num_of_vrings 255", .err = -EINVAL,
	  .check = IMX_M7_E_RSC_VDEV, .field = IMX_M7_F_NUM_OF_VRINGS,
	  .index = 0, .entry_off = 24, .vring = -1, .other_vring = -1,
	  .value = 255, .expected = 2, .region = -1,
	  .patch = { RSCDATA(48, VD_NVR(255)) } },
	{ .desc = "rpmsg vdev with 1 vring", .err = -EINVAL,
	  .check = IMX_M7_E_RSC_VDEV, .field = IMX_M7_F_NUM_OF_VRINGS,
	  .index = 0, .entry_off = 24, .vring = -1, .other_vring = -1,
	  .value = 1, .expected = 2, .region = -1,
	  .patch = { RSCDATA(48, VD_NVR(1)) } },
	{ .desc = "rpmsg vdev with no vring", .err = -EINVAL,
	  .check = IMX_M7_E_RSC_VDEV, .field = IMX_M7_F_NUM_OF_VRINGS,
	  .index = 0, .entry_off = 24, .vring = -1, .other_vring = -1,
	  .value = 0, .expected = 2, .region = -1,
	  .patch = { RSCDATA(48, VD_NVR(0)) } },
	VDEV_OK("a vdev with 1 vring that is not rpmsg (id 3)",
		RSCDATA(28, 3), RSCDATA(48, VD_NVR(1))),
	VDEV_OK("config_len up to the table's end", RSCDATA(44, 48)),
	{ .desc = "config_len one byte past the table's end", .err = -EINVAL,
	  .check = IMX_M7_E_RSC_VDEV, .field = IMX_M7_F_VDEV_SIZE, .index = 0,
	  .entry_off = 24, .vring = -1, .other_vring = -1,
	  .value = 0x1c + 2 * 0x14 + 49, .expected = T_RSC_LEN, .region = -1,
	  .patch = { RSCDATA(44, 49) } },
	{ .desc = "config_len 0xffffffff", .err = -EINVAL,
	  .check = IMX_M7_E_RSC_VDEV, .field = IMX_M7_F_VDEV_SIZE, .index = 0,
	  .entry_off = 24, .vring = -1, .other_vring = -1,
	  .value = 0x1c + 2 * 0x14 + 0xffffffffULL, .expected = T_RSC_LEN,
	  .region = -1, .patch = { RSCDATA(44, 0xffffffff) } },
	{ .desc = "a vdev in the table's last 4 bytes", .err = -EINVAL,
	  .check = IMX_M7_E_RSC_VDEV, .field = IMX_M7_F_VDEV_SIZE, .index = 0,
	  .entry_off = T_RSC_LEN - 4, .vring = -1, .other_vring = -1,
	  .value = 0x1c, .expected = T_RSC_LEN, .region = -1,
	  .patch = { RSCDATA(16, T_RSC_LEN - 4), RSCDATA(T_RSC_LEN - 4, 3) } },
	{ .desc = "a second vdev", .err = -EINVAL, .check = IMX_M7_E_RSC_VDEV,
	  .field = IMX_M7_F_VDEV_SECOND, .index = 1, .entry_off = 92,
	  .vring = -1, .other_vring = -1, .value = 3, .expected = 0,
	  .region = -1, .patch = { RSCDATA(92, 3) } },
	{ .desc = "stored in ITCM, read in DTCM", .err = -EINVAL,
	  .check = IMX_M7_E_RSC_LMA, .field = IMX_M7_F_P_VADDR, .index = -1,
	  .vring = -1, .other_vring = -1, .value = 0x20000100,
	  .expected = 0x50, .region = -1, .patch = { PH(2, p_paddr, 0x50) } },
};
KUNIT_ARRAY_PARAM(t_vdev, t_vdev_cases, t_vdev_desc);

static void t_expect_vdev(struct kunit *test, const struct t_vdev_case *c,
			  const struct imx_m7_diag *d)
{
	KUNIT_EXPECT_EQ(test, d->err, c->err);
	KUNIT_EXPECT_EQ_MSG(test, d->check, c->check, "got %s, want %s",
			    imx_m7_check_name(d->check),
			    imx_m7_check_name(c->check));
	T_EXPECT_FIELD(test, d->field, c->field);
	KUNIT_EXPECT_EQ(test, d->section, 1);
	KUNIT_EXPECT_EQ(test, d->index, c->index);
	KUNIT_EXPECT_EQ(test, d->entry_off, c->entry_off);
	KUNIT_EXPECT_EQ(test, d->vring, c->vring);
	KUNIT_EXPECT_EQ(test, d->other_vring, c->other_vring);
	KUNIT_EXPECT_EQ(test, d->value, c->value);
	KUNIT_EXPECT_EQ(test, d->expected, c->expected);
	KUNIT_EXPECT_EQ(test, d->region, c->region);
	KUNIT_EXPECT_EQ(test, d->seg, c->check == IMX_M7_E_RSC_LMA ? 2 : -1);
}

/*
 * The planner (with the region table) and imx_m7_elf_rsc_table() (without)
 * refuse the same tables, but for the vring addresses, which only the
 * planner can check.
 */
static void rsc_vdev_test(struct kunit *test)
{
	const struct t_vdev_case *c = test->param_value;
	struct imx_m7_region regions[IMX_M7_MAX_REGIONS];
	u32 off = 0, len = 0, da = 0;
	struct imx_m7_plan plan;
	struct imx_m7_diag diag;
	unsigned int n, i;
	size_t size;
	u8 *fw;
	int ret;

	n = t_regions(test, c->no_carveouts ? T_RT_VERDIN : T_RT_VRINGS,
		      regions);
	fw = t_build(test, &t_rsc, &size);
	for (i = 0; i < ARRAY_SIZE(c->patch); i++)
		t_patch(test, &t_rsc, fw, size, &c->patch[i]);
	ret = imx_m7_elf_plan(fw, size, regions, n, &plan, &diag);
	KUNIT_ASSERT_EQ_MSG(test, ret, c->err, "plan: check %s",
			    imx_m7_check_name(diag.check));
	if (ret) {
		KUNIT_EXPECT_NULL(test, plan.ops);
		t_expect_vdev(test, c, &diag);
	} else {
		KUNIT_EXPECT_EQ(test, plan.n_segments, 3);
		imx_m7_plan_free(&plan);
	}
	ret = imx_m7_elf_rsc_table(fw, size, &off, &len, &da, &diag);
	KUNIT_ASSERT_EQ_MSG(test, ret, c->plan_only ? 0 : c->err,
			    "rsc_table: check %s",
			    imx_m7_check_name(diag.check));
	if (ret) {
		t_expect_vdev(test, c, &diag);
		return;
	}
	KUNIT_EXPECT_EQ(test, diag.check, IMX_M7_OK);
	KUNIT_EXPECT_EQ(test, off, t_rsc_offset(&t_rsc));
	KUNIT_EXPECT_EQ(test, len, T_RSC_LEN);
	KUNIT_EXPECT_EQ(test, da, 0x20000100);
}

/* The good table, parsed: every number NXP's rsc_table.c puts in it. */
static void rsc_parse_test(struct kunit *test)
{
	struct imx_m7_region regions[IMX_M7_MAX_REGIONS];
	const struct imx_m7_region *rt[] = { NULL, regions };
	const u8 *t = (const u8 *)t_rsc_words;
	u32 table[T_RSC_LEN / 4];
	struct imx_m7_diag diag;
	struct imx_m7_rsc rsc;
	unsigned int n, i;

	n = t_regions(test, T_RT_VRINGS, regions);
	for (i = 0; i < ARRAY_SIZE(rt); i++) {
		KUNIT_ASSERT_EQ(test, imx_m7_rsc_parse(t, T_RSC_LEN, rt[i],
						       rt[i] ? n : 0, &rsc,
						       &diag), 0);
		KUNIT_EXPECT_EQ(test, rsc.num, 2);
		KUNIT_EXPECT_EQ(test, rsc.vdev, 0);
		KUNIT_EXPECT_EQ(test, rsc.vdev_off, 24);
		KUNIT_EXPECT_EQ(test, rsc.id, 7);
		KUNIT_EXPECT_EQ(test, rsc.dfeatures, 1);
		KUNIT_EXPECT_EQ(test, rsc.config_len, 0);
		KUNIT_ASSERT_EQ(test, rsc.n_vrings, 2);
		KUNIT_EXPECT_EQ(test, rsc.vring[0].da, 0x55000000);
		KUNIT_EXPECT_EQ(test, rsc.vring[1].da, 0x55008000);
		KUNIT_EXPECT_EQ(test, rsc.vring[0].align, 0x1000);
		KUNIT_EXPECT_EQ(test, rsc.vring[1].align, 0x1000);
		KUNIT_EXPECT_EQ(test, rsc.vring[0].num, 256);
		KUNIT_EXPECT_EQ(test, rsc.vring[1].num, 256);
		KUNIT_EXPECT_EQ(test, rsc.vring[0].notifyid, 0);
		KUNIT_EXPECT_EQ(test, rsc.vring[1].notifyid, 1);
		KUNIT_EXPECT_EQ(test, diag.check, IMX_M7_OK);
		KUNIT_EXPECT_EQ(test, diag.index, -1);
	}
	/* Both offsets at the trace entry: no vdev, nothing refused. */
	memcpy(table, t_rsc_words, sizeof(table));
	table[4] = 92;
	KUNIT_ASSERT_EQ(test, imx_m7_rsc_parse((const u8 *)table, T_RSC_LEN,
					       regions, n, &rsc, &diag), 0);
	KUNIT_EXPECT_EQ(test, rsc.num, 2);
	KUNIT_EXPECT_EQ(test, rsc.vdev, -1);
	KUNIT_EXPECT_EQ(test, rsc.n_vrings, 0);
}

/* The words of the vdev refusals, without an ELF around the table. */
static void rsc_parse_text_test(struct kunit *test)
{
	struct imx_m7_region regions[IMX_M7_MAX_REGIONS];
	struct imx_m7_diag diag;
	struct imx_m7_rsc rsc;
	u32 table[T_RSC_LEN / 4];
	unsigned int n;
	char *buf;

	buf = kunit_kzalloc(test, IMX_M7_DIAG_LEN, GFP_KERNEL);
	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, buf);
	n = t_regions(test, T_RT_VRINGS, regions);
	memcpy(table, t_rsc_words, sizeof(table));
	table[VR1 / 4] = 0x55010000;
	KUNIT_ASSERT_EQ(test, imx_m7_rsc_parse((const u8 *)table, T_RSC_LEN,
					       regions, n, &rsc, &diag),
			-EINVAL);
	KUNIT_EXPECT_EQ(test, rsc.vdev, -1);
	KUNIT_EXPECT_EQ(test, diag.section, -1);
	imx_m7_diag_format(&diag, regions, n, buf, IMX_M7_DIAG_LEN);
	KUNIT_EXPECT_STREQ(test, buf,
			   "resource table: entry 0 (vdev at offset 0x18) vring 1: [0x55010000, 0x55012806) (da, 0x2806 ring bytes) is not inside vdev0vring1 [0x55008000, 0x55010000)\n"
			   "hint: the core takes this ring from the vdev0vring1 carve-out: set the vring's da to 0x55008000 (VDEV0_VRING_BASE in NXP's rsc_table.h) or move the carve-out");
}

void t_rsc_pairs(struct kunit *test, bool *seen)
{
	unsigned int i;

	T_PAIRS_OF(t_rsc_cases, err);
	T_PAIRS_OF(t_vdev_cases, err);
}

static struct kunit_case imx_m7_rsc_test_cases[] = {
	KUNIT_CASE_PARAM(rsc_table_test, t_rsc_gen_params),
	KUNIT_CASE(rsc_entry_test),
	KUNIT_CASE_PARAM(rsc_vdev_test, t_vdev_gen_params),
	KUNIT_CASE(rsc_parse_test),
	KUNIT_CASE(rsc_parse_text_test),
	{}
};

static struct kunit_suite imx_m7_rsc_test_suite = {
	.name = "imx_m7_rsc",
	.test_cases = imx_m7_rsc_test_cases,
};
kunit_test_suite(imx_m7_rsc_test_suite);
