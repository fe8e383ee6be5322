// SPDX-License-Identifier: GPL-2.0
/*
 * m7-bench: how fast the planner (../imx_m7_elf.c) plans, and how much
 * memory it takes, from the seed image to 65535 program headers.
 * Figures only: `make bench` prints them; no test asserts a time.
 *
 * Peak memory is what the planner itself allocates (kvcalloc -> calloc,
 * counted through the linker's --wrap=calloc), not the image.
 */
#include <malloc.h>
#include <time.h>

#include "imx_m7_elf.h"
#include "m7-bench.h"

static size_t heap_now, heap_peak;

void *__wrap_calloc(size_t n, size_t size)
{
	void *p = __real_calloc(n, size);

	if (p) {
		heap_now += malloc_usable_size(p);
		if (heap_now > heap_peak)
			heap_peak = heap_now;
	}
	return p;
}

void __wrap_free(void *p)
{
	if (p)
		heap_now -= malloc_usable_size(p);
	__real_free(p);
}

static const struct imx_m7_region regions[] = {
	{ "itcm", 0x00000000, 0x007e0000, 0x20000, IMX_M7_REGION_LOAD | IMX_M7_REGION_IOMEM },
	{ "dtcm", 0x20000000, 0x00800000, 0x20000, IMX_M7_REGION_LOAD | IMX_M7_REGION_IOMEM },
	{ "ddr", 0x80000000, 0x80000000, 0x1000000, IMX_M7_REGION_LOAD },
};

/*
 * An image of @n PT_LOAD segments: segment 0 holds the vector table at
 * ITCM 0, the others 64 bytes each (32 stored, 32 zeroed), 128 bytes apart
 * in DDR, listed in reverse address order so the sort has work to do.
 */
static u8 *make_image(unsigned int n, size_t *size)
{
	size_t phoff = sizeof(Elf32_Ehdr);
	size_t data = phoff + (size_t)n * sizeof(Elf32_Phdr);
	u8 *img;
	Elf32_Ehdr *eh;
	Elf32_Phdr *ph;
	unsigned int i;

	*size = data + 8 + (size_t)n * 32;
	img = __real_calloc(1, *size);
	if (!img)
		return NULL;
	eh = (Elf32_Ehdr *)img;
	memcpy(eh->e_ident, ELFMAG, SELFMAG);
	eh->e_ident[EI_CLASS] = ELFCLASS32;
	eh->e_ident[EI_DATA] = ELFDATA2LSB;
	eh->e_ident[EI_VERSION] = EV_CURRENT;
	eh->e_type = ET_EXEC;
	eh->e_machine = EM_ARM;
	eh->e_version = EV_CURRENT;
	eh->e_entry = 0x00000005;
	eh->e_phoff = phoff;
	eh->e_ehsize = sizeof(*eh);
	eh->e_phentsize = sizeof(*ph);
	eh->e_phnum = n;
	ph = (Elf32_Phdr *)(img + phoff);
	ph[0] = (Elf32_Phdr){ PT_LOAD, data, 0, 0, 8, 8, PF_R | PF_X, 4 };
	memcpy(img + data, "\x00\x00\x02\x20\x05\x00\x00\x00", 8);
	for (i = 1; i < n; i++) {
		u32 da = 0x80000000 + (n - i) * 128;

		ph[i] = (Elf32_Phdr){ PT_LOAD, data + 8 + i * 32, da, da, 32, 64,
				      PF_R | PF_X, 4 };
	}
	return img;
}

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

static int bench(const char *name, const u8 *img, size_t size, double *ns_seg)
{
	struct imx_m7_plan plan;
	struct imx_m7_diag diag;
	unsigned long runs = 0;
	unsigned int segs;
	double t0, t;
	int ret;

	heap_peak = heap_now = 0;
	t0 = now();
	do {
		ret = imx_m7_elf_plan(img, size, regions, ARRAY_SIZE(regions),
				      &plan, &diag);
		if (ret) {
			char buf[512];

			imx_m7_diag_format(&diag, regions, ARRAY_SIZE(regions),
					   buf, sizeof(buf));
			fprintf(stderr, "%s refused: %s\n", name, buf);
			return 1;
		}
		segs = plan.n_segments;
		imx_m7_plan_free(&plan);
		runs++;
		t = now() - t0;
	} while (t < 0.3 || runs < 3);
	*ns_seg = t / runs * 1e9 / segs;
	printf("%-22s %8u %12.0f %10.1f %12zu\n", name, segs,
	       t / runs * 1e9, *ns_seg, heap_peak);
	return 0;
}

int main(int argc, char **argv)
{
	static const unsigned int counts[] = { 1, 16, 256, 4096, 65535 };
	double ns_seg[ARRAY_SIZE(counts)];
	unsigned int i;

	if (argc > 1) {
		bool help = !strcmp(argv[1], "--help");

		fprintf(help ? stdout : stderr,
			"usage: m7-bench\n"
			"  times the planner on images of 1 to 65535 segments and prints ns per\n"
			"  plan, ns per segment and the peak heap (make bench; figures only)\n");
		return help ? 0 : 2;
	}

	printf("%-22s %8s %12s %10s %12s\n", "image", "segments", "ns/plan",
	       "ns/segment", "peak heap B");
	for (i = 0; i < ARRAY_SIZE(counts); i++) {
		char name[32];
		size_t size;
		u8 *img = make_image(counts[i], &size);

		if (!img)
			return 2;
		snprintf(name, sizeof(name), "%u PT_LOAD", counts[i]);
		if (bench(name, img, size, &ns_seg[i]))
			return 1;
		__real_free(img);
	}
	/* n log n predicts ns/segment growing with log2(n): 12 -> 16 here. */
	printf("\nns/segment, 65535 vs 4096 segments: x%.2f (n log n predicts x%.2f, n^2 x16)\n",
	       ns_seg[4] / ns_seg[3], 16.0 / 12.0);
	return 0;
}
