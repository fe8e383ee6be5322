// SPDX-License-Identifier: GPL-2.0
/*
 * make bench's copy limit for `echo start` (tests/bench.sh), built only for
 * the test harness (IMX_M7_TESTS=1). In the same boot as the driver, on the
 * emulated board (tests/board/virt-m7.dtso), it does what the driver's start
 * cannot avoid, each timed with ktime over @reps rounds after one warm-up:
 *  - reqfw: request_firmware() of @fw (its release is not timed, as the
 *    start window ends before the core releases it);
 *  - copy: each PT_LOAD segment's p_filesz bytes into the same memory the
 *    same way as imx_m7_write_op(): memcpy_toio() through ioremap_wc() for
 *    the TCM stand-ins (the driver's IOMEM regions), memcpy() through
 *    memremap(MEMREMAP_WC) for the DDR carve-out, and the rest of p_memsz
 *    zeroed (memset_io() / memset());
 *  - keep: what imx_m7_image_keep() costs, a kvmalloc() of the copied bytes
 *    and a memcpy() of them from the firmware.
 * One line per round: "BENCHCOPY fw=... bytes=... rep=... reqfw_ns=...
 * copy_ns=... keep_ns=...". Run it only while the M7 is stopped: it writes
 * the M7's memory.
 */
#include <linux/device.h>
#include <linux/elf.h>
#include <linux/firmware.h>
#include <linux/io.h>
#include <linux/ktime.h>
#include <linux/mm.h>
#include <linux/module.h>
#include <linux/slab.h>
#include <linux/string.h>

static char *fw = "imx8mp_m7.elf";
module_param(fw, charp, 0444);
MODULE_PARM_DESC(fw, "firmware file to time (as in /lib/firmware)");

static unsigned int reps = 5;
module_param(reps, uint, 0444);
MODULE_PARM_DESC(reps, "timed rounds after one warm-up");

/* The board's load windows: M7 address, CPU address, size, IOMEM or not. */
struct imx_m7_bench_win {
	const char *name;
	u32 da;
	phys_addr_t pa;
	size_t size;
	bool iomem;
	void __iomem *io;
	void *va;
};

static struct imx_m7_bench_win imx_m7_bench_wins[] = {
	{ "itcm", 0x00000000, 0x7e000000, 0x20000, true },
	{ "dtcm", 0x20000000, 0x7e100000, 0x20000, true },
	{ "ddr",  0x80000000, 0x80000000, 0x1000000, false },
};

static struct imx_m7_bench_win *imx_m7_bench_find(u32 da, u32 len)
{
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(imx_m7_bench_wins); i++) {
		struct imx_m7_bench_win *w = &imx_m7_bench_wins[i];

		if (da >= w->da && len <= w->size && da - w->da <= w->size - len)
			return w;
	}
	return NULL;
}

static void imx_m7_bench_unmap(void)
{
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(imx_m7_bench_wins); i++) {
		struct imx_m7_bench_win *w = &imx_m7_bench_wins[i];

		if (w->io)
			iounmap(w->io);
		if (w->va)
			memunmap(w->va);
		w->io = NULL;
		w->va = NULL;
	}
}

static int imx_m7_bench_map(void)
{
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(imx_m7_bench_wins); i++) {
		struct imx_m7_bench_win *w = &imx_m7_bench_wins[i];

		if (w->iomem)
			w->io = ioremap_wc(w->pa, w->size);
		else
			w->va = memremap(w->pa, w->size, MEMREMAP_WC);
		if (!w->io && !w->va) {
			pr_err("imx_m7_bench_copy: cannot map %s at %pa\n",
			       w->name, &w->pa);
			imx_m7_bench_unmap();
			return -ENOMEM;
		}
	}
	return 0;
}

/* The PT_LOAD headers of @f, checked against the file and the windows. */
static int imx_m7_bench_phdrs(const struct firmware *f,
			      const struct elf32_phdr **ph, unsigned int *n,
			      size_t *bytes)
{
	const struct elf32_hdr *eh = (const void *)f->data;
	unsigned int i;

	if (f->size < sizeof(*eh) || memcmp(eh->e_ident, ELFMAG, SELFMAG) ||
	    eh->e_phentsize != sizeof(**ph) ||
	    eh->e_phoff > f->size ||
	    (size_t)eh->e_phnum * sizeof(**ph) > f->size - eh->e_phoff)
		return -EINVAL;
	*ph = (const void *)(f->data + eh->e_phoff);
	*n = eh->e_phnum;
	*bytes = 0;
	for (i = 0; i < *n; i++) {
		const struct elf32_phdr *p = &(*ph)[i];

		if (p->p_type != PT_LOAD || !p->p_memsz)
			continue;
		if (p->p_filesz > p->p_memsz || p->p_offset > f->size ||
		    p->p_filesz > f->size - p->p_offset ||
		    !imx_m7_bench_find(p->p_paddr, p->p_memsz))
			return -ERANGE;
		*bytes += p->p_filesz;
	}
	return 0;
}

