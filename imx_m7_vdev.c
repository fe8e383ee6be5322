// SPDX-License-Identifier: GPL-2.0
/*
 * imx-m7-rproc: the rpmsg side of the driver -- the firmware's resource
 * table, the carve-outs the virtio devices use, and the MU mailbox that
 * kicks the M7 and polls the virtqueues when it kicks back. Part of
 * imx_m7_rproc.ko (imx_m7_rproc.c holds probe, loading and start/stop).
 */

#include <linux/err.h>
#include <linux/firmware.h>
#include <linux/irqreturn.h>
#include <linux/mailbox_client.h>
#include <linux/mutex.h>
#include <linux/of.h>
#include <linux/remoteproc.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/workqueue.h>
#include <kunit/visibility.h>

#include "imx_m7_compat.h"
#include "imx_m7_elf.h"
#include "imx_m7_rproc.h"

/*
 * Exported by the remoteproc core (remoteproc_virtio.c) but declared only
 * in its private remoteproc_internal.h, which an out-of-tree module lacks.
 */
irqreturn_t rproc_vq_interrupt(struct rproc *rproc, int vq_id);

/* ---- Resource table, carve-outs ---------------------------------------- */

/*
 * Where @fw's resource table is: its file offset, the M7 address it is
 * loaded at and its size (*len 0: the image has none). The planner bounds
 * the section; the table must also lie in the region table, since the core
 * writes it there at start.
 */
static int imx_m7_rsc_locate(struct imx_m7_rproc *priv,
			     const struct firmware *fw, u32 *offset, u32 *da,
			     u32 *len)
{
	struct rproc *rproc = priv->rproc;
	struct imx_m7_diag diag;
	int ret;

	*da = 0;
	*len = 0;
	ret = imx_m7_elf_rsc_table(fw->data, fw->size, offset, len, da, &diag);
	if (ret == -ENOENT) {
		*len = 0;
		return 0;
	}
	if (ret) {
		diag.soc = priv->soc;
		imx_m7_print_diag(&rproc->dev, &diag, priv->regions,
				  priv->n_regions);
		return ret;
	}
	if (!imx_m7_rproc_da_to_va(rproc, *da, *len, NULL)) {
		dev_err(&rproc->dev, "%s: the resource table (%s 0x%08x, 0x%x bytes) is not inside one memory region of the %s\n",
			rproc->firmware, imx_m7_unit(priv), *da, *len,
			imx_m7_unit(priv));
		return -EINVAL;
	}
	return 0;
}

/* Register region @i: a coredump segment, and a vdev carve-out by role. */
static int imx_m7_register_region(struct imx_m7_rproc *priv, unsigned int i)
{
	const struct imx_m7_region *r = &priv->regions[i];
	struct rproc *rproc = priv->rproc;
	struct rproc_mem_entry *mem;
	int idx;

	if (r->flags & IMX_M7_REGION_ALIAS)
		return 0;
	if (rproc_coredump_add_segment(rproc, r->da, r->size))
		return -ENOMEM;
	if (r->rpmsg != IMX_M7_RPMSG_VRING0 && r->rpmsg != IMX_M7_RPMSG_VRING1 &&
	    r->rpmsg != IMX_M7_RPMSG_BUFFER)
		return 0;
	if (r->rpmsg == IMX_M7_RPMSG_BUFFER) {
		/* The virtio device allocates from it as a DMA pool. */
		idx = of_property_match_string(priv->dev->of_node,
					       "memory-region-names", r->name);
		if (idx < 0) {
			dev_err(priv->dev, "%s: not a memory-region of %pOF\n",
				r->name, priv->dev->of_node);
			return -EINVAL;
		}
		mem = rproc_of_resm_mem_entry_init(priv->dev, idx, r->size,
						   r->da, "%s", r->name);
	} else {
		mem = rproc_mem_entry_init(priv->dev, priv->va[i], r->pa,
					   r->size, r->da, NULL, NULL,
					   "%s", r->name);
	}
	if (!mem)
		return -ENOMEM;
	rproc_add_carveout(rproc, mem);
	return 0;
}

/*
 * Coredump segments (every region but aliases) and the vdev rings and
 * buffer (by the carve-out's role), for a boot (.parse_fw) or an attach
 * (.prepare). The core cleans up after neither when they fail, so a
 * failure here undoes what was registered before returning.
 */
int imx_m7_register_carveouts(struct imx_m7_rproc *priv)
{
	unsigned int i;
	int ret;

	for (i = 0; i < priv->n_regions; i++) {
		ret = imx_m7_register_region(priv, i);
		if (ret) {
			dev_err(priv->dev, "cannot register region %s: %d\n",
				priv->regions[i].name, ret);
			rproc_resource_cleanup(priv->rproc);
			return ret;
		}
	}
	return 0;
}
EXPORT_SYMBOL_IF_KUNIT(imx_m7_register_carveouts);

