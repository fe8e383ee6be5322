// SPDX-License-Identifier: GPL-2.0
/*
 * imx-m7-rproc: remoteproc driver for the Cortex-M7 of the NXP i.MX8M Plus.
 *
 * The device tree gives the M7 its memory: the TCMs (and optionally OCRAM)
 * through reg/reg-names, DDR and rpmsg carve-outs through memory-region
 * phandles to no-map reserved memory. The core (imx_m7_map.c) turns that
 * into the region table and checks every firmware segment against it; this
 * file maps the regions, writes the plan and drives the M7's reset.
 *
 * An address has two views. The M7 sees its TCMs at 0x00000000 (ITCM) and
 * 0x20000000 (DTCM) and DDR through aliases; the Cortex-A53s see the same
 * bytes at the CPU physical addresses the device tree gives. Firmware and
 * resource tables speak in M7 addresses (da); the region table translates
 * them, bounds-checked, and nothing outside it is ever written.
 */

#include <linux/arm-smccc.h>
#include <linux/clk.h>
#include <linux/debugfs.h>
#include <linux/err.h>
#include <linux/firmware.h>
#include <linux/io.h>
#include <linux/irqreturn.h>
#include <linux/mailbox_client.h>
#include <linux/mfd/syscon.h>
#include <linux/module.h>
#include <linux/mutex.h>
#include <linux/of.h>
#include <linux/of_address.h>
#include <linux/of_reserved_mem.h>
#include <linux/platform_device.h>
#include <linux/pm_domain.h>
#include <linux/pm_runtime.h>
#include <linux/property.h>
#include <linux/regmap.h>
#include <linux/remoteproc.h>
#include <linux/seq_file.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/workqueue.h>
#include <kunit/visibility.h>

#include "imx_m7_compat.h"
#include "imx_m7_elf.h"
#include "imx_m7_rproc.h"


/* ---- Device tree ------------------------------------------------------- */

/*
 * The device tree is read here into the core's neutral description of
 * the node (struct imx_m7_dt_node), which imx_m7_dt_check() judges:
 * m7-preflight --dtb fills the same description with libfdt, so both
 * refuse the same trees in the same words.
 */

/* "reg" and "reg-names": the TCMs and OCRAM. */
static void imx_m7_of_shape_reg(struct device_node *np,
				struct imx_m7_dt_node *node)
{
	struct resource res;
	int i;

	node->n_reg_names = of_property_count_strings(np, "reg-names");
	for (i = 0; i < node->n_reg_names && i < IMX_M7_MAX_REGIONS; i++)
		if (of_property_read_string_index(np, "reg-names", i,
						  &node->reg_name[i]))
			node->reg_name[i] = NULL;
	for (i = 0; i <= IMX_M7_MAX_REGIONS; i++) {
		if (of_address_to_resource(np, i, &res))
			break;
		if (i < IMX_M7_MAX_REGIONS) {
			node->reg_pa[i] = res.start;
			node->reg_size[i] = resource_size(&res);
		}
	}
	node->n_reg = i;
}

/* Memory-region phandle @i: what it points at. */
static void imx_m7_of_shape_mem(struct device_node *np, int i,
				struct imx_m7_dt_mem *m)
{
	struct device_node *target, *parent, *resmem;
	struct resource res;
	char *path;

	if (of_property_read_string_index(np, "memory-region-names", i,
					  &m->name))
		m->name = NULL;
	target = of_parse_phandle(np, "memory-region", i);
	m->found = target;
	if (!target)
		return;
	path = kasprintf(GFP_KERNEL, "%pOF", target);
	imx_m7_dt_path(m->target, sizeof(m->target), path ? path : "?");
	kfree(path);
	parent = of_get_parent(target);
	resmem = of_find_node_by_path("/reserved-memory");
	m->resmem = parent && parent == resmem;
	of_node_put(resmem);
	of_node_put(parent);
	if (!of_address_to_resource(target, 0, &res)) {
		m->has_reg = true;
		m->pa = res.start;
		m->size = resource_size(&res);
	}
	m->no_map = of_property_read_bool(target, "no-map");
	of_node_put(target);
}

/* The SoC of @np's compatible (as m7-preflight --dtb finds it), or NULL. */
VISIBLE_IF_KUNIT const struct imx_m7_soc *imx_m7_of_soc(struct device_node *np)
{
	const struct imx_m7_soc *soc;
	unsigned int i;

	for (i = 0; (soc = imx_m7_soc_nth(i)); i++)
		if (of_device_is_compatible(np, soc->compatible))
			return soc;
	return NULL;
}
EXPORT_SYMBOL_IF_KUNIT(imx_m7_of_soc);

/*
 * Everything imx_m7_dt_check() judges, but the clock (the device's); the
 * SoC, for the words.
 */
static void imx_m7_of_shape(struct device_node *np,
			    struct imx_m7_dt_node *node)
{
	int i, n, len;

	node->soc = imx_m7_of_soc(np);
	imx_m7_of_shape_reg(np, node);
	n = of_count_phandle_with_args(np, "memory-region", NULL);
	/* that count rounds a length short of whole phandles down */
	if (of_find_property(np, "memory-region", &len) &&
	    len % sizeof(__be32))
		n = -EINVAL;
	node->n_mem = n == -ENOENT ? 0 : n;
	node->n_mem_names = of_property_count_strings(np,
						      "memory-region-names");
	for (i = 0; i < node->n_mem && i < IMX_M7_MAX_REGIONS; i++)
		imx_m7_of_shape_mem(np, i, &node->mem[i]);
	n = of_count_phandle_with_args(np, "power-domains",
				       "#power-domain-cells");
	node->n_pds = n == -ENOENT ? 0 : n;
	n = of_count_phandle_with_args(np, "mboxes", "#mbox-cells");
	node->n_mboxes = n == -ENOENT ? 0 : n;
	node->n_mbox_names = of_property_count_strings(np, "mbox-names");
	node->mbox_tx = of_property_match_string(np, "mbox-names", "tx") >= 0;
	node->mbox_rx = of_property_match_string(np, "mbox-names", "rx") >= 0;
}

