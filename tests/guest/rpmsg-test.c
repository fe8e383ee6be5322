// SPDX-License-Identifier: GPL-2.0
/*
 * rpmsg-test: the guest side of the RPMsg tests and benchmark on the
 * emulated board, talking to the emulated M7 endpoint
 * (tests/lib/m7_endpoint.py) through the kernel's RPMsg devices.
 *
 *   rpmsg-test echo DEV N            N messages of 1 + (i % 496) bytes, each
 *                                    read back and compared
 *   rpmsg-test stream DEV COUNT SIZE ask the endpoint for COUNT messages of
 *                                    SIZE bytes, receive and check them
 *   rpmsg-test copy PA SIZE ROUNDS   memcpy to and from /dev/mem at PA: the
 *                                    plain-copy baseline
 *   rpmsg-test wait GLOB SECONDS     wait for a device node matching GLOB
 *   rpmsg-test fill PA SIZE SEED     write fill_word(pa, SEED) to every
 *                                    32-bit word of [PA, PA + SIZE) through
 *                                    /dev/mem: a pattern the host recomputes
 *                                    (tests/lib/coredump.py)
 *   rpmsg-test poke PA SIZE FILE     copy FILE (read to its end: a sysfs
 *                                    file has no size) into the area
 *                                    [PA, PA + SIZE) through /dev/mem: the
 *                                    data from PA + 4096, then a header at
 *                                    PA: "M7POKE01", u64 length (LE)
 *
 * DEV is /dev/ttyRPMSGn (rpmsg_tty: a byte stream, put in raw mode) or
 * /dev/rpmsgN (rpmsg_char on the "rpmsg-raw" channel: one write is one
 * message, one read returns one message). Each command prints one line
 * starting with RPMSG-ECHO, RPMSG-STREAM, RPMSG-COPY, RPMSG-WAIT,
 * RPMSG-FILL or RPMSG-POKE, then
 * key=value pairs. Exit 0 on success, 1 on a mismatch or a timeout (no
 * wait is longer than TIMEOUT_MS, or $RPMSG_TEST_TIMEOUT_MS), 2 on a
 * usage or setup error.
 */
#include <errno.h>
#include <fcntl.h>
#include <glob.h>
#include <poll.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

#define MAX_PAYLOAD	496		/* 512-byte buffers, 16-byte header */
#define TIMEOUT_MS	10000		/* RPMSG_TEST_TIMEOUT_MS overrides it */
#define STREAM_MAGIC	"M7STREAM"	/* + u32 count + u32 size, LE */

static const char *prog = "rpmsg-test";
static int timeout_ms = TIMEOUT_MS;

static uint64_t now_us(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000 + ts.tv_nsec / 1000;
}

/* Byte j of echo message i. */
static uint8_t echo_byte(unsigned int i, unsigned int j)
{
	return (uint8_t)(i * 13 + j * 3 + 0x5a);
}

/*
 * Message i of a stream, as m7_endpoint.stream_payload() makes it: byte j
 * is (i * 7 + j) & 0xff, but the first (up to) 4 bytes hold i, LE.
 */
static uint8_t stream_byte(unsigned int i, unsigned int j)
{
	if (j < 4)
		return (uint8_t)(i >> (8 * j));
	return (uint8_t)(i * 7 + j);
}

static long parse_num(const char *s, long min, long max)
{
	char *end;
	long v;

	errno = 0;
	v = strtol(s, &end, 0);
	if (errno || *end || end == s || v < min || v > max) {
		fprintf(stderr, "%s: \"%s\" is not a number in [%ld, %ld]\n",
			prog, s, min, max);
		exit(2);
	}
	return v;
}

/* Wait until fd has @events; 0 when ready, -1 on a timeout or an error. */
static int wait_fd(int fd, short events, const char *what)
{
	struct pollfd p = { .fd = fd, .events = events };
	int r;

	do {
		r = poll(&p, 1, timeout_ms);
	} while (r < 0 && errno == EINTR);
	if (r == 0) {
		fprintf(stderr, "%s: no %s in %d ms\n", prog, what, timeout_ms);
		return -1;
	}
	if (r < 0 || (p.revents & (POLLERR | POLLHUP | POLLNVAL))) {
		fprintf(stderr, "%s: poll for %s: %s (revents 0x%x)\n", prog,
			what, r < 0 ? strerror(errno) : "error", p.revents);
		return -1;
	}
	return 0;
}

