/* SPDX-License-Identifier: GPL-2.0 */
/*
 * imx_m7_rproc: what tests/imx_m7_rproc_test.c reaches inside the driver.
 *
 * The functions below are static in a build without KUnit; with KUnit they
 * are exported to the test module only (EXPORT_SYMBOL_IF_KUNIT). The tests
 * build a struct imx_m7_rproc around fakes and call them, or the methods.
 */
#ifndef IMX_M7_RPROC_H
#define IMX_M7_RPROC_H

#include <linux/arm-smccc.h>
#include <linux/device.h>
#include <linux/firmware.h>
#include <linux/mailbox_client.h>
#include <linux/mod_devicetable.h>
#include <linux/mutex.h>
#include <linux/of.h>
#include <linux/regmap.h>
#include <linux/remoteproc.h>
#include <linux/workqueue.h>

#include "imx_m7_elf.h"

/* IOMUXC GPR: the M7 waits after reset while CPUWAIT is set. */
#define IMX_M7_GPR22			0x58
#define IMX_M7_GPR22_CM7_CPUWAIT	BIT(0)

/* SRC_M7RCR, the M7 reset control register of the System Reset Controller. */
#define IMX_M7_SRC_M7RCR		0x0c
#define IMX_M7_SRC_ENABLE_M7		BIT(3)
#define IMX_M7_SRC_SW_M7P_RST		BIT(2)	/* platform reset, self-clearing */
#define IMX_M7_SRC_SW_M7C_RST		BIT(1)	/* core reset, self-clearing */
#define IMX_M7_SRC_SW_M7C_NON_SCLR_RST	BIT(0)	/* core reset, held */
#define IMX_M7_SRC_MASK			GENMASK(3, 0)

/*
 * SRC_M4RCR, the i.MX8M Mini M4's reset control register: the same offset
 * and bits (ENABLE_M4, SW_M4P_RST, SW_M4C_RST, SW_M4C_NON_SCLR_RST).
 * Start: enabled, both self-clearing resets pulsed, the held one clear;
 * stop: enabled, the core reset pulsed and held (imx_m7_soc.c).
 */
#define IMX_M7_SRC_M4RCR		0x0c
#define IMX_M7_SRC_M4_START		(IMX_M7_SRC_ENABLE_M7 | \
					 IMX_M7_SRC_SW_M7P_RST | \
					 IMX_M7_SRC_SW_M7C_RST)
#define IMX_M7_SRC_M4_STOP		(IMX_M7_SRC_ENABLE_M7 | \
					 IMX_M7_SRC_SW_M7C_RST | \
					 IMX_M7_SRC_SW_M7C_NON_SCLR_RST)

/* TF-A's i.MX SiP service for the M7 (NXP imx-atf, imx_src_handler()). */
#define IMX_M7_SIP_SRC			0xc2000005
#define IMX_M7_SIP_SRC_M4_START		0x00
#define IMX_M7_SIP_SRC_M4_STARTED	0x01
#define IMX_M7_SIP_SRC_M4_STOP		0x02

/* The SMC layer, replaceable by a recording fake in the tests. */
typedef void (*imx_m7_smc_fn)(unsigned long fid, unsigned long func,
			      struct arm_smccc_res *res);

/* Payload slots of the MU kick, one per virtqueue notify id. */
#define IMX_M7_MAX_VQS			8

struct imx_m7_rproc;

/*
 * struct imx_m7_image - what a boot wrote, for crash recovery
 * @plan: the boot's plan, its COPY sources offsets into @data
 * @data, @size: the bytes the COPY operations write, one after another
 */
struct imx_m7_image {
	struct imx_m7_plan plan;
	u8 *data;
	size_t size;
};

/*
 * Start/stop methods. The SoC and the device tree pick one
 * (imx_m7_method_pick()):
 * - MMIO, i.MX8M Plus and Nano: "fsl,iomuxc-gpr" (IOMUXC GPR syscon) and
 *   "syscon" (SRC syscon). Linux holds the M7 with GPR22 CM7_CPUWAIT and
 *   resets its core through SRC_M7RCR, as the in-tree imx_rproc "-mmio"
 *   variants do.
 * - MMIO, i.MX8M Mini: "syscon" (SRC syscon). Linux holds and releases
 *   the M4 through SRC_M4RCR alone (imx_m7_soc.c), as imx_rproc does.
 * - SMC: neither. TF-A does the same through its SiP service
 *   IMX_SIP_SRC; Linux then needs no access to the GPR and SRC at all.
 * @running returns 1 when the core runs, 0 when it is held, or an errno.
 * @stop_held: probe stops a core that does not run, for a known state.
 * @needs: the syscons it drives (IMX_M7_NEEDS_*), looked up at probe.
 */
#define IMX_M7_NEEDS_GPR		BIT(0)	/* "fsl,iomuxc-gpr" */
#define IMX_M7_NEEDS_SRC		BIT(1)	/* "syscon" */

struct imx_m7_method {
	const char *name;
	bool stop_held;
	unsigned int needs;
	int (*start)(struct imx_m7_rproc *priv);
	int (*stop)(struct imx_m7_rproc *priv);
	int (*running)(struct imx_m7_rproc *priv);
};