/* A refusal of the node's shape: each line after the node's path. */
static int imx_m7_dt_refused(struct device *dev, struct device_node *np,
			     const struct imx_m7_diag *diag)
{
	char *buf, *text, *line;

	buf = kmalloc(IMX_M7_DIAG_LEN, GFP_KERNEL);
	if (!buf)
		return -ENOMEM;
	imx_m7_diag_format(diag, NULL, 0, buf, IMX_M7_DIAG_LEN);
	text = buf;
	while ((line = strsep(&text, "\n")))
		if (*line)
			dev_err_probe(dev, diag->err, "%pOF: %s\n", np, line);
	kfree(buf);
	return diag->err;
}

/*
 * Read the memory declarations of @np: "reg" + "reg-names", then
 * "memory-region" + "memory-region-names", after imx_m7_dt_check() has
 * passed the node's shape; imx_m7_regions_build() checks them against
 * the SoC. Returns the number of declarations or a negative errno
 * (already reported). The names point into @np's properties.
 */
VISIBLE_IF_KUNIT int imx_m7_of_read_decls(struct device *dev,
					  struct device_node *np,
					  struct imx_m7_decl *decl,
					  unsigned int max)
{
	struct imx_m7_dt_node *node;
	struct imx_m7_diag diag;
	int n;

	node = kzalloc(sizeof(*node), GFP_KERNEL);
	if (!node)
		return -ENOMEM;
	imx_m7_of_shape(np, node);
	n = imx_m7_dt_check(node, decl, max, &diag);
	kfree(node);
	return n < 0 ? imx_m7_dt_refused(dev, np, &diag) : n;
}
EXPORT_SYMBOL_IF_KUNIT(imx_m7_of_read_decls);

/*
 * The kernel keeps its hands off reserved memory only for the nodes it
 * found at boot: a carve-out added later (by an overlay) is in use as
 * ordinary RAM. Refuse those, and any whose reg changed since boot.
 */
VISIBLE_IF_KUNIT int imx_m7_of_check_reserved(struct device *dev,
					      struct device_node *np)
{
	struct reserved_mem *rmem;
	struct device_node *node;
	struct resource res;
	int i, ret = 0;

	for (i = 0; !ret; i++) {
		node = of_parse_phandle(np, "memory-region", i);
		if (!node)
			break;
		rmem = of_reserved_mem_lookup(node);
		if (!rmem)
			ret = dev_err_probe(dev, -EINVAL,
					    "%pOF: memory-region %d: %pOF was not reserved at boot; reserved memory must be in the device tree the kernel boots with\n",
					    np, i, node);
		else if (of_address_to_resource(node, 0, &res) ||
			 res.start != rmem->base ||
			 resource_size(&res) != rmem->size)
			ret = dev_err_probe(dev, -EINVAL,
					    "%pOF: memory-region %d: %pOF differs from what was reserved at boot (%pa, size %pa)\n",
					    np, i, node, &rmem->base, &rmem->size);
		of_node_put(node);
	}
	return ret;
}
EXPORT_SYMBOL_IF_KUNIT(imx_m7_of_check_reserved);

void imx_m7_print_diag(struct device *dev, const struct imx_m7_diag *diag,
		       const struct imx_m7_region *regions,
		       unsigned int n_regions)
{
	char *buf, *text, *line;

	buf = kmalloc(IMX_M7_DIAG_LEN, GFP_KERNEL);
	if (!buf)
		return;
	imx_m7_diag_format(diag, regions, n_regions, buf, IMX_M7_DIAG_LEN);
	text = buf;
	while ((line = strsep(&text, "\n")))
		if (*line)
			dev_err(dev, "%s\n", line);
	kfree(buf);
}

/*
 * Read @np's memory declarations and build the region table into @out.
 * Returns the number of regions, or a negative errno; when the SoC map
 * refuses a declaration, @diag says which and why (printed here).
 */
VISIBLE_IF_KUNIT int imx_m7_of_regions(struct device *dev,
				       struct device_node *np,
				       const struct imx_m7_soc *soc,
				       struct imx_m7_region *out,
				       unsigned int max,
				       struct imx_m7_diag *diag)
{
	struct imx_m7_decl *decl;
	int n, ret;

	imx_m7_diag_init(diag);
	decl = kcalloc(IMX_M7_MAX_REGIONS, sizeof(*decl), GFP_KERNEL);
	if (!decl)
		return -ENOMEM;

	n = imx_m7_of_read_decls(dev, np, decl, IMX_M7_MAX_REGIONS);
	if (n < 0) {
		ret = n;
		goto out;
	}
	ret = imx_m7_regions_build(soc, decl, n, out, max, diag);
	if (ret < 0) {
		/* @out is partly built: the diagnostic names its regions. */
		imx_m7_print_diag(dev, diag, out, 0);
		ret = dev_err_probe(dev, ret,
				    "%pOF: the memory the device tree gives the %s does not fit the %s\n",
				    np, soc->unit, soc->name);
	}
out:
	kfree(decl);
	return ret;
}
EXPORT_SYMBOL_IF_KUNIT(imx_m7_of_regions);