/*
 * Write all of buf. rpmsg_tty uses rpmsg_trysend(): with every tx buffer
 * in flight the write fails with ENOMEM, so that is retried, within the
 * time limit; rpmsg_char blocks instead.
 */
static int write_all(int fd, const uint8_t *buf, size_t len)
{
	uint64_t end = now_us() + (uint64_t)timeout_ms * 1000;
	size_t done = 0;
	ssize_t n;

	while (done < len) {
		n = write(fd, buf + done, len - done);
		if (n > 0) {
			done += n;
			continue;
		}
		if (n < 0 && (errno == EINTR || errno == ENOMEM ||
			      errno == EAGAIN) && now_us() < end) {
			usleep(100);
			continue;
		}
		fprintf(stderr, "%s: write of %zu bytes: %s\n", prog,
			len - done, n < 0 ? strerror(errno) : "wrote 0");
		return -1;
	}
	return 0;
}

/* Read exactly len bytes from a byte stream (the tty). */
static int read_exact(int fd, uint8_t *buf, size_t len)
{
	size_t done = 0;
	ssize_t n;

	while (done < len) {
		if (wait_fd(fd, POLLIN, "echo from the tty"))
			return -1;
		n = read(fd, buf + done, len - done);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			fprintf(stderr, "%s: read: %s\n", prog,
				n < 0 ? strerror(errno) : "end of file");
			return -1;
		}
		done += n;
	}
	return 0;
}

/* Read one message; its size, or -1. */
static ssize_t read_msg(int fd, uint8_t *buf, size_t len, const char *what)
{
	ssize_t n;

	do {
		if (wait_fd(fd, POLLIN, what))
			return -1;
		n = read(fd, buf, len);
	} while (n < 0 && errno == EINTR);
	if (n < 0)
		fprintf(stderr, "%s: read: %s\n", prog, strerror(errno));
	return n;
}

/* Open DEV; a tty is put in raw mode (no echo, no line discipline). */
static int open_dev(const char *dev, int *is_tty)
{
	struct termios t;
	int fd;

	fd = open(dev, O_RDWR | O_NOCTTY);
	if (fd < 0) {
		fprintf(stderr, "%s: open %s: %s\n", prog, dev, strerror(errno));
		exit(2);
	}
	*is_tty = isatty(fd);
	if (!*is_tty)
		return fd;
	if (tcgetattr(fd, &t)) {
		fprintf(stderr, "%s: tcgetattr %s: %s\n", prog, dev,
			strerror(errno));
		exit(2);
	}
	cfmakeraw(&t);
	t.c_cc[VMIN] = 1;
	t.c_cc[VTIME] = 0;
	if (tcsetattr(fd, TCSANOW, &t) || tcflush(fd, TCIOFLUSH)) {
		fprintf(stderr, "%s: raw mode on %s: %s\n", prog, dev,
			strerror(errno));
		exit(2);
	}
	return fd;
}

/* First differing byte of got against message i, or -1. */
static long first_diff(const uint8_t *got, size_t len, unsigned int i,
		       uint8_t (*byte)(unsigned int, unsigned int))
{
	size_t j;

	for (j = 0; j < len; j++)
		if (got[j] != byte(i, j))
			return (long)j;
	return -1;
}

static int cmd_echo(const char *dev, long n)
{
	uint8_t out[MAX_PAYLOAD], in[MAX_PAYLOAD + 1];
	unsigned long long bytes = 0;
	long i, ok = 0, bad = 0, at;
	int fd, tty, timeout = 0;
	uint64_t t0, us;
	size_t len, j;
	ssize_t got;

	fd = open_dev(dev, &tty);
	t0 = now_us();
	for (i = 0; i < n && !timeout; i++) {
		len = 1 + i % MAX_PAYLOAD;
		for (j = 0; j < len; j++)
			out[j] = echo_byte(i, j);
		if (write_all(fd, out, len)) {
			timeout = 1;
			break;
		}
		if (tty)
			got = read_exact(fd, in, len) ? -1 : (ssize_t)len;
		else
			got = read_msg(fd, in, sizeof(in), "echo message");
		if (got < 0) {
			timeout = 1;
			break;
		}
		at = first_diff(in, (size_t)got < len ? (size_t)got : len, i,
				 echo_byte);
		if ((size_t)got != len || at >= 0) {
			if (bad++ < 5)
				fprintf(stderr,
					"%s: message %ld: sent %zu bytes, got %zd, first difference at %ld\n",
					prog, i, len, got, at);
			continue;
		}
		ok++;
		bytes += len;
	}
	us = now_us() - t0;
	printf("RPMSG-ECHO dev=%s n=%ld bytes=%llu ok=%ld bad=%ld timeout=%d usec=%llu msgs_per_s=%llu\n",
	       dev, n, bytes, ok, bad, timeout, (unsigned long long)us,
	       us ? (unsigned long long)ok * 1000000 / us : 0);
	close(fd);
	return ok == n ? 0 : 1;
}

