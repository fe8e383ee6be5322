// SPDX-License-Identifier: GPL-2.0
/*
 * imx_m7_test_pd: power-domain stand-ins for the emulated board (QEMU virt
 * has no i.MX8MP GPC). Test-only: built with the KUnit modules, never for a
 * real board.
 *
 * Each node compatible with "imx-m7-rproc,test-pd" becomes one generic PM
 * domain named after the node, off at first, and its provider
 * (#power-domain-cells = <0>). Its state is genpd's own, read by the tests
 * from /sys/kernel/debug/pm_genpd/NAME/current_state. With the property
 * "imx-m7-rproc,fail-power-on" the domain refuses to power on (-EIO), as a
 * domain whose regulator or handshake fails would.
 */

#include <linux/module.h>
#include <linux/of.h>
#include <linux/platform_device.h>
#include <linux/pm_domain.h>
#include <linux/slab.h>

struct imx_m7_test_pd {
	struct generic_pm_domain genpd;
	bool fail_on;
};

static int imx_m7_test_pd_on(struct generic_pm_domain *genpd)
{
	struct imx_m7_test_pd *pd = container_of(genpd, struct imx_m7_test_pd,
						 genpd);

	return pd->fail_on ? -EIO : 0;
}

static int imx_m7_test_pd_off(struct generic_pm_domain *genpd)
{
	return 0;
}

static void imx_m7_test_pd_remove(void *data)
{
	pm_genpd_remove(data);
}

static void imx_m7_test_pd_del_provider(void *data)
{
	of_genpd_del_provider(data);
}

/* Everything undone device-managed: no .remove (its type changed in 6.11). */
static int imx_m7_test_pd_probe(struct platform_device *pdev)
{
	struct device_node *np = pdev->dev.of_node;
	struct imx_m7_test_pd *pd;
	int ret;

	pd = devm_kzalloc(&pdev->dev, sizeof(*pd), GFP_KERNEL);
	if (!pd)
		return -ENOMEM;
	pd->genpd.name = devm_kasprintf(&pdev->dev, GFP_KERNEL, "%pOFn", np);
	if (!pd->genpd.name)
		return -ENOMEM;
	pd->genpd.power_on = imx_m7_test_pd_on;
	pd->genpd.power_off = imx_m7_test_pd_off;
	pd->fail_on = of_property_read_bool(np, "imx-m7-rproc,fail-power-on");
	ret = pm_genpd_init(&pd->genpd, NULL, true);
	if (ret)
		return ret;
	ret = devm_add_action_or_reset(&pdev->dev, imx_m7_test_pd_remove,
				       &pd->genpd);
	if (ret)
		return ret;
	ret = of_genpd_add_provider_simple(np, &pd->genpd);
	if (ret)
		return ret;
	return devm_add_action_or_reset(&pdev->dev, imx_m7_test_pd_del_provider,
					np);
}

static const struct of_device_id imx_m7_test_pd_of_match[] = {
	{ .compatible = "imx-m7-rproc,test-pd" },
	{ }
};
MODULE_DEVICE_TABLE(of, imx_m7_test_pd_of_match);

static struct platform_driver imx_m7_test_pd_driver = {
	.probe = imx_m7_test_pd_probe,
	.driver = {
		.name = "imx-m7-test-pd",
		.of_match_table = imx_m7_test_pd_of_match,
	},
};
module_platform_driver(imx_m7_test_pd_driver);

MODULE_DESCRIPTION("Power-domain stand-ins for the imx-m7-rproc emulated board");
MODULE_LICENSE("GPL");