/*
 * The method of @soc (NULL: the i.MX8M Plus) for a node that names the
 * GPR (@gpr) and the SRC (@syscon): the M7s through the GPR (and the SRC),
 * else the SMC; the M4 of the i.MX8M Mini through its SRC only, or NULL
 * without it. TF-A's SiP service has no stop for the i.MX8MQ/MM M4 (its
 * imx_src_handler() answers M4_START and M4_STARTED only), and upstream
 * imx_rproc drives "fsl,imx8mm-cm4" by MMIO alone.
 */
VISIBLE_IF_KUNIT const struct imx_m7_method *
imx_m7_method_pick(const struct imx_m7_soc *soc, bool gpr, bool syscon)
{
	if (soc == &imx_m7_soc_imx8mm)
		return syscon ? &imx_m7_method_m4rcr : NULL;
	return gpr ? &imx_m7_method_mmio : &imx_m7_method_smc;
}
EXPORT_SYMBOL_IF_KUNIT(imx_m7_method_pick);

/* The method the device tree asks for, on its SoC. */
VISIBLE_IF_KUNIT const struct imx_m7_method *
imx_m7_method_of(struct device_node *np)
{
	return imx_m7_method_pick(imx_m7_of_soc(np),
				  imx_m7_of_property_present(np, "fsl,iomuxc-gpr"),
				  imx_m7_of_property_present(np, "syscon"));
}
EXPORT_SYMBOL_IF_KUNIT(imx_m7_method_of);

/*
 * An M7 already running (started by U-Boot's bootaux) is attached to, not
 * reloaded: returns 1. Otherwise it is held (put in a known held state
 * first where the method needs it): returns 0. Or a negative errno.
 */
VISIBLE_IF_KUNIT int imx_m7_detect_state(struct imx_m7_rproc *priv)
{
	int ret;

	ret = priv->method->running(priv);
	if (ret < 0)
		return dev_err_probe(priv->dev, ret, "cannot read the %s's state\n",
				     imx_m7_unit(priv));
	if (ret)
		return 1;
	if (!priv->method->stop_held)
		return 0;
	return priv->method->stop(priv);
}
EXPORT_SYMBOL_IF_KUNIT(imx_m7_detect_state);

/* ---- Loading ----------------------------------------------------------- */

static int imx_m7_plan_fw(struct imx_m7_rproc *priv, const struct firmware *fw,
			  struct imx_m7_plan *plan)
{
	struct imx_m7_diag diag;
	int ret;

	imx_m7_diag_init(&diag);
	ret = imx_m7_elf_plan(fw->data, fw->size, priv->regions,
			      priv->n_regions, plan, &diag);
	if (ret) {
		diag.soc = priv->soc;	/* worded for its core: "the M4" */
		imx_m7_print_diag(&priv->rproc->dev, &diag, priv->regions,
				  priv->n_regions);
		dev_err(&priv->rproc->dev, "firmware %s rejected: %d\n",
			priv->rproc->firmware, ret);
	}
	return ret;
}

/* Forget the plan debugfs shows. */
static void imx_m7_plan_forget(struct imx_m7_rproc *priv)
{
	mutex_lock(&priv->plan_lock);
	imx_m7_plan_free(&priv->plan);
	mutex_unlock(&priv->plan_lock);
}

static void imx_m7_image_free(struct imx_m7_image *img)
{
	imx_m7_plan_free(&img->plan);
	kvfree(img->data);
	img->data = NULL;
	img->size = 0;
}

/*
 * Keep what a boot wrote for crash recovery: a copy of @plan whose COPY
 * operations read from @img->data, which holds their bytes one after
 * another. That costs the bytes the plan copies (the loaded segments'
 * p_filesz, not the whole file) and one operation array.
 */
static int imx_m7_image_keep(struct imx_m7_image *img,
			     const struct imx_m7_plan *plan,
			     const struct firmware *fw)
{
	struct imx_m7_op *ops;
	size_t size = 0, at = 0;
	unsigned int i;

	for (i = 0; i < plan->n_ops; i++)
		if (plan->ops[i].kind == IMX_M7_OP_COPY)
			size += plan->ops[i].len;
	if (size > U32_MAX)
		return -EFBIG;
	ops = kvmalloc_array(plan->n_ops, sizeof(*ops), GFP_KERNEL);
	img->data = kvmalloc(size ? size : 1, GFP_KERNEL);
	if (!ops || !img->data) {
		kvfree(ops);
		kvfree(img->data);
		img->data = NULL;
		return -ENOMEM;
	}
	memcpy(ops, plan->ops, plan->n_ops * sizeof(*ops));
	for (i = 0; i < plan->n_ops; i++) {
		if (ops[i].kind != IMX_M7_OP_COPY)
			continue;
		memcpy(img->data + at, fw->data + ops[i].src, ops[i].len);
		ops[i].src = at;
		at += ops[i].len;
	}
	img->plan = *plan;
	img->plan.ops = ops;
	img->size = size;
	return 0;
}

/*
 * The core hands .sanity_check the firmware before it parses or allocates
 * anything for a boot, so a refused image is refused here first, with its
 * diagnostic. Nothing is kept: .load plans again.
 */
static int imx_m7_rproc_sanity_check(struct rproc *rproc,
				     const struct firmware *fw)
{
	struct imx_m7_rproc *priv = rproc->priv;
	struct imx_m7_plan plan = { };
	int ret;

	imx_m7_plan_forget(priv);
	ret = imx_m7_plan_fw(priv, fw, &plan);
	imx_m7_plan_free(&plan);
	return ret;
}

