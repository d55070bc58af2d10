package io.mimic.linuxuser.process;

/**
 * Where execve put the program, as Linux's mm_struct records it for /proc/self/stat,
 * /proc/self/cmdline and /proc/self/auxv: the code and data ranges of the executable (start_code,
 * end_code, start_data, end_data), the initial stack pointer (start_stack), the argument and
 * environment strings on the stack, and a copy of the auxiliary vector (saved_auxv; the guest may
 * overwrite its stack, the kernel's copy stays).
 */
public record ImageLayout(long startCode, long endCode, long startData, long endData, long startStack,
                          long argStart, long argEnd, long envStart, long envEnd, byte[] auxv) {}