static void imx_m7_bench_copy(const struct firmware *f,
			      const struct elf32_phdr *ph, unsigned int n)
{
	unsigned int i;

	for (i = 0; i < n; i++) {
		const struct elf32_phdr *p = &ph[i];
		struct imx_m7_bench_win *w;
		size_t off;

		if (p->p_type != PT_LOAD || !p->p_memsz)
			continue;
		w = imx_m7_bench_find(p->p_paddr, p->p_memsz);
		off = p->p_paddr - w->da;
		if (w->io) {
			memcpy_toio(w->io + off, f->data + p->p_offset,
				    p->p_filesz);
			memset_io(w->io + off + p->p_filesz, 0,
				  p->p_memsz - p->p_filesz);
		} else {
			memcpy(w->va + off, f->data + p->p_offset, p->p_filesz);
			memset(w->va + off + p->p_filesz, 0,
			       p->p_memsz - p->p_filesz);
		}
	}
	/* As imx_m7_write_plan(): everything lands before it returns. */
	wmb();
}

static int imx_m7_bench_keep(const struct firmware *f,
			     const struct elf32_phdr *ph, unsigned int n,
			     size_t bytes)
{
	size_t at = 0;
	unsigned int i;
	u8 *data;

	data = kvmalloc(bytes ? bytes : 1, GFP_KERNEL);
	if (!data)
		return -ENOMEM;
	for (i = 0; i < n; i++) {
		if (ph[i].p_type != PT_LOAD || !ph[i].p_memsz)
			continue;
		memcpy(data + at, f->data + ph[i].p_offset, ph[i].p_filesz);
		at += ph[i].p_filesz;
	}
	kvfree(data);
	return 0;
}

static int imx_m7_bench_round(struct device *dev, unsigned int rep)
{
	const struct elf32_phdr *ph;
	const struct firmware *f;
	s64 t_reqfw, t_copy, t_keep;
	unsigned int n;
	size_t bytes;
	ktime_t t0;
	int ret;

	/* As in the start window: the request, not the release. */
	t0 = ktime_get();
	ret = request_firmware(&f, fw, dev);
	t_reqfw = ktime_to_ns(ktime_sub(ktime_get(), t0));
	if (ret)
		return ret;
	ret = imx_m7_bench_phdrs(f, &ph, &n, &bytes);
	if (ret)
		goto out;
	t0 = ktime_get();
	imx_m7_bench_copy(f, ph, n);
	t_copy = ktime_to_ns(ktime_sub(ktime_get(), t0));
	t0 = ktime_get();
	ret = imx_m7_bench_keep(f, ph, n, bytes);
	t_keep = ktime_to_ns(ktime_sub(ktime_get(), t0));
	if (ret)
		goto out;
	if (rep)
		pr_info("BENCHCOPY fw=%s bytes=%zu phnum=%u rep=%u reqfw_ns=%lld copy_ns=%lld keep_ns=%lld\n",
			fw, bytes, n, rep, t_reqfw, t_copy, t_keep);
out:
	release_firmware(f);
	return ret;
}

static int __init imx_m7_bench_init(void)
{
	struct device *dev;
	unsigned int i;
	int ret;

	dev = root_device_register("imx_m7_bench");
	if (IS_ERR(dev))
		return PTR_ERR(dev);
	ret = imx_m7_bench_map();
	if (ret)
		goto out;
	/* Round 0 is the warm-up: timed the same, not printed. */
	for (i = 0; i <= reps && !ret; i++)
		ret = imx_m7_bench_round(dev, i);
	if (ret)
		pr_err("imx_m7_bench_copy: %s: round %u failed: %d\n", fw, i,
		       ret);
	imx_m7_bench_unmap();
out:
	root_device_unregister(dev);
	return ret;
}

static void __exit imx_m7_bench_exit(void)
{
}

module_init(imx_m7_bench_init);
module_exit(imx_m7_bench_exit);
MODULE_DESCRIPTION("imx-m7-rproc bench: the copy limit of echo start");
MODULE_LICENSE("GPL");