/*
 * Carry out one operation of a plan. The planner bounded it already; it is
 * checked again here because this is the one place that writes through the
 * mappings: a region of the table that may be loaded, the range inside it,
 * the source inside the file.
 */
VISIBLE_IF_KUNIT int imx_m7_write_op(struct imx_m7_rproc *priv,
				     const struct firmware *fw,
				     const struct imx_m7_op *op)
{
	const struct imx_m7_region *r;
	__le32 vector[2];
	const void *from;

	if (op->region >= priv->n_regions)
		return -EINVAL;
	r = &priv->regions[op->region];
	if (!(r->flags & IMX_M7_REGION_LOAD) || op->offset > r->size ||
	    op->len > r->size - op->offset ||
	    (op->kind == IMX_M7_OP_COPY &&
	     (op->src > fw->size || op->len > fw->size - op->src)))
		return -EINVAL;

	switch (op->kind) {
	case IMX_M7_OP_COPY:
		from = fw->data + op->src;
		break;
	case IMX_M7_OP_VECTOR:
		if (op->len != sizeof(vector))
			return -EINVAL;
		vector[0] = cpu_to_le32(op->vector[0]);
		vector[1] = cpu_to_le32(op->vector[1]);
		from = vector;
		break;
	case IMX_M7_OP_ZERO:
		from = NULL;
		break;
	default:
		return -EINVAL;
	}

	if (r->flags & IMX_M7_REGION_IOMEM) {
		if (from)
			memcpy_toio(priv->io[op->region] + op->offset, from,
				    op->len);
		else
			memset_io(priv->io[op->region] + op->offset, 0, op->len);
	} else {
		if (from)
			memcpy(priv->va[op->region] + op->offset, from, op->len);
		else
			memset(priv->va[op->region] + op->offset, 0, op->len);
	}
	return 0;
}
EXPORT_SYMBOL_IF_KUNIT(imx_m7_write_op);

void *imx_m7_rproc_da_to_va(struct rproc *rproc, u64 da, size_t len,
			    bool *is_iomem)
{
	struct imx_m7_rproc *priv = rproc->priv;
	const struct imx_m7_region *r;
	int i;

	i = imx_m7_region_find(priv->regions, priv->n_regions, da, len);
	if (i < 0)
		return NULL;
	r = &priv->regions[i];
	if (r->flags & IMX_M7_REGION_IOMEM) {
		if (is_iomem)
			*is_iomem = true;
		return (__force void *)(priv->io[i] + (da - r->da));
	}
	return priv->va[i] + (da - r->da);
}

/* Write every operation of @plan, reading COPY sources from @fw. */
static int imx_m7_write_plan(struct imx_m7_rproc *priv,
			     const struct imx_m7_plan *plan,
			     const struct firmware *fw)
{
	unsigned int i;
	int ret;

	for (i = 0; i < plan->n_ops; i++) {
		ret = imx_m7_write_op(priv, fw, &plan->ops[i]);
		if (ret) {
			dev_err(&priv->rproc->dev, "load plan op %u of %u is out of bounds: loading stopped there\n",
				i, plan->n_ops);
			return ret;
		}
	}
	/* Everything written lands before the M7 is released. */
	wmb();
	return 0;
}

/*
 * A boot (.parse_fw ran): plan @fw, write it and keep what was written.
 * The core loads the firmware file again for crash recovery, without
 * .sanity_check and .parse_fw and with the resource table it cached at
 * boot; the file may have changed on disk since (a new build copied in
 * while the M7 runs). So recovery writes the image that was booted, kept
 * here, and ignores the file.
 */
static int imx_m7_load_boot(struct imx_m7_rproc *priv,
			    const struct firmware *fw)
{
	struct imx_m7_plan plan = { };
	int ret;

	imx_m7_image_free(&priv->booted);
	ret = imx_m7_plan_fw(priv, fw, &plan);
	if (ret)
		return ret;
	ret = imx_m7_write_plan(priv, &plan, fw);
	if (!ret) {
		ret = imx_m7_image_keep(&priv->booted, &plan, fw);
		if (ret)
			dev_err(&priv->rproc->dev, "cannot keep the booted image for crash recovery: %d\n",
				ret);
	}
	if (ret) {
		imx_m7_plan_free(&plan);
		return ret;
	}
	mutex_lock(&priv->plan_lock);
	priv->plan = plan;
	mutex_unlock(&priv->plan_lock);
	return 0;
}

/* Crash recovery: the image the last boot wrote, whatever @rproc->firmware is now. */
static int imx_m7_load_recovery(struct imx_m7_rproc *priv)
{
	struct rproc *rproc = priv->rproc;
	struct firmware img;

	if (!priv->booted.data) {
		dev_err(&rproc->dev, "crash recovery needs the image Linux booted, and Linux booted none (it attached to an %s already running): the %s stays stopped; echo stop, then echo start loads %s\n",
			imx_m7_unit(priv), imx_m7_unit(priv), rproc->firmware);
		return -ENOENT;
	}
	dev_info(&rproc->dev, "recovering with the image booted last (0x%zx bytes kept), not %s as it is on disk now\n",
		 priv->booted.size, rproc->firmware);
	img.size = priv->booted.size;
	img.data = priv->booted.data;
	return imx_m7_write_plan(priv, &priv->booted.plan, &img);
}