/*
 * The resource table is the ELF's .resource_table section, bounds-checked
 * by the planner. A firmware without one boots without rpmsg. The core has
 * dropped any earlier table (at stop, detach or a failed boot).
 */
int imx_m7_rproc_parse_fw(struct rproc *rproc, const struct firmware *fw)
{
	struct imx_m7_rproc *priv = rproc->priv;
	void *table = NULL;
	u32 offset, da, len;
	int ret;

	priv->rsc_da = 0;
	priv->rsc_len = 0;
	ret = imx_m7_rsc_locate(priv, fw, &offset, &da, &len);
	if (ret)
		return ret;
	if (!len) {
		dev_info(&rproc->dev, "%s has no resource table\n",
			 rproc->firmware);
	} else {
		table = kmemdup(fw->data + offset, len, GFP_KERNEL);
		if (!table)
			return -ENOMEM;
	}

	ret = imx_m7_register_carveouts(priv);
	if (ret) {
		kfree(table);
		return ret;
	}
	if (table) {
		rproc->cached_table = table;
		rproc->table_ptr = table;
		rproc->table_sz = len;
		priv->rsc_da = da;
		priv->rsc_len = len;
	}
	/* A boot: .load writes this image and keeps it for recovery. */
	priv->parsed = true;
	if (priv->recovery_off) {
		rproc->recovery_disabled = false;
		priv->recovery_off = false;
	}
	return 0;
}

/*
 * At start the core copies its cached table (rproc->table_sz bytes) to
 * this address: the table .parse_fw found, of that very size (crash
 * recovery skips .parse_fw, and .load writes the booted image again).
 */
struct resource_table *
imx_m7_rproc_find_loaded_rsc_table(struct rproc *rproc,
				   const struct firmware *fw)
{
	struct imx_m7_rproc *priv = rproc->priv;
	void *table;

	if (!priv->rsc_len)
		return NULL;
	if (priv->rsc_len != rproc->table_sz) {
		dev_err(&rproc->dev, "cached resource table is 0x%zx bytes, %s's 0x%x: not installing it\n",
			rproc->table_sz, rproc->firmware, priv->rsc_len);
		return NULL;
	}
	table = imx_m7_rproc_da_to_va(rproc, priv->rsc_da, rproc->table_sz,
				      NULL);
	if (!table)
		dev_err(&rproc->dev, "resource table at %s 0x%08x (0x%zx bytes) is outside the %s's memory: not installing it\n",
			imx_m7_unit(priv), priv->rsc_da, rproc->table_sz,
			imx_m7_unit(priv));
	return table;
}

/*
 * The region of rpmsg role @role. The rsc-table carve-out is found so:
 * its M7 address is only known from the table it holds.
 */
static int imx_m7_region_by_role(struct imx_m7_rproc *priv,
				 enum imx_m7_rpmsg role)
{
	unsigned int i;

	for (i = 0; i < priv->n_regions; i++)
		if (!(priv->regions[i].flags & IMX_M7_REGION_ALIAS) &&
		    priv->regions[i].rpmsg == role)
			return i;
	return -ENOENT;
}

/*
 * Check the header of the table a running firmware published in the
 * rsc-table carve-out (@size bytes) before the core walks it: 0 when it
 * is sound, -ENOENT when all zero (none published), -EINVAL otherwise.
 */
VISIBLE_IF_KUNIT int imx_m7_check_loaded_rsc(struct device *dev,
					     const struct resource_table *table,
					     u64 size)
{
	if (size < sizeof(*table)) {
		dev_err(dev, "rsc-table is 0x%llx bytes, smaller than a resource table header (0x%zx)\n",
			size, sizeof(*table));
		return -EINVAL;
	}
	if (!table->ver && !table->num) {
		dev_info(dev, "the running core published no resource table\n");
		return -ENOENT;
	}
	if (table->ver != 1 ||
	    table->num > (size - sizeof(*table)) / sizeof(u32)) {
		dev_err(dev, "malformed resource table in rsc-table (ver %u, %u entries, 0x%llx bytes)\n",
			table->ver, table->num, size);
		return -EINVAL;
	}
	return 0;
}
EXPORT_SYMBOL_IF_KUNIT(imx_m7_check_loaded_rsc);

/* Attaching: the running firmware's resource table, if it published one. */
struct resource_table *
imx_m7_rproc_get_loaded_rsc_table(struct rproc *rproc, size_t *table_sz)
{
	struct imx_m7_rproc *priv = rproc->priv;
	struct resource_table *table;
	int i, ret;

	i = imx_m7_region_by_role(priv, IMX_M7_RPMSG_RSC_TABLE);
	if (i < 0)
		return NULL;
	table = priv->va[i];
	ret = imx_m7_check_loaded_rsc(priv->dev, table, priv->regions[i].size);
	if (ret == -ENOENT)
		return NULL;
	if (ret)
		return ERR_PTR(ret);
	*table_sz = priv->regions[i].size;
	return table;
}

