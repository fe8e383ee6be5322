/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Kernel-version shims for imx-m7-rproc: one per API change we meet, each
 * naming the release that changed the API and what changed, checked
 * against Debian's 6.1.192, 6.12.117 and 7.3.4 trees. Supported: v6.1 (the
 * oldest kernel make check builds) to v7.3. What needs no shim in that
 * range: struct rproc_ops (the same members and prototypes from 6.1 to
 * 7.3) and platform_driver .remove, which became void in v6.11 (neither
 * our driver nor the test MU has one: everything is devm-managed).
 */
#ifndef IMX_M7_COMPAT_H
#define IMX_M7_COMPAT_H

#include <linux/version.h>
#include <linux/module.h>

/*
 * IMX_M7_KERNEL_GE(6, 6): built against v6.6 or later. Spelled with
 * LINUX_VERSION_MAJOR/PATCHLEVEL (v5.16+), as checkpatch refuses
 * LINUX_VERSION_CODE.
 */
#define IMX_M7_KERNEL_GE(major, minor)					\
	(LINUX_VERSION_MAJOR > (major) ||				\
	 (LINUX_VERSION_MAJOR == (major) && LINUX_VERSION_PATCHLEVEL >= (minor)))

/*
 * v6.13 ("module: Convert symbol namespace to string literal", 6.13-rc2):
 * MODULE_IMPORT_NS() takes the namespace as a string literal; up to 6.12
 * it takes a bare token it stringifies itself.
 */
#if IMX_M7_KERNEL_GE(6, 13)
#define IMX_M7_IMPORT_KUNIT_NS() MODULE_IMPORT_NS("EXPORTED_FOR_KUNIT_TESTING")
#else
#define IMX_M7_IMPORT_KUNIT_NS() MODULE_IMPORT_NS(EXPORTED_FOR_KUNIT_TESTING)
#endif

/*
 * v6.6 ("of: overlay: Extend of_overlay_fdt_apply() to specify the target
 * node"): a fourth argument, target_base, the node the overlay's targets are
 * relative to (NULL: the root, as before).
 */
#if IMX_M7_KERNEL_GE(6, 6)
#define imx_m7_of_overlay_fdt_apply(fdt, size, id) \
	of_overlay_fdt_apply(fdt, size, id, NULL)
#else
#define imx_m7_of_overlay_fdt_apply(fdt, size, id) \
	of_overlay_fdt_apply(fdt, size, id)
#endif

/*
 * v6.3 ("of: Add of_property_present() helper"): of_property_present().
 * 6.1.y backported it (Debian's 6.1.192 has it), so the shim has a name of
 * its own instead of defining it for every 6.1.
 */
#if IMX_M7_KERNEL_GE(6, 3)
#define imx_m7_of_property_present(np, name) of_property_present(np, name)
#else
#define imx_m7_of_property_present(np, name) \
	(of_find_property(np, name, NULL) != NULL)
#endif

/*
 * v6.12 (merged with the clk KUnit tests): test-managed overlays
 * (kunit/of.h: of_overlay_fdt_apply_kunit()) and platform devices
 * (kunit/platform_device.h); 6.11 has neither header. Older kernels apply
 * and remove the overlays by hand.
 */
#if IMX_M7_KERNEL_GE(6, 12)
#define IMX_M7_HAVE_KUNIT_OF 1
#endif

/*
 * v6.13 ("hrtimers: Introduce hrtimer_setup() to replace hrtimer_init()"):
 * hrtimer_setup() initialises a timer with its callback; up to 6.12,
 * hrtimer_init() and then .function. Later releases removed
 * hrtimer_init() (7.3 has none).
 */
#if IMX_M7_KERNEL_GE(6, 13)
#define imx_m7_hrtimer_setup(timer, fn, clock, mode) \
	hrtimer_setup(timer, fn, clock, mode)
#else
#define imx_m7_hrtimer_setup(timer, fn, clock, mode)	\
	do {						\
		hrtimer_init(timer, clock, mode);	\
		(timer)->function = (fn);		\
	} while (0)
#endif

#endif /* IMX_M7_COMPAT_H */
