# SPDX-License-Identifier: GPL-2.0
SUMMARY = "remoteproc driver for the i.MX8M Plus Cortex-M7 (imx_m7_rproc.ko)"
DESCRIPTION = "Loads and starts Cortex-M7 firmware ELF images on the i.MX8M \
Plus, refusing bad images with a diagnostic; RPMsg through the MU."
LICENSE = "GPL-2.0-only"
LIC_FILES_CHKSUM = "file://LICENSE;md5=b234ee4d69f5fce4486a80fdaf4a4263"

# The version is the file name's and MODULE_VERSION's
# (tests/suites/package.kernel.sh checks that they agree).
#
# Built from the checkout this layer lives in. For a product build, fetch
# a tagged release instead, e.g.
#   SRC_URI = "git://example.com/imx-m7-rproc.git;protocol=https;branch=main"
#   SRCREV = "<the v${PV} commit>"
#   S = "${WORKDIR}/git"
# and drop the three externalsrc lines.
inherit externalsrc
EXTERNALSRC = "${IMX_M7_RPROC_SRCDIR}"
EXTERNALSRC_BUILD = "${IMX_M7_RPROC_SRCDIR}"

# The module class runs the top-level Makefile: `make KERNEL_SRC=...` (no
# target: imx_m7_rproc.ko only; the test modules need IMX_M7_TESTS=1,
# never set here), then `make modules_install`. No do_compile/do_install of
# our own: the package suite runs the class's command lines.
inherit module

# Load the driver at boot (/etc/modules-load.d/imx_m7_rproc.conf).
KERNEL_MODULE_AUTOLOAD += "imx_m7_rproc"

RPROVIDES:${PN} += "kernel-module-imx-m7-rproc"
COMPATIBLE_MACHINE = "(mx8mp-generic-bsp|mx8mp-nxp-bsp|verdin-imx8mp)"
