package io.mimic.translator.memory;

import io.mimic.translator.engine.CpuState;
import io.mimic.translator.engine.GuestFault;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * The software TLB: what its compare lets through without the page table, and which entries a
 * change of mappings drops. Guest pages here are planted in the TLB or mapped for real; the host
 * reservation behind every guest address is readable, so a planted entry is safe to read through.
 */
class TlbTest {
    private static final long P = 0x7_0000_0000L, PAGE = AddressSpace.PAGE_SIZE;
    /** The guest instruction the accesses here stand for. */
    private static final long PC = 0x10_2340L;

    private final AddressSpace memory = new AddressSpace();
    private final CpuState cpu = new CpuState(memory) {
        @Override public void copyRegistersFrom(CpuState from) { }
    };

    @AfterEach
    void release() {
        cpu.detach();
        memory.clear();
    }

    private static int slot(long page) {
        return CpuState.tlbSlot(page);
    }

    @Test
    void misalignedAccessInsideAVouchedPageIsServedByTheTlbAlone() {
        // Not mapped in the page table: only the planted entry can let these through.
        cpu.tlbRead[slot(P)] = P;
        cpu.tlbWrite[slot(P)] = P;
        GuestAccess.st32le(P + 13, 0x11223344L, cpu, PC);
        assertEquals(0x11223344L, GuestAccess.ld32ule(P + 13, cpu, PC));
        assertEquals(0x44L, GuestAccess.ld8u(P + 13, cpu, PC));
        GuestAccess.st64le(P + PAGE - 8, 0, cpu, PC);
        GuestAccess.st32le(P + 13, 0, cpu, PC); // leave the host memory as it was
    }

    @Test
    void prefillVouchesForTheMappedPagesByTheirPermissionAndLeavesUsedSlotsAlone() {
        memory.map(P, 2 * PAGE, Prot.READ | Prot.WRITE, "data");
        memory.map(P + 2 * PAGE, PAGE, Prot.READ, "rodata");
        long other = P + (long) CpuState.TLB_SIZE * PAGE;  // the slot of P, another page
        cpu.tlbRead[slot(other)] = other;
        cpu.prefillTlb(P, P + 4 * PAGE);
        assertEquals(other, cpu.tlbRead[slot(P)], "a slot in use keeps its page");
        assertEquals(P, cpu.tlbWrite[slot(P)]);
        assertEquals(P + PAGE, cpu.tlbRead[slot(P + PAGE)]);
        assertEquals(P + 2 * PAGE, cpu.tlbRead[slot(P + 2 * PAGE)]);
        assertEquals(CpuState.TLB_INVALID, cpu.tlbWrite[slot(P + 2 * PAGE)], "a read-only page is not vouched for writes");
        assertEquals(CpuState.TLB_INVALID, cpu.tlbRead[slot(P + 3 * PAGE)], "nor an unmapped one");
        memory.unmap(P + PAGE, PAGE);
        cpu.syncTlb();
        assertEquals(CpuState.TLB_INVALID, cpu.tlbRead[slot(P + PAGE)], "an unmap drops a prefilled entry");
        assertThrows(GuestFault.class, () -> GuestAccess.ld8u(P + PAGE, cpu, PC));
    }

    @Test
    void accessCrossingOutOfAVouchedPageIsCheckedAgainstThePageTable() {
        memory.map(P, PAGE, Prot.READ | Prot.WRITE, "data");
        cpu.syncTlb();
        GuestAccess.ld8u(P, cpu, PC);
        GuestAccess.st8(P, 0, cpu, PC);
        assertEquals(P, cpu.tlbRead[slot(P)]);
        assertThrows(GuestFault.class, () -> GuestAccess.ld64le(P + PAGE - 4, cpu, PC));
        assertEquals(P + PAGE, cpu.faultAddress, "the fault names the first byte outside the mapping");
        assertEquals(PC, cpu.pc, "the fault records the instruction that made the access");
        assertThrows(GuestFault.class, () -> GuestAccess.st16le(P + PAGE - 1, 0, cpu, PC));
    }

    @Test
    void pageCrossingAccessBetweenMappedPagesWorksAndCachesNothing() {
        memory.map(P, 2 * PAGE, Prot.READ | Prot.WRITE, "data");
        cpu.syncTlb();
        GuestAccess.st64le(P + PAGE - 3, 0x0102030405060708L, cpu, PC);
        assertEquals(0x0102030405060708L, GuestAccess.ld64le(P + PAGE - 3, cpu, PC));
        assertEquals(CpuState.TLB_INVALID, cpu.tlbRead[slot(P)]);
        assertEquals(CpuState.TLB_INVALID, cpu.tlbRead[slot(P + PAGE)]);
        GuestAccess.ld8u(P + PAGE, cpu, PC);
        assertEquals(P + PAGE, cpu.tlbRead[slot(P + PAGE)], "an access inside one page refills its entry");
    }

    @Test
    void aChangedRangeDropsOnlyItsOwnEntriesAtTheNextSafePoint() {
        memory.map(P, 3 * PAGE, Prot.READ | Prot.WRITE, "data");
        cpu.syncTlb();
        for (long page = P; page < P + 3 * PAGE; page += PAGE) GuestAccess.ld8u(page, cpu, PC);
        memory.unmap(P + PAGE, PAGE);
        assertEquals(1, cpu.interruptPending, "the CPU is told to stop at its next safe point");
        assertEquals(P + PAGE, cpu.tlbRead[slot(P + PAGE)], "only the CPU's own thread drops entries");
        cpu.syncTlb();
        assertEquals(P, cpu.tlbRead[slot(P)]);
        assertEquals(CpuState.TLB_INVALID, cpu.tlbRead[slot(P + PAGE)]);
        assertEquals(P + 2 * PAGE, cpu.tlbRead[slot(P + 2 * PAGE)]);
        assertThrows(GuestFault.class, () -> GuestAccess.ld8u(P + PAGE, cpu, PC));
    }

    @Test
    void aRangeLargerThanTheTlbsReachDropsTheEntriesInside() {
        long big = (CpuState.TLB_SIZE + 16) * PAGE;
        memory.map(P, big + PAGE, Prot.READ, "data");
        cpu.syncTlb();
        long inside = P + 5 * PAGE, last = P + big;
        GuestAccess.ld8u(inside, cpu, PC);
        GuestAccess.ld8u(last, cpu, PC);
        memory.unmap(P, big);
        cpu.syncTlb();
        assertEquals(CpuState.TLB_INVALID, cpu.tlbRead[slot(inside)]);
        assertEquals(last, cpu.tlbRead[slot(last)], "the page after the range keeps its entry");
    }

    @Test
    void tooManyChangedRangesFlushTheWholeTlb() {
        memory.map(P, PAGE, Prot.READ, "data");
        cpu.syncTlb();
        GuestAccess.ld8u(P, cpu, PC);
        long other = P + 64 * PAGE;
        for (int i = 0; i < 20; i++) memory.map(other + i * 2 * PAGE, PAGE, Prot.READ, "more");
        cpu.syncTlb();
        assertEquals(CpuState.TLB_INVALID, cpu.tlbRead[slot(P)]);
    }
}
