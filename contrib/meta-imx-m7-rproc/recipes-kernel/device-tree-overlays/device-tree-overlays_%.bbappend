# SPDX-License-Identifier: GPL-2.0
# Our Verdin iMX8M Plus overlays, added the way Toradex's BSP layers take
# device-tree overlays: the sources copied into the device-tree-overlays
# recipe's tree by do_collect_overlays (toradex-devicetree.bbclass, from
# meta-toradex-bsp-common), compiled by the devicetree class with the
XX
# the Toradex Easy Installer image (TEZI_EXTERNAL_KERNEL_DEVICETREE) and
# enabled at boot through overlays.txt's fdt_overlays=
# (TEZI_EXTERNAL_KERNEL_DEVICETREE_BOOT).
#
# Toradex's verdin-imx8mp_hmp_overlay.dtbo describes the same M7 memory
# for NXP's imx_rproc and must not be applied with ours: it is dropped
# from the boot list.
FILESEXTRAPATHS:prepend := "${IMX_M7_RPROC_SRCDIR}/dts:"

IMX_M7_RPROC_OVERLAYS = " \
    verdin-imx8mp_m7-tcm_overlay.dts \
    verdin-imx8mp_m7-ddr-rpmsg_overlay.dts \
"
# The one applied at boot: the DDR/RPMsg layout (or the TCM-only one).
IMX_M7_RPROC_OVERLAY_BOOT ?= "verdin-imx8mp_m7-ddr-rpmsg_overlay.dtbo"

SRC_URI:append:verdin-imx8mp = " \
    file://verdin-imx8mp_m7-tcm_overlay.dts \
    file://verdin-imx8mp_m7-ddr-rpmsg_overlay.dts \
"

TEZI_EXTERNAL_KERNEL_DEVICETREE:append:verdin-imx8mp = " \
    verdin-imx8mp_m7-tcm_overlay.dtbo \
    verdin-imx8mp_m7-ddr-rpmsg_overlay.dtbo \
"
TEZI_EXTERNAL_KERNEL_DEVICETREE_BOOT:append:verdin-imx8mp = " ${IMX_M7_RPROC_OVERLAY_BOOT}"
TEZI_EXTERNAL_KERNEL_DEVICETREE_BOOT:remove:verdin-imx8mp = "verdin-imx8mp_hmp_overlay.dtbo"

do_collect_overlays:prepend:verdin-imx8mp() {
    for dts in ${IMX_M7_RPROC_OVERLAYS}; do
        cp ${WORKDIR}/$dts ${S}/
    done
}
