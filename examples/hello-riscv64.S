# The bundled example: a freestanding RISC-V 64 Linux program (no libc), small enough to
# commit. Build: riscv64-linux-gnu-gcc -nostdlib -static -s -Wl,--build-id=none \
#                  -o examples/hello-riscv64 examples/hello-riscv64.S
# It prints a greeting, counts to 10 in a loop (a JVM loop once translated), and exits 0.
    .option norelax             # no gp-relative relaxation: this program sets up no gp
    .section .text
    .globl _start
_start:
    li      a7, 64              # write(1, msg, len)
    li      a0, 1
    lla     a1, msg
    li      a2, 56
    ecall
    li      t0, 0               # sum 1..10 = 55, printed as two digits
    li      t1, 10
1:  add     t0, t0, t1
    addi    t1, t1, -1
    bnez    t1, 1b
    li      t2, 10
    divu    t3, t0, t2
    remu    t4, t0, t2
    addi    t3, t3, '0'
    addi    t4, t4, '0'
    lla     a1, sum
    sb      t3, 16(a1)
    sb      t4, 17(a1)
    li      a7, 64
    li      a0, 1
    li      a2, 19
    ecall
    li      a7, 93              # exit(0)
    li      a0, 0
    ecall

    .section .data
msg:    .ascii "Hello from RISC-V, translated to JVM bytecode by Mimic!\n"
sum:    .ascii "sum of 1..10 is ??\n"