static int cmd_stream(const char *dev, long count, long size)
{
	uint8_t req[16], in[MAX_PAYLOAD + 1];
	unsigned long long bytes = 0;
	long i, ok = 0, bad = 0, at;
	int fd, tty, timeout = 0;
	uint32_t v;
	uint64_t t0, us;
	ssize_t got;

	fd = open_dev(dev, &tty);
	if (tty) {
		fprintf(stderr, "%s: stream needs the message device of the \"rpmsg-raw\" channel (/dev/rpmsgN), not a tty\n",
			prog);
		return 2;
	}
	memcpy(req, STREAM_MAGIC, 8);
	v = (uint32_t)count;
	memcpy(req + 8, &v, 4);		/* arm64 is little endian */
	v = (uint32_t)size;
	memcpy(req + 12, &v, 4);
	t0 = now_us();
	if (write_all(fd, req, sizeof(req)))
		return 1;
	for (i = 0; i < count; i++) {
		got = read_msg(fd, in, sizeof(in), "stream message");
		if (got < 0) {
			timeout = 1;
			break;
		}
		at = first_diff(in, got < size ? got : size, i, stream_byte);
		if (got != size || at >= 0) {
			if (bad++ < 5)
				fprintf(stderr,
					"%s: stream message %ld: %zd bytes (want %ld), first difference at %ld\n",
					prog, i, got, size, at);
			continue;
		}
		ok++;
		bytes += got;
	}
	us = now_us() - t0;
	printf("RPMSG-STREAM dev=%s count=%ld size=%ld bytes=%llu ok=%ld bad=%ld timeout=%d usec=%llu bytes_per_s=%llu\n",
	       dev, count, size, bytes, ok, bad, timeout,
	       (unsigned long long)us,
	       us ? bytes * 1000000 / us : 0);
	close(fd);
	return ok == count ? 0 : 1;
}

/*
 * The baseline: the same memory, no protocol. Each round copies SIZE bytes
 * into the mapping and back out; both buffers are page aligned and SIZE a
 * multiple of the page size, so memcpy makes only aligned accesses (the
 * mapping may be Device memory, where an unaligned access faults).
 */
static int cmd_copy(long pa, long size, long rounds)
{
	uint64_t t0, t_in = 0, t_out = 0;
	long page = sysconf(_SC_PAGESIZE), r;
	uint8_t *local, *map;
	int fd, bad = 0;

	if (pa % page || size % page) {
		fprintf(stderr, "%s: PA and SIZE must be multiples of %ld\n",
			prog, page);
		return 2;
	}
	fd = open("/dev/mem", O_RDWR | O_SYNC);
	if (fd < 0) {
		fprintf(stderr, "%s: open /dev/mem: %s\n", prog, strerror(errno));
		return 2;
	}
	map = mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_SHARED, fd, pa);
	if (map == MAP_FAILED) {
		fprintf(stderr, "%s: mmap /dev/mem at 0x%lx: %s\n", prog, pa,
			strerror(errno));
		return 2;
	}
	if (posix_memalign((void **)&local, page, size)) {
		fprintf(stderr, "%s: no memory for %ld bytes\n", prog, size);
		return 2;
	}
	for (r = 0; r < rounds; r++) {
		memset(local, (int)(r * 37 + 1), size);
		t0 = now_us();
		memcpy(map, local, size);
		t_in += now_us() - t0;
		memset(local, 0, size);
		t0 = now_us();
		memcpy(local, map, size);
		t_out += now_us() - t0;
		if (local[0] != (uint8_t)(r * 37 + 1) ||
		    local[size - 1] != (uint8_t)(r * 37 + 1))
			bad++;
	}
	printf("RPMSG-COPY pa=0x%lx size=%ld rounds=%ld bad=%d write_usec=%llu read_usec=%llu write_bytes_per_s=%llu read_bytes_per_s=%llu\n",
	       pa, size, rounds, bad, (unsigned long long)t_in,
	       (unsigned long long)t_out,
	       t_in ? (unsigned long long)size * rounds * 1000000 / t_in : 0,
	       t_out ? (unsigned long long)size * rounds * 1000000 / t_out : 0);
	munmap(map, size);
	close(fd);
	free(local);
	return bad ? 1 : 0;
}

