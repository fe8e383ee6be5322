# SPDX-License-Identifier: GPL-2.0
#
# Filter a kmemleak report (cat /sys/kernel/debug/kmemleak) down to the
# objects allocated since the test began: awk -v j0=JIFFIES, the kernel's
# jiffies when the test began (/proc/timer_list). kmemleak prints the
# jiffies of each object's allocation ("comm ..., pid N, jiffies J").
# Objects from the boot itself (J < j0) are counted on one line and not
# printed; every other report block, and any block without a jiffies
# value, is printed whole, for tests/qemu/run.sh to fail on.
# Runs under busybox awk in the guest and any POSIX awk on the host.

function flush() {
	if (n == 0)
		return
	if (keep) {
		for (i = 1; i <= n; i++)
			print blk[i]
		shown++
	} else {
		old++
	}
	n = 0
}

/^unreferenced object / {
	flush()
	keep = 1
}

{
	if (n == 0 && $0 !~ /^unreferenced object /) {
		print
		next
	}
	blk[++n] = $0
}

n == 2 && match($0, /, jiffies [0-9]+/) {
	if (substr($0, RSTART + 10, RLENGTH - 10) + 0 < j0 + 0)
		keep = 0
}

END {
	flush()
	printf "M7TEST-KMEMLEAK %d new, %d from before the test (not shown; j0 %s)\n", shown, old, j0
}
