// SPDX-License-Identifier: GPL-2.0
/*
 * imx_m7_soc: the start/stop methods of each SoC's remote core: the
 * i.MX8M Plus's GPR22 CPUWAIT with SRC_M7RCR, and the SiP SMC, which the
 * i.MX8M Nano's M7 shares (below); and the i.MX8M Mini's M4 (first).
 * imx_m7_method_pick() in imx_m7_rproc.c chooses one.
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

#include <linux/arm-smccc.h>
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

/* ---- Start/stop: MMIO -------------------------------------------------- */

/*
 * Release the M7: SRC_M7RCR enabled with no reset asserted (what TF-A
 * leaves it at after a stop), then clear CM7_CPUWAIT so it fetches its
 * reset vector from ITCM.
 */
static int imx_m7_mmio_start(struct imx_m7_rproc *priv)
{
	int ret;

	ret = regmap_update_bits(priv->src, IMX_M7_SRC_M7RCR, IMX_M7_SRC_MASK,
				 IMX_M7_SRC_ENABLE_M7);
	if (!ret)
		ret = regmap_clear_bits(priv->gpr, IMX_M7_GPR22,
					IMX_M7_GPR22_CM7_CPUWAIT);
	if (ret)
		dev_err(priv->dev, "cannot release the M7 (GPR22/SRC_M7RCR): %d\n",
			ret);
	return ret;
}

/*
 * Hold the M7: set CM7_CPUWAIT first, so that it waits after the reset,
 * then pulse its core reset (upstream imx_rproc's i.MX8MN/P -mmio value).
 */
static int imx_m7_mmio_stop(struct imx_m7_rproc *priv)
{
	int ret;

	ret = regmap_set_bits(priv->gpr, IMX_M7_GPR22, IMX_M7_GPR22_CM7_CPUWAIT);
	if (!ret)
		ret = regmap_update_bits(priv->src, IMX_M7_SRC_M7RCR,
					 IMX_M7_SRC_MASK,
					 IMX_M7_SRC_ENABLE_M7 |
					 IMX_M7_SRC_SW_M7C_RST);
	if (ret)
		dev_err(priv->dev, "cannot put the M7 in reset (GPR22/SRC_M7RCR): %d\n",
			ret);
	return ret;
}

/* Running: not waiting on CPUWAIT and its core reset not held. */
static int imx_m7_mmio_running(struct imx_m7_rproc *priv)
{
	unsigned int g, s;
	int ret;

	ret = regmap_read(priv->gpr, IMX_M7_GPR22, &g);
	if (!ret)
		ret = regmap_read(priv->src, IMX_M7_SRC_M7RCR, &s);
	if (ret) {
		dev_err(priv->dev, "cannot read GPR22/SRC_M7RCR: %d\n", ret);
		return ret;
	}
	return !(g & IMX_M7_GPR22_CM7_CPUWAIT) &&
	       !(s & IMX_M7_SRC_SW_M7C_NON_SCLR_RST);
}

/*
 * An M7 that does not run may still have its core reset held
 * (SW_M7C_NON_SCLR_RST): probe pulses it into the state start expects.
 */
const struct imx_m7_method imx_m7_method_mmio = {
	.name		= "mmio",
	.stop_held	= true,
	.needs		= IMX_M7_NEEDS_GPR | IMX_M7_NEEDS_SRC,
	.start		= imx_m7_mmio_start,
	.stop		= imx_m7_mmio_stop,
	.running	= imx_m7_mmio_running,
};
EXPORT_SYMBOL_IF_KUNIT(imx_m7_method_mmio);

/* ---- Start/stop: SMC to TF-A ------------------------------------------- */

void imx_m7_smc_call(unsigned long fid, unsigned long func,
		     struct arm_smccc_res *res)
{
	arm_smccc_smc(fid, func, 0, 0, 0, 0, 0, 0, res);
}

/* TF-A answers SMC_UNK (-1) for a service or function it lacks. */
static int imx_m7_smc(struct imx_m7_rproc *priv, unsigned long func,
		      struct arm_smccc_res *res)
{
	priv->smc(IMX_M7_SIP_SRC, func, res);
	if ((long)res->a0 == SMCCC_RET_NOT_SUPPORTED) {
		dev_err(priv->dev, "TF-A does not implement SiP call 0x%x function %lu (SMCCC_RET_NOT_SUPPORTED): use a TF-A with the i.MX8M SRC SiP service, or the MMIO method (fsl,iomuxc-gpr + syscon)\n",
			IMX_M7_SIP_SRC, func);
		return -EOPNOTSUPP;
	}
	return 0;
}

/* A START or STOP call: TF-A answers 0 in a0 when it did what was asked. */
static int imx_m7_smc_do(struct imx_m7_rproc *priv, unsigned long func,
			 const char *what, struct arm_smccc_res *res)
{
	int ret;

	ret = imx_m7_smc(priv, func, res);
	if (ret)
		return ret;
	if (res->a0) {
		dev_err(priv->dev, "TF-A failed to %s the M7: %ld\n", what,
			(long)res->a0);
		return -EIO;
	}
	return 0;
}

static int imx_m7_smc_start(struct imx_m7_rproc *priv)
{
	struct arm_smccc_res res;

	return imx_m7_smc_do(priv, IMX_M7_SIP_SRC_M4_START, "start", &res);
}

/* NXP's TF-A reports in a1 a stop forced while the M7 was not in WFI. */
static int imx_m7_smc_stop(struct imx_m7_rproc *priv)
{
	struct arm_smccc_res res;
	int ret;

	ret = imx_m7_smc_do(priv, IMX_M7_SIP_SRC_M4_STOP, "stop", &res);
	if (ret)
		return ret;
	if (res.a1)
		dev_info(priv->dev, "M7 was not in WFI: stopped by force\n");
	if (res.a2) {
		dev_err(priv->dev, "TF-A: the M7 reset did not complete: %ld\n",
			(long)res.a2);
		return -ETIMEDOUT;
	}
	return 0;
}

static int imx_m7_smc_running(struct imx_m7_rproc *priv)
{
	struct arm_smccc_res res;
	int ret;

	ret = imx_m7_smc(priv, IMX_M7_SIP_SRC_M4_STARTED, &res);
	if (ret)
		return ret;
	return res.a0 != 0;
}

/*
 * TF-A's STARTED answers 0 only while CPUWAIT holds the M7, and mainline
 * TF-A has no STOP for the i.MX8M: probe leaves a held M7 alone.
 */
const struct imx_m7_method imx_m7_method_smc = {
	.name		= "smc",
	.stop_held	= false,
	.start		= imx_m7_smc_start,
	.stop		= imx_m7_smc_stop,
	.running	= imx_m7_smc_running,
};
EXPORT_SYMBOL_IF_KUNIT(imx_m7_method_smc);
