// SPDX-License-Identifier: GPL-2.0
/*
 * imx_m7_test_mu: a stand-in for the i.MX8M Messaging Unit on the emulated
 * board (QEMU virt has no MU). Test-only: it is built with the KUnit
 * modules, never for a real board.
 *
 * The "MU" is one page of guest RAM that the host also maps (the guest's
 * RAM is a shared file). Each channel has a doorbell block of three
 * little-endian words, SEQ, VAL and ACK, in the page:
 *
 *   0x000 + 0x10 * c  TX, Linux -> M7: the guest writes VAL, then SEQ + 1;
 *                     the host writes ACK = SEQ once it has read VAL.
 *                     Until then the transmit register counts as full.
 *   0x100 + 0x10 * c  RX, M7 -> Linux: the host writes VAL, then SEQ + 1;
 *                     the guest writes ACK = SEQ once it has taken VAL.
 *                     The host posts a new word only when ACK == SEQ.
 *
 * Channels are named as on the real MU: #mbox-cells = <2>, the first cell
 * the type (0 TX, 1 RX), the second the channel index (0..3). Nothing can
 * interrupt the guest when the host writes, so an hrtimer polls the
 * blocks of the channels in use every poll_us microseconds, in interrupt
 * context as the MU's interrupt would: a new RX word goes to the client,
 * an ACK of the last TX word completes the transmission (txdone_irq).
 */

#include <linux/hrtimer.h>
#include <linux/io.h>
#include <linux/ktime.h>
#include <linux/mailbox_controller.h>
#include <linux/module.h>
#include <linux/mutex.h>
#include <linux/of.h>
#include <linux/platform_device.h>

#include "imx_m7_compat.h"

#define TEST_MU_CHANS		4
#define TEST_MU_TX		0
#define TEST_MU_RX		1
#define TEST_MU_TX_BASE		0x000
#define TEST_MU_RX_BASE		0x100
#define TEST_MU_STRIDE		0x10
#define TEST_MU_SEQ		0x0
#define TEST_MU_VAL		0x4
#define TEST_MU_ACK		0x8

static unsigned int poll_us = 200;
module_param(poll_us, uint, 0444);
MODULE_PARM_DESC(poll_us, "RX doorbell poll period in microseconds (default 200)");

struct test_mu_chan {
	void __iomem *reg;	/* this channel's SEQ/VAL/ACK block */
	unsigned int type;
	bool started;
	bool pending;		/* TX: a word the host has not taken yet */
	u32 msg;		/* RX: the word handed to the client */
};

struct test_mu {
	struct mbox_controller mbox;
	struct mbox_chan chans[2 * TEST_MU_CHANS];
	struct test_mu_chan priv[2 * TEST_MU_CHANS];
	void __iomem *base;
	struct hrtimer poll;
	struct mutex lock;	/* the count of started channels, the timer */
	unsigned int started;
};

static int test_mu_send_data(struct mbox_chan *chan, void *data)
{
	struct test_mu_chan *c = chan->con_priv;
	u32 seq;

	if (c->type != TEST_MU_TX)
		return -EINVAL;
	writel(*(u32 *)data, c->reg + TEST_MU_VAL);
	seq = readl(c->reg + TEST_MU_SEQ) + 1;
	writel(seq, c->reg + TEST_MU_SEQ);
	WRITE_ONCE(c->pending, true);
	return 0;
}

static enum hrtimer_restart test_mu_poll(struct hrtimer *t)
{
	struct test_mu *mu = container_of(t, struct test_mu, poll);
	unsigned int i;
	u32 seq;

	for (i = 0; i < ARRAY_SIZE(mu->chans); i++) {
		struct test_mu_chan *c = &mu->priv[i];

		if (!READ_ONCE(c->started))
			continue;
		seq = readl(c->reg + TEST_MU_SEQ);
		if (c->type == TEST_MU_TX) {
			/* The M7 side took the word: the MU's transmit-empty. */
			if (READ_ONCE(c->pending) &&
			    readl(c->reg + TEST_MU_ACK) == seq) {
				WRITE_ONCE(c->pending, false);
				mbox_chan_txdone(&mu->chans[i], 0);
			}
			continue;
		}
		if (seq == readl(c->reg + TEST_MU_ACK))
			continue;
		c->msg = readl(c->reg + TEST_MU_VAL);
		writel(seq, c->reg + TEST_MU_ACK);
		mbox_chan_received_data(&mu->chans[i], &c->msg);
	}
	hrtimer_forward_now(t, ns_to_ktime(poll_us * NSEC_PER_USEC));
	return HRTIMER_RESTART;
}

