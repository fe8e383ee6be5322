// SPDX-License-Identifier: GPL-2.0
/*
 * imx_m7_soc: the start/stop method each SoC's remote core has beyond the
 * i.MX8M Plus's (imx_m7_rproc.c: GPR22 CPUWAIT with SRC_M7RCR, and the
 * SiP SMC, which the i.MX8M Nano's M7 shares).
 *
 * The i.MX8M Mini's Cortex-M4 has no CPUWAIT: Linux holds and releases it
 * through its SRC reset control register alone, SRC_M4RCR (offset 0x0c,
 * as upstream imx_rproc.c's imx_rproc_cfg_imx8mq, which "fsl,imx8mm-cm4"
 * uses). Start writes ENABLE_M4 with both self-clearing resets
 * (platform and core) and the held core reset cleared; stop writes
 * ENABLE_M4 with the core reset pulsed and held (upstream's IMX7D_M4_START
 * and IMX7D_M4_STOP, under the mask of the four bits). The M4 runs while
 * its held core reset is clear: TF-A's IMX_SIP_SRC_M4_STARTED for the
 * i.MX8MQ/MM answers the same from the same bit.
 */

#include <linux/bits.h>
#include <linux/device.h>
#include <linux/regmap.h>
#include <kunit/visibility.h>

#include "imx_m7_rproc.h"

static int imx_m7_m4rcr_start(struct imx_m7_rproc *priv)
{
	int ret;

	ret = regmap_update_bits(priv->src, IMX_M7_SRC_M4RCR, IMX_M7_SRC_MASK,
				 IMX_M7_SRC_M4_START);
	if (ret)
		dev_err(priv->dev, "cannot release the M4 (SRC_M4RCR): %d\n",
			ret);
	return ret;
}

static int imx_m7_m4rcr_stop(struct imx_m7_rproc *priv)
{
	int ret;

	ret = regmap_update_bits(priv->src, IMX_M7_SRC_M4RCR, IMX_M7_SRC_MASK,
				 IMX_M7_SRC_M4_STOP);
	if (ret)
		dev_err(priv->dev, "cannot put the M4 in reset (SRC_M4RCR): %d\n",
			ret);
	return ret;
}

static int imx_m7_m4rcr_running(struct imx_m7_rproc *priv)
{
	unsigned int s;
	int ret;

	ret = regmap_read(priv->src, IMX_M7_SRC_M4RCR, &s);
	if (ret) {
		dev_err(priv->dev, "cannot read SRC_M4RCR: %d\n", ret);
		return ret;
	}
	return !(s & IMX_M7_SRC_SW_M7C_NON_SCLR_RST);
}

/*
 * A held M4 is stopped again at probe (stop_held), so that its core reset
 * is pulsed and held whatever state the boot left it in.
 */
const struct imx_m7_method imx_m7_method_m4rcr = {
	.name		= "mmio-m4rcr",
	.stop_held	= true,
	.needs		= IMX_M7_NEEDS_SRC,
	.start		= imx_m7_m4rcr_start,
	.stop		= imx_m7_m4rcr_stop,
	.running	= imx_m7_m4rcr_running,
};
EXPORT_SYMBOL_IF_KUNIT(imx_m7_method_m4rcr);
