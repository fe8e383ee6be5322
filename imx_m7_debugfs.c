// SPDX-License-Identifier: GPL-2.0
/*
 * imx-m7-rproc: debugfs -- <remoteproc>/imx_m7/regions (the region table)
 * and <remoteproc>/imx_m7/plan (the last load plan). Part of
 * imx_m7_rproc.ko.
 */

#include <linux/debugfs.h>
#include <linux/device.h>
#include <linux/err.h>
#include <linux/mutex.h>
#include <linux/remoteproc.h>
#include <linux/seq_file.h>

#include "imx_m7_elf.h"
#include "imx_m7_rproc.h"

static int imx_m7_regions_show(struct seq_file *s, void *unused)
{
	struct imx_m7_rproc *priv = s->private;
	unsigned int i;

	seq_puts(s, "name             M7 address               CPU address                      size       flags\n");
	for (i = 0; i < priv->n_regions; i++) {
		const struct imx_m7_region *r = &priv->regions[i];

		seq_printf(s, "%-16s 0x%08x-0x%08llx  0x%010llx-0x%010llx  0x%08llx %s%s%s\n",
			   r->name, r->da, r->da + r->size - 1, r->pa,
			   r->pa + r->size - 1, r->size,
			   r->flags & IMX_M7_REGION_LOAD ? "load " : "",
			   r->flags & IMX_M7_REGION_IOMEM ? "iomem " : "",
			   r->flags & IMX_M7_REGION_ALIAS ? "alias" : "");
	}
	return 0;
}
DEFINE_SHOW_ATTRIBUTE(imx_m7_regions);

static int imx_m7_plan_show(struct seq_file *s, void *unused)
{
	static const char * const kind[] = { "copy", "zero", "vector" };
	struct imx_m7_rproc *priv = s->private;
	unsigned int i;

	mutex_lock(&priv->plan_lock);
	if (!priv->plan.n_ops) {
		seq_puts(s, "no firmware loaded\n");
		goto out;
	}
	seq_printf(s, "%u segments, entry 0x%08x\n", priv->plan.n_segments,
		   priv->plan.entry);
	seq_puts(s, "op      seg  region           M7 address  length      offset      file offset\n");
	for (i = 0; i < priv->plan.n_ops; i++) {
		const struct imx_m7_op *op = &priv->plan.ops[i];

		seq_printf(s, "%-7s %3d  %-16s 0x%08x  0x%08x  0x%08llx  ",
			   op->kind < ARRAY_SIZE(kind) ? kind[op->kind] : "?",
			   op->seg, priv->regions[op->region].name, op->da,
			   op->len, op->offset);
		if (op->kind == IMX_M7_OP_COPY)
			seq_printf(s, "0x%08x\n", op->src);
		else if (op->kind == IMX_M7_OP_VECTOR)
			seq_printf(s, "sp 0x%08x pc 0x%08x\n", op->vector[0],
				   op->vector[1]);
		else
			seq_puts(s, "-\n");
	}
out:
	mutex_unlock(&priv->plan_lock);
	return 0;
}
DEFINE_SHOW_ATTRIBUTE(imx_m7_plan);

static void imx_m7_debugfs_remove(void *data)
{
	struct imx_m7_rproc *priv = data;

	debugfs_remove_recursive(priv->dbg);
}

int imx_m7_debugfs_init(struct imx_m7_rproc *priv)
{
	if (IS_ERR_OR_NULL(priv->rproc->dbg_dir))
		return 0;
	priv->dbg = debugfs_create_dir("imx_m7", priv->rproc->dbg_dir);
	debugfs_create_file("regions", 0400, priv->dbg, priv,
			    &imx_m7_regions_fops);
	debugfs_create_file("plan", 0400, priv->dbg, priv, &imx_m7_plan_fops);
	return devm_add_action_or_reset(priv->dev, imx_m7_debugfs_remove, priv);
}
