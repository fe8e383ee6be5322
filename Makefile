# SPDX-License-Identifier: GPL-2.0
#
# imx-m7-rproc: out-of-tree build of imx_m7_rproc.ko, plus the project's
# tools and tests. `make help` lists the targets.

KERNEL_SRC ?= /lib/modules/$(shell uname -r)/build
KDIR ?= $(KERNEL_SRC)
# Where this checkout is, whatever directory make was started from.
TOP := $(abspath $(dir $(lastword $(MAKEFILE_LIST))))

# The one version of imx-m7-rproc is MODULE_VERSION in imx_m7_rproc.c; the
# README, contrib/dkms.conf and the Yocto recipe's name carry the same
# (tests/suites/package.kernel.sh checks that they do).
VERSION := $(shell sed -n 's/^MODULE_VERSION("\(.*\)");$$/\1/p' $(TOP)/imx_m7_rproc.c)

# ARCH and CROSS_COMPILE pass through to kbuild from the command line or the
# environment; W=1 and C=2 likewise. Every recipe that runs kbuild names
# $(MAKE) itself: GNU make passes its jobserver (make -j) only to recipe
# lines where $(MAKE) is visible, not hidden inside another variable.
KBUILD_ARGS = -C $(KDIR) M=$(TOP)
# FW= relative to where the user typed the command, even with make -C: the
# environment's PWD is the shell's directory, CURDIR is make's.
FW_PATH = $(if $(filter /%,$(FW)),$(FW),$(or $(PWD),$(CURDIR))/$(FW))

.PHONY: all modules modules_install clean help tools dtbs check demo qemu-run bench fuzz version

all: modules

modules:
	$(MAKE) $(KBUILD_ARGS) modules

modules_install:
	$(MAKE) $(KBUILD_ARGS) modules_install

clean:
	$(MAKE) $(KBUILD_ARGS) clean 2>/dev/null || true
	rm -f $(TOP)/imx_m7_rproc_main.c
	rm -rf $(TOP)/build
	$(MAKE) -C $(TOP)/tools clean

tools:
	$(MAKE) -C $(TOP)/tools

dtbs:
	$(MAKE) -C $(TOP)/dts

check:
	$(TOP)/tests/check.sh

demo:
	$(TOP)/tests/board/demo.sh

qemu-run:
	@test -n "$(FW)" || { echo "usage: make qemu-run FW=path/to/firmware.elf [OCRAM=1] [SOC=imx8mm|imx8mn]" >&2; exit 2; }
	$(TOP)/tests/board/qemu-run.sh $(if $(SOC),--soc $(SOC)) $(if $(filter 1,$(OCRAM)),--ocram) "$(FW_PATH)"

bench:
	$(TOP)/tests/bench.sh

# FUZZ_TIME=seconds (default 600) and FUZZ_MERGE=1 pass through the
# environment to the script; docs/fuzzing.md.
fuzz:
	$(TOP)/tests/fuzz/campaign.sh

version:
	@echo $(VERSION)

help:
	@echo 'imx-m7-rproc $(VERSION) targets:'
	@echo '  make [KDIR=<kernel build dir>] [ARCH=arm64 CROSS_COMPILE=aarch64-linux-gnu-]'
	@echo '                       build imx_m7_rproc.ko (KDIR defaults to the running'
	@echo '                       kernel; KERNEL_SRC is accepted as Yocto passes it)'
	@echo '  make modules_install install it under $$INSTALL_MOD_PATH/lib/modules'
	@echo '  make clean           remove build products'
	@echo '  make tools           build tools/m7-preflight'
	@echo '  make dtbs            build the device-tree overlays in dts/'
	@echo '  make demo            boot the emulated board, start and stop an M7 firmware'
	@echo '  make qemu-run FW=x.elf [OCRAM=1] [SOC=imx8mm|imx8mn]'
	@echo '                       try your firmware on the emulated board'
	@echo '  make check           install what is missing, run every test suite'
	@echo '  make bench           start-path and planner figures (docs/bench.md)'
	@echo '  make version         print the version (MODULE_VERSION)'
	@echo '  make fuzz [FUZZ_TIME=600] [FUZZ_MERGE=1]'
	@echo '                       libFuzzer campaign from tests/fuzz/ (findings: build/fuzz/)'