/*
 * struct imx_m7_rproc - one M7
 * @regions: the region table (imx_m7_regions_build())
 * @io, @va: each region's mapping: @io for TCMs (IMX_M7_REGION_IOMEM),
 *	     @va for memory (OCRAM, DDR carve-outs, rpmsg memory)
 * @kept: detached from a running M7: its clock and runtime-PM references
 *	  are kept for the next attach (and left held at unbind)
 * @parsed: .parse_fw ran for this boot, so .load is a boot's; otherwise
 *	  it is crash recovery's, which writes @booted
 * @recovery_off: the driver turned rproc->recovery_disabled on at attach
 *	  (no booted image), and turns it off again at the next boot
 * @probed: probe completed; until then the unwind detaches, never stops
 * @booted: the image the last boot wrote, kept for crash recovery
 * @recovery_work: after the core's recovery, puts a failed one back to
 *	  "crashed" (see imx_m7_recovery_work())
 * @rsc_da, @rsc_len: where the booted image's resource table is loaded;
 *	  @rsc_len 0: none
 * @kick_msg: the MU payload of each notify id (stays valid while queued)
 * @plan: the last load plan, for debugfs; empty after a failed load
 */
struct imx_m7_rproc {
	struct device *dev;
	struct rproc *rproc;
	const struct imx_m7_soc *soc;
	const struct imx_m7_method *method;
	struct regmap *gpr;
	struct regmap *src;
	imx_m7_smc_fn smc;
	struct clk *clk;
	bool kept;
	bool parsed;
	bool recovery_off;
	bool probed;
	struct imx_m7_region regions[IMX_M7_MAX_REGIONS];
	void __iomem *io[IMX_M7_MAX_REGIONS];
	void *va[IMX_M7_MAX_REGIONS];
	unsigned int n_regions;
	struct imx_m7_image booted;
	struct work_struct recovery_work;
	u32 rsc_da;
	u32 rsc_len;
	struct mbox_client cl;
	struct mbox_chan *tx_ch;
	struct mbox_chan *rx_ch;
	struct work_struct rx_work;
	u32 kick_msg[IMX_M7_MAX_VQS];
	struct dentry *dbg;
	struct mutex plan_lock;		/* protects @plan */
	struct imx_m7_plan plan;
};

/* imx_m7_rproc.c: probe, loading, start/stop */
void *imx_m7_rproc_da_to_va(struct rproc *rproc, u64 da, size_t len,
			    bool *is_iomem);
/* The remote core in a sentence, "M7" or "M4" (no SoC: the i.MX8MP's). */
static inline const char *imx_m7_unit(const struct imx_m7_rproc *priv)
{
	return priv->soc ? priv->soc->unit : "M7";
}

void imx_m7_print_diag(struct device *dev, const struct imx_m7_diag *diag,
		       const struct imx_m7_region *regions,
		       unsigned int n_regions);

/* imx_m7_vdev.c: the resource table, the vdev carve-outs, the mailbox */
int imx_m7_rproc_parse_fw(struct rproc *rproc, const struct firmware *fw);
struct resource_table *
imx_m7_rproc_find_loaded_rsc_table(struct rproc *rproc,
				   const struct firmware *fw);
struct resource_table *
imx_m7_rproc_get_loaded_rsc_table(struct rproc *rproc, size_t *table_sz);
int imx_m7_register_carveouts(struct imx_m7_rproc *priv);
void imx_m7_rproc_kick(struct rproc *rproc, int vqid);
void imx_m7_rx_work(struct work_struct *work);
int imx_m7_mbox_init_tx(struct imx_m7_rproc *priv);
int imx_m7_mbox_init_rx(struct imx_m7_rproc *priv);

/* imx_m7_debugfs.c */
int imx_m7_debugfs_init(struct imx_m7_rproc *priv);

/* imx_m7_soc.c: the start/stop methods */
extern const struct imx_m7_method imx_m7_method_mmio;
extern const struct imx_m7_method imx_m7_method_smc;
extern const struct imx_m7_method imx_m7_method_m4rcr;
void imx_m7_smc_call(unsigned long fid, unsigned long func,
		     struct arm_smccc_res *res);

#if IS_ENABLED(CONFIG_KUNIT)
int imx_m7_of_read_decls(struct device *dev, struct device_node *np,
			 struct imx_m7_decl *decl, unsigned int max);
int imx_m7_of_check_reserved(struct device *dev, struct device_node *np);
int imx_m7_of_regions(struct device *dev, struct device_node *np,
		      const struct imx_m7_soc *soc,
		      struct imx_m7_region *out, unsigned int max,
		      struct imx_m7_diag *diag);
const struct imx_m7_method *imx_m7_method_of(struct device_node *np);
const struct imx_m7_method *
imx_m7_method_pick(const struct imx_m7_soc *soc, bool gpr, bool syscon);
const struct imx_m7_soc *imx_m7_of_soc(struct device_node *np);
extern const struct of_device_id imx_m7_rproc_of_match[];
int imx_m7_detect_state(struct imx_m7_rproc *priv);
int imx_m7_write_op(struct imx_m7_rproc *priv, const struct firmware *fw,
		    const struct imx_m7_op *op);
int imx_m7_check_loaded_rsc(struct device *dev,
			    const struct resource_table *table, u64 size);
extern const struct rproc_ops imx_m7_rproc_ops;
void imx_m7_priv_init(struct imx_m7_rproc *priv, struct device *dev,
		      struct rproc *rproc);
void imx_m7_rproc_unwind(void *data);
int imx_m7_get_clock(struct imx_m7_rproc *priv);
int imx_m7_attach_pds(struct device *dev);

/* tests/imx_m7_rproc_test*.dtso, embedded in the test module. */
extern u8 __dtbo_imx_m7_rproc_test_begin[];
extern u8 __dtbo_imx_m7_rproc_test_end[];
extern u8 __dtbo_imx_m7_rproc_test_resmem_begin[];
extern u8 __dtbo_imx_m7_rproc_test_resmem_end[];
#endif

#endif /* IMX_M7_RPROC_H */