static int cmd_wait(const char *pattern, long seconds)
{
	uint64_t t0 = now_us(), end = t0 + (uint64_t)seconds * 1000000;
	glob_t g;
	size_t k;

	for (;;) {
		if (glob(pattern, 0, NULL, &g) == 0) {
			printf("RPMSG-WAIT glob=%s found=", pattern);
			for (k = 0; k < g.gl_pathc; k++)
				printf("%s%s", k ? "," : "", g.gl_pathv[k]);
			printf(" usec=%llu\n", (unsigned long long)(now_us() - t0));
			globfree(&g);
			return 0;
		}
		globfree(&g);
		if (now_us() >= end)
			break;
		usleep(20000);
	}
	printf("RPMSG-WAIT glob=%s found= timeout=%ld\n", pattern, seconds);
	return 1;
}

/*
 * /dev/mem maps memory that is not the kernel's as Device memory, where a
 * wider or unaligned access, as memcpy may make, faults: these accessors
 * make exactly one aligned 32-bit access each, which the compiler may
 * neither merge nor split.
 */
static void put32(uint32_t *p, uint32_t v)
{
	__atomic_store_n(p, v, __ATOMIC_RELAXED);
}

static uint32_t get32(uint32_t *p)
{
	return __atomic_load_n(p, __ATOMIC_RELAXED);
}

/* Map [pa, pa + size) of /dev/mem, both page aligned; NULL on an error. */
static uint32_t *map_mem(long pa, long size)
{
	long page = sysconf(_SC_PAGESIZE);
	void *map;
	int fd;

	if (pa % page || size % page) {
		fprintf(stderr, "%s: PA and SIZE must be multiples of %ld\n",
			prog, page);
		return NULL;
	}
	fd = open("/dev/mem", O_RDWR | O_SYNC);
	if (fd < 0) {
		fprintf(stderr, "%s: open /dev/mem: %s\n", prog, strerror(errno));
		return NULL;
	}
	map = mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_SHARED, fd, pa);
	close(fd);
	if (map == MAP_FAILED) {
		fprintf(stderr, "%s: mmap /dev/mem at 0x%lx: %s\n", prog, pa,
			strerror(errno));
		return NULL;
	}
	return map;
}

/*
 * The fill pattern's word at physical address pa (a multiple of 4), as
 * tests/lib/coredump.py fill_word() computes it: it says where it is.
 */
static uint32_t fill_word(uint64_t pa, uint32_t seed)
{
	uint32_t w = (uint32_t)(pa * 2654435761u) ^ (uint32_t)(pa >> 32) ^ seed;

	w ^= w >> 15;
	w *= 0x2c1b3c6du;
	w ^= w >> 12;
	return w;
}

static int cmd_fill(long pa, long size, long seed)
{
	uint32_t *map = map_mem(pa, size);
	long i;

	if (!map)
		return 2;
	for (i = 0; i < size / 4; i++)
		put32(map + i, fill_word((uint64_t)pa + 4 * i, (uint32_t)seed));
	for (i = 0; i < size / 4; i++)
		if (get32(map + i) != fill_word((uint64_t)pa + 4 * i, (uint32_t)seed))
			break;
	printf("RPMSG-FILL pa=0x%lx size=0x%lx seed=0x%lx bad=%d\n", pa, size,
	       seed, i != size / 4);
	munmap(map, size);
	return i == size / 4 ? 0 : 1;
}