/*
 * Write the firmware into the M7's memory. The M7 is held in reset from
 * probe (or its last stop) on; refuse to touch its memory otherwise.
 */
static int imx_m7_rproc_load(struct rproc *rproc, const struct firmware *fw)
{
	struct imx_m7_rproc *priv = rproc->priv;
	bool boot = priv->parsed;
	int ret;

	priv->parsed = false;
	ret = priv->method->running(priv);
	if (ret) {
		dev_err(&rproc->dev, "%s not held in reset (%d): not loading\n",
			imx_m7_unit(priv), ret);
		return ret < 0 ? ret : -EBUSY;
	}
	if (boot)
		return imx_m7_load_boot(priv, fw);
	return imx_m7_load_recovery(priv);
}

/* ---- Power, clock, start/stop ------------------------------------------ */

/*
 * Power and clock on from before loading (the TCMs need them) or attaching
 * until stop, detach or a failed boot. References kept for a detached M7
 * are taken over.
 */
static int imx_m7_power_get(struct imx_m7_rproc *priv)
{
	int ret;

	if (priv->kept) {
		priv->kept = false;
		return 0;
	}
	ret = pm_runtime_resume_and_get(priv->dev);
	if (ret)
		return ret;
	ret = clk_prepare_enable(priv->clk);
	if (ret)
		pm_runtime_put(priv->dev);
	return ret;
}

/*
 * Give them back, unless the M7 runs on without Linux: detached, or an
 * attach that failed. Then they are kept for the next attach, or released
 * at unbind.
 */
static void imx_m7_power_put(struct imx_m7_rproc *priv)
{
	if (priv->rproc->state == RPROC_DETACHED) {
		priv->kept = true;
		return;
	}
	clk_disable_unprepare(priv->clk);
	pm_runtime_put(priv->dev);
}

/*
 * Attaching to an M7 that Linux did not load: crash recovery would have to
 * load the file on disk, which need not be what runs (nor match the table
 * the M7 published). Recovery is off until Linux boots an image itself;
 * after a crash the core leaves the state "crashed", from which stop works.
 */
static void imx_m7_attach_no_recovery(struct imx_m7_rproc *priv)
{
	struct rproc *rproc = priv->rproc;

	if (rproc->recovery_disabled)
		return;
	rproc->recovery_disabled = true;
	priv->recovery_off = true;
	dev_info(&rproc->dev, "attached to an %s that Linux did not load: crash recovery is off (no booted image to reload); after a crash, echo stop, then echo start loads %s\n",
		 imx_m7_unit(priv), rproc->firmware);
}

static int imx_m7_rproc_prepare(struct rproc *rproc)
{
	struct imx_m7_rproc *priv = rproc->priv;
	int ret;

	priv->parsed = false;
	ret = imx_m7_power_get(priv);
	if (ret || rproc->state != RPROC_DETACHED)
		return ret;
	/* Attaching: no .parse_fw, so the carve-outs are registered here. */
	priv->rsc_da = 0;
	priv->rsc_len = 0;
	imx_m7_image_free(&priv->booted);
	ret = imx_m7_register_carveouts(priv);
	if (ret) {
		/* The core calls no .unprepare after a failed .prepare. */
		imx_m7_power_put(priv);
		return ret;
	}
	imx_m7_attach_no_recovery(priv);
	return 0;
}

static int imx_m7_rproc_unprepare(struct rproc *rproc)
{
	struct imx_m7_rproc *priv = rproc->priv;

	priv->parsed = false;
	imx_m7_image_free(&priv->booted);
	imx_m7_power_put(priv);
	return 0;
}

static int imx_m7_rproc_start(struct rproc *rproc)
{
	struct imx_m7_rproc *priv = rproc->priv;

	return priv->method->start(priv);
}

/*
 * The core's crash recovery stops the M7 (state still "crashed" here, a
 * boot reference held, unlike a stop, which dropped the last one), sets
 * the state "offline" and only then loads and starts again. When that
 * fails (firmware file gone, the image refused, a subdevice failing) the
 * core returns with the state "offline" and the reference still held:
 * stop then says -EINVAL, start does nothing. Watch the recovery: once it
 * has let go of the lock, a recovery that did not end "running" is put
 * back to "crashed", from which stop cleans up and start boots again.
 */
static void imx_m7_recovery_work(struct work_struct *work)
{
	struct imx_m7_rproc *priv = container_of(work, struct imx_m7_rproc,
						 recovery_work);
	struct rproc *rproc = priv->rproc;

	mutex_lock(&rproc->lock);
	if (rproc->state == RPROC_OFFLINE && atomic_read(&rproc->power)) {
		rproc->state = RPROC_CRASHED;
		dev_err(&rproc->dev, "crash recovery failed (see above): the %s stays stopped, state crashed; echo stop, then echo start loads %s\n",
			imx_m7_unit(priv), rproc->firmware);
	}
	mutex_unlock(&rproc->lock);
}

static int imx_m7_rproc_stop(struct rproc *rproc)
{
	struct imx_m7_rproc *priv = rproc->priv;

	if (rproc->state == RPROC_CRASHED && atomic_read(&rproc->power))
		schedule_work(&priv->recovery_work);
	return priv->method->stop(priv);
}

static int imx_m7_rproc_attach(struct rproc *rproc)
{
	return 0;
}

/*
 * Detached, the M7 runs on without Linux; .unprepare, called once the
 * state is RPROC_DETACHED, keeps its clock and power on.
 */
static int imx_m7_rproc_detach(struct rproc *rproc)
{
	return 0;
}

