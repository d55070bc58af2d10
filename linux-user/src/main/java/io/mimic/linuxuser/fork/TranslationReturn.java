package io.mimic.linuxuser.fork;

import io.mimic.linuxuser.exec.PersistentTranslations;
import io.mimic.linuxuser.host.HostFds;
import io.mimic.linuxuser.host.PacketSockets;
import io.mimic.linuxuser.process.GuestProcess;

import java.io.IOException;

/**
 * A forked child's translations, returned to its parent when its copy of the parent's program
 * ends (exit or execve), so that the next child (the next command of a shell loop, say) starts
 * with them instead of translating the same code again in a cold JVM, and so that the parent,
 * which owns the program's translation file, appends them there. A program the child execs
 * keeps its translations in its own file. The channel is a packet socket made at fork: the
 * child sends what it translated (or learned from its own children) without blocking, as much
 * as the socket takes, and the parent reads it when it reaps the child. Nothing here is
 * trusted: the receiving code cache uses a translation only where the guest's bytes match it
 * (see CodeCache).
 */
public final class TranslationReturn {
    /** The child's end of its channel, or -1 (not a forked child, or the channel failed). */
    private static volatile int channel = -1;
    /** The image this child was forked with (its parent's program), while a channel exists. */
    private static volatile GuestProcess forkedImage;
    private TranslationReturn() {}

    static void channel(int fd, GuestProcess image) {
        channel = fd;
        forkedImage = image;
    }

    /**
     * If {@code image} is the parent's program as this child was forked with it, sends the parent
     * what it translated that the parent has not seen (as much as the channel takes), closes the
     * channel and returns true: the parent keeps it, in memory and in the program's translation
     * file, so the child does not write that file itself (naming and writing it cost a
     * fork+exit 23 ms in a cold JVM). Called when the image ends, at exit or at an execve, whose
     * new program keeps its own translations in its own file.
     */
    public static boolean returnToParent(GuestProcess image) {
        int fd = channel;
        if (image == null || image != forkedImage || fd < 0) return false;
        channel = -1;
        try {
            for (byte[] message : image.code.translationMessages(true, PacketSockets.MAX_MESSAGE)) {
                if (!PacketSockets.send(fd, message)) break;
            }
        } finally {
            HostFds.close(fd);
        }
        return true;
    }

    /** True while {@code image} is a forked child's copy of its parent's program, whose translations go back up. */
    static boolean returnsTranslationsOf(GuestProcess image) {
        return image != null && image == forkedImage && channel >= 0;
    }

    /**
     * Parent side, at the reaping of a child: takes what it returned, appends it to the running
     * program's translation file, and closes the channel.
     */
    public static void receive(GuestProcess owner, int fd) {
        try {
            if (owner == null) return;
            java.util.List<byte[]> messages = new java.util.ArrayList<>();
            for (byte[] m; (m = PacketSockets.receive(fd)) != null; ) messages.add(m);
            if (messages.isEmpty()) return;
            // A forked child's own children return theirs to it: they go on up with its own.
            boolean kept = !returnsTranslationsOf(owner) && PersistentTranslations.append(owner, messages);
            for (byte[] m : messages) owner.code.readTranslations(m, true, kept);
        } catch (IOException e) {
            // a malformed message from a child: what it returned is not used
        } finally {
            HostFds.close(fd);
        }
    }
}