/* All of FILE into a malloc'ed buffer, zero-padded to a multiple of 4. */
static uint8_t *slurp(const char *file, size_t *len)
{
	size_t cap = 1 << 20, n = 0;
	uint8_t *buf = malloc(cap), *nb;
	ssize_t r;
	int fd;

	fd = open(file, O_RDONLY);
	if (fd < 0 || !buf) {
		fprintf(stderr, "%s: open %s: %s\n", prog, file, strerror(errno));
		exit(2);
	}
	for (;;) {
		if (cap - n < 65536) {
			nb = realloc(buf, cap * 2);
			if (!nb) {
				fprintf(stderr, "%s: no memory for %s\n", prog, file);
				exit(2);
			}
			buf = nb;
			cap *= 2;
		}
		r = read(fd, buf + n, cap - n - 4);
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0) {
			fprintf(stderr, "%s: read %s: %s\n", prog, file,
				strerror(errno));
			exit(2);
		}
		if (r == 0)
			break;
		n += r;
	}
	close(fd);
	memset(buf + n, 0, 4);
	*len = n;
	return buf;
}

static int cmd_poke(long pa, long size, const char *file)
{
	long page = sysconf(_SC_PAGESIZE);
	uint32_t w, hdr[4], *map;
	size_t len, i;
	uint8_t *buf;

	buf = slurp(file, &len);
	if ((long)len > size - page) {
		fprintf(stderr, "%s: %s has %zu bytes, the area at 0x%lx only room for %ld\n",
			prog, file, len, pa, size - page);
		return 2;
	}
	map = map_mem(pa, size);
	if (!map)
		return 2;
	for (i = 0; i < (len + 3) / 4; i++) {
		memcpy(&w, buf + 4 * i, 4);
		put32(map + page / 4 + i, w);
	}
	/* The header last: a torn copy has none. arm64 is little endian. */
	memcpy(hdr, "M7POKE01", 8);
	hdr[2] = (uint32_t)len;
	hdr[3] = (uint32_t)((uint64_t)len >> 32);
	for (i = 0; i < 4; i++)
		put32(map + i, hdr[i]);
	printf("RPMSG-POKE pa=0x%lx file=%s len=%zu\n", pa, file, len);
	munmap(map, size);
	free(buf);
	return 0;
}

static void die_usage(void)
{
	fprintf(stderr,
		"usage: %s echo DEV N\n"
		"       %s stream DEV COUNT SIZE\n"
		"       %s copy PA SIZE ROUNDS\n"
		"       %s wait GLOB SECONDS\n"
		"       %s fill PA SIZE SEED\n"
		"       %s poke PA SIZE FILE\n",
		prog, prog, prog, prog, prog, prog);
	exit(2);
}

int main(int argc, char **argv)
{
	const char *cmd = argc > 1 ? argv[1] : "";
	const char *t = getenv("RPMSG_TEST_TIMEOUT_MS");

	setvbuf(stdout, NULL, _IOLBF, 0);
	if (t)
		timeout_ms = (int)parse_num(t, 1, 3600000);
	if (!strcmp(cmd, "echo") && argc == 4)
		return cmd_echo(argv[2], parse_num(argv[3], 1, 100000000));
	if (!strcmp(cmd, "stream") && argc == 5)
		return cmd_stream(argv[2], parse_num(argv[3], 1, 10000000),
				  parse_num(argv[4], 1, MAX_PAYLOAD));
	if (!strcmp(cmd, "copy") && argc == 5)
		return cmd_copy(parse_num(argv[2], 0, 0x7fffffffffffL),
				parse_num(argv[3], 1, 1L << 30),
				parse_num(argv[4], 1, 1000000));
	if (!strcmp(cmd, "wait") && argc == 4)
		return cmd_wait(argv[2], parse_num(argv[3], 0, 3600));
	if (!strcmp(cmd, "fill") && argc == 5)
		return cmd_fill(parse_num(argv[2], 0, 0x7fffffffffffL),
				parse_num(argv[3], 1, 1L << 30),
				parse_num(argv[4], 0, 0xffffffffL));
	if (!strcmp(cmd, "poke") && argc == 5)
		return cmd_poke(parse_num(argv[2], 0, 0x7fffffffffffL),
				parse_num(argv[3], 1, 1L << 30), argv[4]);
	die_usage();
	return 2;
}
