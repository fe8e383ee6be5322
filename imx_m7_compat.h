/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Kernel-version shims for imx-m7-rproc: one per API change, each naming
 * the version it papers over. Supported: v6.1 to v6.12 (and later).
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

/* v6.13: MODULE_IMPORT_NS() takes the namespace as a string literal. */
#if IMX_M7_KERNEL_GE(6, 13)
#define IMX_M7_IMPORT_KUNIT_NS() MODULE_IMPORT_NS("EXPORTED_FOR_KUNIT_TESTING")
#else
#define IMX_M7_IMPORT_KUNIT_NS() MODULE_IMPORT_NS(EXPORTED_FOR_KUNIT_TESTING)
#endif

/* v6.6: of_overlay_fdt_apply() gained a target_base argument (NULL: root). */
#if IMX_M7_KERNEL_GE(6, 6)
#define imx_m7_of_overlay_fdt_apply(fdt, size, id) \
	of_overlay_fdt_apply(fdt, size, id, NULL)
#else
#define imx_m7_of_overlay_fdt_apply(fdt, size, id) \
	of_overlay_fdt_apply(fdt, size, id)
#endif

/*
 * v6.3: of_property_present(). Later 6.1.y releases backported it, so the
 * shim has a name of its own instead of defining it for every 6.1.
 */
#if IMX_M7_KERNEL_GE(6, 3)
#define imx_m7_of_property_present(np, name) of_property_present(np, name)
#else
#define imx_m7_of_property_present(np, name) \
	(of_find_property(np, name, NULL) != NULL)
#endif

/*
 * v6.12: test-managed overlays (kunit/of.h) and platform devices
 * (kunit/platform_device.h); 6.11 has neither header. Older kernels apply
 * and remove by hand.
 */
#if IMX_M7_KERNEL_GE(6, 12)
#define IMX_M7_HAVE_KUNIT_OF 1
#endif

/*
 * v6.13: hrtimer_setup() initialises a timer with its callback; before it,
 * hrtimer_init() and then .function (7.3 no longer has hrtimer_init()).
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