VISIBLE_IF_KUNIT const struct rproc_ops imx_m7_rproc_ops = {
	.prepare		= imx_m7_rproc_prepare,
	.unprepare		= imx_m7_rproc_unprepare,
	.start			= imx_m7_rproc_start,
	.stop			= imx_m7_rproc_stop,
	.attach			= imx_m7_rproc_attach,
	.detach			= imx_m7_rproc_detach,
	.kick			= imx_m7_rproc_kick,
	.da_to_va		= imx_m7_rproc_da_to_va,
	.parse_fw		= imx_m7_rproc_parse_fw,
	.find_loaded_rsc_table	= imx_m7_rproc_find_loaded_rsc_table,
	.get_loaded_rsc_table	= imx_m7_rproc_get_loaded_rsc_table,
	.sanity_check		= imx_m7_rproc_sanity_check,
	.load			= imx_m7_rproc_load,
};
EXPORT_SYMBOL_IF_KUNIT(imx_m7_rproc_ops);

/* ---- Probe ------------------------------------------------------------- */

/*
 * Map every region for the CPU. TCMs (IMX_M7_REGION_IOMEM): claimed for
 * this device and mapped write-combined as I/O memory. OCRAM and the
 * carve-outs: mapped write-combined as memory and not claimed, since the
 * DMA code maps the rpmsg carve-outs too. imx_m7_regions_build() puts an
 * alias after the region it views (alias_of) and inside it: it reuses
 * that mapping.
 */
static int imx_m7_map_regions(struct imx_m7_rproc *priv)
{
	struct device *dev = priv->dev;
	unsigned int i;

	for (i = 0; i < priv->n_regions; i++) {
		const struct imx_m7_region *r = &priv->regions[i];

		if (r->flags & IMX_M7_REGION_ALIAS) {
			unsigned int k = r->alias_of;
			u64 off = r->pa - priv->regions[k].pa;

			if (k >= i)
				return dev_err_probe(dev, -EINVAL,
						     "%s: view of region %u\n",
						     r->name, k);
			if (priv->io[k])
				priv->io[i] = priv->io[k] + off;
			else
				priv->va[i] = priv->va[k] + off;
		} else if (r->flags & IMX_M7_REGION_IOMEM) {
			if (!devm_request_mem_region(dev, r->pa, r->size,
						     dev_name(dev)))
				return dev_err_probe(dev, -EBUSY,
						     "%s at 0x%llx (size 0x%llx) is in use\n",
						     r->name, r->pa, r->size);
			priv->io[i] = devm_ioremap_wc(dev, r->pa, r->size);
			if (!priv->io[i])
				return dev_err_probe(dev, -ENOMEM,
						     "cannot map %s at 0x%llx\n",
						     r->name, r->pa);
		} else {
			priv->va[i] = devm_memremap(dev, r->pa, r->size,
						    MEMREMAP_WC);
			if (IS_ERR(priv->va[i]))
				return dev_err_probe(dev, PTR_ERR(priv->va[i]),
						     "cannot map %s at 0x%llx\n",
						     r->name, r->pa);
		}
	}
	return 0;
}

static int imx_m7_get_method(struct imx_m7_rproc *priv)
{
	struct device *dev = priv->dev;
	struct device_node *np = dev->of_node;

	priv->method = imx_m7_method_of(np);
	if (!priv->method)
		return dev_err_probe(dev, -EINVAL,
				     "no syscon: the M4 is started and stopped through SRC_M4RCR only (TF-A has no SiP stop for it); give syscon = <&src>\n");
	if (priv->method == &imx_m7_method_smc) {
		priv->smc = imx_m7_smc_call;
		if (arm_smccc_1_1_get_conduit() == SMCCC_CONDUIT_SMC)
			return 0;
		return dev_err_probe(dev, -ENODEV,
				     "no fsl,iomuxc-gpr, so the M7 is driven through TF-A (SiP 0x%x), but there is no SMC conduit; give fsl,iomuxc-gpr and syscon for the MMIO method\n",
				     IMX_M7_SIP_SRC);
	}

	if (priv->method->needs & IMX_M7_NEEDS_GPR) {
		priv->gpr = syscon_regmap_lookup_by_phandle(np,
							    "fsl,iomuxc-gpr");
		if (IS_ERR(priv->gpr))
			return dev_err_probe(dev, PTR_ERR(priv->gpr),
					     "fsl,iomuxc-gpr: no IOMUXC GPR syscon\n");
	}
	priv->src = syscon_regmap_lookup_by_phandle(np, "syscon");
	if (IS_ERR(priv->src))
		return dev_err_probe(dev, PTR_ERR(priv->src),
				     "the MMIO method needs syscon = <&src>\n");
	return 0;
}

/* Last at unbind (after rproc_del()): the plans and the booted image. */
static void imx_m7_free_plans(void *data)
{
	struct imx_m7_rproc *priv = data;

	imx_m7_image_free(&priv->booted);
	imx_m7_plan_free(&priv->plan);
}

/*
 * At unbind, after rproc_del(): no recovery watch is left queued, and an
 * M7 left running detached keeps its clock and power. Gating the clock
 * would stop the core that detach left running (on the i.MX8MP the M7 runs
 * on IMX8MP_CLK_M7_CORE), so the enable and the runtime-PM reference stay
 * held on purpose, until reboot. A later bind attaches and takes its own:
 * after that one's stop the clock stays enabled once more than needed.
 */
