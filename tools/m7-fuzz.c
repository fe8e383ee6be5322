// SPDX-License-Identifier: GPL-2.0
/*
 * libFuzzer target over the planner and the resource-table lookup, built
 * from the same imx_m7_elf.c as the driver:
 *
 *   make -C tools fuzz && tools/m7-fuzz CORPUS_DIR
 *
 * The regions are the Verdin defaults plus OCRAM, an rpmsg carve-out and a
 * low DDR carve-out with its code alias, so that every kind of region is
 * reached. Every refusal is formatted, so the formatter is fuzzed too.
 */
#include "m7_shim.h"
#include "imx_m7_elf.h"

int LLVMFuzzerTestOneInput(const u8 *data, size_t size);

static const struct imx_m7_decl fuzz_decls[] = {
	{ IMX_M7_DECL_REG, "itcm", 0x7e0000, 0x20000, false },
	{ IMX_M7_DECL_REG, "dtcm", 0x800000, 0x20000, false },
	{ IMX_M7_DECL_REG, "ocram", 0x900000, 0x80000, false },
	{ IMX_M7_DECL_CARVEOUT, "ddr", 0x80000000, 0x1000000, true },
	{ IMX_M7_DECL_CARVEOUT, "vdev0buffer", 0x81000000, 0x100000, true },
	{ IMX_M7_DECL_CARVEOUT, "ddr1", 0x40000000, 0x100000, true },
};

int LLVMFuzzerTestOneInput(const u8 *data, size_t size)
{
	static struct imx_m7_region regions[IMX_M7_MAX_REGIONS];
	static int n_regions;
	struct imx_m7_plan plan;
	struct imx_m7_diag diag;
	u32 offset, len, da;
	char msg[1024];
	unsigned int i;
	u8 *fw;

	if (!n_regions) {
		n_regions = imx_m7_regions_build(&imx_m7_soc_imx8mp, fuzz_decls,
						 ARRAY_SIZE(fuzz_decls),
						 regions, IMX_M7_MAX_REGIONS,
						 &diag);
		if (n_regions <= 0)
			abort();
	}
	/* An exact-size copy, so ASan sees any read past the end. */
	fw = malloc(size ? size : 1);
	if (!fw)
		return 0;
	memcpy(fw, data, size);
	if (!imx_m7_elf_plan(fw, size, regions, n_regions, &plan, &diag)) {
		/* Every op must lie inside its region and the file. */
		for (i = 0; i < plan.n_ops; i++) {
			const struct imx_m7_op *op = &plan.ops[i];

			if (op->region >= (unsigned int)n_regions ||
			    op->offset + op->len > regions[op->region].size ||
			    (op->kind == IMX_M7_OP_COPY &&
			     (u64)op->src + op->len > size))
				abort();
		}
		imx_m7_plan_free(&plan);
	} else {
		imx_m7_diag_format(&diag, regions, n_regions, msg, sizeof(msg));
	}
	if (imx_m7_elf_rsc_table(fw, size, &offset, &len, &da, &diag) == 0) {
		if ((u64)offset + len > size)
			abort();
	} else {
		imx_m7_diag_format(&diag, regions, n_regions, msg, sizeof(msg));
	}
	free(fw);
	return 0;
}