/* ---- Mailbox ----------------------------------------------------------- */

/*
 * MU mailbox: tell the M7 which virtqueue has news (NXP's payload). With
 * tx_block the framework may still hold the message after a timeout
 * (-ETIME) and send it later, so it lives in @priv, one slot per notify
 * id, each always holding the same value.
 */
void imx_m7_rproc_kick(struct rproc *rproc, int vqid)
{
	struct imx_m7_rproc *priv = rproc->priv;
	int ret;

	if (!priv->tx_ch)
		return;
	if (vqid < 0 || vqid >= ARRAY_SIZE(priv->kick_msg)) {
		dev_err(priv->dev, "kick of vq %d: at most %zu virtqueues\n",
			vqid, ARRAY_SIZE(priv->kick_msg));
		return;
	}
	priv->kick_msg[vqid] = (u32)vqid << 16;
	ret = mbox_send_message(priv->tx_ch, &priv->kick_msg[vqid]);
	if (ret < 0)
		dev_err(priv->dev, "kick of vq %d failed: %d\n", vqid, ret);
}
/*
 * Messages may arrive while the virtqueues are set up or torn down. The
 * core does both (start, stop, recovery, attach, detach) under
 * rproc->lock, so the work takes it too, as stm32_rproc does, and polls
 * the virtqueues only while they are up: the state is "running" or
 * "attached" exactly then. Nothing that holds rproc->lock waits for this
 * work (it is cancelled at unbind, with the lock free).
 */
void imx_m7_rx_work(struct work_struct *work)
{
	struct imx_m7_rproc *priv = container_of(work, struct imx_m7_rproc,
						 rx_work);
	struct rproc *rproc = priv->rproc;
	int i;

	mutex_lock(&rproc->lock);
	if (rproc->state == RPROC_RUNNING || rproc->state == RPROC_ATTACHED)
		for (i = 0; i <= rproc->max_notifyid; i++)
			rproc_vq_interrupt(rproc, i);
	mutex_unlock(&rproc->lock);
}
EXPORT_SYMBOL_IF_KUNIT(imx_m7_rx_work);

static void imx_m7_rx_callback(struct mbox_client *cl, void *msg)
{
	struct imx_m7_rproc *priv = container_of(cl, struct imx_m7_rproc, cl);

	schedule_work(&priv->rx_work);
}

static void imx_m7_mbox_free_tx(void *data)
{
	struct imx_m7_rproc *priv = data;

	mbox_free_channel(priv->tx_ch);
}

/*
 * The MU "tx" channel, when the device tree names channels: before
 * rproc_add(), which may attach and kick at once, and freed after
 * rproc_del(), which stops the virtio devices (they kick too).
 */
int imx_m7_mbox_init_tx(struct imx_m7_rproc *priv)
{
	struct device *dev = priv->dev;
	struct mbox_chan *ch;

	if (!imx_m7_of_property_present(dev->of_node, "mbox-names"))
		return 0;

	priv->cl.dev = dev;
	priv->cl.tx_block = true;
	priv->cl.tx_tout = 100;
	priv->cl.rx_callback = imx_m7_rx_callback;

	ch = mbox_request_channel_byname(&priv->cl, "tx");
	if (IS_ERR(ch))
		return dev_err_probe(dev, PTR_ERR(ch), "mailbox channel \"tx\"\n");
	priv->tx_ch = ch;
	return devm_add_action_or_reset(dev, imx_m7_mbox_free_tx, priv);
}

static void imx_m7_mbox_free_rx(void *data)
{
	struct imx_m7_rproc *priv = data;

	mbox_free_channel(priv->rx_ch);
	cancel_work_sync(&priv->rx_work);
}

/*
 * The "rx" channel: after rproc_add(), freed (and its work finished)
 * before rproc_del() tears the virtqueues down. A message that came
 * earlier is still pending in the MU and raises its interrupt once the
 * channel is up; the work polls every virtqueue anyway.
 */
int imx_m7_mbox_init_rx(struct imx_m7_rproc *priv)
{
	struct device *dev = priv->dev;
	struct mbox_chan *ch;

	if (!priv->tx_ch)
		return 0;
	ch = mbox_request_channel_byname(&priv->cl, "rx");
	if (IS_ERR(ch))
		return dev_err_probe(dev, PTR_ERR(ch), "mailbox channel \"rx\"\n");
	priv->rx_ch = ch;
	return devm_add_action_or_reset(dev, imx_m7_mbox_free_rx, priv);
}