static int test_mu_startup(struct mbox_chan *chan)
{
	struct test_mu *mu = dev_get_drvdata(chan->mbox->dev);
	struct test_mu_chan *c = chan->con_priv;

	/* A word the host posted before anyone listened is taken now. */
	mutex_lock(&mu->lock);
	WRITE_ONCE(c->pending, false);
	WRITE_ONCE(c->started, true);
	if (!mu->started++)
		hrtimer_start(&mu->poll, ns_to_ktime(poll_us * NSEC_PER_USEC), HRTIMER_MODE_REL);
	mutex_unlock(&mu->lock);
	return 0;
}

static void test_mu_shutdown(struct mbox_chan *chan)
{
	struct test_mu *mu = dev_get_drvdata(chan->mbox->dev);
	struct test_mu_chan *c = chan->con_priv;

	mutex_lock(&mu->lock);
	WRITE_ONCE(c->started, false);
	/* After this no callback runs for a channel that was shut down. */
	if (!--mu->started)
		hrtimer_cancel(&mu->poll);
	mutex_unlock(&mu->lock);
}

static const struct mbox_chan_ops test_mu_ops = {
	.send_data	= test_mu_send_data,
	.startup	= test_mu_startup,
	.shutdown	= test_mu_shutdown,
};

static struct mbox_chan *test_mu_xlate(struct mbox_controller *mbox,
				       const struct of_phandle_args *sp)
{
	unsigned int type, idx;

	if (sp->args_count != 2)
		return ERR_PTR(-EINVAL);
	type = sp->args[0];
	idx = sp->args[1];
	if (type > TEST_MU_RX || idx >= TEST_MU_CHANS) {
		dev_err(mbox->dev, "no channel type %u index %u: type 0 (TX) or 1 (RX), index 0..%d\n",
			type, idx, TEST_MU_CHANS - 1);
		return ERR_PTR(-EINVAL);
	}
	return &mbox->chans[type * TEST_MU_CHANS + idx];
}

static int test_mu_probe(struct platform_device *pdev)
{
	struct device *dev = &pdev->dev;
	struct test_mu *mu;
	unsigned int i;

	mu = devm_kzalloc(dev, sizeof(*mu), GFP_KERNEL);
	if (!mu)
		return -ENOMEM;
	mu->base = devm_platform_ioremap_resource(pdev, 0);
	if (IS_ERR(mu->base))
		return dev_err_probe(dev, PTR_ERR(mu->base), "no doorbell page\n");
	mutex_init(&mu->lock);
	imx_m7_hrtimer_setup(&mu->poll, test_mu_poll, CLOCK_MONOTONIC,
			     HRTIMER_MODE_REL);

	for (i = 0; i < ARRAY_SIZE(mu->chans); i++) {
		struct test_mu_chan *c = &mu->priv[i];

		c->type = i / TEST_MU_CHANS;
		c->reg = mu->base + (c->type == TEST_MU_TX ? TEST_MU_TX_BASE :
				     TEST_MU_RX_BASE) +
			 (i % TEST_MU_CHANS) * TEST_MU_STRIDE;
		mu->chans[i].con_priv = c;
	}
	mu->mbox.dev = dev;
	mu->mbox.ops = &test_mu_ops;
	mu->mbox.chans = mu->chans;
	mu->mbox.num_chans = ARRAY_SIZE(mu->chans);
	mu->mbox.of_xlate = test_mu_xlate;
	mu->mbox.txdone_irq = true;
	platform_set_drvdata(pdev, mu);
	return devm_mbox_controller_register(dev, &mu->mbox);
}

static const struct of_device_id test_mu_of_match[] = {
	{ .compatible = "imx-m7-rproc,test-mu" },
	{ }
};
MODULE_DEVICE_TABLE(of, test_mu_of_match);

static struct platform_driver test_mu_driver = {
	.probe = test_mu_probe,
	.driver = {
		.name = "imx-m7-test-mu",
		.of_match_table = test_mu_of_match,
	},
};
module_platform_driver(test_mu_driver);

MODULE_DESCRIPTION("i.MX MU stand-in for the imx-m7-rproc emulated board (test only)");
MODULE_LICENSE("GPL");
