// SPDX-License-Identifier: GPL-2.0
/*
 * imx_m7_test_leak: the test harness's own negative control. Loading it
 * leaks one allocation on purpose, so that the KUnit suite can prove a
 * leak made during a test reaches the console and fails the boot
 * (tests/qemu/init, leaks.awk, run.sh). Test-only; never loaded otherwise.
 */

#include <linux/module.h>
#include <linux/slab.h>

static void *imx_m7_test_leak_ptr;

/*
 * Not __init: the module's init text is freed once it is loaded, and the
 * report's backtrace must still name the function that leaked.
 */
static noinline int imx_m7_test_leak_alloc(void)
{
	/* Lose the only reference: kmemleak must report this object. */
	imx_m7_test_leak_ptr = kzalloc(424, GFP_KERNEL);
	if (!imx_m7_test_leak_ptr)
		return -ENOMEM;
	imx_m7_test_leak_ptr = NULL;
	return 0;
}

static int __init imx_m7_test_leak_init(void)
{
	return imx_m7_test_leak_alloc();
}
module_init(imx_m7_test_leak_init);

static void __exit imx_m7_test_leak_exit(void)
{
}
module_exit(imx_m7_test_leak_exit);

MODULE_DESCRIPTION("imx-m7-rproc test harness: a planted memory leak");
MODULE_LICENSE("GPL");