static void imx_m7_leave_kept(void *data)
{
	struct imx_m7_rproc *priv = data;

	cancel_work_sync(&priv->recovery_work);
	if (!priv->kept)
		return;
	dev_warn(priv->dev, "%s left running detached: its clock and power stay on after unbind, on purpose; to stop it, bind the driver again and echo stop\n",
		 imx_m7_unit(priv));
}

/*
 * The M7 core clock. A "clocks" entry that the clock driver does not
 * register comes back NULL, not an error: the provider's onecell lookup
 * returns the empty slot and clk_hw_create_clk() passes NULL through, and
 * every clk call on NULL succeeds. Refuse it: Toradex-style overlays name
 * IMX8MP_CLK_M7_DIV, which the i.MX8MP clock driver does not register.
 */
VISIBLE_IF_KUNIT int imx_m7_get_clock(struct imx_m7_rproc *priv)
{
	struct imx_m7_dt_clk clk = { .soc = priv->soc };
	struct device *dev = priv->dev;
	struct imx_m7_diag diag;

	priv->clk = devm_clk_get(dev, NULL);
	if (IS_ERR(priv->clk)) {
		clk.state = IMX_M7_DT_CLK_NONE;
		clk.err = PTR_ERR(priv->clk);
	} else if (!priv->clk) {
		clk.state = IMX_M7_DT_CLK_UNREGISTERED;
	}
	if (imx_m7_dt_check_clock(&clk, &diag))
		return imx_m7_dt_refused(dev, dev->of_node, &diag);
	return 0;
}
EXPORT_SYMBOL_IF_KUNIT(imx_m7_get_clock);

struct imx_m7_pd {
	struct device *dev;
	struct device_link *link;
};

static void imx_m7_pd_detach(void *data)
{
	struct imx_m7_pd *pd = data;

	device_link_del(pd->link);
	dev_pm_domain_detach(pd->dev, false);
}

/*
 * Power domains (e.g. power-domains = <&pgc_mlmix>, <&pgc_audio>). One is
 * attached by the platform bus before probe. Several are attached here,
 * as the in-tree imx_rproc does: a virtual device per domain, linked to
 * ours so that runtime PM of this device powers them all. Returns the
 * number of domains or a negative errno: a malformed list's too, which
 * the platform bus attaches nothing for (imx_m7_dt_check() has refused
 * it in words already; never start the M7 with its domains off).
 */
VISIBLE_IF_KUNIT int imx_m7_attach_pds(struct device *dev)
{
	const struct imx_m7_soc *soc = imx_m7_of_soc(dev->of_node);
	struct imx_m7_pd *pd;
	int n, i, ret;

	n = of_count_phandle_with_args(dev->of_node, "power-domains",
				       "#power-domain-cells");
	if (n == -ENOENT)
		return 0;
	if (n <= 1)
		return n;

	for (i = 0; i < n; i++) {
		pd = devm_kzalloc(dev, sizeof(*pd), GFP_KERNEL);
		if (!pd)
			return -ENOMEM;
		pd->dev = dev_pm_domain_attach_by_id(dev, i);
		if (IS_ERR_OR_NULL(pd->dev))
			return dev_err_probe(dev, pd->dev ? PTR_ERR(pd->dev) : -ENODEV,
					     "power-domains: cannot attach domain %d of %d\n",
					     i, n);
		pd->link = device_link_add(dev, pd->dev, DL_FLAG_STATELESS |
					   DL_FLAG_PM_RUNTIME |
					   DL_FLAG_RPM_ACTIVE);
		if (!pd->link) {
			dev_pm_domain_detach(pd->dev, false);
			return dev_err_probe(dev, -EINVAL,
					     "power-domains: cannot link domain %d of %d to the %s\n",
					     i, n, soc ? soc->unit : "M7");
		}
		ret = devm_add_action_or_reset(dev, imx_m7_pd_detach, pd);
		if (ret)
			return ret;
	}
	return n;
}
EXPORT_SYMBOL_IF_KUNIT(imx_m7_attach_pds);

/* The driver's state around @rproc, before any resource is taken. */
VISIBLE_IF_KUNIT void imx_m7_priv_init(struct imx_m7_rproc *priv,
				       struct device *dev, struct rproc *rproc)
{
	priv->dev = dev;
	priv->rproc = rproc;
	mutex_init(&priv->plan_lock);
	INIT_WORK(&priv->rx_work, imx_m7_rx_work);
	INIT_WORK(&priv->recovery_work, imx_m7_recovery_work);
}
EXPORT_SYMBOL_IF_KUNIT(imx_m7_priv_init);

/*
 * At unbind, or when probe fails after rproc_add(), before rproc_del():
 * - no boot, attach or recovery starts any more (rproc_del() sets
 *   @deleting too, but only after this), and the attach work that
 *   rproc_add() queued for a running M7 is cancelled or waited for;
 * - a recovery that ran is finished and, if it failed, put back to
 *   "crashed" by its watch, so rproc_del()'s shutdown cleans it up;
 * - probe failed: an M7 that was running before Linux came (attached) is
 *   detached, never stopped, however many users it has;
 * - unbind: every boot reference but one is dropped (one `echo start`
 *   each), so that rproc_del()'s single rproc_shutdown() really stops the
 *   M7 and releases its clock, carve-outs and coredump segments.
 */
