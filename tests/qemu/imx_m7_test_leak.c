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
 *
 * Several objects: a stale copy of the last pointers can stay in a stack
 * page kmemleak scans (an exited task's stack kept in the stack cache),
 * and hide those from the report; it cannot hold all 32.
 */
static noinline int imx_m7_test_leak_alloc(void)
{
	int i;

	for (i = 0; i < 32; i++) {
		/* Lose the only reference: kmemleak must report it. */
		WRITE_ONCE(imx_m7_test_leak_ptr, kzalloc(424, GFP_KERNEL));
		if (!READ_ONCE(imx_m7_test_leak_ptr))
			return -ENOMEM;
		WRITE_ONCE(imx_m7_test_leak_ptr, NULL);
	}
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
