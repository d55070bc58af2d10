package io.mimic.linuxuser.elf;

import io.mimic.translator.memory.AddressSpace;
import io.mimic.translator.memory.GuestAccess;
import io.mimic.translator.memory.Prot;

import java.lang.foreign.MemorySegment;
import java.nio.file.Files;

/** Maps an ELF file's PT_LOAD segments into the guest address space. */
public final class ElfLoader {
    /** Where an image ended up: load bias, entry, program headers and the end of its data (for brk). */
    public record Loaded(long bias, long entry, long phdr, int phnum, long end) {}

    private ElfLoader() {}

    /** Lowest and highest (exclusive) virtual address of the PT_LOAD segments, page-rounded. */
    public static long[] span(ElfFile elf) {
        long lo = Long.MAX_VALUE, hi = 0;
        for (ElfFile.Segment s : elf.segments) {
            if (s.type() != ElfFile.PT_LOAD) continue;
            lo = Math.min(lo, AddressSpace.pageDown(s.vaddr()));
            hi = Math.max(hi, AddressSpace.pageUp(s.vaddr() + s.memsz()));
        }
        return new long[] {lo, hi};
    }

    /** What /proc/self/maps shows for the file's pages: its real name, device and inode. */
    private record FileIdentity(String name, long device, long inode) {
        static FileIdentity of(java.nio.file.Path p) {
            try {
                return new FileIdentity(p.toRealPath().toString(), ((Number) Files.getAttribute(p, "unix:dev")).longValue(),
                        ((Number) Files.getAttribute(p, "unix:ino")).longValue());
            } catch (java.io.IOException | RuntimeException e) {
                return new FileIdentity(p.toAbsolutePath().toString(), 0, 0);
            }
        }

        AddressSpace.Backing at(long offset) {
            return new AddressSpace.Backing(name, offset, device, inode, false);
        }
    }

    /** Loads the image with the given bias (0 for ET_EXEC). */
    public static Loaded load(ElfFile elf, AddressSpace as, long bias) throws ElfException {
        long[] span = span(elf);
        if (span[0] + bias < AddressSpace.PAGE_SIZE || span[1] + bias > AddressSpace.LIMIT) {
            throw new ElfException(elf.path + ": segments lie outside the guest address space", 126);
        }
        MemorySegment mem = GuestAccess.raw();
        FileIdentity file = FileIdentity.of(elf.path);
        long end = 0;
        long phdr = 0;
        for (ElfFile.Segment s : elf.segments) {
            if (s.type() == ElfFile.PT_PHDR) phdr = s.vaddr() + bias;
            if (s.type() != ElfFile.PT_LOAD) continue;
            int prot = ((s.flags() & ElfFile.PF_R) != 0 ? Prot.READ : 0)
                    | ((s.flags() & ElfFile.PF_W) != 0 ? Prot.WRITE : 0)
                    | ((s.flags() & ElfFile.PF_X) != 0 ? Prot.EXEC : 0);
            long start = AddressSpace.pageDown(s.vaddr() + bias);
            long stop = AddressSpace.pageUp(s.vaddr() + bias + s.memsz());
            // A page shared with the previous segment keeps both segments' permissions.
            while (start < stop && (as.prot(start) & Prot.MAPPED) != 0) {
                as.protect(start, AddressSpace.PAGE_SIZE, (as.prot(start) & 7) | prot);
                start += AddressSpace.PAGE_SIZE;
            }
            if (start < stop) {
                // As the kernel maps it: file pages up to the end of the file data, then anonymous
                // zero pages (the bss) that /proc/self/maps shows without a name.
                long fileEnd = s.filesz() == 0 ? start : Math.min(stop, AddressSpace.pageUp(s.vaddr() + bias + s.filesz()));
                long pageOffset = AddressSpace.pageDown(s.offset()) + (start - AddressSpace.pageDown(s.vaddr() + bias));
                if (fileEnd > start) as.map(start, fileEnd - start, prot, file.at(pageOffset));
                if (stop > Math.max(start, fileEnd)) as.map(Math.max(start, fileEnd), stop - Math.max(start, fileEnd), prot, "");
            }
            long dst = s.vaddr() + bias;
            if (s.filesz() > 0) elf.copy(s.offset(), s.filesz(), mem, dst);
            if (s.memsz() > s.filesz()) mem.asSlice(dst + s.filesz(), s.memsz() - s.filesz()).fill((byte) 0);
            if (s.offset() == 0 && phdr == 0) phdr = s.vaddr() + bias + elf.phoff;
            end = Math.max(end, s.vaddr() + bias + s.memsz());
        }
        if (phdr == 0) {
            for (ElfFile.Segment s : elf.segments) {
                if (s.type() == ElfFile.PT_LOAD && elf.phoff >= s.offset() && elf.phoff < s.offset() + s.filesz()) {
                    phdr = s.vaddr() + bias + (elf.phoff - s.offset());
                }
            }
        }
        return new Loaded(bias, elf.entry + bias, phdr, elf.phnum, end);
    }
}