VISIBLE_IF_KUNIT void imx_m7_rproc_unwind(void *data)
{
	struct imx_m7_rproc *priv = data;
	struct rproc *rproc = priv->rproc;
	unsigned long flags;

	spin_lock_irqsave(&rproc->crash_handler_lock, flags);
	WRITE_ONCE(rproc->deleting, true);
	spin_unlock_irqrestore(&rproc->crash_handler_lock, flags);
	if (cancel_work_sync(&rproc->crash_handler))
		pm_relax(rproc->dev.parent);
	cancel_work_sync(&rproc->attach_work);
	flush_work(&priv->recovery_work);

	if (!priv->probed) {
		while (rproc->state == RPROC_ATTACHED && !rproc_detach(rproc))
			;
		return;
	}
	while (atomic_read(&rproc->power) > 1 && !rproc_shutdown(rproc))
		;
}
EXPORT_SYMBOL_IF_KUNIT(imx_m7_rproc_unwind);

static int imx_m7_get_resources(struct imx_m7_rproc *priv)
{
	struct device *dev = priv->dev;
	struct imx_m7_diag diag;
	int ret;

	ret = imx_m7_of_regions(dev, dev->of_node, priv->soc, priv->regions,
				IMX_M7_MAX_REGIONS, &diag);
	if (ret < 0)
		return ret;
	priv->n_regions = ret;
	/* The node's shape first, then what it names is taken. */
	ret = imx_m7_get_clock(priv);
	if (ret)
		return ret;

	ret = imx_m7_of_check_reserved(dev, dev->of_node);
	if (ret)
		return ret;
	ret = imx_m7_map_regions(priv);
	if (ret)
		return ret;
	ret = imx_m7_attach_pds(dev);
	if (ret < 0)
		return ret;
	ret = devm_pm_runtime_enable(dev);
	if (ret)
		return ret;
	ret = devm_add_action_or_reset(dev, imx_m7_leave_kept, priv);
	if (ret)
		return ret;

	ret = imx_m7_get_method(priv);
	if (ret)
		return ret;
	return imx_m7_mbox_init_tx(priv);
}

static int imx_m7_rproc_probe(struct platform_device *pdev)
{
	struct device *dev = &pdev->dev;
	struct device_node *np = dev->of_node;
	const struct imx_m7_soc *soc = device_get_match_data(dev);
	const char *fw_name;
	struct imx_m7_rproc *priv;
	struct rproc *rproc;
	int ret;

	/* bound through driver_override to a node of no compatible of ours */
	if (!soc)
		return dev_err_probe(dev, -ENODEV, "no SoC: the node is not compatible with imx-m7-rproc\n");
	fw_name = soc->firmware;	/* "imx8mm_m4.elf", ... */

	of_property_read_string(np, "firmware-name", &fw_name);
	rproc = devm_rproc_alloc(dev, dev_name(dev), &imx_m7_rproc_ops, fw_name,
				 sizeof(*priv));
	if (!rproc)
		return -ENOMEM;

	priv = rproc->priv;
	imx_m7_priv_init(priv, dev, rproc);
	priv->soc = soc;
	platform_set_drvdata(pdev, rproc);
	ret = devm_add_action_or_reset(dev, imx_m7_free_plans, priv);
	if (ret)
		return ret;

	ret = imx_m7_get_resources(priv);
	if (ret)
		return ret;

	ret = imx_m7_detect_state(priv);
	if (ret < 0)
		return ret;
	if (ret) {
		/* The core attaches at rproc_add() (auto_boot stays true). */
		rproc->state = RPROC_DETACHED;
		dev_info(dev, "%s is running: attaching to it\n", soc->unit);
	} else {
		rproc->auto_boot = of_property_read_bool(np, "fsl,auto-boot");
	}

	rproc_coredump_set_elf_info(rproc, ELFCLASS32, EM_ARM);

	ret = devm_rproc_add(dev, rproc);
	if (ret)
		return dev_err_probe(dev, ret, "rproc_add failed\n");
	ret = devm_add_action_or_reset(dev, imx_m7_rproc_unwind, priv);
	if (ret)
		return ret;

	/* Both removed at unbind before the unwind, in reverse order. */
	ret = imx_m7_debugfs_init(priv);
	if (ret)
		return ret;
	ret = imx_m7_mbox_init_rx(priv);
	if (ret)
		return ret;

	priv->probed = true;
	dev_info(dev, "%u regions, method %s, firmware %s\n", priv->n_regions,
		 priv->method->name, rproc->firmware);
	return 0;
}

/*
 * One entry per SoC of imx_m7_map.c, whose compatible it repeats (an
 * of_device_id holds the string itself): KUnit soc_match_table_test
 * holds the two lists equal.
 */
VISIBLE_IF_KUNIT const struct of_device_id imx_m7_rproc_of_match[] = {
	{ .compatible = "imx-m7-rproc,imx8mp-cm7", .data = &imx_m7_soc_imx8mp },
	{ .compatible = "imx-m7-rproc,imx8mn-cm7", .data = &imx_m7_soc_imx8mn },
	{ .compatible = "imx-m7-rproc,imx8mm-cm4", .data = &imx_m7_soc_imx8mm },
	{ }
};
EXPORT_SYMBOL_IF_KUNIT(imx_m7_rproc_of_match);
MODULE_DEVICE_TABLE(of, imx_m7_rproc_of_match);

static struct platform_driver imx_m7_rproc_driver = {
	.probe = imx_m7_rproc_probe,
	.driver = {
		.name = "imx-m7-rproc",
		.of_match_table = imx_m7_rproc_of_match,
	},
};
module_platform_driver(imx_m7_rproc_driver);

MODULE_DESCRIPTION("remoteproc driver for the i.MX8M Plus and Nano Cortex-M7 and the i.MX8M Mini Cortex-M4");
MODULE_LICENSE("GPL");
MODULE_VERSION("0.2.0");
